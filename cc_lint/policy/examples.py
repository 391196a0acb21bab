"""Run a rule's PASS/FAIL examples: each example's record through lint_records.

Examples may carry context besides the record: `uses`, `dataset_license`,
`consent` (register entries, as in a register file), `opt_out` (list entries),
`as_of` (the date consent is judged on) and `depicts_people` (a dataset-wide
declaration).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cc_lint.consent.dates import parse_date
from cc_lint.consent.optout import classify
from cc_lint.consent.register import entry_from_mapping
from cc_lint.consent.steps import ConsentInputs
from cc_lint.pipeline import lint_records
from cc_lint.policy.loader import Policy, Rule

DEFAULT_USES = ("redistribute",)


def example_inputs(rule: Rule, example: Mapping[str, Any], number: int) -> ConsentInputs:
    where = f"{rule.origin} (example {number})"
    inputs = ConsentInputs(depicts_people=example.get("depicts_people"))
    if "as_of" in example:
        inputs.as_of = parse_date(example["as_of"])
    for item in example.get("consent", []):
        inputs.registers.append(entry_from_mapping(item, where))
    if inputs.registers:
        inputs.register_files.append(where)
    for text in example.get("opt_out", []):
        inputs.optouts.append(classify(text, where))
    if "opt_out" in example:
        inputs.optout_files.append(where)
    return inputs


def run_example(rule: Rule, example: Mapping[str, Any], number: int = 1) -> list[dict[str, Any]]:
    """Findings of this rule alone for one example (an empty list means PASS)."""
    policy = Policy(packs=[], rules=[rule], files=[])
    return lint_records(
        [example["record"]],
        policy,
        list(example.get("uses") or DEFAULT_USES),
        dataset_license=example.get("dataset_license"),
        consent=example_inputs(rule, example, number),
    )
