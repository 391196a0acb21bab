"""The real entry point (`python -m cc_lint`), which skips interpreter teardown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

EXAMPLE = REPO / "examples" / "flickr-sample.csv"


def cc_lint(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "cc_lint", *args], stdout=stdout, stderr=subprocess.PIPE, env=env
    )


def test_buffered_output_is_flushed_before_exit() -> None:
    done = cc_lint("check", str(EXAMPLE), "--use", "commercial", "--format", "json")
    assert done.returncode == 1  # findings
    doc = json.loads(done.stdout)  # the whole document arrived
    assert doc["summary"]["records"] == 300 and doc["manifest"]["sha256"]


def test_exit_code_of_a_clean_run(tmp_path: Path) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text(
        "id,license,author,title,photo_url\na,CC BY 4.0,Ann,T,https://www.flickr.com/photos/x/1/\n",
        encoding="utf-8",
    )
    done = cc_lint("check", str(clean), "--use", "redistribute")
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("rows", [3, 20_000])  # flushed at exit; written during the run
def test_an_output_that_cannot_be_written_is_one_error_line(tmp_path: Path, rows: int) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "id,license\n" + "".join(f"r{i},CC BY-NC 2.0\n" for i in range(rows)), encoding="utf-8"
    )
    with open("/dev/full", "wb") as full:
        done = cc_lint(
            "check",
            str(manifest),
            "--use",
            "commercial",
            "--max-per-rule",
            "0",
            stdout=full.fileno(),
        )
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == [
        "cc-lint: error: cannot write the output: No space left on device"
    ]
