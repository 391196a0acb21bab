"""One Flickr REST call: cache first, then the network inside the rate limit, with retries.

Errors come back as exceptions whose messages are already scrubbed of the key:
``NotFound`` (Flickr code 1, definitive), ``ApiError`` (any other refusal),
``CallFailed`` (retries exhausted, unexpected HTTP), ``NotCached`` (offline miss).
An invalid key (code 100) raises ``ServiceError`` at once: no retry can fix it.
"""

from __future__ import annotations

import email.utils
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import requests
from requests_cache import CachedSession

from cc_lint.errors import ServiceError
from cc_lint.live.cache import decode_body
from cc_lint.live.models import iso_utc
from cc_lint.live.ratelimit import Stopped, TokenBucket
from cc_lint.live.redact import register_secret, scrub, scrub_exc

DEFAULT_ENDPOINT = "https://api.flickr.com/services/rest/"
TRANSIENT_CODES = frozenset({105, 201})
_NETWORK_ERRORS = (
    requests.Timeout,
    requests.ConnectionError,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # in all, first try included
    base_delay: float = 1.0  # seconds; doubles each retry, with jitter
    max_delay: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After gives up on the call
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    def backoff(self, retry: int, rng: random.Random) -> float:
        """'Equal jitter': half the exponential delay, plus up to as much again."""
        delay = min(self.max_delay, self.base_delay * 2.0**retry)
        return delay / 2 + rng.uniform(0, delay / 2)


class CallError(Exception):
    def __init__(self, message: str):
        super().__init__(scrub(message))


class NotFound(CallError):
    """Flickr code 1: the photo (or user) is deleted, private or never existed."""

    def __init__(self, message: str, checked_at: str):
        super().__init__(message)
        self.checked_at = checked_at


class ApiError(CallError):
    def __init__(self, code: int, message: str):
        super().__init__(f"Flickr error {code}: {message}")
        self.code = code


class CallFailed(CallError):
    pass


class NotCached(CallError):
    pass


class _Transient(CallError):
    """Worth another attempt (5xx-like body, truncated JSON, code 105/201)."""


@dataclass(frozen=True)
class Reply:
    data: dict[str, Any]
    from_cache: bool
    checked_at: str


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class FlickrClient:
    def __init__(
        self,
        session: CachedSession,
        *,
        api_key: str | None,
        endpoint: str = DEFAULT_ENDPOINT,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        offline: bool = False,
        stop: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
    ):
        register_secret(api_key)
        self.session = session
        self.api_key = api_key
        self.endpoint = endpoint
        self.limiter = limiter
        self.retry = retry or RetryPolicy()
        self.offline = offline
        self.stop = stop or threading.Event()
        self._sleep = sleep or self.stop.wait
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.cache_hits: Counter[str] = Counter()
        self.retries = 0

    # -- public ---------------------------------------------------------------

    def call(self, method: str, **params: str | int) -> Reply:
        # requests-cache keys on api_key=REDACTED, not on its absence: always send one
        # (offline, without a key, a placeholder that never leaves the process).
        query = {"method": method, "format": "json", "nojsoncallback": "1"}
        query.update({k: str(v) for k, v in params.items()})
        query["api_key"] = self.api_key or "offline"
        cached = self._from_cache(query)
        if cached is not None:
            with self._lock:
                self.cache_hits[method] += 1
            try:
                return self._interpret(method, cached, from_cache=True)
            except _Transient as exc:  # filter_fn keeps these out; be safe anyway
                raise CallFailed(f"{method}: cached {exc}") from None
        if self.offline:
            raise NotCached("not in cache (offline)")
        return self._fetch(method, query)

    # -- internals ------------------------------------------------------------

    def _from_cache(self, query: dict[str, str]) -> requests.Response | None:
        try:
            resp = self.session.get(
                self.endpoint, params=query, only_if_cached=True, allow_redirects=False
            )
        except (sqlite3.OperationalError, ValueError):
            return None  # a locked or unreadable entry is a miss
        return None if resp.status_code == 504 else resp

    def _fetch(self, method: str, query: dict[str, str]) -> Reply:
        policy = self.retry
        params = query
        last = "no attempt made"
        for attempt in range(policy.attempts):
            if attempt:
                with self._lock:
                    self.retries += 1
            if self.stop.is_set():
                raise Stopped()
            if self.limiter is not None:
                self.limiter.acquire()
            with self._lock:
                self.calls[method] += 1
            wait: float | None = None
            try:
                resp = self.session.get(
                    self.endpoint,
                    params=params,
                    timeout=(policy.connect_timeout, policy.read_timeout),
                    allow_redirects=False,  # requests-cache does not redact redirect history
                    force_refresh=True,
                )
            except _NETWORK_ERRORS as exc:
                last = scrub_exc(exc)
            except requests.RequestException as exc:
                raise CallFailed(f"{method}: {scrub_exc(exc)}") from None
            except sqlite3.OperationalError as exc:
                last = f"cache busy ({exc})"
            else:
                if resp.status_code == 429:
                    wait = retry_after_seconds(resp.headers.get("Retry-After"))
                    last = "HTTP 429 Too Many Requests"
                    if wait is not None:
                        if wait > policy.max_retry_after:
                            raise CallFailed(f"{method}: rate limited, Retry-After {wait:.0f} s")
                        if self.limiter is not None:
                            self.limiter.pause(wait)
                elif resp.status_code >= 500:
                    last = f"HTTP {resp.status_code}"
                elif resp.status_code != 200:
                    raise CallFailed(f"{method}: unexpected HTTP {resp.status_code}")
                else:
                    try:
                        return self._interpret(method, resp, from_cache=False)
                    except _Transient as exc:
                        last = str(exc)
            if attempt + 1 < policy.attempts:
                delay = policy.backoff(attempt, self._rng)
                self._sleep(wait if wait is not None and wait > delay else delay)
        raise CallFailed(f"{method}: gave up after {policy.attempts} attempts ({last})")

    def _interpret(self, method: str, resp: requests.Response, *, from_cache: bool) -> Reply:
        """Reply for a good body; raises for a failure (_Transient when worth retrying)."""
        created = getattr(resp, "created_at", None) if from_cache else None
        checked_at = iso_utc(created if isinstance(created, datetime) else _now())
        try:
            data = decode_body(resp.text)
        except ValueError:
            raise _Transient("truncated or non-JSON body") from None
        if not isinstance(data, dict):
            raise _Transient("unexpected JSON body")
        stat = data.get("stat")
        if stat == "ok":
            return Reply(data, from_cache, checked_at)
        if stat != "fail":
            raise _Transient("body without stat")
        message = str(data.get("message", ""))
        try:
            code = int(data.get("code", -1))
        except (TypeError, ValueError):
            code = -1
        if code == 100:
            self.stop.set()
            raise ServiceError(
                scrub(f"Flickr rejected the API key (code 100: {message})"),
                hint="check FLICKR_API_KEY",
            )
        if code in TRANSIENT_CODES or (code == 0 and "not currently available" in message):
            raise _Transient(f"Flickr error {code}: {message}")
        if code == 1:
            raise NotFound(f"{method}: {message}", checked_at)
        raise ApiError(code, f"{method}: {message}")


def _now() -> datetime:
    return datetime.now(timezone.utc)
