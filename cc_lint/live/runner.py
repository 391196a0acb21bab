"""Check photos against Flickr: run the plan on a small thread pool inside the rate limit.

Stages, each finished before the next starts:
1. listings for owners worth listing (aliases resolved first) and getInfo for the rest;
2. owner-less photos (static URLs, short links): settled from any listing already
   fetched, else getInfo in rounds; an owner that keeps turning up gets its own listing;
3. getLicenseHistory for every relicensed photo.

Every answer is cached as it arrives, so Ctrl-C loses at most the calls in flight
and a re-run resumes from the cache.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace

from cc_lint.live import planner
from cc_lint.live.client import CallError, FlickrClient, NotFound, Reply
from cc_lint.live.models import PhotoQuery, PhotoStatus
from cc_lint.live.parse import (
    BadReply,
    PhotoInfo,
    parse_history,
    parse_info,
    parse_licenses,
    parse_listing,
    parse_user,
)
from cc_lint.live.progress import ProgressBar
from cc_lint.live.ratelimit import Stopped, TokenBucket
from cc_lint.live.status import LicenseTable, judge_license, unavailable, unknown

Task = Callable[[], "list[Task]"]
EXTRAS = "license,date_upload"
NOT_FOUND = "Flickr says not found (deleted, private or never existed)"


class Runner:
    def __init__(
        self,
        client: FlickrClient,
        queries: dict[str, PhotoQuery],
        *,
        workers: int = 4,
        min_listing: int = planner.MIN_LISTING,
        round_size: int = 32,
        bar: ProgressBar | None = None,
        limiter: TokenBucket | None = None,
    ):
        self.client = client
        self.queries = queries
        self.workers = workers
        self.min_listing = min_listing
        self.round_size = round_size
        self.bar = bar
        self.limiter = limiter
        self.results: dict[str, PhotoStatus] = {}
        self.listed: dict[str, tuple[str | None, int | None, str]] = {}  # id -> owner, lic, when
        self.listed_owners: set[str] = set()
        self._table: LicenseTable | None = None
        self._lock = threading.Lock()
        self._table_lock = threading.Lock()
        self._estimate = 0
        self.pair_costs: list[tuple[int, int]] = []  # (calls, photos) of sampled pairs
        self._pages_fetched: dict[str, int] = {}

    # -- orchestration --------------------------------------------------------

    def run(self) -> dict[str, PhotoStatus]:
        plan = planner.make_plan(self.queries.values(), min_listing=self.min_listing)
        self._estimate = plan.estimated_calls()
        with ThreadPoolExecutor(self.workers, thread_name_prefix="cc-lint-flickr") as pool:
            try:
                first: list[Task] = [self._lister(g.owner, g.photo_ids) for g in plan.listed]
                first += [self._alias(g) for g in plan.aliases]
                first += [self._info_task(pid) for pid in plan.direct]
                sample, rest = plan.pairs[: planner.PAIR_SAMPLE], plan.pairs[planner.PAIR_SAMPLE :]
                first += [self._lister(g.owner, g.photo_ids, sampled=True) for g in sample]
                self._drain(pool, first)
                if planner.probing_pays(self.pair_costs):
                    self._drain(pool, [self._lister(g.owner, g.photo_ids) for g in rest])
                else:
                    self._drain(pool, [self._info_task(p) for g in rest for p in g.photo_ids])
                self._ownerless(pool, list(plan.deferred))
                relicensed = [p for p, s in self.results.items() if s.status == "relicensed"]
                self._estimate += len(relicensed)
                self._drain(pool, [self._history_task(pid) for pid in sorted(relicensed)])
            except BaseException:
                self.client.stop.set()  # waiting workers wake up and give up
                raise
        return self.results

    def _drain(self, pool: ThreadPoolExecutor, tasks: Iterable[Task]) -> None:
        pending: set[Future[list[Task]]] = {pool.submit(_guard(t)) for t in tasks}
        try:
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    pending |= {pool.submit(_guard(t)) for t in future.result()}
                self._tick()
        except BaseException:
            for future in pending:
                future.cancel()
            raise

    def _tick(self) -> None:
        if self.bar is None:
            return
        done = len(self.results)
        calls = sum(self.client.calls.values())
        left = max(0, len(self.queries) - done)
        remaining = max(0, self._estimate - calls)
        if done and calls:
            remaining = min(remaining, round(left * calls / done)) or remaining
        eta = self.limiter.eta(remaining) if self.limiter is not None else None
        self.bar.update(done, calls, eta)

    def _settle(self, status: PhotoStatus) -> None:
        with self._lock:
            self.results[status.photo_id] = status

    # -- stage 1: listings and getInfo -----------------------------------------

    def _lister(
        self, nsid: str, photo_ids: Iterable[str], share: float = 1.0, sampled: bool = False
    ) -> Task:
        def task() -> list[Task]:
            wanted = set(photo_ids)
            todo = self._list_owner(nsid, wanted, share)
            if sampled:  # what probing this pair owner cost, getInfo for leftovers included
                pages = self._pages_fetched.get(nsid, 0)
                with self._lock:
                    self.pair_costs.append((pages + len(todo), len(wanted)))
            return todo

        return task

    def _list_owner(self, nsid: str, wanted: set[str], share: float = 1.0) -> list[Task]:
        """Page through an owner's public photos while that is cheaper than getInfo.
        `share` scales the unsettled count for owner-less photos (a guess of how many
        are this owner's). Returns getInfo tasks for the photos still unsettled."""
        with self._lock:
            self.listed_owners.add(nsid)
        page = 1
        while True:
            try:
                reply = self.client.call(
                    "flickr.people.getPublicPhotos",
                    user_id=nsid, extras=EXTRAS, per_page=planner.PER_PAGE, page=page,
                )  # fmt: skip
                listing = parse_listing(reply.data)
            except (CallError, BadReply):
                break  # whatever is left gets getInfo, which has its own retries
            with self._lock:
                self._pages_fetched[nsid] = page
            if page == 1:
                with self._lock:
                    self._estimate += max(0, listing.pages - 1)
            for pid, (owner, lic) in listing.entries.items():
                self.listed[pid] = (owner or nsid, lic, reply.checked_at)
            for pid in wanted & listing.entries.keys():
                self._settle_listed(pid)
            wanted -= listing.entries.keys()
            if not planner.keep_listing(listing.pages - page, round(len(wanted) * share)):
                break
            page += 1
        if share != 1.0:
            return []  # owner-less photos: the discovery loop deals with the rest
        return [self._info_task(pid) for pid in sorted(wanted)]

    def _settle_listed(self, pid: str) -> None:
        owner, lic, checked_at = self.listed[pid]
        base = PhotoStatus(pid, "unknown", license_now=lic, owner=owner, checked_at=checked_at)
        self._settle(judge_license(self.queries[pid], base))

    def _alias(self, group: planner.OwnerGroup) -> Task:
        """Alias owners: getInfo on one photo settles it and reveals the NSID (cheaper than
        lookupUser, which settles nothing); lookupUser only if two probes find no owner."""

        def task() -> list[Task]:
            ids = list(group.photo_ids)
            nsid = None
            for pid in ids[:2]:
                info = self._info(pid)
                alias = (info.path_alias or "").casefold() if info else ""
                if info and info.owner and alias == group.owner.casefold():
                    nsid = info.owner
                    break
            if nsid is None:
                nsid = self._lookup_user(group.owner)
            rest = [p for p in ids if p not in self.results]
            if nsid is None:
                return [self._info_task(p) for p in rest]
            return self._list_owner(nsid, set(rest))

        return task

    def _lookup_user(self, alias: str) -> str | None:
        try:
            reply = self.client.call(
                "flickr.urls.lookupUser", url=f"https://www.flickr.com/photos/{alias}/"
            )
            return parse_user(reply.data)
        except (CallError, BadReply):
            return None

    def _info_task(self, pid: str) -> Task:
        def task() -> list[Task]:
            self._info(pid)
            return []

        return task

    def _info(self, pid: str) -> PhotoInfo | None:
        """getInfo one photo and settle it; returns what Flickr said, if anything."""
        query = self.queries[pid]
        info = None
        try:
            reply = self.client.call("flickr.photos.getInfo", photo_id=pid)
            info = parse_info(reply.data)
        except NotFound as exc:
            status = unavailable(query, exc.checked_at, NOT_FOUND)
        except CallError as exc:  # retries exhausted, offline miss, other refusals
            status = unknown(query, str(exc))
        except BadReply as exc:
            status = unknown(query, f"flickr.photos.getInfo: {exc}")
        else:
            status = self._judge_info(query, info, reply)
        self._settle(status)
        return info

    def _judge_info(self, query: PhotoQuery, info: PhotoInfo, reply: Reply) -> PhotoStatus:
        if not info.public:
            return unavailable(query, reply.checked_at, "Flickr says the photo is not public")
        base = PhotoStatus(
            query.photo_id,
            "unknown",
            license_now=info.license,
            owner=info.owner,
            has_people=info.has_people,
            checked_at=reply.checked_at,
            reason=_owner_mismatch(query.owner, info.owner, info.path_alias),
        )
        return judge_license(query, base)

    # -- stage 2: owner-less photos --------------------------------------------

    def _ownerless(self, pool: ThreadPoolExecutor, ids: list[str]) -> None:
        seen: Counter[str] = Counter()
        sampled = 0
        while ids:
            ids = self._not_listed(ids)
            batch, ids = ids[: self.round_size], ids[self.round_size :]
            self._drain(pool, [self._info_task(pid) for pid in batch])
            for pid in batch:
                owner = self.results[pid].owner
                if owner:
                    seen[owner] += 1
                sampled += 1
            discover = [
                (owner, n / sampled)
                for owner, n in seen.most_common()
                if owner not in self.listed_owners
                and planner.worth_discovering(n, sampled, len(ids))
            ]
            self._drain(pool, [self._lister(o, ids, share) for o, share in discover])

    def _not_listed(self, ids: list[str]) -> list[str]:
        rest = []
        for pid in ids:
            if pid in self.listed:
                self._settle_listed(pid)
            elif pid not in self.results:
                rest.append(pid)
        return rest

    # -- stage 3: license history --------------------------------------------------

    def _license_table(self) -> LicenseTable:
        with self._table_lock:  # one call, not one per worker
            if self._table is None:
                try:
                    reply = self.client.call("flickr.photos.licenses.getInfo")
                    self._table = LicenseTable(parse_licenses(reply.data))
                except (CallError, BadReply):
                    self._table = LicenseTable()  # Flickr's table as of 2025 is built in
            return self._table

    def _history_task(self, pid: str) -> Task:
        def task() -> list[Task]:
            table = self._license_table()
            status = self.results[pid]
            try:
                reply = self.client.call("flickr.photos.licenses.getLicenseHistory", photo_id=pid)
                history = parse_history(reply.data, table)
            except (CallError, BadReply) as exc:
                note = f"license history unavailable ({exc})"
                self._settle(replace(status, reason=_join(status.reason, note)))
                return []
            self._settle(judge_license(self.queries[pid], replace(status, history=history)))
            return []

        return task


def _guard(task: Task) -> Callable[[], list[Task]]:
    """A stopped run drops its remaining work quietly."""

    def run() -> list[Task]:
        try:
            return task()
        except Stopped:
            return []

    return run


def _owner_mismatch(claimed: str | None, nsid: str | None, alias: str | None) -> str | None:
    if not claimed or not nsid:
        return None
    if claimed == nsid or (alias and claimed.casefold() == alias.casefold()):
        return None
    return f"the manifest names owner {claimed}, Flickr says {alias or nsid}"


def _join(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second
