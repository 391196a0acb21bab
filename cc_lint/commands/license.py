"""``cc-lint license STRING...``: show what license strings resolve to.

Exit code 0 when every string is recognized, 1 when any is unrecognized or
empty.
"""

from __future__ import annotations

import json

import typer

from cc_lint.errors import ExitCode
from cc_lint.licenses import model
from cc_lint.licenses.model import License
from cc_lint.licenses.normalize import resolve

_FLAGS = (
    ("attribution", "BY"),
    ("noncommercial", "NC"),
    ("noderivatives", "ND"),
    ("sharealike", "SA"),
    ("public_domain", "PD"),
)


def elements(entry: License) -> str:
    """Short element list, e.g. "BY-NC-SA"; unknown flags are marked with "?"."""
    known = [code for flag, code in _FLAGS if getattr(entry, flag) is True]
    unknown = [f"{code}?" for flag, code in _FLAGS if getattr(entry, flag) is None]
    return "-".join(known) + (f" ({', '.join(unknown)})" if unknown else "") or "none"


def describe(text: str, entry: License) -> str:
    shown = json.dumps(text, ensure_ascii=False)
    if not entry.recognized:
        return f"{shown} -> {'missing (empty)' if entry.kind == model.NONE else 'UNRECOGNIZED'}"
    line = f"{shown} -> {entry.id}  {entry.name}  [{elements(entry)}]"
    return line + ("  deprecated" if entry.deprecated else "")


def as_json(text: str, entry: License) -> dict[str, object]:
    return {"input": text, **entry.as_dict()}


def run(strings: list[str], fmt: str) -> int:
    """Print one result per input string, in order; exit 1 if any is not recognized."""
    results = [(text, resolve(text)) for text in strings]
    if fmt == "json":
        typer.echo(json.dumps([as_json(text, entry) for text, entry in results], indent=2))
    else:
        for text, entry in results:
            typer.echo(describe(text, entry))
    if all(entry.recognized for _, entry in results):
        return int(ExitCode.CLEAN)
    return int(ExitCode.FINDINGS)
