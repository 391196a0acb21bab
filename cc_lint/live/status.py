"""Pure decisions: which status a photo gets, and what its license was at a given time.

getLicenseHistory names licenses by name and URL, not id, so this module also
carries Flickr's own table (current and legacy names/URLs) to map them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cc_lint.live.models import HistoryEntry, PhotoQuery, PhotoStatus, Status, epoch_utc

# id: (names, urls) as flickr.photos.licenses.getInfo has given them over the years.
FLICKR_LICENSES: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {
    0: (
        ("All Rights Reserved",),
        (
            "https://www.flickrhelp.com/hc/en-us/articles/"
            "10710266545556-Using-Flickr-images-shared-by-other-members",
        ),
    ),
    1: (
        ("CC BY-NC-SA 2.0", "Attribution-NonCommercial-ShareAlike License"),
        ("https://creativecommons.org/licenses/by-nc-sa/2.0/",),
    ),
    2: (
        ("CC BY-NC 2.0", "Attribution-NonCommercial License"),
        ("https://creativecommons.org/licenses/by-nc/2.0/",),
    ),
    3: (
        ("CC BY-NC-ND 2.0", "Attribution-NonCommercial-NoDerivs License"),
        ("https://creativecommons.org/licenses/by-nc-nd/2.0/",),
    ),
    4: (("CC BY 2.0", "Attribution License"), ("https://creativecommons.org/licenses/by/2.0/",)),
    5: (
        ("CC BY-SA 2.0", "Attribution-ShareAlike License"),
        ("https://creativecommons.org/licenses/by-sa/2.0/",),
    ),
    6: (
        ("CC BY-ND 2.0", "Attribution-NoDerivs License"),
        ("https://creativecommons.org/licenses/by-nd/2.0/",),
    ),
    7: (("No known copyright restrictions",), ("https://www.flickr.com/commons/usage/",)),
    8: (
        ("United States Government Work",),
        ("https://www.usa.gov/government-copyright", "http://www.usa.gov/copyright.shtml"),
    ),
    9: (
        ("Public Domain Dedication (CC0)",),
        ("https://creativecommons.org/publicdomain/zero/1.0/",),
    ),
    10: (("Public Domain Mark",), ("https://creativecommons.org/publicdomain/mark/1.0/",)),
    11: (("CC BY 4.0",), ("https://creativecommons.org/licenses/by/4.0/",)),
    12: (("CC BY-SA 4.0",), ("https://creativecommons.org/licenses/by-sa/4.0/",)),
    13: (("CC BY-ND 4.0",), ("https://creativecommons.org/licenses/by-nd/4.0/",)),
    14: (("CC BY-NC 4.0",), ("https://creativecommons.org/licenses/by-nc/4.0/",)),
    15: (("CC BY-NC-SA 4.0",), ("https://creativecommons.org/licenses/by-nc-sa/4.0/",)),
    16: (("CC BY-NC-ND 4.0",), ("https://creativecommons.org/licenses/by-nc-nd/4.0/",)),
}


def normalize_url(url: str) -> str:
    text = url.strip().lower()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.startswith("www."):
        text = text[4:]
    return text.rstrip("/")


class LicenseTable:
    """Maps getLicenseHistory's (name, URL) pairs to Flickr license ids."""

    def __init__(self, extra: Iterable[tuple[int, str, str]] = ()):
        self.by_url: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for lid, (names, urls) in FLICKR_LICENSES.items():
            self._add(lid, names, urls)
        for lid, name, url in extra:  # a live licenses.getInfo table wins
            self._add(lid, (name,), (url,))

    def _add(self, lid: int, names: Iterable[str], urls: Iterable[str]) -> None:
        for url in urls:
            if url.strip():
                self.by_url[normalize_url(url)] = lid
        for name in names:
            if name.strip():
                self.by_name[name.strip().casefold()] = lid

    def lookup(self, name: str, url: str) -> int | None:
        """URL first (names have changed over time), then the exact name."""
        if url.strip() and normalize_url(url) in self.by_url:
            return self.by_url[normalize_url(url)]
        return self.by_name.get(name.strip().casefold())


