"""Open Images image-metadata CSVs: V2-V7 with a header, and the header-less V1 form.

V4-V7 (``train-images-boxable-with-rotation.csv`` and friends) start with
``ImageID,Subset,OriginalURL,OriginalLandingURL,License,AuthorProfileURL,
Author,Title,...``; extra columns (OriginalSize, Thumbnail300KURL, an often
empty Rotation) are ignored. The 2016_08 (V1) ``images.csv`` rows have seven
columns and no header, and some of their ImageIDs are decimal instead of hex;
ids are kept exactly as written. License is a CC URL; locations are lines.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from cc_lint.readers import textio
from cc_lint.readers.delimited import CsvReader
from cc_lint.readers.interface import DatasetInfo
from cc_lint.records import map_columns

V1_COLUMNS = [
    "ImageID",
    "OriginalURL",
    "OriginalLandingURL",
    "License",
    "AuthorProfileURL",
    "Author",
    "Title",
]
_HEX_OR_DECIMAL = re.compile(r"[0-9a-fA-F]+")  # V1 ImageIDs
# Canonical field -> Open Images column (both forms use these names).
MAPPING = {
    "id": "ImageID",
    "source_url": "OriginalLandingURL",
    "image_url": "OriginalURL",
    "license": "License",
    "author_url": "AuthorProfileURL",
    "author": "Author",
    "title": "Title",
}


def _first_row(head: bytes) -> list[str]:
    text = head.decode("utf-8-sig", "replace")
    try:
        return next(csv.reader(io.StringIO(text, newline="")))
    except (StopIteration, csv.Error):
        return []


def _is_v1_row(row: list[str]) -> bool:
    return (
        len(row) == len(V1_COLUMNS)
        and _HEX_OR_DECIMAL.fullmatch(row[0]) is not None  # not e.g. a JSON Lines object
        and "flickr.com/" in row[1]
        and "flickr.com/" in row[2]
        and "://" in row[3]
    )


class OpenImagesReader(CsvReader):
    name = "openimages"
    description = "Open Images image CSV: V2-V7 with a header, or the header-less 7-column V1"
    suffixes = (".csv",)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        row = _first_row(head)
        if {"ImageID", "OriginalLandingURL"} <= {c.strip() for c in row}:
            return 92
        return 92 if _is_v1_row(row) else 0

    def header(self) -> list[str]:
        if self._header is None:
            head = textio.open_checked(self.path)
            textio.refuse_binary(self.path, head)
            if _is_v1_row(_first_row(head)):
                self.header_rows = 0
                self._header = list(V1_COLUMNS)
            else:
                self._header = self._parse_header(head)
        return self._header

    def info(self) -> DatasetInfo:
        names = self.header()
        info = DatasetInfo(format=self.name, records_path=self.path)
        if not self.header_rows:
            info.notes.append("Open Images V1 layout: 7 columns, no header row")
        missing = [c for c in ("ImageID", "License") if c not in names]
        if missing:
            info.notes.append(f"Open Images columns missing: {', '.join(missing)}")
        return info

    def batches(self) -> Iterator[pa.RecordBatch]:
        names = self.column_names()
        mapping = map_columns(names, self.options.columns)
        used = set(self.options.columns)
        for field, column in MAPPING.items():
            if field not in used and column in names:
                mapping[field] = column
        return self._read(names, mapping)
