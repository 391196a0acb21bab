"""The generated catalog: up to date, complete, consistent, round-trips."""

from __future__ import annotations

from collections import Counter

import pytest

from cc_lint.licenses import catalog, generate, model, source
from cc_lint.licenses.normalize import resolve

ENTRIES = catalog.entries()
CC_LICENSES = [e for e in ENTRIES if e.kind == model.CC and e.version is not None]


def test_catalog_json_matches_generator() -> None:
    # Nobody hand-edits catalog.json: regenerate with python -m cc_lint.licenses.generate.
    expected = generate.render(generate.build())
    assert generate.CATALOG_PATH.read_text(encoding="utf-8") == expected
    assert generate.main(["--check"]) == 0


def test_catalog_header() -> None:
    data = catalog.data()
    assert data["catalog_version"] == source.CATALOG_VERSION
    assert data["spdx_snapshot"] == {
        "repository": "spdx/license-list-XML",
        "commit": "e4c1f27",
        "date": "2026-07-16",
    }
    assert [e.id for e in ENTRIES] == sorted(e.id for e in ENTRIES)


def test_counts_by_kind() -> None:
    kinds = Counter(e.kind for e in ENTRIES)
    assert kinds == {
        model.CC: 643,
        model.CC0: 1,
        model.PDM: 1,
        model.CERTIFICATION: 1,
        model.ARR: 1,
        model.NO_KNOWN: 1,
        model.US_GOV: 1,
    }
    assert len(ENTRIES) == 649


def test_counts_by_version() -> None:
    versions = Counter(e.version for e in CC_LICENSES)
    assert versions == {"1.0": 48, "2.0": 121, "2.1": 24, "2.5": 174, "3.0": 264, "4.0": 6}
    ports = Counter(e.version for e in CC_LICENSES if e.jurisdiction)
    assert ports == {"1.0": 34, "2.0": 114, "2.1": 24, "2.5": 168, "3.0": 258}


def test_every_version_has_the_current_units_unported() -> None:
    for version in ("2.0", "2.5", "3.0", "4.0"):
        units = {e.unit for e in CC_LICENSES if e.version == version and not e.jurisdiction}
        assert set(source.CURRENT_UNITS) <= units


def test_4_0_has_exactly_six_licenses_and_no_ports() -> None:
    four = [e for e in CC_LICENSES if e.version == "4.0"]
    assert sorted(e.unit for e in four) == sorted(source.CURRENT_UNITS)
    assert all(e.jurisdiction is None for e in four)


def test_ports_only_up_to_3_0_and_igo_only_at_3_0() -> None:
    for entry in CC_LICENSES:
        if entry.jurisdiction:
            assert entry.version in ("1.0", "2.0", "2.1", "2.5", "3.0")
        if entry.jurisdiction == "igo":
            assert entry.version == "3.0"
    assert not [e for e in CC_LICENSES if e.version == "2.1" and not e.jurisdiction]


def test_by_nc_nd_is_called_by_nd_nc_at_1_0() -> None:
    assert not [e for e in CC_LICENSES if e.unit == "by-nc-nd" and e.version == "1.0"]
    by_nd_nc = {(e.version, e.jurisdiction) for e in CC_LICENSES if e.unit == "by-nd-nc"}
    # 2.0 jp only in cc.licenserdf; every other by-nd-nc is 1.0.
    assert by_nd_nc == {("1.0", None), ("1.0", "fi"), ("1.0", "il"), ("1.0", "nl"), ("2.0", "jp")}


