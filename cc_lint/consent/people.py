"""people.depicted: does the image show people? One bool column from every source.

Sources, in the order people.source names them:
- record: the manifest's depicts_people column (a reader may fill it per image,
  e.g. COCO from `person` annotations);
- format: what the format says of the whole dataset (DatasetInfo.depicts_people:
  FFHQ and other face datasets say true);
- flickr: Flickr's people.haspeople, as column live.has_people when a live check
  ran. Only true counts: haspeople=0 means nobody tagged a person, not that
  none is shown;
- declaration: --depicts-people / config `depicts_people` for the whole dataset.

Combination: any source saying true makes it true (the safe direction); else
any saying false makes it false; else it stays unknown (null).
"""

from __future__ import annotations

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc

LIVE_COLUMN = "live.has_people"
SOURCES = ("record", "format", "flickr", "declaration")


def _constant(value: bool | None, n: int) -> pa.Array:
    return arrays.constant(value, n, pa.bool_())


def people_columns(
    batch: pa.RecordBatch, format_says: bool | None, declared: bool | None
) -> dict[str, pa.Array]:
    n = batch.num_rows
    live_at = batch.schema.get_field_index(LIVE_COLUMN)
    live = batch.column(live_at) if live_at >= 0 else _constant(None, n)
    if not pa.types.is_boolean(live.type):
        live = pc.cast(live, pa.bool_())
    live = pc.if_else(pc.fill_null(live, False), True, pa.scalar(None, pa.bool_()))
    values = [
        batch.column("depicts_people"),
        _constant(format_says, n),
        live,
        _constant(declared, n),
    ]
    any_true = arrays.constant(False, n)
    any_false = arrays.constant(False, n)
    for v in values:
        any_true = pc.or_(any_true, pc.fill_null(v, False))
        any_false = pc.or_(any_false, pc.fill_null(pc.invert(v), False))
    depicted = pc.if_else(any_true, True, pc.if_else(any_false, False, pa.scalar(None, pa.bool_())))
    # The first source that gave the final value.
    source = pa.nulls(n, pa.string())
    for name, v in reversed(list(zip(SOURCES, values, strict=True))):
        agrees = pc.fill_null(pc.equal(v, depicted), False)
        source = pc.if_else(agrees, pa.scalar(name), source)
    return {"people.depicted": depicted, "people.source": source}
