"""Compact source of truth for the license catalog.

Edit this file, then run ``python -m cc_lint.licenses.generate`` to rewrite
``catalog.json``; a test fails while the two disagree.

Sources (cited by letter below):

[A] WordPress/openverse, packages/python/openverse-attribution/src/
    openverse_attribution/data/all_licenses.json (commit d00f13bd): CC's
    version x jurisdiction x unit table.
[B] cc-archive/cc.licenserdf, cc/licenserdf/licenses/
    creativecommons.org_licenses_{unit}_{version}_{jurisdiction}_.rdf
    (commit f413cd42): one RDF file per legal tool (an older snapshot).
[C] creativecommons/cc-legal-tools-data, build/licenses/3.0/{jurisdiction}/
    (commit 96921f36): published 3.0 legal code per port.
[D] creativecommons/cc-legal-tools-app: i18n/__init__.py (UNIT_NAMES,
    JURISDICTION_NAMES), legal_tools/models.py (UNITS_DEPRECATED),
    legal_tools/utils.py get_tool_title_en() (title format).
[S] spdx/license-list-XML src/*.xml, commit e4c1f27 (2026-07-16), as listed
    in shared/reference/creative-commons.md.
[F] Flickr flickr.photos.licenses.getInfo (2025-06-19) and the legacy names
    and URLs, shared/reference/flickr-api.md section 1.

A port is listed only if [A], [B] or [C] has it; nothing here is inferred.
"""

from __future__ import annotations

from typing import NamedTuple

from cc_lint.licenses import model

CATALOG_VERSION = 1
SPDX_SNAPSHOT = {
    "repository": "spdx/license-list-XML",
    "commit": "e4c1f27",
    "date": "2026-07-16",
}
SOURCES = (
    "WordPress/openverse@d00f13bd packages/python/openverse-attribution/"
    "src/openverse_attribution/data/all_licenses.json",
    "cc-archive/cc.licenserdf@f413cd42 cc/licenserdf/licenses/*.rdf",
    "creativecommons/cc-legal-tools-data@96921f36 build/licenses/3.0/",
    "creativecommons/cc-legal-tools-app i18n/__init__.py, legal_tools/models.py",
    "spdx/license-list-XML@e4c1f27 (2026-07-16)",
    "Flickr flickr.photos.licenses.getInfo (2025-06-19) and legacy names",
)

VERSIONS = ("1.0", "2.0", "2.1", "2.5", "3.0", "4.0")
CURRENT_UNITS = ("by", "by-nc", "by-nc-nd", "by-nc-sa", "by-nd", "by-sa")

# English unit names [D]; 4.0 titles say "NoDerivatives" instead of "NoDerivs".
UNIT_NAMES = {
    "by": "Attribution",
    "by-nc": "Attribution-NonCommercial",
    "by-nc-nd": "Attribution-NonCommercial-NoDerivs",
    "by-nc-sa": "Attribution-NonCommercial-ShareAlike",
    "by-nd": "Attribution-NoDerivs",
    "by-nd-nc": "Attribution-NoDerivs-NonCommercial",
    "by-sa": "Attribution-ShareAlike",
    "devnations": "Developing Nations",
    "nc": "NonCommercial",
    "nc-sa": "NonCommercial-ShareAlike",
    "nc-sampling+": "NonCommercial Sampling Plus",
    "nd": "NoDerivs",
    "nd-nc": "NoDerivs-NonCommercial",
    "sa": "ShareAlike",
    "sampling": "Sampling",
    "sampling+": "Sampling Plus",
}

# unit -> (attribution, sharealike, noncommercial, noderivatives).
# None where the four flags cannot express the terms (the sampling and
# developing-nations licenses restrict use in other ways): unknown, never
# read as permissive.
ELEMENTS: dict[str, tuple[bool | None, bool | None, bool | None, bool | None]] = {
    "by": (True, False, False, False),
    "by-nc": (True, False, True, False),
    "by-nc-nd": (True, False, True, True),
    "by-nc-sa": (True, True, True, False),
    "by-nd": (True, False, False, True),
    "by-nd-nc": (True, False, True, True),
    "by-sa": (True, True, False, False),
    "nc": (False, False, True, False),
    "nc-sa": (False, True, True, False),
    "nd": (False, False, False, True),
    "nd-nc": (False, False, True, True),
    "sa": (False, True, False, False),
    "devnations": (True, False, None, None),
    "sampling": (True, False, None, None),
    "sampling+": (True, False, None, None),
    "nc-sampling+": (True, False, True, None),
}