@pytest.mark.parametrize(
    ("license_id", "url"),
    [
        ("LicenseRef-CC-BY-2.0-DE", "https://creativecommons.org/licenses/by/2.0/de/"),
        ("CC-BY-SA-3.0-IGO", "https://creativecommons.org/licenses/by-sa/3.0/igo/"),
        ("LicenseRef-CC-BY-3.0-TW", "https://creativecommons.org/licenses/by/3.0/tw/"),
        ("LicenseRef-CC-BY-NC-SA-3.0-RS", "https://creativecommons.org/licenses/by-nc-sa/3.0/rs/"),
        (
            "LicenseRef-CC-BY-ND-2.5-SCOTLAND",
            "https://creativecommons.org/licenses/by-nd/2.5/scotland/",
        ),
        ("CC-BY-SA-2.1-JP", "https://creativecommons.org/licenses/by-sa/2.1/jp/"),
        ("LicenseRef-CC-BY-ND-NC-2.0-JP", "https://creativecommons.org/licenses/by-nd-nc/2.0/jp/"),
        ("LicenseRef-CC-ND-NC-2.0-JP", "https://creativecommons.org/licenses/nd-nc/2.0/jp/"),
        (
            "LicenseRef-CC-SAMPLING-PLUS-1.0-DE",
            "https://creativecommons.org/licenses/sampling+/1.0/de/",
        ),
        ("LicenseRef-CC-DEVNATIONS-2.0", "https://creativecommons.org/licenses/devnations/2.0/"),
        ("CC-BY-NC-ND-1.0", "https://creativecommons.org/licenses/by-nd-nc/1.0/"),
        ("CC-PDDC", "https://creativecommons.org/publicdomain/certification/1.0/us/"),
    ],
)
def test_specific_tools_exist(license_id: str, url: str) -> None:
    entry = catalog.by_id(license_id)
    assert entry is not None
    assert entry.url == url


@pytest.mark.parametrize(
    ("unit", "version", "jurisdiction"),
    [
        ("by", "4.0", "de"),  # no 4.0 ports
        ("by", "2.1", "de"),
        ("by", "2.1", None),  # 2.1 exists only as ports
        ("by-nc-nd", "1.0", None),  # by-nd-nc at 1.0
        ("by", "3.0", "jo"),  # named in CC's tables but never published
        ("by", "3.0", "ua"),
        ("by", "2.0", "igo"),
        ("by-sa", "3.0", "mx"),
        ("nc", "2.0", None),  # retired units: 1.0 and 2.0 jp only
        ("devnations", "3.0", None),
    ],
)
def test_tools_that_do_not_exist(unit: str, version: str, jurisdiction: str | None) -> None:
    assert not [
        e
        for e in CC_LICENSES
        if (e.unit, e.version, e.jurisdiction) == (unit, version, jurisdiction)
    ]


def test_spdx_ids_are_exactly_the_snapshot() -> None:
    assert {e.id for e in ENTRIES if e.spdx} == source.SPDX_IDS
    assert len(source.SPDX_IDS) == 56
    for entry in ENTRIES:
        if not entry.spdx:
            assert entry.id.startswith("LicenseRef-")


def test_official_titles() -> None:
    def name(license_id: str) -> str | None:
        entry = catalog.by_id(license_id)
        return entry.name if entry else None

    assert name("CC-BY-SA-3.0-DE") == "Creative Commons Attribution-ShareAlike 3.0 Germany"
    assert name("CC-BY-SA-3.0") == "Creative Commons Attribution-ShareAlike 3.0 Unported"
    assert name("CC-BY-2.0") == "Creative Commons Attribution 2.0 Generic"
    assert name("CC-BY-ND-4.0") == "Creative Commons Attribution-NoDerivatives 4.0 International"
    assert name("CC-BY-ND-3.0") == "Creative Commons Attribution-NoDerivs 3.0 Unported"
    assert name("CC-BY-3.0-IGO") == "Creative Commons Attribution 3.0 IGO"
    assert name("CC-BY-NC-SA-2.0-UK") == (
        "Creative Commons Attribution-NonCommercial-ShareAlike 2.0 UK: England & Wales"
    )
    assert name("CC0-1.0") == "CC0 1.0 Universal"


def test_urls_are_canonical_and_unique() -> None:
    urls = [e.url for e in ENTRIES if e.url]
    assert len(urls) == len(set(urls))
    for url in urls:
        assert url.startswith("https://")
        if url.startswith("https://creativecommons.org/"):
            assert url.endswith("/")
    missing = {e.id for e in ENTRIES if e.url is None}
    assert missing == {"LicenseRef-All-Rights-Reserved"} | {
        f"LicenseRef-CC-{unit.upper()}-unversioned" for unit in source.CURRENT_UNITS
    }


