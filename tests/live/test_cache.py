"""The cache on disk: no key in it, corrupt files rebuilt, shared between processes."""

import base64
import json
import logging
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cc_lint.live.cache import CACHE_FILE, cacheable, decode_body, default_cache_dir
from cc_lint.live.redact import install_log_scrubber
from cc_lint.live.testing import FakeFlickr

from .conftest import EXPECTED, KEY, run

REPO = Path(__file__).resolve().parents[2]


def key_forms() -> list[bytes]:
    raw = KEY.encode()
    forms = [raw, raw.lower(), raw.upper()]
    for shift in range(3):  # the JSON serializer stores bodies in base64
        chunk = base64.b64encode(b"x" * shift + raw)[4 if shift else 0 : -4]
        forms.append(chunk)
    return forms


def test_key_never_reaches_the_cache_or_the_logs(
    fake: FakeFlickr, cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    install_log_scrubber()
    caplog.set_level(logging.DEBUG)
    fake.first_attempts = ["500", "reset"]  # error paths log too
    result = run(fake, cache_dir)
    assert {p: s.status for p, s in result.statuses.items()} == EXPECTED
    files = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert any(p.name == CACHE_FILE for p in files)
    for path in files:
        data = path.read_bytes()
        for form in key_forms():
            assert form not in data, f"key found in {path.name}"
    assert KEY not in caplog.text and "api_key=***" in caplog.text
    rows = sqlite3.connect(cache_dir / CACHE_FILE).execute("SELECT value FROM responses")
    stored = json.loads(next(iter(rows))[0])
    assert "api_key=REDACTED" in stored["request"]["url"]


def test_corrupt_cache_is_moved_aside_and_rebuilt(
    fake: FakeFlickr, cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / CACHE_FILE).write_bytes(os.urandom(8192))
    with caplog.at_level(logging.WARNING, logger="cc_lint.live.cache"):
        result = run(fake, cache_dir)
    assert {p: s.status for p, s in result.statuses.items()} == EXPECTED
    assert "is corrupt" in caplog.text
    assert len(list(cache_dir.glob(CACHE_FILE + ".corrupt-*"))) == 1
    fake.reset_counts()
    run(fake, cache_dir)
    assert sum(fake.counts.values()) == 0  # the rebuilt cache works


def test_damaged_pages_are_noticed(fake: FakeFlickr, cache_dir: Path) -> None:
    run(fake, cache_dir)
    path = cache_dir / CACHE_FILE
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = os.urandom(4096)  # keep the header, break a page
    path.write_bytes(bytes(data))
    assert {p: s.status for p, s in run(fake, cache_dir).statuses.items()} == EXPECTED


WORKER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from tests.live.conftest import FAST, manifest
    from cc_lint.live import check_photos
    result = check_photos(manifest(), api_key=sys.argv[1], endpoint=sys.argv[2],
                          cache_dir=Path(sys.argv[3]), calls_per_hour=1e6, progress=False,
                          retry=FAST)
    print(json.dumps({p: s.status for p, s in result.statuses.items()}))
    """
)


def test_two_processes_share_a_cache(fake: FakeFlickr, cache_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-c", WORKER, KEY, fake.url, str(cache_dir)]
    procs = [
        subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert json.loads(out) == EXPECTED
    con = sqlite3.connect(cache_dir / CACHE_FILE)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    fake.reset_counts()
    run(fake, cache_dir)
    assert sum(fake.counts.values()) == 0


def test_default_cache_dir(tmp_path: Path) -> None:
    assert default_cache_dir({"CC_LINT_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert default_cache_dir({}).name == "cc-lint"


def test_decode_body_accepts_jsonp() -> None:
    assert decode_body('jsonFlickrApi({"stat":"ok"})') == {"stat": "ok"}
    with pytest.raises(ValueError):
        decode_body('{"stat":"ok"')


class _Resp:
    def __init__(self, status: int, text: str, method: str = "flickr.photos.getInfo"):
        self.status_code, self.text = status, text
        self.request = type("R", (), {"url": f"http://x/?method={method}&api_key=k"})()


@pytest.mark.parametrize(
    "resp, keep",
    [
        (_Resp(200, '{"stat":"ok"}'), True),
        (_Resp(200, 'jsonFlickrApi({"stat":"ok"})'), True),
        (_Resp(200, '{"stat":"fail","code":1,"message":"Photo not found"}'), True),
        (_Resp(200, '{"stat":"fail","code":1,"message":"x"}', "flickr.photos.search"), False),
        (_Resp(200, '{"stat":"fail","code":100,"message":"Invalid API Key"}'), False),
        (_Resp(200, '{"stat":"fail","code":105,"message":"Service unavailable"}'), False),
        (_Resp(200, '{"stat":"fail","code":201,"message":"not available"}'), False),
        (_Resp(200, '{"stat":"ok"'), False),
        (_Resp(200, "<html>"), False),
        (_Resp(502, "<html>"), True),  # left to allowable_codes, which refuses it
    ],
)
def test_cacheable(resp: _Resp, keep: bool) -> None:
    assert cacheable(resp) is keep  # type: ignore[arg-type]
