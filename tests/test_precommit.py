"""The hook in .pre-commit-hooks.yaml, run by the real pre-commit tool.

The hook is copied into a `repo: local` config with `language: system`, so that
pre-commit runs the cc-lint installed here instead of building its own virtual
environment from the network; entry, file pattern and filename passing are the
ones the published hook uses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write_csv

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None,
    reason="git and pre-commit are needed (pip install -e '.[test]' installs pre-commit)",
)


def _hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "cc-lint"
    return hook


def _repo(tmp_path: Path, args: list[str]) -> Path:
    repo = tmp_path / "dataset"
    (repo / "manifests").mkdir(parents=True)
    hook = {**_hook(), "language": "system", "args": args}
    program, *rest = hook["entry"].split()
    assert program == "cc-lint"
    # The cc-lint of this environment, whether installed as a script or not.
    hook["entry"] = " ".join([sys.executable, "-m", "cc_lint", *rest])
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    env = _env(tmp_path)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    return repo


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }  # fmt: skip


def _run(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=_env(tmp_path))
    return subprocess.run(
        ["pre-commit", "run", "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, env=_env(tmp_path), timeout=300, check=False,
    )  # fmt: skip


def test_hook_passes_a_clean_manifest_and_fails_a_bad_one(tmp_path: Path) -> None:
    repo = _repo(tmp_path, ["--use", "commercial"])
    header = ["id", "photo_url", "license", "author", "title"]
    write_csv(
        repo / "manifests" / "a.csv", header, [["1", "https://x.org/1", "CC BY 4.0", "A", "T"]]
    )
    write_csv(repo / "manifests" / "b.csv", header, [["2", "https://x.org/2", "CC0 1.0", "", ""]])
    (repo / "notes.txt").write_text("not a manifest\n")
    clean = _run(repo, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    write_csv(
        repo / "manifests" / "b.csv", header, [["2", "https://x.org/2", "CC BY-NC 2.0", "B", "T"]]
    )
    failed = _run(repo, tmp_path)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert "b.csv:2: CC101 [error]" in failed.stdout
    assert "notes.txt" not in failed.stdout


def test_hook_reports_bad_input_as_a_failure(tmp_path: Path) -> None:
    repo = _repo(tmp_path, [])
    (repo / "manifests" / "broken.csv").write_text('id,license\n1,"CC BY\n')
    result = _run(repo, tmp_path)
    assert result.returncode == 1
    assert "broken.csv:2: unterminated quoted field" in result.stdout
