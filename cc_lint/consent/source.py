"""source.web and source.host: where an image came from, from its URLs.

source.web is true when the page or image URL is http(s) or the record has a
Flickr photo id; otherwise it is unknown (null), never false: a local path or
an id says nothing about where the image was first obtained.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

_WEB = r"^\s*[hH][tT][tT][pP][sS]?://"
_HOST = r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/@?#]*@)?(?P<host>[^/:?#\s]+)"


def _web(urls: pa.Array) -> pa.Array:
    if urls.null_count == len(urls):
        return pa.repeat(pa.scalar(False), len(urls))
    return pc.fill_null(pc.match_substring_regex(urls, _WEB), False)


def _host(urls: pa.Array) -> pa.Array:
    if urls.null_count == len(urls):
        return urls
    found = pc.extract_regex(urls, _HOST)
    host = pc.utf8_lower(found.field("host"))
    host = pc.if_else(pc.is_valid(found), host, pa.scalar(None, pa.string()))
    # www.flickr.com and flickr.com are one site to the reader of a message.
    return pc.replace_substring_regex(host, r"^www\.", "")


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
        out["source.host"] = pc.coalesce(_host(page), _host(image), flickr)
    return out
