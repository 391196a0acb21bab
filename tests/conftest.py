"""Shared test helpers: run the CLI in-process and locate the optional shared data."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path) -> Result:
    """Run `cc-lint ARGS` in this process, capturing stdout and stderr."""
    from cc_lint.cli import run

    out, err = io.BytesIO(), io.BytesIO()
    old = sys.stdout, sys.stderr
    wrappers = (
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdout, sys.stderr = wrappers
    try:
        code = run([str(a) for a in args])
    finally:
        sys.stdout, sys.stderr = old
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()
    return Result(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


@pytest.fixture
def cli():
    return run_cli


def shared(*parts: str) -> Path:
    """A file under ../shared/data, or skip: a user's clone has no shared folder."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared sample {'/'.join(parts)} is not available (../shared/data absent)")
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def modules_after_check(manifest: Path, *args: str) -> tuple[int, set[str]]:
    """Run `cc-lint check MANIFEST ARGS` in a fresh interpreter: its exit code and the
    modules it loaded."""
    listing = manifest.parent / "modules.txt"
    code = (
        "import sys\nfrom cc_lint.cli import run\n"
        f"status = run(['check', {str(manifest)!r}, *{list(args)!r}])\n"
        f"open({str(listing)!r}, 'w').write('\\n'.join([str(status), *sys.modules]))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=manifest.parent, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    status, *modules = listing.read_text().split()
    return int(status), set(modules)
