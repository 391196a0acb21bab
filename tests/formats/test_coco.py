"""COCO reader: own fixtures for each quirk, and the real COCO-MINI / panoptic samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from cc_lint import flickr_urls
from cc_lint.readers import detect
from cc_lint.readers.coco import CocoReader

from .conftest import CliRunner, records, write_json

LICENSES = [
    {"url": "http://creativecommons.org/licenses/by-nc-sa/2.0/", "id": 1,
     "name": "Attribution-NonCommercial-ShareAlike License"},
    {"url": "http://creativecommons.org/licenses/by/2.0/", "id": 4, "name": "Attribution License"},
]  # fmt: skip
CATEGORIES = [
    {"supercategory": "person", "id": 1, "name": "person"},
    {"supercategory": "animal", "id": 18, "name": "dog"},
]


def image(i: int, lic: Any = 4, **extra: Any) -> dict[str, Any]:
    return {
        "license": lic,
        "file_name": f"{i:012d}.jpg",
        "coco_url": f"http://images.cocodataset.org/val2017/{i:012d}.jpg",
        "height": 480,
        "width": 640,
        "date_captured": "2013-11-14 17:02:52",
        "flickr_url": f"http://farm7.staticflickr.com/6116/{6255196340 + i}_da26cf2c9e_z.jpg",
        "id": i,
        **extra,
    }


def instance(ann_id: int, image_id: Any, category: Any, **extra: Any) -> dict[str, Any]:
    return {
        "segmentation": [[10.5, 20.25, 30.0, 40.125, 50.5, 60.75]],
        "area": 702.1057499999998,
        "iscrowd": 0,
        "image_id": image_id,
        "bbox": [473.07, 395.93, 38.65, 28.67],
        "category_id": category,
        "id": ann_id,
        **extra,
    }


def coco(path: Path, order: str = "2017", **parts: Any) -> Path:
    """Write a COCO file with the given parts in the 2017 or 2014 key order."""
    keys = {
        "2017": ["info", "licenses", "images", "annotations", "categories"],
        "2014": ["info", "images", "licenses", "annotations", "categories"],
    }[order]
    parts.setdefault("info", {"description": "test", "year": int(order)})
    doc = {k: parts[k] for k in keys if k in parts}
    return write_json(path, doc)


def test_2017_order_categories_after_annotations(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "instances.json",
        licenses=LICENSES,
        images=[image(1, 1), image(2, 4), image(3, 4)],
        annotations=[instance(10, 2, 18), instance(11, 1, 1), instance(12, 2, 1)],
        categories=CATEGORIES,
    )
    assert detect(path) is CocoReader
    recs = records(path)
    assert [r["id"] for r in recs] == ["1", "2", "3"]
    assert [r["_pointer"] for r in recs] == ["/images/0", "/images/1", "/images/2"]
    assert [r["depicts_people"] for r in recs] == [True, True, False]
    assert recs[0]["license"] == "Attribution-NonCommercial-ShareAlike License"
    assert recs[0]["license_url"] == "http://creativecommons.org/licenses/by-nc-sa/2.0/"
    assert recs[0]["image_url"].startswith("http://farm7.staticflickr.com/")
    assert recs[0]["_line"] is None and recs[0]["author"] is None


def test_2014_order_licenses_after_images(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "instances_train2014.json",
        order="2014",
        images=[image(7, 1), image(8, 4)],
        licenses=LICENSES,
        annotations=[instance(1, 8, 1)],
        categories=CATEGORIES,
    )
    assert list(json.loads(path.read_text())) == [
        "info", "images", "licenses", "annotations", "categories",
    ]  # fmt: skip
    assert detect(path) is CocoReader
    recs = records(path)
    assert [(r["id"], r["license"], r["depicts_people"]) for r in recs] == [
        ("7", "Attribution-NonCommercial-ShareAlike License", False),
        ("8", "Attribution License", True),
    ]


def test_flickr_id_comes_from_the_static_flickr_url(tmp_path: Path) -> None:
    path = coco(tmp_path / "c.json", licenses=LICENSES, images=[image(0)])
    (rec,) = records(path)
    assert rec["flickr_id"] is None  # derived later, when a rule needs it
    ids, _ = flickr_urls.derive(
        pa.array([None], pa.string()), pa.array([None], pa.string()),
        pa.array([rec["source_url"]], pa.string()), pa.array([rec["image_url"]], pa.string()),
    )  # fmt: skip
    assert ids.to_pylist() == ["6255196340"]


def test_license_id_missing_from_table_is_unrecognised_not_guessed(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    path = coco(tmp_path / "c.json", licenses=LICENSES, images=[image(1, 9), image(2, None)])
    recs = records(path)
    assert recs[0]["license"] == "COCO license id 9 (not in the licenses table)"
    assert recs[0]["license_url"] is None
    assert recs[1]["license"] is None  # no license at all: "missing", a different finding
    result = run_cli("check", path, "--use", "train", "--format", "json")
    assert result.code == 1
    findings = result.json()["findings"]
    assert {(f["rule"], f["location"]["pointer"]) for f in findings} == {
        ("CC106", "/images/0"),
        ("CC104", "/images/1"),
    }
    assert any("license id the licenses table does not have" in n for n in result.json()["notes"])


def test_no_licenses_table(tmp_path: Path) -> None:
    path = coco(tmp_path / "c.json", images=[image(1, 1)], annotations=[])
    (rec,) = records(path)
    assert rec["license"] == "COCO license id 1 (not in a licenses table)"


def test_captions_only_leaves_people_unknown(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "captions.json",
        licenses=LICENSES,
        images=[image(1), image(2)],
        annotations=[{"image_id": 1, "id": 5, "caption": "A man riding a horse."}],
    )
    assert [r["depicts_people"] for r in records(path)] == [None, None]


def test_categories_without_person_leave_people_unknown(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "dogs.json",
        licenses=LICENSES,
        images=[image(1), image(2)],
        annotations=[instance(1, 1, 18)],
        categories=[CATEGORIES[1]],
    )
    assert [r["depicts_people"] for r in records(path)] == [None, None]


def test_keypoints_mark_people_unless_the_category_is_not_a_person(tmp_path: Path) -> None:
    kp = {"keypoints": [10, 20, 2] + [0, 0, 0] * 16, "num_keypoints": 1}
    no_kp = {"keypoints": [0, 0, 0] * 17, "num_keypoints": 0}
    path = coco(
        tmp_path / "keypoints.json",
        licenses=LICENSES,
        images=[image(1), image(2), image(3), image(4)],
        annotations=[
            {"image_id": 1, "id": 1, **kp},  # no category at all: keypoints mean a person
            instance(2, 2, 18, **kp),  # a dog's keypoints (animal-pose file)
            {"image_id": 3, "id": 3, **no_kp},
            # float keypoints without num_keypoints: decoded exactly to see the visibility
            {"image_id": 4, "id": 4, "keypoints": [1.5, 2.5, 2.0]},
        ],
        categories=[CATEGORIES[1]],
    )
    assert [r["depicts_people"] for r in records(path)] == [True, None, None, True]


def test_panoptic_segments_info(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "panoptic.json",
        licenses=LICENSES,
        images=[image(1), image(2)],
        annotations=[
            {"segments_info": [{"id": 1, "category_id": 18}, {"id": 2, "category_id": 1}],
             "file_name": "000000000001.png", "image_id": 1},
            {"segments_info": [{"id": 3, "category_id": 18}], "file_name": "2.png", "image_id": 2},
        ],
        categories=CATEGORIES,
    )  # fmt: skip
    assert [r["depicts_people"] for r in records(path)] == [True, False]


def test_float_and_string_image_ids_match(tmp_path: Path) -> None:
    path = coco(
        tmp_path / "c.json",
        licenses=LICENSES,
        images=[image(1), {**image(2), "id": "2"}],
        annotations=[instance(1, 1.0, 1.0), instance(2, "2", 1)],
        categories=CATEGORIES,
    )
    assert [r["depicts_people"] for r in records(path)] == [True, True]


def test_image_entry_must_be_an_object(tmp_path: Path, run_cli: CliRunner) -> None:
    path = coco(tmp_path / "c.json", licenses=LICENSES, images=[image(1), 42])
    result = run_cli("check", path)
    assert result.code == 2
    assert result.err.strip().endswith(f"{path}#/images/1: expected an image object, found int")
    assert len(result.err.strip().splitlines()) == 1


def test_truncated_file_exits_2_with_a_location(tmp_path: Path, run_cli: CliRunner) -> None:
    full = coco(
        tmp_path / "full.json",
        licenses=LICENSES,
        images=[image(i) for i in range(50)],
        annotations=[instance(i, i, 1) for i in range(50)],
        categories=CATEGORIES,
    )
    cut = tmp_path / "truncated.json"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size * 2 // 3])
    result = run_cli("check", cut, "--manifest-format", "coco")
    assert result.code == 2
    assert result.out == ""
    (line,) = result.err.strip().splitlines()
    assert line.startswith(f"cc-lint: error: {cut}:1: the JSON document ends too early")
    assert "Traceback" not in result.err


def test_not_coco_json(tmp_path: Path, run_cli: CliRunner) -> None:
    path = write_json(tmp_path / "x.json", {"something": [1, 2]})
    result = run_cli("check", path, "--manifest-format", "coco")
    assert result.code == 2
    assert "no top-level 'images' array" in result.err


def test_locations_in_text_and_json_output(tmp_path: Path, run_cli: CliRunner) -> None:
    path = coco(
        tmp_path / "c.json",
        licenses=LICENSES,
        images=[image(1, 4), image(2, 1)],
        annotations=[],
        categories=CATEGORIES,
    )
    text = run_cli("check", path, "--use", "commercial")
    assert text.code == 1
    assert f"{path}#/images/1: CC101 [error]" in text.out
    assert "#/images/0" not in text.out
    doc = run_cli("check", path, "--use", "commercial", "--format", "json").json()
    assert [f["location"] for f in doc["findings"]] == [{"pointer": "/images/1"}]
    assert doc["manifest"]["format"] == "coco"


# -- the real samples -------------------------------------------------------------------------


def _independent(path: Path) -> dict[str, Any]:
    """Counts from a plain json.load of the file, not from the reader."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    nc_ids = {lic["id"] for lic in doc["licenses"] if "-nc" in lic["url"]}
    person = {c["id"] for c in doc.get("categories", []) if c["name"] == "person"}
    with_people: set[int] = set()
    for ann in doc.get("annotations", []):
        cats = [ann.get("category_id")] + [s["category_id"] for s in ann.get("segments_info", [])]
        if person & set(cats):
            with_people.add(ann["image_id"])
    return {
        "images": [img["id"] for img in doc["images"]],
        "nc": sum(1 for img in doc["images"] if img["license"] in nc_ids),
        "people": len(with_people),
    }


