"""Calls per photo of the live Flickr check on a heavy-tailed manifest, over loopback.

    PYTHONPATH=. python bench/bench_live.py [--seed N] [--tail-owners N] [--min-listing N]

Builds a world in the fake Flickr server (cc_lint.live.testing): one owner with
hundreds of photos in the manifest, a few with tens, many with one or two, and a
share of records that are static image URLs or short links (no owner). Runs
check_photos against it with a high rate limit and prints photos, calls by method,
calls per photo against 1.0 for one getInfo each, wall time, and the time the same
calls would take at Flickr's 3,600 calls/hour. A second, warm run must make no call.

The result depends mostly on the share of photos whose owner has only one or two
in the manifest: a one-photo owner always costs one call. Measured (seed 1):
150 tail owners (about 20% of photos) 0.295 calls/photo; 300 (about 33%) 0.412.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from cc_lint.live import PhotoQuery, RetryPolicy, check_photos
from cc_lint.live.testing import FakeFlickr, World

KEY = "bench-key"
COLLECTED = datetime(2019, 1, 1, tzinfo=timezone.utc)
BEFORE, AFTER = 1_500_000_000, 1_600_000_000  # 2017 and 2020: either side of collection
CC = (1, 2, 3, 4, 5, 6)


def build(seed: int, tail_owners: int, ownerless_share: float) -> tuple[World, list[PhotoQuery]]:
    rng = random.Random(seed)
    world = World()
    # (manifest photos, public photos) per owner
    owners: list[tuple[int, int]] = [(600, 1800)]  # the heavy one: 4 listing pages
    for _ in range(8):  # some with tens
        count = rng.randint(10, 60)
        owners.append((count, max(count, rng.choice((150, 400, 900, 2500)))))
    for _ in range(tail_owners):  # many with one or two; public photos 1..5,000, log-uniform
        count = 1 if rng.random() < 0.6 else 2
        owners.append((count, max(count, int(10 ** rng.uniform(0, 3.7)))))
    queries: list[PhotoQuery] = []
    for index, (count, total) in enumerate(owners):
        nsid = f"{10_000_000 + index}@N0{index % 10}"
        alias = f"user{index}" if rng.random() < 0.3 else None
        world.add_owner(nsid, alias=alias)
        photos = [world.add_photo(nsid, rng.choice(CC)) for _ in range(total)]
        for photo in rng.sample(photos, count):
            claim = photo.license
            roll = rng.random()
            if roll < 0.03:  # relicensed after collection: the claim held
                world.relicense(photo.photo_id, 0, AFTER)
            elif roll < 0.04:  # relicensed before collection: the claim never held
                world.relicense(photo.photo_id, 0, BEFORE)
                claim = rng.choice([c for c in CC if c != photo.license] + [4])
            elif roll < 0.06:
                photo.deleted = True
            elif roll < 0.07:
                photo.public = False
            elif roll < 0.08:
                photo.safe = False  # public, but not in unauthenticated listings
            owner = None if rng.random() < ownerless_share else (alias or nsid)
            queries.append(PhotoQuery(photo.photo_id, owner, claim, COLLECTED, (photo.photo_id,)))
    rng.shuffle(queries)
    return world, queries


def truth(world: World, query: PhotoQuery) -> str:
    photo = world.photos[query.photo_id]
    if not photo.visible:
        return "unavailable"
    return "ok" if photo.license == query.expected_license else "relicensed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tail-owners", type=int, default=150)
    parser.add_argument("--ownerless", type=float, default=0.18)
    parser.add_argument("--min-listing", type=int, default=3)
    args = parser.parse_args()

    world, queries = build(args.seed, args.tail_owners, args.ownerless)
    photos = len(queries)
    retry = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
    with FakeFlickr(world, keys=[KEY]) as fake, tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        result = check_photos(
            queries, api_key=KEY, endpoint=fake.url, cache_dir=Path(tmp), progress=False,
            calls_per_hour=10_000_000, retry=retry, min_listing=args.min_listing,
        )  # fmt: skip
        wall = time.monotonic() - start
        fake.reset_counts()
        warm = check_photos(
            queries, api_key=KEY, endpoint=fake.url, cache_dir=Path(tmp), progress=False,
            calls_per_hour=10_000_000, min_listing=args.min_listing,
        )  # fmt: skip
        warm_calls = sum(fake.counts.values())

    calls = result.total_calls
    ownerless = sum(1 for q in queries if q.owner is None)
    right = sum(result.statuses[q.photo_id].status == truth(world, q) for q in queries)
    print(f"photos                 {photos}  ({ownerless} with no owner: static URL/short link)")
    print(f"owners                 {len(world.owners)}  ({len(world.photos)} public photos)")
    print("calls by method")
    for method, n in sorted(result.calls.items(), key=lambda kv: -kv[1]):
        print(f"  {method:<42} {n}")
    print(f"calls                  {calls}")
    print(f"calls per photo        {calls / photos:.3f}  (one getInfo each: 1.000)")
    print(f"statuses               {result.by_status}")
    print(f"statuses correct       {right}/{photos}")
    print(f"wall time (loopback)   {wall:.1f} s")
    print(f"at 3,600 calls/hour    {calls / 3600:.2f} h  (one getInfo each: {photos / 3600:.2f} h)")
    print(f"100k such photos       {calls / photos * 100_000 / 3600:.1f} h  (naive: 27.8 h)")
    print(f"warm re-run            {warm_calls} calls, {sum(warm.cache_hits.values())} cache hits")


if __name__ == "__main__":
    main()
