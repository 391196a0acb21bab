"""Evidence files: JSON Lines, one checked photo per line, sorted by photo id.

Written atomically (outputs.atomic_output: temp file in the same directory, fsync,
rename) so a crash never leaves half a snapshot. Read back with validation: any bad line is a
one-line InputError naming file:line. ``EvidenceSource`` answers lookups from a
snapshot with no network, e.g. in a pre-commit hook.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cc_lint.errors import InputError
from cc_lint.live.interface import LicenseSource, register
from cc_lint.live.models import STATUSES, HistoryEntry, PhotoQuery, PhotoStatus, parse_iso_utc
from cc_lint.live.status import merge_queries, note_conflicts, rejudge, unknown
from cc_lint.outputs import atomic_output


def to_json(status: PhotoStatus) -> dict[str, Any]:
    line: dict[str, Any] = {
        "photo_id": status.photo_id,
        "status": status.status,
        "license": status.license_now,
        "manifest_license": status.manifest_license,
        "checked_at": status.checked_at,
        "record_ids": list(status.record_ids),
        "owner": status.owner,
        "has_people": status.has_people,
        "license_at_collection": status.license_at_collection,
        "held_at_collection": status.held_at_collection,
        "reason": status.reason,
    }
    if status.history is not None:
        line["history"] = [
            {
                "date_change": e.date_change,
                "old_license": e.old_license,
                "new_license": e.new_license,
                "old_license_url": e.old_url,
                "new_license_url": e.new_url,
            }
            for e in status.history
        ]
    return line


def _sort_key(photo_id: str) -> tuple[int, str]:
    return (int(photo_id), "") if photo_id.isdigit() else (1 << 62, photo_id)


def write_evidence(path: Path, statuses: Iterable[PhotoStatus]) -> None:
    rows = sorted(statuses, key=lambda s: _sort_key(s.photo_id))
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as out:
        for status in rows:
            out.write((json.dumps(to_json(status), ensure_ascii=False) + "\n").encode("utf-8"))


class _Bad(ValueError):
    pass


def _opt_int(line: dict[str, Any], key: str) -> int | None:
    value = line.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{key} must be an integer Flickr license id or null")
    return value


def _opt_bool(line: dict[str, Any], key: str) -> bool | None:
    value = line.get(key)
    if value is not None and not isinstance(value, bool):
        raise _Bad(f"{key} must be true, false or null")
    return value


def _opt_str(line: dict[str, Any], key: str) -> str | None:
    value = line.get(key)
    if value is not None and not isinstance(value, str):
        raise _Bad(f"{key} must be a string or null")
    return value


def _history(value: Any) -> tuple[HistoryEntry, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise _Bad("history must be a list of objects")
    entries = []
    for item in value:
        when = item.get("date_change")
        if isinstance(when, bool) or not isinstance(when, int):
            raise _Bad("history date_change must be an integer (Unix time)")
        entries.append(
            HistoryEntry(
                date_change=when,
                old_license=_opt_int(item, "old_license"),
                new_license=_opt_int(item, "new_license"),
                old_url=_opt_str(item, "old_license_url") or "",
                new_url=_opt_str(item, "new_license_url") or "",
            )
        )
    return tuple(entries)


def from_json(line: Any) -> PhotoStatus:
    if not isinstance(line, dict):
        raise _Bad("each line must be a JSON object")
    pid = line.get("photo_id")
    if not isinstance(pid, str) or not pid.isdigit():
        raise _Bad("photo_id must be a string of digits")
    status = line.get("status")
    if status not in STATUSES:
        raise _Bad(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    checked_at = line.get("checked_at")
    if not isinstance(checked_at, str):
        raise _Bad("checked_at must be a string")
    if checked_at or status != "unknown":
        try:
            parse_iso_utc(checked_at)
        except ValueError:
            raise _Bad(f"checked_at {checked_at!r} is not an ISO 8601 UTC time") from None
    record_ids = line.get("record_ids", [])
    if not isinstance(record_ids, list) or not all(isinstance(r, str) for r in record_ids):
        raise _Bad("record_ids must be a list of strings")
    return PhotoStatus(
        photo_id=pid,
        status=status,
        license_now=_opt_int(line, "license"),
        manifest_license=_opt_int(line, "manifest_license"),
        license_at_collection=_opt_int(line, "license_at_collection"),
        held_at_collection=_opt_bool(line, "held_at_collection"),
        history=_history(line.get("history")),
        owner=_opt_str(line, "owner"),
        has_people=_opt_bool(line, "has_people"),
        checked_at=checked_at,
        reason=_opt_str(line, "reason"),
        record_ids=tuple(record_ids),
    )


def read_evidence(path: Path) -> dict[str, PhotoStatus]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read evidence file: {exc}", where=str(path)) from None
    found: dict[str, PhotoStatus] = {}
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            status = from_json(json.loads(raw))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", where=where) from None
        except _Bad as exc:
            raise InputError(str(exc), where=where) from None
        if status.photo_id in found:
            raise InputError(
                f"photo {status.photo_id} already appears on line {first_line[status.photo_id]}",
                where=where,
            )
        found[status.photo_id] = status
        first_line[status.photo_id] = number
    return found


@register
class EvidenceSource(LicenseSource):
    """Statuses from an evidence snapshot; photos missing from it are `unknown`."""

    name = "evidence"

    def __init__(self, *, path: Path):
        self.path = Path(path)
        self._snapshot: dict[str, PhotoStatus] | None = None

    def lookup(self, queries: Sequence[PhotoQuery]) -> dict[str, PhotoStatus]:
        if self._snapshot is None:
            self._snapshot = read_evidence(self.path)
        merged, conflicts = merge_queries(queries)
        out = {}
        for pid, query in merged.items():
            old = self._snapshot.get(pid)
            if old is None:
                out[pid] = unknown(query, f"not in the evidence file {self.path.name}")
            else:
                out[pid] = rejudge(query, old)
        note_conflicts(out, conflicts)
        return out
