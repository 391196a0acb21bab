"""Opt-out lists: classifying entries, reading files, and matching every id and URL form."""

from __future__ import annotations

from pathlib import Path

import pytest

from cc_lint.consent.optout import Matcher, classify, load_optout
from cc_lint.errors import InputError
from cc_lint.flickr_urls import base58_encode

from ._util import enrich, inputs

PHOTO = "53208249252"
SHORT = base58_encode(int(PHOTO))  # 2p4QbKN
NSID = "12345678@N01"


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        (PHOTO, "photo", PHOTO),
        ("000" + PHOTO, "photo", PHOTO),
        (f"https://www.flickr.com/photos/ann_lee/{PHOTO}/", "photo", PHOTO),
        (f"https://flickr.com/photos/{NSID}/{PHOTO}/in/album-72157/", "photo", PHOTO),
        (f"http://www.flickr.com/photo/{NSID}/{PHOTO}", "photo", PHOTO),
        (f"https://www.flickr.com/photo.gne?id={PHOTO}", "photo", PHOTO),
        (f"https://www.flickr.com/photo_zoom.gne?id={PHOTO}&size=l", "photo", PHOTO),
        (f"https://live.staticflickr.com/65535/{PHOTO}_1a2b3c4d5e_b.jpg", "photo", PHOTO),
        (f"https://farm66.staticflickr.com/65535/{PHOTO}_1a2b3c4d5e.jpg", "photo", PHOTO),
        (f"http://farm3.static.flickr.com/2040/{PHOTO}_abcdef0123_o.png", "photo", PHOTO),
        (f"https://c1.staticflickr.com/1/67/{PHOTO}_628a7cb2ee_z.jpg?zz=1", "photo", PHOTO),
        (f"https://live.staticflickr.com/video/{PHOTO}/abcdef/1080p.mp4", "photo", PHOTO),
        (f"https://flic.kr/p/{SHORT}", "photo", PHOTO),
        (f"flic.kr/p/{SHORT}", "photo", PHOTO),
        (f"https://www.flickr.com/photo.gne?short={SHORT}", "photo", PHOTO),
        (NSID, "owner", NSID.lower()),
        (f"https://www.flickr.com/people/{NSID}/", "owner", NSID.lower()),
        ("https://www.flickr.com/photos/Ann_Lee/", "owner", "ann_lee"),
        ("https://www.flickr.com/photos/ann_lee/albums/72157", "owner", "ann_lee"),
        ("flickr.com/people/ann-lee", "owner", "ann-lee"),
        ("ann_lee", "user", "ann_lee"),
        ("Ann Lee", "user", "ann lee"),
        ("https://example.org/img/7.jpg/", "url", "https://example.org/img/7.jpg"),
        ("HTTPS://Example.ORG/Img/7.jpg", "url", "https://example.org/Img/7.jpg"),
    ],
)
def test_classify_every_form(text: str, kind: str, key: str) -> None:
    entry = classify(text, "f:1")
    assert (entry.kind, entry.key, entry.text, entry.where) == (kind, key, text.strip(), "f:1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("https://flic.kr/ps/2abc", "only flic.kr/p/ photo links"),
        ("https://flic.kr/s/aHsk", "only flic.kr/p/ photo links"),
        ("a/b?c", "cannot tell what"),
    ],
)
def test_unusable_entries_are_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        classify(text, "list.txt:7")
    assert err.value.where == "list.txt:7"


def test_forced_kinds() -> None:
    assert classify("123", "x", "user").kind == "user"
    assert classify("ann", "x", "owner").kind == "owner"
    assert classify(f"https://www.flickr.com/photos/ann/{PHOTO}/", "x", "user").key == "ann"
    with pytest.raises(InputError, match="not a Flickr photo id or photo URL"):
        classify("ann", "x", "photo")
    with pytest.raises(InputError, match="not a Flickr profile URL"):
        classify("https://example.org/ann", "x", "user")


def test_text_list_with_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "optout.txt"
    path.write_text(
        f"# requests received\n\n{PHOTO}   # by mail\n  {NSID}\nhttps://example.org/a#frag\n",
        encoding="utf-8",
    )
    entries = load_optout(path)
    assert [(e.kind, e.where) for e in entries] == [
        ("photo", f"{path}:3"),
        ("owner", f"{path}:4"),
        ("url", f"{path}:5"),
    ]
    assert entries[2].text == "https://example.org/a#frag"


def test_csv_list_by_header(tmp_path: Path) -> None:
    path = tmp_path / "requests.csv"
    path.write_text(
        "received,name,photo_id,username,url\n"
        f"2024-01-01,Ann,{PHOTO},,\n"
        "2024-01-02,Bob,,bob_k,\n"
        f'2024-01-03,"Cy, Jr.",,,https://flic.kr/p/{SHORT}\n',
        encoding="utf-8",
    )
    entries = load_optout(path)
    assert [(e.kind, e.key, e.where) for e in entries] == [
        ("photo", PHOTO, f"{path}:2"),
        ("user", "bob_k", f"{path}:3"),
        ("photo", PHOTO, f"{path}:4"),
    ]
    sniffed = tmp_path / "requests.list"
    sniffed.write_text(f"entry,note\n{NSID},by mail\n", encoding="utf-8")
    assert [e.kind for e in load_optout(sniffed)] == ["owner"]


