"""The versioned JSON report. Findings are encoded a batch at a time with Arrow
string kernels and spooled to disk, so memory stays flat for millions of them."""

from __future__ import annotations

import json
from typing import IO, Any

import pyarrow as pa

from cc_lint import __version__
from cc_lint import compute as pc
from cc_lint.readers import memscan
from cc_lint.report.interface import Reporter, RunInfo, Summary

SCHEMA_VERSION = "1.0"
_NULL = pa.scalar("null", pa.string())
_EMPTY = pa.scalar("", pa.string())
_QUOTE = pa.scalar('"', pa.string())
_SEPARATOR = ",\n    "  # between findings
_DENSE_TAILS = 4096  # up to this many license x message texts, build them all
_SLICE = 16_384  # findings encoded at a time: larger texts fall out of the CPU caches


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.string())


def _needs_escape(data: pa.Buffer | None) -> tuple[bool, bool]:
    """(has quote or backslash, has control characters) anywhere in a data buffer."""
    if data is None or data.size == 0:
        return False, False
    quote = memscan.has_byte(data, 0x22) or memscan.has_byte(data, 0x5C)
    control = pc.min(pa.Array.from_buffers(pa.uint8(), data.size, [None, data])).as_py() < 0x20
    return quote, control


def json_strings(values: pa.Array) -> pa.Array:
    """Each value as a JSON string literal (null -> null)."""
    if pa.types.is_dictionary(values.type):
        # Encode each distinct value once.
        encoded = json_strings(values.dictionary)
        return pc.fill_null(pc.take(encoded, values.indices), _NULL)
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    quote, control = _needs_escape(values.buffers()[2])
    if control:
        # Control characters need \uXXXX escapes: rare, so let json do these rows.
        return pc.fill_null(
            pa.array(
                [
                    None if v is None else json.dumps(v, ensure_ascii=False)
                    for v in values.to_pylist()
                ],
                pa.string(),
            ),
            _NULL,
        )
    escaped = values
    if quote:
        escaped = pc.replace_substring(escaped, "\\", "\\\\")
        escaped = pc.replace_substring(escaped, '"', '\\"')
    quoted = pc.binary_join_element_wise(_QUOTE, escaped, _QUOTE, _EMPTY)
    return pc.fill_null(quoted, _NULL)


def _location(findings: pa.RecordBatch, kind: str) -> list[pa.Array | pa.Scalar]:
    """Parts that spell `, "location": {...}` for each finding."""
    line = findings.column("line")
    pointer = findings.column("pointer")
    key = "row" if kind == "row" else "line"
    if pointer.null_count == len(pointer) and line.null_count == 0:
        return [_s(', "location": {"' + key + '": '), pc.cast(line, pa.string()), _s("}")]
    if pointer.null_count == 0:
        return [_s(', "location": {"pointer": '), json_strings(pointer), _s("}")]
    by_line = pc.binary_join_element_wise(
        _s('{"' + key + '": '), pc.cast(line, pa.string()), _s("}"), _EMPTY
    )
    by_pointer = pc.binary_join_element_wise(
        _s('{"pointer": '), json_strings(pointer), _s("}"), _EMPTY
    )
    merged = pc.fill_null(pc.if_else(pc.is_valid(pointer), by_pointer, by_line), _s("{}"))
    return [_s(', "location": '), merged]


def _frames(
    findings: pa.RecordBatch, quote_id: bool, separator: str, closing: str = ""
) -> tuple[pa.Array, pa.Array]:
    """The text before the record id (one per rule) and after the location
    (`closing`, the license, the message and the separator: one per distinct
    license and message), per finding."""
    codes = findings.column("rule").dictionary.to_pylist()
    names = findings.column("name").dictionary.to_pylist()
    severities = findings.column("severity").dictionary.to_pylist()
    opening = '"record_id": ' + ('"' if quote_id else "")
    heads = [
        f'{{"rule": "{code}", "name": "{name}", "severity": "{severity}", {opening}'
        for code, name, severity in zip(codes, names, severities, strict=True)
    ]
    licenses = findings.column("license")
    if not pa.types.is_dictionary(licenses.type):
        licenses = pc.dictionary_encode(licenses)
    lic_texts = [_json(v) for v in licenses.dictionary.to_pylist()] + ["null"]
    lic_index = pc.fill_null(pc.cast(licenses.indices, pa.int64()), len(lic_texts) - 1)
    message = findings.column("message")
    msg_texts = [_json(v) for v in message.dictionary.to_pylist()]
    msg_index = pc.cast(message.indices, pa.int64())
    key = pc.add(pc.multiply(lic_index, len(msg_texts)), msg_index)
    if len(lic_texts) * len(msg_texts) <= _DENSE_TAILS:
        pairs = [divmod(k, len(msg_texts)) for k in range(len(lic_texts) * len(msg_texts))]
    else:  # many distinct messages: only the combinations that occur
        encoded = pc.dictionary_encode(key)
        pairs = [divmod(k, len(msg_texts)) for k in encoded.dictionary.to_pylist()]
        key = encoded.indices
    tails = [
        f'{closing}, "license": {lic_texts[lic]}, "message": {msg_texts[m]}}}{separator}'
        for lic, m in pairs
    ]
    return (
        pc.take(pa.array(heads, pa.string()), findings.column("rule_index")),
        pc.take(pa.array(tails, pa.string()), key),
    )


