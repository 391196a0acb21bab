"""Hugging Face dataset cards: the license in a README.md's YAML front matter.

``license`` is a string or a list; old cards use ``licenses``. ``license:
other`` points at ``license_name`` / ``license_link`` (the link is preferred:
a CC URL resolves exactly). A card has no per-image records: read alone it
yields zero records and reports its declaration; next to a manifest, or given
with ``--dataset-card``, it supplies the dataset license the images are
checked against (CC113).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint import yamlsafe
from cc_lint.errors import InputError
from cc_lint.readers import textio
from cc_lint.readers.declared import Declaration, choose
from cc_lint.readers.interface import DatasetInfo, ManifestReader

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_HEAD_LICENSE = re.compile(rb"^licen[sc]es?(?:_name|_link)?\s*:", re.M)
MAX_CARD_BYTES = 4 << 20


def front_matter(text: str) -> str | None:
    m = _FRONT.match(text)
    return m.group("yaml") if m else None


class HfCardReader(ManifestReader):
    name = "hfcard"
    description = "Hugging Face dataset card (README.md YAML front matter): dataset license only"
    suffixes = (".md",)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        if not head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
            return 0
        if _HEAD_LICENSE.search(head):
            return 90
        return 50 if path.suffix.lower() in cls.suffixes else 0

    def _yaml(self) -> yamlsafe.Document:
        head = textio.open_checked(self.path)
        textio.refuse_binary(self.path, head)
        if self.path.stat().st_size > MAX_CARD_BYTES:
            raise InputError("dataset card is larger than 4 MiB", where=str(self.path))
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise textio.utf8_error(self.path) from None
        yaml_text = front_matter(text)
        if yaml_text is None:
            raise InputError(
                "no YAML front matter (a block between --- lines at the top)",
                where=f"{self.path}:1",
                hint="a Hugging Face dataset card starts with ---, license: ..., ---",
            )
        # Lines in the YAML block are one below the file's (the opening ---).
        return yamlsafe.loads("\n" + yaml_text, str(self.path))

    def declaration(self) -> Declaration:
        doc = self._yaml()
        data = doc.data if isinstance(doc.data, dict) else {}
        key = "license" if "license" in data else "licenses" if "licenses" in data else None
        if key is None:
            return Declaration(None, str(self.path), ["the card declares no license"])
        notes = []
        if key == "licenses":
            notes.append("the card uses the legacy 'licenses' key")
        values = data[key] if isinstance(data[key], list) else [data[key]]
        pairs: list[tuple[str, str]] = []
        for i, value in enumerate(values):
            path: list[str | int] = [key, i] if isinstance(data[key], list) else [key]
            if isinstance(value, str) and value.strip().casefold() == "other":
                value, path = self._other(data, value, path)
            if isinstance(value, (str, int, float)):
                pairs.append((str(value), doc.where(path)))
        found = choose(pairs, "the card")
        found.notes[:0] = notes
        return found

    @staticmethod
    def _other(
        data: dict[str, Any], value: str, path: list[str | int]
    ) -> tuple[str, list[str | int]]:
        """`license: other` names its license in license_link or license_name."""
        for key in ("license_link", "license_name"):
            named = data.get(key)
            if isinstance(named, str) and named.strip():
                return named, [key]
        return value, path

    def info(self) -> DatasetInfo:
        found = self.declaration()
        return DatasetInfo(
            format=self.name,
            records_path=self.path,
            dataset_license=found.license,
            dataset_license_source=found.source,
            notes=[
                *found.notes,
                "a dataset card has no per-image records: check the image manifest with "
                f"--dataset-card {self.path} to compare its licenses with this declaration",
            ],
        )

    def batches(self) -> Iterator[pa.RecordBatch]:
        return iter(())
