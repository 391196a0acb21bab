"""cc_lint.compute calls Arrow's kernels as pyarrow.compute does, without importing it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pac
import pytest
from conftest import modules_after_check
from hypothesis import given
from hypothesis import strategies as st

from cc_lint import compute as pc

texts = st.lists(st.one_of(st.none(), st.text(alphabet="ab %/0 \t\u00a0", max_size=6)))
ints = st.lists(st.one_of(st.none(), st.integers(-1000, 1000)))


@given(texts)
def test_string_functions_match_pyarrow(values: list[str | None]) -> None:
    a = pa.array(values, pa.string())
    same = [
        (pc.fill_null(a, "x"), pac.fill_null(a, "x")),
        (pc.equal(a, "a"), pac.equal(a, "a")),
        (pc.utf8_is_space(a), pac.utf8_is_space(a)),
        (
            pc.match_substring(a, "A", ignore_case=True),
            pac.match_substring(a, "A", ignore_case=True),
        ),
        (pc.match_substring_regex(a, "^a+"), pac.match_substring_regex(a, "^a+")),
        (pc.starts_with(a, "b"), pac.starts_with(a, "b")),
        (pc.count_substring(a, "a"), pac.count_substring(a, "a")),
        (pc.replace_substring(a, "a", "\\\\"), pac.replace_substring(a, "a", "\\\\")),
        (pc.utf8_slice_codeunits(a, 1), pac.utf8_slice_codeunits(a, 1)),
        (pc.utf8_slice_codeunits(a, 0, 2), pac.utf8_slice_codeunits(a, 0, 2)),
        (pc.utf8_ltrim(a, characters="0"), pac.utf8_ltrim(a, characters="0")),
        (pc.utf8_rtrim(a, characters="/"), pac.utf8_rtrim(a, characters="/")),
        (
            pc.is_in(a, value_set=pa.array(["a", None])),
            pac.is_in(a, value_set=pa.array(["a", None])),
        ),
        (pc.index_in(a, value_set=pa.array(["b"])), pac.index_in(a, value_set=pa.array(["b"]))),
        (pc.dictionary_encode(a), pac.dictionary_encode(a)),
        (pc.drop_null(a), pac.drop_null(a)),
        (pc.binary_join_element_wise(a, "-", a, ""), pac.binary_join_element_wise(a, "-", a, "")),
        (pc.extract_regex(a, "(?P<x>a+)"), pac.extract_regex(a, "(?P<x>a+)")),
        (pc.index(a, "a"), pac.index(a, "a")),
    ]
    for ours, theirs in same:
        assert ours.equals(theirs)


@given(ints, st.booleans())
def test_numeric_and_vector_functions_match_pyarrow(values: list[int | None], big: bool) -> None:
    a = pa.array(values, pa.int32() if big else pa.int64())
    mask = pac.is_valid(a)
    order = pac.sort_indices(a)
    same = [
        (pc.fill_null(a, 7), pac.fill_null(a, 7)),
        (pc.fill_null(a, pa.scalar(7, pa.int64())), pac.fill_null(a, pa.scalar(7, pa.int64()))),
        (pc.cast(a, pa.string()), pac.cast(a, pa.string())),
        (pc.add(pc.multiply(a, 3), 1), pac.add(pac.multiply(a, 3), 1)),
        (pc.sort_indices(a), order),
        (pc.take(a, order, boundscheck=False), pac.take(a, order)),
        (pc.filter(a, mask), pac.filter(a, mask)),
        (pc.cumulative_sum(pc.fill_null(a, 0)), pac.cumulative_sum(pac.fill_null(a, 0))),
        (pc.sum(a), pac.sum(a)),
        (pc.min(a), pac.min(a)),
        (pc.any(pc.greater(a, 0)), pac.any(pac.greater(a, 0))),
        (pc.value_counts(a), pac.value_counts(a)),
        (pc.unique(a), pac.unique(a)),
    ]
    for ours, theirs in same:
        assert ours.equals(theirs)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
def test_a_check_run_does_not_import_pyarrow_compute(tmp_path: Path, suffix: str) -> None:
    manifest = tmp_path / f"m{suffix}"
    manifest.write_text(
        {
            ".csv": "id,license,author\na,CC BY-NC 2.0,\nb,CC BY 4.0,Ann\n",
            ".tsv": "id\tlicense\tauthor\na\tCC BY-NC 2.0\t\nb\tCC BY 4.0\tAnn\n",
            ".jsonl": '{"id": "a", "license": "CC BY-NC 2.0"}\n{"id": "b", "license": "CC0"}\n',
        }[suffix],
        encoding="utf-8",
    )
    status, loaded = modules_after_check(
        manifest, "--use", "commercial,biometric", "--format", "json"
    )
    assert status == 1  # findings: the whole run happened
    assert "cc_lint.compute" in loaded and "pyarrow.compute" not in loaded


def test_the_text_report_does_not_import_pyarrow_compute(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    rows = "".join(f"r{i},CC BY-NC 2.0\n" for i in range(30))  # more than --max-per-rule shows
    manifest.write_text("id,license\n" + rows, encoding="utf-8")
    status, loaded = modules_after_check(manifest, "--use", "commercial", "--max-per-rule", "2")
    assert status == 1
    assert "cc_lint.report.text" in loaded and "pyarrow.compute" not in loaded
