"""FFHQ-style face metadata: ``ffhq-dataset-v2.json`` and its flattened variants.

The v2 file is one JSON object keyed by image index ("0", "1", ...); each
value has a ``metadata`` block (photo_url, photo_title, author, license,
license_url, date_uploaded, date_crawled, country) beside ``image``,
``thumbnail`` and ``in_the_wild``. Derived face datasets often ship a JSON list
of records with those metadata keys at the top level. Both are streamed record
by record; locations are JSON pointers (``/<key>`` or ``/<index>``).

These are face datasets: every record depicts a person (depicts_people true).
The crawl date is the collection date; the aligned-face file URLs are the
dataset's derivatives, not the licensed originals, so they are not image_url.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint import arrays
from cc_lint.errors import InputError
from cc_lint.readers import jsonstream, textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.readers.jsonstream import FAST, Item, JsonStream, Member, pointer_token
from cc_lint.records import canonical_batch

# Canonical field -> keys to try, in order, in the metadata block (or the flat record).
KEYS: dict[str, tuple[str, ...]] = {
    "source_url": ("photo_url", "source_url", "page_url"),
    "image_url": ("image_url", "original_url"),
    "license": ("license", "license_name"),
    "license_url": ("license_url",),
    "author": ("author", "author_name"),
    "author_url": ("author_url", "author_profile_url"),
    "title": ("photo_title", "title"),
    "collected_at": ("date_crawled", "collected_at"),
}
_V2_HEAD = re.compile(rb'^\s*\{\s*"[0-9]+"\s*:\s*\{')
_FACE_MARKERS = (b'"face_landmarks"', b'"in_the_wild"', b'"face_rect"', b'"face_id"')


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


class FfhqReader(ManifestReader):
    name = "ffhq"
    description = "FFHQ-style face metadata (ffhq-dataset-v2.json or a flattened list); faces"
    suffixes = (".json",)

    def __init__(self, path: Path, options: ReadOptions) -> None:
        super().__init__(path, options)
        self._info: DatasetInfo | None = None

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        body = head.lstrip(b"\xef\xbb\xbf")
        if _V2_HEAD.match(body) and b'"metadata"' in head and b'"photo_url"' in head:
            return 95
        # A flat list of photo records is only "faces" with a face marker or the name.
        faces = "ffhq" in path.name.lower() or any(m in head for m in _FACE_MARKERS)
        if faces and jsonstream.starts_with(head, b"[") and b'"photo_url"' in head:
            return 85
        return 0

    def info(self) -> DatasetInfo:
        if self._info is None:
            head = textio.open_checked(self.path)
            textio.refuse_binary(self.path, head)
            self._info = DatasetInfo(
                format=self.name,
                records_path=self.path,
                location="pointer",
                depicts_people=True,
                notes=["FFHQ-style face dataset: every record depicts a person"],
            )
            if self.options.columns:
                self._info.notes.append("--column does not apply to FFHQ files: ignored")
        return self._info

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.info()
        rows: dict[str, list[str | None]] = {f: [] for f in ("id", *KEYS)}
        pointers: list[str] = []
        for event in JsonStream(self.path).walk(default=FAST):
            key: str | None
            if isinstance(event, Member):
                key, record, pointer = event.key, event.value, "/" + pointer_token(event.key)
            else:
                assert isinstance(event, Item)
                record, pointer = event.value, f"/{event.position}"
                key = _text(record.get("id")) if isinstance(record, dict) else None
            if not isinstance(record, dict):
                raise InputError(
                    f"expected a record object, found {type(record).__name__}",
                    where=f"{self.path}#{pointer}",
                )
            meta = record.get("metadata")
            source = meta if isinstance(meta, dict) else record
            rows["id"].append(key)
            for field, names in KEYS.items():
                rows[field].append(next((_text(source[n]) for n in names if n in source), None))
            pointers.append(pointer)
            if len(pointers) >= self.options.batch_rows:
                yield self._batch(rows, pointers)
        if pointers:
            yield self._batch(rows, pointers)

    def _batch(self, rows: dict[str, list[str | None]], pointers: list[str]) -> pa.RecordBatch:
        n = len(pointers)
        columns = {f: pa.array(v, pa.string()) for f, v in rows.items()}
        columns["depicts_people"] = arrays.constant(True, n)
        batch = canonical_batch(
            columns, length=n, where=str(self.path), pointer=pa.array(pointers, pa.string())
        )
        for values in rows.values():
            values.clear()
        pointers.clear()
        return batch
