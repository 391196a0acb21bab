"""The optional configuration file (.cc-lint.yaml), found from the working directory up."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cc_lint import yamlsafe
from cc_lint.errors import ConfigError

NAMES = (".cc-lint.yaml", "cc-lint.yaml", ".cc-lint.yml")


@dataclass
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def relative(self, value: str) -> str:
        """Resolve a path written in the config relative to the config file."""
        if self.path is None or Path(value).is_absolute():
            return value
        candidate = self.path.parent / value
        return str(candidate)


def find(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        if (directory / ".git").exists():
            break
    return None


@cache
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        Path(__file__).with_name("config.schema.json").read_text("utf-8")
    )
    return data


def load(explicit: Path | None, start: Path | None = None) -> Config:
    path = explicit if explicit is not None else find(start or Path.cwd())
    if path is None:
        return Config()
    doc = yamlsafe.load(path)
    if doc.data is None:
        return Config(path, {})
    if not isinstance(doc.data, dict):
        raise ConfigError("the configuration must be a YAML mapping", where=doc.where([]))
    import jsonschema
    from jsonschema.exceptions import best_match

    error = best_match(jsonschema.Draft202012Validator(_schema()).iter_errors(doc.data))
    if error is not None:
        where = doc.where(list(error.absolute_path))
        shown = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ConfigError(f"at {shown}: {' '.join(error.message.split())}", where=where)
    return Config(path, doc.data)
