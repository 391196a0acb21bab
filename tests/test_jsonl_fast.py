"""JSON Lines: Arrow's parser reads after the first batch; it must give exactly what
reading line by line with the json module gives, or hand over to it."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_lint.errors import InputError
from cc_lint.readers.interface import ReadOptions
from cc_lint.readers.jsonl import JsonLinesReader


class LineByLine(JsonLinesReader):
    """The json module for every line: the reference."""

    def _arrow_batches(
        self, offset: int, number: int, schema: pa.Schema, mapping: dict[str, str]
    ) -> Generator[pa.RecordBatch, None, tuple[int, int]]:
        return offset, number
        yield  # a generator that yields nothing


class Counting(JsonLinesReader):
    """Counts the rows Arrow's parser delivered."""

    arrow_rows = 0

    def _arrow_batches(
        self, offset: int, number: int, schema: pa.Schema, mapping: dict[str, str]
    ) -> Generator[pa.RecordBatch, None, tuple[int, int]]:
        result = yield from self._counted(super()._arrow_batches(offset, number, schema, mapping))
        return result

    def _counted(
        self, batches: Generator[pa.RecordBatch, None, tuple[int, int]]
    ) -> Generator[pa.RecordBatch, None, tuple[int, int]]:
        while True:
            try:
                batch = next(batches)
            except StopIteration as stop:
                value: tuple[int, int] = stop.value
                return value
            self.arrow_rows += batch.num_rows
            yield batch


def read(cls: type[JsonLinesReader], path: Path, chunk: int = 64) -> list[dict[str, Any]] | str:
    reader = cls(path, ReadOptions(batch_rows=2))
    reader.chunk_bytes = chunk
    try:
        return [row for batch in reader.batches() for row in batch.to_pylist()]
    except InputError as err:
        return err.render()


TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
VALUE = st.one_of(
    st.none(), TEXT, st.booleans(), st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, width=32), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["b", "a"]), st.integers(), max_size=2),
)  # fmt: skip
STRINGY = st.one_of(st.none(), TEXT)
KEYS = ["id", "license", "author", "title", "photo_url", "extra"]


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    # Mostly strings (Arrow's case), now and then anything a manifest may hold.
    values = draw(st.sampled_from([STRINGY, STRINGY, VALUE]))
    rows = draw(st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), max_size=14))
    lines = []
    for row in rows:
        if "depicts_people" not in row and draw(st.booleans()):
            row["depicts_people"] = draw(st.one_of(st.none(), st.booleans()))
        line = json.dumps(row, ensure_ascii=draw(st.booleans()))
        twist = draw(st.sampled_from(["blank", "indent", "two", "spaces", *[""] * 24]))
        if twist == "blank":
            lines.append("")
        elif twist == "indent":
            line = "  " + line
        elif twist == "two":
            line = line + json.dumps({"id": "x"})
        elif twist == "spaces":
            lines.append("   ")
        lines.append(line)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + (newline if lines and draw(st.booleans()) else "")
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(manifests(), st.sampled_from([16, 64, 4096]))
def test_same_records_or_same_error_as_line_by_line(data: bytes, chunk: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.jsonl"
        path.write_bytes(data)
        if not data.strip():
            return  # an empty manifest is refused before reading
        assert read(JsonLinesReader, path, chunk) == read(LineByLine, path, chunk)


def _manifest(tmp_path: Path, rows: int, bad: dict[int, str] | None = None) -> Path:
    lines = []
    for i in range(1, rows + 1):
        row = {
            "id": f"r{i}",
            "license": "CC BY-NC 2.0",
            "author": "Ann",
            "depicts_people": i % 2 == 0,
        }
        lines.append((bad or {}).get(i, json.dumps(row)))
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_arrow_reads_the_bulk_of_a_plain_file(tmp_path: Path) -> None:
    path = _manifest(tmp_path, 500)
    reader = Counting(path, ReadOptions(batch_rows=50))
    reader.chunk_bytes = 1024
    rows = [r for b in reader.batches() for r in b.to_pylist()]
    assert [r["_line"] for r in rows] == list(range(1, 501))
    assert rows[499]["id"] == "r500" and rows[499]["depicts_people"] is True
    assert reader.arrow_rows == 450  # all but the first batch


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "r400", "license": "CC BY 2.0"', "m.jsonl:400: invalid JSON"),
        ("[1, 2]", "m.jsonl:400: expected a JSON object, found list"),
        ('{"id": "r400"}{"id": "r401"}', "m.jsonl:400: invalid JSON: Extra data"),
    ],
)
def test_a_bad_line_deep_in_the_file_is_named(tmp_path: Path, bad: str, message: str) -> None:
    path = _manifest(tmp_path, 500, {400: bad})
    reader = JsonLinesReader(path, ReadOptions(batch_rows=50))
    reader.chunk_bytes = 1024
    seen = 0
    with pytest.raises(InputError) as err:
        for batch in reader.batches():
            seen += batch.num_rows
    assert message in err.value.render()
    assert seen <= 399  # nothing from the bad line on was delivered


def test_a_number_after_the_first_batch_is_read_as_the_json_module_reads_it(
    tmp_path: Path,
) -> None:
    path = _manifest(tmp_path, 300, {250: json.dumps({"id": 250, "license": 2.5})})
    reader = Counting(path, ReadOptions(batch_rows=50))
    reader.chunk_bytes = 1024
    rows = [r for b in reader.batches() for r in b.to_pylist()]
    assert (rows[249]["id"], rows[249]["license"], rows[249]["_line"]) == ("250", "2.5", 250)
    assert [r["_line"] for r in rows] == list(range(1, 301))
    assert 0 < reader.arrow_rows < 250
