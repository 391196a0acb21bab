"""Pairing a manifest with the dataset card or Croissant descriptor that declares its license.

Order: ``--dataset-card FILE``; else the manifest's own declaration (a Croissant
descriptor read as the manifest); else a card or descriptor in the manifest's
directory (``croissant.json``, ``metadata.json``, then ``README.md`` with
license front matter); else a Croissant descriptor up to two directories above
whose distribution points at the manifest (``data/x.csv`` described by
``../metadata.json``). ``--dataset-license`` and the config's
``dataset_license`` override all of these (commands/check.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.errors import InputError
from cc_lint.licenses.normalize import resolve
from cc_lint.readers import textio
from cc_lint.readers.croissant import CroissantReader
from cc_lint.readers.declared import Declaration
from cc_lint.readers.hfcard import HfCardReader
from cc_lint.readers.interface import DatasetInfo, ReadOptions
from cc_lint.report.interface import Reporter, Summary

NEIGHBOURS = ("croissant.json", "metadata.json", "README.md")
DESCRIPTORS = ("croissant.json", "metadata.json")
ANCESTORS = 2
_SHOWN = 6  # licenses named in the contradiction note
_CARD_SCORE = 90  # an HF card sniff this sure has license front matter


def load_card(path: Path) -> Declaration:
    """The declaration in a dataset card or Croissant descriptor."""
    head = textio.open_checked(path)
    if CroissantReader.sniff(path, head):
        return CroissantReader(path, ReadOptions()).declaration()
    if HfCardReader.sniff(path, head):
        return HfCardReader(path, ReadOptions()).declaration()
    raise InputError(
        "not a dataset card: expected a Hugging Face README.md with YAML front matter "
        "or a Croissant JSON-LD descriptor",
        where=str(path),
    )


def _points_at(descriptor: Path, manifest: Path) -> bool:
    try:
        doc = CroissantReader(descriptor, ReadOptions()).document()
    except InputError:
        return False
    for obj in doc.get("distribution") or []:
        url = obj.get("contentUrl") if isinstance(obj, dict) else None
        if not isinstance(url, str) or "://" in url or url.startswith("/"):
            continue  # remote or absolute
        if (descriptor.parent / url).resolve() == manifest.resolve():
            return True
    return False


def describing(manifest: Path) -> Path | None:
    """A Croissant descriptor in a directory above whose distribution names the manifest."""
    for directory in list(manifest.resolve().parents)[:ANCESTORS]:
        for name in DESCRIPTORS:
            candidate = directory / name
            if candidate.is_file() and _points_at(candidate, manifest):
                return candidate
    return None


def next_to(manifest: Path) -> Path | None:
    """A card or descriptor declaring a license in the manifest's directory."""
    here = manifest.resolve()
    for name in NEIGHBOURS:
        candidate = manifest.parent / name
        if not candidate.is_file() or candidate.resolve() == here:
            continue
        try:
            head = textio.open_checked(candidate)
        except InputError:
            continue
        if CroissantReader.sniff(candidate, head) or (
            HfCardReader.sniff(candidate, head) >= _CARD_SCORE
        ):
            return candidate
    return None


def declaration_for(manifest: Path, info: DatasetInfo, card: Path | None) -> Declaration | None:
    """Which declaration applies to this manifest (see the module docstring)."""
    if card is not None:
        found = load_card(card)
        found.notes.insert(0, f"dataset card: {card} (--dataset-card)")
        return found
    if info.dataset_license:
        return Declaration(info.dataset_license, info.dataset_license_source or str(manifest))
    neighbour, how = next_to(manifest), "found next to the manifest"
    if neighbour is None:
        neighbour, how = describing(manifest), "describes this manifest"
    if neighbour is None:
        return None
    try:
        found = load_card(neighbour)
    except InputError:
        return None
    found.notes.insert(0, f"dataset card: {neighbour} {how}")
    return found


def describe(declared: str, source: str | None) -> str:
    lic = resolve(declared)
    what = lic.id if lic.recognized else f"{declared!r} (not a license cc-lint recognises)"
    return f"dataset license: {what}, declared in {source or 'the configuration'}"


class ContradictionTally(Reporter):
    """Passes findings on to the real reporter, counting one rule's by image license."""

    name = "tally"
    description = "counts the dataset-license contradictions for the summary note"

    def __init__(self, inner: Reporter, code: str) -> None:
        super().__init__(inner.out, inner.run, inner.options)
        self.inner = inner
        self.code = code
        self.by_license: Counter[str] = Counter()

    def add(self, findings: pa.RecordBatch) -> None:
        mine = pc.equal(findings.column("rule"), pa.scalar(self.code))
        if pc.any(mine).as_py():
            licenses = pc.fill_null(pc.filter(findings.column("license"), mine), "no license")
            for item in pc.value_counts(licenses).to_pylist():
                self.by_license[item["values"]] += item["counts"]
        self.inner.add(findings)

    def finish(self, summary: Summary) -> None:
        self.inner.finish(summary)

    def note(self, declared: str, source: str | None, records: int) -> str:
        lic = resolve(declared)
        name = lic.id if lic.recognized else repr(declared)
        where = f" (from {source})" if source else ""
        total = sum(self.by_license.values())
        if not records:
            return f"dataset declares {name}{where}: no image records to compare it with"
        if not total:
            return f"dataset declares {name}{where}: no image contradicts it"
        top = self.by_license.most_common()
        shown = ", ".join(f"{count:,} {lic_id}" for lic_id, count in top[:_SHOWN])
        more = f" and {len(top) - _SHOWN:,} more" if len(top) > _SHOWN else ""
        return (
            f"dataset declares {name}{where}: {total:,} of {records:,} images contradict it "
            f"({self.code}): {shown}{more}"
        )
