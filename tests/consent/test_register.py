"""Consent registers: CSV and JSON parsing, scopes, dates, and file:line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cc_lint.consent.dates import as_of_date, parse_date
from cc_lint.consent.register import SCOPE_USES, load_register
from cc_lint.errors import InputError, UsageError

HEADER = "record_id,photo_id,scope,evidence,evidence_type,given,withdrawn\n"


def write(tmp_path: Path, text: str, name: str = "reg.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_entries_keep_keys_scopes_evidence_and_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "img1,,biometric;training,rel-1,written-release,2019-04-01,\n"
        + ",https://flic.kr/p/2p4QbKN,publication,mail-7,,2020-11-02,2023-01-15\n"
        + ",00042,all,,explicit,2021-01-01T23:30:00-02:00,\n",
    )
    a, b, c = load_register(path)
    assert (a.record_id, a.photo_id) == ("img1", None)
    assert a.scopes == {"biometric", "training"}
    assert a.uses == {"biometric", "train"}
    assert (a.evidence, a.evidence_type) == ("rel-1", "written-release")
    assert (a.given, a.withdrawn) == (dt.date(2019, 4, 1), None)
    assert a.where == f"{path}:2"
    assert (b.record_id, b.photo_id) == (None, "53208249252")  # the short link decoded
    assert b.uses == {"redistribute", "adapt"}
    assert b.evidence_type == "unspecified"
    assert b.withdrawn == dt.date(2023, 1, 15)
    assert c.photo_id == "42"  # leading zeros are not part of the id
    assert c.uses == set(SCOPE_USES["all"])
    assert c.given == dt.date(2021, 1, 2)  # 23:30 at UTC-2 is the next day in UTC


def test_header_aliases_and_scope_spellings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ID,Scopes,Consent Ref,Type,Date Given,Revoked\n"
        'a,"Face-Recognition, train | publish",r,written,2020-01-01,2021-01-01\n',
    )
    (entry,) = load_register(path)
    assert entry.record_id == "a"
    assert entry.scopes == {"biometric", "training", "publication"}
    assert entry.evidence_type == "written-release"
    assert entry.withdrawn == dt.date(2021, 1, 1)


def test_quoted_newlines_keep_line_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + 'a,,biometric,"two\nlines",,2020-01-01,\n\nb,,bogus,r,,2020-01-01,\n'
    )
    with pytest.raises(InputError) as err:
        load_register(path)
    assert err.value.where == f"{path}:5"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,,biometric,r,,2020-13-01,", "given '2020-13-01' is not a date"),
        ("a,,biometric,r,,2020-01-01,yesterday", "withdrawn 'yesterday' is not a date"),
        ("a,,biometric,r,,2020-01-01,2019-01-01", "withdrawn 2019-01-01 is before given"),
        ("a,,face-swap,r,,2020-01-01,", "unknown scope 'face-swap'"),
        ("a,,,r,,2020-01-01,", "scope is missing"),
        ("a,,biometric,r,,,", "the date consent was given is missing"),
        (",,biometric,r,,2020-01-01,", "neither a record_id nor a photo_id"),
        ("a,,biometric,r,verbal,2020-01-01,", "unknown evidence_type 'verbal'"),
        (",flic.kr/s/abc,biometric,r,,2020-01-01,", "neither a Flickr photo id nor a photo URL"),
        ("a,,biometric,r,,2020-01-01", "6 fields, the header has 7"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, HEADER + "ok,,biometric,r,,2020-01-01,\n" + row + "\n")
    with pytest.raises(InputError, match=message) as err:
        load_register(path)
    assert err.value.where == f"{path}:3"
    assert "\n" not in str(err.value)


def test_unknown_column_is_refused_at_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "record_id,scope,given,colour\na,biometric,2020-01-01,red\n")
    with pytest.raises(InputError, match="unknown column 'colour'") as err:
        load_register(path)
    assert err.value.where == f"{path}:1"


def test_json_array_and_json_lines(tmp_path: Path) -> None:
    entries = [
        {
            "record_id": "a",
            "scope": ["biometric", "training"],
            "evidence": "r",
            "given": "2020-01-01",
        },
        {"photo_id": 53208249252, "scope": "publication", "given": "2020-01-01T00:00:00Z"},
    ]
    array = write(tmp_path, json.dumps(entries, indent=2), "reg.json")
    a, b = load_register(array)
    assert a.scopes == {"biometric", "training"}
    assert a.where == f"{array}:2"
    assert b.photo_id == "53208249252"
    assert b.where == f"{array}:11"
    lines = write(tmp_path, "\n".join(json.dumps(e) for e in entries) + "\n", "reg.jsonl")
    assert [e.where for e in load_register(lines)] == [f"{lines}:1", f"{lines}:2"]


def test_json_errors_name_the_line(tmp_path: Path) -> None:
    bad = write(
        tmp_path, '[\n  {"record_id": "a", "scope": "x", "given": "2020-01-01"}\n]', "r.json"
    )
    with pytest.raises(InputError, match="unknown scope 'x'") as err:
        load_register(bad)
    assert err.value.where == f"{bad}:2"
    broken = write(tmp_path, '[\n  {"record_id": "a",\n   "scope": }\n]', "b.json")
    with pytest.raises(InputError, match="invalid JSON") as err:
        load_register(broken)
    assert err.value.where == f"{broken}:3"
    scalar = write(tmp_path, "[1]", "s.json")
    with pytest.raises(InputError, match="must be a JSON object"):
        load_register(scalar)
    unclosed = write(
        tmp_path, '[{"record_id": "a", "scope": "all", "given": "2020-01-01"}', "u.json"
    )
    with pytest.raises(InputError, match="not closed"):
        load_register(unclosed)


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such consent register"):
        load_register(tmp_path / "nope.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + b"a,,biometric,r\xe9f,,2020-01-01,\n")
    with pytest.raises(InputError, match="not valid UTF-8") as err:
        load_register(path)
    assert err.value.where == f"{path}:2"


def test_empty_register_has_no_entries(tmp_path: Path) -> None:
    assert load_register(write(tmp_path, "")) == []
    assert load_register(write(tmp_path, HEADER)) == []


def test_active_and_withdrawn_count_per_day(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "a,,biometric,r,,2020-01-10,2020-02-10\n")
    (entry,) = load_register(path)
    assert not entry.active(dt.date(2020, 1, 9))  # not given yet
    assert entry.active(dt.date(2020, 1, 10))  # from the day it was given
    assert entry.active(dt.date(2020, 2, 9))
    assert not entry.active(dt.date(2020, 2, 10))  # withdrawal counts from its date
    assert entry.withdrawn_by(dt.date(2020, 2, 10))
    assert not entry.withdrawn_by(dt.date(2020, 2, 9))


def test_dates() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date(" 2024-03-01T01:00:00+02:00 ") == dt.date(2024, 2, 29)
    assert parse_date("2024-03-01T12:00:00") == dt.date(2024, 3, 1)
    with pytest.raises(ValueError):
        parse_date("2023-02-29")
    assert as_of_date("2024-06-01") == dt.date(2024, 6, 1)
    assert as_of_date(None) == dt.datetime.now(dt.timezone.utc).date()
    with pytest.raises(UsageError, match="--as-of 'June' is not a date"):
        as_of_date("June")
