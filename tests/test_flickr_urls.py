"""Flickr photo ids and owners from every URL form, scalar and vectorised."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cc_lint import flickr_urls as fu

CASES = [
    ("https://www.flickr.com/photos/mhkose/34155506782/", "34155506782", "mhkose"),
    ("http://www.flickr.com/photos/79022225@N02/34155506782", "34155506782", "79022225@N02"),
    ("flickr.com/photos/79022225@N02/34155506782/in/photostream/", "34155506782", "79022225@N02"),
    ("  HTTPS://WWW.FLICKR.COM/photos/x/12/?foo=1  ", "12", "x"),
    ("https://m.flickr.com/photos/x/12#frag", "12", "x"),
    ("https://www.flickr.com/photo/x/77", "77", "x"),
    ("https://www.flickr.com/photo.gne?id=5551", "5551", None),
    ("https://www.flickr.com/photo_zoom.gne?size=b&id=5552", "5552", None),
    ("https://www.flickr.com/photo_exif.gne?id=5553", "5553", None),
    ("https://www.flickr.com/photo.gne?short=2p4QbKN", "53208249252", None),
    ("https://flic.kr/p/2p4QbKN", "53208249252", None),
    ("flic.kr/p/2p4QbKN/", "53208249252", None),
    ("https://live.staticflickr.com/65535/53208249252_0123456789_b.jpg", "53208249252", None),
    ("https://live.staticflickr.com/65535/53208249252_0123456789.jpg", "53208249252", None),
    ("https://live.staticflickr.com/65535/53208249252_abcdef1234_o.png", "53208249252", None),
    ("http://farm4.staticflickr.com/3714/9990655265_22b5d237c2_z.jpg", "9990655265", None),
    ("http://farm4.static.flickr.com/3714/9990655265_22b5d237c2_m.jpg", "9990655265", None),
    ("http://static.flickr.com/37/9990655265_22b5d237c2.jpg", "9990655265", None),
    ("https://c1.staticflickr.com/3/3714/9990655265_22b5d237c2_k.jpg?zz=1", "9990655265", None),
    ("http://photos3.flickr.com/9990655265_22b5d237c2_b.jpg", "9990655265", None),
    ("https://live.staticflickr.com/video/53208249252/abcdef/1080p.mp4", "53208249252", None),
]
NOT_PHOTOS = [
    "https://flic.kr/s/aHsk",  # album
    "https://flic.kr/ps/abc",  # person
    "https://www.flickr.com/photos/x/",  # profile
    "https://www.flickr.com/photos/x/sets/72157",  # album
    "https://example.com/photos/x/123/",
    "https://evilflickr.com/photos/x/123/",
    "not a url",
]


@pytest.mark.parametrize(("url", "photo_id", "owner"), CASES)
def test_url_forms(url: str, photo_id: str, owner: str | None) -> None:
    assert fu.parse(url) == fu.FlickrRef(photo_id, owner)


@pytest.mark.parametrize("url", NOT_PHOTOS)
def test_not_photo_urls(url: str) -> None:
    assert fu.parse(url) == fu.FlickrRef(None, None)


def test_vectorised_derivation_agrees_with_parse() -> None:
    urls = [u for u, _, _ in CASES] + NOT_PHOTOS + [None]
    n = len(urls)
    nulls = pa.nulls(n, pa.string())
    ids, owners = fu.derive(nulls, nulls, pa.array(urls, pa.string()), nulls)
    expected = [fu.parse(u) if u else fu.FlickrRef(None, None) for u in urls]
    assert ids.to_pylist() == [e.photo_id for e in expected]
    assert owners.to_pylist() == [e.owner for e in expected]


def test_derivation_keeps_manifest_values_and_falls_back_to_image_url() -> None:
    ids, owners = fu.derive(
        pa.array(["111", None, None]),
        pa.array([None, None, "given"]),
        pa.array([None, "https://flic.kr/p/2p4QbKN", None]),
        pa.array(["https://live.staticflickr.com/1/999_ab.jpg"] * 3),
    )
    assert ids.to_pylist() == ["111", "53208249252", "999"]
    assert owners.to_pylist() == [None, None, "given"]


def test_base58_known_vector() -> None:
    assert fu.base58_decode("2p4QbKN") == 53208249252
    assert fu.base58_encode(53208249252) == "2p4QbKN"
    with pytest.raises(ValueError, match="base58"):
        fu.base58_decode("0OIl")


@given(st.integers(min_value=0, max_value=10**15))
def test_base58_round_trip(n: int) -> None:
    assert fu.base58_decode(fu.base58_encode(n)) == n


@given(
    photo=st.integers(min_value=1, max_value=10**12),
    owner=st.from_regex(r"[0-9]{5,11}@N[0-9]{2}|[a-z][a-z0-9_-]{2,20}", fullmatch=True),
    form=st.sampled_from(["page", "static", "short", "gne"]),
    scheme=st.sampled_from(["https://", "http://", ""]),
)
def test_generated_urls_resolve(photo: int, owner: str, form: str, scheme: str) -> None:
    url = {
        "page": f"{scheme}www.flickr.com/photos/{owner}/{photo}/",
        "static": f"{scheme}live.staticflickr.com/65535/{photo}_abc123_b.jpg",
        "short": f"{scheme}flic.kr/p/{fu.base58_encode(photo)}",
        "gne": f"{scheme}www.flickr.com/photo.gne?id={photo}",
    }[form]
    ref = fu.parse(url)
    assert ref.photo_id == str(photo)
    assert ref.owner == (owner if form == "page" else None)
    ids, _ = fu.derive(*(pa.nulls(1, pa.string()),) * 2, pa.array([url]), pa.nulls(1, pa.string()))
    assert ids.to_pylist() == [str(photo)]
