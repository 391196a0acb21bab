"""FlickrClient over real HTTP: retries, faults, the invalid key, Retry-After, scrubbing."""

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from requests_cache import CachedSession

from cc_lint.errors import ServiceError
from cc_lint.live import RetryPolicy
from cc_lint.live.cache import open_session
from cc_lint.live.client import CallFailed, FlickrClient, NotCached, NotFound, retry_after_seconds
from cc_lint.live.redact import install_log_scrubber, scrub
from cc_lint.live.testing import FakeFlickr, World

from .conftest import FAST, KEY


@pytest.fixture
def session(cache_dir: Path) -> Iterator[CachedSession]:
    s = open_session(cache_dir)
    yield s
    s.close()


def client(fake: FakeFlickr, session: CachedSession, **kw: object) -> FlickrClient:
    kw.setdefault("retry", FAST)
    return FlickrClient(session, api_key=KEY, endpoint=fake.url, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fault", ["500", "502", "stat105", "stat201", "stat0", "truncated", "badjson", "reset", "slow"]
)
def test_transient_fault_then_success(fake: FakeFlickr, session: CachedSession, fault: str) -> None:
    fake.slow_seconds = 0.8  # > FAST.read_timeout
    fake.fail_calls("flickr.photos.getInfo", [fault])
    c = client(fake, session)
    reply = c.call("flickr.photos.getInfo", photo_id="101")
    assert reply.data["photo"]["license"] == 4 and not reply.from_cache
    assert c.calls["flickr.photos.getInfo"] == 2 and c.retries == 1
    # the failed body was not cached; the good one was
    assert c.call("flickr.photos.getInfo", photo_id="101").from_cache


def test_retries_are_bounded(fake: FakeFlickr, session: CachedSession) -> None:
    fake.fail_calls("flickr.photos.getInfo", ["502"] * 10)
    c = client(fake, session)
    with pytest.raises(CallFailed, match="gave up after 4 attempts"):
        c.call("flickr.photos.getInfo", photo_id="101")
    assert fake.counts["flickr.photos.getInfo"] == 4


def test_invalid_key_stops_at_once(world: World, session: CachedSession) -> None:
    with FakeFlickr(world, keys=["another"]) as fake:
        c = client(fake, session, retry=RetryPolicy(attempts=5, base_delay=5))
        start = time.monotonic()
        with pytest.raises(ServiceError) as err:
            c.call("flickr.photos.getInfo", photo_id="101")
        assert time.monotonic() - start < 2
        assert fake.counts["flickr.photos.getInfo"] == 1
        assert "code 100" in str(err.value) and "FLICKR_API_KEY" in str(err.value)
        assert c.stop.is_set()  # the other workers give up too
        with pytest.raises(ServiceError):  # and the refusal was not cached
            client(fake, session).call("flickr.photos.getInfo", photo_id="101")
        assert fake.counts["flickr.photos.getInfo"] == 2


def test_not_found_is_definitive_and_cached(fake: FakeFlickr, session: CachedSession) -> None:
    c = client(fake, session)
    with pytest.raises(NotFound):
        c.call("flickr.photos.getInfo", photo_id="103")
    with pytest.raises(NotFound):
        c.call("flickr.photos.getInfo", photo_id="103")
    assert fake.counts["flickr.photos.getInfo"] == 1 and c.cache_hits["flickr.photos.getInfo"] == 1


def test_retry_after_is_honoured(world: World, session: CachedSession) -> None:
    with FakeFlickr(world, keys=[KEY], retry_after="0.4") as fake:
        fake.fail_calls("flickr.photos.getInfo", ["429"])
        c = client(fake, session)
        c.call("flickr.photos.getInfo", photo_id="101")
        (t0, _, _), (t1, _, _) = fake.log
        assert t1 - t0 >= 0.4


def test_too_long_retry_after_gives_up(world: World, session: CachedSession) -> None:
    with FakeFlickr(world, keys=[KEY], retry_after="3600") as fake:
        fake.fail_calls("flickr.photos.getInfo", ["429"])
        with pytest.raises(CallFailed, match="Retry-After"):
            client(fake, session).call("flickr.photos.getInfo", photo_id="101")


def test_retry_after_forms() -> None:
    assert retry_after_seconds("12") == 12
    assert retry_after_seconds("0.25") == 0.25
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470) == 10
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_offline_miss(fake: FakeFlickr, session: CachedSession) -> None:
    c = FlickrClient(session, api_key=None, endpoint=fake.url, offline=True)
    with pytest.raises(NotCached, match="offline"):
        c.call("flickr.photos.getInfo", photo_id="101")
    assert sum(fake.counts.values()) == 0


def test_key_is_scrubbed_from_errors_and_logs(
    world: World, session: CachedSession, caplog: pytest.LogCaptureFixture
) -> None:
    install_log_scrubber()
    caplog.set_level(logging.DEBUG)
    with FakeFlickr(world, keys=[KEY]) as fake:
        url = fake.url
        fake.fail_calls("flickr.photos.getInfo", ["reset"] * 4)
        c = client(fake, session)
        with pytest.raises(CallFailed) as err:
            c.call("flickr.photos.getInfo", photo_id="101")
        logging.getLogger("test").warning("url was %s?api_key=%s", url, KEY)
    # a closed port: the connection error message carries the full URL
    c = FlickrClient(session, api_key=KEY, endpoint=url, retry=RetryPolicy(attempts=1))
    with pytest.raises(CallFailed) as err2:
        c.call("flickr.photos.getInfo", photo_id="102")
    for text in (str(err.value), str(err2.value), caplog.text):
        assert KEY not in text
    assert "api_key=***" in caplog.text
    assert any("urllib3" in r.name for r in caplog.records)  # debug lines were there


def test_scrub() -> None:
    install_log_scrubber()
    assert scrub(f"GET /rest/?api_key={KEY}&x=1") == "GET /rest/?api_key=***&x=1"
    assert scrub(f"key {KEY} in text") == "key *** in text"
    assert scrub("api_key%3Dabc123&") == "api_key%3D***&"
