"""Fixtures: a fake Flickr on loopback with a small world, and fast client settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from cc_lint.live import LiveResult, PhotoQuery, RetryPolicy, check_photos
from cc_lint.live.testing import FakeFlickr, World

KEY = "k3y-0123456789abcdef-SECRET"
FAST = RetryPolicy(
    attempts=4, base_delay=0.01, max_delay=0.05, connect_timeout=1.0, read_timeout=0.5
)
ALICE = "10000001@N01"  # alias "alice", many photos in the manifest
BOB = "20000002@N02"  # one photo
CAROL = "30000003@N03"  # only reached through a static URL
T2010 = datetime(2010, 1, 1, tzinfo=timezone.utc)
T2021 = datetime(2021, 1, 1, tzinfo=timezone.utc)


def build_world() -> World:
    world = World()
    world.add_owner(ALICE, alias="alice")
    world.add_owner(BOB)
    world.add_owner(CAROL, alias="carol")
    for i in range(1, 6):
        world.add_photo(ALICE, 4, photo_id=f"10{i}")  # 101..105 CC BY
    world.relicense("102", 0, when=1_600_000_000)  # to All Rights Reserved in 2020
    world.photos["103"].deleted = True
    world.photos["104"].public = False
    world.add_photo(ALICE, 4, photo_id="106", safe=False, has_people=True)  # not listed
    world.add_photo(ALICE, 11, photo_id="107")  # static URL in the manifest
    world.add_photo(BOB, 4, photo_id="201")
    world.relicense("201", 5, when=1_500_000_000)  # CC BY -> CC BY-SA in 2017
    world.add_photo(CAROL, 2, photo_id="301")  # static URL, CC BY-NC
    for _ in range(20):  # Alice has more public photos than the manifest uses
        world.add_photo(ALICE, 1)
    return world


def manifest() -> list[PhotoQuery]:
    return [
        PhotoQuery("101", "alice", 4, T2021, ("r101",)),
        PhotoQuery("102", "alice", 4, T2010, ("r102",)),  # CC BY held in 2010
        PhotoQuery("103", "alice", 4, T2021, ("r103",)),
        PhotoQuery("104", "alice", 4, T2021, ("r104",)),
        PhotoQuery("105", ALICE, 4, T2021, ("r105",)),
        PhotoQuery("106", "alice", 4, T2021, ("r106",)),
        PhotoQuery("107", None, 11, T2021, ("r107",)),
        PhotoQuery("201", BOB, 4, T2021, ("r201",)),  # CC BY claimed, CC BY-SA since 2017
        PhotoQuery("301", None, 2, None, ("r301",)),
        PhotoQuery("999", BOB, 4, T2021, ("r999",)),  # never existed
    ]


EXPECTED = {
    "101": "ok",
    "102": "relicensed",
    "103": "unavailable",
    "104": "unavailable",
    "105": "ok",
    "106": "ok",
    "107": "ok",
    "201": "relicensed",
    "301": "ok",
    "999": "unavailable",
}


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def fake(world: World) -> Iterator[FakeFlickr]:
    with FakeFlickr(world, keys=[KEY], slow_seconds=1.0) as server:
        yield server


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def run(fake: FakeFlickr, cache_dir: Path, queries: list[PhotoQuery] | None = None,
        **options: Any) -> LiveResult:  # fmt: skip
    options.setdefault("api_key", KEY)
    options.setdefault("calls_per_hour", 1_000_000)
    options.setdefault("retry", FAST)
    return check_photos(
        manifest() if queries is None else queries,
        endpoint=fake.url,
        cache_dir=cache_dir,
        progress=False,
        **options,
    )
