"""The engine is a pure function of (compiled policy, batch) and works on any slicing."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_lint.licenses.enrich import resolve_pair
from cc_lint.pipeline import dataset_constants, license_step, records_batch
from cc_lint.policy.engine import compile_policy, evaluate
from cc_lint.policy.loader import load_policy

LICENSES = [
    "CC BY 2.0", "CC BY-NC 2.0", "CC BY-ND 4.0", "CC BY-SA 3.0 de", "All Rights Reserved",
    "Creative Commons", None, "CC0 1.0", "CC BY-NC-SA", "No known copyright restrictions",
]  # fmt: skip
record = st.fixed_dictionaries(
    {
        "id": st.text(min_size=1, max_size=5),
        "license": st.sampled_from(LICENSES),
        "author": st.sampled_from([None, "Ann", 'Bob "B" \\ O\'Neill']),
        "title": st.sampled_from([None, "T"]),
        "source_url": st.sampled_from([None, "https://www.flickr.com/photos/x/1/"]),
    }
)
USES = ["commercial", "redistribute", "adapt"]
ALL_PACKS = ["cc-core", "live", "consent", "opt-out", "eu-ai-act", "gdpr-art9", "bipa"]


def enriched(records: list[dict]) -> pa.RecordBatch:
    return license_step()(records_batch(records))


@settings(max_examples=40, deadline=None)
@given(
    records=st.lists(record, min_size=2, max_size=30), cut=st.integers(min_value=1, max_value=29)
)
def test_evaluation_is_independent_of_batching(records: list[dict], cut: int) -> None:
    cut = min(cut, len(records) - 1)
    policy = compile_policy(load_policy(["cc-core"]), USES, dataset_constants("CC-BY-4.0"))
    batch = enriched(records)
    whole = evaluate(policy, batch).to_pylist()
    again = evaluate(policy, batch).to_pylist()
    assert whole == again  # no hidden state
    first = evaluate(policy, batch.slice(0, cut)).to_pylist()
    second = evaluate(policy, batch.slice(cut)).to_pylist()
    for f in second:
        f["row"] += cut
    assert first + second == whole


def test_use_conditions_fold_away_at_compile_time() -> None:
    policy = compile_policy(load_policy(["cc-core"]), ["train"], dataset_constants(None))
    by_code = {cr.rule.code: cr.mask for cr in policy.rules}
    assert by_code["CC101"] is False  # commercial not declared
    assert by_code["CC113"] is False  # no dataset license declared
    assert callable(by_code["CC104"])


def test_conflicting_fields_never_lose_a_restriction() -> None:
    urls = [
        "https://creativecommons.org/licenses/by/2.0/",
        "https://creativecommons.org/licenses/by-nc/2.0/",
        "https://creativecommons.org/licenses/by-nd/2.0/",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "https://creativecommons.org/licenses/by-nc-sa/3.0/de/",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "All Rights Reserved",
    ]
    from cc_lint.licenses.normalize import resolve

    for a in urls:
        for b in urls:
            got = resolve_pair(a, b)
            for flag in ("noncommercial", "noderivatives", "sharealike", "attribution"):
                if getattr(resolve(a), flag) or getattr(resolve(b), flag):
                    assert getattr(got.license, flag), (a, b, flag)
            assert got.conflict == (resolve(a).id != resolve(b).id)


def test_versionless_name_refined_by_url_is_not_a_conflict() -> None:
    got = resolve_pair("CC BY-NC-SA", "http://creativecommons.org/licenses/by-nc-sa/2.0/")
    assert not got.conflict and got.license.id == "CC-BY-NC-SA-2.0"


def test_one_unreadable_field_is_reported_not_guessed() -> None:
    got = resolve_pair("Some rights reserved", "https://creativecommons.org/licenses/by-nd/2.0/")
    assert got.license.noderivatives and got.unparsed == "Some rights reserved"
    both = resolve_pair("Some rights reserved", "whatever")
    assert not both.license.recognized


def _decoded(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with its license.* dictionary columns as plain columns."""
    arrays = [
        c.dictionary.take(c.indices) if pa.types.is_dictionary(c.type) else c for c in batch.columns
    ]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


@settings(max_examples=60, deadline=None)
@given(
    records=st.lists(record, min_size=1, max_size=30),
    uses=st.lists(st.sampled_from([*USES, "train", "biometric"]), min_size=1, unique=True),
    declared=st.sampled_from([None, "CC-BY-4.0", "CC-BY-NC-4.0"]),
    packs=st.sampled_from([["cc-core"], ALL_PACKS]),
)
def test_deciding_once_per_license_matches_row_by_row(
    records: list[dict], uses: list[str], declared: str | None, packs: list[str]
) -> None:
    policy = compile_policy(load_policy(packs), uses, dataset_constants(declared))
    batch = enriched(records)
    assert pa.types.is_dictionary(batch.column("license.noncommercial").type)
    per_license = evaluate(policy, batch).to_pylist()
    row_by_row = evaluate(policy, _decoded(batch)).to_pylist()
    assert per_license == row_by_row
    # A batch whose license columns do not share indices is evaluated row by row.
    noncommercial = batch.schema.get_field_index("license.noncommercial")
    column = batch.column(noncommercial)
    unshared = pa.DictionaryArray.from_arrays(
        pa.array(column.indices.to_pylist(), pa.int32()), column.dictionary
    )
    mixed = batch.set_column(noncommercial, "license.noncommercial", unshared)
    assert evaluate(policy, mixed).to_pylist() == row_by_row


def test_license_columns_share_one_indices_array() -> None:
    batch = enriched([{"license": "CC BY-NC 2.0"}, {"license": None}, {"license": "CC0 1.0"}])
    names = [n for n in batch.schema.names if n.startswith("license.")]
    addresses = {batch.column(n).indices.buffers()[1].address for n in names}
    assert len(names) == 15 and len(addresses) == 1
    # Unknown values are nulls in the dictionaries and read as null per row.
    assert batch.column("license.id").to_pylist() == ["CC-BY-NC-2.0", None, "CC0-1.0"]
    assert batch.column("license.noncommercial").to_pylist()[0] is True


def test_license_columns_are_the_same_whatever_came_before() -> None:
    step = license_step()  # one resolver for the run, as in `check`
    first = step(records_batch([{"license": "CC BY 2.0"}, {"license": "CC BY-NC 2.0"}]))
    later = [{"license": "CC0 1.0"}, {"license": "CC BY 2.0"}, {"license": "made up"}]
    again = step(records_batch(later))
    alone = enriched(later)
    assert first.column("license.id").to_pylist() == ["CC-BY-2.0", "CC-BY-NC-2.0"]
    for name in alone.schema.names:
        assert again.column(name).to_pylist() == alone.column(name).to_pylist(), name
