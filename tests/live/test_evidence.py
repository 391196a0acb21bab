import json
from pathlib import Path

import pytest

from cc_lint.errors import InputError
from cc_lint.live import (
    SOURCES,
    EvidenceSource,
    HistoryEntry,
    PhotoQuery,
    PhotoStatus,
    read_evidence,
    write_evidence,
)

STATUSES = [
    PhotoStatus(
        "20", "relicensed", license_now=0, manifest_license=4, license_at_collection=4,
        held_at_collection=True, history=(HistoryEntry(1_600_000_000, 4, 0, "u4", "u0"),),
        owner="1@N01", has_people=None, checked_at="2025-06-19T07:01:48Z", record_ids=("a",),
    ),
    PhotoStatus("3", "ok", license_now=4, manifest_license=4, owner="1@N01", has_people=True,
                checked_at="2025-06-19T07:01:48Z", record_ids=("b", "c")),
    PhotoStatus("100", "unavailable", manifest_license=4, checked_at="2025-06-19T07:01:48Z",
                reason="not found"),
    PhotoStatus("7", "unknown", manifest_license=4, reason="gave up"),
]  # fmt: skip


def test_round_trip_sorted_by_photo_id(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "evidence.jsonl"
    write_evidence(path, STATUSES)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["photo_id"] for line in lines] == ["3", "7", "20", "100"]
    assert lines[0]["license"] == 4 and lines[0]["manifest_license"] == 4
    assert "history" not in lines[0] and lines[2]["history"][0]["date_change"] == 1_600_000_000
    assert read_evidence(path) == {s.photo_id: s for s in STATUSES}
    assert [p.name for p in path.parent.iterdir()] == ["evidence.jsonl"]  # no temp file left


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "evidence.jsonl"
    write_evidence(path, STATUSES[:1])
    before = path.read_bytes()

    def broken() -> object:
        yield STATUSES[1]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_evidence(path, broken())  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["evidence.jsonl"]


GOOD = '{"photo_id": "1", "status": "ok", "license": 4, "checked_at": "2025-01-01T00:00:00Z"}'


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"photo_id": 5, "status": "ok", "checked_at": ""}', "photo_id"),
        ('{"photo_id": "5", "status": "fine", "checked_at": ""}', "status must be one of"),
        ('{"photo_id": "5", "status": "ok", "checked_at": "yesterday"}', "ISO 8601"),
        ('{"photo_id": "5", "status": "ok", "checked_at": "2025-01-01T00:00:00"}', "ISO 8601"),
        (GOOD.replace('"license": 4', '"license": "4"'), "license must be an integer"),
        (GOOD[:-1] + ', "record_ids": "r1"}', "record_ids"),
        (GOOD[:-1] + ', "history": [{"date_change": "x"}]}', "date_change"),
        (GOOD, "already appears on line 1"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "ev.jsonl"
    path.write_text(GOOD + "\n\n" + line + "\n")
    with pytest.raises(InputError) as err:
        read_evidence(path)
    text = str(err.value)
    assert text.startswith(f"{path}:3: ") and message in text and "\n" not in text


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read evidence file"):
        read_evidence(tmp_path / "missing.jsonl")


def test_evidence_source_answers_without_network(tmp_path: Path) -> None:
    path = tmp_path / "ev.jsonl"
    write_evidence(path, STATUSES)
    source = SOURCES["evidence"](path=path)
    assert isinstance(source, EvidenceSource)
    got = source.lookup(
        [
            PhotoQuery("3", None, 4, None, ("b",)),
            PhotoQuery("20", None, 0, None, ("a",)),  # the manifest now says ARR: ok
            PhotoQuery("100", None, 4, None, ("z",)),
            PhotoQuery("55", None, 4, None, ("n",)),
        ]
    )
    assert {k: v.status for k, v in got.items()} == {
        "3": "ok",
        "20": "ok",
        "100": "unavailable",
        "55": "unknown",
    }
    assert got["3"].checked_at == "2025-06-19T07:01:48Z"  # when Flickr was asked
    assert got["100"].record_ids == ("z",)
    assert "not in the evidence file" in (got["55"].reason or "")