def test_csv_list_needs_a_known_column(tmp_path: Path) -> None:
    path = tmp_path / "requests.csv"
    path.write_text("name,when\nAnn,2024\n", encoding="utf-8")
    with pytest.raises(InputError, match="no opt-out column") as err:
        load_optout(path)
    assert err.value.where == f"{path}:1"


def test_bad_entry_in_a_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "optout.txt"
    path.write_text(f"{PHOTO}\nhttps://flic.kr/ps/abc\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_optout(path)
    assert err.value.where == f"{path}:2"
    with pytest.raises(InputError, match="no such opt-out list"):
        load_optout(tmp_path / "missing.txt")


# Records holding the same photo, or photos of the same owner, in every form manifests use.
RECORDS = [
    {"id": "page-alias", "source_url": f"https://www.flickr.com/photos/ann_lee/{PHOTO}/"},
    {"id": "page-nsid", "source_url": f"https://www.flickr.com/photos/{NSID}/{PHOTO}"},
    {"id": "static", "image_url": f"https://live.staticflickr.com/65535/{PHOTO}_1a2b3c4d5e_z.jpg"},
    {"id": "farm", "image_url": f"http://farm3.staticflickr.com/2/{PHOTO}_abc123_o.jpg"},
    {"id": "short", "source_url": f"https://flic.kr/p/{SHORT}"},
    {"id": "gne", "source_url": f"https://www.flickr.com/photo.gne?id={PHOTO}"},
    {"id": "column", "flickr_id": "0" + PHOTO},
    {"id": "other", "source_url": f"https://www.flickr.com/photos/ann_lee/{int(PHOTO) + 1}/"},
    {"id": "profile", "author_url": f"https://www.flickr.com/people/{NSID}/", "flickr_id": "5"},
    {"id": "owner-col", "flickr_owner": NSID, "flickr_id": "6"},
    {"id": "author", "author": "  ANN LEE ", "flickr_id": "7"},
    {"id": "stranger", "source_url": "https://www.flickr.com/photos/98765432@N07/8/"},
    {"id": "web", "image_url": "https://example.org/img/7.jpg"},
]


def matched(entries: list[str]) -> dict[str, str | None]:
    rows = enrich(RECORDS, ("train",), inputs(opt_out=entries))
    return {r["id"]: r["optout.source"] for r in rows if r["optout.matched"]}


PHOTO_IDS = {"page-alias", "page-nsid", "static", "farm", "short", "gne", "column"}


@pytest.mark.parametrize(
    "entry",
    [
        PHOTO,
        f"https://www.flickr.com/photos/someone/{PHOTO}/",
        f"https://live.staticflickr.com/1/{PHOTO}_ffffffffff_b.jpg",
        f"https://flic.kr/p/{SHORT}",
        f"https://www.flickr.com/photo.gne?short={SHORT}",
    ],
)
def test_a_photo_entry_matches_the_photo_in_every_form(entry: str) -> None:
    assert matched([entry]) == dict.fromkeys(PHOTO_IDS, "list:1")


def test_an_nsid_matches_pages_profile_urls_and_owner_columns() -> None:
    assert set(matched([NSID])) == {"page-nsid", "profile", "owner-col"}
    assert set(matched([f"https://www.flickr.com/people/{NSID}/"])) == set(matched([NSID]))


def test_an_alias_or_username_matches_pages_and_authors() -> None:
    assert set(matched(["https://www.flickr.com/photos/ann_lee/"])) == {"page-alias", "other"}
    assert set(matched(["Ann_Lee"])) == {"page-alias", "other"}
    assert set(matched(["ann lee"])) == {"author"}


def test_a_web_url_matches_exactly() -> None:
    assert set(matched(["https://EXAMPLE.org/img/7.jpg/"])) == {"web"}
    assert matched(["https://example.org/img/7.jpeg"]) == {}


def test_evidence_is_the_first_matching_entry() -> None:
    rows = enrich(RECORDS[:1], ("train",), inputs(opt_out=["nobody", NSID, "ann_lee", PHOTO]))
    (row,) = rows
    assert row["optout.matched"] is True
    assert (row["optout.kind"], row["optout.entry"], row["optout.source"]) == (
        "photo",
        PHOTO,
        "list:4",
    )


def test_no_match_is_false_not_unknown() -> None:
    rows = enrich(RECORDS, ("train",), inputs(opt_out=["99"]))
    assert {r["optout.matched"] for r in rows} == {False}
    assert {r["optout.source"] for r in rows} == {None}


def test_matcher_without_flickr_entries_needs_no_derivation() -> None:
    assert not Matcher([classify("https://example.org/a", "x")]).needs_flickr
    assert Matcher([classify("ann", "x")]).needs_flickr
