"""Small Arrow array builders that are much faster than their obvious spellings.

pa.repeat builds its result value by value, and a cumulative sum over it is no
quicker: a constant column is a fill of an all-null one, and a range is a slice
of one shared, read-only range.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from cc_lint import compute as pc

_RANGE: list[pa.Array] = [pa.array([], pa.int64())]  # 0, 1, 2, ...; grown on demand


def constant(value: Any, count: int, type: pa.DataType | None = None) -> pa.Array:
    """An array of `count` copies of a value (all null for a null value)."""
    scalar = value if isinstance(value, pa.Scalar) else pa.scalar(value, type)
    return pc.fill_null(pa.nulls(count, scalar.type), scalar)


def arange(start: int, count: int) -> pa.Array:
    """int64 start, start+1, ..., start+count-1."""
    base = _RANGE[0]
    if len(base) < count:
        size = max(count, 2 * len(base), 1 << 16)
        base = pc.subtract(pc.cumulative_sum(constant(1, size, pa.int64())), 1)
        _RANGE[0] = base
    part = base.slice(0, count)
    return part if start == 0 else pc.add(part, pa.scalar(start, pa.int64()))
