"""Produce items in a worker thread, a bounded number ahead of their consumer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from queue import Full, Queue
from typing import Any, TypeVar

T = TypeVar("T")


def prefetch(items: Iterator[T], depth: int) -> Iterator[T]:
    """Produce items in a worker thread, at most `depth` ahead; errors surface in order."""
    queue: Queue[tuple[str, Any]] = Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put(("item", item), timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(("end", None))
        except BaseException as err:  # handed to the consumer, raised there
            queue.put(("error", err))

    worker = threading.Thread(target=work, name="cc-lint-reader", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = queue.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        worker.join(timeout=5)


class Handoff:
    """Call `consume` on items in a worker thread, in order, at most `depth` behind.

    Use as a context manager: `put` items inside; leaving the block waits for the
    worker to finish them. An error in the worker is raised by the next `put` or
    on leaving; an error in the block stops the worker without finishing.
    """

    def __init__(self, consume: Callable[[Any], None], depth: int) -> None:
        self._consume = consume
        self._queue: Queue[tuple[str, Any]] = Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="cc-lint-writer", daemon=True)

    def _work(self) -> None:
        # After an error, items are still taken off the queue (and dropped) until the
        # end, so the producer never waits on a full queue that nobody empties.
        while True:
            kind, item = self._queue.get()
            if kind == "end":
                return
            if self._error is None:
                try:
                    self._consume(item)
                except BaseException as err:  # raised in the producer's thread
                    self._error = err

    def put(self, item: Any) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(("item", item))

    def __enter__(self) -> Handoff:
        self._thread.start()
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is not None:
            self._error = self._error or RuntimeError("stopped")
        self._queue.put(("end", None))
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error
