"""Opt-out lists, and matching records against them (also used by `cc-lint find`).

A list is a text file with one entry per line (`#` starts a comment) or a CSV
file with a header. Each entry is classified:

    photo  a photo id (digits) or any photo URL: page, static image, flic.kr short link
    owner  an owner NSID (12345678@N01) or a profile URL (flickr.com/photos/ALIAS/,
           flickr.com/people/NSID/): matches the record's owner, from its URLs
    user   any other word: a Flickr username or path alias; matches the owner and
           the author field (case-insensitive)
    url    any other http(s) URL: matches the record's page or image URL exactly

Records match with whole-array operations (pc.index_in); each match keeps the
file and line of its entry as evidence.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint import flickr_urls
from cc_lint.errors import InputError

KINDS = ("photo", "owner", "user", "url")
PROFILE_RE = re.compile(
    r"^\s*(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?flickr\.com/(?:photos|people)/"
    r"(?P<owner>[^/?#\s]+)",
    re.IGNORECASE,
)
# The same, over arrays (RE2 syntax), for owners in author_url.
_PROFILE_ARROW = (
    r"(?i)^\s*(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?flickr\.com/(?:photos|people)/"
    r"(?P<owner>[^/?#\s]+)"
)
_URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_USER_RE = re.compile(r"^[^\s/?#]+(?: [^\s/?#]+)*$")
# CSV columns: normalised name -> kind it forces (None: classify the value).
CSV_COLUMNS: dict[str, str | None] = {
    "entry": None,
    "value": None,
    "url": None,
    "link": None,
    "photourl": None,
    "profileurl": None,
    "flickruser": None,
    "photo": "photo",
    "photoid": "photo",
    "flickrid": "photo",
    "nsid": "owner",
    "owner": "owner",
    "ownernsid": "owner",
    "userid": "owner",
    "username": "user",
    "user": "user",
    "pathalias": "user",
    "alias": "user",
}


@dataclass(frozen=True)
class OptOutEntry:
    kind: str  # photo | owner | user | url
    key: str  # normalised value that records are matched on
    text: str  # the entry as written
    where: str  # file:line (or the option it came from)


def _url_key(url: str) -> str:
    """Exact-match key for a URL: trimmed, scheme and host lower-cased, no trailing slash."""
    text = url.strip()
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*)(.*)$", text)
    if m:
        text = m.group(1).lower() + m.group(2)
    return text.rstrip("/")


def classify(text: str, where: str, force: str | None = None) -> OptOutEntry:
    """Classify one entry; raise InputError when it can name nothing."""
    value = text.strip()
    if not value:
        raise InputError("empty entry", where=where)
    if force in (None, "photo") and value.isdigit():
        return OptOutEntry("photo", value.lstrip("0") or "0", value, where)
    if force in (None, "photo"):
        ref = flickr_urls.parse(value)
        if ref.photo_id is not None:
            return OptOutEntry("photo", ref.photo_id, value, where)
        if force == "photo":
            raise InputError(f"{value!r} is not a Flickr photo id or photo URL", where=where)
    if flickr_urls.NSID_RE.match(value):
        return OptOutEntry("owner", value.lower(), value, where)
    if re.search(r"flic\.kr/", value, re.IGNORECASE):
        raise InputError(
            f"{value!r}: only flic.kr/p/ photo links can be resolved offline",
            where=where,
            hint="give the photo URL, the owner's NSID or the profile URL instead",
        )
    m = PROFILE_RE.match(value)
    if m:
        return OptOutEntry("owner", m.group("owner").lower(), value, where)
    if _URL_RE.match(value):
        if force in ("owner", "user"):
            raise InputError(f"{value!r} is not a Flickr profile URL", where=where)
        return OptOutEntry("url", _url_key(value), value, where)
    if force == "owner":
        if not re.match(r"^[\w.@-]+$", value):
            raise InputError(f"{value!r} is not an NSID, alias or profile URL", where=where)
        return OptOutEntry("owner", value.lower(), value, where)
    if not _USER_RE.match(value):
        raise InputError(
            f"cannot tell what {value!r} is",
            where=where,
            hint="use a photo id or URL, an NSID, a username or a profile URL",
        )
    return OptOutEntry("user", value.lower(), value, where)


def _text_entries(path: Path, text: str) -> Iterator[OptOutEntry]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"(?:^|\s)#", raw, maxsplit=1)[0].strip()
        if line:
            yield classify(line, f"{path}:{number}")


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _csv_entries(path: Path, text: str) -> Iterator[OptOutEntry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return
    columns = [(i, CSV_COLUMNS[_norm(h)]) for i, h in enumerate(header) if _norm(h) in CSV_COLUMNS]
    if not columns:
        raise InputError(
            "no opt-out column in the header",
            where=f"{path}:1",
            hint="name it one of: " + ", ".join(CSV_COLUMNS),
        )
    start = reader.line_num + 1
    for row in reader:
        where = f"{path}:{start}"
        start = reader.line_num + 1
        for i, force in columns:
            if i < len(row) and row[i].strip():
                yield classify(row[i], where, force)


def _looks_like_csv(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".csv", ".tsv"):
        return True
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return "," in first and any(_norm(c) in CSV_COLUMNS for c in first.split(","))


def load_optout(path: Path) -> list[OptOutEntry]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such opt-out list", where=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read the opt-out list: {err.strerror}", where=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not valid UTF-8", where=f"{path}:{line}") from None
    if _looks_like_csv(path, text):
        return list(_csv_entries(path, text))
    return list(_text_entries(path, text))


@dataclass(frozen=True)
class Match:
    """Per row of a batch: the index of the matching entry (null: no match)."""

    entry: pa.Array  # int32, null where the row matched nothing


class Matcher:
    """Entries as Arrow key sets; match(batch) needs flickr_id/flickr_owner derived."""

    def __init__(self, entries: Iterable[OptOutEntry]) -> None:
        self.entries: list[OptOutEntry] = list(entries)
        self._keys: dict[str, tuple[pa.Array, pa.Array]] = {}
        for kind in KINDS:
            first: dict[str, int] = {}
            for i, e in enumerate(self.entries):
                if e.kind == kind:
                    first.setdefault(e.key, i)
            if first:
                self._keys[kind] = (
                    pa.array(list(first), pa.string()),
                    pa.array(list(first.values()), pa.int32()),
                )
        # owner and user entries are both looked up among the owners.
        owners = {**self._dict("user"), **self._dict("owner")}
        self._owners = (
            (pa.array(list(owners), pa.string()), pa.array(list(owners.values()), pa.int32()))
            if owners
            else None
        )
        self.texts = pa.array([e.text for e in self.entries], pa.string())
        self.wheres = pa.array([e.where for e in self.entries], pa.string())
        self.kinds = pa.array([e.kind for e in self.entries], pa.string())

    def _dict(self, kind: str) -> dict[str, int]:
        if kind not in self._keys:
            return {}
        keys, idx = self._keys[kind]
        return dict(zip(keys.to_pylist(), idx.to_pylist(), strict=True))

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def needs_flickr(self) -> bool:
        return bool(self._keys.keys() & {"photo", "owner", "user"})

    def match(self, batch: pa.RecordBatch) -> pa.Array:
        """int32 index into self.entries per row; null where nothing matched."""
        n = batch.num_rows
        found: list[pa.Array] = []

        def look(values: pa.Array, keys: tuple[pa.Array, pa.Array] | None) -> None:
            if keys is None or values.null_count == len(values):
                return
            at = pc.index_in(values, value_set=keys[0])
            if at.null_count < len(at):
                found.append(pc.take(keys[1], at))

        look(batch.column("flickr_id"), self._keys.get("photo"))
        if self._owners is not None:
            look(pc.utf8_lower(batch.column("flickr_owner")), self._owners)
            look(profile_owner(batch.column("author_url")), self._owners)
        if "user" in self._keys:
            look(pc.utf8_lower(pc.utf8_trim_whitespace(batch.column("author"))), self._keys["user"])
        if "url" in self._keys:
            for name in ("source_url", "image_url"):
                look(url_keys(batch.column(name)), self._keys["url"])
        if not found:
            return pa.nulls(n, pa.int32())
        return pc.coalesce(*found) if len(found) > 1 else found[0]


def profile_owner(urls: pa.Array) -> pa.Array:
    """Lower-cased owner (NSID or alias) from Flickr profile or photo-page URLs."""
    if urls.null_count == len(urls):
        return urls
    flickr = pc.fill_null(pc.match_substring(urls, "flickr.com/", ignore_case=True), False)
    if not pc.any(flickr).as_py():
        return pa.nulls(len(urls), pa.string())
    found = pc.extract_regex(pc.if_else(flickr, urls, pa.scalar(None, pa.string())), _PROFILE_ARROW)
    owner = pc.if_else(pc.is_valid(found), found.field("owner"), pa.scalar(None, pa.string()))
    return pc.utf8_lower(owner)


def url_keys(urls: pa.Array) -> pa.Array:
    """_url_key over an array: trimmed, scheme and host lower-cased, no trailing slash."""
    if urls.null_count == len(urls):
        return urls
    text = pc.utf8_trim_whitespace(urls)
    parts = pc.extract_regex(text, r"^(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*)(?P<tail>.*)$")
    joined = pc.binary_join_element_wise(
        pc.utf8_lower(parts.field("head")), parts.field("tail"), ""
    )
    text = pc.if_else(pc.is_valid(parts), joined, text)
    return pc.utf8_rtrim(text, characters="/")


def entries_from_values(values: Sequence[str], where: str, force: str | None) -> list[OptOutEntry]:
    """Entries from command-line values (cc-lint find --photo/--flickr-user)."""
    return [classify(v, where, force) for v in values]
