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


def test_people_from_each_dataset_format(tmp_path) -> None:
    """COCO marks images by person annotations; FFHQ says every record is a face."""
    import json

    from cc_lint.pipeline import license_step
    from cc_lint.policy.engine import compile_policy, evaluate
    from cc_lint.policy.loader import load_policy

    coco = tmp_path / "instances.json"
    coco.write_text(
        json.dumps(
            {
                "licenses": [{"id": 4, "name": "Attribution License", "url": "http://creativecommons.org/licenses/by/2.0/"}],
                "images": [
                    {"id": 1, "license": 4, "file_name": "1.jpg", "flickr_url": "http://farm7.staticflickr.com/1/11_ab_z.jpg"},
                    {"id": 2, "license": 4, "file_name": "2.jpg", "flickr_url": "http://farm7.staticflickr.com/1/12_ab_z.jpg"},
                ],
                "annotations": [{"id": 9, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}],
                "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "dog"}],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    entry = {
        "category": "training",
        "metadata": {
            "photo_url": "https://www.flickr.com/photos/someone/1000/",
            "photo_title": "Portrait",
            "author": "Some One",
            "license": "Attribution License",
            "license_url": "https://creativecommons.org/licenses/by/2.0/",
            "date_uploaded": "2007-08-16",
            "date_crawled": "2018-10-10",
        },
        "image": {"file_url": "https://example.org/0.png", "file_path": "images/00000.png"},
    }
    ffhq = tmp_path / "ffhq-dataset-v2.json"
    ffhq.write_text(json.dumps({"0": entry, "1": entry}), encoding="utf-8")
    compiled = compile_policy(load_policy(["consent"]), ["biometric"])
    for path, expected in ((coco, [True, False]), (ffhq, [True, True])):
        reader = open_manifest(path, ReadOptions())
        steps = [
            license_step(),
            *steps_for(inputs(), ["biometric"], None, reader.info().depicts_people),
        ]
        (batch,) = reader.batches()
        for step in steps:
            batch = step(batch)
        assert batch.column("people.depicted").to_pylist() == expected, path.name
        fired = [f["rule"] for f in evaluate(compiled, batch).to_pylist()]
        assert fired.count("CC301") == sum(expected)
