"""Data types shared by the live license sources.

Licenses are Flickr's integer license ids throughout (0 = All Rights Reserved,
4 = CC BY 2.0, ...). Mapping a manifest's license text to an id is the
caller's job; ``PhotoQuery.expected_license`` is None when the manifest's
license has no Flickr id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

Status = Literal["ok", "relicensed", "unavailable", "unknown"]
STATUSES: tuple[Status, ...] = ("ok", "relicensed", "unavailable", "unknown")


@dataclass(frozen=True)
class PhotoQuery:
    photo_id: str
    owner: str | None  # NSID or path alias as the manifest gives it; None for static URLs
    expected_license: int | None  # Flickr license id the manifest claims
    collected_at: datetime | None = None  # naive datetimes are taken as UTC
    record_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """One row of flickr.photos.licenses.getLicenseHistory."""

    date_change: int  # Unix epoch (UTC)
    old_license: int | None  # None when Flickr's name/URL maps to no known id
    new_license: int | None
    old_url: str = ""
    new_url: str = ""


@dataclass(frozen=True)
class PhotoStatus:
    photo_id: str
    status: Status
    license_now: int | None = None
    manifest_license: int | None = None
    license_at_collection: int | None = None
    held_at_collection: bool | None = None
    history: tuple[HistoryEntry, ...] | None = None  # None: not fetched
    owner: str | None = None  # NSID when Flickr told us
    has_people: bool | None = None  # from getInfo only
    checked_at: str = ""  # UTC ISO 8601, when Flickr answered (cache entries keep theirs)
    reason: str | None = None
    record_ids: tuple[str, ...] = ()


@dataclass
class LiveResult:
    statuses: dict[str, PhotoStatus]
    calls: Counter[str] = field(default_factory=Counter)  # HTTP requests sent, by method
    cache_hits: Counter[str] = field(default_factory=Counter)
    retries: int = 0
    elapsed: float = 0.0

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def by_status(self) -> dict[str, int]:
        counts = Counter(s.status for s in self.statuses.values())
        return {name: counts.get(name, 0) for name in STATUSES}


def iso_utc(moment: datetime) -> str:
    """'2025-06-19T07:01:48Z' for an aware or naive-UTC datetime."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch_utc(moment: datetime) -> int:
    """Unix time of a datetime; naive values are UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def parse_iso_utc(text: str) -> datetime:
    """Inverse of iso_utc; accepts any ISO 8601 with an offset or 'Z'. Raises ValueError."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no timezone")
    return value.astimezone(timezone.utc)
