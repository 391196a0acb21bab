"""Format detection by content and name, the --manifest-format override, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cc_lint.readers import READERS, detect

from .conftest import CliRunner
from .test_yfcc import line as yfcc_line

OI_HEADER = "ImageID,Subset,OriginalURL,OriginalLandingURL,License,AuthorProfileURL,Author,Title\n"
SAMPLES: dict[str, tuple[str, str]] = {
    # name: (file name, content) -> expected reader
    "csv": ("m.csv", "id,license\na,CC BY 2.0\n"),
    "csv-no-suffix": ("manifest", "id,license,author\na,CC BY 2.0,Ann\n"),
    "tsv": ("m.tsv", "id\tlicense\na\tCC BY 2.0\n"),
    "jsonl": ("m.jsonl", '{"id": "a", "license": "CC BY 2.0"}\n'),
    "openimages": ("oi.csv", OI_HEADER + "a,train,u,p,l,ap,au,t\n"),
    "openimages-v1": (
        "images.csv",
        "1,https://c1.staticflickr.com/5/4129/5215831864_46f356962f_o.jpg,"
        "https://www.flickr.com/photos/x/5215831864,https://creativecommons.org/licenses/by/2.0/,"
        "https://www.flickr.com/people/x/,David,Title\n",
    ),
    "yfcc": ("yfcc100m_dataset.tsv", "\t".join(yfcc_line()) + "\n"),
    "coco": ("instances.json", json.dumps({"info": {}, "licenses": [], "images": []})),
    "ffhq": ("ffhq-dataset-v2.json", json.dumps({"0": {"metadata": {"photo_url": "u"}}})),
    "croissant": (
        "metadata.json",
        json.dumps({"@context": {"cr": "http://mlcommons.org/croissant/"}, "license": "mit"}),
    ),
    "hfcard": ("README.md", "---\nlicense: cc-by-4.0\n---\n# Card\n"),
}
EXPECTED = {name: name.split("-")[0] for name in SAMPLES}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_detects_by_content_and_name(tmp_path: Path, name: str) -> None:
    file_name, content = SAMPLES[name]
    path = tmp_path / file_name
    path.write_text(content, encoding="utf-8")
    assert detect(path).name == EXPECTED[name]


def test_specific_readers_beat_the_generic_ones(tmp_path: Path) -> None:
    for name, generic in (("openimages", "csv"), ("yfcc", "tsv")):
        file_name, content = SAMPLES[name]
        path = tmp_path / file_name
        path.write_text(content)
        head = path.read_bytes()
        assert READERS[name].sniff(path, head) > READERS[generic].sniff(path, head) > 0


def test_nothing_fits_is_one_line_listing_formats(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello world\nthis is not a manifest\n")
    result = run_cli("check", path)
    assert result.code == 2
    (message,) = result.err.strip().splitlines()
    assert message.startswith(f"cc-lint: error: {path}: cannot tell the manifest format")
    for name in READERS:
        assert name in message


def test_override_reads_a_file_detection_would_not(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "export.txt"  # COCO content under an unhelpful name
    path.write_text(json.dumps({"images": [{"id": 1, "license": 1}], "licenses": []}))
    assert detect(path).name == "coco"
    forced = run_cli("check", path, "--manifest-format", "coco", "--format", "json").json()
    assert forced["manifest"]["format"] == "coco"
    assert forced["manifest"]["records"] == 1


def test_override_changes_the_reader(tmp_path: Path, run_cli: CliRunner) -> None:
    file_name, content = SAMPLES["openimages"]
    path = tmp_path / file_name
    path.write_text(content)
    doc = run_cli("check", path, "--manifest-format", "csv", "--format", "json").json()
    assert doc["manifest"]["format"] == "csv"


def test_unknown_format_name(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,license\na,CC BY 2.0\n")
    result = run_cli("check", path, "--manifest-format", "kaggle")
    assert result.code == 2
    assert "unknown manifest format 'kaggle'" in result.err
    assert "coco, openimages, yfcc, ffhq, croissant, hfcard" in result.err


def test_wrong_override_is_a_clean_error(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,license\na,CC BY 2.0\n")
    for fmt in ("coco", "ffhq", "croissant", "hfcard", "yfcc"):
        result = run_cli("check", path, "--manifest-format", fmt)
        assert result.code == 2, fmt
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "Traceback" not in result.err and "internal error" not in result.err


def test_help_names_every_format(run_cli: CliRunner) -> None:
    result = run_cli("check", "--help")
    text = " ".join(result.out.split())
    for name in READERS:
        assert name in text, f"--manifest-format help does not mention {name}"
