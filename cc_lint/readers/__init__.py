"""Manifest readers: an explicit registry and format detection."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from cc_lint.errors import InputError, UsageError
from cc_lint.readers import textio
from cc_lint.readers.coco import CocoReader
from cc_lint.readers.croissant import CroissantReader
from cc_lint.readers.delimited import CsvReader, TsvReader
from cc_lint.readers.ffhq import FfhqReader
from cc_lint.readers.hfcard import HfCardReader
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.readers.jsonl import JsonLinesReader
from cc_lint.readers.openimages import OpenImagesReader
from cc_lint.readers.parquet import ParquetReader
from cc_lint.readers.yfcc import YfccReader

__all__ = [
    "READERS",
    "DatasetInfo",
    "ManifestReader",
    "ReadOptions",
    "best_reader",
    "detect",
    "open_manifest",
]

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
        CroissantReader,
        HfCardReader,
    )
}


def best_reader(
    path: Path, exclude: Collection[str] = ()
) -> tuple[int, type[ManifestReader]] | None:
    """The reader most confident about this file (by content, then name), with its
    score; None when none is. Ties go to the earlier-registered reader."""
    head = textio.open_checked(path)
    best: tuple[int, type[ManifestReader]] | None = None
    for name, reader in READERS.items():
        if name in exclude:
            continue
        score = reader.sniff(path, head)
        if score > 0 and (best is None or score > best[0]):
            best = (score, reader)
    return best


def detect(path: Path) -> type[ManifestReader]:
    found = best_reader(path)
    if found is None:
        raise InputError(
            "cannot tell the manifest format",
            where=str(path),
            hint="pass --manifest-format with one of: " + ", ".join(READERS),
        )
    return found[1]


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
