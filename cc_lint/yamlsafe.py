"""A YAML loader for untrusted files: safe tags only, no aliases, no duplicate keys.

It keeps the node tree so that schema errors can point at a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cc_lint.errors import ConfigError

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 1 << 20


class Document:
    """A loaded YAML document and its node tree, for locating values."""

    def __init__(self, data: Any, node: yaml.Node | None, name: str) -> None:
        self.data = data
        self.node = node
        self.name = name

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """1-based line of the value at a JSON path (or its nearest parent)."""
        node = self.node
        if node is None:
            return None
        from yaml import MappingNode, SequenceNode  # a node exists only if yaml is loaded

        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        node = value_node
                        break
                else:
                    return line
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
            else:
                return line
            line = node.start_mark.line + 1
        return line

    def where(self, path: Sequence[str | int]) -> str:
        line = self.line_of(path)
        return f"{self.name}:{line}" if line else self.name


def loads(text: str, name: str) -> Document:
    import yaml

    from cc_lint.yamlloader import Loader, Refused

    loader = Loader(text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except Refused as err:
        raise ConfigError(err.message, where=f"{name}:{err.mark.line + 1}") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = err.problem or err.context or "invalid YAML"
        if "could not determine a constructor" in str(err):
            problem = "tags such as !!python/... are not allowed; use plain YAML"
        raise ConfigError(f"YAML error: {problem}", where=where) from None
    except yaml.YAMLError as err:
        raise ConfigError(f"YAML error: {err}", where=name) from None
    finally:
        loader.dispose()
    return Document(data, node, name)


def load(path: Path) -> Document:
    if not path.exists():
        raise ConfigError("no such file", where=str(path))
    if path.is_dir():
        raise ConfigError("is a directory, not a YAML file", where=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ConfigError(
            f"file is {size} bytes; policy and config files are limited to {MAX_BYTES}",
            where=str(path),
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8", where=f"{path}:{line}") from None
    return loads(text, str(path))


def load_trusted(path: Path) -> Document:
    """Files shipped with cc-lint: the fast C loader (still safe), no line tracking."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        return Document(yaml.load(fh, Loader=loader), None, str(path))
