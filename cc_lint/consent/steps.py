"""Enrichment steps (batch -> batch) for people, source, consent and opt-out columns.

`ConsentInputs` gathers what a run was given (registers, opt-out lists, the
as-of date, a dataset-wide people declaration); `steps_for` builds only the
steps whose columns the compiled policy reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint import flickr_urls
from cc_lint.consent.dates import today_utc
from cc_lint.consent.lookup import ConsentIndex, consent_columns
from cc_lint.consent.optout import Matcher, OptOutEntry, load_optout
from cc_lint.consent.people import people_columns
from cc_lint.consent.register import Entry, load_register
from cc_lint.consent.source import source_columns

Step = Callable[[pa.RecordBatch], pa.RecordBatch]


@dataclass
class ConsentInputs:
    """Consent-related inputs of one run."""

    registers: list[Entry] = field(default_factory=list)
    register_files: list[str] = field(default_factory=list)
    optouts: list[OptOutEntry] = field(default_factory=list)
    optout_files: list[str] = field(default_factory=list)
    as_of: dt.date = field(default_factory=today_utc)
    depicts_people: bool | None = None  # declared for the whole dataset

    @classmethod
    def load(
        cls,
        registers: Iterable[Path] = (),
        optouts: Iterable[Path] = (),
        as_of: dt.date | None = None,
        depicts_people: bool | None = None,
    ) -> ConsentInputs:
        inputs = cls(as_of=as_of or today_utc(), depicts_people=depicts_people)
        for path in registers:
            inputs.registers.extend(load_register(path))
            inputs.register_files.append(str(path))
        for path in optouts:
            inputs.optouts.extend(load_optout(path))
            inputs.optout_files.append(str(path))
        return inputs

    def available(self) -> list[str]:
        """Inputs that packs may `require`."""
        out = []
        if self.register_files:
            out.append("consent")
        if self.optout_files:
            out.append("optout")
        return out

    def constants(self) -> dict[str, Any]:
        return {"run.as_of": self.as_of.isoformat()}

    def notes(self) -> list[str]:
        notes = []
        if self.register_files:
            notes.append(
                f"consent judged as of {self.as_of.isoformat()}: {len(self.registers):,} register "
                f"entries from {', '.join(self.register_files)}"
            )
        if self.optout_files:
            notes.append(
                f"{len(self.optouts):,} opt-out entries from {', '.join(self.optout_files)}"
            )
        if self.depicts_people is not None:
            notes.append(f"declared: the dataset depicts people = {self.depicts_people}")
        return notes


def _with(batch: pa.RecordBatch, columns: Mapping[str, pa.Array]) -> pa.RecordBatch:
    """batch plus columns (replacing any of the same name)."""
    for name, values in columns.items():
        i = batch.schema.get_field_index(name)
        batch = batch.set_column(i, name, values) if i >= 0 else batch.append_column(name, values)
    return batch


def flickr_step() -> Step:
    """Fill flickr_id / flickr_owner from the URLs (regex kernels: only when needed)."""
    return flickr_urls.fill_batch


def people_step(format_says: bool | None, declared: bool | None) -> Step:
    return lambda batch: _with(batch, people_columns(batch, format_says, declared))


def source_step(want_host: bool = True) -> Step:
    return lambda batch: _with(batch, source_columns(batch, want_host))


def consent_step(index: ConsentIndex | None, uses: Sequence[str]) -> Step:
    return lambda batch: _with(batch, consent_columns(batch, index, uses))


def optout_step(matcher: Matcher) -> Step:
    def step(batch: pa.RecordBatch) -> pa.RecordBatch:
        at = matcher.match(batch)
        return _with(
            batch,
            {
                "optout.matched": pc.is_valid(at),
                "optout.source": pc.take(matcher.wheres, at),
                "optout.entry": pc.take(matcher.texts, at),
                "optout.kind": pc.take(matcher.kinds, at),
            },
        )

    return step


def steps_for(
    inputs: ConsentInputs,
    uses: Sequence[str],
    needed: set[str] | None,
    format_says: bool | None = None,
    have_flickr_ids: bool = False,
) -> list[Step]:
    """The steps a run needs, in order; needed=None builds them all.

    have_flickr_ids: an earlier step already derived flickr_id/flickr_owner.
    """

    def wants(prefix: str) -> bool:
        return needed is None or any(n.startswith(prefix) for n in needed)

    index = ConsentIndex(inputs.registers, uses, inputs.as_of) if inputs.registers else None
    matcher = Matcher(inputs.optouts) if inputs.optout_files and wants("optout.") else None
    derive = not have_flickr_ids and (
        (matcher is not None and matcher.needs_flickr)
        or (index is not None and index.needs_photo_ids and wants("consent."))
        or (needed is not None and bool(needed & {"flickr_id", "flickr_owner"}))
    )
    steps: list[Step] = []
    if derive:
        steps.append(flickr_step())
    if wants("people."):
        steps.append(people_step(format_says, inputs.depicts_people))
    if wants("source."):
        steps.append(source_step(want_host=needed is None or "source.host" in needed))
    if wants("consent."):
        steps.append(consent_step(index, uses))
    if matcher is not None:
        steps.append(optout_step(matcher))
    return steps
