"""Between manifest batches and the live client: photo queries out, live.* columns back.

Live checks cost one HTTP call per photo at worst, so the per-photo Python here
is not the bottleneck; the columns go back onto batches with vectorised joins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from functools import cache

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.licenses import catalog
from cc_lint.live.models import PhotoQuery, PhotoStatus

COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("live.status", pa.string()),
    ("live.license", pa.string()),
    ("live.license_at_collection", pa.string()),
    ("live.held_at_collection", pa.bool_()),
    ("live.has_people", pa.bool_()),
    ("live.checked_at", pa.string()),
    ("live.reason", pa.string()),
)


@cache
def _flickr_ids() -> dict[str, int]:
    """Catalog id -> Flickr license id, for the licenses Flickr can express."""
    return {row["license"]: row["id"] for row in catalog.flickr_rows()}


def _catalog_id(flickr_id: int | None) -> str | None:
    if flickr_id is None:
        return None
    lic = catalog.flickr_license(flickr_id)
    return lic.id or f"flickr:{flickr_id}"


def parse_collected_at(text: str | None) -> datetime | None:
    """ISO 8601 date or date-time; naive means UTC. Unparseable -> None (unknown)."""
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def collect_queries(batches: Iterable[pa.RecordBatch]) -> list[PhotoQuery]:
    """One query per record with a Flickr photo id (the client merges duplicates).

    The batches must carry flickr_id (see flickr_urls.fill_batch) and license.id.
    """
    flickr_ids = _flickr_ids()
    queries: list[PhotoQuery] = []
    for batch in batches:
        has_photo = pc.is_valid(batch.column("flickr_id"))
        if not pc.any(has_photo).as_py():
            continue
        rows = pc.filter(batch, has_photo).select(
            ["flickr_id", "flickr_owner", "license.id", "collected_at", "id"]
        )
        for photo, owner, lic, collected, record in zip(
            *(rows.column(i).to_pylist() for i in range(5)), strict=True
        ):
            queries.append(
                PhotoQuery(
                    photo_id=photo,
                    owner=owner,
                    expected_license=flickr_ids.get(lic) if lic else None,
                    collected_at=parse_collected_at(collected),
                    record_ids=(record,) if record else (),
                )
            )
    return queries


def status_table(statuses: Mapping[str, PhotoStatus]) -> pa.Table:
    """The statuses as columns keyed by photo id, for joining onto batches."""
    rows = list(statuses.values())
    return pa.table(
        {
            "photo_id": pa.array([s.photo_id for s in rows], pa.string()),
            "live.status": pa.array([s.status for s in rows], pa.string()),
            "live.license": pa.array([_catalog_id(s.license_now) for s in rows], pa.string()),
            "live.license_at_collection": pa.array(
                [_catalog_id(s.license_at_collection) for s in rows], pa.string()
            ),
            "live.held_at_collection": pa.array([s.held_at_collection for s in rows], pa.bool_()),
            "live.has_people": pa.array([s.has_people for s in rows], pa.bool_()),
            "live.checked_at": pa.array([s.checked_at or None for s in rows], pa.string()),
            "live.reason": pa.array([s.reason for s in rows], pa.string()),
        }
    )


def add_live_columns(batch: pa.RecordBatch, table: pa.Table) -> pa.RecordBatch:
    """Append live.* columns: each record gets its photo's status (null if none)."""
    index = pc.index_in(batch.column("flickr_id"), value_set=table.column("photo_id"))
    for name, typ in COLUMNS:
        values = table.column(name).combine_chunks() if len(table) else pa.array([], typ)
        batch = batch.append_column(pa.field(name, typ), pc.take(values, index))
    return batch
