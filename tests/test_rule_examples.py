"""Every PASS/FAIL example of every built-in pack, run through the real pipeline.

Examples may carry consent context (consent register entries, opt-out entries,
as_of, a depicts_people declaration): cc_lint.policy.examples runs them with it.
"""

from __future__ import annotations

import pytest

from cc_lint.policy.examples import run_example
from cc_lint.policy.loader import builtin_packs, load_policy

EXAMPLES = [
    pytest.param(pack.name, rule.code, i, id=f"{rule.code}-{i}-{ex['expect']}")
    for pack in builtin_packs().values()
    for rule in pack.rules
    for i, ex in enumerate(rule.examples)
]


@pytest.mark.parametrize(("pack", "code", "index"), EXAMPLES)
def test_example(pack: str, code: str, index: int) -> None:
    policy = load_policy([pack])
    rule = next(r for r in policy.rules if r.code == code)
    example = rule.examples[index]
    findings = run_example(rule, example, index + 1)
    fired = [f for f in findings if f["rule"] == code]
    if example["expect"] == "fail":
        assert len(fired) == 1, (rule.origin, example, findings)
    else:
        assert not fired, (rule.origin, example, fired)


def test_every_rule_has_a_pass_and_a_fail_example() -> None:
    for pack in builtin_packs().values():
        for rule in pack.rules:
            kinds = {ex["expect"] for ex in rule.examples}
            assert kinds == {"pass", "fail"}, rule.code


def test_rule_codes_and_names_are_unique_across_packs() -> None:
    codes = [r.code for p in builtin_packs().values() for r in p.rules]
    names = [r.name for p in builtin_packs().values() for r in p.rules]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_every_pack_cites_its_sources_and_says_it_is_not_legal_advice() -> None:
    for pack in builtin_packs().values():
        assert pack.notice and "not legal advice" in " ".join(pack.notice.split()), pack.name
        for rule in pack.rules:
            assert rule.link, f"{rule.code} has no link"
            assert rule.rationale, f"{rule.code} has no rationale"


def test_builtin_packs_satisfy_the_policy_schema() -> None:
    """Built-in packs load without validation at run time; this is their validation."""
    from cc_lint import yamlsafe
    from cc_lint.policy.loader import _validate, builtin_dir

    paths = sorted(builtin_dir().glob("*.yaml"))
    assert paths
    for path in paths:
        _validate(yamlsafe.load(path))