def license_at(history: Iterable[HistoryEntry], when: int, now: int | None) -> int | None:
    """The license in force at epoch `when`; a change at exactly `when` counts as done.

    No recorded change means the license was `now` all along.
    """
    entries = sorted(history, key=lambda e: e.date_change)
    if not entries:
        return now
    before = [e for e in entries if e.date_change <= when]
    return before[-1].new_license if before else entries[0].old_license


def ever_held(history: Iterable[HistoryEntry], license_id: int, now: int | None) -> bool:
    if now == license_id:
        return True
    return any(license_id in (e.old_license, e.new_license) for e in history)


def judge_license(query: PhotoQuery, base: PhotoStatus) -> PhotoStatus:
    """Status of a public photo whose current license is base.license_now.

    - The manifest's license has no Flickr id: `unknown` (nothing to compare, never `ok`).
    - Same license: `ok`.
    - Different: `relicensed`; with history, whether the claim held at collection.
    """
    base = replace(base, manifest_license=query.expected_license, record_ids=query.record_ids)
    expected, now = query.expected_license, base.license_now
    if expected is None:
        return replace(
            base,
            status="unknown",
            reason="the manifest's license has no Flickr license id, so it cannot be compared",
        )
    if now is None:
        return replace(base, status="unknown", reason="Flickr gave no license id")
    if now == expected:
        return replace(base, status="ok")
    base = replace(base, status="relicensed")
    if base.history is None:
        return base
    if query.collected_at is None:
        held = None if ever_held(base.history, expected, now) else False
        return replace(base, held_at_collection=held)
    then = license_at(base.history, epoch_utc(query.collected_at), now)
    held_then = None if then is None else then == expected
    reason = base.reason
    if not base.history and reason is None:
        reason = "Flickr records no license change for this photo"
    return replace(base, license_at_collection=then, held_at_collection=held_then, reason=reason)


def unavailable(query: PhotoQuery, checked_at: str, reason: str) -> PhotoStatus:
    return _without_license(query, "unavailable", reason, checked_at)


def unknown(query: PhotoQuery, reason: str, checked_at: str = "") -> PhotoStatus:
    return _without_license(query, "unknown", reason, checked_at)


def _without_license(
    query: PhotoQuery, status: Status, reason: str, checked_at: str
) -> PhotoStatus:
    return PhotoStatus(
        photo_id=query.photo_id,
        status=status,
        manifest_license=query.expected_license,
        checked_at=checked_at,
        reason=reason,
        record_ids=query.record_ids,
    )


def rejudge(query: PhotoQuery, old: PhotoStatus) -> PhotoStatus:
    """Re-derive a stored status (evidence file) against the query's current claim."""
    if old.status in ("ok", "relicensed") or (
        old.status == "unknown" and old.license_now is not None
    ):
        fresh = replace(old, license_at_collection=None, held_at_collection=None, reason=None)
        return judge_license(query, fresh)
    return replace(old, manifest_license=query.expected_license, record_ids=query.record_ids)


def merge_queries(queries: Iterable[PhotoQuery]) -> tuple[dict[str, PhotoQuery], set[str]]:
    """One query per photo id, record ids joined. Also returns the ids whose records
    disagree on the license (the first claim is used and the status says so)."""
    merged: dict[str, PhotoQuery] = {}
    conflicts: set[str] = set()
    for q in queries:
        prev = merged.get(q.photo_id)
        if prev is None:
            merged[q.photo_id] = q
            continue
        if prev.expected_license != q.expected_license:
            conflicts.add(q.photo_id)
        ids = prev.record_ids + tuple(r for r in q.record_ids if r not in prev.record_ids)
        merged[q.photo_id] = replace(
            prev,
            owner=prev.owner or q.owner,
            collected_at=prev.collected_at or q.collected_at,
            record_ids=ids,
        )
    return merged, conflicts


CONFLICT_NOTE = "records of this photo claim different licenses; compared with the first"


def note_conflicts(statuses: dict[str, PhotoStatus], conflicts: set[str]) -> None:
    """Say so on photos whose records disagree on the license (in place)."""
    for pid in conflicts & statuses.keys():
        old = statuses[pid]
        reason = f"{old.reason}; {CONFLICT_NOTE}" if old.reason else CONFLICT_NOTE
        statuses[pid] = replace(old, reason=reason)
