"""check_photos end to end against the fake Flickr over loopback HTTP."""

import _thread
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from cc_lint.errors import ServiceError
from cc_lint.live import (
    PhotoQuery,
    RetryPolicy,
    check_photos,
    read_evidence,
    settings_from_env,
    write_evidence,
)
from cc_lint.live.testing import FakeFlickr, World

from .conftest import ALICE, EXPECTED, FAST, KEY, T2021, manifest, run


def statuses(result: object) -> dict[str, str]:
    return {pid: s.status for pid, s in result.statuses.items()}  # type: ignore[attr-defined]


def test_every_status(fake: FakeFlickr, cache_dir: Path) -> None:
    result = run(fake, cache_dir)
    assert statuses(result) == EXPECTED
    s = result.statuses
    # relicensed after collection: the claim held then
    assert (s["102"].license_now, s["102"].license_at_collection, s["102"].held_at_collection) == (
        0,
        4,
        True,
    )
    assert s["102"].history is not None and s["102"].history[0].new_license == 0
    # relicensed before collection: the manifest claims a license the photo did not have
    assert (s["201"].license_now, s["201"].held_at_collection) == (5, False)
    assert s["106"].has_people is True  # getInfo (not in the "safe" listing)
    assert s["105"].has_people is False
    assert s["107"].has_people is None and s["107"].owner == ALICE  # settled from the listing
    assert s["103"].reason and "not found" in s["103"].reason
    assert all(st.checked_at.endswith("Z") for st in s.values())
    assert s["101"].record_ids == ("r101",) and s["101"].manifest_license == 4
    assert result.by_status == {"ok": 5, "relicensed": 2, "unavailable": 3, "unknown": 0}
    assert result.calls == fake.counts  # the counters agree with the server's


def test_faults_on_first_attempts_still_give_true_statuses(
    fake: FakeFlickr, cache_dir: Path
) -> None:
    fake.first_attempts = ["502", "stat105", "reset"]
    result = run(fake, cache_dir)
    assert statuses(result) == EXPECTED
    assert result.retries >= 3 * len(fake.counts)


@pytest.mark.parametrize("fault", ["truncated", "slow", "stat201", "429"])
def test_single_fault_kinds(world: World, cache_dir: Path, fault: str) -> None:
    with FakeFlickr(world, keys=[KEY], retry_after="0.05", slow_seconds=0.4) as fake:
        fake.first_attempts = [fault]
        quick = replace(FAST, read_timeout=0.25)
        assert statuses(run(fake, cache_dir, retry=quick)) == EXPECTED


def test_exhausted_retries_are_unknown_never_ok(fake: FakeFlickr, cache_dir: Path) -> None:
    fake.first_attempts = ["500"] * 10
    result = run(fake, cache_dir)
    assert set(statuses(result).values()) == {"unknown"}
    assert all("gave up" in (s.reason or "") for s in result.statuses.values())
    fake.first_attempts = []
    assert statuses(run(fake, cache_dir)) == EXPECTED  # nothing bad was cached


def test_invalid_key_is_a_service_error(world: World, cache_dir: Path) -> None:
    with FakeFlickr(world, keys=["the-real-one"]) as fake:
        slow = RetryPolicy(attempts=5, base_delay=10)
        with pytest.raises(ServiceError, match="code 100"):
            run(fake, cache_dir, retry=slow)
        assert sum(fake.counts.values()) <= 4  # the calls already in flight, no retries


def test_missing_key_says_what_to_do(fake: FakeFlickr, cache_dir: Path) -> None:
    with pytest.raises(ServiceError) as err:
        run(fake, cache_dir, api_key=None)
    assert "FLICKR_API_KEY" in str(err.value) and "--offline" in str(err.value)


def test_warm_rerun_makes_no_calls(fake: FakeFlickr, cache_dir: Path) -> None:
    first = run(fake, cache_dir)
    fake.reset_counts()
    second = run(fake, cache_dir)
    assert sum(fake.counts.values()) == 0 and second.total_calls == 0
    assert second.statuses == first.statuses  # checked_at too: when Flickr answered
    assert sum(second.cache_hits.values()) == first.total_calls


def test_offline(fake: FakeFlickr, cache_dir: Path) -> None:
    empty = run(fake, cache_dir, api_key=None, offline=True)
    assert set(statuses(empty).values()) == {"unknown"}
    assert all(s.reason == "not in cache (offline)" for s in empty.statuses.values())
    assert sum(fake.counts.values()) == 0
    online = run(fake, cache_dir)
    offline = run(fake, cache_dir, api_key=None, offline=True)
    assert offline.statuses == online.statuses and offline.total_calls == 0


def test_interrupt_then_resume_repeats_no_call(world: World, tmp_path: Path) -> None:
    with FakeFlickr(world, keys=[KEY]) as fake:
        baseline = run(fake, tmp_path / "a").total_calls
        fake.reset_counts()
        timer = threading.Timer(0.5, _thread.interrupt_main)
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            run(fake, tmp_path / "b", calls_per_hour=7200, burst=3)  # 3 calls, then 2 a second
        timer.cancel()
        interrupted = sum(fake.counts.values())
        assert 0 < interrupted < baseline
        fake.reset_counts()
        resumed = run(fake, tmp_path / "b")
        assert statuses(resumed) == EXPECTED
        assert interrupted + resumed.total_calls == baseline


def test_owner_less_photos_discover_their_owner(tmp_path: Path) -> None:
    world = World()
    world.add_owner("55555@N05")
    photos = [world.add_photo("55555@N05", 4) for _ in range(100)]
    queries = [PhotoQuery(p.photo_id, None, 4, T2021) for p in photos]
    with FakeFlickr(world, keys=[KEY]) as fake:
        result = run(fake, tmp_path, queries)
    assert set(statuses(result).values()) == {"ok"}
    assert result.calls["flickr.people.getPublicPhotos"] == 1
    assert result.total_calls <= 40  # one round of getInfo, then one listing


