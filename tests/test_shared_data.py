"""Every license value in the real third-party samples resolves as it should.

The samples live outside the repository (<repo root>/../shared/data); these
tests skip when that folder is absent, as in a fresh clone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cc_lint.licenses import catalog, model
from cc_lint.licenses.normalize import resolve

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

pytestmark = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared sample data not present at {SHARED}"
)

NOT_LICENSES = {"Public domain", "pd", "mit", "https://choosealicense.com/licenses/mit/"}


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _coco_tables() -> list[tuple[str, dict[str, Any]]]:
    files = sorted(SHARED.glob("coco/*.json")) + sorted(SHARED.glob("croissant/*_train2014.json"))
    return [(path.name, row) for path in files for row in _json(path).get("licenses", [])]


def _cassette_bodies(pattern: str) -> Iterator[str]:
    for path in sorted(SHARED.glob(f"flickr_api/{pattern}")):
        for interaction in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]:
            body = interaction["response"].get("body", {}).get("string")
            if body:
                yield body


def test_coco_license_tables() -> None:
    rows = _coco_tables()
    assert rows, "no COCO licenses tables found"
    for where, row in rows:
        by_id = catalog.flickr_license(row["id"])  # COCO reuses Flickr's ids
        assert resolve(row["name"]) == by_id, (where, row)
        assert resolve(row["url"]) == by_id, (where, row)


def test_flickr_licenses_cassette() -> None:
    bodies = list(_cassette_bodies("*TestLicenseMethods.test_get_licenses.yml"))
    found = [
        match.groups()
        for body in bodies
        for match in re.finditer(r'<license id="(\d+)" name="([^"]*)" url="([^"]*)"', body)
    ]
    assert sorted(int(flickr_id) for flickr_id, _, _ in found) == list(range(17))
    for flickr_id, name, url in found:
        entry = catalog.flickr_license(flickr_id)
        assert entry.recognized
        assert resolve(name) == entry, name
        assert resolve(url) == entry, url


def test_flickr_license_history_cassettes() -> None:
    attrs = re.compile(r'(old|new)_license(_url)?="([^"]*)"')
    values = [
        " ".join(match.group(3).split())
        for body in _cassette_bodies("*TestGetLicenseHistory*.yml")
        for match in attrs.finditer(body)
    ]
    assert values
    for value in values:
        assert resolve(value).recognized, value
    assert resolve("Attribution-ShareAlike License").id == "CC-BY-SA-2.0"


def test_flickr_photo_cassettes_license_ids() -> None:
    ids = [
        match.group(1)
        for body in _cassette_bodies("*.yml")
        for match in re.finditer(r'\blicense="(\d+)"', body)
    ]
    assert ids
    for flickr_id in ids:
        assert catalog.flickr_license(flickr_id).recognized


def test_openverse_tsv_slug_and_version() -> None:
    path = SHARED / "openverse" / "openverse__flickr_truncated.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert rows
    for row in rows:
        entry = resolve(f"{row[7]} {row[8]}")
        assert entry.recognized, row[7:9]
        assert entry.version == row[8]


def _wikimedia_values(node: Any) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            fields = ("License", "LicenseShortName", "LicenseUrl", "UsageTerms")
            if key in fields and isinstance(value, dict):
                yield key, value["value"]
            else:
                yield from _wikimedia_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _wikimedia_values(item)


def test_wikimedia_extmetadata() -> None:
    values = [v for path in SHARED.glob("wikimedia/*.json") for v in _wikimedia_values(_json(path))]
    assert values
    for field, value in values:
        result = resolve(value)
        if value in NOT_LICENSES:
            assert not result.recognized, (field, value)
        else:
            assert result.id in {"CC-BY-SA-4.0", "CC-BY-SA-3.0-DE"}, (field, value)


def test_hugging_face_card_licenses() -> None:
    found = []
    for path in SHARED.glob("hf_cards/*.md"):
        header = path.read_text(encoding="utf-8").split("---")[1]
        card = yaml.safe_load(header)
        found += card.get("license") or card.get("licenses") or []
    assert sorted(found) == ["cc-by-4.0", "cc-by-nc-nd-4.0", "cc-by-sa-3.0"]
    for value in found:
        assert resolve(value).recognized, value


def test_croissant_dataset_licenses() -> None:
    for path in SHARED.glob("croissant/*metadata.json"):
        value = _json(path).get("license")
        result = resolve(value)
        if value in (None, "None"):  # pass-mini serialised a Python None
            assert result is model.MISSING
        elif value in NOT_LICENSES:
            assert not result.recognized, value
        else:
            assert result.kind == model.CC and result.version == "4.0", value
