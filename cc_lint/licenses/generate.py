"""Build catalog.json from source.py.

python -m cc_lint.licenses.generate          # rewrite catalog.json
python -m cc_lint.licenses.generate --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cc_lint.licenses import model, source
from cc_lint.licenses.model import License

CATALOG_PATH = Path(__file__).with_name("catalog.json")
CC_BASE = "https://creativecommons.org/licenses"


def cc_id(unit: str, version: str | None, jurisdiction: str | None) -> tuple[str, bool]:
    """The SPDX id where SPDX has one, else a stable LicenseRef- id."""
    if version is None:
        return f"LicenseRef-CC-{unit.upper()}-unversioned", False
    spdx = source.SPDX_RENAMES.get((unit, version, jurisdiction))
    slug = unit.upper().replace("+", "-PLUS")
    candidate = f"CC-{slug}-{version}" + (f"-{jurisdiction.upper()}" if jurisdiction else "")
    if spdx is None and candidate in source.SPDX_IDS:
        spdx = candidate
    if spdx is not None:
        return spdx, True
    return f"LicenseRef-{candidate}", False


def cc_title(unit: str, version: str, jurisdiction: str | None) -> str:
    """CC's English title, as cc-legal-tools-app get_tool_title_en() builds it."""
    name = source.UNIT_NAMES[unit]
    if version == "4.0":
        name = name.replace("NoDerivs", "NoDerivatives")
    where = (
        source.JURISDICTIONS[jurisdiction] if jurisdiction else source.unported_qualifier(version)
    )
    return f"Creative Commons {name} {version} {where}"


def _cc_license(unit: str, version: str, jurisdiction: str | None) -> License:
    attribution, sharealike, noncommercial, noderivatives = source.ELEMENTS[unit]
    license_id, spdx = cc_id(unit, version, jurisdiction)
    path = f"{unit}/{version}/" + (f"{jurisdiction}/" if jurisdiction else "")
    return License(
        id=license_id,
        kind=model.CC,
        recognized=True,
        name=cc_title(unit, version, jurisdiction),
        url=f"{CC_BASE}/{path}",
        attribution=attribution,
        sharealike=sharealike,
        noncommercial=noncommercial,
        noderivatives=noderivatives,
        public_domain=False,
        version=version,
        jurisdiction=jurisdiction,
        deprecated=unit in source.DEPRECATED,
        unit=unit,
        spdx=spdx,
    )


def _versionless(unit: str) -> License:
    attribution, sharealike, noncommercial, noderivatives = source.ELEMENTS[unit]
    license_id, _ = cc_id(unit, None, None)
    return License(
        id=license_id,
        kind=model.CC,
        recognized=True,
        name=f"Creative Commons {source.UNIT_NAMES[unit]} (version not given)",
        attribution=attribution,
        sharealike=sharealike,
        noncommercial=noncommercial,
        noderivatives=noderivatives,
        public_domain=False,
        unit=unit,
    )


def _tool(tool: source.Tool) -> License:
    attribution, sharealike, noncommercial, noderivatives = tool.elements
    return License(
        id=tool.id,
        kind=tool.kind,
        recognized=True,
        name=tool.name,
        url=tool.url,
        attribution=attribution,
        sharealike=sharealike,
        noncommercial=noncommercial,
        noderivatives=noderivatives,
        public_domain=tool.public_domain,
        version=tool.version,
        jurisdiction=tool.jurisdiction,
        deprecated=(tool.unit or "") in source.DEPRECATED,
        unit=tool.unit,
        spdx=tool.id in source.SPDX_IDS,
    )


def licenses() -> Iterator[License]:
    for version, ports in source.PORTS.items():
        for jurisdiction, units in ports.items():
            for unit in units.split():
                yield _cc_license(unit, version, jurisdiction or None)
    for unit in source.CURRENT_UNITS:
        yield _versionless(unit)
    for tool in source.TOOLS:
        yield _tool(tool)


def build() -> dict[str, Any]:
    entries = sorted(licenses(), key=lambda entry: entry.id)
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate catalog ids")
    known = set(ids)
    missing_spdx = source.SPDX_IDS - known
    if missing_spdx:
        raise ValueError(f"SPDX ids without an entry: {sorted(missing_spdx)}")
    flickr = [row._asdict() for row in source.FLICKR]
    unknown = [row["license"] for row in flickr if row["license"] not in known]
    if unknown:
        raise ValueError(f"Flickr rows point at unknown ids: {unknown}")
    return {
        "catalog_version": source.CATALOG_VERSION,
        "spdx_snapshot": source.SPDX_SNAPSHOT,
        "sources": list(source.SOURCES),
        "entries": [entry.as_dict() for entry in entries],
        "flickr": flickr,
    }


def render(catalog: dict[str, Any]) -> str:
    """Deterministic JSON with one entry per line (small, readable diffs)."""

    def dump(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    lines = ["{"]
    keys = list(catalog)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        value = catalog[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = ",\n".join(f"  {dump(item)}" for item in value)
            lines.append(f" {dump(key)}: [\n{rows}\n ]{comma}")
        else:
            lines.append(f" {dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    catalog = build()
    text = render(catalog)
    if args == ["--check"]:
        current = CATALOG_PATH.read_text(encoding="utf-8") if CATALOG_PATH.exists() else ""
        if current != text:
            print(f"{CATALOG_PATH} is out of date: run python -m cc_lint.licenses.generate")
            return 1
        return 0
    if args:
        print(__doc__.strip())
        return 2
    CATALOG_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {CATALOG_PATH} ({len(catalog['entries'])} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
