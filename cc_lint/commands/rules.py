"""`cc-lint rules` and `cc-lint explain`."""

from __future__ import annotations

from typing import Any

import typer
import yaml

from cc_lint.errors import UsageError
from cc_lint.policy.fields import FIELDS, USE_DOCS
from cc_lint.policy.loader import Policy, Rule, builtin_packs, load_policy


def _policy(specs: list[str]) -> Policy:
    return load_policy(specs or list(builtin_packs()))


def list_rules(specs: list[str], fields: bool) -> int:
    if fields:
        for f in FIELDS.values():
            typer.echo(f"{f.name:<32} {f.type:<7} {f.doc}")
        typer.echo("\nuses: " + "; ".join(f"{u} ({d})" for u, d in USE_DOCS.items()))
        return 0
    policy = _policy(specs)
    for pack in policy.packs:
        uses = ", ".join(pack.applies_to)
        typer.echo(f"{pack.name}: {pack.title} (applies to: {uses})")
        for rule in pack.rules:
            if rule in policy.rules:
                typer.echo(f"  {rule.code}  {rule.name:<38} {rule.severity}")
    return 0


def _find(policy: Policy, ref: str) -> Rule:
    for rule in policy.rules:
        if ref.upper() == rule.code or ref == rule.name:
            return rule
    raise UsageError(f"no rule {ref!r}", hint="`cc-lint rules` lists them")


def _context(ex: dict[str, Any]) -> str:
    """An example's consent context, in the options' words."""
    parts = []
    if "as_of" in ex:
        parts.append(f" --as-of {ex['as_of']}")
    if "depicts_people" in ex:
        parts.append(" --depicts-people" if ex["depicts_people"] else " --no-depicts-people")
    for entry in ex.get("consent", []):
        fields = ", ".join(f"{k}={v}" for k, v in entry.items())
        parts.append(f" consent[{fields}]")
    if "opt_out" in ex:
        parts.append(" opt-out[" + ", ".join(ex["opt_out"]) + "]")
    return "".join(parts)


def explain(ref: str, specs: list[str]) -> int:
    rule = _find(_policy(specs), ref)
    condition = yaml.safe_dump(rule.when, sort_keys=False, default_flow_style=False).rstrip()
    lines = [
        f"{rule.code} {rule.name} [{rule.severity}] (pack {rule.pack})",
        "",
        f"message: {rule.message}",
        "",
        rule.rationale,
    ]
    if rule.link:
        lines += ["", f"see: {rule.link}"]
    lines += ["", "condition:", *("  " + ln for ln in condition.splitlines()), "", "examples:"]
    for ex in rule.examples:
        verdict = "FAIL" if ex["expect"] == "fail" else "PASS"
        uses = ",".join(ex.get("uses", [])) or "redistribute"
        extra = f" dataset_license={ex['dataset_license']}" if ex.get("dataset_license") else ""
        extra += _context(ex)
        record = ", ".join(f"{k}={v!r}" for k, v in ex["record"].items()) or "(empty record)"
        lines.append(f"  {verdict}  --use {uses}{extra}: {record}")
    typer.echo("\n".join(lines))
    return 0