# Retired units and tools with their deprecation dates [D].
DEPRECATED = {
    "nc": "2004-05-25",
    "nc-sa": "2004-05-25",
    "nd": "2004-05-25",
    "nd-nc": "2004-05-25",
    "sa": "2004-05-25",
    "devnations": "2007-06-04",
    "sampling": "2007-06-04",
    "certification": "2010-10-11",
    "nc-sampling+": "2011-09-12",
    "sampling+": "2011-09-12",
}

# Jurisdiction names used in CC titles [D] (get_tool_title_en shortens the
# "Intergovernmental Organization" of igo to "IGO").
JURISDICTIONS = {
    "am": "Armenia",
    "ar": "Argentina",
    "at": "Austria",
    "au": "Australia",
    "az": "Azerbaijan",
    "be": "Belgium",
    "bg": "Bulgaria",
    "br": "Brazil",
    "ca": "Canada",
    "ch": "Switzerland",
    "cl": "Chile",
    "cn": "China Mainland",
    "co": "Colombia",
    "cr": "Costa Rica",
    "cz": "Czech Republic",
    "de": "Germany",
    "dk": "Denmark",
    "ec": "Ecuador",
    "ee": "Estonia",
    "eg": "Egypt",
    "es": "Spain",
    "fi": "Finland",
    "fr": "France",
    "ge": "Georgia",
    "gr": "Greece",
    "gt": "Guatemala",
    "hk": "Hong Kong",
    "hr": "Croatia",
    "hu": "Hungary",
    "ie": "Ireland",
    "igo": "IGO",
    "il": "Israel",
    "in": "India",
    "it": "Italy",
    "jp": "Japan",
    "kr": "Korea",
    "lu": "Luxembourg",
    "mk": "Macedonia",
    "mt": "Malta",
    "mx": "Mexico",
    "my": "Malaysia",
    "nl": "Netherlands",
    "no": "Norway",
    "nz": "New Zealand",
    "pe": "Peru",
    "ph": "Philippines",
    "pl": "Poland",
    "pr": "Puerto Rico",
    "pt": "Portugal",
    "ro": "Romania",
    "rs": "Serbia",
    "scotland": "UK: Scotland",
    "se": "Sweden",
    "sg": "Singapore",
    "si": "Slovenia",
    "th": "Thailand",
    "tw": "Taiwan",
    "ug": "Uganda",
    "uk": "UK: England & Wales",
    "us": "United States",
    "ve": "Venezuela",
    "vn": "Vietnam",
    "za": "South Africa",
}
# Other spellings of a jurisdiction seen in titles (SPDX says "England and Wales").
JURISDICTION_ALIASES = {
    "igo": ("Intergovernmental Organization",),
    "scotland": ("Scotland",),
    "uk": ("England & Wales", "England and Wales"),
}


def unported_qualifier(version: str) -> str:
    """Title word for a license without a port [D]."""
    return {"3.0": "Unported", "4.0": "International"}.get(version, "Generic")


_SIX = "by by-nc by-nc-nd by-nc-sa by-nd by-sa"
_SIX_1_0 = "by by-nc by-nc-sa by-nd by-nd-nc by-sa"  # 1.0 says by-nd-nc
_RETIRED = "nc nc-sa nd nd-nc sa"


def _each(jurisdictions: str, units: str) -> dict[str, str]:
    return dict.fromkeys(jurisdictions.split(), units)


# version -> jurisdiction ("" = unported) -> space-separated units.
PORTS: dict[str, dict[str, str]] = {
    "1.0": {
        "": f"{_SIX_1_0} {_RETIRED} sampling sampling+ nc-sampling+",  # [A][B]
        "fi": f"{_SIX_1_0} {_RETIRED}",  # [A][B]
        "il": _SIX_1_0,  # [A][B]
        "nl": f"{_SIX_1_0} {_RETIRED}",  # [A][B]
        "de": "sampling+",  # [A][B]
        "br": "sampling sampling+",  # [B]
        "tw": "sampling sampling+ nc-sampling+",  # [B]
    },
    "2.0": {
        "": f"{_SIX} devnations",  # [A][B]
        **_each("at au be ca cl de es fr hr it kr nl pl uk za", _SIX),  # [A][B]
        "jp": f"{_SIX} {_RETIRED} by-nd-nc",  # [A][B]; by-nd-nc/2.0/jp only in [B]
        **_each("br tw", _SIX),  # [B]
    },
    "2.1": _each("au ca es jp", _SIX),  # [A]
    "2.5": {
        "": _SIX,  # [A][B]
        **_each(
            "ar au bg ca ch co dk es hr hu il in it mk mt mx my nl pe pl pt scotland se si za",
            _SIX,
        ),  # [A][B]
        **_each("br cn tw", _SIX),  # [B]
    },
    "3.0": {
        "": _SIX,  # [A][B]
        **_each(
            "am at au az ca ch cl cr cz de ec ee eg es fr ge gr gt hk hr ie igo it lu nl no"
            " nz ph pl pr pt ro sg th ug us ve vn za",
            _SIX,
        ),  # [A]
        "rs": _SIX,  # [B][C]
        **_each("br cn tw", _SIX),  # [C]
    },
    "4.0": {"": _SIX},  # [A]; 4.0 has no ports
}

