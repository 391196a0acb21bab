"""Croissant descriptors: dataset license forms, rai:*, and records through local files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cc_lint.readers import ReadOptions, detect
from cc_lint.readers.croissant import CroissantReader

from .conftest import CliRunner, records, write_json
from .test_coco import CATEGORIES, LICENSES, coco, image, instance

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
}


def descriptor(path: Path, **fields: Any) -> Path:
    doc = {"@context": CONTEXT, "@type": "sc:Dataset", "name": "test", **fields}
    return write_json(path, doc)


def file_object(ident: str, url: str, fmt: str = "text/csv") -> dict[str, Any]:
    return {"@type": "cr:FileObject", "@id": ident, "contentUrl": url, "encodingFormat": fmt}


def declared(path: Path) -> tuple[str | None, str]:
    found = CroissantReader(path, ReadOptions()).declaration()
    return found.license, found.source


@pytest.mark.parametrize(
    ("license_", "expected", "pointer"),
    [
        ("cc-by-4.0", "cc-by-4.0", "/license"),
        ("https://creativecommons.org/licenses/by/4.0/", "https://creativecommons.org/licenses/by/4.0/", "/license"),
        ({"@type": "sc:CreativeWork", "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
         "https://creativecommons.org/licenses/by/4.0/", "/license/url"),
        ({"@type": "sc:CreativeWork", "name": "CC BY-NC 4.0"}, "CC BY-NC 4.0", "/license/name"),
        (["cc-by-nc-4.0", "cc0-1.0"], "cc0-1.0", "/license/1"),
        ("None", None, "/license"),
    ],
)  # fmt: skip
def test_license_forms(tmp_path: Path, license_: Any, expected: str | None, pointer: str) -> None:
    path = descriptor(tmp_path / "croissant.json", license=license_)
    assert detect(path) is CroissantReader
    assert declared(path) == (expected, f"{path}#{pointer}")


def test_missing_license(tmp_path: Path) -> None:
    path = descriptor(tmp_path / "croissant.json")
    reader = CroissantReader(path, ReadOptions())
    info = reader.info()
    assert info.dataset_license is None
    assert "the descriptor declares no license" in info.notes


def test_dataset_level_only_descriptor(tmp_path: Path, run_cli: CliRunner) -> None:
    path = descriptor(
        tmp_path / "croissant.json",
        license="cc-by-sa-4.0",
        distribution=[file_object("remote", "https://example.org/data.csv")],
        **{"rai:dataCollection": "Crowd workers,\n  paid per task.", "rai:dataBiases": ["a", "b"]},
    )
    assert records(path) == []
    text = run_cli("check", path)
    assert text.code == 0
    assert "0 records checked" in text.out
    assert f"note: dataset license: CC-BY-SA-4.0, declared in {path}#/license" in text.out
    assert "only its dataset-level license is reported" in text.out
    assert "rai:dataBiases, rai:dataCollection" in text.out
    doc = run_cli("check", path, "--format", "json").json()
    assert doc["rai"] == {
        "rai:dataCollection": "Crowd workers, paid per task.",
        "rai:dataBiases": '["a", "b"]',
    }
    assert doc["dataset_license"] == "cc-by-sa-4.0"


PASS_LIKE = (
    ",unickname,datetaken,licensename,hash,latitude,longitude\n"
    "3,quinnums,2004-05-17 00:44:29.0,Attribution License,ffd3eb12a16cb83138f26e6f36dec967,,\n"
    "9,Paper+Bird%3C3,2004-05-11 02:00:33.0,Attribution-NonCommercial License,"
    "fff0eece99cc71c2e91fe716051599,53.5,-113.5\n"
)
PASS_RECORDSET = [
    {
        "@type": "cr:RecordSet",
        "@id": "images",
        "key": {"@id": "hash"},
        "field": [
            {"@type": "cr:Field", "@id": "images/hash",
             "references": {"fileObject": {"@id": "metadata"}, "extract": {"column": "hash"}}},
            {"@type": "cr:Field", "@id": "images/creator_uname",
             "source": {"fileObject": {"@id": "metadata"}, "extract": {"column": "unickname"}}},
        ],
    }
]  # fmt: skip


def test_records_through_a_local_csv(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pass_metadata.csv").write_text(PASS_LIKE)
    path = descriptor(
        tmp_path / "metadata.json",
        license="cc-by-4.0",
        distribution=[
            file_object("metadata", "data/pass_metadata.csv"),
            file_object("pass0", "data/PASS.0.tar", "application/x-tar"),
        ],
        recordSet=PASS_RECORDSET,
    )
    recs = records(path)
    # The record set's key column is the id; the YFCC nickname is URL-decoded.
    assert [r["id"] for r in recs] == [
        "ffd3eb12a16cb83138f26e6f36dec967",
        "fff0eece99cc71c2e91fe716051599",  # 30 hex digits, as written
    ]
    assert [r["author"] for r in recs] == ["quinnums", "Paper Bird<3"]
    assert [r["_line"] for r in recs] == [2, 3]
    result = run_cli("check", path, "--use", "commercial", "--format", "json")
    doc = result.json()
    assert doc["manifest"]["records_path"] == str(tmp_path / "data" / "pass_metadata.csv")
    assert doc["manifest"]["format"] == "croissant+csv"
    assert {(f["rule"], f["location"]["line"]) for f in doc["findings"]} == {
        ("CC101", 3),
        ("CC113", 3),
    }
    assert any("1 of 2 images contradict it" in n for n in doc["notes"])


def test_prefers_the_richer_coco_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    images = [image(1, 1), image(2, 4)]
    coco(tmp_path / "data" / "captions.json", licenses=LICENSES, images=images,
         annotations=[{"image_id": 1, "id": 1, "caption": "a man"}])  # fmt: skip
    coco(tmp_path / "data" / "instances.json", licenses=LICENSES, images=images,
         annotations=[instance(1, 1, 1)], categories=CATEGORIES)  # fmt: skip
    path = descriptor(
        tmp_path / "croissant.json",
        license="cc-by-4.0",
        distribution=[
            file_object("captions", "data/captions.json", "application/json"),
            file_object("instances", "data/instances.json", "application/json"),
        ],
    )
    reader = CroissantReader(path, ReadOptions())
    info = reader.info()
    assert info.format == "croissant+coco"
    assert info.records_path == tmp_path / "data" / "instances.json"
    recs = [r for b in reader.batches() for r in b.to_pylist()]
    assert [r["depicts_people"] for r in recs] == [True, False]
    assert any("not checked: " in n and "captions.json" in n for n in info.notes)


def test_croissant_beats_coco_sniffing(tmp_path: Path) -> None:
    path = descriptor(tmp_path / "x.json", license="mit", images=[], annotations=[], licenses=[])
    assert detect(path) is CroissantReader


def test_invalid_json_descriptor(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "croissant.json"
    path.write_text('{"@context": {"cr": "http://mlcommons.org/croissant/"},\n "license": }')
    result = run_cli("check", path)
    assert result.code == 2
    assert f"{path}:2: invalid JSON" in result.err


# -- real descriptors ------------------------------------------------------------------------

REAL = sorted(
    [
        "croissant__1.0_coco2014-mini_metadata.json",
        "croissant__1.0_coco2014_metadata.json",
        "croissant__1.0_dices-350_metadata.json",
        "croissant__1.0_huggingface-mnist_metadata.json",
        "croissant__1.0_pass-mini_metadata.json",
        "croissant__1.0_pass_metadata.json",
        "croissant__1.1_huggingface-data_provenance_initiative_metadata.json",
        "croissant__1.1_image_test_metadata.json",
        "croissant__1.1_zenodo-head-mri_metadata.json",
    ]
)


@pytest.mark.parametrize("name", REAL)
def test_real_descriptors(shared: Path, name: str) -> None:
    path = shared / "croissant" / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    expected = doc.get("license")
    if expected == "None":
        expected = None
    assert detect(path) is CroissantReader
    info = CroissantReader(path, ReadOptions()).info()
    assert info.dataset_license == expected
    assert set(info.rai) == {k for k in doc if k.startswith("rai:")}


def test_real_coco2014_mini_with_its_data(shared: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    """The descriptor and its two COCO files, laid out as the descriptor says (in tmp)."""
    src = shared / "croissant"
    (tmp_path / "data").mkdir()
    shutil.copy(src / "croissant__1.0_coco2014-mini_metadata.json", tmp_path / "metadata.json")
    for part in ("captions", "instances"):
        shutil.copy(
            src / f"croissant__1.0_coco2014-mini_data_{part}_train2014.json",
            tmp_path / "data" / f"{part}_train2014.json",
        )
    coco_doc = json.loads((tmp_path / "data" / "instances_train2014.json").read_text())
    by_id = {lic["id"]: lic["url"] for lic in coco_doc["licenses"]}
    # Declared CC BY 4.0: every image under NC, ND or SA terms contradicts it.
    contradicting = sum(
        1
        for img in coco_doc["images"]
        if any(t in by_id[img["license"]] for t in ("-nc", "-nd", "-sa"))
    )
    result = run_cli("check", tmp_path / "metadata.json", "--format", "json")
    doc = result.json()
    assert doc["manifest"]["records"] == len(coco_doc["images"]) == 6
    assert doc["manifest"]["records_path"] == str(tmp_path / "data" / "instances_train2014.json")
    assert doc["summary"]["by_rule"]["CC113"] == contradicting
    pointers = {f["location"]["pointer"] for f in doc["findings"] if f["rule"] == "CC113"}
    assert pointers <= {f"/images/{i}" for i in range(6)}
    assert any(f"{contradicting} of 6 images contradict it" in n for n in doc["notes"])


def test_real_pass_mini_with_its_csv(shared: Path, tmp_path: Path) -> None:
    src = shared / "croissant"
    (tmp_path / "data").mkdir()
    shutil.copy(src / "croissant__1.0_pass-mini_metadata.json", tmp_path / "metadata.json")
    csv_path = tmp_path / "data" / "pass_metadata.csv"
    shutil.copy(src / "croissant__1.0_pass-mini_data_pass_metadata.csv", csv_path)
    rows = [ln.split(",") for ln in csv_path.read_text().splitlines()[1:]]
    recs = records(tmp_path / "metadata.json")
    assert [r["id"] for r in recs] == [row[4] for row in rows]
    assert {len(r["id"]) for r in recs} == {30, 31, 32}
    assert "PaperBird Photography<3" in [r["author"] for r in recs]
    info = CroissantReader(tmp_path / "metadata.json", ReadOptions()).info()
    assert info.dataset_license is None  # "None" in the file
