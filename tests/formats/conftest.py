"""Shared helpers for the manifest-format tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cc_lint import cli
from cc_lint.readers import ReadOptions, open_manifest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture
def shared() -> Path:
    """The real third-party samples (read in place, never copied into the repo)."""
    if not SHARED.is_dir():
        pytest.skip(f"real samples not available: {SHARED} is absent (as in a fresh clone)")
    return SHARED


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


CliRunner = Callable[..., Result]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    def run(*args: object) -> Result:
        code = cli.run([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def records(path: Path, fmt: str | None = None, **options: Any) -> list[dict[str, Any]]:
    """Every canonical record the reader produces, as dicts."""
    reader = open_manifest(path, ReadOptions(**options), fmt)
    reader.info()
    out: list[dict[str, Any]] = []
    for batch in reader.batches():
        out.extend(batch.to_pylist())
    return out


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
