"""Manifest readers: an explicit registry and format detection."""

from __future__ import annotations

from pathlib import Path

from cc_lint.errors import InputError, UsageError
from cc_lint.readers import textio
from cc_lint.readers.coco import CocoReader
from cc_lint.readers.delimited import CsvReader, TsvReader
from cc_lint.readers.ffhq import FfhqReader
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.readers.jsonl import JsonLinesReader
from cc_lint.readers.openimages import OpenImagesReader
from cc_lint.readers.parquet import ParquetReader
from cc_lint.readers.yfcc import YfccReader

__all__ = ["READERS", "DatasetInfo", "ManifestReader", "ReadOptions", "detect", "open_manifest"]

READERS: dict[str, type[ManifestReader]] = {
    reader.name: reader
    for reader in (
        CsvReader,
        TsvReader,
        JsonLinesReader,
        ParquetReader,
        CocoReader,
        OpenImagesReader,
        YfccReader,
        FfhqReader,
    )
}


def detect(path: Path) -> type[ManifestReader]:
    """Pick the reader most confident about this file (by content, then name)."""
    head = textio.open_checked(path)
    scored = sorted(
        ((reader.sniff(path, head), name) for name, reader in READERS.items()), reverse=True
    )
    score, name = scored[0]
    if score <= 0:
        raise InputError(
            "cannot tell the manifest format",
            where=str(path),
            hint="pass --manifest-format " + "|".join(READERS),
        )
    return READERS[name]


def open_manifest(path: Path, options: ReadOptions, fmt: str | None = None) -> ManifestReader:
    if fmt is None:
        return detect(path)(path, options)
    try:
        reader = READERS[fmt]
    except KeyError:
        raise UsageError(
            f"unknown manifest format {fmt!r}", hint="choose one of " + ", ".join(READERS)
        ) from None
    return reader(path, options)