# SPDX ids [S]; every other tool gets a LicenseRef- id.
SPDX_IDS = frozenset(
    [
        *(
            f"CC-{unit}-{version}"
            for unit in ("BY", "BY-SA", "BY-ND", "BY-NC", "BY-NC-SA", "BY-NC-ND")
            for version in ("1.0", "2.0", "2.5", "3.0", "4.0")
        ),
        "CC-SA-1.0",
        "CC0-1.0",
        "CC-PDDC",
        "CC-PDM-1.0",
        "CC-BY-NC-SA-2.0-DE",
        "CC-BY-NC-SA-2.0-FR",
        "CC-BY-NC-SA-2.0-UK",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-2.1-JP",
        "CC-BY-2.5-AU",
        *(f"CC-BY-3.0-{j}" for j in ("AT", "AU", "DE", "IGO", "NL", "US")),
        *(f"CC-BY-SA-3.0-{j}" for j in ("AT", "DE", "IGO")),
        *(f"CC-{u}-3.0-{j}" for u in ("BY-NC", "BY-NC-ND", "BY-NC-SA") for j in ("DE", "IGO")),
        "CC-BY-ND-3.0-DE",
    ]
)
# SPDX names /licenses/by-nd-nc/1.0/ "CC-BY-NC-ND-1.0" [S].
SPDX_RENAMES: dict[tuple[str, str, str | None], str] = {
    ("by-nd-nc", "1.0", None): "CC-BY-NC-ND-1.0",
}


class Tool(NamedTuple):
    """A public-domain tool or a non-CC status."""

    id: str
    kind: str
    name: str
    url: str | None
    elements: tuple[bool | None, bool | None, bool | None, bool | None]
    public_domain: bool | None
    version: str | None = None
    jurisdiction: str | None = None
    unit: str | None = None
    names: tuple[str, ...] = ()  # other names that resolve to it
    urls: tuple[str, ...] = ()  # other URLs that resolve to it


_PD = (False, False, False, False)
FLICKR_ARR_URL = (
    "https://www.flickrhelp.com/hc/en-us/articles/"
    "10710266545556-Using-Flickr-images-shared-by-other-members"
)

TOOLS = (
    Tool(
        "CC0-1.0",
        model.CC0,
        "CC0 1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        _PD,
        True,
        "1.0",
        None,
        "zero",
        names=(
            "CC0",
            "CC0 1.0",
            "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication",
            "Creative Commons Zero v1.0 Universal",
            "Creative Commons CC0 1.0 Universal",
        ),
    ),
    Tool(
        "CC-PDM-1.0",
        model.PDM,
        "Public Domain Mark 1.0 Universal",
        "https://creativecommons.org/publicdomain/mark/1.0/",
        _PD,
        True,
        "1.0",
        None,
        "mark",
        names=("PDM", "PDM 1.0", "PDM-1.0", "Public Domain Mark 1.0"),
    ),
    Tool(
        "CC-PDDC",
        model.CERTIFICATION,
        "Copyright-Only Dedication (based on United States law) or Public Domain"
        " Certification 1.0 United States",
        "https://creativecommons.org/publicdomain/certification/1.0/us/",
        _PD,
        True,
        "1.0",
        "us",
        "certification",
        names=(
            "Creative Commons Public Domain Dedication and Certification",
            "Public Domain Certification",
            "Public Domain Dedication and Certification",
        ),
        urls=("https://creativecommons.org/licenses/publicdomain/",),
    ),
    # All Rights Reserved: no permission at all, so NC and ND hold; BY and SA
    # are moot (unknown).
    Tool(
        "LicenseRef-All-Rights-Reserved",
        model.ARR,
        "All Rights Reserved",
        None,
        (None, None, True, True),
        False,
        urls=(FLICKR_ARR_URL, "https://www.flickrhelp.com/hc/en-us/articles/10710266545556"),
    ),
    Tool(
        "LicenseRef-Flickr-No-Known-Copyright-Restrictions",
        model.NO_KNOWN,
        "No known copyright restrictions",
        "https://www.flickr.com/commons/usage/",
        (None, False, False, False),
        None,
        urls=("http://flickr.com/commons/usage/",),
    ),
    # Public domain in the US (17 U.S.C. 105); may be protected elsewhere.
    Tool(
        "LicenseRef-US-Government-Work",
        model.US_GOV,
        "United States Government Work",
        "https://www.usa.gov/government-copyright",
        _PD,
        True,
        names=("US Government Work", "U.S. Government Work"),
        urls=("http://www.usa.gov/copyright.shtml",),
    ),
)


