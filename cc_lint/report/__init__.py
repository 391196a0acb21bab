"""Reporters: an explicit registry keyed by --format name."""

from __future__ import annotations

from cc_lint.report.interface import Reporter, RuleInfo, RunInfo, Summary
from cc_lint.report.json_ import JsonReporter
from cc_lint.report.text import TextReporter

__all__ = ["REPORTERS", "Reporter", "RuleInfo", "RunInfo", "Summary"]

REPORTERS: dict[str, type[Reporter]] = {r.name: r for r in (TextReporter, JsonReporter)}
