"""Every example of every built-in pack: the rule fires exactly for `expect: fail`."""

from __future__ import annotations

import pytest

from cc_lint.policy.examples import run_example
from cc_lint.policy.loader import Rule, builtin_packs


def _cases() -> list[tuple[Rule, int, dict]]:
    return [
        (rule, number, example)
        for pack in builtin_packs().values()
        for rule in pack.rules
        for number, example in enumerate(rule.examples, start=1)
    ]


@pytest.mark.parametrize(
    ("rule", "number", "example"),
    _cases(),
    ids=[f"{rule.code}-{n}-{ex['expect']}" for rule, n, ex in _cases()],
)
def test_example(rule: Rule, number: int, example: dict) -> None:
    findings = run_example(rule, example, number)
    fired = [f for f in findings if f["rule"] == rule.code]
    if example["expect"] == "fail":
        assert len(fired) == 1, f"{rule.origin}: example {number} should fail: {example}"
    else:
        assert not fired, f"{rule.origin}: example {number} should pass: {fired[0]['message']}"


def test_every_rule_has_a_pass_and_a_fail_example() -> None:
    for pack in builtin_packs().values():
        for rule in pack.rules:
            expects = {ex["expect"] for ex in rule.examples}
            assert expects == {"pass", "fail"}, f"{rule.code} lacks a PASS or a FAIL example"


def test_every_pack_cites_its_sources_and_says_it_is_not_legal_advice() -> None:
    for pack in builtin_packs().values():
        assert pack.notice and "not legal advice" in " ".join(pack.notice.split()), pack.name
        for rule in pack.rules:
            assert rule.link, f"{rule.code} has no link"
            assert rule.rationale, f"{rule.code} has no rationale"
