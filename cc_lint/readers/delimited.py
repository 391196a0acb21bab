"""CSV and TSV manifests, read by pyarrow's streaming parser.

Subclasses for header-less formats (YFCC100M, Open Images V1) set
``header_rows = 0`` and name the columns themselves; ``_columns`` lets them
transform the mapped columns (e.g. URL-decoding) before the canonical batch.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import reduce
from pathlib import Path
from typing import ClassVar

import pyarrow as pa
import pyarrow.csv as pacsv

from cc_lint import compute as pc
from cc_lint.errors import InputError
from cc_lint.readahead import prefetch
from cc_lint.readers import memscan, textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.records import canonical_batch, require_mapping, row_numbers

# Small parse blocks are fastest; they are gathered into batches of ~batch_rows rows.
_BLOCK_BYTES = 1 << 19


def _has_newline(column: pa.Array) -> bool:
    """Whether any value may hold a newline (scans the whole data buffer)."""
    return memscan.has_byte(column.buffers()[2], 0x0A)


def _gather(reader: pacsv.CSVStreamingReader, rows: int) -> Iterator[pa.RecordBatch]:
    """Re-cut the parser's batches into batches of `rows` rows (the last may be shorter)."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in reader:
        offset = 0
        while offset < batch.num_rows:
            take = min(rows - count, batch.num_rows - offset)
            pending.append(batch.slice(offset, take))
            count += take
            offset += take
            if count >= rows:
                yield _combine(pending)
                pending, count = [], 0
    if count:
        yield _combine(pending)


