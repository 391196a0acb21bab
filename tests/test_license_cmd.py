"""``cc-lint license`` run as a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIELDS = {
    "input",
    "id",
    "kind",
    "recognized",
    "name",
    "url",
    "attribution",
    "sharealike",
    "noncommercial",
    "noderivatives",
    "public_domain",
    "version",
    "jurisdiction",
    "deprecated",
    "unit",
    "spdx",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "cc_lint", "license", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )


def test_json_output_fields_and_order() -> None:
    inputs = [
        "http://creativecommons.org/licenses/by-nc-sa/2.0/",
        "CC BY-SA 3.0 de",
        "Attribution License",
        "https://www.usa.gov/government-copyright",
        "cc0-1.0",
    ]
    result = run("--format", "json", *inputs)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["input"] for row in rows] == inputs
    assert all(set(row) == FIELDS for row in rows)
    assert [row["id"] for row in rows] == [
        "CC-BY-NC-SA-2.0",
        "CC-BY-SA-3.0-DE",
        "CC-BY-2.0",
        "LicenseRef-US-Government-Work",
        "CC0-1.0",
    ]
    first = rows[0]
    assert first["noncommercial"] is True and first["sharealike"] is True
    assert first["noderivatives"] is False and first["attribution"] is True
    assert first["url"] == "https://creativecommons.org/licenses/by-nc-sa/2.0/"
    assert first["version"] == "2.0" and first["jurisdiction"] is None
    assert rows[1]["jurisdiction"] == "de" and rows[1]["spdx"] is True
    assert rows[4]["public_domain"] is True


def test_unrecognized_input_exits_1() -> None:
    result = run("--format", "json", "CC BY 4.0", "MIT")
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert [row["recognized"] for row in rows] == [True, False]
    assert rows[1]["id"] == "" and rows[1]["kind"] == "unrecognized"
    assert rows[1]["noncommercial"] is None


def test_empty_input_is_missing_and_exits_1() -> None:
    result = run("--format", "json", "")
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["kind"] == "none"


def test_text_output() -> None:
    result = run("CC BY-NC 2.0", "/licenses/nd/1.0/", "/licenses/by/4.0/de/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith('"CC BY-NC 2.0" -> CC-BY-NC-2.0')
    assert "[BY-NC]" in lines[0]
    assert "deprecated" in lines[1] and "[ND]" in lines[1]
    assert lines[2].endswith("UNRECOGNIZED")


def test_all_recognized_text_exits_0() -> None:
    result = run("Public Domain Mark", "All Rights Reserved")
    assert result.returncode == 0
    assert "[PD]" in result.stdout
    assert "All Rights Reserved" in result.stdout


def test_no_arguments_is_a_usage_error() -> None:
    assert run().returncode == 2


def test_bad_format_is_a_usage_error() -> None:
    result = run("--format", "xml", "CC BY 4.0")
    assert result.returncode == 2
    assert "cc-lint: error" in result.stderr