MINI = [
    "COCO-MINI__captions_train2017.json",
    "COCO-MINI__captions_val2017.json",
    "COCO-MINI__instances_val2017.json",
    "COCO-MINI__person_keypoints_val2017.json",
    "panopticapi__images_info_examples.json",
    "panopticapi__panoptic_coco_detection_format.json",
    "panopticapi__panoptic_examples.json",
]


@pytest.mark.parametrize("name", MINI)
def test_real_coco_samples(shared: Path, name: str, run_cli: CliRunner) -> None:
    path = shared / "coco" / name
    expected = _independent(path)
    assert detect(path) is CocoReader
    recs = records(path)
    assert [int(r["id"]) for r in recs] == expected["images"]
    assert all(r["license"] and r["license_url"] for r in recs)
    people = sum(1 for r in recs if r["depicts_people"])
    assert people == expected["people"]
    result = run_cli("check", path, "--use", "commercial", "--format", "json")
    doc = result.json()
    assert doc["summary"]["records"] == len(expected["images"])
    assert doc["summary"]["by_rule"].get("CC101", 0) == expected["nc"]


def test_coco_mini_val2017_headline_numbers(shared: Path, run_cli: CliRunner) -> None:
    """The numbers the issue quotes, from the instances file."""
    path = shared / "coco" / "COCO-MINI__instances_val2017.json"
    expected = _independent(path)
    assert (len(expected["images"]), expected["nc"], expected["people"]) == (79, 51, 39)
    result = run_cli("check", path, "--use", "commercial")
    assert result.code == 1
    assert "51  CC101 noncommercial-commercial-use" in result.out
    assert "79 records checked" in result.out
    assert "39 of 79 images have a person annotation" in result.out


