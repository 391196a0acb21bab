"""Canonical record values: booleans, blanks, row numbers."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cc_lint.errors import InputError
from cc_lint.records import parse_bool

SPELLINGS = {
    "true": True, "false": False, "TRUE": True, " yes ": True, "No": False, "1": True,
    "0": False, "1.0": True, "0.0": False, "": None, "  ": None, "t": True, "F": False,
}  # fmt: skip


@given(st.lists(st.sampled_from([*SPELLINGS, None])), st.booleans())
def test_parse_bool_reads_every_spelling(values: list[str | None], plain: bool) -> None:
    if plain:  # the common manifest: only true, false and empty
        values = [v if v in ("true", "false", None) else None for v in values]
    got = parse_bool(pa.array(values, pa.string()), column="c", where="m.csv", locate=None)
    assert got.to_pylist() == [None if v is None else SPELLINGS[v] for v in values]


def test_parse_bool_refuses_other_text_with_its_position() -> None:
    values = pa.array(["true", "false", "maybe"], pa.string())
    with pytest.raises(InputError, match="'maybe', not a boolean") as err:
        parse_bool(values, column="c", where="m.csv", locate=pa.array([2, 3, 4]))
    assert "line 4" in str(err.value.render())
