"""Open Images CSV reader: V4-V7 headers, the header-less V1 form, and the real excerpts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cc_lint.readers import READERS, detect
from cc_lint.readers.openimages import OpenImagesReader

from .conftest import CliRunner, records

HEADER = (
    "ImageID,Subset,OriginalURL,OriginalLandingURL,License,AuthorProfileURL,Author,Title,"
    "OriginalSize,OriginalMD5,Thumbnail300KURL,Rotation\n"
)
ROW_BY = (
    "0001eeaf4aed83f9,train,https://c2.staticflickr.com/6/5606/15611395595_f51465687d_o.jpg,"
    "https://www.flickr.com/photos/mdpr/15611395595,https://creativecommons.org/licenses/by/2.0/,"
    'https://www.flickr.com/people/mdpr/,Ann Example,"...Boys, on a hill",1234,abc==,'
    "https://c1.staticflickr.com/6/5606/15611395595_00643a940c_z.jpg?zz=1,0.0\n"
)
# V7 validation row: empty Rotation (trailing comma), an organisation as author.
ROW_EMPTY_ROTATION = (
    "fe600639ac5f36c1,validation,https://farm2.staticflickr.com/5612/1_dd0f22ebf2_o.jpg,"
    "https://www.flickr.com/photos/118815643@N04/1,https://creativecommons.org/licenses/by-nc/2.0/,"
    "https://www.flickr.com/people/118815643@N04/,Some Org CD,_GUT6674,242145,0jB==,"
    "https://c8.staticflickr.com/6/5612/1_6b4323bab9_z.jpg,\n"
)
# V1 (2016_08): no header, 7 quoted columns, a decimal ImageID.
V1_ROWS = (
    '"106528377697029","https://c1.staticflickr.com/5/4129/5215831864_46f356962f_o.jpg",'
    '"https://www.flickr.com/photos/someone/5215831864","https://creativecommons.org/licenses/by/2.0/",'
    '"https://www.flickr.com/people/someone/","David","28 Nov 2010, our new house."\n'
    '"000060e3121c7305","https://farm3.staticflickr.com/1/2_ab_o.jpg",'
    '"https://www.flickr.com/photos/x/2","https://creativecommons.org/licenses/by-nd/2.0/",'
    '"https://www.flickr.com/people/x/","","Untitled"\n'
)


def test_v6_header_with_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "train-images-boxable-with-rotation.csv"
    path.write_text(HEADER + ROW_BY + ROW_EMPTY_ROTATION, encoding="utf-8")
    assert detect(path) is OpenImagesReader
    first, second = records(path)
    assert first == {
        **first,
        "id": "0001eeaf4aed83f9",
        "source_url": "https://www.flickr.com/photos/mdpr/15611395595",
        "image_url": "https://c2.staticflickr.com/6/5606/15611395595_f51465687d_o.jpg",
        "license": "https://creativecommons.org/licenses/by/2.0/",
        "author_url": "https://www.flickr.com/people/mdpr/",
        "author": "Ann Example",
        "title": "...Boys, on a hill",  # leading dots and a comma, as in the real rows
        "_line": 2,
    }
    assert second["author"] == "Some Org CD" and second["_line"] == 3


def test_v1_headerless_seven_columns(tmp_path: Path) -> None:
    path = tmp_path / "images.csv"
    path.write_text(V1_ROWS, encoding="utf-8")
    assert detect(path) is OpenImagesReader
    first, second = records(path)
    assert first["id"] == "106528377697029"  # decimal, as written (the V1 bug)
    assert first["title"] == "28 Nov 2010, our new house."
    assert first["license"] == "https://creativecommons.org/licenses/by/2.0/"
    assert (first["_line"], second["_line"]) == (1, 2)
    assert second["author"] is None


def test_json_lines_with_seven_flickr_fields_are_not_v1(tmp_path: Path) -> None:
    # A JSON object with 7 keys splits into 7 CSV cells with Flickr URLs in the
    # second and third: it must still be read as JSON Lines.
    row = {
        "id": "img1",
        "photo_url": "https://www.flickr.com/photos/someone/5215831864/",
        "image_url": "https://live.staticflickr.com/4129/5215831864_46f356962f_z.jpg",
        "license": "https://creativecommons.org/licenses/by-nc/2.0/",
        "author": "Ann",
        "title": "Photo",
        "depicts_people": None,
    }
    path = tmp_path / "manifest.jsonl"
    path.write_text(json.dumps(row) + "\n" + json.dumps({**row, "id": "img2"}) + "\n")
    assert detect(path) is READERS["jsonl"]
    unnamed = tmp_path / "manifest.txt"  # no telling suffix: content alone decides
    unnamed.write_text(path.read_text())
    assert detect(unnamed) is READERS["jsonl"]
    assert [r["id"] for r in records(path)] == ["img1", "img2"]


def test_v1_line_with_wrong_field_count(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "images.csv"
    path.write_text(V1_ROWS + '"abc","https://farm3.staticflickr.com/1/2_ab_o.jpg"\n')
    result = run_cli("check", path)
    assert result.code == 2
    assert f"{path}:3: expected 7 fields, found 2" in result.err


def test_generic_csv_loses_but_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "oi.csv"
    path.write_text(HEADER + ROW_BY)
    assert READERS["csv"].sniff(path, path.read_bytes()) < OpenImagesReader.sniff(
        path, path.read_bytes()
    )
    forced = records(path, "csv")
    assert forced[0]["source_url"] == "https://www.flickr.com/photos/mdpr/15611395595"


def test_findings_point_at_lines(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "oi.csv"
    path.write_text(HEADER + ROW_BY + ROW_EMPTY_ROTATION)
    text = run_cli("check", path, "--use", "commercial")
    assert f"{path}:3: CC101 [error]" in text.out
    doc = run_cli("check", path, "--use", "commercial", "--format", "json").json()
    assert [f["location"] for f in doc["findings"]] == [{"line": 3}]


REAL = [
    "oi_v1_2016_08_images_csv__rows_from_issue1.csv",
    "oi_v6_train-images-boxable-with-rotation__head_excerpt.csv",
    "oi_v7_validation-images-with-rotation__row_excerpt.csv",
]


@pytest.mark.parametrize("name", REAL)
def test_real_open_images_excerpts(shared: Path, name: str) -> None:
    path = shared / "openimages" / name
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    has_header = rows[0][0] == "ImageID"
    data = rows[1:] if has_header else rows
    assert detect(path) is OpenImagesReader
    recs = records(path)
    assert [r["id"] for r in recs] == [row[0] for row in data]
    license_col = rows[0].index("License") if has_header else 3
    assert [r["license"] for r in recs] == [row[license_col] for row in data]
    assert all(r["source_url"].startswith("https://www.flickr.com/photos/") for r in recs)
