"""What a license string resolves to."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# kind values
CC = "cc"  # a CC license (any unit, version, port)
CC0 = "cc0"
PDM = "pdm"  # Public Domain Mark
CERTIFICATION = "certification"  # retired public-domain certification
ARR = "all-rights-reserved"
NO_KNOWN = "no-known-restrictions"  # Flickr Commons
US_GOV = "us-government-work"
NONE = "none"  # no license given
UNRECOGNIZED = "unrecognized"


@dataclass(frozen=True)
class License:
    """A catalog entry, or the verdict for a string that matches none.

    Element flags are None when unknown (unrecognised or missing licenses):
    unknown is never read as permissive.
    """

    id: str  # SPDX id, a stable LicenseRef- id, or "" for none/unrecognized
    kind: str
    recognized: bool
    name: str
    url: str | None = None
    attribution: bool | None = None
    sharealike: bool | None = None
    noncommercial: bool | None = None
    noderivatives: bool | None = None
    public_domain: bool | None = None
    version: str | None = None
    jurisdiction: str | None = None
    deprecated: bool = False
    unit: str | None = None  # CC unit slug, e.g. "by-nc-sa"; None for non-CC
    spdx: bool = False  # id is an SPDX list id (not a LicenseRef-)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def unrecognized(text: str) -> License:
    return License(id="", kind=UNRECOGNIZED, recognized=False, name=text)


MISSING = License(id="", kind=NONE, recognized=False, name="")