def test_alias_resolved_by_lookup_when_probes_fail(tmp_path: Path) -> None:
    world = World()
    world.add_owner("66666@N06", alias="dora")
    ids = [world.add_photo("66666@N06", 4).photo_id for _ in range(6)]
    world.photos[ids[0]].deleted = True
    world.photos[ids[1]].public = False
    queries = [PhotoQuery(pid, "Dora", 4) for pid in ids]
    with FakeFlickr(world, keys=[KEY]) as fake:
        result = run(fake, tmp_path, queries)
    assert [result.statuses[p].status for p in ids] == ["unavailable"] * 2 + ["ok"] * 4
    assert result.calls["flickr.urls.lookupUser"] == 1
    assert result.calls["flickr.people.getPublicPhotos"] == 1
    assert result.calls["flickr.photos.getInfo"] == 2


def test_big_owner_with_few_manifest_photos_uses_getinfo(tmp_path: Path) -> None:
    world = World()
    world.add_owner("77777@N07")
    old = [world.add_photo("77777@N07", 4, uploaded=1_000_000 + i) for i in range(3)]
    for _ in range(2000):
        world.add_photo("77777@N07", 4)
    queries = [PhotoQuery(p.photo_id, "77777@N07", 4) for p in old]
    with FakeFlickr(world, keys=[KEY]) as fake:
        result = run(fake, tmp_path, queries)
    assert set(statuses(result).values()) == {"ok"}
    assert result.calls == {"flickr.people.getPublicPhotos": 1, "flickr.photos.getInfo": 3}


@pytest.mark.parametrize("public_photos, probes", [(30, 20), (1500, 12)])
def test_pair_owners_are_probed_only_while_it_pays(
    tmp_path: Path, public_photos: int, probes: int
) -> None:
    world = World()
    queries = []
    for i in range(20):  # 20 owners with two manifest photos each
        nsid = f"{40000 + i}@N04"
        world.add_owner(nsid)
        old = [world.add_photo(nsid, 4, uploaded=1_000 + k) for k in range(2)]
        for _ in range(public_photos - 2):
            world.add_photo(nsid, 4)
        queries += [PhotoQuery(ph.photo_id, nsid, 4) for ph in old]
    with FakeFlickr(world, keys=[KEY]) as fake:
        result = run(fake, tmp_path, queries)
    assert set(statuses(result).values()) == {"ok"}
    # small owners: every pair settled by one page; big ones: the sample, then getInfo
    assert result.calls["flickr.people.getPublicPhotos"] == probes
    assert result.total_calls == (20 if public_photos == 30 else 12 + 40)


def test_big_owner_with_many_manifest_photos_is_paged(tmp_path: Path) -> None:
    world = World()
    world.add_owner("88888@N08")
    photos = [world.add_photo("88888@N08", 4) for _ in range(1200)]
    queries = [PhotoQuery(p.photo_id, "88888@N08", 4) for p in photos[::10]]  # 120 photos
    with FakeFlickr(world, keys=[KEY], total_as_string=True) as fake:
        result = run(fake, tmp_path, queries)
    assert set(statuses(result).values()) == {"ok"}
    assert result.calls == {"flickr.people.getPublicPhotos": 3}


def test_no_comparable_license_and_duplicates(fake: FakeFlickr, cache_dir: Path) -> None:
    queries = [
        PhotoQuery("101", "alice", None, None, ("x",)),
        PhotoQuery("201", BOB_NSID, 4, None, ("y",)),
        PhotoQuery("201", None, 5, None, ("z",)),
    ]
    result = run(fake, cache_dir, queries)
    assert result.statuses["101"].status == "unknown" and result.statuses["101"].license_now == 4
    dup = result.statuses["201"]
    assert dup.record_ids == ("y", "z") and "claim different licenses" in (dup.reason or "")


BOB_NSID = "20000002@N02"


def test_evidence_from_a_live_run_feeds_back(fake: FakeFlickr, cache_dir: Path) -> None:
    result = run(fake, cache_dir)
    path = cache_dir.parent / "evidence.jsonl"
    write_evidence(path, result.statuses.values())
    assert read_evidence(path) == result.statuses
    from cc_lint.live import SOURCES

    again = SOURCES["evidence"](path=path).lookup(manifest())
    assert again == result.statuses


def test_settings_from_env(tmp_path: Path) -> None:
    env = {
        "FLICKR_API_KEY": " abc ",
        "CC_LINT_FLICKR_API_URL": "http://127.0.0.1:9/rest/",
        "CC_LINT_CACHE_DIR": str(tmp_path),
        "CC_LINT_FLICKR_RATE": "1800",
    }
    s = settings_from_env(env)
    assert (s.api_key, s.endpoint, s.cache_dir, s.calls_per_hour) == (
        "abc",
        "http://127.0.0.1:9/rest/",
        tmp_path,
        1800.0,
    )
    default = settings_from_env({})
    assert default.api_key is None and default.endpoint.startswith("https://api.flickr.com/")
    assert default.calls_per_hour == 3600 and default.cache_dir.name == "cc-lint"
    from cc_lint.errors import ConfigError

    with pytest.raises(ConfigError, match="CC_LINT_FLICKR_RATE"):
        settings_from_env({"CC_LINT_FLICKR_RATE": "fast"})


def test_check_photos_rejects_a_non_http_endpoint(cache_dir: Path) -> None:
    with pytest.raises(ServiceError, match="not an http"):
        check_photos([], api_key=KEY, endpoint="ftp://x/", cache_dir=cache_dir, progress=False)
