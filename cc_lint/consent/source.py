"""source.web and source.host: where an image came from, from its URLs.

source.web is true when the page or image URL is http(s) or the record has a
Flickr photo id; otherwise it is unknown (null), never false: a local path or
an id says nothing about where the image was first obtained.
"""

from __future__ import annotations

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc

_WEB = r"^\s*[hH][tT][tT][pP][sS]?://"
_HOST = r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/@?#]*@)?(?P<host>[^/:?#\s]+)"
# The common spelling, one-pass for RE2 (fast); where it matches, _HOST gives the same host.
_FAST_HOST = r"^https?://(?P<host>[^/:?#@\s]+)(?::[0-9]*)?(?:[/?#]|$)"
_NULL = pa.scalar(None, pa.string())


def _web(urls: pa.Array) -> pa.Array:
    if urls.null_count == len(urls):
        return arrays.constant(False, len(urls))
    fast = pc.or_(pc.starts_with(urls, "https://"), pc.starts_with(urls, "http://"))
    rest = pc.fill_null(pc.and_(pc.invert(fast), pc.is_valid(urls)), False)
    if pc.any(rest).as_py():
        slow = pc.match_substring_regex(pc.filter(urls, rest), _WEB)
        fast = pc.replace_with_mask(fast, rest, slow)
    return pc.fill_null(fast, False)


def _group(urls: pa.Array, pattern: str) -> pa.Array:
    found = pc.extract_regex(urls, pattern)
    return pc.if_else(pc.is_valid(found), found.field("host"), _NULL)


def _host(urls: pa.Array) -> pa.Array:
    if urls.null_count == len(urls):
        return urls
    host = _group(urls, _FAST_HOST)
    rest = pc.fill_null(pc.and_(pc.is_null(host), pc.is_valid(urls)), False)
    if pc.any(rest).as_py():
        host = pc.replace_with_mask(host, rest, _group(pc.filter(urls, rest), _HOST))
    # www.flickr.com and flickr.com are one site to the reader of a message.
    host = pc.utf8_lower(host)
    return pc.if_else(pc.starts_with(host, "www."), pc.utf8_slice_codeunits(host, 4), host)


def _first_host(columns: list[pa.Array]) -> pa.Array:
    """Host of the first URL column that has one, parsing each column only where needed."""
    host = _host(columns[0])
    for urls in columns[1:]:
        rest = pc.fill_null(pc.and_(pc.is_null(host), pc.is_valid(urls)), False)
        if pc.any(rest).as_py():
            host = pc.replace_with_mask(host, rest, _host(pc.filter(urls, rest)))
    return host


def source_columns(batch: pa.RecordBatch, want_host: bool) -> dict[str, pa.Array]:
    page, image = batch.column("source_url"), batch.column("image_url")
    web = pc.or_(pc.or_(_web(page), _web(image)), pc.is_valid(batch.column("flickr_id")))
    out = {"source.web": pc.if_else(web, True, pa.scalar(None, pa.bool_()))}
    if want_host:
        flickr = pc.if_else(
            pc.is_valid(batch.column("flickr_id")),
            pa.scalar("flickr.com"),
            pa.scalar(None, pa.string()),
        )
        out["source.host"] = pc.coalesce(_first_host([page, image]), flickr)
    return out
