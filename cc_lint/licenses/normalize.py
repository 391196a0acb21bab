"""Resolve a license string (URL, SPDX/LicenseRef id, CC, Flickr, Wikimedia or
Hugging Face name) to its catalog entry.

Only precise grammars are used: a string that fits none of them is
unrecognized, never guessed, because a near miss could hide a NonCommercial
or NoDerivatives term. Decisions worth knowing:

- A CC URL is judged by its path alone: a port, version or unit CC never
  published (``/licenses/by/4.0/de/``, ``/licenses/by-nc-nd/1.0/``) is
  unrecognized, even if a similar tool exists.
- Flickr's legacy names ("Attribution-NonCommercial License") mean 2.0; the
  bare element names ("CC BY-NC", "Attribution-NonCommercial-ShareAlike")
  resolve to a versionless entry whose elements are known.
- "BY-NC-ND 1.0" in a name or id means by-nd-nc 1.0, as SPDX's
  CC-BY-NC-ND-1.0 does; the URL ``/licenses/by-nc-nd/1.0/`` does not exist.
- Serialised nulls ("None", "null", "NaN", "N/A") count as missing, like "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from cc_lint.licenses import catalog, source
from cc_lint.licenses.model import MISSING, License, unrecognized

_NULLS = frozenset({"none", "null", "nan", "n/a"})
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# A scheme, "//", "www.", a bare CC path, or "host.name/".
_URL_LIKE = re.compile(
    r"[a-z][a-z0-9+.-]*://|//|www\.|/(?:licenses|publicdomain)/|[a-z0-9-]+(?:\.[a-z0-9-]+)+/"
)
_CC_URL = re.compile(r"(?:(?:https?:)?//)?(?:www\.)?creativecommons\.org(?P<path>/.*)?")
_PREFIX = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?(?://)?(?:www\.)?")
_SUFFIX = re.compile(r"(?:deed|legalcode)(?:\.[a-z]{2,3}(?:[-_@][a-z0-9]{2,8})*)?(?:\.html|\.txt)?")
_SHORT = re.compile(
    r"(?:cc[ _-]+)?(?P<unit>(?:nc-)?sampling\+?|devnations|(?:by|nc|nd|sa)(?:-(?:nc|nd|sa))*)"
    r"[ _-]+(?P<version>[0-9]\.[0-9])(?:[ _-]+(?P<where>[a-z]+))?"
)
_BARE = re.compile(r"(?P<cc>cc[ _-]+)?(?P<unit>by(?:-(?:nc|nd|sa))*)")
_VERSION = re.compile(r"[0-9]\.[0-9]")
_SQUASH = re.compile(r"[\s\-_:,]+")
_PARENS = re.compile(r"(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)")


def _unit_names() -> dict[str, tuple[str, ...]]:
    """Squashed unit names -> units to try, in order [D]. 4.0 says NoDerivatives."""
    names: dict[str, tuple[str, ...]] = {}
    for unit, name in source.UNIT_NAMES.items():
        for variant in {name, name.replace("NoDerivs", "NoDerivatives")}:
            key = _SQUASH.sub("", variant.casefold())
            names[key] = (*names.get(key, ()), unit)
    for key in ("attributionnoncommercialnoderivs", "attributionnoncommercialnoderivatives"):
        names[key] += ("by-nd-nc",)  # SPDX's name for by-nd-nc 1.0
    return names


_NAMES = _unit_names()


@dataclass(frozen=True)
class _Index:
    exact: dict[str, License]  # casefolded ids and names
    paths: dict[str, License]  # creativecommons.org paths, e.g. "licenses/by/2.0/de"
    urls: dict[str, License]  # other URLs without scheme and www., e.g. "usa.gov/..."
    tools: dict[tuple[str, str | None, str | None], License]  # (unit, version, jurisdiction)
    where: dict[str, str]  # squashed jurisdiction names and codes -> code


def _squash(text: str) -> str:
    return _SQUASH.sub("", text.casefold().replace("&", "and"))


def _add(table: dict[str, License], key: str, entry: License) -> None:
    if table.setdefault(key, entry) != entry:
        raise ValueError(f"{key!r} names both {table[key].id} and {entry.id}")


def _bare_url(url: str) -> str:
    url = re.split(r"[?#]", url.strip().casefold(), maxsplit=1)[0]
    return _PREFIX.sub("", url, count=1).rstrip("/")


def _known(license_id: str) -> License:
    found = catalog.by_id(license_id)
    if found is None:
        raise ValueError(f"source.py names {license_id}, which catalog.json lacks")
    return found


@cache
def _index() -> _Index:
    index = _Index({}, {}, {}, {}, {})
    for entry in catalog.entries():
        _add(index.exact, entry.id.casefold(), entry)
        _add(index.exact, entry.name.casefold(), entry)
        if entry.unit is not None:
            index.tools[(entry.unit, entry.version, entry.jurisdiction)] = entry
        if entry.url is not None:
            _add_url(index, entry.url, entry)
    for tool in source.TOOLS:
        for name in tool.names:
            _add(index.exact, " ".join(name.casefold().split()), _known(tool.id))
        for url in tool.urls:
            _add_url(index, url, _known(tool.id))
    for row in catalog.flickr_rows():
        for name in (row["name"], row["legacy_name"]):
            if name:
                _add(index.exact, name.casefold(), _known(row["license"]))
        for url in (row["url"], row["legacy_url"]):
            if url:
                _add_url(index, url, _known(row["license"]))
    for code, name in source.JURISDICTIONS.items():
        for spelling in (code, name, *source.JURISDICTION_ALIASES.get(code, ())):
            index.where[_squash(spelling)] = code
    return index


def _add_url(index: _Index, url: str, entry: License) -> None:
    match = _CC_URL.fullmatch(_bare_url(url))
    if match:
        _add(index.paths, _cc_path(match.group("path") or ""), entry)
    else:
        _add(index.urls, _bare_url(url), entry)


def _cc_path(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    if parts and _SUFFIX.fullmatch(parts[-1]):
        parts.pop()
    return "/".join(parts)


def _from_url(text: str) -> License | None:
    bare = _bare_url(text)
    match = _CC_URL.fullmatch(bare)
    if match:
        return _index().paths.get(_cc_path(match.group("path") or ""))
    if bare.startswith(("/licenses/", "/publicdomain/")):  # a path without the host
        return _index().paths.get(_cc_path(bare))
    return _index().urls.get(bare)


def _tool(units: tuple[str, ...], version: str | None, where: str | None) -> License | None:
    """The entry for the first unit that exists at this version and place."""
    index = _index()
    unported = {"generic", "unported"} if version != "4.0" else {"international"}
    jurisdiction: str | None = None
    if where and where not in unported:
        if where not in index.where:
            return None
        jurisdiction = index.where[where]
    for unit in units:
        found = index.tools.get((unit, version, jurisdiction))
        if found is not None:
            return found
    return None


def _from_short(text: str) -> License | None:
    """SPDX, Hugging Face, Wikimedia, Flickr and Openverse short forms."""
    match = _SHORT.fullmatch(text)
    if match:
        unit = match.group("unit")
        units = (unit, "by-nd-nc") if unit == "by-nc-nd" else (unit,)
        return _tool(units, match.group("version"), match.group("where"))
    match = _BARE.fullmatch(text)
    if match and (match.group("cc") or "-" in match.group("unit")):
        return _index().tools.get((match.group("unit"), None, None))
    return None


def _from_title(text: str) -> License | None:
    """CC titles: "[Creative Commons] Attribution-ShareAlike 3.0 [Germany] [License]"."""
    key = _squash(text)
    cc = key.startswith("creativecommons")
    key = key.removeprefix("creativecommons")
    suffix = key.endswith("license")
    key = key.removesuffix("license")
    version = _VERSION.search(key)
    if version is None:
        # Element names alone: the version is unknown but the elements are not.
        # A lone "Attribution" is too common a word to count without the prefix.
        units = _NAMES.get(key, ())
        if units and (cc or suffix or "-" in units[0]):
            return _index().tools.get((units[0], None, None))
        return None
    name, where = key[: version.start()], key[version.end() :]
    return _tool(_NAMES.get(name, ()), version.group(), where or None)


def _lookup(text: str) -> License | None:
    folded = text.casefold()
    found = _index().exact.get(folded)
    if found is not None:
        return found
    if _URL_LIKE.match(folded):
        return _from_url(folded)
    return _from_short(folded) or _from_title(folded)


@lru_cache(maxsize=4096)
def resolve(text: str | None) -> License:
    """The catalog entry for a license string; MISSING when empty, else unrecognized."""
    if text is None:
        return MISSING
    if not isinstance(text, str):
        return unrecognized(str(text))
    clean = " ".join(_DASHES.sub("-", text).split())
    if not clean or clean.casefold() in _NULLS:
        return MISSING
    found = _lookup(clean)
    if found is None:
        # "Attribution 4.0 International (CC BY 4.0)": both halves must agree.
        match = _PARENS.fullmatch(clean)
        if match:
            outer, inner = _lookup(match.group("outer")), _lookup(match.group("inner"))
            found = outer if outer is not None and outer == inner else None
    return found if found is not None else unrecognized(text)
