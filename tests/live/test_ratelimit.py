import threading

import pytest

from cc_lint.live.ratelimit import Stopped, TokenBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_burst_then_paced_at_the_refill_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(3600, clock=clock, sleep=clock.sleep)
    assert bucket.capacity == 360  # a tenth of the hour's budget up front
    for _ in range(360):
        assert bucket.acquire() == 0.0
    waited = bucket.acquire()
    assert waited == pytest.approx(3600 / 3240)  # sustained 3,240/h
    assert not bucket.try_acquire()


def test_never_more_than_the_budget_in_any_hour() -> None:
    clock = FakeClock()
    bucket = TokenBucket(100, clock=clock, sleep=clock.sleep)
    calls = 0
    while clock.now < 3600:
        bucket.acquire()
        if clock.now < 3600:
            calls += 1
    assert calls <= 100


def test_refills_continuously_up_to_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(3600, burst=10, clock=clock, sleep=clock.sleep)
    for _ in range(10):
        assert bucket.try_acquire()
    assert not bucket.try_acquire()
    clock.now += 3600 / 3590 * 2.5  # two and a half tokens' worth
    assert bucket.available() == pytest.approx(2.5)
    assert bucket.try_acquire() and bucket.try_acquire()
    assert not bucket.try_acquire()
    clock.now += 10_000
    assert bucket.available() == 10  # capped


def test_pause_holds_everyone() -> None:
    clock = FakeClock()
    bucket = TokenBucket(3600, clock=clock, sleep=clock.sleep)
    bucket.pause(2.0)
    assert not bucket.try_acquire()
    assert bucket.acquire() == pytest.approx(2.0)


def test_eta() -> None:
    clock = FakeClock()
    bucket = TokenBucket(3600, clock=clock, sleep=clock.sleep)
    assert bucket.eta(100) == 0.0
    assert bucket.eta(360 + 3240) == pytest.approx(3600)


def test_stop_interrupts_a_wait() -> None:
    stop = threading.Event()
    bucket = TokenBucket(1, burst=1, stop=stop)  # one call per hour
    assert bucket.try_acquire()
    threading.Timer(0.05, stop.set).start()
    with pytest.raises(Stopped):
        bucket.acquire()


def test_threads_share_the_budget() -> None:
    bucket = TokenBucket(3600, burst=50)
    taken: list[bool] = []
    lock = threading.Lock()

    def grab() -> None:
        for _ in range(20):
            ok = bucket.try_acquire()
            with lock:
                taken.append(ok)

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(taken) == 50  # refill in these microseconds is far below one token


@pytest.mark.parametrize("rate, burst", [(0, None), (-5, None), (100, 0.5), (100, 101)])
def test_rejects_bad_settings(rate: float, burst: float | None) -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate, burst=burst)
