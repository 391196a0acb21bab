"""Add the license.* columns to record batches, resolving each distinct value once."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.licenses import model
from cc_lint.licenses.model import License
from cc_lint.licenses.normalize import resolve

COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("license.id", pa.string()),
    ("license.kind", pa.string()),
    ("license.recognized", pa.bool_()),
    ("license.name", pa.string()),
    ("license.url", pa.string()),
    ("license.attribution", pa.bool_()),
    ("license.sharealike", pa.bool_()),
    ("license.noncommercial", pa.bool_()),
    ("license.noderivatives", pa.bool_()),
    ("license.public_domain", pa.bool_()),
    ("license.deprecated", pa.bool_()),
    ("license.version", pa.string()),
    ("license.jurisdiction", pa.string()),
    ("license.conflict", pa.bool_()),
    ("license.unparsed", pa.string()),
)


@dataclass(frozen=True)
class Resolution:
    license: License
    conflict: bool = False  # license and license_url name different licenses
    unparsed: str | None = None  # a field we could not read while the other one resolved


_FLAGS = ("attribution", "sharealike", "noncommercial", "noderivatives")


def _refines(general: License, specific: License) -> bool:
    """A versionless or unported form that the other, more specific entry fits."""
    same = all(getattr(general, f) == getattr(specific, f) for f in (*_FLAGS, "public_domain"))
    if not same or general.kind != specific.kind:
        return False
    return general.version is None or (
        general.version == specific.version and general.jurisdiction is None
    )


def _restrictiveness(lic: License) -> int:
    if not lic.recognized:
        return 100
    if lic.kind == model.ARR:
        return 90
    return sum(2 if getattr(lic, f) else 0 for f in _FLAGS[1:]) + (1 if lic.attribution else 0)


def resolve_pair(text: str | None, url: str | None) -> Resolution:
    """Combine a license name and a license URL; disagreement reads as the stricter terms."""
    a, b = resolve(text), resolve(url)
    if b.kind == model.NONE:
        return Resolution(a)
    if a.kind == model.NONE:
        return Resolution(b)
    if a.recognized and b.recognized:
        if a.id == b.id:
            return Resolution(a)
        if _refines(a, b):
            return Resolution(b)
        if _refines(b, a):
            return Resolution(a)
        strict, other = sorted((a, b), key=_restrictiveness, reverse=True)
        union = {f: bool(getattr(a, f)) or bool(getattr(b, f)) for f in _FLAGS}
        merged = replace(
            strict,
            name=f"{strict.name} (license field and license_url disagree: {other.name})",
            attribution=union["attribution"],
            sharealike=union["sharealike"],
            noncommercial=union["noncommercial"],
            noderivatives=union["noderivatives"],
            public_domain=bool(a.public_domain) and bool(b.public_domain),
        )
        return Resolution(merged, conflict=True)
    if a.recognized:
        return Resolution(a, unparsed=url)
    if b.recognized:
        return Resolution(b, unparsed=text)
    return Resolution(a)


_SCHEMA = pa.schema([pa.field(name, typ) for name, typ in COLUMNS])


class LicenseResolver:
    """Memo of resolve_pair over the distinct (license, license_url) values of a run.

    Every pair resolved so far is one row of a table of license.* values, so a
    batch's columns are a take of its pairs' rows: one C call, not one per column.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[str | None, str | None], int] = {}  # pair -> row
        self._table = pa.Table.from_batches([], schema=_SCHEMA)  # a chunk per batch with new pairs

    def columns(self, pairs: list[tuple[str | None, str | None]]) -> list[pa.Array]:
        """The license.* values of each pair, in COLUMNS order."""
        new = [pair for pair in dict.fromkeys(pairs) if pair not in self._memo]
        if new:
            for pair in new:
                self._memo[pair] = len(self._memo)
            rows = _rows([resolve_pair(t, u) for t, u in new])
            self._table = pa.Table.from_batches([*self._table.to_batches(), rows])
        positions = pa.array([self._memo[pair] for pair in pairs], pa.int32())
        return [c.combine_chunks() for c in pc.take(self._table, positions).columns]


def _rows(res: list[Resolution]) -> pa.RecordBatch:
    lic = [r.license for r in res]
    return pa.RecordBatch.from_arrays(
        [
            pa.array([x.id or None for x in lic], pa.string()),
            pa.array([x.kind for x in lic], pa.string()),
            pa.array([x.recognized for x in lic], pa.bool_()),
            pa.array([x.name or None for x in lic], pa.string()),
            pa.array([x.url for x in lic], pa.string()),
            pa.array([x.attribution for x in lic], pa.bool_()),
            pa.array([x.sharealike for x in lic], pa.bool_()),
            pa.array([x.noncommercial for x in lic], pa.bool_()),
            pa.array([x.noderivatives for x in lic], pa.bool_()),
            pa.array([x.public_domain for x in lic], pa.bool_()),
            pa.array([x.deprecated for x in lic], pa.bool_()),
            pa.array([x.version for x in lic], pa.string()),
            pa.array([x.jurisdiction for x in lic], pa.string()),
            pa.array([r.conflict for r in res], pa.bool_()),
            pa.array([r.unparsed for r in res], pa.string()),
        ],
        schema=_SCHEMA,
    )


def _codes(values: pa.Array) -> tuple[list[str | None], pa.Array]:
    """Distinct values (null last) and each row's int64 index into them."""
    encoded = pc.dictionary_encode(values)
    distinct: list[str | None] = encoded.dictionary.to_pylist()
    indices = pc.cast(encoded.indices, pa.int64())
    if values.null_count:
        distinct.append(None)
        indices = pc.fill_null(indices, pa.scalar(len(distinct) - 1, pa.int64()))
    return distinct, indices


def add_license_columns(batch: pa.RecordBatch, resolver: LicenseResolver) -> pa.RecordBatch:
    """Append license.* columns: one resolution per distinct value pair in the batch."""
    texts, text_idx = _codes(batch.column("license"))
    url_column = batch.column("license_url")
    if url_column.null_count == len(url_column):
        pairs: list[tuple[str | None, str | None]] = [(t, None) for t in texts]
        indices = pc.cast(text_idx, pa.int32())
    else:
        urls, url_idx = _codes(url_column)
        # One integer per (license, license_url) pair; resolve each distinct pair once.
        key = pc.add(pc.multiply(text_idx, pa.scalar(len(urls), pa.int64())), url_idx)
        encoded = pc.dictionary_encode(key)
        pairs = [
            (texts[k // len(urls)], urls[k % len(urls)]) for k in encoded.dictionary.to_pylist()
        ]
        indices = pc.cast(encoded.indices, pa.int32())
    # Every license.* column is a dictionary over the batch's distinct pairs, all
    # sharing one indices array: no per-row copy, and the engine can evaluate a
    # condition on license fields once per pair (nulls sit in the dictionaries).
    fields, arrays = list(batch.schema), list(batch.columns)
    for (name, _), values in zip(COLUMNS, resolver.columns(pairs), strict=True):
        column = pa.DictionaryArray.from_arrays(indices, values)
        fields.append(pa.field(name, column.type))
        arrays.append(column)
    schema = pa.schema(fields, metadata=batch.schema.metadata)
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
