"""Hugging Face dataset cards: the license in README.md front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cc_lint.readers import ReadOptions, detect
from cc_lint.readers.hfcard import HfCardReader, front_matter

from .conftest import CliRunner, records


def card(tmp_path: Path, yaml_text: str, body: str = "# Dataset Card\n") -> Path:
    path = tmp_path / "README.md"
    path.write_text(f"---\n{yaml_text}---\n\n{body}", encoding="utf-8")
    return path


def declared(path: Path) -> tuple[str | None, str, list[str]]:
    found = HfCardReader(path, ReadOptions()).declaration()
    return found.license, found.source, found.notes


@pytest.mark.parametrize(
    ("yaml_text", "license_", "line"),
    [
        ("pretty_name: X\nlicense: cc-by-4.0\n", "cc-by-4.0", 3),
        ("license:\n- cc-by-nc-nd-4.0\n", "cc-by-nc-nd-4.0", 3),
        ("licenses:\n- cc-by-sa-3.0\n", "cc-by-sa-3.0", 3),
        (
            "license: other\nlicense_name: fair-noncommercial\n"
            "license_link: https://creativecommons.org/licenses/by-nc/4.0/\n",
            "https://creativecommons.org/licenses/by-nc/4.0/",
            4,
        ),
        ("license: other\nlicense_name: my-license\n", "my-license", 3),
    ],
)
def test_license_forms(tmp_path: Path, yaml_text: str, license_: str, line: int) -> None:
    path = card(tmp_path, yaml_text)
    assert detect(path) is HfCardReader
    got, source, _ = declared(path)
    assert got == license_
    assert source == f"{path}:{line}"


def test_several_licenses_use_the_least_restrictive(tmp_path: Path) -> None:
    path = card(tmp_path, "license:\n- cc-by-nc-4.0\n- cc-by-4.0\n- cc-by-sa-4.0\n")
    got, source, notes = declared(path)
    assert got == "cc-by-4.0" and source == f"{path}:4"
    assert any("declares 3 licenses" in n and "least restrictive, CC-BY-4.0" in n for n in notes)


@pytest.mark.parametrize("value", ["unknown", "other", "None"])
def test_placeholders_declare_nothing(tmp_path: Path, value: str) -> None:
    got, _, notes = declared(card(tmp_path, f"license: {value}\n"))
    assert got is None
    assert any("treated as no license declared" in n for n in notes)


def test_legacy_key_is_noted(tmp_path: Path) -> None:
    _, _, notes = declared(card(tmp_path, "licenses:\n- cc0-1.0\n"))
    assert "the card uses the legacy 'licenses' key" in notes


def test_card_alone_reports_its_declaration(tmp_path: Path, run_cli: CliRunner) -> None:
    path = card(tmp_path, "license:\n- cc-by-4.0\n")
    assert records(path) == []
    result = run_cli("check", path)
    assert result.code == 0
    assert "0 records checked" in result.out
    assert f"note: dataset license: CC-BY-4.0, declared in {path}:3" in result.out
    doc = run_cli("check", path, "--format", "json").json()
    assert doc["dataset_license"] == "cc-by-4.0"
    assert doc["manifest"]["format"] == "hfcard"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# no front matter\nlicense: mit\n", "no YAML front matter"),
        ("---\nlicense: [cc-by-4.0\n---\n", "YAML error"),
        ("---\na: &x 1\nlicense: *x\n---\n", "aliases"),
        ("---\nlicense: a\nlicense: b\n---\n", "duplicate key"),
    ],
)
def test_bad_cards_exit_2_with_one_line(
    tmp_path: Path, run_cli: CliRunner, text: str, message: str
) -> None:
    path = tmp_path / "README.md"
    path.write_text(text)
    result = run_cli("check", path, "--manifest-format", "hfcard")
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert str(path) in result.err


def test_front_matter_needs_the_closing_marker() -> None:
    assert front_matter("---\nlicense: mit\n---\nbody") == "license: mit\n"
    assert front_matter("---\nlicense: mit\n...\nbody") == "license: mit\n"
    assert front_matter("---\nlicense: mit\n") is None


REAL = {
    "hf-datasets__wider_face__README_excerpt.md": "license",
    "hf-datasets__wit__README_frontmatter.md": "licenses",
    "hf-datasets__red_caps__README_frontmatter_trimmed.md": "license",
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_cards(shared: Path, name: str) -> None:
    path = shared / "hf_cards" / name
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    (expected,) = meta[REAL[name]]
    assert detect(path) is HfCardReader
    got, source, _ = declared(path)
    assert got == expected
    line = path.read_text().splitlines().index(f"- {expected}") + 1
    assert source == f"{path}:{line}"
