"""The consent.* columns: register entries joined to records, plus the manifest's own fields.

The register is small next to a manifest: each distinct key (record id or photo
id) is summarised once in Python, for the declared uses and the as-of date, into
Arrow arrays; batches then join with pc.index_in and pc.take, never per row.

How the sources combine (never wrong in the dangerous direction):
- a use is covered when an entry in effect on the as-of date has a scope for it;
  for biometric use, the manifest's biometric_consent=true also covers it;
- a use is withdrawn when an entry for it was withdrawn on or before the as-of
  date and no entry in effect covers it (consent given again counts);
- any "no" wins: biometric_consent=false in the manifest, or a withdrawal, beats a "yes";
- explicit and written-release evidence come from the register's evidence_type for
  records it has; a manifest consent_ref counts only for records it has not
  (explicit when present, a written release in the written-release: scheme);
- nothing recorded is not consent: consent.biometric is null, and rules treat
  anything but true as no consent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc
from cc_lint.consent.register import Entry
from cc_lint.policy.fields import USES

WRITTEN_PREFIX = "written-release:"  # a manifest consent_ref in this scheme is a written release
_NULL_STR = pa.scalar(None, pa.string())
_NULL_BOOL = pa.scalar(None, pa.bool_())


@dataclass(frozen=True)
class KeyTable:
    """Per-key consent facts, one array element per distinct key."""

    keys: pa.Array
    covers: dict[str, pa.Array]  # use -> bool: an entry in effect covers it
    withdrawn: dict[str, pa.Array]  # use -> bool: withdrawn and not covered again
    ref: pa.Array  # evidence of the entries in effect
    explicit: pa.Array  # biometric consent in effect with evidence, not implied
    written: pa.Array  # biometric consent in effect as a written release
    withdrawn_on: pa.Array  # latest withdrawal date among the withdrawn declared uses
    withdrawn_ref: pa.Array

    @classmethod
    def build(cls, groups: dict[str, list[Entry]], uses: Sequence[str], as_of: dt.date) -> KeyTable:
        keys = list(groups)
        covers: dict[str, list[bool]] = {u: [] for u in USES}
        withdrawn: dict[str, list[bool]] = {u: [] for u in USES}
        ref, explicit, written, on, wref = [], [], [], [], []
        for key in keys:
            entries = groups[key]
            active = [e for e in entries if e.active(as_of)]
            gone = [e for e in entries if e.withdrawn_by(as_of)]
            covered = frozenset().union(*(e.uses for e in active))
            lost = frozenset().union(*(e.uses for e in gone)) - covered
            for use in USES:
                covers[use].append(use in covered)
                withdrawn[use].append(use in lost)
            ref.append(_join(e.evidence for e in active))
            bio = [e for e in active if "biometric" in e.uses]
            explicit.append(any(e.evidence and e.evidence_type != "implied" for e in bio))
            written.append(any(e.evidence_type == "written-release" for e in bio))
            relevant = [e for e in gone if e.uses & lost & set(uses)]
            on.append(
                max(e.withdrawn for e in relevant if e.withdrawn).isoformat() if relevant else None
            )
            wref.append(_join(e.evidence or e.where for e in relevant))
        return cls(
            keys=pa.array(keys, pa.string()),
            covers={u: pa.array(v, pa.bool_()) for u, v in covers.items()},
            withdrawn={u: pa.array(v, pa.bool_()) for u, v in withdrawn.items()},
            ref=pa.array(ref, pa.string()),
            explicit=pa.array(explicit, pa.bool_()),
            written=pa.array(written, pa.bool_()),
            withdrawn_on=pa.array(on, pa.string()),
            withdrawn_ref=pa.array(wref, pa.string()),
        )


def _join(values: Iterable[str | None]) -> str | None:
    seen = list(dict.fromkeys(v for v in values if v))
    return "; ".join(seen) if seen else None


class ConsentIndex:
    """Register entries by record id and by photo id, summarised for one run."""

    def __init__(self, entries: Sequence[Entry], uses: Sequence[str], as_of: dt.date) -> None:
        by_record: dict[str, list[Entry]] = {}
        by_photo: dict[str, list[Entry]] = {}
        for entry in entries:
            if entry.record_id is not None:
                by_record.setdefault(entry.record_id, []).append(entry)
            if entry.photo_id is not None:
                by_photo.setdefault(entry.photo_id, []).append(entry)
        self.uses = tuple(uses)
        self.as_of = as_of
        self.records = KeyTable.build(by_record, uses, as_of) if by_record else None
        self.photos = KeyTable.build(by_photo, uses, as_of) if by_photo else None

    @property
    def needs_photo_ids(self) -> bool:
        return self.photos is not None


def _col(batch: pa.RecordBatch, name: str, typ: pa.DataType) -> pa.Array:
    i = batch.schema.get_field_index(name)
    return batch.column(i) if i >= 0 else pa.nulls(batch.num_rows, typ)


def _false(values: pa.Array) -> pa.Array:
    return pc.fill_null(values, False)


def join_present(values: Sequence[pa.Array], sep: str) -> pa.Array:
    """Join the non-null values of each row with sep; null where all are null.

    (binary_join_element_wise's null_handling="skip" drops all-null rows in
    pyarrow 26, so fold pairwise instead.)
    """
    out = values[0]
    for nxt in values[1:]:
        both = pc.binary_join_element_wise(out, nxt, sep)
        out = pc.if_else(pc.is_null(out), nxt, pc.if_else(pc.is_null(nxt), out, both))
    return out


Pick = Callable[[KeyTable], pa.Array]


class _Joined:
    """The register's facts for each row of a batch, from both key tables."""

    def __init__(self, index: ConsentIndex | None, batch: pa.RecordBatch) -> None:
        self.n = batch.num_rows
        self.parts: list[tuple[KeyTable, pa.Array]] = []
        if index is None:
            return
        for table, column in ((index.records, "id"), (index.photos, "flickr_id")):
            if table is None:
                continue
            at = pc.index_in(_col(batch, column, pa.string()), value_set=table.keys)
            if at.null_count < len(at):
                self.parts.append((table, at))

    @property
    def registered(self) -> pa.Array:
        return self.any(lambda t: pa.array([True] * len(t.keys), pa.bool_()))

    def any(self, pick: Pick) -> pa.Array:
        """OR of a per-key bool array over both tables (false where no key matched)."""
        out = arrays.constant(False, self.n)
        for table, at in self.parts:
            out = pc.or_(out, _false(pc.take(pick(table), at)))
        return out

    def text(self, pick: Pick) -> pa.Array:
        """Per-key strings of both tables joined by '; ' (null where none)."""
        values = [pc.take(pick(table), at) for table, at in self.parts]
        if not values:
            return pa.nulls(self.n, pa.string())
        if len(values) == 1:
            return values[0]
        return join_present(values, "; ")


