"""JSON Lines manifests: one JSON object per line."""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from cc_lint.errors import InputError
from cc_lint.readers import textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader
from cc_lint.records import BOOL_FIELDS, canonical_batch, require_mapping, row_numbers

if TYPE_CHECKING:  # concurrent.futures (and logging) load only to read a JSON Lines file
    from concurrent.futures import Future

# A line that is blank or starts with white space: the json module skips or reads
# it, Arrow may not, and line numbers must stay exact. Such chunks go line by line.
_WHITE = b"\n \t\r\x0b\x0c"
_WHITE_AFTER_NEWLINE = re.compile(b"\n[" + re.escape(_WHITE) + b"]")


def _may_have_blank_line(chunk: bytes) -> bool:
    """Whether a line of chunk (which starts at a line start) may be blank."""
    return chunk[:1] in _WHITE or _WHITE_AFTER_NEWLINE.search(chunk) is not None


def _arrow_schema(
    items: list[tuple[int, dict[str, Any]]], mapping: dict[str, str]
) -> pa.Schema | None:
    """Types for Arrow's parser if the mapped values seen are all strings (booleans
    for boolean fields) or null; None when the json module must read everything."""
    fields = []
    for field, key in mapping.items():
        kinds = {type(obj.get(key)) for _, obj in items} - {type(None)}
        if kinds <= {str}:
            fields.append(pa.field(key, pa.string()))
        elif field in BOOL_FIELDS and kinds == {bool}:
            fields.append(pa.field(key, pa.bool_()))
        else:
            return None
    return pa.schema(fields)


