"""Text output in the linters' form `path:line: CODE [severity] message`, then a summary."""

from __future__ import annotations

from typing import IO, Any

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.report.interface import Reporter, RunInfo, Summary

DEFAULT_PER_RULE = 20


def location_text(run: RunInfo, line: int | None, pointer: str | None) -> str:
    path = run.records_path
    if pointer is not None:
        return f"{path}#{pointer}"
    if line is None:
        return path
    return f"{path}:row {line}" if run.location == "row" else f"{path}:{line}"


class TextReporter(Reporter):
    name = "text"
    description = "one line per finding (capped per rule), then a summary by rule"

    def __init__(self, out: IO[bytes], run: RunInfo, options: dict[str, Any]) -> None:
        super().__init__(out, run, options)
        self.per_rule: int = options.get("max_per_rule", DEFAULT_PER_RULE)
        self.shown: dict[str, int] = {}

    def _write(self, text: str) -> None:
        self.out.write(text.encode("utf-8", "replace"))

    def add(self, findings: pa.RecordBatch) -> None:
        if findings.num_rows == 0:
            return
        if self.per_rule:
            # Only the first few findings of each rule are printed: take just those rows.
            keep = []
            rules = findings.column("rule_index")
            codes = findings.column("rule").dictionary.to_pylist()
            for index in pc.unique(rules).to_pylist():
                code = codes[index]
                room = self.per_rule - self.shown.get(code, 0)
                if room <= 0:
                    continue
                idx = pc.indices_nonzero(pc.equal(rules, pa.scalar(index, pa.int32())))
                idx = idx.slice(0, room)
                self.shown[code] = self.shown.get(code, 0) + len(idx)
                keep.append(idx)
            if not keep:
                return
            rows = pc.sort_indices(pa.concat_arrays(keep))
            findings = pc.take(findings, pc.take(pa.concat_arrays(keep), rows))
        for f in findings.to_pylist():
            where = location_text(self.run, f["line"], f["pointer"])
            self._write(f"{where}: {f['rule']} [{f['severity']}] {_one_line(f['message'])}\n")

    def finish(self, summary: Summary) -> None:
        run = self.run
        lines = []
        if summary.findings:
            lines.append("")
        rules = {r.code: r for r in run.rules}
        for code in sorted(summary.by_rule):
            count = summary.by_rule[code]
            rule = rules.get(code)
            label = f"{code} {rule.name} [{rule.severity}]" if rule else code
            hidden = count - self.shown.get(code, 0) if self.per_rule else 0
            more = (
                f"  ({hidden:,} not shown; use --format json or --max-per-rule 0)" if hidden else ""
            )
            lines.append(f"{count:>10,}  {label}{more}")
        uses = ", ".join(run.uses) + (" (assumed: no --use given)" if run.uses_defaulted else "")
        sev = summary.by_severity
        lines.append(
            f"{_count(summary.records, 'record')} checked for {uses}: "
            f"{_count(sev.get('error', 0), 'error')}, {_count(sev.get('warning', 0), 'warning')}, "
            f"{_count(sev.get('info', 0), 'note')} in "
            f"{_count(summary.records_with_findings, 'record')} (packs: {', '.join(run.packs)})"
        )
        lines.extend(f"note: {n}" for n in run.notes)
        self._write("\n".join(lines) + "\n")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())
