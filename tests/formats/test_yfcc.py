"""YFCC100M reader: layouts, URL-decoding, compression, errors, and the real sample rows."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path
from urllib.parse import unquote_plus

import pyarrow as pa
import pytest

from cc_lint.readers import detect
from cc_lint.readers.yfcc import FIELDS, YfccReader, url_decode

from .conftest import CliRunner, records


def line(photo: str = "7088065", **values: str) -> list[str]:
    base = dict.fromkeys(FIELDS, "")
    base.update(
        photo_id=photo,
        user_nsid="30302697@N00",
        user_nickname="Some+One%2C+Inc.",
        date_taken="4501-01-01 00:00:00.0",  # impossible, as in the real data; unused
        date_uploaded="1111467388",
        title="0601+Young+man%0A%22quoted%22+caf%C3%A9",
        description="This+gnome.%0A%0AEnjoy%21",
        user_tags="b%26w,black+and+white",
        page_url=f"http://www.flickr.com/photos/30302697@N00/{photo}/",
        download_url=f"http://farm1.staticflickr.com/8/{photo}_65c9d45e09.jpg",
        license_name="Attribution-NonCommercial-NoDerivs License",
        license_url="http://creativecommons.org/licenses/by-nc-nd/2.0/",
        marker="0",
    )
    base.update(values)
    return [base[f] for f in FIELDS]


def tsv(rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


def test_23_field_lines(tmp_path: Path) -> None:
    path = tmp_path / "yfcc100m_dataset"
    path.write_text(tsv([line(), line("343224206", license_name="Attribution License")]))
    assert detect(path) is YfccReader
    first, second = records(path)
    assert first == {
        **first,
        "id": "7088065",
        "flickr_id": "7088065",
        "flickr_owner": "30302697@N00",
        "author": "Some One, Inc.",
        "title": '0601 Young man\n"quoted" café',
        "source_url": "http://www.flickr.com/photos/30302697@N00/7088065/",
        "image_url": "http://farm1.staticflickr.com/8/7088065_65c9d45e09.jpg",
        "license": "Attribution-NonCommercial-NoDerivs License",
        "license_url": "http://creativecommons.org/licenses/by-nc-nd/2.0/",
        "collected_at": None,
        "_line": 1,
    }
    assert second["license"] == "Attribution License" and second["_line"] == 2


def test_25_field_layouts(tmp_path: Path) -> None:
    aws = [["1", *line()[:1], "4e2f7a26a1dfbf165a7e30bdabf7e72a", *line()[1:]]]
    subset = [["1", *line(), "4e2f7a26a1dfbf165a7e30bdabf7e72a"]]
    for name, rows in (("aws.tsv", aws), ("subset.tsv", subset)):
        path = tmp_path / name
        path.write_text(tsv(rows))
        assert detect(path) is YfccReader
        (rec,) = records(path)
        assert (rec["id"], rec["flickr_owner"], rec["author"]) == (
            "7088065",
            "30302697@N00",
            "Some One, Inc.",
        )


def test_compressed_input(tmp_path: Path) -> None:
    data = tsv([line(), line("2")]).encode()
    for suffix, compress in ((".bz2", bz2.compress), (".gz", gzip.compress)):
        path = tmp_path / f"yfcc100m_dataset{suffix}"
        path.write_bytes(compress(data))
        assert detect(path) is YfccReader
        assert [r["id"] for r in records(path)] == ["7088065", "2"]


def test_wrong_field_count_exits_2_with_file_and_line(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "yfcc.tsv"
    path.write_text(tsv([line(), line("2"), line("3")[:22], line("4")]))
    result = run_cli("check", path)
    assert result.code == 2
    assert result.out == ""
    (message,) = result.err.strip().splitlines()
    assert f"{path}:3: expected 23 fields, found 22" in message


def test_not_yfcc_when_forced(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "other.tsv"
    path.write_text("a\tb\tc\n1\t2\t3\n")
    assert detect(path) is not YfccReader
    result = run_cli("check", path, "--manifest-format", "yfcc")
    assert result.code == 2
    assert f"{path}:1: not a YFCC100M line: 3 tab-separated fields" in result.err


def test_locations_in_text_and_json(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "yfcc.tsv"
    path.write_text(tsv([line("1", license_name="Attribution License", license_url=""), line()]))
    text = run_cli("check", path, "--use", "commercial")
    assert text.code == 1
    assert f"{path}:2: CC101 [error]" in text.out
    doc = run_cli("check", path, "--use", "commercial", "--format", "json").json()
    assert [f["location"] for f in doc["findings"]] == [{"line": 2}]


def test_url_decode_matches_unquote_plus() -> None:
    values = ["a+b", "caf%C3%A9+%2B1", "", "100%25", "bad%zz+x", "%E6%98%9F+%E5%BD%B1", "plain"]
    got = url_decode(pa.array([*values, None], pa.string())).to_pylist()
    assert got == [unquote_plus(v) for v in values] + [None]


def test_real_yfcc_rows(shared: Path, run_cli: CliRunner) -> None:
    path = shared / "yfcc" / "yfcc100m_dataset__sample_from_filtering_bigbox_test.tsv"
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()]
    assert {len(r) for r in rows} == {23}
    assert detect(path) is YfccReader
    recs = records(path)
    assert [r["id"] for r in recs] == [r[0] for r in rows]
    assert [r["author"] for r in recs] == [unquote_plus(r[2]) for r in rows]
    assert [r["title"] for r in recs] == [unquote_plus(r[6]) for r in rows]
    assert [r["license"] for r in recs] == [r[15] for r in rows]
    assert "Indigo Skies Photography" in [r["author"] for r in recs]
    nc = sum(1 for r in rows if "-nc" in r[16])
    doc = run_cli("check", path, "--use", "commercial", "--format", "json").json()
    assert doc["summary"]["by_rule"].get("CC101", 0) == nc == 2


@pytest.mark.parametrize("count", [22, 24, 26])
def test_sniff_rejects_other_field_counts(tmp_path: Path, count: int) -> None:
    fields = (line() * 2)[:count]
    assert YfccReader.sniff(tmp_path / "x.tsv", ("\t".join(fields) + "\n").encode()) == 0
