"""Consent registers: who consented to what, when, and whether it was withdrawn.

A register is a CSV file with a header, a JSON array of objects, or JSON Lines.
Each entry names a record id or a Flickr photo (id or URL), one or more scopes,
its evidence, and the dates given and (optionally) withdrawn:

    record_id,photo_id,scope,evidence,evidence_type,given,withdrawn
    img0017,,biometric;training,release-0017,written-release,2019-04-01,
    ,53208249252,publication,mail-2020-11,explicit,2020-11-02,2023-01-15

Scopes: biometric, training, publication (covers redistribute and adapt),
commercial, all. Evidence types: written-release (a signed written release:
explicit, and what BIPA asks for), explicit, implied (not explicit). Every
problem is an InputError naming file:line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cc_lint import flickr_urls
from cc_lint.consent.dates import parse_date
from cc_lint.errors import InputError
from cc_lint.policy.fields import USES

SCOPE_USES: dict[str, frozenset[str]] = {
    "biometric": frozenset({"biometric"}),
    "training": frozenset({"train"}),
    "publication": frozenset({"redistribute", "adapt"}),
    "commercial": frozenset({"commercial"}),
    "all": frozenset(USES),
}
_SCOPE_ALIASES = {
    "biometrics": "biometric",
    "face-recognition": "biometric",
    "facial-recognition": "biometric",
    "train": "training",
    "publish": "publication",
    "redistribute": "publication",
    "redistribution": "publication",
    "adapt": "publication",
    "any": "all",
    "*": "all",
}
EVIDENCE_TYPES = ("written-release", "explicit", "implied", "unspecified")
_EVIDENCE_ALIASES = {
    "written": "written-release",
    "written_release": "written-release",
    "release": "written-release",
    "signed-release": "written-release",
    "model-release": "written-release",
    "express": "explicit",
}

# Column names (normalised: lower case, letters and digits only) -> canonical key.
COLUMNS: dict[str, tuple[str, ...]] = {
    "record_id": ("recordid", "id", "record", "imageid"),
    "photo_id": ("photoid", "flickrid", "flickrphotoid", "photo", "photourl"),
    "scope": ("scope", "scopes", "purpose", "purposes"),
    "evidence": ("evidence", "evidenceref", "consentref", "ref", "reference", "releaseid"),
    "evidence_type": ("evidencetype", "type", "consenttype", "form"),
    "given": ("given", "dategiven", "givenon", "givenat", "consentdate", "date"),
    "withdrawn": ("withdrawn", "datewithdrawn", "withdrawnon", "withdrawnat", "revoked"),
}


@dataclass(frozen=True)
class Entry:
    record_id: str | None
    photo_id: str | None
    scopes: frozenset[str]
    evidence: str | None
    evidence_type: str
    given: dt.date
    withdrawn: dt.date | None
    where: str  # file:line, for evidence and errors

    @property
    def uses(self) -> frozenset[str]:
        return frozenset().union(*(SCOPE_USES[s] for s in self.scopes))

    def active(self, as_of: dt.date) -> bool:
        """Given on or before as_of and not withdrawn by then."""
        return self.given <= as_of and not self.withdrawn_by(as_of)

    def withdrawn_by(self, as_of: dt.date) -> bool:
        return self.withdrawn is not None and self.withdrawn <= as_of


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _scopes(text: str, where: str) -> frozenset[str]:
    parts = [p for p in re.split(r"[;,|\s]+", text.strip().lower()) if p]
    if not parts:
        raise InputError("scope is empty", where=where, hint="scopes: " + ", ".join(SCOPE_USES))
    out = set()
    for part in parts:
        scope = _SCOPE_ALIASES.get(part, part)
        if scope not in SCOPE_USES:
            raise InputError(
                f"unknown scope {part!r}", where=where, hint="scopes: " + ", ".join(SCOPE_USES)
            )
        out.add(scope)
    return frozenset(out)


def _photo_id(text: str, where: str) -> str:
    value = text.strip()
    if value.isdigit():
        return value.lstrip("0") or "0"
    ref = flickr_urls.parse(value)
    if ref.photo_id is None:
        raise InputError(
            f"photo_id {value!r} is neither a Flickr photo id nor a photo URL", where=where
        )
    return ref.photo_id


def _date(text: str, column: str, where: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise InputError(
            f"{column} {text.strip()!r} is not a date", where=where, hint="use YYYY-MM-DD"
        ) from None


def entry_from(values: Mapping[str, Any], where: str) -> Entry:
    """One entry from canonical keys (record_id, photo_id, scope, ...)."""

    def text(key: str) -> str | None:
        value = values.get(key)
        if value is None:
            return None
        if isinstance(value, list):  # JSON: "scope": ["biometric", "training"]
            value = ";".join(str(v) for v in value)
        value = str(value).strip()
        return value or None

    record_id, photo = text("record_id"), text("photo_id")
    if record_id is None and photo is None:
        raise InputError("the entry names neither a record_id nor a photo_id", where=where)
    scope = text("scope")
    if scope is None:
        raise InputError("scope is missing", where=where, hint="scopes: " + ", ".join(SCOPE_USES))
    given_text = text("given")
    if given_text is None:
        raise InputError("the date consent was given is missing", where=where)
    given = _date(given_text, "given", where)
    withdrawn_text = text("withdrawn")
    withdrawn = _date(withdrawn_text, "withdrawn", where) if withdrawn_text else None
    if withdrawn is not None and withdrawn < given:
        raise InputError(f"withdrawn {withdrawn} is before given {given}", where=where)
    kind = (text("evidence_type") or "unspecified").lower()
    kind = _EVIDENCE_ALIASES.get(kind, kind)
    if kind not in EVIDENCE_TYPES:
        raise InputError(
            f"unknown evidence_type {kind!r}",
            where=where,
            hint="use " + ", ".join(EVIDENCE_TYPES[:3]) + " or leave it empty",
        )
    return Entry(
        record_id=record_id,
        photo_id=_photo_id(photo, where) if photo else None,
        scopes=_scopes(scope, where),
        evidence=text("evidence"),
        evidence_type=kind,
        given=given,
        withdrawn=withdrawn,
        where=where,
    )


def _canonical_keys(names: Iterable[str], where: str) -> dict[str, str]:
    """Map the file's column/key names to canonical keys; unknown names are refused."""
    mapping: dict[str, str] = {}
    for name in names:
        norm = _norm(name)
        for key, aliases in COLUMNS.items():
            if norm == _norm(key) or norm in aliases:
                if key in mapping.values():
                    raise InputError(f"two columns mean {key}: {name!r} and another", where=where)
                mapping[name] = key
                break
        else:
            raise InputError(
                f"unknown column {name!r}", where=where, hint="columns: " + ", ".join(COLUMNS)
            )
    return mapping


