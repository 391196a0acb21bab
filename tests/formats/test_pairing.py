"""Dataset-level claims against image-level facts: cards next to, or given with, a manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import CliRunner, write_json
from .test_coco import CATEGORIES, LICENSES, coco, image, instance
from .test_croissant import CONTEXT


def coco_dir(tmp_path: Path) -> Path:
    """Four images: NC-SA, BY, BY, NC-SA (license ids 1, 4, 4, 1)."""
    return coco(
        tmp_path / "instances.json",
        licenses=LICENSES,
        images=[image(1, 1), image(2, 4), image(3, 4), image(4, 1)],
        annotations=[instance(1, 1, 1)],
        categories=CATEGORIES,
    )


def readme(directory: Path, license_: str, name: str = "README.md") -> Path:
    path = directory / name
    path.write_text(f"---\npretty_name: T\nlicense:\n- {license_}\n---\n# T\n")
    return path


def test_card_next_to_the_manifest(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    card = readme(tmp_path, "cc-by-4.0")
    text = run_cli("check", manifest)
    assert text.code == 1
    assert f"note: dataset card: {card} found next to the manifest" in text.out
    assert f"note: dataset license: CC-BY-4.0, declared in {card}:4" in text.out
    assert (
        f"note: dataset declares CC-BY-4.0 (from {card}:4): 2 of 4 images contradict it "
        "(CC113): 2 CC-BY-NC-SA-2.0"
    ) in text.out
    assert "         2  CC113 dataset-license-contradicted [error]" in text.out
    assert f"{manifest}#/images/0: CC113 [error]" in text.out
    doc = run_cli("check", manifest, "--format", "json").json()
    assert doc["dataset_license"] == "cc-by-4.0"
    assert doc["summary"]["by_rule"]["CC113"] == 2
    assert [f["location"] for f in doc["findings"] if f["rule"] == "CC113"] == [
        {"pointer": "/images/0"},
        {"pointer": "/images/3"},
    ]


def test_no_contradiction_is_said_too(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    readme(tmp_path, "cc-by-nc-sa-4.0")
    result = run_cli("check", manifest, "--use", "train")
    assert "no image contradicts it" in result.out


def test_explicit_card_wins_over_the_neighbour(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    readme(tmp_path, "cc-by-nc-sa-4.0")
    other = tmp_path / "elsewhere"
    other.mkdir()
    explicit = readme(other, "cc0-1.0", "card.md")
    doc = run_cli("check", manifest, "--dataset-card", explicit, "--format", "json").json()
    assert doc["dataset_license"] == "cc0-1.0"
    assert doc["summary"]["by_rule"]["CC113"] == 4  # CC0 claimed: every BY image contradicts
    assert f"dataset card: {explicit} (--dataset-card)" in doc["notes"]


def test_dataset_license_option_wins_over_cards(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    readme(tmp_path, "cc0-1.0")
    doc = run_cli(
        "check", manifest, "--dataset-license", "CC-BY-NC-SA-2.0", "--format", "json"
    ).json()
    assert doc["dataset_license"] == "CC-BY-NC-SA-2.0"
    assert "CC113" not in doc["summary"]["by_rule"]
    assert not any("dataset card" in n for n in doc["notes"])


def test_croissant_next_to_a_csv(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = tmp_path / "images.csv"
    manifest.write_text(
        "id,license,author,title,source_url\n"
        "a,CC BY-NC 2.0,Ann,T,https://example.org/a\n"
        "b,CC BY 2.0,Bob,T,https://example.org/b\n"
    )
    write_json(tmp_path / "croissant.json", {"@context": CONTEXT, "license": "cc-by-4.0"})
    result = run_cli("check", manifest)
    assert f"{manifest}:2: CC113 [error]" in result.out
    assert "1 of 2 images contradict it" in result.out


def test_readme_without_front_matter_is_not_a_card(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    (tmp_path / "README.md").write_text("# Project\n\nlicense: cc0-1.0 (not front matter)\n")
    doc = run_cli("check", manifest, "--format", "json").json()
    assert doc["dataset_license"] is None
    assert "CC113" not in doc["summary"]["by_rule"]


def test_bad_dataset_card_exits_2_before_output(tmp_path: Path, run_cli: CliRunner) -> None:
    manifest = coco_dir(tmp_path)
    bogus = tmp_path / "notes.txt"
    bogus.write_text("just text\n")
    result = run_cli("check", manifest, "--dataset-card", bogus)
    assert result.code == 2
    assert result.out == ""
    assert f"{bogus}: not a dataset card" in result.err
    missing = run_cli("check", manifest, "--dataset-card", tmp_path / "nope.md")
    assert missing.code == 2 and "no such file" in missing.err


def test_real_redcaps_card_against_real_coco(
    shared: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    """RedCaps' cc-by-4.0 claim against COCO-MINI's val2017 licenses (read in place)."""
    path = shared / "coco" / "COCO-MINI__instances_val2017.json"
    card = shared / "hf_cards" / "hf-datasets__red_caps__README_frontmatter_trimmed.md"
    doc = json.loads(path.read_text())
    urls = {lic["id"]: lic["url"] for lic in doc["licenses"]}
    flags = ("-nc", "-nd", "-sa")
    expected = sum(1 for img in doc["images"] if any(f in urls[img["license"]] for f in flags))
    nc = sum(1 for img in doc["images"] if "-nc" in urls[img["license"]])
    result = run_cli("check", path, "--dataset-card", card, "--use", "commercial")
    assert result.code == 1
    assert f"{expected} of 79 images contradict it (CC113): " in result.out
    # Broken down by image license, most frequent first, computed from the file.
    by_license: dict[str, int] = {}
    for img in doc["images"]:
        url = urls[img["license"]]
        if any(f in url for f in flags):
            lic_id = "CC-" + url.split("/licenses/")[1].split("/")[0].upper() + "-2.0"
            by_license[lic_id] = by_license.get(lic_id, 0) + 1
    top = sorted(by_license.items(), key=lambda kv: -kv[1])
    assert ", ".join(f"{n} {lic}" for lic, n in top) in result.out
    assert f"{nc:>10}  CC101 noncommercial-commercial-use" in result.out
    assert (expected, nc) == (62, 51)


def test_real_wider_face_card_next_to_a_copy(
    shared: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    shutil.copy(
        shared / "hf_cards" / "hf-datasets__wider_face__README_excerpt.md", tmp_path / "README.md"
    )
    manifest = coco_dir(tmp_path)
    doc = run_cli("check", manifest, "--format", "json").json()
    assert doc["dataset_license"] == "cc-by-nc-nd-4.0"
    # NC-ND declared: the NC-SA images still contradict it (SA), the BY ones do not.
    assert doc["summary"]["by_rule"]["CC113"] == 2


def test_descriptor_above_that_points_at_the_manifest(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "data").mkdir()
    manifest = coco_dir(tmp_path / "data")
    descriptor = write_json(
        tmp_path / "metadata.json",
        {
            "@context": CONTEXT,
            "license": "cc-by-4.0",
            "distribution": [
                {"@type": "cr:FileObject", "@id": "i", "contentUrl": "data/instances.json"}
            ],
        },
    )
    result = run_cli("check", manifest)
    assert f"note: dataset card: {descriptor} describes this manifest" in result.out
    assert "2 of 4 images contradict it" in result.out
    # A descriptor above that describes some other file is not used.
    other = tmp_path / "data" / "other.json"
    shutil.copy(manifest, other)
    assert "dataset card" not in run_cli("check", other).out
