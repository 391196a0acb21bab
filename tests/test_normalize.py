"""The normaliser: every supported form resolves, nothing else does."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cc_lint.licenses import catalog, model, source
from cc_lint.licenses.model import License
from cc_lint.licenses.normalize import resolve

CC_URL_ENTRIES = [
    e for e in catalog.entries() if e.url and e.url.startswith("https://creativecommons.org/")
]
CC_LICENSES = [e for e in catalog.entries() if e.kind == model.CC and e.version is not None]
TOOLS = {(e.unit, e.version, e.jurisdiction): e for e in CC_LICENSES}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CC URLs in every form
        ("http://creativecommons.org/licenses/by-nc-sa/2.0/", "CC-BY-NC-SA-2.0"),
        ("https://creativecommons.org/licenses/by-nc-sa/2.0/", "CC-BY-NC-SA-2.0"),
        ("creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("www.creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("//creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("HTTPS://CREATIVECOMMONS.ORG/LICENSES/BY-SA/4.0/", "CC-BY-SA-4.0"),
        ("https://CreativeCommons.org/Licenses/By-Nd/4.0/Deed.En", "CC-BY-ND-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/deed", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/deed.en", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/deed.zh-hans", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/legalcode", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/legalcode.es", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/3.0/legalcode.txt", "CC-BY-3.0"),
        ("https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/#ref-appropriate-credit", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by-sa/4.0", "CC-BY-SA-4.0"),  # Wikimedia
        ("  https://creativecommons.org/licenses/by-sa/4.0/  ", "CC-BY-SA-4.0"),
        ("/licenses/by-nd-nc/1.0/", "CC-BY-NC-ND-1.0"),
        ("https://creativecommons.org/licenses/by-sa/3.0/de/", "CC-BY-SA-3.0-DE"),
        ("https://creativecommons.org/licenses/by-sa/3.0/de/deed.en", "CC-BY-SA-3.0-DE"),
        ("https://creativecommons.org/licenses/by/2.0/de/", "LicenseRef-CC-BY-2.0-DE"),
        (
            "https://creativecommons.org/licenses/by-nc-sa/2.5/scotland/legalcode",
            "LicenseRef-CC-BY-NC-SA-2.5-SCOTLAND",
        ),
        ("https://creativecommons.org/licenses/sampling+/1.0/", "LicenseRef-CC-SAMPLING-PLUS-1.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/legalcode.fr", "CC0-1.0"),
        ("https://creativecommons.org/publicdomain/mark/1.0/", "CC-PDM-1.0"),
        ("http://creativecommons.org/licenses/publicdomain/", "CC-PDDC"),
        # SPDX ids, any case
        ("CC-BY-4.0", "CC-BY-4.0"),
        ("cc-by-nc-nd-3.0-igo", "CC-BY-NC-ND-3.0-IGO"),
        ("CC-BY-NC-ND-1.0", "CC-BY-NC-ND-1.0"),
        ("CC-SA-1.0", "CC-SA-1.0"),
        ("CC0-1.0", "CC0-1.0"),
        ("CC-PDM-1.0", "CC-PDM-1.0"),
        ("CC-PDDC", "CC-PDDC"),
        ("LicenseRef-CC-BY-2.0-DE", "LicenseRef-CC-BY-2.0-DE"),
        # Hugging Face ids
        ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
        ("cc0-1.0", "CC0-1.0"),
        ("cc-by-sa-3.0", "CC-BY-SA-3.0"),
        ("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0"),
        ("cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0"),
        ("cc-by-2.5", "CC-BY-2.5"),
        # Flickr's current names
        ("CC BY-NC 2.0", "CC-BY-NC-2.0"),
        ("CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0"),
        ("Public Domain Dedication (CC0)", "CC0-1.0"),
        ("Public Domain Mark", "CC-PDM-1.0"),
        ("No known copyright restrictions", "LicenseRef-Flickr-No-Known-Copyright-Restrictions"),
        ("United States Government Work", "LicenseRef-US-Government-Work"),
        ("All Rights Reserved", "LicenseRef-All-Rights-Reserved"),
        ("all rights reserved", "LicenseRef-All-Rights-Reserved"),
        # Flickr's legacy names: always 2.0
        ("Attribution License", "CC-BY-2.0"),
        ("Attribution-NonCommercial License", "CC-BY-NC-2.0"),
        ("Attribution-NonCommercial-ShareAlike License", "CC-BY-NC-SA-2.0"),
        ("Attribution-NonCommercial-NoDerivs License", "CC-BY-NC-ND-2.0"),
        ("Attribution-ShareAlike License", "CC-BY-SA-2.0"),
        ("Attribution-NoDerivs License", "CC-BY-ND-2.0"),
        # Flickr Commons, US government and All Rights Reserved URLs, old and new
        ("http://flickr.com/commons/usage/", "LicenseRef-Flickr-No-Known-Copyright-Restrictions"),
        (
            "https://www.flickr.com/commons/usage/",
            "LicenseRef-Flickr-No-Known-Copyright-Restrictions",
        ),
        ("http://www.usa.gov/copyright.shtml", "LicenseRef-US-Government-Work"),
        ("https://www.usa.gov/government-copyright", "LicenseRef-US-Government-Work"),
        (source.FLICKR_ARR_URL, "LicenseRef-All-Rights-Reserved"),
        (
            "https://www.flickrhelp.com/hc/en-us/articles/10710266545556",
            "LicenseRef-All-Rights-Reserved",
        ),
        # CC's official titles
        ("Creative Commons Attribution-ShareAlike 3.0 Unported", "CC-BY-SA-3.0"),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-ShareAlike 3.0 Germany", "CC-BY-SA-3.0-DE"),
        ("Attribution-NonCommercial-NoDerivatives 4.0 International", "CC-BY-NC-ND-4.0"),
        ("Attribution 2.0 Generic", "CC-BY-2.0"),
        ("Attribution-ShareAlike 2.0 UK: England & Wales", "CC-BY-SA-2.0-UK"),
        ("Attribution 3.0 IGO", "CC-BY-3.0-IGO"),
        ("Creative Commons Attribution 4.0 International License", "CC-BY-4.0"),
        ("Attribution 4.0 International (CC BY 4.0)", "CC-BY-4.0"),
        ("CC0 1.0 Universal", "CC0-1.0"),
        ("Public Domain Mark 1.0", "CC-PDM-1.0"),
        # SPDX full names
        ("Creative Commons Attribution Share Alike 4.0 International", "CC-BY-SA-4.0"),
        (
            "Creative Commons Attribution Non Commercial Share Alike 2.0 England and Wales",
            "CC-BY-NC-SA-2.0-UK",
        ),
        ("Creative Commons Zero v1.0 Universal", "CC0-1.0"),
        # Wikimedia short names and usage terms
        ("CC BY-SA 3.0 de", "CC-BY-SA-3.0-DE"),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-DE"),
        ("CC BY-SA 3.0 IGO", "CC-BY-SA-3.0-IGO"),
        ("Creative Commons Attribution-Share Alike 4.0", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-Share Alike 3.0 de", "CC-BY-SA-3.0-DE"),
        # Openverse slug + version
        ("by-nc-nd 2.0", "CC-BY-NC-ND-2.0"),
        ("PDM 1.0", "CC-PDM-1.0"),
        ("cc0 1.0", "CC0-1.0"),
        ("sampling+ 1.0", "LicenseRef-CC-SAMPLING-PLUS-1.0"),
        # qualifiers and odd spacing
        ("CC BY 4.0 International", "CC-BY-4.0"),
        ("CC BY-SA 3.0 Unported", "CC-BY-SA-3.0"),
        ("CC  BY-NC\u2011SA   2.0", "CC-BY-NC-SA-2.0"),
        ("CC BY-NC-ND 1.0", "CC-BY-NC-ND-1.0"),  # SPDX's name for by-nd-nc 1.0
        # versionless: elements known, version not
        ("CC BY-NC-SA", "LicenseRef-CC-BY-NC-SA-unversioned"),
        ("by-nc-sa", "LicenseRef-CC-BY-NC-SA-unversioned"),
        ("CC-BY", "LicenseRef-CC-BY-unversioned"),
        ("CC BY-NC", "LicenseRef-CC-BY-NC-unversioned"),
        ("Attribution-NonCommercial-ShareAlike", "LicenseRef-CC-BY-NC-SA-unversioned"),
        ("Creative Commons Attribution", "LicenseRef-CC-BY-unversioned"),
        ("Creative Commons Attribution-NonCommercial License", "LicenseRef-CC-BY-NC-unversioned"),
        ("Attribution NonCommercial License", "LicenseRef-CC-BY-NC-unversioned"),
    ],
)
def test_resolves(text: str, expected: str) -> None:
    result = resolve(text)
    assert result.id == expected, result
    assert result.recognized


@pytest.mark.parametrize(
    "text",
    [
        "Creative Commons",
        "cc",  # the bare Hugging Face id is not a license
        "CC",
        "CC BY 9.0",
        "CC BY 4",
        "/licenses/by/4.0/de/",  # no 4.0 ports
        "https://creativecommons.org/licenses/by/4.0/de/",
        "/licenses/by-nc-nd/1.0/",  # by-nd-nc at 1.0
        "https://creativecommons.org/licenses/by/2.1/",  # 2.1 only as ports
        "https://creativecommons.org/licenses/by/3.0/jo/",
        "https://creativecommons.org/licenses/by/",  # no version
        "https://creativecommons.org/licenses/",
        "https://creativecommons.org/",
        "https://creativecommons.org/licenses/by/4.0/rdf",
        "https://creativecommons.org/licenses/mit/4.0/",
        "https://creativecommons.org/licenses/by-sa-nc/4.0/",
        "https://example.org/licenses/by/4.0/",
        "creativecommons.org.evil.example/licenses/by/4.0/",
        "MIT",
        "mit",
        "Apache-2.0",
        "GPL-3.0",
        "Public domain",
        "public domain",
        "pd",
        "Public Domain Dedication",  # CC0 and the certification both used this name
        "https://choosealicense.com/licenses/mit/",
        "https://en.wikipedia.org/wiki/Public_domain",
        "by",  # too common a word alone
        "Attribution",
        "BY-SA-NC 4.0",
        "CC BY-SA-NC 4.0",
        "CC BY-NC-SA 4.0 DE",
        "Attribution 4.0 Unported",
        "Attribution 4.0 Germany",
        "CC BY 4.0 (CC BY-SA 4.0)",  # halves disagree
        "Attribution-NonCommercial 2.0 Atlantis",
        "NonCommercial",
        "CC NC",
        "4",  # a Flickr id is not a license string: use flickr_license()
        "CC BY 4.0 or later",
        "Other",
        "unknown",
        "see LICENSE",
    ],
)
def test_unrecognized(text: str) -> None:
    result = resolve(text)
    assert not result.recognized
    assert result.kind == model.UNRECOGNIZED
    assert result.id == ""
    assert result.name == text
    assert result.noncommercial is None and result.noderivatives is None


@pytest.mark.parametrize("text", [None, "", " ", "\t\n", "None", "null", "NaN", "N/A"])
def test_missing(text: str | None) -> None:
    assert resolve(text) is model.MISSING


def test_ported_and_spdx_forms_meet() -> None:
    assert resolve("CC-BY-NC-ND-1.0") == resolve(
        "https://creativecommons.org/licenses/by-nd-nc/1.0/"
    )
    assert (
        resolve("cc-by-sa-3.0-de")
        == resolve("CC BY-SA 3.0 de")
        == resolve("https://creativecommons.org/licenses/by-sa/3.0/de/deed.en")
    )


def test_resolve_is_memoised() -> None:
    resolve.cache_clear()
    resolve("CC BY 4.0")
    resolve("CC BY 4.0")
    info = resolve.cache_info()
    assert info.hits >= 1 and info.maxsize is not None


# --- property tests ---------------------------------------------------------

URL_CHARS = st.characters(blacklist_categories=["Cs", "Z", "Cc"])
SUFFIXES = [
    "",
    "deed",
    "deed.en",
    "deed.zh-hans",
    "deed.pt_BR",
    "legalcode",
    "legalcode.de",
    "legalcode.txt",
]


def _random_case(text: str, flips: list[bool]) -> str:
    flips = flips + [False] * len(text)
    return "".join(c.upper() if flip else c.lower() for c, flip in zip(text, flips, strict=False))


@settings(max_examples=400)
@given(
    entry=st.sampled_from(CC_URL_ENTRIES),
    scheme=st.sampled_from(["https://", "http://", "//", ""]),
    www=st.sampled_from(["", "www."]),
    suffix=st.sampled_from(SUFFIXES),
    slash=st.booleans(),
    query=st.none() | st.text(URL_CHARS, max_size=12),
    fragment=st.none() | st.text(URL_CHARS, max_size=12),
    flips=st.lists(st.booleans(), max_size=80),
    space=st.sampled_from(["", " ", "\t", " \n "]),
)
def test_url_variants_resolve_to_the_same_entry(
    entry: License,
    scheme: str,
    www: str,
    suffix: str,
    slash: bool,
    query: str | None,
    fragment: str | None,
    flips: list[bool],
    space: str,
) -> None:
    assert entry.url is not None
    path = entry.url.removeprefix("https://creativecommons.org")
    url = f"{scheme}{www}creativecommons.org{path}{suffix}"
    if not slash:
        url = url.rstrip("/")
    if query is not None:
        url += "?" + query
    if fragment is not None:
        url += "#" + fragment
    assert resolve(space + _random_case(url, flips) + space) == entry


LICENSEISH = re.compile(
    r"by|cc|nc|nd|sa|pd|zero|mark|attribution|commercial|deriv|share|sampling|nations|public"
    r"|reserved|restriction|government|flickr|usa|licen|/|\."
)


@settings(max_examples=500)
@given(st.text(max_size=40))
def test_random_text_is_unrecognized(text: str) -> None:
    assume(text.strip() and not LICENSEISH.search(text.casefold()))
    result = resolve(text)
    assert not result.recognized
    assert result.kind in (model.UNRECOGNIZED, model.NONE)  # "null", "NaN": missing


def _not_less_restrictive(result: License, base: License) -> bool:
    """result is unrecognized, or keeps every restriction base has."""
    if not result.recognized:
        return True
    for flag in ("noncommercial", "noderivatives", "sharealike", "attribution"):
        before, after = getattr(base, flag), getattr(result, flag)
        if before is True and after is not True and not (flag == "attribution" and after is None):
            return False
        if before is None and after is False:
            return False
    return not (result.public_domain and not base.public_domain)


def _forms(entry: License) -> list[str]:
    forms = [entry.id, entry.name]
    if entry.url:
        forms.append(entry.url)
    if entry.unit and entry.version and entry.kind == model.CC:
        where = f" {entry.jurisdiction}" if entry.jurisdiction else ""
        forms.append(f"CC {entry.unit.upper()} {entry.version}{where}")
    return forms


@settings(max_examples=500)
@given(entry=st.sampled_from(catalog.entries()), data=st.data())
def test_deleting_a_character_never_drops_a_restriction(
    entry: License, data: st.DataObject
) -> None:
    text = data.draw(st.sampled_from(_forms(entry)))
    index = data.draw(st.integers(0, len(text) - 1))
    assert _not_less_restrictive(resolve(text[:index] + text[index + 1 :]), entry)


@settings(max_examples=500)
@given(
    entry=st.sampled_from(catalog.entries()),
    data=st.data(),
    sep=st.sampled_from([" ", "-", "/", ""]),
    junk=st.text(min_size=1, max_size=12),
)
def test_appending_junk_never_drops_a_restriction(
    entry: License, data: st.DataObject, sep: str, junk: str
) -> None:
    text = data.draw(st.sampled_from(_forms(entry)))
    assert _not_less_restrictive(resolve(text + sep + junk), entry)
    assert _not_less_restrictive(resolve(junk + sep + text), entry)


UNIT_TOKENS = ["by", "nc", "nd", "sa"]


@settings(max_examples=600)
@given(
    tokens=st.lists(st.sampled_from(UNIT_TOKENS), min_size=1, max_size=4),
    version=st.sampled_from([*source.VERSIONS, "1.5", "5.0", "9.9"]),
    where=st.none() | st.sampled_from([*source.JURISDICTIONS, "xx", "jo", "ua"]),
    prefix=st.sampled_from(["", "cc ", "CC-", "Cc_", "CC "]),
    sep=st.sampled_from([" ", "-", "_"]),
)
def test_short_forms_resolve_exactly_when_the_tool_exists(
    tokens: list[str], version: str, where: str | None, prefix: str, sep: str
) -> None:
    unit = "-".join(tokens)
    text = f"{prefix}{unit}{sep}{version}" + (f"{sep}{where}" if where else "")
    expected = TOOLS.get((unit, version, where))
    if expected is None and unit == "by-nc-nd":
        expected = TOOLS.get(("by-nd-nc", version, where))
    result = resolve(text.upper() if sep == "_" else text)
    if expected is None:
        assert not result.recognized, (text, result.id)
    else:
        assert result == expected
        # the elements named in the string are exactly the entry's elements
        assert result.noncommercial == ("nc" in tokens)
        assert result.noderivatives == ("nd" in tokens)
        assert result.sharealike == ("sa" in tokens)
        assert result.attribution == ("by" in tokens)