def _csv_entries(path: Path, text: str) -> Iterator[Entry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return
    mapping = _canonical_keys([h.strip() for h in header], f"{path}:1")
    keys = [mapping[h.strip()] for h in header]
    start = reader.line_num + 1
    for row in reader:
        where = f"{path}:{start}"
        start = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(keys):
            raise InputError(f"{len(row)} fields, the header has {len(keys)}", where=where)
        yield entry_from(dict(zip(keys, row, strict=True)), where)


def _json_objects(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """(line, value) for each element of a top-level JSON array, or each JSON line."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip()
    pos = len(text) - len(stripped)
    if stripped.startswith("["):
        pos += 1
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text):
                raise InputError("the JSON array is not closed", where=str(path))
            if text[pos] == "]":
                return
            line = text.count("\n", 0, pos) + 1
            try:
                value, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as err:
                raise InputError(f"invalid JSON: {err.msg}", where=f"{path}:{err.lineno}") from None
            yield line, value
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(
                f"invalid JSON: {err.msg}",
                where=f"{path}:{number}",
                hint="a register is a JSON array of objects, JSON Lines, or CSV",
            ) from None


def entry_from_mapping(obj: object, where: str) -> Entry:
    """One entry from an object whose keys may use any accepted column name."""
    if not isinstance(obj, dict):
        raise InputError("each register entry must be a JSON object", where=where)
    mapping = _canonical_keys(obj, where)
    return entry_from({mapping[k]: v for k, v in obj.items()}, where)


def _json_entries(path: Path, text: str) -> Iterator[Entry]:
    for line, obj in _json_objects(path, text):
        yield entry_from_mapping(obj, f"{path}:{line}")


def load_register(path: Path) -> list[Entry]:
    """Read a consent register (CSV, JSON array or JSON Lines)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such consent register", where=str(path)) from None
    except OSError as err:
        raise InputError(
            f"cannot read the consent register: {err.strerror}", where=str(path)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not valid UTF-8", where=f"{path}:{line}") from None
    head = text.lstrip()[:1]
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson") or head in ("[", "{"):
        return list(_json_entries(path, text))
    return list(_csv_entries(path, text))
