"""The convenience entry point: check photos live (or from the cache) in one call."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from cc_lint.errors import ServiceError
from cc_lint.live import planner
from cc_lint.live.cache import DEFAULT_EXPIRE, default_cache_dir, open_session
from cc_lint.live.client import DEFAULT_ENDPOINT, FlickrClient, RetryPolicy
from cc_lint.live.interface import LicenseSource, register
from cc_lint.live.models import LiveResult, PhotoQuery, PhotoStatus
from cc_lint.live.progress import ProgressBar
from cc_lint.live.ratelimit import TokenBucket
from cc_lint.live.redact import install_log_scrubber, register_secret
from cc_lint.live.runner import Runner
from cc_lint.live.settings import DEFAULT_CALLS_PER_HOUR, LiveSettings
from cc_lint.live.status import merge_queries, note_conflicts

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def check_photos(
    queries: Sequence[PhotoQuery],
    *,
    api_key: str | None,
    endpoint: str | None = None,
    cache_dir: Path | None = None,
    calls_per_hour: float | None = None,
    offline: bool = False,
    progress: bool = True,
    expire_after: timedelta = DEFAULT_EXPIRE,
    workers: int = 4,
    retry: RetryPolicy | None = None,
    burst: float | None = None,
    min_listing: int = planner.MIN_LISTING,
) -> LiveResult:
    """One status per distinct photo id. Offline: cache only, misses are `unknown`.

    cache_dir None means the user cache directory (CC_LINT_CACHE_DIR is read by
    settings_from_env, not here). Raises ServiceError for a missing or rejected key;
    KeyboardInterrupt stops the workers and propagates (the cache keeps what arrived).
    """
    if not offline and not api_key:
        raise ServiceError(
            "FLICKR_API_KEY is not set, so cc-lint cannot ask Flickr",
            hint="set FLICKR_API_KEY, or use --offline or --evidence-in FILE",
        )
    install_log_scrubber()
    register_secret(api_key)
    endpoint = endpoint or DEFAULT_ENDPOINT
    _check_endpoint(endpoint)
    merged, conflicts = merge_queries(queries)
    start = time.monotonic()
    stop = threading.Event()
    limiter = TokenBucket(calls_per_hour or DEFAULT_CALLS_PER_HOUR, burst=burst, stop=stop)
    session = open_session(
        cache_dir or default_cache_dir({}), expire_after=expire_after, offline=offline
    )
    client = FlickrClient(
        session,
        api_key=api_key,
        endpoint=endpoint,
        limiter=limiter,
        retry=retry,
        offline=offline,
        stop=stop,
    )
    try:
        with ProgressBar(len(merged), enabled=progress) as bar:
            runner = Runner(
                client, merged, workers=workers, min_listing=min_listing, bar=bar, limiter=limiter
            )
            statuses = runner.run()
    finally:
        session.close()
    note_conflicts(statuses, conflicts)
    return LiveResult(
        statuses=statuses,
        calls=client.calls,
        cache_hits=client.cache_hits,
        retries=client.retries,
        elapsed=time.monotonic() - start,
    )


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServiceError(f"Flickr API URL {endpoint!r} is not an http(s) URL")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        log.warning("the Flickr API URL %s is not HTTPS: the API key travels in clear", endpoint)


@register
class FlickrSource(LicenseSource):
    """The live Flickr API through the cache. `last_result` keeps the counters."""

    name = "flickr"

    def __init__(
        self,
        *,
        settings: LiveSettings,
        offline: bool = False,
        progress: bool = True,
        **options: object,
    ):
        self.settings = settings
        self.offline = offline
        self.progress = progress
        self.options = options
        self.last_result: LiveResult | None = None

    def lookup(self, queries: Sequence[PhotoQuery]) -> dict[str, PhotoStatus]:
        s = self.settings
        result = check_photos(
            queries,
            api_key=s.api_key,
            endpoint=s.endpoint,
            cache_dir=s.cache_dir,
            calls_per_hour=s.calls_per_hour,
            offline=self.offline,
            progress=self.progress,
            **self.options,  # type: ignore[arg-type]
        )
        self.last_result = result
        return result.statuses
