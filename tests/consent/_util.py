"""Helpers for the consent tests: enrich in-memory records and read their columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from cc_lint.consent import ConsentInputs, steps_for
from cc_lint.consent.optout import classify
from cc_lint.consent.register import entry_from_mapping
from cc_lint.pipeline import license_step, records_batch

AS_OF = dt.date(2024, 6, 1)


def inputs(
    consent: Sequence[Mapping[str, Any]] = (),
    opt_out: Sequence[str] | None = None,
    as_of: dt.date = AS_OF,
    depicts_people: bool | None = None,
) -> ConsentInputs:
    out = ConsentInputs(as_of=as_of, depicts_people=depicts_people)
    out.registers = [entry_from_mapping(dict(e), f"reg:{i + 1}") for i, e in enumerate(consent)]
    out.register_files = ["reg"] if consent else []
    if opt_out is not None:
        out.optouts = [classify(t, f"list:{i + 1}") for i, t in enumerate(opt_out)]
        out.optout_files = ["list"]
    return out


def enrich(
    records: Sequence[Mapping[str, Any]],
    uses: Sequence[str] = ("biometric",),
    given: ConsentInputs | None = None,
    format_says: bool | None = None,
    live: Sequence[bool | None] | None = None,
) -> list[dict[str, Any]]:
    """Rows with every enrichment column, for the declared uses."""
    batch = records_batch(list(records))
    if live is not None:
        batch = batch.append_column("live.has_people", pa.array(list(live), pa.bool_()))
    steps = [license_step(), *steps_for(given or inputs(), list(uses), None, format_says)]
    for step in steps:
        batch = step(batch)
    rows: list[dict[str, Any]] = batch.to_pylist()
    return rows
