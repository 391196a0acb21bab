"""Flickr photo ids and owners from every URL form Flickr has used.

Scalar functions serve opt-out lists and ``cc-lint find``; ``derive`` does the
same over whole Arrow arrays for manifests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa

from cc_lint import compute as pc

BASE58_ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
_B58_INDEX = {c: i for i, c in enumerate(BASE58_ALPHABET)}
NSID_RE = re.compile(r"^[0-9]{5,11}@N[0-9]{2}$")

_START = r"^\s*(?:[a-z][a-z0-9+.-]*://)?"
# Photo pages: /photos/{owner}/{id}, legacy /photo/{owner}/{id}, any flickr.com host.
PAGE_RE = (
    _START
    + r"(?:[a-z0-9-]+\.)?flickr\.com/photos?/(?P<owner>[^/?#\s]+)/(?P<id>[0-9]+)(?:[/?#]|\s*$)"
)
# Legacy query forms: photo.gne?id=, photo_zoom.gne?id=, photo_exif.gne?id=.
GNE_RE = (
    _START
    + r"(?:[a-z0-9-]+\.)?flickr\.com/photo(?:_zoom|_exif)?\.gne\?(?:[^#\s]*&)?id=(?P<id>[0-9]+)"
)
# Static images: [/{farm}]/{server}/{id}_{secret}[_{size}].{ext} on every static host.
STATIC_RE = (
    _START
    + r"(?:live\.staticflickr\.com|farm[0-9]+\.staticflickr\.com|farm[0-9]+\.static\.flickr\.com"
    r"|static\.flickr\.com|c[0-9]+\.staticflickr\.com|photos[0-9]+\.flickr\.com)"
    r"/(?:[0-9]+/)*(?P<id>[0-9]+)_[0-9a-f]+(?:_[0-9a-z]+)?\.[a-z0-9]+(?:[?#]|\s*$)"
)
VIDEO_RE = _START + r"live\.staticflickr\.com/video/(?P<id>[0-9]+)/"
# Short links: flic.kr/p/{base58} and photo.gne?short={base58}; base58 is case-sensitive.
_B58 = "[" + BASE58_ALPHABET + "]+"
SHORT_RE = (
    r"^\s*(?:[hH][tT][tT][pP][sS]?://)?(?:[wW][wW][wW]\.)?(?:[fF][lL][iI][cC]\.[kK][rR]/[pP]/"
    r"|(?:[a-zA-Z0-9-]+\.)?[fF][lL][iI][cC][kK][rR]\.[cC][oO][mM]/photo\.gne\?(?:[^#\s]*&)?short=)"
    r"(?P<b58>" + _B58 + r")(?:[/?#&]|\s*$)"
)
_CASELESS = {PAGE_RE, GNE_RE, STATIC_RE, VIDEO_RE}


def base58_decode(text: str) -> int:
    """Decode Flickr's base58 (most significant digit first)."""
    if not text:
        raise ValueError("empty base58 string")
    value = 0
    for ch in text:
        digit = _B58_INDEX.get(ch)
        if digit is None:
            raise ValueError(f"{ch!r} is not a Flickr base58 digit")
        value = value * 58 + digit
    return value


def base58_encode(number: int) -> str:
    if number < 0:
        raise ValueError("negative photo id")
    if number == 0:
        return BASE58_ALPHABET[0]
    out = []
    while number:
        number, rem = divmod(number, 58)
        out.append(BASE58_ALPHABET[rem])
    return "".join(reversed(out))


@dataclass(frozen=True)
class FlickrRef:
    photo_id: str | None
    owner: str | None  # NSID or path alias, as the URL gives it


def parse(url: str) -> FlickrRef:
    """Photo id and owner from one URL; both None when it is not a Flickr photo URL."""
    text = url.strip()
    for pattern in (PAGE_RE, GNE_RE, STATIC_RE, VIDEO_RE):
        m = re.match(pattern, text, re.IGNORECASE)
        if m:
            owner = m.groupdict().get("owner")
            return FlickrRef(str(int(m.group("id"))), owner)
    m = re.match(SHORT_RE, text)
    if m:
        return FlickrRef(str(base58_decode(m.group("b58"))), None)
    return FlickrRef(None, None)


def _extract(values: pa.Array, pattern: str, group: str) -> pa.Array:
    found = pc.extract_regex(values, "(?i)" + pattern if pattern in _CASELESS else pattern)
    field = found.field(group)
    valid = pc.and_kleene(pc.is_valid(found), pc.not_equal(field, ""))
    return pc.if_else(pc.fill_null(valid, False), field, pa.scalar(None, pa.string()))


def _fill(target: pa.Array, urls: pa.Array, mask: pa.Array, pattern: str, group: str) -> pa.Array:
    """Fill target where mask holds with pattern's group, extracting only those rows."""
    return _fill_groups([target], urls, mask, pattern, [group])[0]


