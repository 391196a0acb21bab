"""A thread-safe token bucket that keeps a process inside Flickr's hourly budget.

Flickr asks keys to stay under 3,600 calls per hour. A bucket of `burst` tokens
refilled continuously at (calls_per_hour - burst) per hour never allows more than
`calls_per_hour` calls in any 60-minute window, yet lets a short run go at full
speed instead of one call a second. The budget is per process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

HOUR = 3600.0


class Stopped(Exception):
    """The run was asked to stop while waiting."""


class TokenBucket:
    def __init__(
        self,
        calls_per_hour: float,
        *,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        stop: threading.Event | None = None,
    ):
        if calls_per_hour <= 0:
            raise ValueError("calls_per_hour must be positive")
        self.calls_per_hour = float(calls_per_hour)
        default_burst = max(1.0, min(calls_per_hour / 10, calls_per_hour - 1))
        self.capacity = float(burst) if burst is not None else default_burst
        if not 1 <= self.capacity <= calls_per_hour:
            raise ValueError("burst must be between 1 and calls_per_hour")
        # Sustained rate; a burst equal to the whole budget still refills slowly.
        self.rate = max(calls_per_hour - self.capacity, calls_per_hour / 100) / HOUR
        self._clock = clock
        self._stop = stop or threading.Event()
        self._sleep = sleep or self._stop.wait
        self._tokens = self.capacity
        self._last = clock()
        self._paused_until = 0.0
        self._lock = threading.Lock()

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._last)
        self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
        self._last = now

    def try_acquire(self) -> bool:
        return self._take() == 0.0

    def _take(self) -> float:
        """Take a token, or return how long to wait for one."""
        with self._lock:
            now = self._clock()
            self._refill(now)
            if now < self._paused_until:
                return self._paused_until - now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            return (1.0 - self._tokens) / self.rate

    def acquire(self) -> float:
        """Block until a token is free; returns the seconds waited. Raises Stopped."""
        waited = 0.0
        while True:
            if self._stop.is_set():
                raise Stopped()
            delay = self._take()
            if delay <= 0.0:
                return waited
            self._sleep(delay)
            waited += delay

    def pause(self, seconds: float) -> None:
        """Hold every caller for `seconds` (the server said Retry-After)."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    def available(self) -> float:
        with self._lock:
            self._refill(self._clock())
            return self._tokens

    def eta(self, calls: int) -> float:
        """Seconds the next `calls` calls will take at this budget (network time aside)."""
        return max(0.0, calls - self.available()) / self.rate
