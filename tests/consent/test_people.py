"""people.depicted from each source, and source.web / source.host."""

from __future__ import annotations

import pytest

from cc_lint.consent import steps_for
from cc_lint.readers import ReadOptions, open_manifest

from ._util import enrich, inputs


def people(record: dict, *, format_says=None, live=None, declared=None) -> tuple:
    (row,) = enrich(
        [record],
        given=inputs(depicts_people=declared),
        format_says=format_says,
        live=None if live is ... else [live],
    )
    return row["people.depicted"], row["people.source"]


def test_unknown_stays_unknown() -> None:
    assert people({"id": "a"}) == (None, None)


def test_each_source_alone() -> None:
    assert people({"depicts_people": True}) == (True, "record")
    assert people({"depicts_people": False}) == (False, "record")
    assert people({}, format_says=True) == (True, "format")
    assert people({}, format_says=False) == (False, "format")
    assert people({}, live=True) == (True, "flickr")
    assert people({}, declared=True) == (True, "declaration")
    assert people({}, declared=False) == (False, "declaration")


def test_flickr_haspeople_zero_is_not_evidence_of_no_people() -> None:
    # Nobody tagging a person on Flickr does not mean nobody is shown.
    assert people({}, live=False) == (None, None)
    assert people({"depicts_people": False}, live=False) == (False, "record")


@pytest.mark.parametrize(
    ("record", "kw", "expected"),
    [
        ({"depicts_people": False}, {"live": True}, (True, "flickr")),
        ({"depicts_people": False}, {"declared": True}, (True, "declaration")),
        ({"depicts_people": False}, {"format_says": True}, (True, "format")),
        ({"depicts_people": True}, {"declared": False}, (True, "record")),
        ({}, {"format_says": False, "declared": True}, (True, "declaration")),
        ({}, {"format_says": True, "declared": False}, (True, "format")),
        ({"depicts_people": False}, {"declared": False}, (False, "record")),
    ],
)
def test_true_from_any_source_wins(record: dict, kw: dict, expected: tuple) -> None:
    assert people(record, **kw) == expected


def test_live_column_may_be_absent_or_partly_null() -> None:
    rows = enrich(
        [{"id": "a"}, {"id": "b"}, {"id": "c", "depicts_people": False}],
        live=[True, None, None],
    )
    assert [r["people.depicted"] for r in rows] == [True, None, False]


def test_manifest_column_from_a_reader(tmp_path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("id,has_people\na,yes\nb,no\nc,\n", encoding="utf-8")
    (batch,) = open_manifest(path, ReadOptions()).batches()
    for step in steps_for(inputs(), ["biometric"], {"people.depicted"}, format_says=None):
        batch = step(batch)
    assert batch.column("people.depicted").to_pylist() == [True, False, None]
    assert "consent.biometric" not in batch.schema.names  # only what the policy reads


@pytest.mark.parametrize(
    ("record", "web", "host"),
    [
        ({"source_url": "https://www.flickr.com/photos/x/1/"}, True, "flickr.com"),
        ({"image_url": "HTTP://Farm3.StaticFlickr.com/1/2_ab.jpg"}, True, "farm3.staticflickr.com"),
        ({"source_url": "http://user@example.org:8080/a"}, True, "example.org"),
        ({"flickr_id": "53208249252"}, True, "flickr.com"),
        ({"image_url": "faces/0001.png"}, None, None),
        ({"source_url": "s3://bucket/a.jpg"}, None, "bucket"),
        ({"source_url": "https://a:b@Host.Example:8080/x"}, True, "host.example"),
        ({"source_url": "https://host.example:8080/x"}, True, "host.example"),
        ({"source_url": " https://x.org"}, True, "x.org"),
        ({"source_url": "ftp://f.org/a"}, None, "f.org"),
        ({"id": "a"}, None, None),
    ],
)
def test_source_web_and_host(record: dict, web: bool | None, host: str | None) -> None:
    (row,) = enrich([record])
    assert row["source.web"] is web
    assert row["source.host"] == host