def _fill_groups(
    targets: list[pa.Array], urls: pa.Array, mask: pa.Array, pattern: str, groups: list[str]
) -> list[pa.Array]:
    """Like _fill for several groups of one pattern: the regex runs once."""
    mask = pc.fill_null(mask, False)
    hits = pc.sum(mask).as_py() or 0
    if not hits:
        return targets
    every = hits == len(mask)  # common: no need to cut the rows out and put them back
    subset = urls if every else pc.filter(urls, mask)
    found = pc.extract_regex(subset, "(?i)" + pattern if pattern in _CASELESS else pattern)
    out = []
    for target, group in zip(targets, groups, strict=True):
        field = found.field(group)
        valid = pc.fill_null(pc.and_kleene(pc.is_valid(found), pc.not_equal(field, "")), False)
        values = pc.if_else(valid, field, pa.scalar(None, pa.string()))
        out.append(values if every else pc.replace_with_mask(target, mask, values))
    return out


# The common page and static forms, case-sensitive and one-pass for RE2 (several times
# faster); any URL they match, PAGE_RE / STATIC_RE match with the same groups. Other
# spellings fall through to the general patterns.
_FAST_PAGE_RE = (
    r"^https?://(?:www\.)?flickr\.com/photos/(?P<owner>[^/?#\s]+)/(?P<id>[0-9]+)(?:[/?#]|$)"
)
_FAST_STATIC_RE = (
    r"^https?://(?:(?:live|farm[0-9]+)\.staticflickr\.com|c[0-9]+\.staticflickr\.com/[0-9]+)/[0-9]+/"
    r"(?P<id>[0-9]+)_[0-9a-f]+(?:_[0-9a-z]+)?\.[a-z0-9]+(?:[?#]|$)"
)


def _photo_ids(urls: pa.Array) -> tuple[pa.Array, pa.Array]:
    # A cheap literal test first (on ASCII-lowered text: faster than ignore_case),
    # so regexes run only on rows that can match.
    n = len(urls)
    ids = pa.nulls(n, pa.string())
    owners = pa.nulls(n, pa.string())
    lowered = pc.ascii_lower(urls)
    flickr = pc.match_substring(lowered, "flickr.com/")
    if pc.any(flickr).as_py():
        pages = pc.and_(flickr, pc.match_substring(lowered, ".com/photo"))
        ids, owners = _fill_groups([ids, owners], urls, pages, _FAST_PAGE_RE, ["id", "owner"])
        pages = pc.and_(pages, pc.is_null(ids))
        ids, owners = _fill_groups([ids, owners], urls, pages, PAGE_RE, ["id", "owner"])
        for pattern in (_FAST_STATIC_RE, STATIC_RE, VIDEO_RE, GNE_RE):
            ids = _fill(ids, urls, pc.and_(flickr, pc.is_null(ids)), pattern, "id")
    # One pass for both short forms (a superset: SHORT_RE decides).
    short = pc.and_(pc.match_substring_regex(lowered, r"flic\.kr/|short="), pc.is_null(ids))
    if pc.any(short).as_py():
        tokens = _extract(pc.filter(urls, short), SHORT_RE, "b58")
        # Short links are rare: decode each distinct token once.
        uniq = pc.unique(pc.drop_null(tokens))
        decoded = pa.array([str(base58_decode(t)) for t in uniq.to_pylist()], pa.string())
        ids = pc.replace_with_mask(
            ids, short, pc.take(decoded, pc.index_in(tokens, value_set=uniq))
        )
    return ids, owners


def _strip_zeros(ids: pa.Array) -> pa.Array:
    stripped = pc.utf8_ltrim(ids, characters="0")
    return pc.if_else(pc.equal(stripped, ""), "0", stripped)


def derive(
    flickr_id: pa.Array, flickr_owner: pa.Array, source_url: pa.Array, image_url: pa.Array
) -> tuple[pa.Array, pa.Array]:
    """Fill flickr_id / flickr_owner from the page URL, then the image URL."""
    if flickr_id.null_count == 0 and flickr_owner.null_count == 0:
        return flickr_id, flickr_owner
    ids, owners = flickr_id, flickr_owner
    for urls in (source_url, image_url):
        if urls.null_count == len(urls):
            continue
        # Only rows still missing a value are parsed (most have both after the page URL).
        need = pc.or_(pc.is_null(ids), pc.is_null(owners))
        missing = pc.sum(need).as_py() or 0
        if not missing:
            break
        if missing == len(need):
            url_ids, url_owners = _photo_ids(urls)
        else:
            sub_ids, sub_owners = _photo_ids(pc.filter(urls, need))
            nulls = pa.nulls(len(need), pa.string())
            url_ids = pc.replace_with_mask(nulls, need, sub_ids)
            url_owners = pc.replace_with_mask(nulls, need, sub_owners)
        ids = pc.coalesce(ids, url_ids)
        owners = pc.coalesce(owners, url_owners)
    if ids.null_count < len(ids):
        ids = _strip_zeros(ids)
    return ids, owners


def fill_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A canonical batch with flickr_id / flickr_owner filled from its URLs."""
    ids, owners = derive(
        batch.column("flickr_id"),
        batch.column("flickr_owner"),
        batch.column("source_url"),
        batch.column("image_url"),
    )
    batch = batch.set_column(batch.schema.get_field_index("flickr_id"), "flickr_id", ids)
    return batch.set_column(batch.schema.get_field_index("flickr_owner"), "flickr_owner", owners)
