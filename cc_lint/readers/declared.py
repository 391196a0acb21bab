"""Dataset-level license declarations (dataset cards, Croissant descriptors).

A declaration may list several licenses. cc-lint checks the images against
the least restrictive one it recognises: that is the claim most likely to
mislead a user, so contradictions are reported rather than hidden (CC113). The
choice is stated in a note. Placeholders ("unknown", "None", "other" without a
name) count as no declaration; they are never resolved into a license.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cc_lint.licenses.model import License
from cc_lint.licenses.normalize import resolve

# Values generators write when there is no license ("None" is str(None)).
PLACEHOLDERS = frozenset({"", "none", "null", "n/a", "unknown", "unspecified", "tbd", "other"})


@dataclass
class Declaration:
    """The dataset license a card or descriptor declares, and where it says so."""

    license: str | None  # as written; None when nothing usable is declared
    source: str  # e.g. "data/README.md:9 (license)" or "croissant.json#/license"
    notes: list[str] = field(default_factory=list)


def _rank(lic: License) -> int:
    """Lower is less restrictive; unrecognised licenses rank last."""
    if not lic.recognized:
        return 100
    if lic.public_domain:
        return 0
    flags = (lic.sharealike, lic.noderivatives, lic.noncommercial)
    return 1 + sum(2 for f in flags if f)


def choose(values: list[tuple[str, str]], what: str) -> Declaration:
    """One declaration from (value, source) pairs in document order.

    `what` names the declaring document in notes ("the card", "the descriptor").
    """
    real: list[tuple[str, str]] = []
    notes: list[str] = []
    for value, source in values:
        if value.strip().casefold() in PLACEHOLDERS:
            notes.append(f"{what} gives license {value!r}: treated as no license declared")
        else:
            real.append((value.strip(), source))
    if not real:
        return Declaration(None, values[0][1] if values else what, notes)
    if len(real) == 1:
        return Declaration(real[0][0], real[0][1], notes)
    resolved = [(resolve(v), v, s) for v, s in real]
    lic, value, source = min(resolved, key=lambda r: _rank(r[0]))
    listed = ", ".join(v for v, _ in real)
    notes.append(
        f"{what} declares {len(real)} licenses ({listed}): images are checked against the "
        f"least restrictive, {lic.id or value}"
    )
    return Declaration(value, source, notes)