def _combine(batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    if len(batches) == 1:
        return batches[0]
    return pa.Table.from_batches(batches).combine_chunks().to_batches()[0]


class DelimitedReader(ManifestReader):
    # Only Arrow's parser runs in the read-ahead thread: it holds the GIL little, and
    # the Python-side work of making canonical batches stays with the consumer.
    reads_ahead = True
    delimiter: ClassVar[str] = ","
    quoting: ClassVar[bool] = True
    content_score: ClassVar[int] = 0  # sniff score when the name says nothing

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        if path.suffix.lower() in cls.suffixes:
            return 60
        first = head.split(b"\n", 1)[0]
        return cls.content_score if first.count(cls.delimiter.encode()) >= 2 else 0

    def __init__(self, path: Path, options: ReadOptions) -> None:
        super().__init__(path, options)
        self._header: list[str] | None = None
        self.header_rows = 1  # lines before the first record

    def header(self) -> list[str]:
        if self._header is None:
            head = textio.open_checked(self.path)
            textio.refuse_binary(self.path, head)
            self._header = self._parse_header(head)
        return self._header

    def _parse_header(self, head: bytes) -> list[str]:
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            if err.start < len(head) - 4:  # not just a multi-byte char cut by the read
                raise textio.utf8_error(self.path) from None
            text = head[: err.start].decode("utf-8-sig")
        rows = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=self.delimiter,
            quoting=csv.QUOTE_MINIMAL if self.quoting else csv.QUOTE_NONE,
        )
        try:
            names = next(rows)
        except (StopIteration, csv.Error):
            raise InputError("cannot read the header row", where=f"{self.path}:1") from None
        names = [n.strip() for n in names]
        seen: set[str] = set()
        for name in names:
            if name and name in seen:
                raise InputError(
                    f"column {name!r} appears twice in the header",
                    where=f"{self.path}:1",
                    hint="rename one of them",
                )
            seen.add(name)
        return names

    def info(self) -> DatasetInfo:
        self.header()
        return DatasetInfo(format=self.name, records_path=self.path)

    def column_names(self) -> list[str]:
        # Unnamed columns get placeholder names so pyarrow can address them.
        return [n if n else f"_column{i}" for i, n in enumerate(self.header())]

    def batches(self) -> Iterator[pa.RecordBatch]:
        names = self.column_names()
        mapping = require_mapping(names, self.options.columns, where=f"{self.path}:1")
        return self._read(names, mapping)

    def _read(self, names: list[str], mapping: dict[str, str]) -> Iterator[pa.RecordBatch]:
        line = self.header_rows + 1  # first data line
        batches = prefetch(_gather(self._open(names), self.options.batch_rows), depth=2)
        ready: pa.RecordBatch | None = None
        raw: pa.RecordBatch | None = None
        while True:
            try:
                raw = next(batches)
            except StopIteration:
                break
            except pa.ArrowInvalid as err:
                raise self._explain(err) from None
            if ready is not None and ready.num_rows:
                yield ready
            ready, line = self._canonical(raw, mapping, line)
        # Hold the last batch back until the file's end is known to be well formed.
        if raw is not None and self.quoting:
            self._check_tail(raw, line)
        if ready is not None and ready.num_rows:
            yield ready

    def _canonical(
        self, batch: pa.RecordBatch, mapping: dict[str, str], line: int
    ) -> tuple[pa.RecordBatch, int]:
        rows = batch.num_rows
        # Each row spans one line plus the newlines inside its quoted values.
        multiline = [c for c in batch.columns if _has_newline(c)]
        if multiline:
            extra = reduce(
                pc.add, (pc.fill_null(pc.count_substring(c, "\n"), 0) for c in multiline)
            )
            spans = pc.add(pc.cast(extra, pa.int64()), 1)
            ends = pc.cumulative_sum(spans)
            lines = pc.add(pc.subtract(ends, spans), line)
            line += pc.sum(spans).as_py()
        else:
            lines = row_numbers(line, rows)
            line += rows
        columns = self._columns(batch, mapping)
        # A blank line parses as a row of empty (null) fields: it is not a record.
        blank = (
            reduce(pc.and_, (pc.is_null(c) for c in batch.columns))
            if all(c.null_count for c in batch.columns)
            else None
        )
        if blank is not None and pc.any(blank).as_py():
            keep = pc.invert(blank)
            columns = {f: pc.filter(a, keep) for f, a in columns.items()}
            lines = pc.filter(lines, keep)
            rows = len(lines)
        return canonical_batch(columns, length=rows, where=str(self.path), line=lines), line

    def _check_tail(self, raw: pa.RecordBatch, next_line: int) -> None:
        """An unterminated quote swallows the rest of the file into the last field,
        which pyarrow accepts silently: re-read the last record strictly when the
        file's end looks like that."""
        last = raw.slice(raw.num_rows - 1).to_pylist()[0]
        if self.path.suffix.lower() in textio.COMPRESSED:
            # No cheap look at the end of a compressed file: scan it all, but only
            # when the last field swallowed a line end.
            if (last[raw.schema.names[-1]] or "").endswith("\n"):
                error = textio.locate_csv_error(self.path, self.delimiter, self.quoting)
                if "unterminated" in error.message:
                    raise error
            return
        values = [last[name] or "" for name in raw.schema.names]
        inside = sum(v.count("\n") for v in values)
        with self.path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 1))
            ends_with_newline = fh.read(1) == b"\n"
            if ends_with_newline and not values[-1].endswith("\n"):
                return
            # Well formed, the last record holds its own newlines plus the line end.
            start = textio.nth_newline_from_end(fh, size, inside + 1 + ends_with_newline)
            fh.seek(start)
            tail = fh.read().decode("utf-8", "replace")
        try:
            rows = list(
                csv.reader(io.StringIO(tail, newline=""), delimiter=self.delimiter, strict=True)
            )
        except csv.Error:
            rows = []
        if not rows or rows[-1] != values:
            line = next_line - 1 - inside
            raise InputError(
                "unterminated quoted field",
                where=f"{self.path}:{line}",
                hint='close the quote or escape it as ""',
            )

    def _open(self, names: list[str]) -> pacsv.CSVStreamingReader:
        read = pacsv.ReadOptions(
            column_names=names,
            skip_rows=self.header_rows,
            block_size=_BLOCK_BYTES,
            use_threads=True,
        )
        parse = pacsv.ParseOptions(
            delimiter=self.delimiter,
            quote_char='"' if self.quoting else False,
            newlines_in_values=self.quoting,
            ignore_empty_lines=False,
        )
        convert = pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            # Empty fields, quoted or not, arrive as null (unknown) from the parser.
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        )
        try:
            return pacsv.open_csv(
                self.path, read_options=read, parse_options=parse, convert_options=convert
            )
        except pa.ArrowInvalid as err:
            raise self._explain(err) from None

    def _explain(self, err: pa.ArrowInvalid) -> InputError:
        if "UTF8" in str(err) or "UTF-8" in str(err):
            return textio.utf8_error(self.path)
        expected = None if self.header_rows else len(self.header())
        return textio.locate_csv_error(self.path, self.delimiter, self.quoting, expected)

    def _columns(self, batch: pa.RecordBatch, mapping: dict[str, str]) -> dict[str, pa.Array]:
        """The canonical field -> values of one parsed batch."""
        return {field: batch.column(col) for field, col in mapping.items()}


class CsvReader(DelimitedReader):
    name = "csv"
    description = "CSV with a header row (comma-separated, RFC 4180 quoting)"
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)
    content_score = 30


class TsvReader(DelimitedReader):
    name = "tsv"
    description = "tab-separated values with a header row (no quoting)"
    suffixes: ClassVar[tuple[str, ...]] = (".tsv", ".tab")
    delimiter = "\t"
    quoting = False
    content_score = 35
