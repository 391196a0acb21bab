"""The engine: a pure function of (compiled policy, Arrow batch) -> findings batch.

No global state and no I/O, so the same call runs under Ray Data, Dask or
Spark's mapInArrow. The batch must already carry the enrichment columns the
policy names (license.*, live.*, ...); missing columns read as unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from cc_lint.policy import compile as comp
from cc_lint.policy.loader import Policy, Rule

_DICT = pa.dictionary(pa.int32(), pa.string())
_ONE = pa.scalar(1, pa.int64())

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


@dataclass(frozen=True)
class CompiledPolicy:
    rules: tuple[CompiledRule, ...]
    uses: frozenset[str]
    constants: Mapping[str, Any]
    # Per rule index: the dictionaries of the findings' rule, name and severity columns.
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
            names.update(_condition_fields(cr.rule.when))
            names.update(cr.template.fields())
        return names


def _condition_fields(cond: Mapping[str, Any]) -> set[str]:
    if "field" in cond:
        return {cond["field"]}
    out: set[str] = set()
    for key in ("all", "any"):
        for sub in cond.get(key, []):
            out |= _condition_fields(sub)
    if "not" in cond:
        out |= _condition_fields(cond["not"])
    return out


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
        compiled.append(CompiledRule(rule, index, mask, template))
    rules = policy.rules
    return CompiledPolicy(
        tuple(compiled),
        frozenset(uses),
        consts,
        codes=pa.array([r.code for r in rules], pa.string()),
        names=pa.array([r.name for r in rules], pa.string()),
        severities=pa.array([r.severity for r in rules], pa.string()),
    )


def evaluate(policy: CompiledPolicy, batch: pa.RecordBatch) -> pa.RecordBatch:
    """Findings for one batch, ordered by record then rule.

    Rule code, name and severity are dictionary columns over the policy's rules,
    and messages a dictionary over the distinct messages: findings repeat them.
    """
    rows_parts: list[pa.Array] = []
    rule_parts: list[pa.Array] = []
    message_parts: list[pa.Array] = []
    dictionaries: list[pa.Array] = []
    offset = 0
    for cr in policy.rules:
        if cr.mask is False:
            continue
        if cr.mask is True:
            rows = pc.subtract(pc.cumulative_sum(pa.repeat(_ONE, batch.num_rows)), _ONE)
        else:
            mask = cr.mask(batch)
            if not pc.any(mask).as_py():
                continue
            rows = pc.cast(pc.indices_nonzero(mask), pa.int64())
        fields = [n for n in cr.template.fields() if batch.schema.get_field_index(n) >= 0]
        messages = cr.template.render(batch.select(fields).take(rows), policy.constants, len(rows))
        rows_parts.append(rows)
        rule_parts.append(pa.repeat(pa.scalar(cr.index, pa.int32()), len(rows)))
        message_parts.append(pc.add(messages.indices, pa.scalar(offset, pa.int32())))
        dictionaries.append(messages.dictionary)
        offset += len(messages.dictionary)
    if not rows_parts:
        return _empty()
    rows = pa.concat_arrays(rows_parts)
    rule_index = pa.concat_arrays(rule_parts)
    message_index = pa.concat_arrays(message_parts)
    if len(rows_parts) > 1:
        # Each rule's rows are ascending; order all of them by (row, rule).
        key = pc.add(
            pc.multiply(rows, pa.scalar(len(policy.rules), pa.int64())),
            pc.cast(rule_index, pa.int64()),
        )
        order = pc.sort_indices(key)
        rows = pc.take(rows, order)
        rule_index = pc.take(rule_index, order)
        message_index = pc.take(message_index, order)
    evidence = batch.select(list(_EVIDENCE)).take(rows)
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
            pa.DictionaryArray.from_arrays(message_index, pa.concat_arrays(dictionaries)),
        ],
        schema=FINDINGS_SCHEMA,
    )


def _as_dictionary(values: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(values.type):
        return values if values.type == _DICT else pc.cast(values, _DICT)
    return pc.dictionary_encode(pc.cast(values, pa.string()))


def _empty() -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=FINDINGS_SCHEMA)
