"""derive()'s fast paths for the common URL forms agree with the general patterns."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from cc_lint import flickr_urls as fu

PID = st.integers(min_value=1, max_value=10**12)
OWNER = st.sampled_from(["ann_lee", "12345678@N01", "A-b.c", "x"])
SCHEME = st.sampled_from(["https://", "http://", "HTTPS://", "", "  https://"])
SUFFIX = st.sampled_from(["", "/", "/in/album-1/", "?x=1", "#c", " ", "x", "/sizes/l/"])
HOST = st.sampled_from(
    ["live.staticflickr.com/65535", "farm3.staticflickr.com/2", "c1.staticflickr.com/6/5310",
     "c2.staticflickr.com/5310", "farm4.static.flickr.com/3", "Live.StaticFlickr.com/1"]
)  # fmt: skip
SIZE = st.sampled_from(["", "_z", "_b", "_o", "_Z"])


@st.composite
def url(draw: st.DrawFn) -> str | None:
    pid, kind = draw(PID), draw(st.sampled_from(["page", "www", "static", "short", "other"]))
    scheme, suffix = draw(SCHEME), draw(SUFFIX)
    if kind == "page":
        return f"{scheme}flickr.com/photos/{draw(OWNER)}/{pid}{suffix}"
    if kind == "www":
        return f"{scheme}www.flickr.com/photos/{draw(OWNER)}/{pid}{suffix}"
    if kind == "static":
        secret = draw(st.sampled_from(["ab12cd", "AB12", "0f"]))
        return f"{scheme}{draw(HOST)}/{pid}_{secret}{draw(SIZE)}.jpg{suffix}"
    if kind == "short":
        return f"{scheme}flic.kr/p/{fu.base58_encode(pid)}{suffix}"
    return draw(st.sampled_from([None, "", "https://example.org/1_ab.jpg", "faces/1.png"]))


@given(st.lists(st.tuples(url(), url()), min_size=1, max_size=30))
def test_derive_agrees_with_parse(pairs: list[tuple[str | None, str | None]]) -> None:
    pages = pa.array([p for p, _ in pairs], pa.string())
    images = pa.array([i for _, i in pairs], pa.string())
    nulls = pa.nulls(len(pairs), pa.string())
    ids, owners = fu.derive(nulls, nulls, pages, images)
    for (page, image), got_id, got_owner in zip(
        pairs, ids.to_pylist(), owners.to_pylist(), strict=True
    ):
        a = fu.parse(page) if page else fu.FlickrRef(None, None)
        b = fu.parse(image) if image else fu.FlickrRef(None, None)
        assert got_id == (a.photo_id or b.photo_id), (page, image)
        assert got_owner == (a.owner or b.owner), (page, image)
