"""The consent options of `cc-lint check` and `cc-lint find`, run as a user would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, write_csv

EXAMPLE = REPO / "examples" / "flickr-sample.csv"
REGISTER = REPO / "examples" / "consent-register.csv"
OPT_OUT = REPO / "examples" / "opt-out.txt"


def cc_lint(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "cc_lint", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def counts(text: str) -> dict[str, int]:
    """Rule code -> count, from the text report's summary lines."""
    return {
        m.group(2): int(m.group(1).replace(",", ""))
        for m in re.finditer(r"^\s+([\d,]+)\s+(CC\d{3}) ", text, re.MULTILINE)
    }


def test_shipped_example_shows_consent_findings() -> None:
    result = cc_lint("check", EXAMPLE, "--use", "biometric", "--use", "train")
    assert result.returncode == 1, result.stderr
    found = counts(result.stdout)
    for code in ("CC301", "CC302", "CC401", "CC501", "CC601"):
        assert found.get(code, 0) > 0, code
    assert "packs: bipa, cc-core, consent, eu-ai-act, gdpr-art9" in result.stdout


def test_shipped_example_with_register_and_opt_outs() -> None:
    result = cc_lint(
        "check", EXAMPLE, "--use", "biometric,train", "--consent", REGISTER,
        "--opt-out", OPT_OUT, "--as-of", "2025-06-01", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    by_record: dict[str, set[str]] = {}
    for f in doc["findings"]:
        by_record.setdefault(f["record_id"], set()).add(f["rule"])
    assert not by_record.get("img0017", set()) & {"CC301", "CC401", "CC501", "CC601"}
    assert "CC303" in by_record["img0024"]  # withdrawn 2023-03-15
    assert "CC304" in by_record["img0030"]  # publication only, used for training
    assert "CC501" in by_record["img0046"]  # implied consent is not explicit
    assert "CC701" in by_record["img0046"]  # opted out by photo page
    assert "CC701" in by_record["img0144"]  # opted out by short link
    assert not by_record.get("img0203", set()) & {"CC301", "CC601"}  # register keyed by photo
    assert any("consent judged as of 2025-06-01" in n for n in doc["notes"])
    # Before the withdrawal, img0024's consent still counts.
    earlier = cc_lint(
        "check", EXAMPLE, "--use", "biometric", "--consent", REGISTER, "--as-of", "2023-03-14",
        "--format", "json",
    )  # fmt: skip
    rules = {
        f["rule"] for f in json.loads(earlier.stdout)["findings"] if f["record_id"] == "img0024"
    }
    assert "CC303" not in rules and "CC301" not in rules


def test_opt_out_pack_joins_an_explicit_policy(tmp_path: Path) -> None:
    result = cc_lint("check", EXAMPLE, "--policy", "cc-core", "--opt-out", OPT_OUT)
    assert result.returncode == 1
    assert counts(result.stdout)["CC701"] == 34
    assert "packs: cc-core, opt-out" in result.stdout


def test_declaring_people_settles_the_unknown_ones() -> None:
    unknown = counts(cc_lint("check", EXAMPLE, "--use", "biometric").stdout)
    declared = counts(cc_lint("check", EXAMPLE, "--use", "biometric", "--depicts-people").stdout)
    assert unknown["CC302"] == 60 and "CC302" not in declared
    assert declared["CC301"] > unknown["CC301"]
    none = counts(cc_lint("check", EXAMPLE, "--use", "biometric", "--no-depicts-people").stdout)
    assert "CC302" not in none
    assert none["CC301"] == unknown["CC301"]  # records that say "people" still count


def test_config_keys(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "out.txt").write_text("img-owner\n", encoding="utf-8")
    (tmp_path / "lists" / "reg.csv").write_text(
        "record_id,scope,evidence,evidence_type,given\nb,biometric,r,written-release,2020-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / ".cc-lint.yaml").write_text(
        "uses: [biometric]\ndepicts_people: true\nconsent: [lists/reg.csv]\nopt_out: [lists/out.txt]\n",
        encoding="utf-8",
    )
    write_csv(
        tmp_path / "m.csv",
        ["id", "photo_url", "license"],
        [
            ["a", "https://www.flickr.com/photos/img-owner/1/", "CC BY 2.0"],
            ["b", "https://www.flickr.com/photos/x/2/", "CC BY 2.0"],
        ],
    )
    (tmp_path / ".git").mkdir()  # the config search stops at the repository root
    result = cc_lint("check", "m.csv", "--format", "json", cwd=tmp_path)
    doc = json.loads(result.stdout)
    rules = {(f["record_id"], f["rule"]) for f in doc["findings"]}
    assert ("a", "CC701") in rules and ("a", "CC301") in rules
    assert not {r for r in rules if r[0] == "b"}


def test_malformed_register_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    reg = tmp_path / "reg.csv"
    reg.write_text(
        "record_id,scope,given,withdrawn\na,biometric,2020-01-01,\nb,biometric,2021-01-01,2020-01-01\n",
        encoding="utf-8",
    )
    result = cc_lint("check", EXAMPLE, "--consent", reg)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"cc-lint: error: {reg}:3: withdrawn 2020-01-01 is before given 2021-01-01\n"
    )


