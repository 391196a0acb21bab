"""Wiring the data flow: reader batches -> enrichment steps -> engine -> reporter.

Each step is a function batch -> batch that adds columns; the engine sees the
enriched batch. Steps carry their own memo (e.g. license resolutions) but no
global state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.consent.steps import ConsentInputs, steps_for
from cc_lint.licenses.enrich import LicenseResolver, add_license_columns
from cc_lint.licenses.normalize import resolve
from cc_lint.policy.engine import CompiledPolicy, compile_policy, evaluate
from cc_lint.policy.fields import FIELDS as POLICY_FIELDS
from cc_lint.policy.loader import Policy
from cc_lint.readahead import Handoff, prefetch
from cc_lint.records import CANONICAL_SCHEMA, FIELDS, canonical_batch
from cc_lint.report.interface import Reporter, Summary

Step = Callable[[pa.RecordBatch], pa.RecordBatch]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def license_step() -> Step:
    resolver = LicenseResolver()
    return lambda batch: add_license_columns(batch, resolver)


def dataset_constants(declared: str | None, source: str | None = None) -> dict[str, Any]:
    """The dataset.license.* constants for a declared dataset license (or none)."""
    if not declared or not declared.strip():
        return {"dataset.license.declared": False}
    lic = resolve(declared)
    return {
        "dataset.license.declared": True,
        "dataset.license.id": lic.id or None,
        "dataset.license.name": declared.strip() if not lic.recognized else lic.name,
        "dataset.license.source": source,
        "dataset.license.recognized": lic.recognized,
        "dataset.license.noncommercial": lic.noncommercial,
        "dataset.license.noderivatives": lic.noderivatives,
        "dataset.license.sharealike": lic.sharealike,
        "dataset.license.public_domain": lic.public_domain,
    }


def use_lean_allocator() -> None:
    """Prefer jemalloc for Arrow buffers where the wheel has it: batches are
    allocated on one thread and freed on another, which mimalloc holds on to."""
    with contextlib.suppress(NotImplementedError, AttributeError):  # not on every platform
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def lint(
    batches: Iterable[pa.RecordBatch],
    compiled: CompiledPolicy,
    steps: Sequence[Step],
    reporter: Reporter,
    read_ahead: bool = True,
) -> Summary:
    """Run every batch through the steps and the engine; stream findings to the reporter.

    With read_ahead, reading runs one batch ahead in a worker thread (Arrow
    kernels release the GIL) while this thread enriches, evaluates and reports;
    readers that already read ahead themselves (ManifestReader.reads_ahead) pass
    False. Memory stays bounded by the queue's depth.
    """

    summary = Summary()
    source = prefetch(iter(batches), depth=2) if read_ahead else batches
    with Handoff(reporter.add, depth=2) as report:
        for batch in source:
            for step in steps:
                batch = step(batch)
            findings = evaluate(compiled, batch)
            summary.records += batch.num_rows
            if findings.num_rows:
                _count(summary, findings)
                report.put(findings)
    return summary


def _count(summary: Summary, findings: pa.RecordBatch) -> None:
    summary.findings += findings.num_rows
    rows = findings.column("row")  # ascending
    changes = pc.sum(pc.not_equal(rows.slice(1), rows.slice(0, len(rows) - 1))).as_py() or 0
    summary.records_with_findings += 1 + changes
    codes = findings.column("rule").dictionary.to_pylist()
    severities = findings.column("severity").dictionary.to_pylist()
    for item in pc.value_counts(findings.column("rule_index")).to_pylist():
        index, count = item["values"], item["counts"]
        summary.by_rule[codes[index]] = summary.by_rule.get(codes[index], 0) + count
        sev = severities[index]
        summary.by_severity[sev] = summary.by_severity.get(sev, 0) + count


def exit_status(summary: Summary, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    worst = [SEVERITY_RANK[s] for s, n in summary.by_severity.items() if n]
    return 1 if worst and max(worst) >= threshold else 0


def records_batch(records: Sequence[Mapping[str, Any]]) -> pa.RecordBatch:
    """A canonical batch from plain dicts (rule examples, tests, the Python API)."""
    columns = {}
    for name in FIELDS:
        values = [r.get(name) for r in records]
        if any(v is not None for v in values):
            typ = CANONICAL_SCHEMA.field(name).type
            if pa.types.is_boolean(typ) and all(isinstance(v, bool) or v is None for v in values):
                columns[name] = pa.array(values, pa.bool_())
            else:
                columns[name] = pa.array([None if v is None else str(v) for v in values])
    unknown = {k for r in records for k in r} - set(FIELDS) - set(POLICY_FIELDS)
    if unknown:
        raise ValueError(f"unknown record fields: {sorted(unknown)}")
    lines = pa.array(range(1, len(records) + 1), pa.int64())
    return canonical_batch(columns, length=len(records), where="<records>", line=lines)


def lint_records(
    records: Sequence[Mapping[str, Any]],
    policy: Policy,
    uses: Sequence[str],
    dataset_license: str | None = None,
    steps: Sequence[Step] | None = None,
    consent: ConsentInputs | None = None,
) -> list[dict[str, Any]]:
    """Findings for in-memory records, as dicts: the small-scale API.

    consent: registers, opt-out lists, as-of date and people declaration for the
    consent steps (default: none given, as-of today).
    """
    inputs = consent if consent is not None else ConsentInputs()
    constants = {**dataset_constants(dataset_license), **inputs.constants()}
    compiled = compile_policy(policy, uses, constants)
    batch = records_batch(records)
    if steps is None:
        needed = compiled.fields(active_only=True)

        def given(b: pa.RecordBatch) -> pa.RecordBatch:
            # Given enrichment fields (live.has_people, ...) feed the consent steps too.
            return _with_given_fields(b, records)

        steps = [license_step(), given, *steps_for(inputs, uses, needed)]
    for step in steps:
        batch = step(batch)
    batch = _with_given_fields(batch, records)
    findings: list[dict[str, Any]] = evaluate(compiled, batch).to_pylist()
    return findings


_ARROW = {"string": pa.string(), "bool": pa.bool_(), "int": pa.int64()}


def _with_given_fields(
    batch: pa.RecordBatch, records: Sequence[Mapping[str, Any]]
) -> pa.RecordBatch:
    """Set enrichment fields (live.*, ...) that the records give directly, as rule
    examples do for inputs that would otherwise come from a service or a file."""
    names = sorted({k for r in records for k in r if k not in FIELDS and k in POLICY_FIELDS})
    for name in names:
        typ = _ARROW[POLICY_FIELDS[name].type]
        values = pa.array([r.get(name) for r in records], typ)
        index = batch.schema.get_field_index(name)
        if index >= 0:
            batch = batch.set_column(index, name, values)
        else:
            batch = batch.append_column(pa.field(name, typ), values)
    return batch
