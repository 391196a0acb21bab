"""The built-in packs, parsed ahead of time (rules/packs.json), so that a run does
not parse YAML (or even import PyYAML) for them.

python -m cc_lint.policy.packindex          # rewrite rules/packs.json
python -m cc_lint.policy.packindex --check  # exit 1 if it is out of date

Each entry carries the CRC-32 of its YAML file's bytes. A file that no longer
matches is parsed from the YAML as before, so a stale index never changes a rule.
"""

from __future__ import annotations

import json
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

INDEX_NAME = "packs.json"


def render(directory: Path) -> str:
    from cc_lint import yamlsafe

    packs = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yamlsafe.load_trusted(path).data
        if json.loads(json.dumps(data)) != data:  # e.g. a YAML date
            raise ValueError(f"{path}: the pack does not survive a JSON round trip")
        packs[path.name] = {"crc32": zlib.crc32(path.read_bytes()), "data": data}
    return json.dumps(packs, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


@cache
def _index(directory: Path) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads((directory / INDEX_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded


def cached(path: Path) -> Any | None:
    """The parsed pack at path if the index holds this very file, else None."""
    entry = _index(path.parent).get(path.name)
    if entry is None or entry.get("crc32") != zlib.crc32(path.read_bytes()):
        return None
    return entry["data"]


def main(argv: list[str]) -> int:
    from cc_lint.policy.loader import builtin_dir

    directory = builtin_dir()
    target = directory / INDEX_NAME
    text = render(directory)
    if "--check" in argv:
        current = target.read_text("utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m cc_lint.policy.packindex")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
