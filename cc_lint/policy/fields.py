"""Every field a policy condition or message may name: an explicit registry.

Record fields come from the manifest; the rest are added by enrichment steps
(license catalog, live status, consent). Fields under `dataset.` and `run.`
are constants for the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "string" | "bool" | "int"
    doc: str
    source: str  # record, license, dataset, run, live, people, source, consent, optout


def _fields(source: str, rows: list[tuple[str, str, str]]) -> dict[str, Field]:
    return {name: Field(name, typ, doc, source) for name, typ, doc in rows}


RECORD = _fields(
    "record",
    [
        ("id", "string", "the record's id in the manifest"),
        ("source_url", "string", "page the image came from (e.g. the Flickr photo page)"),
        ("image_url", "string", "URL of the image file"),
        ("license", "string", "license as written in the manifest"),
        ("license_url", "string", "license URL as written in the manifest"),
        ("author", "string", "creator's name"),
        ("author_url", "string", "creator's profile URL"),
        ("title", "string", "title of the work"),
        ("flickr_id", "string", "Flickr photo id (given, or derived from the URLs)"),
        ("flickr_owner", "string", "Flickr owner NSID or path alias"),
        ("depicts_people", "bool", "whether the image shows people (null: unknown)"),
        ("biometric_consent", "bool", "whether the people shown consented to biometric use"),
        ("consent_ref", "string", "reference to the consent evidence"),
        ("collected_at", "string", "when the image was collected (ISO 8601)"),
    ],
)

LICENSE = _fields(
    "license",
    [
        ("license.id", "string", "catalog id (SPDX id or LicenseRef-...); null if unresolved"),
        (
            "license.kind",
            "string",
            "cc, cc0, pdm, certification, all-rights-reserved, "
            "no-known-restrictions, us-government-work, none, unrecognized",
        ),
        ("license.recognized", "bool", "the license resolved to a catalog entry"),
        ("license.name", "string", "catalog title, or the text that was not recognised"),
        ("license.url", "string", "canonical URL"),
        ("license.attribution", "bool", "BY: attribution required"),
        ("license.sharealike", "bool", "SA: adaptations under the same terms"),
        ("license.noncommercial", "bool", "NC: no commercial use"),
        ("license.noderivatives", "bool", "ND: adaptations may not be shared"),
        ("license.public_domain", "bool", "CC0 or Public Domain Mark"),
        ("license.deprecated", "bool", "CC has retired this license"),
        ("license.version", "string", "license version, e.g. 2.0; null if unknown"),
        ("license.jurisdiction", "string", "port jurisdiction, e.g. de; null if unported"),
        ("license.conflict", "bool", "license and license_url name different licenses"),
        (
            "license.unparsed",
            "string",
            "text of a license field that was not recognised while the other one was",
        ),
    ],
)

DATASET = _fields(
    "dataset",
    [
        ("dataset.license.declared", "bool", "a dataset-level license was declared"),
        ("dataset.license.id", "string", "the declared dataset license's catalog id"),
        ("dataset.license.name", "string", "the declared dataset license as written"),
        ("dataset.license.source", "string", "where the dataset license was declared"),
        ("dataset.license.recognized", "bool", "the declared dataset license was recognised"),
        ("dataset.license.noncommercial", "bool", "the dataset license is NonCommercial"),
        ("dataset.license.noderivatives", "bool", "the dataset license is NoDerivatives"),
        ("dataset.license.sharealike", "bool", "the dataset license is ShareAlike"),
        ("dataset.license.public_domain", "bool", "the dataset license is CC0/PDM"),
    ],
)

LIVE = _fields(
    "live",
    [
        (
            "live.status",
            "string",
            "Flickr status now: ok, relicensed, unavailable, unknown (null: not checked)",
        ),
        ("live.license", "string", "catalog id of the photo's license on Flickr now"),
        (
            "live.license_at_collection",
            "string",
            "catalog id of the license at collected_at, from Flickr's license history",
        ),
        (
            "live.held_at_collection",
            "bool",
            "the manifest's license held when the photo was "
            "collected (null: unknown or not fetched)",
        ),
        ("live.has_people", "bool", "Flickr's people.haspeople for the photo"),
        ("live.checked_at", "string", "when Flickr answered (UTC ISO 8601)"),
        ("live.reason", "string", "why the status is what it is, when not plain"),
    ],
)


# People, consent, source and opt-out columns: added by cc_lint.consent's steps.
PEOPLE = _fields(
    "people",
    [
        (
            "people.depicted",
            "bool",
            "the image shows people, from any source (record, format, Flickr, declaration); "
            "true wins, null: unknown",
        ),
        ("people.source", "string", "which source decided people.depicted"),
    ],
)

SOURCE = _fields(
    "source",
    [
        (
            "source.web",
            "bool",
            "the image came from the web (an http(s) URL or a Flickr id); null: not known",
        ),
        ("source.host", "string", "host of the source URL (else of the image URL)"),
    ],
)

CONSENT = _fields(
    "consent",
    [
        (
            "consent.biometric",
            "bool",
            "biometric consent in effect on the as-of date (null: nothing recorded)",
        ),
        ("consent.explicit", "bool", "that consent is explicit: it has an evidence reference"),
        (
            "consent.written_release",
            "bool",
            "that consent is a written release (evidence_type written-release)",
        ),
        ("consent.ref", "string", "evidence reference(s) of the consent in effect"),
        ("consent.registered", "bool", "the record matched a consent register entry"),
        ("consent.covers", "string", "uses the consent in effect covers"),
        (
            "consent.uncovered",
            "string",
            "declared uses that the registered consent does not cover",
        ),
        ("consent.withdrawn", "bool", "consent for a declared use was withdrawn"),
        ("consent.withdrawn_on", "string", "date of that withdrawal"),
        ("consent.withdrawn_ref", "string", "evidence reference of the withdrawn consent"),
    ],
)

OPTOUT = _fields(
    "optout",
    [
        ("optout.matched", "bool", "the record's photo, owner or URL is on an opt-out list"),
        ("optout.source", "string", "file:line of the opt-out entry that matched"),
        ("optout.entry", "string", "that entry, as written"),
        ("optout.kind", "string", "what matched: photo, owner, user or url"),
    ],
)

RUN = _fields(
    "run",
    [("run.as_of", "string", "the date consent is judged on (--as-of; default today, UTC)")],
)

FIELDS: dict[str, Field] = {
    **RECORD,
    **LICENSE,
    **DATASET,
    **LIVE,
    **PEOPLE,
    **SOURCE,
    **CONSENT,
    **OPTOUT,
    **RUN,
}

USES = ("commercial", "redistribute", "adapt", "train", "biometric")
USE_DOCS = {
    "commercial": "commercial use of the images or of models trained on them",
    "redistribute": "publishing the images or the dataset",
    "adapt": "sharing modified images (crops, edits, augmentations written out)",
    "train": "training machine-learning models",
    "biometric": "face recognition or other biometric identification/categorisation",
}
