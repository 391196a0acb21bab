"""The reporter interface: streamed findings in, one rendered report out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar

import pyarrow as pa


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    severity: str
    pack: str
    message: str
    rationale: str
    link: str | None


@dataclass
class RunInfo:
    """What a report says about the run besides its findings."""

    manifest_path: str  # as given on the command line
    records_path: str  # file the locations point into
    manifest_format: str
    location: str  # "line" | "row" | "pointer"
    uses: list[str]
    uses_defaulted: bool
    packs: list[str]
    policy_files: list[str]
    rules: list[RuleInfo]
    dataset_license: str | None = None
    notes: list[str] = field(default_factory=list)
    sha256: str | None = None  # filled in when the run ends
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    records: int = 0
    findings: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(
        default_factory=lambda: {"error": 0, "warning": 0, "info": 0}
    )
    records_with_findings: int = 0


class Reporter(ABC):
    """Receives findings batches in manifest order, then the summary."""

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, out: IO[bytes], run: RunInfo, options: dict[str, Any]) -> None:
        self.out = out
        self.run = run
        self.options = options

    @abstractmethod
    def add(self, findings: pa.RecordBatch) -> None:
        """Findings of one batch (engine.FINDINGS_SCHEMA)."""

    @abstractmethod
    def finish(self, summary: Summary) -> None:
        """Write whatever remains; the summary is final."""
