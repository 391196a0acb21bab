"""Worker threads of a run: reading ahead, handing findings to the reporter."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cc_lint.readahead import Handoff, prefetch


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=4))
def test_prefetch_keeps_order(items: list[int], depth: int) -> None:
    assert list(prefetch(iter(items), depth)) == items


def test_prefetch_raises_a_producer_error_in_order() -> None:
    def produce():
        yield 1
        yield 2
        raise ValueError("bad row")

    got: list[int] = []
    with pytest.raises(ValueError, match="bad row"):
        got.extend(prefetch(produce(), 2))
    assert got == [1, 2]


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=4))
def test_handoff_consumes_in_order_in_another_thread(items: list[int], depth: int) -> None:
    seen: list[int] = []
    threads: set[str] = set()

    def consume(item: int) -> None:
        threads.add(threading.current_thread().name)
        seen.append(item)

    with Handoff(consume, depth) as handoff:
        for item in items:
            handoff.put(item)
    assert seen == items  # all consumed before the block is left
    assert threading.current_thread().name not in threads


def test_handoff_raises_a_consumer_error() -> None:
    def consume(item: int) -> None:
        if item == 3:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), Handoff(consume, 1) as handoff:
        for item in range(100):
            handoff.put(item)


def test_handoff_stops_when_the_producer_fails() -> None:
    seen: list[int] = []
    with pytest.raises(KeyError), Handoff(seen.append, 1) as handoff:
        handoff.put(1)
        raise KeyError("producer")
    assert seen in ([], [1])


def test_handoff_never_deadlocks_after_a_consumer_error() -> None:
    def consume(item: int) -> None:
        raise OSError("broken pipe")

    for _ in range(50):  # the race is between the worker's error and the next put
        with pytest.raises(OSError), Handoff(consume, 1) as handoff:
            for item in range(20):
                handoff.put(item)
