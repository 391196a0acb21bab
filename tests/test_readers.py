"""Generic manifest readers: CSV, TSV, JSON Lines, Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cc_lint.errors import InputError, UsageError
from cc_lint.readers import READERS, ReadOptions, detect, open_manifest
from cc_lint.records import CANONICAL_SCHEMA, parse_column_overrides


def read_all(path: Path, **options) -> list[dict]:
    reader = open_manifest(path, ReadOptions(**options))
    rows: list[dict] = []
    for batch in reader.batches():
        assert batch.schema == CANONICAL_SCHEMA
        rows.extend(batch.to_pylist())
    return rows


def test_csv_header_aliases_map_without_configuration(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv",
        ["ImageID", "OriginalLandingURL", "OriginalURL", "License", "Author", "AuthorProfileURL",
         "Title", "has_people"],
        [["a1", "https://www.flickr.com/photos/x/1/", "https://live.staticflickr.com/1/1_ab.jpg",
          "https://creativecommons.org/licenses/by/2.0/", "Ann", "https://flickr.com/people/x/",
          "Hill", "yes"]],
    )  # fmt: skip
    (row,) = read_all(path)
    assert row["id"] == "a1"
    assert row["source_url"] == "https://www.flickr.com/photos/x/1/"
    assert row["image_url"] == "https://live.staticflickr.com/1/1_ab.jpg"
    assert row["license"] == "https://creativecommons.org/licenses/by/2.0/"
    assert row["author"] == "Ann"
    assert row["author_url"] == "https://flickr.com/people/x/"
    assert row["title"] == "Hill"
    assert row["depicts_people"] is True
    assert row["_line"] == 2


def test_column_override_wins_over_aliases(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["id", "rights", "license"], [["1", "CC BY 2.0", "junk"]])
    (row,) = read_all(path, columns=parse_column_overrides(["license=rights"]))
    assert row["license"] == "CC BY 2.0"


def test_column_override_errors_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown field 'licence'"):
        parse_column_overrides(["licence=rights"])
    with pytest.raises(UsageError, match="FIELD=COLUMN"):
        parse_column_overrides(["license"])
    path = write_csv(tmp_path / "m.csv", ["id", "license"], [["1", "CC BY 2.0"]])
    with pytest.raises(UsageError, match="no column 'rights'"):
        read_all(path, columns={"license": "rights"})


def test_line_numbers_count_quoted_newlines_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        'id,license,title\n'
        '1,CC BY 2.0,"two\nlines"\n'
        '\n'
        '2,CC BY 2.0,"three\nmore\nlines"\n'
        '3,CC BY 2.0,plain\n',
        encoding="utf-8",
    )  # fmt: skip
    rows = read_all(path)
    assert [(r["id"], r["_line"]) for r in rows] == [("1", 2), ("2", 5), ("3", 8)]
    assert rows[0]["title"] == "two\nlines"


def test_booleans_accept_the_documented_spellings(tmp_path: Path) -> None:
    values = ["true", "FALSE", "yes", "No", "1", "0", "", " Y ", "t", "f"]
    path = write_csv(
        tmp_path / "m.csv", ["id", "depicts_people"], [[str(i), v] for i, v in enumerate(values)]
    )
    got = [r["depicts_people"] for r in read_all(path)]
    assert got == [True, False, True, False, True, False, None, True, True, False]


def test_a_non_boolean_value_is_an_input_error_with_its_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["id", "depicts_people"], [["1", "yes"], ["2", "maybe"]])
    with pytest.raises(InputError, match=r"m\.csv: line 3: column 'depicts_people' has 'maybe'"):
        read_all(path)


def test_blank_values_are_unknown_not_empty(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["id", "license", "author"], [["1", "   ", ""]])
    (row,) = read_all(path)
    assert row["license"] is None and row["author"] is None


def test_rows_without_id_are_known_by_their_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["license"], [["CC BY 2.0"], ["CC0 1.0"]])
    assert [r["id"] for r in read_all(path)] == ["line 2", "line 3"]


def test_tsv_reads_quotes_literally(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv"
    path.write_text('id\tlicense\ttitle\n1\tCC BY 2.0\t"quoted" title\n', encoding="utf-8")
    (row,) = read_all(path)
    assert row["title"] == '"quoted" title'
    assert detect(path) is READERS["tsv"]


def test_jsonl_types_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    lines = [
        {"id": 7, "license": "CC BY 2.0", "depicts_people": True, "title": {"en": "x"}},
        None,
        {"id": "b", "license": None, "depicts_people": "no"},
    ]
    path.write_text("\n".join("" if x is None else json.dumps(x) for x in lines) + "\n")
    rows = read_all(path)
    assert [(r["id"], r["_line"]) for r in rows] == [("7", 1), ("b", 3)]
    assert rows[0]["depicts_people"] is True and rows[1]["depicts_people"] is False
    assert rows[0]["title"] == '{"en": "x"}'


def test_jsonl_may_open_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "license": "CC BY 2.0"}\n{"id": "b"}\n')
    assert [(r["id"], r["_line"]) for r in read_all(path)] == [("a", 1), ("b", 2)]


def test_parquet_locations_are_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "m.parquet"
    table = pa.table({"image_id": ["a", "b", "c"], "license": ["CC BY 2.0", None, "CC0 1.0"],
                      "has_people": [True, None, False]})  # fmt: skip
    pq.write_table(table, path, row_group_size=2)
    reader = open_manifest(path, ReadOptions())
    assert reader.info().location == "row"
    rows = read_all(path)
    assert [(r["id"], r["_line"], r["depicts_people"]) for r in rows] == [
        ("a", 1, True), ("b", 2, None), ("c", 3, False)
    ]  # fmt: skip


def test_detection_by_content_when_the_name_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "manifest.data"
    path.write_text('{"id": 1, "license": "CC BY 2.0"}\n{"id": 2, "license": "CC0 1.0"}\n')
    assert detect(path) is READERS["jsonl"]
    pq.write_table(pa.table({"id": ["1"]}), tmp_path / "blob")
    assert detect(tmp_path / "blob") is READERS["parquet"]


def test_batches_are_bounded_by_batch_rows(tmp_path: Path) -> None:
    rows = [[str(i), "CC BY 2.0"] for i in range(5000)]
    path = write_csv(tmp_path / "m.csv", ["id", "license"], rows)
    reader = open_manifest(path, ReadOptions(batch_rows=1000))
    sizes = [b.num_rows for b in reader.batches()]
    assert sum(sizes) == 5000
    assert len(sizes) >= 4
    assert max(sizes) < 1000 + 20_000  # gathered parser blocks never balloon


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["id", "license"], [["1", "CC BY 2.0"]])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_all(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_text, _text, _text), min_size=1, max_size=20))
def test_csv_round_trip_with_any_text(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Whatever csv.writer writes, the reader reads back (blank -> unknown), with exact lines."""
    path = tmp_path / "rt.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([("id", "license", "title"), *rows])
    got = read_all(path)
    expected = [r for r in rows if any(r)]  # all-empty lines carry no record
    assert len(got) == len(expected)
    line = 2
    it = iter(got)
    for r in rows:
        if not any(r):
            line += 1
            continue
        g = next(it)
        want = [None if not v.strip() else v for v in r]
        assert [g["id"] if r[0].strip() else None, g["license"], g["title"]] == want
        assert g["_line"] == line
        line += 1 + sum(v.count("\n") for v in r)


@pytest.mark.parametrize(
    "text",
    [
        'id,license,title\n1,CC BY 2.0,"\n"\n',  # a quoted value that is only a newline
        'id,license,title\n1,CC BY 2.0,"a\nb\n"\n',
        'id,license,title\n1,CC BY 2.0,"a\n"',  # no final newline
        'id,license,title\n1,CC BY 2.0,""\n',
    ],
)
def test_quoted_newlines_at_the_end_are_not_mistaken_for_open_quotes(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    (row,) = read_all(path)
    assert row["license"] == "CC BY 2.0"


@pytest.mark.parametrize(
    "text",
    [
        'id,license,title\n1,CC BY 2.0,"a\n',
        'id,license,title\n1,CC BY 2.0,"a\nb\n',
        'id,license,title\n1,CC BY 2.0,ok\n2,CC BY 2.0,"\n',
        'id,license,title\n1,CC BY 2.0,"a',
    ],
)
def test_an_open_quote_at_the_end_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="unterminated quoted field"):
        read_all(path)