def test_element_flags_follow_the_unit() -> None:
    for entry in CC_LICENSES:
        assert entry.unit is not None
        parts = entry.unit.split("-")
        if "sampling" not in entry.unit and entry.unit != "devnations":
            assert entry.attribution == ("by" in parts)
            assert entry.noncommercial == ("nc" in parts)
            assert entry.noderivatives == ("nd" in parts)
            assert entry.sharealike == ("sa" in parts)
        assert entry.public_domain is False
        assert entry.deprecated == (entry.unit in source.DEPRECATED)
    for license_id in ("CC0-1.0", "CC-PDM-1.0", "CC-PDDC", "LicenseRef-US-Government-Work"):
        entry = catalog.by_id(license_id)
        assert entry is not None and entry.public_domain is True
        assert not (entry.noncommercial or entry.noderivatives or entry.sharealike)


def test_unknown_flags_are_none_not_false() -> None:
    sampling = catalog.by_id("LicenseRef-CC-SAMPLING-1.0")
    assert sampling is not None
    assert sampling.noncommercial is None and sampling.noderivatives is None
    arr = catalog.by_id("LicenseRef-All-Rights-Reserved")
    assert arr is not None and arr.noncommercial is True and arr.noderivatives is True


def test_by_id_is_case_insensitive() -> None:
    assert catalog.by_id("cc-by-sa-4.0") == catalog.by_id("CC-BY-SA-4.0") is not None
    assert catalog.by_id("licenseref-cc-by-2.0-de") is not None
    assert catalog.by_id(" CC0-1.0 ") is not None
    assert catalog.by_id("CC-BY-4.0-DE") is None
    assert catalog.by_id("") is None


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_round_trips(entry: model.License) -> None:
    assert entry.recognized
    assert resolve(entry.id) == entry
    assert resolve(entry.id.lower()) == entry
    assert resolve(entry.name) == entry
    if entry.url is not None:
        assert resolve(entry.url) == entry


@pytest.mark.parametrize("entry", CC_LICENSES, ids=lambda e: e.id)
def test_short_forms_round_trip(entry: model.License) -> None:
    assert entry.unit is not None and entry.version is not None
    unit = entry.unit.upper()
    where = f" {entry.jurisdiction}" if entry.jurisdiction else ""
    assert resolve(f"CC {unit} {entry.version}{where}") == entry  # Flickr / Wikimedia
    assert resolve(f"cc-{unit}-{entry.version}{where.replace(' ', '-')}".lower()) == entry  # HF
    assert resolve(f"{entry.unit} {entry.version}{where}") == entry  # Openverse


@pytest.mark.parametrize("row", catalog.flickr_rows(), ids=lambda row: str(row["id"]))
def test_flickr_ids(row: dict[str, object]) -> None:
    entry = catalog.by_id(str(row["license"]))
    assert entry is not None
    flickr_id = row["id"]
    assert isinstance(flickr_id, int)
    assert catalog.flickr_license(flickr_id) == entry
    assert catalog.flickr_license(str(flickr_id)) == entry
    for text in (row["name"], row["url"], row["legacy_name"], row["legacy_url"]):
        if text:
            assert resolve(str(text)) == entry, text


def test_flickr_table() -> None:
    expected = {
        0: "LicenseRef-All-Rights-Reserved",
        1: "CC-BY-NC-SA-2.0",
        2: "CC-BY-NC-2.0",
        3: "CC-BY-NC-ND-2.0",
        4: "CC-BY-2.0",
        5: "CC-BY-SA-2.0",
        6: "CC-BY-ND-2.0",
        7: "LicenseRef-Flickr-No-Known-Copyright-Restrictions",
        8: "LicenseRef-US-Government-Work",
        9: "CC0-1.0",
        10: "CC-PDM-1.0",
        11: "CC-BY-4.0",
        12: "CC-BY-SA-4.0",
        13: "CC-BY-ND-4.0",
        14: "CC-BY-NC-4.0",
        15: "CC-BY-NC-SA-4.0",
        16: "CC-BY-NC-ND-4.0",
    }
    assert {i: catalog.flickr_license(i).id for i in range(17)} == expected


@pytest.mark.parametrize("flickr_id", [17, -1, "17", "04", "4.0", "", " ", "abc", True, 4.0])
def test_other_flickr_ids_are_unrecognized(flickr_id: object) -> None:
    result = catalog.flickr_license(flickr_id)  # type: ignore[arg-type]
    assert not result.recognized
    assert result.kind == model.UNRECOGNIZED


def test_flickr_id_with_spaces() -> None:
    assert catalog.flickr_license(" 4 ").id == "CC-BY-2.0"


def test_loading_is_cached() -> None:
    assert catalog.entries() is catalog.entries()
