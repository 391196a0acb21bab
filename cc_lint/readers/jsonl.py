"""JSON Lines manifests: one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint.errors import InputError
from cc_lint.readers import textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader
from cc_lint.records import BOOL_FIELDS, canonical_batch, map_columns


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

    def _objects(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise textio.utf8_error(self.path) from None
                try:
                    obj = json.loads(text)
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
                yield number, obj

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.info()
        size = self.options.batch_rows
        pending: list[tuple[int, dict[str, Any]]] = []
        mapping: dict[str, str] | None = None
        for item in self._objects():
            pending.append(item)
            if len(pending) >= size:
                mapping = mapping or self._mapping(pending)
                yield self._batch(pending, mapping)
                pending = []
        if pending:
            yield self._batch(pending, mapping or self._mapping(pending))

    def _mapping(self, items: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
        keys: dict[str, None] = {}
        for _, obj in items:
            keys.update(dict.fromkeys(obj))
        mapping = map_columns(keys, self.options.columns)
        if not mapping:
            raise InputError(
                "no key is recognised as a record field",
                where=f"{self.path}:{items[0][0]}",
                hint="map keys with --column FIELD=KEY, e.g. --column license=rights",
            )
        return mapping

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
