"""Every bad input gets exit 2 and one clear line on stderr, never a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Result, run_cli

MANIFEST = "id,license\n1,CC BY 2.0\n"


def _write(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return ["check", str(path)]

    return make


def _policy(text: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        (tmp / "m.csv").write_text(MANIFEST)
        (tmp / "policy.yaml").write_text(text)
        return ["check", str(tmp / "m.csv"), "--policy", str(tmp / "policy.yaml")]

    return make


def _args(*extra: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        (tmp / "m.csv").write_text(MANIFEST)
        return ["check", str(tmp / "m.csv"), *extra]

    return make


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)

GOOD_RULE = """
rules:
  - code: XX101
    name: my-rule
    severity: error
    when: {field: license.noncommercial, is: true}
    message: nc
    rationale: because
    examples:
      - {expect: fail, record: {license: "CC BY-NC 2.0"}}
      - {expect: pass, record: {license: "CC BY 2.0"}}
"""

CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "unterminated quote": (_write("q.csv", 'id,license\n1,"CC BY 2.0\n2,CC0 1.0\n'), r"q\.csv:2: unterminated quoted field"),
    "unterminated quote, no final newline": (_write("q2.csv", 'id,license\n1,CC BY 2.0\n2,"CC0 1.0'), r"q2\.csv:3: unterminated quoted field"),
    "wrong field count": (_write("w.csv", "id,license\n1,CC BY 2.0\n2,CC0,extra\n"), r"w\.csv:3: expected 2 fields, found 3"),
    "non-UTF-8 bytes": (_write("u.csv", b"id,license,author\n1,CC BY 2.0,Jos\xe9\n"), r"u\.csv:2: not valid UTF-8"),
    "truncated JSON Lines": (_write("t.jsonl", '{"id": 1, "license": "CC BY 2.0"}\n{"id": 2, "lic'), r"t\.jsonl:2: invalid JSON.*truncated"),
    "JSON Lines with a broken line": (_write("c.jsonl", '{"id": 1}\n{"id": 2,\n'), r"c\.jsonl:2: invalid JSON: .* at column 10 "),
    "JSON Lines with a non-object": (_write("n.jsonl", '{"id": 1}\n[1, 2]\n'), r"n\.jsonl:2: expected a JSON object"),
    "empty file": (_write("e.csv", ""), r"e\.csv: file is empty"),
    "whitespace-only file": (_write("s.csv", "\n  \n"), r"s\.csv: file is empty"),
    "binary file": (_write("b.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), r"b\.csv: looks like a binary file"),
    "truncated Parquet": (_write("p.parquet", b"PAR1\x15\x04garbage"), r"p\.parquet: not a readable Parquet file"),
    "no recognised column": (_write("c.csv", "foo,bar\n1,2\n"), r"c\.csv:1: no column is recognised.*--column"),
    "missing file": (lambda tmp: ["check", str(tmp / "nope.csv")], r"nope\.csv: no such file"),
    "directory": (lambda tmp: ["check", str(tmp)], r"is a directory"),
    "unknown use": (_args("--use", "comercial"), r"unknown use 'comercial'.*commercial, redistribute"),
    "unknown format": (_args("--manifest-format", "xls"), r"unknown manifest format 'xls'"),
    "bad --column": (_args("--column", "licence=x"), r"--column: unknown field 'licence'"),
    "unknown option": (_args("--frobnicate"), r"No such option.*--frobnicate"),
    "unknown policy pack": (_args("--policy", "cc-cor"), r"no built-in pack or file named 'cc-cor'.*cc-core"),
    "YAML syntax error": (_policy("rules:\n  - code: [unclosed\n"), r"policy\.yaml:\d+: YAML error"),
    "schema violation": (_policy(GOOD_RULE.replace("severity: error", "severity: fatal")), r"policy\.yaml:5: at rules/0/severity: 'fatal' is not one of"),
    "unknown field in a condition": (_policy(GOOD_RULE.replace("license.noncommercial", "license.nc")), r"policy\.yaml:6: unknown field 'license\.nc'"),
    "unknown field in a message": (_policy(GOOD_RULE.replace("message: nc", "message: '{licence}'")), r"policy\.yaml:7: message names unknown field \{licence\}"),
    "duplicate keys": (_policy("rules: []\nrules: []\n"), r"policy\.yaml:2: duplicate key 'rules'"),
    "YAML alias bomb": (_policy(ALIAS_BOMB), r"policy\.yaml:2: YAML aliases \(\*name\) are not allowed"),
    "Python tag": (_policy("rules: !!python/object/apply:os.system ['touch PWNED']\n"), r"policy\.yaml:1: YAML error: tags such as !!python"),
    "policy is not a mapping": (_policy("- a\n- b\n"), r"policy\.yaml:1: a policy file must be a YAML mapping"),
    "disable of an unknown rule": (_policy("extends: cc-core\ndisable: [CC999]\n"), r"policy\.yaml:2: disable: no rule 'CC999'"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_exits_2_with_one_line(case: str, tmp_path: Path, monkeypatch) -> None:
    make, pattern = CASES[case]
    monkeypatch.chdir(tmp_path)
    args = make(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    start = time.perf_counter()
    result: Result = run_cli(*args)
    assert time.perf_counter() - start < 5
    assert result.code == 2, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    assert lines[0].startswith("cc-lint: error: ")
    import re

    assert re.search(pattern, lines[0]), lines[0]
    assert result.out == ""
    # inputs untouched, nothing created (the Python tag was not executed)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        run_cli("--debug", "check", str(tmp_path / "nope.csv"))


def test_internal_errors_exit_3(monkeypatch, tmp_path: Path) -> None:
    from cc_lint.commands import check

    def boom(request):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(check, "run", boom)
    result = run_cli("check", str(tmp_path / "x.csv"))
    assert result.code == 3
    assert "internal error: RuntimeError: kaboom" in result.err
    assert "Traceback" not in result.err
