"""`cc-lint check`: lint manifests against policies for the declared uses."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cc_lint import config as config_mod
from cc_lint.consent import ConsentInputs, steps_for
from cc_lint.consent.dates import as_of_date
from cc_lint.digest import FileHasher
from cc_lint.errors import UsageError
from cc_lint.outputs import atomic_output
from cc_lint.pipeline import (
    Step,
    dataset_constants,
    exit_status,
    license_step,
    lint,
    use_lean_allocator,
)
from cc_lint.policy.engine import compile_policy
from cc_lint.policy.fields import USES
from cc_lint.policy.loader import Policy, default_pack_names, load_policy
from cc_lint.readers import DatasetInfo, ManifestReader, ReadOptions, cards, open_manifest
from cc_lint.records import parse_column_overrides
from cc_lint.report import REPORTERS, RuleInfo, RunInfo

if TYPE_CHECKING:  # the live client (requests, requests-cache) loads only for --live
    from cc_lint.live import LicenseSource, PhotoStatus

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
    config: Path | None = None
    max_per_rule: int = 20
    consent: list[Path] = field(default_factory=list)  # consent registers
    opt_out: list[Path] = field(default_factory=list)  # opt-out lists
    as_of: str | None = None  # date consent is judged on (default: today, UTC)
    depicts_people: bool | None = None  # declared for the whole dataset
    live: bool = False
    offline: bool = False
    evidence: Path | None = None
    evidence_in: Path | None = None
    dataset_card: Path | None = None
    hashers: dict[Path, FileHasher] = field(default_factory=dict)  # digests already under way


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


def consent_inputs(
    cfg: config_mod.Config,
    consent: list[Path],
    opt_out: list[Path],
    as_of: str | None,
    depicts_people: bool | None,
) -> ConsentInputs:
    """Registers and opt-out lists from the config and the command line (both count)."""

    def paths(cli: list[Path], key: str) -> list[Path]:
        given = [Path(cfg.relative(p)) for p in cfg.get(key, [])] + list(cli)
        return list(dict.fromkeys(given))

    return ConsentInputs.load(
        registers=paths(consent, "consent"),
        optouts=paths(opt_out, "opt_out"),
        as_of=as_of_date(as_of),
        depicts_people=cfg.get("depicts_people") if depicts_people is None else depicts_people,
    )


def select_policy(
    policies: list[str],
    cfg: config_mod.Config,
    uses: list[str],
    inputs: ConsentInputs,
    available: list[str] | None = None,
) -> Policy:
    """--policy, else the config's, else the built-in packs for the uses and inputs."""
    specs = policies or [cfg.relative(p) for p in cfg.get("policy", [])]
    if not specs:
        given = [*(available or []), *inputs.available()]
        specs = default_pack_names(uses, available=given)
    # A consent register or opt-out list given is always honoured, whatever the uses.
    for pack, wanted in (("consent", inputs.register_files), ("opt-out", inputs.optout_files)):
        if wanted and pack not in specs:
            specs = [*specs, pack]
    return load_policy(specs)


def _live_source(req: CheckRequest, evidence_in: str | None) -> LicenseSource | None:
    if not (evidence_in or req.live or req.offline):
        if req.evidence:
            raise UsageError("--evidence needs --live, --offline or --evidence-in")
        return None
    from cc_lint.live import EvidenceSource, FlickrSource, settings_from_env

    if evidence_in and (req.live or req.offline):
        raise UsageError("--evidence-in replaces --live/--offline: give one or the other")
    if evidence_in:
        return EvidenceSource(path=Path(evidence_in))
    return FlickrSource(
        settings=settings_from_env(), offline=req.offline, progress=sys.stderr.isatty()
    )


def _live_steps(
    reader: ManifestReader, source: LicenseSource, collected: dict[str, PhotoStatus]
) -> tuple[list[Step], str]:
    """Ask the source about every photo of the manifest (a first pass), then return
    the steps that put the answers on the batches, and a one-line account."""
    from cc_lint.flickr_urls import fill_batch
    from cc_lint.live.join import add_live_columns, collect_queries, status_table

    resolve_licenses = license_step()
    queries = collect_queries(fill_batch(resolve_licenses(b)) for b in reader.batches())
    statuses = source.lookup(queries)
    collected.update(statuses)
    table = status_table(statuses)
    counts = Counter(s.status for s in statuses.values())
    account = f"live status of {len(statuses):,} Flickr photos: " + ", ".join(
        f"{counts.get(k, 0):,} {k}" for k in ("ok", "relicensed", "unavailable", "unknown")
    )
    result = getattr(source, "last_result", None)
    if result is not None:
        account += f" ({result.total_calls:,} API calls)"
    return [fill_batch, lambda batch: add_live_columns(batch, table)], account