def test_other_input_errors_exit_2(tmp_path: Path) -> None:
    bad_list = tmp_path / "out.txt"
    bad_list.write_text("12345\nflic.kr/ps/abc\n", encoding="utf-8")
    for args, expected in [
        (("--opt-out", bad_list), f"{bad_list}:2: "),
        (("--opt-out", tmp_path / "missing.txt"), "no such opt-out list"),
        (("--consent", tmp_path / "missing.csv"), "no such consent register"),
        (("--as-of", "soon"), "--as-of 'soon' is not a date"),
    ]:
        result = cc_lint("check", EXAMPLE, *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr


def test_find_exit_codes() -> None:
    found = cc_lint("find", EXAMPLE, "--flickr-user", "7725589@N03", "--format", "json")
    assert found.returncode == 0
    doc = json.loads(found.stdout)
    assert doc["summary"]["matches"] == 31
    assert {m["record"]["flickr_owner"] for m in doc["matches"]} == {"7725589@N03"}
    missing = cc_lint("find", EXAMPLE, "--photo", "1")
    assert missing.returncode == 1
    usage = cc_lint("find", EXAMPLE)
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1


def test_a_register_enables_the_consent_pack_for_any_use() -> None:
    plain = cc_lint("check", EXAMPLE, "--use", "train")
    assert "consent" not in plain.stdout.rsplit("packs: ", 1)[1]
    result = cc_lint(
        "check", EXAMPLE, "--use", "train", "--consent", REGISTER, "--as-of", "2025-06-01"
    )
    assert "packs: cc-core, consent" in result.stdout
    assert counts(result.stdout)["CC303"] == 1  # img0024's training consent was withdrawn


def test_people_from_a_live_check(tmp_path: Path) -> None:
    """Flickr's people.haspeople (here from a saved evidence file) feeds people.depicted."""
    manifest = write_csv(
        tmp_path / "m.csv",
        ["id", "photo_url", "license"],
        [
            ["tagged", "https://www.flickr.com/photos/x/101/", "CC BY 2.0"],
            ["untagged", "https://www.flickr.com/photos/x/102/", "CC BY 2.0"],
        ],
    )
    evidence = tmp_path / "evidence.jsonl"
    lines = [
        {"photo_id": pid, "status": "ok", "license": 4, "checked_at": "2025-01-01T00:00:00Z",
         "has_people": people}
        for pid, people in (("101", True), ("102", False))
    ]  # fmt: skip
    evidence.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = cc_lint(
        "check", manifest, "--use", "biometric", "--evidence-in", evidence, "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    found = {
        (f["record_id"], f["rule"]): f["message"] for f in json.loads(result.stdout)["findings"]
    }
    assert "per flickr" in found[("tagged", "CC301")]
    assert ("untagged", "CC302") in found  # haspeople=0 leaves it unknown
    assert ("untagged", "CC301") not in found