def test_real_coco_2014_sample_key_order(shared: Path) -> None:
    path = shared / "croissant" / "croissant__1.0_coco2014-mini_data_instances_train2014.json"
    doc = json.loads(path.read_text())
    assert list(doc)[:3] == ["info", "images", "licenses"]
    by_id = {lic["id"]: lic["name"] for lic in doc["licenses"]}
    assert [r["license"] for r in records(path)] == [by_id[i["license"]] for i in doc["images"]]


def test_license_ids_7_and_8_are_statements_not_cc_licenses(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """COCO's full table ends with 7 and 8, which COCO-MINI never uses."""
    table = [
        *LICENSES,
        {"url": "http://flickr.com/commons/usage/", "id": 7,
         "name": "No known copyright restrictions"},
        {"url": "http://www.usa.gov/copyright.shtml", "id": 8,
         "name": "United States Government Work"},
    ]  # fmt: skip
    path = coco(tmp_path / "c.json", licenses=table, images=[image(1, 7), image(2, 8)])
    doc = run_cli("check", path, "--use", "train", "--format", "json").json()
    assert {(f["rule"], f["location"]["pointer"]) for f in doc["findings"]} == {
        ("CC111", "/images/0"),
        ("CC112", "/images/1"),
    }


def test_coco_mini_people_are_flagged_under_biometric_use(shared: Path, run_cli: CliRunner) -> None:
    """The images with people, counted from the JSON itself, and no others, fail the
    consent rules when the intended use is biometric (COCO records no consent)."""
    path = shared / "coco" / "COCO-MINI__instances_val2017.json"
    doc = json.loads(path.read_text())
    person = {c["id"] for c in doc["categories"] if c["name"] == "person"}
    with_people = {a["image_id"] for a in doc["annotations"] if a["category_id"] in person}
    result = run_cli("check", path, "--use", "biometric", "--format", "json")
    assert result.code == 1
    report = result.json()
    flagged = {int(f["record_id"]) for f in report["findings"] if f["rule"] == "CC301"}
    assert flagged == with_people
    assert len(flagged) == 39
    for f in report["findings"]:
        if f["rule"] == "CC301":
            index = int(f["location"]["pointer"].rsplit("/", 1)[1])
            assert doc["images"][index]["id"] == int(f["record_id"])
