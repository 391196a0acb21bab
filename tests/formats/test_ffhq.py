"""FFHQ-style face metadata: the v2 object keyed by index and the flattened list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cc_lint.readers import detect
from cc_lint.readers.ffhq import FfhqReader

from .conftest import CliRunner, records, write_json


def v2_entry(i: int, license_name: str, license_url: str) -> dict[str, Any]:
    return {
        "category": "training" if i else "validation",
        "metadata": {
            "photo_url": f"https://www.flickr.com/photos/someone/{1000 + i}/",
            "photo_title": f"Portrait {i}",
            "author": "Some One",
            "country": "",
            "license": license_name,
            "license_url": license_url,
            "date_uploaded": "2007-08-16",
            "date_crawled": "2018-10-10",
        },
        "image": {
            "file_url": "https://drive.google.com/uc?id=1xJYS",
            "file_path": f"images1024x1024/00000/{i:05d}.png",
            "file_size": 1488194,
            "file_md5": "ddeaeea6ce59569643715759d537fd1b",
            "pixel_size": [1024, 1024],
            "pixel_md5": "47238b44dfb87644460cbdcc4607e289",
            "face_landmarks": [[131.62, 453.8], [136.27, 511.94]],
        },
        "thumbnail": {"file_url": "https://drive.google.com/uc?id=1fU", "pixel_size": [128, 128]},
        "in_the_wild": {
            "file_url": "https://drive.google.com/uc?id=1yT",
            "face_rect": [1, 2, 3, 4],
        },
    }


LICENSES = [
    ("Attribution-NonCommercial License", "https://creativecommons.org/licenses/by-nc/2.0/"),
    ("Public Domain Mark", "https://creativecommons.org/publicdomain/mark/1.0/"),
    ("United States Government Work", "http://www.usa.gov/copyright.shtml"),
    ("Public Domain Dedication (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/"),
]


def test_v2_object_keyed_by_index(tmp_path: Path) -> None:
    doc = {str(i): v2_entry(i, *lic) for i, lic in enumerate(LICENSES)}
    path = write_json(tmp_path / "ffhq-dataset-v2.json", doc)
    assert detect(path) is FfhqReader
    recs = records(path)
    assert [r["id"] for r in recs] == ["0", "1", "2", "3"]
    assert [r["_pointer"] for r in recs] == ["/0", "/1", "/2", "/3"]
    assert all(r["depicts_people"] is True for r in recs)
    first = recs[0]
    assert first["source_url"] == "https://www.flickr.com/photos/someone/1000/"
    assert (first["title"], first["author"]) == ("Portrait 0", "Some One")
    assert first["license"] == "Attribution-NonCommercial License"
    assert first["license_url"] == "https://creativecommons.org/licenses/by-nc/2.0/"
    assert first["collected_at"] == "2018-10-10"
    assert first["image_url"] is None  # the aligned crop is not the licensed original


def test_flattened_list(tmp_path: Path) -> None:
    items = [
        {**v2_entry(i, *LICENSES[i])["metadata"], "face_landmarks": [[1.5, 2.5]]} for i in range(2)
    ]
    path = write_json(tmp_path / "faces.json", items)
    assert detect(path) is FfhqReader
    recs = records(path)
    assert [r["_pointer"] for r in recs] == ["/0", "/1"]
    assert recs[1]["license"] == "Public Domain Mark"
    assert all(r["depicts_people"] for r in recs)


def test_plain_photo_list_is_not_taken_for_faces(tmp_path: Path) -> None:
    path = write_json(tmp_path / "photos.json", [{"photo_url": "https://x.org/1", "license": "x"}])
    assert FfhqReader.sniff(path, path.read_bytes()) == 0
    assert records(path, "ffhq")[0]["depicts_people"] is True  # when the user says so


def test_keys_with_slashes_are_escaped_in_pointers(tmp_path: Path) -> None:
    doc = {"a/b": v2_entry(0, *LICENSES[0])}
    path = write_json(tmp_path / "x.json", doc)
    assert records(path, "ffhq")[0]["_pointer"] == "/a~1b"


def test_record_must_be_an_object(tmp_path: Path, run_cli: CliRunner) -> None:
    path = write_json(tmp_path / "ffhq.json", {"0": v2_entry(0, *LICENSES[0]), "1": "oops"})
    result = run_cli("check", path, "--manifest-format", "ffhq")
    assert result.code == 2
    assert f"{path}#/1: expected a record object, found str" in result.err


def test_locations_and_people_in_reports(tmp_path: Path, run_cli: CliRunner) -> None:
    doc = {str(i): v2_entry(i, *lic) for i, lic in enumerate(LICENSES)}
    path = write_json(tmp_path / "ffhq-dataset-v2.json", doc)
    text = run_cli("check", path, "--use", "commercial")
    assert text.code == 1
    assert f"{path}#/0: CC101 [error]" in text.out
    assert "note: FFHQ-style face dataset: every record depicts a person" in text.out
    doc_json = run_cli("check", path, "--use", "commercial", "--format", "json").json()
    assert [f["location"] for f in doc_json["findings"] if f["rule"] == "CC101"] == [
        {"pointer": "/0"}
    ]
