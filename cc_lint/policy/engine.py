"""The engine: a pure function of (compiled policy, Arrow batch) -> findings batch.

No global state and no I/O, so the same call runs under Ray Data, Dask or
Spark's mapInArrow. The batch must already carry the enrichment columns the
policy names (license.*, live.*, ...); missing columns read as unknown.

When the license.* columns are dictionaries over one shared indices array (as
licenses.enrich makes them), the license terms of a rule are decided once per
distinct license in the batch, and a rule that reads nothing else yields its
findings for every row in a few whole-batch takes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc
from cc_lint.policy import compile as comp
from cc_lint.policy.fields import FIELDS
from cc_lint.policy.loader import Policy, Rule

_DICT = pa.dictionary(pa.int32(), pa.string())

FINDINGS_SCHEMA = pa.schema(
    [
        ("row", pa.int64()),  # index of the record in its batch
        ("rule_index", pa.int32()),  # position of the rule in the policy, for ordering
        ("rule", _DICT),
        ("name", _DICT),
        ("severity", _DICT),
        ("record_id", pa.string()),
        ("line", pa.int64()),
        ("pointer", pa.string()),
        ("license", _DICT),  # the resolved license id, as evidence
        ("message", _DICT),
    ]
)


_EVIDENCE = ("id", "_line", "_pointer", "license.id")


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    index: int
    mask: comp.Compiled
    template: comp.Template
    # The mask as (license terms) and (the rest): their conjunction is the mask.
    by_license: comp.Compiled = True
    by_row: comp.Compiled = True


@dataclass(frozen=True)
class CompiledPolicy:
    rules: tuple[CompiledRule, ...]
    uses: frozenset[str]
    constants: Mapping[str, Any]
    # Per rule index: the dictionaries of the findings' rule, name and severity columns.
    license_fields: tuple[str, ...] = ()  # license.* fields the active rules read
    codes: pa.Array = field(default_factory=lambda: pa.array([], pa.string()))
    names: pa.Array = field(default_factory=lambda: pa.array([], pa.string()))
    severities: pa.Array = field(default_factory=lambda: pa.array([], pa.string()))

    def fields(self, active_only: bool = False) -> set[str]:
        """Fields the policy reads, so enrichment can skip work nobody needs.

        active_only: only rules that can fire for these uses and constants.
        """
        names: set[str] = set()
        for cr in self.rules:
            if active_only and cr.mask is False:
                continue
            names.update(comp.condition_fields(cr.rule.when))
            names.update(cr.template.fields())
        return names


def compile_policy(
    policy: Policy, uses: Sequence[str], constants: Mapping[str, Any] | None = None
) -> CompiledPolicy:
    comp.validate_uses(uses)
    consts = dict(constants or {})
    compiled = []
    for index, rule in enumerate(policy.rules):
        ctx = comp.Context(
            uses=frozenset(uses),
            constants=consts,
            where=lambda path, rule=rule: rule.doc.where([*rule.path, *path]),  # type: ignore[misc]
        )
        mask = comp.compile_condition(rule.when, ctx, ["when"])
        template = comp.compile_template(rule.message, ctx, ["message"])
        by_license, by_row = comp.split_condition(rule.when, ctx, ["when"], _is_license)
        compiled.append(CompiledRule(rule, index, mask, template, by_license, by_row))
    rules = policy.rules
    license_fields = {
        f
        for cr in compiled
        if cr.mask is not False
        for f in (*comp.condition_fields(cr.rule.when), *cr.template.fields())
        if _is_license(f) and f not in consts
    }
    return CompiledPolicy(
        tuple(compiled),
        frozenset(uses),
        consts,
        license_fields=tuple(sorted(license_fields)),
        codes=pa.array([r.code for r in rules], pa.string()),
        names=pa.array([r.name for r in rules], pa.string()),
        severities=pa.array([r.severity for r in rules], pa.string()),
    )


def _is_license(name: str) -> bool:
    return name in FIELDS and FIELDS[name].source == "license"


def evaluate(policy: CompiledPolicy, batch: pa.RecordBatch) -> pa.RecordBatch:
    """Findings for one batch, ordered by record then rule.

    Rule code, name and severity are dictionary columns over the policy's rules,
    and messages a dictionary over the distinct messages: findings repeat them.
    """
    found = _Found()
    shared = _shared_indices(batch, policy.license_fields)
    if shared is None:
        for cr in policy.rules:
            if cr.mask is not False:
                found.rows(policy, cr, batch, cr.mask)
        return found.batch(policy, batch)
    terms = pa.RecordBatch.from_arrays(
        [batch.column(name).dictionary for name in policy.license_fields],
        names=list(policy.license_fields),
    )
    per_license = _PerLicense(terms.num_rows)
    for cr in policy.rules:
        if cr.mask is False:
            continue
        fires = cr.by_license if isinstance(cr.by_license, bool) else cr.by_license(terms)
        if fires is False or (fires is not True and not pc.any(fires).as_py()):
            continue
        if cr.by_row is True and _reads_license_only(policy, cr):
            per_license.add(policy, cr, terms, fires)
            continue
        spread = None if fires is True else pc.take(fires, shared)
        if cr.by_row is True:
            mask: comp.Compiled = True if spread is None else (lambda _b, m=spread: m)
        elif spread is None:
            mask = cr.by_row
        else:
            mask = lambda b, m=spread, rest=cr.by_row: pc.and_(m, rest(b))  # noqa: E731
        found.rows(policy, cr, batch, mask)
    per_license.spread(found, shared)
    return found.batch(policy, batch)


def _reads_license_only(policy: CompiledPolicy, cr: CompiledRule) -> bool:
    return all(_is_license(f) or f in policy.constants for f in cr.template.fields())


def _shared_indices(batch: pa.RecordBatch, names: Sequence[str]) -> pa.Array | None:
    """The indices these dictionary columns all share (without nulls), or None."""
    shared: pa.Array | None = None
    key = None
    for name in names:
        index = batch.schema.get_field_index(name)
        if index < 0:
            return None
        values = batch.column(index)
        if not pa.types.is_dictionary(values.type) or values.indices.null_count:
            return None
        indices = values.indices
        here = (indices.type, indices.offset, len(indices), indices.buffers()[1].address)
        if shared is None:
            shared, key = indices, here
        elif here != key:
            return None
    return shared


class _Found:
    """Findings gathered rule by rule: rows, rule indices and message indices."""

    def __init__(self) -> None:
        self.row_parts: list[pa.Array] = []
        self.rule_parts: list[pa.Array] = []
        self.message_parts: list[pa.Array] = []
        self.dictionaries: list[pa.Array] = []
        self.offset = 0

    def add(self, rows: pa.Array, rules: pa.Array, messages: pa.Array, texts: pa.Array) -> None:
        self.row_parts.append(rows)
        self.rule_parts.append(rules)
        self.message_parts.append(pc.add(messages, pa.scalar(self.offset, pa.int32())))
        self.dictionaries.append(texts)
        self.offset += len(texts)

    def rows(
        self, policy: CompiledPolicy, cr: CompiledRule, batch: pa.RecordBatch, when: comp.Compiled
    ) -> None:
        """The findings of one rule, its condition evaluated row by row."""
        if when is True:
            rows = arrays.arange(0, batch.num_rows)
        else:
            assert callable(when)
            mask = when(batch)
            if not pc.any(mask).as_py():
                return
            rows = pc.cast(pc.indices_nonzero(mask), pa.int64())
        fields = [n for n in cr.template.fields() if batch.schema.get_field_index(n) >= 0]
        messages = cr.template.render(
            pc.take(batch.select(fields), rows), policy.constants, len(rows)
        )
        rules = arrays.constant(cr.index, len(rows), pa.int32())
        self.add(rows, rules, messages.indices, messages.dictionary)

    def batch(self, policy: CompiledPolicy, batch: pa.RecordBatch) -> pa.RecordBatch:
        if not self.row_parts:
            return _empty()
        rows = pa.concat_arrays(self.row_parts)
        rule_index = pa.concat_arrays(self.rule_parts)
        message_index = pa.concat_arrays(self.message_parts)
        if len(self.row_parts) > 1:
            # Each part's rows are ascending; order all of them by (row, rule).
            key = pc.add(
                pc.multiply(rows, pa.scalar(len(policy.rules), pa.int64())),
                pc.cast(rule_index, pa.int64()),
            )
            order = pc.sort_indices(key)
            rows = pc.take(rows, order)
            rule_index = pc.take(rule_index, order)
            message_index = pc.take(message_index, order)
        evidence = pc.take(batch.select(list(_EVIDENCE)), rows)
        return pa.RecordBatch.from_arrays(
            [
                rows,
                rule_index,
                pa.DictionaryArray.from_arrays(rule_index, policy.codes),
                pa.DictionaryArray.from_arrays(rule_index, policy.names),
                pa.DictionaryArray.from_arrays(rule_index, policy.severities),
                evidence.column(0),
                evidence.column(1),
                evidence.column(2),
                _as_dictionary(evidence.column(3)),
                pa.DictionaryArray.from_arrays(message_index, pa.concat_arrays(self.dictionaries)),
            ],
            schema=FINDINGS_SCHEMA,
        )


class _PerLicense:
    """Findings of rules that read only license fields, decided per distinct license
    (a row of the dictionaries) and then spread to the rows that carry it."""

    def __init__(self, licenses: int) -> None:
        self.entries: list[list[tuple[int, int]]] = [[] for _ in range(licenses)]
        self.texts: dict[str, int] = {}

    def add(
        self, policy: CompiledPolicy, cr: CompiledRule, terms: pa.RecordBatch, fires: Any
    ) -> None:
        which = list(range(terms.num_rows)) if fires is True else _true_positions(fires)
        fields = [n for n in cr.template.fields() if terms.schema.get_field_index(n) >= 0]
        taken = pc.take(terms.select(fields), pa.array(which, pa.int64()))
        rendered = cr.template.render(taken, policy.constants, len(which)).to_pylist()
        for license_row, text in zip(which, rendered, strict=True):
            code = self.texts.setdefault(text, len(self.texts))
            self.entries[license_row].append((cr.index, code))

    def spread(self, found: _Found, indices: pa.Array) -> None:
        """Each row gets its license's findings, in rule order (rules come in order)."""
        flat = [entry for entries in self.entries for entry in entries]
        if not flat:
            return
        offsets = [0]
        for entries in self.entries:
            offsets.append(offsets[-1] + len(entries))
        lists = pa.ListArray.from_arrays(
            pa.array(offsets, pa.int32()), pa.array(range(len(flat)), pa.int32())
        )
        per_row = pc.take(lists, indices)
        codes = pc.list_flatten(per_row)
        if not len(codes):
            return
        rows = pc.cast(pc.list_parent_indices(per_row), pa.int64())
        rules = pc.take(pa.array([r for r, _ in flat], pa.int32()), codes)
        messages = pc.take(pa.array([m for _, m in flat], pa.int32()), codes)
        found.add(rows, rules, messages, pa.array(list(self.texts), pa.string()))


def _true_positions(mask: pa.Array) -> list[int]:
    return [i for i, v in enumerate(mask.to_pylist()) if v]


def _as_dictionary(values: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(values.type):
        return values if values.type == _DICT else pc.cast(values, _DICT)
    return pc.dictionary_encode(pc.cast(values, pa.string()))


def _empty() -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=FINDINGS_SCHEMA)
