"""`cc-lint find`: which records of these manifests are a given owner's, or a given photo?

So a photographer, or a person photographed, can check a dataset (as NBC's tool
let people check Diversity in Faces) and file a removal with the evidence:
file, line, record id, URLs, license, and what the dataset's policy says.

Each manifest streams batch by batch; Flickr ids are derived over whole
arrays and matched with pc.index_in; only matching rows are enriched and
evaluated against the policy for the declared uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from cc_lint import __version__
from cc_lint import compute as pc
from cc_lint import config as config_mod
from cc_lint.commands.check import DEFAULT_USE, consent_inputs, parse_uses, select_policy
from cc_lint.consent import Matcher, steps_for
from cc_lint.consent.optout import OptOutEntry, entries_from_values
from cc_lint.consent.steps import flickr_step
from cc_lint.errors import UsageError
from cc_lint.outputs import atomic_output
from cc_lint.pipeline import SEVERITY_RANK, dataset_constants, license_step, use_lean_allocator
from cc_lint.policy.engine import CompiledPolicy, compile_policy, evaluate
from cc_lint.readers import DatasetInfo, ReadOptions, open_manifest
from cc_lint.records import parse_column_overrides

SCHEMA_VERSION = "1.0"
_SHOWN = ("source_url", "image_url", "author", "title", "flickr_id", "flickr_owner")


@dataclass
class FindRequest:
    manifests: list[Path]
    users: list[str] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    fmt: str = "text"
    output: Path | None = None
    columns: list[str] = field(default_factory=list)
    manifest_format: str | None = None
    dataset_license: str | None = None
    config: Path | None = None
    consent: list[Path] = field(default_factory=list)
    opt_out: list[Path] = field(default_factory=list)
    as_of: str | None = None
    depicts_people: bool | None = None


def query_entries(users: list[str], photos: list[str]) -> list[OptOutEntry]:
    """--flickr-user values are owners (NSID, username, alias, profile or photo-page URL);
    --photo values are photos (id or any photo URL)."""
    if not users and not photos:
        raise UsageError(
            "nothing to find", hint="give --flickr-user NSID|USERNAME|URL and/or --photo ID|URL"
        )
    users_ = entries_from_values(users, "--flickr-user", "user")
    return users_ + entries_from_values(photos, "--photo", "photo")


@dataclass
class Match:
    manifest: str
    file: str
    location: dict[str, Any]
    record: dict[str, Any]
    license: str | None
    license_text: str | None
    matched: dict[str, str]
    findings: list[dict[str, Any]]

    @property
    def verdict(self) -> str:
        worst = max((SEVERITY_RANK[f["severity"]] for f in self.findings), default=-1)
        return next((s for s, r in SEVERITY_RANK.items() if r == worst), "ok")


def _location(row: dict[str, Any], info: DatasetInfo) -> dict[str, Any]:
    if row.get("_pointer") is not None:
        return {"pointer": row["_pointer"]}
    if row.get("_line") is not None:
        return {"row" if info.location == "row" else "line": row["_line"]}
    return {}


def find_in(
    path: Path,
    info: DatasetInfo,
    batches: Iterator[pa.RecordBatch],
    matcher: Matcher,
    compiled: CompiledPolicy,
    steps: list[Any],
    counter: list[int],
) -> Iterator[Match]:
    """Matches of one manifest, in file order; counter[0] counts records searched."""
    derive = flickr_step()
    for batch in batches:
        counter[0] += batch.num_rows
        batch = derive(batch)
        at = matcher.match(batch)
        if at.null_count == len(at):
            continue
        rows = pc.indices_nonzero(pc.is_valid(at))
        hit, which = pc.take(batch, rows), pc.take(at, rows).to_pylist()
        for step in steps:
            hit = step(hit)
        by_row: dict[int, list[dict[str, Any]]] = {}
        for f in evaluate(compiled, hit).to_pylist():
            by_row.setdefault(f["row"], []).append(
                {k: f[k] for k in ("rule", "name", "severity", "message")}
            )
        names = ["id", *_SHOWN, "license", "license.id", "_line", "_pointer"]
        for i, row in enumerate(hit.select(names).to_pylist()):
            entry = matcher.entries[which[i]]
            yield Match(
                manifest=str(path),
                file=str(info.records_path),
                location=_location(row, info),
                record={"id": row["id"], **{k: row[k] for k in _SHOWN}},
                license=row["license.id"],
                license_text=row["license"],
                matched={"kind": entry.kind, "by": entry.where, "value": entry.text},
                findings=by_row.get(i, []),
            )


def _text_match(m: Match) -> str:
    loc = m.location
    where = (
        f"{m.file}#{loc['pointer']}"
        if "pointer" in loc
        else f"{m.file}:row {loc['row']}"
        if "row" in loc
        else f"{m.file}:{loc['line']}"
        if "line" in loc
        else m.file
    )
    r = m.record
    photo = f"photo {r['flickr_id']}" if r["flickr_id"] else "photo (no Flickr id)"
    owner = f" by {r['flickr_owner']}" if r["flickr_owner"] else ""
    author = f" ({r['author']})" if r["author"] else ""
    lic = m.license or (
        f"unrecognised license {m.license_text!r}" if m.license_text else "no license"
    )
    lines = [
        f"{where}: {r['id']}: {photo}{owner}{author}, {lic}",
        f"    matched {m.matched['by']} {m.matched['value']}",
    ]
    url = r["source_url"] or r["image_url"]
    if url:
        lines.append(f"    {url}")
    lines.extend(
        f"    {f['rule']} [{f['severity']}] {' '.join(f['message'].split())}" for f in m.findings
    )
    if not m.findings:
        lines.append("    the policy has no finding for this record")
    return "\n".join(lines) + "\n"


class _Writer:
    def __init__(self, out: IO[bytes], fmt: str, head: dict[str, Any]) -> None:
        self.out, self.fmt, self.count = out, fmt, 0
        if fmt == "json":
            text = json.dumps(head, ensure_ascii=False, indent=2)
            self._write(text[:-2] + ',\n  "matches": [')

    def _write(self, text: str) -> None:
        self.out.write(text.encode("utf-8", "replace"))

    def add(self, m: Match) -> None:
        if self.fmt == "json":
            item = {**m.__dict__, "verdict": m.verdict}
            self._write(
                ("," if self.count else "") + "\n    " + json.dumps(item, ensure_ascii=False)
            )
        else:
            self._write(_text_match(m))
        self.count += 1

    def finish(self, summary: dict[str, Any], notes: list[str]) -> None:
        if self.fmt == "json":
            tail = json.dumps({"summary": summary, "notes": notes}, ensure_ascii=False, indent=2)
            self._write(("\n  " if self.count else "") + "],\n" + tail[2:] + "\n")
            return
        self._write(
            f"{summary['matches']:,} matching records in {summary['records']:,} records of "
            f"{summary['manifests']} manifests, for {', '.join(summary['uses'])} "
            f"(packs: {', '.join(summary['packs'])})\n"
        )
        for note in notes:
            self._write(f"note: {note}\n")


def run(req: FindRequest) -> int:
    """Exit 0 when some record matched, 1 when none did (as grep does), 2 on errors."""
    use_lean_allocator()
    entries = query_entries(req.users, req.photos)
    matcher = Matcher(entries)
    cfg = config_mod.load(req.config)
    uses = parse_uses(req.uses) or list(cfg.get("uses", [])) or [DEFAULT_USE]
    inputs = consent_inputs(cfg, req.consent, req.opt_out, req.as_of, req.depicts_people)
    policy = select_policy(req.policies, cfg, uses, inputs)
    columns = {**cfg.get("columns", {}), **parse_column_overrides(req.columns)}
    options = ReadOptions(columns=columns)
    fmt = req.manifest_format or cfg.get("manifest_format")
    readers = [open_manifest(path, options, fmt) for path in req.manifests]
    infos = [reader.info() for reader in readers]
    counter = [0]
    packs = [p.name for p in policy.packs]
    head = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cc-lint", "version": __version__},
        "query": {
            "flickr_user": list(req.users),
            "photo": list(req.photos),
            "understood_as": [{"kind": e.kind, "value": e.text, "key": e.key} for e in entries],
        },
        "uses": uses,
        "packs": packs,
        "manifests": [str(p) for p in req.manifests],
    }
    with atomic_output(req.output) as out:
        writer = _Writer(out, req.fmt, head)
        for path, reader, info in zip(req.manifests, readers, infos, strict=True):
            declared = req.dataset_license or cfg.get("dataset_license") or info.dataset_license
            constants = {**dataset_constants(declared), **inputs.constants()}
            compiled = compile_policy(policy, uses, constants)
            needed = compiled.fields(active_only=True)
            consent = steps_for(inputs, uses, needed, info.depicts_people, have_flickr_ids=True)
            steps = [license_step(), *consent]
            for m in find_in(path, info, reader.batches(), matcher, compiled, steps, counter):
                writer.add(m)
        summary = {
            "matches": writer.count,
            "records": counter[0],
            "manifests": len(readers),
            "uses": uses,
            "packs": packs,
        }
        writer.finish(summary, inputs.notes())
    return 0 if writer.count else 1
