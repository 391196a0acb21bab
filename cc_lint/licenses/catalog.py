"""The generated license catalog (catalog.json), loaded once on first use."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from typing import Any

from cc_lint.licenses.model import License, unrecognized

_FLICKR_ID = re.compile(r"0|[1-9][0-9]?")


@cache
def data() -> dict[str, Any]:
    """The parsed catalog.json: catalog_version, spdx_snapshot, sources, entries, flickr."""
    # os.path, not importlib.resources: this runs on every CLI start.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")
    with open(path, encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def entries() -> tuple[License, ...]:
    """Every catalog entry, sorted by id."""
    return tuple(License(**entry) for entry in data()["entries"])


@cache
def _ids() -> dict[str, License]:
    return {entry.id.casefold(): entry for entry in entries()}


def by_id(license_id: str) -> License | None:
    """The entry with this SPDX or LicenseRef- id (case-insensitive), or None."""
    return _ids().get(license_id.strip().casefold())


@cache
def flickr_rows() -> tuple[dict[str, Any], ...]:
    """Flickr license ids 0-16: license (catalog id), name, url, legacy_name, legacy_url."""
    return tuple(data()["flickr"])


@cache
def _flickr() -> dict[int, License]:
    found: dict[int, License] = {}
    for row in flickr_rows():
        entry = by_id(row["license"])
        if entry is None:
            raise ValueError(f"catalog.json: Flickr id {row['id']} has no entry")
        found[row["id"]] = entry
    return found


def flickr_license(flickr_id: int | str) -> License:
    """The entry for a Flickr license id (0-16, as int or decimal string).

    Anything else is unrecognized: Flickr may add ids, and a guess could hide
    a restriction.
    """
    if isinstance(flickr_id, bool) or not isinstance(flickr_id, (int, str)):
        return unrecognized(str(flickr_id))
    text = str(flickr_id).strip()
    if _FLICKR_ID.fullmatch(text):
        found = _flickr().get(int(text))
        if found is not None:
            return found
    return unrecognized(str(flickr_id))
