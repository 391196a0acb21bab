"""The manifest reader interface: one small ABC, data types, and the shared error."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pyarrow as pa

DEFAULT_BATCH_ROWS = 32_768


@dataclass(frozen=True)
class ReadOptions:
    columns: Mapping[str, str] = field(default_factory=dict)  # canonical field -> column
    batch_rows: int = DEFAULT_BATCH_ROWS


@dataclass
class DatasetInfo:
    """What a manifest says about the dataset as a whole."""

    format: str
    records_path: Path  # the file record locations point into
    location: str = "line"  # what _line means: "line" (text line), "row" (Parquet) or "pointer"
    dataset_license: str | None = None  # license declared for the whole dataset
    dataset_license_source: str | None = None  # where that declaration was found
    depicts_people: bool | None = None  # True for face datasets, False for "no humans"
    notes: list[str] = field(default_factory=list)
    rai: dict[str, str] = field(default_factory=dict)  # Croissant Responsible-AI fields


class ManifestReader(ABC):
    """Reads one manifest file into canonical record batches (records.CANONICAL_SCHEMA)."""

    name: ClassVar[str]
    description: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()
    # batches() already parses ahead in a thread of its own: callers need not.
    reads_ahead: ClassVar[bool] = False

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        """How sure this reader is that it can read the file (0 = no, 100 = certain)."""
        return 0

    @abstractmethod
    def info(self) -> DatasetInfo:
        """Dataset-level facts; cheap (may read the file's header or metadata)."""

    @abstractmethod
    def batches(self) -> Iterator[pa.RecordBatch]:
        """Canonical record batches in file order; memory must not grow with file length."""
