"""The "license sources" extension point.

A source answers, for each queried photo, what its license status is now. Sources
register under a name in ``SOURCES``; built in: ``flickr`` (the live API, through
the cache) and ``evidence`` (a JSON Lines snapshot written by ``--evidence``, no
network). Constructors take keyword options only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar, TypeVar

from cc_lint.live.models import PhotoQuery, PhotoStatus


class LicenseSource(ABC):
    name: ClassVar[str]

    @abstractmethod
    def lookup(self, queries: Sequence[PhotoQuery]) -> dict[str, PhotoStatus]:
        """One status per distinct photo id among the queries (record ids merged)."""


# name -> class; constructors differ, hence Callable[..., LicenseSource].
SOURCES: dict[str, Callable[..., LicenseSource]] = {}
S = TypeVar("S", bound=type[LicenseSource])


def register(cls: S) -> S:
    SOURCES[cls.name] = cls
    return cls
