"""The canonical record schema and the batch-level helpers that build it.

Every reader yields Arrow record batches with exactly CANONICAL_SCHEMA. Values a
manifest does not carry are null ("unknown"), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc
from cc_lint.errors import InputError, UsageError

BOOL_FIELDS = ("depicts_people", "biometric_consent")
FIELDS = (
    "id",
    "source_url",
    "image_url",
    "license",
    "license_url",
    "author",
    "author_url",
    "title",
    "flickr_id",
    "flickr_owner",
    "depicts_people",
    "biometric_consent",
    "consent_ref",
    "collected_at",
)
# The record's location in its file follows: _line (a 1-based line) or _pointer
# (a JSON pointer).
CANONICAL_SCHEMA = pa.schema(
    [pa.field(name, pa.bool_() if name in BOOL_FIELDS else pa.string()) for name in FIELDS]
    + [pa.field("_line", pa.int64()), pa.field("_pointer", pa.string())]
)

# Header spellings that map to canonical fields without configuration. Keys are
# normalised (lower case, letters and digits only); earlier aliases win.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "imageid", "recordid", "key", "uid", "filename", "file", "image"),
    "source_url": (
        "sourceurl",
        "originallandingurl",
        "landingurl",
        "pageurl",
        "photopageurl",
        "photopage",
        "photourl",
        "flickrurl",
        "url",
        "source",
    ),
    "image_url": ("imageurl", "originalurl", "downloadurl", "fileurl", "imgurl", "cocourl"),
    "license": ("license", "licence", "licensename", "licencename", "licensetype", "rights"),
    "license_url": ("licenseurl", "licenceurl", "licenselink", "licenseuri", "rightsurl"),
    "author": (
        "author",
        "creator",
        "photographer",
        "artist",
        "ownername",
        "unickname",
        "usernickname",
        "username",
        "credit",
    ),
    "author_url": ("authorurl", "authorprofileurl", "creatorurl", "profileurl", "ownerurl"),
    "title": ("title", "phototitle", "name"),
    "flickr_id": ("flickrid", "flickrphotoid", "photoid"),
    "flickr_owner": ("flickrowner", "owner", "ownernsid", "usernsid", "nsid"),
    "depicts_people": (
        "depictspeople",
        "haspeople",
        "containspeople",
        "hasperson",
        "people",
        "person",
    ),
    "biometric_consent": ("biometricconsent", "consent", "hasconsent"),
    "consent_ref": ("consentref", "consentreference", "consentid", "releaseid"),
    "collected_at": (
        "collectedat",
        "datecollected",
        "datecrawled",
        "crawledat",
        "downloadedat",
        "retrievedat",
        "accessedat",
    ),
}


def normalise_header(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def parse_column_overrides(specs: Iterable[str]) -> dict[str, str]:
    """Parse ``--column FIELD=COLUMN`` options into {field: column}."""
    out: dict[str, str] = {}
    for spec in specs:
        field, sep, column = spec.partition("=")
        field = field.strip()
        if not sep or not column:
            raise UsageError(
                f"--column {spec!r} is not FIELD=COLUMN", hint="e.g. --column author=photographer"
            )
        if field not in FIELDS:
            raise UsageError(
                f"--column: unknown field {field!r}", hint="fields: " + ", ".join(FIELDS)
            )
        out[field] = column
    return out


def map_columns(columns: Iterable[str], overrides: Mapping[str, str]) -> dict[str, str]:
    """Map canonical field -> manifest column name, using aliases then overrides."""
    columns = list(columns)
    by_norm: dict[str, str] = {}
    for col in columns:
        by_norm.setdefault(normalise_header(col), col)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field, column in overrides.items():
        if column not in columns:
            raise UsageError(
                f"--column {field}={column}: the manifest has no column {column!r}",
                hint="columns: " + ", ".join(columns[:20]),
            )
        mapping[field] = column
        used.add(column)
    for field in FIELDS:
        if field in mapping:
            continue
        for alias in ALIASES[field]:
            found = by_norm.get(alias)
            if found is not None and found not in used:
                mapping[field] = found
                used.add(found)
                break
    return mapping


def require_mapping(
    columns: Iterable[str], overrides: Mapping[str, str], where: str, noun: str = "column"
) -> dict[str, str]:
    """map_columns, refusing a manifest in which no column is a record field."""
    mapping = map_columns(columns, overrides)
    if not mapping:
        raise InputError(
            f"no {noun} is recognised as a record field",
            where=where,
            hint=f"map {noun}s with --column FIELD={noun.upper()}, e.g. --column license=rights",
        )
    return mapping


_TRUE = frozenset({"true", "yes", "1", "y", "t"})
_FALSE = frozenset({"false", "no", "0", "n", "f"})
_TRUE_TEXT = pa.scalar("true", pa.string())
_FALSE_TEXT = pa.scalar("false", pa.string())


def parse_bool(values: pa.Array, *, column: str, where: str, locate: pa.Array | None) -> pa.Array:
    """true/false/yes/no/1/0 (any case, spaces ignored); empty or null is unknown."""
    if pa.types.is_boolean(values.type):
        return values
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    # The common case, only "true" and "false" (and nulls): two comparisons.
    true = pc.equal(values, _TRUE_TEXT)
    spelled = pc.sum(pc.or_(true, pc.equal(values, _FALSE_TEXT))).as_py() or 0
    if spelled == len(values) - values.null_count:
        return true
    # Few distinct spellings: decide each once, then map the indices.
    encoded = pc.dictionary_encode(values)
    spellings = encoded.dictionary.to_pylist()
    verdicts: list[bool | None] = []
    for spelling in spellings:
        text = spelling.strip().lower()
        if text.endswith(".0") and text[:-2] in ("0", "1"):
            text = text[:-2]  # floats written by pandas
        if text in _TRUE:
            verdicts.append(True)
        elif text in _FALSE:
            verdicts.append(False)
        elif text == "":
            verdicts.append(None)
        else:
            bad = pc.equal(values, pa.scalar(spelling, pa.string()))
            idx = pc.index(bad, True).as_py()
            pos = f"line {locate[idx].as_py()}" if locate is not None else f"record {idx + 1}"
            raise InputError(
                f"column {column!r} has {spelling!r}, not a boolean",
                where=f"{where}: {pos}",
                hint="use true/false/yes/no/1/0, or leave it empty for unknown",
            )
    return pc.take(pa.array(verdicts, pa.bool_()), encoded.indices)


def _as_string(values: pa.Array) -> pa.Array:
    if pa.types.is_string(values.type):
        return values
    return pc.cast(values, pa.string())


_EMPTY = pa.scalar("", pa.string())
_NULL_STRING = pa.scalar(None, pa.string())


def _blank_to_null(values: pa.Array) -> pa.Array:
    """Empty or whitespace-only values are unknown (null); others are kept as given."""
    blank = pc.or_(pc.equal(values, _EMPTY), pc.utf8_is_space(values))
    if not pc.any(blank).as_py():  # nulls are ignored, so already-null values pass
        return values
    return pc.if_else(pc.fill_null(blank, False), _NULL_STRING, values)


def row_numbers(start: int, count: int) -> pa.Array:
    """int64 array start, start+1, ..., start+count-1."""
    return arrays.arange(start, count)


def canonical_batch(
    columns: Mapping[str, pa.Array],
    *,
    length: int,
    where: str,
    line: pa.Array | None = None,
    pointer: pa.Array | None = None,
) -> pa.RecordBatch:
    """Build a canonical batch from {field: array}; absent fields become null.

    Empty and whitespace-only strings become null. flickr_id and flickr_owner
    are as the manifest gives them; enrich.add_flickr_ids derives the rest when needed.
    """
    built: dict[str, pa.Array] = {}
    for name in FIELDS:
        values = columns.get(name)
        if values is None:
            built[name] = pa.nulls(length, pa.bool_() if name in BOOL_FIELDS else pa.string())
        elif name in BOOL_FIELDS:
            built[name] = parse_bool(values, column=name, where=where, locate=line)
        else:
            built[name] = _blank_to_null(_as_string(values))
    if built["id"].null_count:
        # Records without an id are known by their location.
        if line is not None:
            built["id"] = pc.coalesce(
                built["id"], pc.binary_join_element_wise("line ", pc.cast(line, pa.string()), "")
            )
        elif pointer is not None:
            built["id"] = pc.coalesce(built["id"], pointer)
    arrays = [built[name] for name in FIELDS]
    arrays.append(line if line is not None else pa.nulls(length, pa.int64()))
    arrays.append(pointer if pointer is not None else pa.nulls(length, pa.string()))
    return pa.RecordBatch.from_arrays(arrays, schema=CANONICAL_SCHEMA)
