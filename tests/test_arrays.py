"""The fast array builders give what their obvious spellings give."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from cc_lint import arrays


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(0, 200_000))
def test_arange(start: int, count: int) -> None:
    got = arrays.arange(start, count)
    assert got.type == pa.int64() and len(got) == count and got.null_count == 0
    if count:
        assert got[0].as_py() == start and got[count - 1].as_py() == start + count - 1
    assert got.to_pylist()[:50] == list(range(start, start + min(count, 50)))


@given(
    st.one_of(st.booleans(), st.integers(0, 2**31 - 1), st.none()),
    st.integers(0, 5_000),
)
def test_constant(value: object, count: int) -> None:
    typ = pa.bool_() if isinstance(value, bool) else pa.int32()
    got = arrays.constant(value, count, typ)
    assert got.type == typ
    assert got.to_pylist() == [value] * count