def run(req: CheckRequest) -> int:
    use_lean_allocator()
    cfg = config_mod.load(req.config)
    uses = parse_uses(req.uses) or list(cfg.get("uses", []))
    defaulted = not uses
    if defaulted:
        uses = [DEFAULT_USE]
    evidence_in = str(req.evidence_in) if req.evidence_in else None
    if evidence_in is None and cfg.get("evidence_in"):
        evidence_in = cfg.relative(cfg.get("evidence_in"))
    live_source = _live_source(req, evidence_in)
    inputs = consent_inputs(cfg, req.consent, req.opt_out, req.as_of, req.depicts_people)
    available = ["live"] if live_source else []
    policy = select_policy(req.policies, cfg, uses, inputs, available)
    fail_on = req.fail_on or cfg.get("fail_on", "error")
    columns = {**cfg.get("columns", {}), **parse_column_overrides(req.columns)}
    options = ReadOptions(columns=columns)
    fmt = req.manifest_format or cfg.get("manifest_format")
    readers = [open_manifest(path, options, fmt) for path in req.manifests]
    infos = [reader.info() for reader in readers]
    status = 0
    if req.dataset_card is not None:
        cards.load_card(req.dataset_card)  # refuse a bad card before any output
    contradicted = next(
        (r.code for r in policy.rules if r.name == "dataset-license-contradicted"), None
    )
    collected: dict[str, PhotoStatus] = {}
    with atomic_output(req.output) as out:
        many = len(readers) > 1 and req.fmt == "json"
        if many:
            out.write(b"[\n")
        for i, (path, reader, info) in enumerate(zip(req.manifests, readers, infos, strict=False)):
            if many and i:
                out.write(b",\n")
            declared, source, declaration_notes = _declaration(req, cfg, path, info)
            constants = {**dataset_constants(declared, source), **inputs.constants()}
            compiled = compile_policy(policy, uses, constants)
            needed = compiled.fields(active_only=True)
            notes = [*info.notes, *declaration_notes, *inputs.notes()]
            run_info = _run_info(path, info, policy, uses, defaulted, declared, notes)
            steps: list[Step] = [license_step()]
            if live_source is not None:
                live_steps, account = _live_steps(reader, live_source, collected)
                steps += live_steps
                run_info.notes.append(account)
            steps += steps_for(
                inputs, uses, needed, info.depicts_people, have_flickr_ids=live_source is not None
            )
            hasher = None
            if req.fmt != "text":
                hasher = req.hashers.get(info.records_path) or FileHasher(info.records_path)
            reporter = REPORTERS[req.fmt](out, run_info, {"max_per_rule": req.max_per_rule})
            tally = (
                cards.ContradictionTally(reporter, contradicted)
                if declared and contradicted
                else None
            )
            known = len(info.notes)
            summary = lint(
                reader.batches(),
                compiled,
                steps,
                tally or reporter,
                read_ahead=not reader.reads_ahead,
            )
            run_info.notes.extend(info.notes[known:])  # what the reader learnt while reading
            if tally and declared:
                run_info.notes.append(tally.note(declared, source, summary.records))
            run_info.sha256 = hasher.result() if hasher else None
            reporter.finish(summary)
            status = max(status, exit_status(summary, fail_on))
        if many:
            out.write(b"]\n")
        if req.evidence:
            from cc_lint.live import write_evidence

            write_evidence(req.evidence, collected.values())
    return status


def _run_info(
    path: Path,
    info: DatasetInfo,
    policy: Policy,
    uses: list[str],
    defaulted: bool,
    declared: str | None,
    notes: list[str],
) -> RunInfo:
    """What the report says about one manifest's run besides its findings."""
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
        notes=notes,
    )
    if info.rai:
        run_info.extra["rai"] = info.rai
    if defaulted:
        run_info.notes.append(f"no use declared: assumed '{DEFAULT_USE}' (declare uses with --use)")
    return run_info


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