def _json(value: str | None) -> str:
    return json.dumps(value, ensure_ascii=False)


def encode_findings(findings: pa.RecordBatch, kind: str, separator: str = "") -> memoryview:
    """The findings as JSON objects in the document's key order, each followed by
    separator, as one UTF-8 text."""
    record_id = findings.column("record_id")
    quote, control = _needs_escape(record_id.buffers()[2])
    plain_ids = record_id.null_count == 0 and not quote and not control
    location = _location(findings, kind)
    closing = ""
    last = location[-1]
    if isinstance(last, pa.Scalar):  # the location's closing text joins the tails
        closing, location = last.as_py(), location[:-1]
    heads, tails = _frames(findings, quote_id=plain_ids, separator=separator, closing=closing)
    if plain_ids:
        # The record id's quotes are folded into the text around it.
        opening = location[0]
        assert isinstance(opening, pa.Scalar)
        parts = [heads, record_id, _s('"' + opening.as_py()), *location[1:], tails]
    else:
        parts = [heads, json_strings(record_id), *location, tails]
    return _text(pc.binary_join_element_wise(*parts, _EMPTY))


def _text(strings: pa.Array) -> memoryview:
    """A string array's values, concatenated: a view of its data buffer."""
    if strings.null_count:  # every part is non-null by construction
        raise RuntimeError("a finding encoded to null")
    offsets = memoryview(strings.buffers()[1]).cast("i")
    start, end = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return memoryview(strings.buffers()[2])[start:end]


class JsonReporter(Reporter):
    """Streams the document: header, findings as they come, then manifest and summary
    (known only at the end). Memory does not grow with the number of findings."""

    name = "json"
    description = "a versioned JSON document with every finding"

    def __init__(self, out: IO[bytes], run: RunInfo, options: dict[str, Any]) -> None:
        super().__init__(out, run, options)
        self.count = 0
        self.started = False

    def _start(self) -> None:
        run = self.run
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "cc-lint", "version": __version__},
            "uses": run.uses,
            "uses_defaulted": run.uses_defaulted,
            "dataset_license": run.dataset_license,
            "policy": {
                "packs": run.packs,
                "files": run.policy_files,
                "rules": [
                    {"code": r.code, "name": r.name, "severity": r.severity, "pack": r.pack}
                    for r in run.rules
                ],
            },
        }
        text = json.dumps(head, indent=2, ensure_ascii=False)
        self.out.write(text[: text.rstrip().rfind("}")].rstrip().encode("utf-8"))
        self.out.write(b',\n  "findings": [')
        self.started = True

    def add(self, findings: pa.RecordBatch) -> None:
        if findings.num_rows == 0:
            return
        if not self.started:
            self._start()
        for start in range(0, findings.num_rows, _SLICE):
            part = findings.slice(start, _SLICE)
            text = encode_findings(part, self.run.location, _SEPARATOR)
            self.out.write(b",\n    " if self.count else b"\n    ")
            self.out.write(text[: len(text) - len(_SEPARATOR)])
            self.count += part.num_rows

    def tail(self, summary: Summary) -> dict[str, Any]:
        run = self.run
        return {
            "manifest": {
                "path": run.manifest_path,
                "records_path": run.records_path,
                "sha256": run.sha256,
                "format": run.manifest_format,
                "records": summary.records,
            },
            "summary": {
                "records": summary.records,
                "records_with_findings": summary.records_with_findings,
                "findings": summary.findings,
                "by_rule": dict(sorted(summary.by_rule.items())),
                "by_severity": summary.by_severity,
            },
            "notes": run.notes,
            **run.extra,
        }

    def finish(self, summary: Summary) -> None:
        if not self.started:
            self._start()
        self.out.write(b"\n  ],\n" if self.count else b"],\n")
        text = json.dumps(self.tail(summary), indent=2, ensure_ascii=False)
        self.out.write(text[text.index("{") + 1 :].lstrip("\n").encode("utf-8"))
        self.out.write(b"\n")
