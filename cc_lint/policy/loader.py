"""Find, validate and merge policy packs (built-in and user YAML files)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from cc_lint import yamlsafe
from cc_lint.errors import ConfigError
from cc_lint.policy import packindex


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    when: dict[str, Any]
    message: str
    rationale: str
    link: str | None
    examples: tuple[dict[str, Any], ...]
    pack: str
    origin: str  # "file:line" of the rule, for error messages
    doc: yamlsafe.Document = field(repr=False, compare=False)
    path: tuple[str | int, ...] = ()  # JSON path of the rule inside doc


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    description: str
    notice: str | None
    applies_to: tuple[str, ...]
    requires: tuple[str, ...]
    rules: tuple[Rule, ...]
    source: str


@dataclass
class Policy:
    """The merged rule set for one run."""

    packs: list[Pack]
    rules: list[Rule]
    files: list[str]


def builtin_dir() -> Path:
    """Built-in packs: inside the wheel as cc_lint/rules, in a checkout as ./rules."""
    here = Path(__file__).resolve().parents[1]  # the cc_lint package: a directory
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


@cache
def _schema() -> dict[str, Any]:
    text = Path(__file__).with_name("policy.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _validate(doc: yamlsafe.Document) -> None:
    if not isinstance(doc.data, dict):
        raise ConfigError("a policy file must be a YAML mapping", where=doc.where([]))
    import jsonschema  # not needed for the built-in packs, which the tests validate
    from jsonschema.exceptions import best_match

    validator = jsonschema.Draft202012Validator(_schema())
    error = best_match(validator.iter_errors(doc.data))
    if error is None:
        return
    path = list(error.absolute_path)
    shown = "/".join(str(p) for p in path) or "(top level)"
    message = " ".join(error.message.split())
    if len(message) > 200:
        message = message[:200] + "..."
    raise ConfigError(f"at {shown}: {message}", where=doc.where(path))


def read_pack(
    path: Path, default_name: str | None = None, *, trusted: bool = False
) -> tuple[Pack, dict[str, Any]]:
    """Read and validate a pack; `trusted` (built-in, validated by the test suite)
    skips the schema and the line-tracking loader, which cost time on every run."""
    if trusted:
        parsed = packindex.cached(path)  # parsed ahead of time, unless the file changed
        if parsed is None:
            doc = yamlsafe.load_trusted(path)
        else:
            doc = yamlsafe.Document(parsed, None, str(path))
    else:
        doc = yamlsafe.load(path)
        _validate(doc)
    data: dict[str, Any] = doc.data
    name = data.get("pack") or default_name or path.stem
    rules = []
    for i, raw in enumerate(data.get("rules", [])):
        rpath: tuple[str | int, ...] = ("rules", i)
        rules.append(
            Rule(
                code=raw["code"],
                name=raw["name"],
                severity=raw["severity"],
                when=raw["when"],
                message=raw["message"],
                rationale=" ".join(raw["rationale"].split()),
                link=raw.get("link"),
                examples=tuple(raw["examples"]),
                pack=name,
                origin=doc.where(rpath),
                doc=doc,
                path=rpath,
            )
        )
    pack = Pack(
        name=name,
        title=data.get("title", name),
        description=" ".join(data.get("description", "").split()),
        notice=data.get("notice"),
        applies_to=tuple(data.get("applies_to", [])),
        requires=tuple(data.get("requires", [])),
        rules=tuple(rules),
        source=str(path),
    )
    return pack, data


@cache
def builtin_packs() -> dict[str, Pack]:
    packs = {}
    for path in sorted(builtin_dir().glob("*.yaml")):
        pack, _ = read_pack(path, trusted=True)
        packs[pack.name] = pack
    return packs


def default_pack_names(uses: Sequence[str], available: Sequence[str]) -> list[str]:
    """Built-in packs that apply to the declared uses and whose inputs are available."""
    names = []
    for name, pack in builtin_packs().items():
        if not set(pack.applies_to) & set(uses):
            continue
        if not set(pack.requires) <= set(available):
            continue
        names.append(name)
    return names


def load_policy(specs: Sequence[str], base: Path | None = None) -> Policy:
    """Load packs named or given as paths; user files may extend, disable, re-severity."""
    packs: list[Pack] = []
    files: list[str] = []
    seen: set[str] = set()
    disabled: dict[str, str] = {}
    severities: dict[str, tuple[str, str]] = {}

    def add(spec: str, origin: str, depth: int) -> None:
        if depth > 8:
            raise ConfigError("extends: nesting is too deep (a cycle?)", where=origin)
        builtins = builtin_packs()
        if spec in builtins:
            if spec not in seen:
                seen.add(spec)
                packs.append(builtins[spec])
            return
        path = Path(spec)
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.exists():
            raise ConfigError(
                f"no built-in pack or file named {spec!r}",
                where=origin,
                hint="built-in packs: " + ", ".join(builtins),
            )
        key = str(path.resolve())
        if key in seen:
            return
        seen.add(key)
        pack, data = read_pack(path)
        files.append(str(path))
        doc = pack.rules[0].doc if pack.rules else yamlsafe.load(path)
        extends = data.get("extends", [])
        for i, parent in enumerate([extends] if isinstance(extends, str) else extends):
            add(parent, doc.where(["extends", i]), depth + 1)
        packs.append(pack)
        for i, ref in enumerate(data.get("disable", [])):
            disabled[ref] = doc.where(["disable", i])
        for ref, sev in data.get("severity", {}).items():
            severities[ref] = (sev, doc.where(["severity", ref]))

    for spec in specs:
        add(spec, "--policy", 0)
    rules: list[Rule] = []
    by_code: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.code in by_code:
                raise ConfigError(
                    f"rule code {rule.code} is defined twice (also at {by_code[rule.code].origin})",
                    where=rule.origin,
                )
            by_code[rule.code] = rule
            rules.append(rule)
    by_name = {r.name: r for r in rules}
    for ref, where in disabled.items():
        if ref not in by_code and ref not in by_name:
            raise ConfigError(f"disable: no rule {ref!r} in the loaded packs", where=where)
    off = set(disabled)
    final = []
    for rule in rules:
        if rule.code in off or rule.name in off:
            continue
        for ref in (rule.code, rule.name):
            if ref in severities:
                rule = replace(rule, severity=severities[ref][0])
        final.append(rule)
    for ref, (_, where) in severities.items():
        if ref not in by_code and ref not in by_name:
            raise ConfigError(f"severity: no rule {ref!r} in the loaded packs", where=where)
    return Policy(packs=packs, rules=final, files=files)
