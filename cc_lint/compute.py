"""The Arrow compute functions cc-lint uses, called straight through Arrow's registry.

`import pyarrow.compute` builds a documented Python wrapper for each of ~300
functions, about 50 ms on every start of the CLI. These call the same kernels
with the same options and the same argument handling (Python values become
Arrow scalars), so `from cc_lint import compute as pc` reads like pyarrow's.
Add a function here before using it; tests check that a run never imports
pyarrow.compute.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from pyarrow import _compute as _c

call_function = _c.call_function


def _function(name: str) -> Any:
    def call(*args: Any) -> Any:
        return _c.call_function(name, list(args))

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Arrow's {name!r} with its default options."
    return call


# Element-wise and aggregate functions whose default options are the ones we want.
add = _function("add")
subtract = _function("subtract")
multiply = _function("multiply")
equal = _function("equal")
not_equal = _function("not_equal")
less = _function("less")
less_equal = _function("less_equal")
greater = _function("greater")
greater_equal = _function("greater_equal")
and_ = _function("and")
and_kleene = _function("and_kleene")
or_ = _function("or")
invert = _function("invert")
is_valid = _function("is_valid")
is_null = _function("is_null")
if_else = _function("if_else")
coalesce = _function("coalesce")
replace_with_mask = _function("replace_with_mask")
binary_join_element_wise = _function("binary_join_element_wise")
utf8_lower = _function("utf8_lower")
ascii_lower = _function("ascii_lower")
utf8_is_space = _function("utf8_is_space")
utf8_trim_whitespace = _function("utf8_trim_whitespace")
indices_nonzero = _function("indices_nonzero")
list_flatten = _function("list_flatten")
list_parent_indices = _function("list_parent_indices")
dictionary_encode = _function("dictionary_encode")
value_counts = _function("value_counts")
unique = _function("unique")
drop_null = _function("drop_null")
cumulative_sum = _function("cumulative_sum")
any = _function("any")
sum = _function("sum")
min = _function("min")


def take(data: Any, indices: Any, *, boundscheck: bool = True) -> Any:
    return _c.call_function("take", [data, indices], _c.TakeOptions(boundscheck=boundscheck))


def filter(data: Any, mask: Any) -> Any:
    return _c.call_function("filter", [data, mask])


def cast(values: Any, target_type: pa.DataType) -> Any:
    return _c.call_function("cast", [values], _c.CastOptions.safe(target_type))


def fill_null(values: Any, fill_value: Any) -> Any:
    """Nulls replaced by fill_value, which takes the values' type (as pyarrow's does)."""
    if not isinstance(fill_value, (pa.Array, pa.ChunkedArray, pa.Scalar)):
        fill_value = pa.scalar(fill_value, type=values.type)
    elif fill_value.type != values.type:
        fill_value = pa.scalar(fill_value.as_py(), type=values.type)
    return _c.call_function("coalesce", [values, fill_value])


def index(data: Any, value: Any) -> Any:
    """Position of the first occurrence of value (-1 if none), as an Int64Scalar."""
    if not isinstance(value, pa.Scalar):
        value = pa.scalar(value, type=data.type)
    elif value.type != data.type:
        value = pa.scalar(value.as_py(), type=data.type)
    return _c.call_function("index", [data], _c.IndexOptions(value=value))


def sort_indices(values: Any) -> Any:
    """Indices that sort the values ascending (stable), nulls last."""
    return _c.call_function("sort_indices", [values], _c.SortOptions())


def is_in(values: Any, *, value_set: Any) -> Any:
    return _c.call_function("is_in", [values], _c.SetLookupOptions(value_set))


def index_in(values: Any, *, value_set: Any) -> Any:
    return _c.call_function("index_in", [values], _c.SetLookupOptions(value_set))


def match_substring(values: Any, pattern: str, *, ignore_case: bool = False) -> Any:
    options = _c.MatchSubstringOptions(pattern, ignore_case=ignore_case)
    return _c.call_function("match_substring", [values], options)


def match_substring_regex(values: Any, pattern: str) -> Any:
    options = _c.MatchSubstringOptions(pattern)
    return _c.call_function("match_substring_regex", [values], options)


def starts_with(values: Any, pattern: str) -> Any:
    return _c.call_function("starts_with", [values], _c.MatchSubstringOptions(pattern))


def count_substring(values: Any, pattern: str) -> Any:
    return _c.call_function("count_substring", [values], _c.MatchSubstringOptions(pattern))


def extract_regex(values: Any, pattern: str) -> Any:
    return _c.call_function("extract_regex", [values], _c.ExtractRegexOptions(pattern))


def replace_substring(values: Any, pattern: str, replacement: str) -> Any:
    options = _c.ReplaceSubstringOptions(pattern, replacement)
    return _c.call_function("replace_substring", [values], options)


def utf8_slice_codeunits(values: Any, start: int, stop: int | None = None) -> Any:
    options = _c.SliceOptions(start, stop)
    return _c.call_function("utf8_slice_codeunits", [values], options)


def utf8_ltrim(values: Any, *, characters: str) -> Any:
    return _c.call_function("utf8_ltrim", [values], _c.TrimOptions(characters))


def utf8_rtrim(values: Any, *, characters: str) -> Any:
    return _c.call_function("utf8_rtrim", [values], _c.TrimOptions(characters))