def _pick_covers(use: str) -> Pick:
    return lambda table: table.covers[use]


def _pick_withdrawn(use: str) -> Pick:
    return lambda table: table.withdrawn[use]


def consent_columns(
    batch: pa.RecordBatch, index: ConsentIndex | None, uses: Sequence[str]
) -> dict[str, pa.Array]:
    """The consent.* columns for one batch."""
    n = batch.num_rows
    reg = _Joined(index, batch)
    registered = reg.registered
    manifest = _col(batch, "biometric_consent", pa.bool_())
    said_yes = _false(pc.equal(manifest, True))
    said_no = _false(pc.equal(manifest, False))
    covers = {u: reg.any(_pick_covers(u)) for u in USES}
    withdrawn = {u: pc.and_(reg.any(_pick_withdrawn(u)), pc.invert(covers[u])) for u in USES}
    bio_yes = pc.and_(
        pc.and_(pc.or_(covers["biometric"], said_yes), pc.invert(withdrawn["biometric"])),
        pc.invert(said_no),
    )
    known = pc.or_(registered, pc.is_valid(manifest))
    biometric = pc.if_else(known, bio_yes, _NULL_BOOL)
    registered_bio = covers["biometric"]
    covers["biometric"] = bio_yes

    manifest_ref = _col(batch, "consent_ref", pa.string())
    ref = reg.text(lambda t: t.ref)
    ref = pc.coalesce(ref, pc.if_else(said_yes, manifest_ref, _NULL_STR))
    # A register entry's evidence type decides; a bare consent_ref counts only without one.
    has_manifest_ref = pc.and_(pc.and_(said_yes, pc.is_valid(manifest_ref)), pc.invert(registered))
    explicit = pc.and_(bio_yes, pc.or_(reg.any(lambda t: t.explicit), has_manifest_ref))
    written_ref = _false(pc.starts_with(pc.utf8_lower(manifest_ref), WRITTEN_PREFIX))
    written = pc.and_(
        bio_yes, pc.or_(reg.any(lambda t: t.written), pc.and_(has_manifest_ref, written_ref))
    )

    declared = [u for u in USES if u in uses]
    any_withdrawn = arrays.constant(False, n)
    for u in declared:
        any_withdrawn = pc.or_(any_withdrawn, withdrawn[u])
    words = [pc.if_else(covers[u], pa.scalar(u), _NULL_STR) for u in USES]
    covers_text = join_present(words, ", ")
    covers_text = pc.if_else(
        pc.and_(registered, pc.is_null(covers_text)), pa.scalar("nothing"), covers_text
    )
    # Scope is judged on what either source covers; refusals and withdrawals have their own rules.
    either = {**covers, "biometric": pc.or_(bio_yes, registered_bio)}
    missing = [
        pc.if_else(pc.or_(either[u], withdrawn[u]), _NULL_STR, pa.scalar(u)) for u in declared
    ]
    if missing:
        uncovered = join_present(missing, ", ")
        uncovered = pc.if_else(registered, uncovered, _NULL_STR)
    else:
        uncovered = pa.nulls(n, pa.string())
    return {
        "consent.biometric": biometric,
        "consent.explicit": explicit,
        "consent.written_release": written,
        "consent.ref": ref,
        "consent.registered": registered,
        "consent.covers": covers_text,
        "consent.uncovered": uncovered,
        "consent.withdrawn": any_withdrawn,
        "consent.withdrawn_on": pc.if_else(
            any_withdrawn, reg.text(lambda t: t.withdrawn_on), _NULL_STR
        ),
        "consent.withdrawn_ref": pc.if_else(
            any_withdrawn, reg.text(lambda t: t.withdrawn_ref), _NULL_STR
        ),
    }