class Flickr(NamedTuple):
    id: int
    license: str  # catalog id
    name: str  # current name [F]
    url: str  # current URL [F]
    legacy_name: str | None = None  # pre-2025 name [F]; None if never different
    legacy_url: str | None = None


FLICKR = (
    Flickr(
        0,
        "LicenseRef-All-Rights-Reserved",
        "All Rights Reserved",
        FLICKR_ARR_URL,
        "All Rights Reserved",
        "",
    ),
    Flickr(
        1,
        "CC-BY-NC-SA-2.0",
        "CC BY-NC-SA 2.0",
        "https://creativecommons.org/licenses/by-nc-sa/2.0/",
        "Attribution-NonCommercial-ShareAlike License",
        "http://creativecommons.org/licenses/by-nc-sa/2.0/",
    ),
    Flickr(
        2,
        "CC-BY-NC-2.0",
        "CC BY-NC 2.0",
        "https://creativecommons.org/licenses/by-nc/2.0/",
        "Attribution-NonCommercial License",
        "http://creativecommons.org/licenses/by-nc/2.0/",
    ),
    Flickr(
        3,
        "CC-BY-NC-ND-2.0",
        "CC BY-NC-ND 2.0",
        "https://creativecommons.org/licenses/by-nc-nd/2.0/",
        "Attribution-NonCommercial-NoDerivs License",
        "http://creativecommons.org/licenses/by-nc-nd/2.0/",
    ),
    Flickr(
        4,
        "CC-BY-2.0",
        "CC BY 2.0",
        "https://creativecommons.org/licenses/by/2.0/",
        "Attribution License",
        "http://creativecommons.org/licenses/by/2.0/",
    ),
    Flickr(
        5,
        "CC-BY-SA-2.0",
        "CC BY-SA 2.0",
        "https://creativecommons.org/licenses/by-sa/2.0/",
        "Attribution-ShareAlike License",
        "http://creativecommons.org/licenses/by-sa/2.0/",
    ),
    Flickr(
        6,
        "CC-BY-ND-2.0",
        "CC BY-ND 2.0",
        "https://creativecommons.org/licenses/by-nd/2.0/",
        "Attribution-NoDerivs License",
        "http://creativecommons.org/licenses/by-nd/2.0/",
    ),
    Flickr(
        7,
        "LicenseRef-Flickr-No-Known-Copyright-Restrictions",
        "No known copyright restrictions",
        "https://www.flickr.com/commons/usage/",
        "No known copyright restrictions",
        "http://flickr.com/commons/usage/",
    ),
    Flickr(
        8,
        "LicenseRef-US-Government-Work",
        "United States Government Work",
        "https://www.usa.gov/government-copyright",
        "United States Government Work",
        "http://www.usa.gov/copyright.shtml",
    ),
    Flickr(
        9,
        "CC0-1.0",
        "Public Domain Dedication (CC0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    Flickr(
        10, "CC-PDM-1.0", "Public Domain Mark", "https://creativecommons.org/publicdomain/mark/1.0/"
    ),
    Flickr(11, "CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Flickr(12, "CC-BY-SA-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    Flickr(13, "CC-BY-ND-4.0", "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    Flickr(14, "CC-BY-NC-4.0", "CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    Flickr(
        15,
        "CC-BY-NC-SA-4.0",
        "CC BY-NC-SA 4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ),
    Flickr(
        16,
        "CC-BY-NC-ND-4.0",
        "CC BY-NC-ND 4.0",
        "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    ),
)
