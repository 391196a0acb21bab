"""Flickr JSON bodies to plain values.

Flickr's JSON is a mechanical mapping of its XML, and types drift: ``license`` is
an int in getInfo but a string in photo lists, ``total`` is sometimes a string,
text nodes are ``{"_content": ...}``, and a single repeated element may come as an
object rather than a list. Everything here accepts all of those.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cc_lint.live.models import HistoryEntry
from cc_lint.live.status import LicenseTable


class BadReply(ValueError):
    """A stat:ok body without the fields we need."""


def as_int(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("_content")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("_content", "")
    return "" if value is None else str(value)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class PhotoInfo:
    photo_id: str
    owner: str | None  # NSID
    path_alias: str | None
    license: int | None
    public: bool
    has_people: bool | None


def parse_info(data: dict[str, Any]) -> PhotoInfo:
    photo = data.get("photo")
    if not isinstance(photo, dict) or "id" not in photo:
        raise BadReply("getInfo reply has no photo")
    owner, visibility = _obj(photo.get("owner")), _obj(photo.get("visibility"))
    people = _obj(photo.get("people"))
    ispublic = as_int(visibility.get("ispublic"))
    haspeople = as_int(people.get("haspeople"))
    return PhotoInfo(
        photo_id=as_text(photo["id"]),
        owner=as_text(owner.get("nsid")) or None,
        path_alias=as_text(owner.get("path_alias")) or None,
        license=as_int(photo.get("license")),
        public=ispublic != 0,  # absent means public: unauthenticated calls see nothing else
        has_people=None if haspeople is None else bool(haspeople),
    )


@dataclass(frozen=True)
class ListingPage:
    page: int
    pages: int
    total: int
    entries: dict[str, tuple[str | None, int | None]]  # photo id -> (owner, license)


def parse_listing(data: dict[str, Any]) -> ListingPage:
    photos = data.get("photos")
    if not isinstance(photos, dict):
        raise BadReply("getPublicPhotos reply has no photos")
    entries: dict[str, tuple[str | None, int | None]] = {}
    for item in as_list(photos.get("photo")):
        if isinstance(item, dict) and "id" in item:
            public = as_int(item.get("ispublic"))
            if public == 0:
                continue
            entries[as_text(item["id"])] = (
                as_text(item.get("owner")) or None,
                as_int(item.get("license")),
            )
    total = as_int(photos.get("total"))
    pages = as_int(photos.get("pages"))
    return ListingPage(
        page=as_int(photos.get("page")) or 1,
        pages=pages if pages is not None else 1,
        total=total if total is not None else len(entries),
        entries=entries,
    )


def _history_items(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    block = data.get("license_history")
    if isinstance(block, dict) and "license_history" in block:  # defensive: nested form
        block = block["license_history"]
    for item in as_list(block):
        if isinstance(item, dict):
            yield item


def parse_history(data: dict[str, Any], table: LicenseTable) -> tuple[HistoryEntry, ...]:
    entries = []
    for item in _history_items(data):
        when = as_int(item.get("date_change"))
        if when is None:
            raise BadReply("license history entry without date_change")
        old_name, old_url = as_text(item.get("old_license")), as_text(item.get("old_license_url"))
        new_name, new_url = as_text(item.get("new_license")), as_text(item.get("new_license_url"))
        entries.append(
            HistoryEntry(
                date_change=when,
                old_license=table.lookup(old_name, old_url) if old_name or old_url else None,
                new_license=table.lookup(new_name, new_url),
                old_url=old_url,
                new_url=new_url,
            )
        )
    return tuple(sorted(entries, key=lambda e: e.date_change))


def parse_licenses(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    block = data.get("licenses")
    items = block.get("license") if isinstance(block, dict) else None
    out = []
    for item in as_list(items):
        if isinstance(item, dict):
            lid = as_int(item.get("id"))
            if lid is not None:
                out.append((lid, as_text(item.get("name")), as_text(item.get("url"))))
    return out


def parse_user(data: dict[str, Any]) -> str:
    user = data.get("user")
    nsid = as_text(user.get("id") or user.get("nsid")) if isinstance(user, dict) else ""
    if not nsid:
        raise BadReply("lookupUser reply has no user id")
    return nsid
