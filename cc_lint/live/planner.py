"""Call planning: which Flickr calls settle a manifest's photos in the fewest calls.

Pure functions, no HTTP. Costs are counted in API calls:

- ``flickr.photos.getInfo`` settles one photo per call and reveals its owner.
- ``flickr.people.getPublicPhotos`` (per_page=500, extras=license) settles every
  manifest photo of one owner that appears in the listing, 500 listing entries per
  call; photos absent from it (deleted, private, not "safe") still need getInfo.
  It accepts only NSIDs, so a path-alias owner must be resolved first.

Per owner the runner probes page 1 only when the manifest has at least
``min_listing`` photos of that owner (a probe costs at most one call more than
getInfo for each photo), then after every page keeps listing only while the
pages left are fewer than that owner's photos still unsettled.

Owners with one photo fewer than that ("pairs") are a gamble: a probe wins only
if the owner has few public photos, which nothing in the manifest tells. The
runner probes a sample of them, measures the calls per photo it actually paid,
and probes the rest only if that beat one getInfo per photo.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cc_lint.live.models import PhotoQuery

PER_PAGE = 500  # Flickr's maximum for getPublicPhotos
MIN_LISTING = 3  # manifest photos of one owner before a listing probe pays
PAIR_SAMPLE = 12  # "pair" owners probed before deciding for the rest
NSID_RE = re.compile(r"^[0-9]{5,11}@N[0-9]{2}$")


def is_nsid(owner: str) -> bool:
    return bool(NSID_RE.match(owner))


@dataclass(frozen=True)
class OwnerGroup:
    owner: str  # NSID, or a path alias when is_nsid is False
    photo_ids: tuple[str, ...]

    @property
    def is_nsid(self) -> bool:
        return is_nsid(self.owner)


@dataclass(frozen=True)
class Plan:
    listed: tuple[OwnerGroup, ...]  # NSID owners: probe getPublicPhotos page 1
    aliases: tuple[OwnerGroup, ...]  # alias owners worth listing: resolve the NSID first
    direct: tuple[str, ...]  # getInfo straight away
    deferred: tuple[str, ...]  # no owner: getInfo unless a listing settles them first
    pairs: tuple[OwnerGroup, ...] = ()  # NSID owners just under min_listing: sample first

    def estimated_calls(self) -> int:
        """Calls if every probed owner fits on one page (refined as pages arrive)."""
        owners = len(self.listed) + len(self.aliases)
        pair_photos = sum(len(g.photo_ids) for g in self.pairs)
        return owners + len(self.direct) + len(self.deferred) + pair_photos


def group_by_owner(
    queries: Iterable[PhotoQuery],
) -> tuple[list[OwnerGroup], tuple[str, ...]]:
    """Owner groups (manifest order, alias spellings folded by case) and owner-less ids."""
    groups: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    ownerless: list[str] = []
    for q in queries:
        owner = (q.owner or "").strip()
        if not owner:
            ownerless.append(q.photo_id)
            continue
        key = owner if is_nsid(owner) else owner.casefold()
        spelling.setdefault(key, owner)
        ids = groups.setdefault(key, [])
        if q.photo_id not in ids:
            ids.append(q.photo_id)
    owned = [OwnerGroup(spelling[k], tuple(ids)) for k, ids in groups.items()]
    return owned, tuple(ownerless)


def make_plan(queries: Iterable[PhotoQuery], *, min_listing: int = MIN_LISTING) -> Plan:
    groups, ownerless = group_by_owner(queries)
    listed: list[OwnerGroup] = []
    aliases: list[OwnerGroup] = []
    pairs: list[OwnerGroup] = []
    direct: list[str] = []
    for group in groups:
        size = len(group.photo_ids)
        if size == min_listing - 1 and size >= 2 and group.is_nsid:
            pairs.append(group)
        elif size < min_listing:
            direct.extend(group.photo_ids)
        elif group.is_nsid:
            listed.append(group)
        else:
            aliases.append(group)
    return Plan(tuple(listed), tuple(aliases), tuple(direct), ownerless, tuple(pairs))


def probing_pays(costs: Iterable[tuple[int, int]]) -> bool:
    """(calls paid, photos settled) of the sampled pair owners: was it under one
    call per photo? No sample, no evidence: getInfo."""
    calls = photos = 0
    for paid, settled in costs:
        calls, photos = calls + paid, photos + settled
    return photos > 0 and calls < photos


def listing_pages(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, math.ceil(total / per_page))


def keep_listing(pages_left: int, unsettled: int) -> bool:
    """After a page: fetch more pages only if that is cheaper than one getInfo per
    unsettled photo (ties go to getInfo, which also tells `haspeople`)."""
    return 0 < pages_left < unsettled


def listing_cost(total: int, photos: int, absent: int = 0, per_page: int = PER_PAGE) -> int:
    """Calls to settle `photos` manifest photos by listing an owner with `total` public
    photos, `absent` of ours not being in the listing."""
    return listing_pages(total, per_page) + absent if photos else 0


def cheaper_to_list(total: int, photos: int, absent: int = 0, per_page: int = PER_PAGE) -> bool:
    """Whole-owner view of the same rule, for an owner whose total is known."""
    return listing_cost(total, photos, absent, per_page) < photos


# Owners revealed by getInfo on owner-less photos, for the discovery rounds.
def worth_discovering(seen: int, sampled: int, remaining: int, min_seen: int = 2) -> bool:
    """An owner seen `seen` times among `sampled` settled owner-less photos probably owns
    about seen/sampled of the `remaining` ones; probe its listing when that share
    exceeds the one call the probe costs."""
    if seen < min_seen or sampled <= 0:
        return False
    return remaining * seen / sampled > 1.0


def unsettled_after(found: Iterable[str], group: OwnerGroup) -> list[str]:
    done = set(found)
    return [pid for pid in group.photo_ids if pid not in done]
