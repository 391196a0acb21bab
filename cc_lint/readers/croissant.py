"""MLCommons Croissant JSON-LD descriptors.

The dataset-level ``license`` (SPDX-like id, URL, CreativeWork object, a list,
or missing; generators write the string "None" for missing) becomes the
declared dataset license, with ``<file>#/license`` as its source. ``rai:*``
(Responsible AI) fields are kept for the report. When a ``distribution``
FileObject's ``contentUrl`` is a relative path to a local file another reader
can read (CSV, COCO JSON, ...), its records are checked and locations point
into that file; remote files are never downloaded. Without such a file the
descriptor is dataset-level only: zero records, the declaration in the notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint.errors import InputError
from cc_lint.readers import textio
from cc_lint.readers.declared import Declaration, choose
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.records import map_columns

MAX_DESCRIPTOR_BYTES = 32 << 20
# Columns that carry YFCC100M's URL-encoded nicknames (PASS and other YFCC subsets).
YFCC_TEXT_COLUMNS = frozenset({"unickname", "usernickname", "user_nickname"})


def _license_values(value: Any, pointer: str) -> list[tuple[str, str]]:
    """(license as written, JSON pointer) for each declared license."""
    if isinstance(value, list):
        out: list[tuple[str, str]] = []
        for i, item in enumerate(value):
            out += _license_values(item, f"{pointer}/{i}")
        return out
    if isinstance(value, dict):  # sc:CreativeWork: prefer its URL, then its name
        for key in ("url", "@id", "identifier", "name"):
            if isinstance(value.get(key), str) and value[key].strip():
                return [(value[key], f"{pointer}/{key}")]
        return []
    if isinstance(value, str):
        return [(value, pointer)]
    return []


def _text(value: Any, limit: int = 500) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CroissantReader(ManifestReader):
    name = "croissant"
    description = "MLCommons Croissant JSON-LD: dataset license, rai:*, records via local files"
    suffixes = (".json", ".jsonld")

    def __init__(self, path: Path, options: ReadOptions) -> None:
        super().__init__(path, options)
        self._doc: dict[str, Any] | None = None
        self._inner: ManifestReader | None = None
        self._info: DatasetInfo | None = None

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        if b'"@context"' in head and b"mlcommons.org/croissant" in head:
            return 98
        return 0

    def document(self) -> dict[str, Any]:
        if self._doc is None:
            head = textio.open_checked(self.path)
            textio.refuse_binary(self.path, head)
            if self.path.stat().st_size > MAX_DESCRIPTOR_BYTES:
                raise InputError("Croissant descriptor is larger than 32 MiB", where=str(self.path))
            try:
                doc = json.loads(self.path.read_text(encoding="utf-8-sig"))
            except UnicodeDecodeError:
                raise textio.utf8_error(self.path) from None
            except json.JSONDecodeError as err:
                raise InputError(
                    f"invalid JSON: {err.msg} at column {err.colno}",
                    where=f"{self.path}:{err.lineno}",
                ) from None
            if not isinstance(doc, dict):
                raise InputError("a Croissant descriptor is a JSON object", where=str(self.path))
            self._doc = doc
        return self._doc

    def declaration(self) -> Declaration:
        doc = self.document()
        if "license" not in doc:
            return Declaration(
                None, f"{self.path}#/license", ["the descriptor declares no license"]
            )
        return choose(_license_values(doc["license"], f"{self.path}#/license"), "the descriptor")

    def rai(self) -> dict[str, str]:
        """Responsible-AI fields (rai:*), as short one-line texts."""
        return {k: _text(v) for k, v in self.document().items() if k.startswith("rai:")}

    def info(self) -> DatasetInfo:
        if self._info is not None:
            return self._info
        found = self.declaration()
        inner, notes = self._records_reader()
        if inner is None:
            info = DatasetInfo(format=self.name, records_path=self.path, location="pointer")
            notes.append(
                "the descriptor has no local per-record file cc-lint can read: only its "
                "dataset-level license is reported (check the image manifest with "
                f"--dataset-card {self.path})"
            )
        else:
            info = inner.info()  # shared: notes the inner reader adds while reading reach us
            info.format = f"{self.name}+{info.format}"
        info.dataset_license = found.license
        info.dataset_license_source = found.source
        info.rai = self.rai()
        if info.rai:
            notes.append("Croissant Responsible-AI fields: " + ", ".join(sorted(info.rai)))
        info.notes[:0] = [*found.notes, *notes]
        self._inner, self._info = inner, info
        return info

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.info()
        if self._inner is None:
            return iter(())
        return self._decoded(self._inner)

    # -- the per-record file ----------------------------------------------------

    def _records_reader(self) -> tuple[ManifestReader | None, list[str]]:
        from cc_lint.readers import best_reader  # the registry imports this module

        notes: list[str] = []
        candidates: list[tuple[int, int, Path, type[ManifestReader], dict[str, Any]]] = []
        for obj in self.document().get("distribution") or []:
            if not isinstance(obj, dict) or "FileObject" not in str(obj.get("@type", "")):
                continue
            url = obj.get("contentUrl")
            if not isinstance(url, str) or not url.strip():
                continue
            if "://" in url or url.startswith("/"):
                continue  # remote or absolute: never fetched
            local = self.path.parent / url
            if not local.is_file():
                notes.append(f"distribution file {url} is not next to the descriptor")
                continue
            found = best_reader(local, exclude=(self.name, "hfcard"))
            if found is None:
                continue
            score, reader = found
            candidates.append((score, local.stat().st_size, local, reader, obj))
        if not candidates:
            return None, notes
        # The most specific reader wins; among equals the largest file (instances over
        # captions for COCO: same images, plus the annotations that show people).
        score, _, local, reader, obj = max(candidates, key=lambda c: (c[0], c[1]))
        options = self._options_for(obj, local, reader)
        inner = reader(local, options)
        notes.append(
            f"records read from {local} (distribution {obj.get('@id') or obj.get('name')})"
        )
        others = [str(c[2]) for c in candidates if c[2] != local]
        if others:
            notes.append("other readable distribution files not checked: " + ", ".join(others))
        return inner, notes

    def _options_for(
        self, obj: dict[str, Any], local: Path, reader: type[ManifestReader]
    ) -> ReadOptions:
        """The record set's key column as the record id, unless --column says otherwise."""
        columns = dict(self.options.columns)
        if "id" not in columns:
            key = self._key_column(str(obj.get("@id", "")))
            header = getattr(reader(local, self.options), "header", None)
            if key and header is not None and key in header():
                columns["id"] = key
        return ReadOptions(columns=columns, batch_rows=self.options.batch_rows)

    def _key_column(self, file_id: str) -> str | None:
        for record_set in self.document().get("recordSet") or []:
            if not isinstance(record_set, dict):
                continue
            key = record_set.get("key")
            key_id = key.get("@id") if isinstance(key, dict) else None
            for f in record_set.get("field") or []:
                if not isinstance(f, dict) or not key_id:
                    continue
                if f.get("@id") != key_id and not str(f.get("@id", "")).endswith("/" + key_id):
                    continue
                for part in ("source", "references"):
                    src = f.get(part)
                    if (
                        isinstance(src, dict)
                        and str(src.get("fileObject", {}).get("@id")) == file_id
                    ):
                        column = src.get("extract", {}).get("column")
                        if isinstance(column, str):
                            return column
        return None

    def _decoded(self, inner: ManifestReader) -> Iterator[pa.RecordBatch]:
        """Inner batches, with YFCC-style URL-encoded nicknames decoded."""
        from cc_lint.readers.yfcc import url_decode

        names = getattr(inner, "column_names", None)
        mapping = map_columns(names(), inner.options.columns) if names is not None else {}
        encoded = mapping.get("author", "").lower() in YFCC_TEXT_COLUMNS
        if encoded:
            self.info().notes.append("author names in YFCC's URL-encoded column were decoded")
        for batch in inner.batches():
            if encoded:
                i = batch.schema.get_field_index("author")
                batch = batch.set_column(i, "author", url_decode(batch.column(i)))
            yield batch
