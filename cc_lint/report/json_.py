"""The versioned JSON report. Findings are encoded a batch at a time with Arrow
string kernels and spooled to disk, so memory stays flat for millions of them."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc

from cc_lint import __version__
from cc_lint.report.interface import Reporter, RunInfo, Summary

SCHEMA_VERSION = "1.0"
_CONTROL = re.compile(rb"[\x00-\x1f]")
_NULL = pa.scalar("null", pa.string())
_EMPTY = pa.scalar("", pa.string())
_QUOTE = pa.scalar('"', pa.string())


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.string())


def json_strings(values: pa.Array) -> pa.Array:
    """Each value as a JSON string literal (null -> null)."""
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    data = values.buffers()[2]
    if data is not None and _CONTROL.search(memoryview(data)):
        # Control characters need \\uXXXX escapes: rare, so let json do these rows.
        return pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False) for v in values.to_pylist()],
            pa.string(),
        ).fill_null("null")
    escaped = pc.replace_substring(values, "\\", "\\\\")
    escaped = pc.replace_substring(escaped, '"', '\\"')
    quoted = pc.binary_join_element_wise(_QUOTE, escaped, _QUOTE, _EMPTY)
    return pc.fill_null(quoted, _NULL)


def _location(findings: pa.RecordBatch, kind: str) -> pa.Array:
    line = findings.column("line")
    pointer = findings.column("pointer")
    key = "row" if kind == "row" else "line"
    by_line = pc.binary_join_element_wise(
        _s('{"' + key + '": '), pc.cast(line, pa.string()), _s("}"), _EMPTY
    )
    by_pointer = pc.binary_join_element_wise(
        _s('{"pointer": '), json_strings(pointer), _s("}"), _EMPTY
    )
    out = pc.if_else(pc.is_valid(pointer), by_pointer, by_line)
    return pc.fill_null(out, _s("{}"))


def encode_findings(findings: pa.RecordBatch, kind: str) -> pa.Array:
    """One JSON object per finding, in the document's key order."""
    parts = [
        _s('{"rule": "'), findings.column("rule"),
        _s('", "name": "'), findings.column("name"),
        _s('", "severity": "'), findings.column("severity"),
        _s('", "record_id": '), json_strings(findings.column("record_id")),
        _s(', "location": '), _location(findings, kind),
        _s(', "license": '), json_strings(findings.column("license")),
        _s(', "message": '), json_strings(findings.column("message")),
        _s("}"),
    ]  # fmt: skip
    return pc.binary_join_element_wise(*parts, _EMPTY)


def _joined_bytes(strings: pa.Array, separator: str) -> memoryview:
    """All strings joined by separator, as one buffer, without per-row Python."""
    lists = pa.ListArray.from_arrays(pa.array([0, len(strings)], pa.int32()), strings)
    joined = pc.binary_join(lists, _s(separator))
    offsets = joined.buffers()[1]
    start, end = memoryview(offsets).cast("i")[0:2]
    return memoryview(joined.buffers()[2])[start:end]


class JsonReporter(Reporter):
    name = "json"
    description = "a versioned JSON document with every finding"

    def __init__(self, out: IO[bytes], run: RunInfo, options: dict[str, Any]) -> None:
        super().__init__(out, run, options)
        self.spool = tempfile.TemporaryFile()
        self.count = 0

    def add(self, findings: pa.RecordBatch) -> None:
        if findings.num_rows == 0:
            return
        encoded = encode_findings(findings, self.run.location)
        sep = "\n    "
        self.spool.write((",\n    " if self.count else "\n    ").encode())
        self.spool.write(_joined_bytes(encoded, "," + sep))
        self.count += findings.num_rows

    def document_head(self, summary: Summary) -> dict[str, Any]:
        run = self.run
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "cc-lint", "version": __version__},
            "manifest": {
                "path": run.manifest_path,
                "records_path": run.records_path,
                "sha256": run.sha256,
                "format": run.manifest_format,
                "records": summary.records,
            },
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
        head = json.dumps(self.document_head(summary), indent=2, ensure_ascii=False)
        self.out.write(head[: head.rstrip().rfind("}")].rstrip().encode("utf-8"))
        self.out.write(b',\n  "findings": [')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out, 1 << 20)
        self.spool.close()
        self.out.write(b"\n  ]\n}\n" if self.count else b"]\n}\n")
