"""The engine: a pure function of (compiled policy, Arrow batch) -> findings batch.

No global state and no I/O, so the same call runs under Ray Data, Dask or
Spark's mapInArrow. The batch must already carry the enrichment columns the
policy names (license.*, live.*, ...); missing columns read as unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from cc_lint.errors import ConfigError
from cc_lint.policy import compile as comp
from cc_lint.policy.loader import Policy, Rule

SEVERITIES = ("error", "warning", "info")

FINDINGS_SCHEMA = pa.schema(
    [
        ("row", pa.int64()),  # index of the record in its batch
        ("rule_index", pa.int32()),  # position of the rule in the policy, for ordering
        ("rule", pa.string()),
        ("name", pa.string()),
        ("severity", pa.string()),
        ("record_id", pa.string()),
        ("line", pa.int64()),
        ("pointer", pa.string()),
        ("license", pa.string()),  # the resolved license id, as evidence
        ("message", pa.dictionary(pa.int32(), pa.string())),
    ]
)


_EVIDENCE = ("id", "_line", "_pointer", "license.id")


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    index: int
    mask: comp.Compiled
    template: comp.Template
    columns: tuple[str, ...]  # columns a finding needs: evidence and message fields


@dataclass(frozen=True)
class CompiledPolicy:
    rules: tuple[CompiledRule, ...]
    uses: frozenset[str]
    constants: Mapping[str, Any]

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
        needed = dict.fromkeys([*_EVIDENCE, *template.fields()])
        compiled.append(CompiledRule(rule, index, mask, template, tuple(needed)))
    return CompiledPolicy(tuple(compiled), frozenset(uses), consts)


def active_rules(policy: CompiledPolicy) -> list[CompiledRule]:
    """Rules that can fire at all for these uses and constants."""
    return [cr for cr in policy.rules if cr.mask is not False]


def evaluate(policy: CompiledPolicy, batch: pa.RecordBatch) -> pa.RecordBatch:
    """Findings for one batch, ordered by record then rule."""
    parts = []
    for cr in policy.rules:
        if cr.mask is False:
            continue
        if cr.mask is True:
            rows = pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), batch.num_rows))
            rows = pc.subtract(rows, pa.scalar(1, pa.int64()))
        else:
            mask = cr.mask(batch)
            if not pc.any(mask).as_py():
                continue
            rows = pc.cast(pc.indices_nonzero(mask), pa.int64())
        parts.append(_findings(cr, rows, _take(batch, rows, cr.columns), policy.constants))
    if not parts:
        return pa.RecordBatch.from_pylist([], schema=FINDINGS_SCHEMA)
    table = pa.Table.from_batches(parts, schema=FINDINGS_SCHEMA)
    if len(parts) > 1:
        table = table.sort_by([("row", "ascending"), ("rule_index", "ascending")])
    return table.combine_chunks().to_batches()[0]


def _take(batch: pa.RecordBatch, rows: pa.Array, names: tuple[str, ...]) -> pa.RecordBatch:
    """Only the columns a finding needs, for the rows that failed."""
    present = [n for n in names if batch.schema.get_field_index(n) >= 0]
    return batch.select(present).take(rows)


def _findings(
    cr: CompiledRule, rows: pa.Array, hit: pa.RecordBatch, constants: Mapping[str, Any]
) -> pa.RecordBatch:
    n = len(rows)
    rule = cr.rule

    def const(value: Any, typ: pa.DataType) -> pa.Array:
        return pa.repeat(pa.scalar(value, typ), n)

    def col(name: str, typ: pa.DataType) -> pa.Array:
        i = hit.schema.get_field_index(name)
        return hit.column(i) if i >= 0 else pa.nulls(n, typ)

    return pa.RecordBatch.from_arrays(
        [
            rows,
            const(cr.index, pa.int32()),
            const(rule.code, pa.string()),
            const(rule.name, pa.string()),
            const(rule.severity, pa.string()),
            col("id", pa.string()),
            col("_line", pa.int64()),
            col("_pointer", pa.string()),
            col("license.id", pa.string()),
            cr.template.render(hit, constants),
        ],
        schema=FINDINGS_SCHEMA,
    )


def check_severity(name: str) -> str:
    if name not in SEVERITIES:
        raise ConfigError(f"unknown severity {name!r}", hint="use error, warning or info")
    return name