def _scalar(value: Any, as_bool: bool) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return value if as_bool else ("true" if value else "false")
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class JsonLinesReader(ManifestReader):
    name = "jsonl"
    description = "JSON Lines: one JSON object per line"
    suffixes = (".jsonl", ".ndjson")
    chunk_bytes = 4 << 20  # what Arrow's JSON parser reads at a time

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        if path.suffix.lower() in cls.suffixes:
            return 60
        lines = [ln.strip() for ln in head.splitlines()[:3] if ln.strip()]
        if len(lines) >= 2 and all(ln.startswith(b"{") and ln.endswith(b"}") for ln in lines):
            return 50
        return 0

    def info(self) -> DatasetInfo:
        head = textio.open_checked(self.path)
        textio.refuse_binary(self.path, head)
        return DatasetInfo(format=self.name, records_path=self.path)

    def _objects(self, offset: int, number: int) -> Iterator[tuple[int, dict[str, Any], int]]:
        """(line number, object, byte offset after its line) from a line start on."""
        with self.path.open("rb") as fh:
            fh.seek(offset)
            while raw := fh.readline():
                offset += len(raw)
                if raw.strip():
                    yield number, self._parse(raw, number), offset
                number += 1

    def _parse(self, raw: bytes, number: int) -> dict[str, Any]:
        try:
            # A byte order mark may open the file, as Windows tools write it.
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise textio.utf8_error(self.path) from None
        try:
            # Without the line end, a column past the last character stays on this line.
            obj = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as err:
            hint = "the file may be truncated" if not raw.endswith(b"\n") else None
            raise InputError(
                f"invalid JSON: {err.msg} at column {err.colno}",
                where=f"{self.path}:{number}",
                hint=hint or "each line must be one complete JSON object",
            ) from None
        if not isinstance(obj, dict):
            raise InputError(
                f"expected a JSON object, found {type(obj).__name__}",
                where=f"{self.path}:{number}",
            )
        return obj

    def batches(self) -> Iterator[pa.RecordBatch]:
        """The first batch is read with the json module; it fixes the key mapping and
        shows the value types. When every mapped value is a string (or a boolean for
        boolean fields), the rest goes through Arrow's JSON parser chunk by chunk; a
        chunk it cannot vouch for, and everything after it, is read line by line."""
        self.info()
        items, offset, number = self._python_items(0, 1)
        if not items:
            return
        mapping = self._mapping(items)
        yield self._batch(items, mapping)
        schema = _arrow_schema(items, mapping)
        if schema is not None:
            offset, number = yield from self._arrow_batches(offset, number, schema, mapping)
        while True:
            items, offset, number = self._python_items(offset, number)
            if not items:
                return
            yield self._batch(items, mapping)

    def _python_items(
        self, offset: int, number: int
    ) -> tuple[list[tuple[int, dict[str, Any]]], int, int]:
        """Up to batch_rows objects from a line start; the offset and line number after."""
        items: list[tuple[int, dict[str, Any]]] = []
        for at, obj, end in self._objects(offset, number):
            items.append((at, obj))
            number = at + 1
            if len(items) >= self.options.batch_rows:
                return items, end, number
        return items, self.path.stat().st_size, number  # read to the end

    def _chunks(self, offset: int) -> Generator[bytes, None, None]:
        """The file from offset on, in chunks of whole lines (about chunk_bytes each)."""
        with self.path.open("rb") as fh:
            fh.seek(offset)
            carry = b""
            while True:
                block = fh.read(self.chunk_bytes)
                data = carry + block
                if not data:
                    return
                if len(block) < self.chunk_bytes:  # the end of the file
                    yield data
                    return
                cut = data.rfind(b"\n") + 1
                if cut == 0:  # a line longer than a chunk: read on
                    carry = data
                    continue
                carry = data[cut:]
                yield data[:cut]

    def _arrow_batches(
        self, offset: int, number: int, schema: pa.Schema, mapping: dict[str, str]
    ) -> Generator[pa.RecordBatch, None, tuple[int, int]]:
        """Batches parsed by Arrow, two chunks at a time, from offset on. Returns where
        line-by-line reading must take over (the end of the file if Arrow read it all)."""
        from pyarrow import json as pajson

        parse = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")

        def read(chunk: bytes) -> pa.Table | None:
            options = pajson.ReadOptions(use_threads=False, block_size=len(chunk) + 1)
            try:
                return pajson.read_json(
                    pa.BufferReader(chunk), read_options=options, parse_options=parse
                )
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
                return None

        from concurrent.futures import ThreadPoolExecutor

        window: deque[tuple[Future[pa.Table | None], int, int]] = deque()
        stop = False
        with (
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="cc-lint-json") as pool,
            closing(self._chunks(offset)) as chunks,
        ):
            while True:
                while not stop and len(window) < 3:
                    chunk = next(chunks, None)
                    if chunk is None or _may_have_blank_line(chunk):
                        stop = True
                        break
                    lines = chunk.count(b"\n") + (not chunk.endswith(b"\n"))
                    window.append((pool.submit(read, chunk), lines, len(chunk)))
                if not window:
                    return offset, number
                future, lines, size = window.popleft()
                table = future.result()
                # Each line must be one row: two objects on a line would be two rows.
                if table is None or table.num_rows != lines:
                    for pending, _, _ in window:
                        pending.cancel()
                    return offset, number
                columns = {f: table.column(k).combine_chunks() for f, k in mapping.items()}
                yield canonical_batch(
                    columns, length=lines, where=str(self.path), line=row_numbers(number, lines)
                )
                offset, number = offset + size, number + lines

    def _mapping(self, items: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
        keys: dict[str, None] = {}
        for _, obj in items:
            keys.update(dict.fromkeys(obj))
        where = f"{self.path}:{items[0][0]}"
        return require_mapping(keys, self.options.columns, where=where, noun="key")

    def _batch(
        self, items: list[tuple[int, dict[str, Any]]], mapping: dict[str, str]
    ) -> pa.RecordBatch:
        columns: dict[str, pa.Array] = {}
        for field, key in mapping.items():
            as_bool = field in BOOL_FIELDS
            values = [_scalar(obj.get(key), as_bool) for _, obj in items]
            if as_bool and any(isinstance(v, bool) for v in values):
                values = [v if isinstance(v, bool) or v is None else str(v) for v in values]
                if all(isinstance(v, bool) or v is None for v in values):
                    columns[field] = pa.array(values, pa.bool_())
                    continue
                values = [("true" if v else "false") if isinstance(v, bool) else v for v in values]
            columns[field] = pa.array(values, pa.string())
        lines = pa.array([n for n, _ in items], pa.int64())
        return canonical_batch(columns, length=len(items), where=str(self.path), line=lines)
