"""`cc-lint check`: lint manifests against policies for the declared uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cc_lint import config as config_mod
from cc_lint.errors import UsageError
from cc_lint.outputs import atomic_output
from cc_lint.pipeline import FileHasher, dataset_constants, exit_status, license_step, lint
from cc_lint.policy.engine import compile_policy
from cc_lint.policy.fields import USES
from cc_lint.policy.loader import default_pack_names, load_policy
from cc_lint.readers import DatasetInfo, ReadOptions, cards, open_manifest
from cc_lint.records import parse_column_overrides
from cc_lint.report import REPORTERS, RuleInfo, RunInfo

DEFAULT_USE = "redistribute"


@dataclass
class CheckRequest:
    manifests: list[Path]
    uses: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    fmt: str = "text"
    output: Path | None = None
    fail_on: str | None = None
    columns: list[str] = field(default_factory=list)
    manifest_format: str | None = None
    dataset_license: str | None = None
    dataset_card: Path | None = None
    config: Path | None = None
    max_per_rule: int = 20


def parse_uses(values: list[str]) -> list[str]:
    """--use repeats or takes a comma list; order is kept, duplicates dropped."""
    uses: list[str] = []
    for value in values:
        for part in value.split(","):
            use = part.strip().lower()
            if not use:
                continue
            if use not in USES:
                raise UsageError(f"unknown use {use!r}", hint="choose from " + ", ".join(USES))
            if use not in uses:
                uses.append(use)
    return uses


def run(req: CheckRequest) -> int:
    cfg = config_mod.load(req.config)
    uses = parse_uses(req.uses) or list(cfg.get("uses", []))
    defaulted = not uses
    if defaulted:
        uses = [DEFAULT_USE]
    specs = req.policies or [cfg.relative(p) for p in cfg.get("policy", [])]
    policy = load_policy(specs or default_pack_names(uses, available=[]))
    fail_on = req.fail_on or cfg.get("fail_on", "error")
    columns = {**cfg.get("columns", {}), **parse_column_overrides(req.columns)}
    options = ReadOptions(columns=columns)
    fmt = req.manifest_format or cfg.get("manifest_format")
    readers = [open_manifest(path, options, fmt) for path in req.manifests]
    infos = [reader.info() for reader in readers]
    if req.dataset_card is not None:
        cards.load_card(req.dataset_card)  # refuse a bad card before any output
    contradicted = next(
        (r.code for r in policy.rules if r.name == "dataset-license-contradicted"), None
    )
    status = 0
    with atomic_output(req.output) as out:
        many = len(readers) > 1 and req.fmt == "json"
        if many:
            out.write(b"[\n")
        for i, (path, reader, info) in enumerate(zip(req.manifests, readers, infos, strict=False)):
            if many and i:
                out.write(b",\n")
            declared, source, declaration_notes = _declaration(req, cfg, path, info)
            compiled = compile_policy(policy, uses, dataset_constants(declared, source))
            run_info = RunInfo(
                manifest_path=str(path),
                records_path=str(info.records_path),
                manifest_format=info.format,
                location=info.location,
                uses=uses,
                uses_defaulted=defaulted,
                packs=[p.name for p in policy.packs],
                policy_files=policy.files,
                rules=[
                    RuleInfo(r.code, r.name, r.severity, r.pack, r.message, r.rationale, r.link)
                    for r in policy.rules
                ],
                dataset_license=declared,
                notes=[*info.notes, *declaration_notes],
            )
            if info.rai:
                run_info.extra["rai"] = info.rai
            if defaulted:
                run_info.notes.append(
                    f"no use declared: assumed '{DEFAULT_USE}' (declare uses with --use)"
                )
            hasher = FileHasher(info.records_path) if req.fmt != "text" else None
            reporter = REPORTERS[req.fmt](out, run_info, {"max_per_rule": req.max_per_rule})
            tally = (
                cards.ContradictionTally(reporter, contradicted)
                if declared and contradicted
                else None
            )
            known = len(info.notes)
            summary = lint(reader.batches(), compiled, [license_step()], tally or reporter)
            run_info.notes.extend(info.notes[known:])  # what the reader learnt while reading
            if tally and declared:
                run_info.notes.append(tally.note(declared, source, summary.records))
            run_info.sha256 = hasher.result() if hasher else None
            reporter.finish(summary)
            status = max(status, exit_status(summary, fail_on))
        if many:
            out.write(b"]\n")
    return status


def _declaration(
    req: CheckRequest, cfg: config_mod.Config, path: Path, info: DatasetInfo
) -> tuple[str | None, str | None, list[str]]:
    """The dataset license (as written), where it was declared, and notes about it.

    --dataset-license, then the config, then a dataset card (--dataset-card, the
    manifest's own declaration, or a card next to the manifest).
    """
    declared: str | None
    source: str | None
    notes: list[str] = []
    if req.dataset_license:
        declared, source = req.dataset_license, "--dataset-license"
    elif cfg.get("dataset_license"):
        declared, source = cfg.get("dataset_license"), str(cfg.path)
    else:
        card = cards.declaration_for(path, info, req.dataset_card)
        if card is None:
            return None, None, []
        declared, source, notes = card.license, card.source, list(card.notes)
    if declared:
        notes.append(cards.describe(declared, source))
    return declared, source, notes
