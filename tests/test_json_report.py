"""The JSON report's vectorised encoder against the json module, on hostile text."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cc_lint.pipeline import dataset_constants, license_step, lint, records_batch
from cc_lint.policy.engine import compile_policy
from cc_lint.policy.loader import load_policy
from cc_lint.report.interface import RunInfo
from cc_lint.report.json_ import JsonReporter

hostile = st.text(
    alphabet=st.sampled_from(
        ['"', "\\", "\n", "\t", "\x00", "\x1f", "é", "星", "\u2028", "a", " ", "/"]
    ),
    min_size=1,
    max_size=8,
)


def report(records: list[dict], uses: list[str]) -> dict:
    policy = load_policy(["cc-core"])
    compiled = compile_policy(policy, uses, dataset_constants(None))
    run = RunInfo("m.csv", "m.csv", "csv", "line", uses, False, ["cc-core"], [], [])
    out = io.BytesIO()
    reporter = JsonReporter(out, run, {})
    summary = lint([records_batch(records)], compiled, [license_step()], reporter)
    reporter.finish(summary)
    return json.loads(out.getvalue().decode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(ids=st.lists(hostile, min_size=1, max_size=6), text=hostile)
def test_hostile_ids_and_license_text_round_trip(ids: list[str], text: str) -> None:
    records = [{"id": "i" + i, "license": "x" + text} for i in ids]
    doc = report(records, ["train"])
    unrecognized = [f for f in doc["findings"] if f["rule"] == "CC106"]
    assert [f["record_id"] for f in unrecognized] == ["i" + i for i in ids]
    expected = f'license "x{text}" is not recognised; cc-lint does not guess its terms'
    assert {f["message"] for f in unrecognized} == {expected}
    assert [f["location"] for f in unrecognized] == [{"line": n} for n in range(1, len(ids) + 1)]


def test_plain_ids_take_the_fast_path_and_match_json() -> None:
    records = [
        {"id": f"img{i}", "license": lic}
        for i, lic in enumerate(["CC BY-NC 2.0", "CC BY-ND 2.0"] * 3)
    ]
    doc = report(records, ["commercial", "adapt"])
    found = [(f["record_id"], f["rule"]) for f in doc["findings"]]
    assert [x for x in found if x[1] in ("CC101", "CC102")] == [
        (f"img{i}", "CC101" if i % 2 == 0 else "CC102") for i in range(6)
    ]
    assert doc["summary"]["by_rule"]["CC101"] == 3 and doc["summary"]["by_rule"]["CC102"] == 3
    assert doc["summary"]["records_with_findings"] == 6


def test_file_hasher_matches_hashlib_across_chunks(tmp_path: Path) -> None:
    import hashlib

    from cc_lint.digest import FileHasher

    path = tmp_path / "big.csv"
    data = bytes(range(256)) * (9 * 4096 + 17)  # several 1 MiB chunks and a partial one
    path.write_bytes(data)
    assert FileHasher(path).result() == hashlib.sha256(data).hexdigest()
    assert path.read_bytes() == data  # the input is untouched
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert FileHasher(empty).result() == hashlib.sha256(b"").hexdigest()


def test_file_hasher_reads_when_it_cannot_map(tmp_path: Path) -> None:
    import hashlib

    from cc_lint import digest

    path = tmp_path / "m.csv"
    data = b"id,license\n" * 300_001
    path.write_bytes(data)
    h = hashlib.sha256()
    with path.open("rb", buffering=0) as fh:
        digest._hash_read(fh, h)
    assert h.hexdigest() == hashlib.sha256(data).hexdigest()


def test_findings_encoded_in_slices_make_one_document(monkeypatch) -> None:
    from cc_lint.report import json_

    records = [
        {"id": f"img{i}", "license": ["CC BY-NC 2.0", "CC BY 2.0", None][i % 3]} for i in range(40)
    ]
    whole = report(records, ["commercial", "redistribute"])
    monkeypatch.setattr(json_, "_SLICE", 7)
    sliced = report(records, ["commercial", "redistribute"])
    assert sliced == whole and len(whole["findings"]) > 3 * 7


def test_many_distinct_messages_encode_like_few(monkeypatch) -> None:
    from cc_lint.report import json_

    records = [
        {"id": f"i{i}", "license": f"made-up license {i % 5}", "author": None} for i in range(30)
    ] + [{"id": "n", "license": "CC BY-NC 2.0"}]
    dense = report(records, ["commercial", "redistribute"])
    monkeypatch.setattr(json_, "_DENSE_TAILS", 1)  # every batch takes the sparse path
    assert report(records, ["commercial", "redistribute"]) == dense
    assert {f["message"] for f in dense["findings"]} >= {
        'license "made-up license 3" is not recognised; cc-lint does not guess its terms'
    }


def test_a_manifest_truncated_while_hashed_gives_no_digest_not_a_crash(
    tmp_path: Path, monkeypatch
) -> None:
    import hashlib
    import os

    import pytest

    from cc_lint import digest

    path = tmp_path / "m.csv"
    path.write_bytes(b"id,license\n" * 1_000)
    monkeypatch.setattr(digest, "_MAP_WINDOW", 4096)
    real_fstat = os.fstat
    calls = {"n": 0}

    def shrinking(fd: int) -> os.stat_result:
        calls["n"] += 1
        if calls["n"] == 3:  # the file is cut short after the first window
            with open(path, "r+b") as fh:
                fh.truncate(100)
        return real_fstat(fd)

    monkeypatch.setattr(digest.os, "fstat", shrinking)
    with path.open("rb", buffering=0) as fh, pytest.raises(OSError, match="shrank"):
        digest._hash_mapped(fh, hashlib.sha256())
