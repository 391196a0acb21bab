"""Every PASS/FAIL example of every built-in pack, run through the real pipeline."""

from __future__ import annotations

import pytest

from cc_lint.pipeline import lint_records
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
    findings = lint_records(
        [example["record"]],
        policy,
        example.get("uses", ["redistribute"]),
        dataset_license=example.get("dataset_license"),
    )
    fired = any(f["rule"] == code for f in findings)
    assert fired == (example["expect"] == "fail"), (example, findings)


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


def test_builtin_packs_satisfy_the_policy_schema() -> None:
    """Built-in packs load without validation at run time; this is their validation."""
    from cc_lint import yamlsafe
    from cc_lint.policy.loader import _validate, builtin_dir

    paths = sorted(builtin_dir().glob("*.yaml"))
    assert paths
    for path in paths:
        _validate(yamlsafe.load(path))
