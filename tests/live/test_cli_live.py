"""`cc-lint check --live` end to end against the fake Flickr on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, write_csv

from cc_lint.flickr_urls import base58_encode
from cc_lint.live.testing import FakeFlickr

from .conftest import ALICE, BOB, KEY, build_world

HEADER = ["id", "photo_url", "image_url", "license", "author", "title", "collected_at"]


def _manifest(tmp_path: Path) -> Path:
    page = "https://www.flickr.com/photos/{}/{}/"
    static = "https://live.staticflickr.com/65535/{}_abcdef_b.jpg"
    rows = [
        ["r101", page.format("alice", 101), "", "CC BY 2.0", "A", "T", "2021-01-01"],
        ["r102", page.format("alice", 102), "", "CC BY 2.0", "A", "T", "2010-01-01"],
        ["r103", page.format("alice", 103), "", "CC BY 2.0", "A", "T", "2021-01-01"],
        ["r104", page.format("alice", 104), "", "CC BY 2.0", "A", "T", "2021-01-01"],
        ["r105", page.format(ALICE, 105), "", "CC BY 2.0", "A", "T", "2021-01-01"],
        ["r107", "", static.format(107), "CC BY 4.0", "A", "T", "2021-01-01"],
        ["r201", page.format(BOB, 201), "", "CC BY 2.0", "B", "T", "2021-01-01"],
        [
            "r201-dup",
            f"https://flic.kr/p/{base58_encode(201)}",
            "",
            "CC BY 2.0",
            "B",
            "T",
            "2021-01-01",
        ],
        ["r301", "", static.format(301), "CC BY-NC 2.0", "C", "T", ""],
        ["r999", page.format(BOB, 999), "", "CC BY 2.0", "B", "T", "2021-01-01"],
        ["local", "https://example.org/a.jpg", "", "CC BY 2.0", "D", "T", ""],
    ]
    return write_csv(tmp_path / "m.csv", HEADER, rows)


@pytest.fixture
def fake(monkeypatch, tmp_path: Path):
    with FakeFlickr(build_world(), keys={KEY}) as server:
        monkeypatch.setenv("FLICKR_API_KEY", KEY)
        monkeypatch.setenv("CC_LINT_FLICKR_API_URL", server.url)
        monkeypatch.setenv("CC_LINT_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("CC_LINT_FLICKR_RATE", "360000")
        yield server


def _rules(doc: dict) -> dict[str, set[str]]:
    got: dict[str, set[str]] = {}
    for f in doc["findings"]:
        if f["rule"].startswith("CC2"):
            got.setdefault(f["record_id"], set()).add(f["rule"])
    return got


def test_live_check_reports_each_status(fake: FakeFlickr, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path)
    evidence = tmp_path / "evidence.jsonl"
    result = run_cli(
        "check", manifest, "--live", "--evidence", evidence, "--format", "json", "--use", "train"
    )
    assert result.code == 1, result.err
    doc = json.loads(result.out)
    got = _rules(doc)
    assert got.get("r102") == {"CC202"}
    assert got.get("r103") == {"CC204"} and got.get("r104") == {"CC204"}
    assert got.get("r999") == {"CC204"}
    assert got.get("r201") == {"CC201"} and got.get("r201-dup") == {"CC201"}
    assert "r101" not in got and "r105" not in got and "r107" not in got and "r301" not in got
    assert "local" not in got  # not a Flickr photo: not checked, not reported
    assert "live" in doc["policy"]["packs"]
    assert any(n.startswith("live status of 9 Flickr photos") for n in doc["notes"])
    lines = [json.loads(line) for line in evidence.read_text().splitlines()]
    assert sorted(x["photo_id"] for x in lines) == sorted(
        ["101", "102", "103", "104", "105", "107", "201", "301", "999"]
    )
    by_id = {x["photo_id"]: x for x in lines}
    assert by_id["201"]["record_ids"] == ["r201", "r201-dup"]
    assert by_id["102"]["status"] == "relicensed" and by_id["102"]["history"]
    for x in lines:
        assert x["checked_at"].endswith(("Z", "+00:00"))
    # Warm re-run: everything from the cache.
    fake.reset_counts()
    again = run_cli("check", manifest, "--live", "--format", "json", "--use", "train")
    assert _rules(json.loads(again.out)) == got
    assert sum(fake.counts.values()) == 0
    # Offline from an evidence snapshot, with no key and no server.
    fake.close()
    snapshot = run_cli(
        "check", manifest, "--evidence-in", evidence, "--format", "json", "--use", "train"
    )
    assert _rules(json.loads(snapshot.out)) == got
    # The key is nowhere: not in reports, evidence or the cache.
    for blob in [result.out, result.err, again.out, evidence.read_text()]:
        assert KEY not in blob
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes()


def test_live_without_key_is_a_usage_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FLICKR_API_KEY", raising=False)
    monkeypatch.setenv("CC_LINT_CACHE_DIR", str(tmp_path / "cache"))
    result = run_cli("check", _manifest(tmp_path), "--live")
    assert result.code == 2
    assert "FLICKR_API_KEY is not set" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_invalid_key_stops_with_exit_2(fake: FakeFlickr, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLICKR_API_KEY", "wrong-key-123")
    result = run_cli("check", _manifest(tmp_path), "--live")
    assert result.code == 2
    assert "wrong-key-123" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_offline_with_an_empty_cache_is_unknown_not_ok(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FLICKR_API_KEY", raising=False)
    monkeypatch.setenv("CC_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CC_LINT_FLICKR_API_URL", "http://127.0.0.1:9/services/rest/")
    result = run_cli("check", _manifest(tmp_path), "--offline", "--format", "json")
    doc = json.loads(result.out)
    unknown = {f["record_id"] for f in doc["findings"] if f["rule"] == "CC205"}
    assert unknown == {"r101", "r102", "r103", "r104", "r105", "r107", "r201", "r201-dup",
                       "r301", "r999"}  # fmt: skip


def test_no_network_without_live(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CC_LINT_FLICKR_API_URL", "http://127.0.0.1:9/")
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network used without --live")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    result = run_cli("check", _manifest(tmp_path), "--use", "train")
    assert result.code in (0, 1)
