"""`cc-lint check` end to end: verdicts, the JSON document, exit codes, outputs."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write_csv

HEADER = ["id", "photo_url", "license", "license_url", "author", "title"]
PAGE = "https://www.flickr.com/photos/x/{}/"

# (id, license, license_url, author, title, expected rules for commercial+redistribute+adapt)
SCENARIOS = [
    ("by-full", "CC BY 2.0", "", "Ann", "T", set()),
    ("by40-no-title", "CC BY 4.0", "", "Ann", "", set()),
    ("by20-no-title", "CC BY 2.0", "", "Ann", "", {"CC109"}),
    ("nc", "Attribution-NonCommercial License", "", "Ann", "T", {"CC101"}),
    ("nd", "https://creativecommons.org/licenses/by-nd/4.0/", "", "Ann", "T", {"CC102"}),
    ("sa", "CC BY-SA 3.0 de", "", "Ann", "T", {"CC103"}),
    ("nc-nd-sa?", "CC BY-NC-ND 2.0", "", "Ann", "T", {"CC101", "CC102"}),
    ("none", "", "", "Ann", "T", {"CC104"}),
    ("arr", "All Rights Reserved", "", "Ann", "T", {"CC105"}),
    ("unknown", "Creative Commons", "", "Ann", "T", {"CC106"}),
    ("no-author", "CC BY 2.0", "", "", "T", {"CC107"}),
    ("retired", "https://creativecommons.org/licenses/nc/1.0/", "", "Ann", "T", {"CC101", "CC110"}),
    ("commons", "No known copyright restrictions", "", "", "", {"CC111"}),
    ("usgov", "United States Government Work", "", "", "", {"CC112"}),
    ("conflict", "CC BY 2.0", "https://creativecommons.org/licenses/by-nc/2.0/", "Ann", "T", {"CC101", "CC114"}),
    ("versionless", "CC BY-SA", "", "Ann", "", {"CC103", "CC109", "CC115"}),
    ("unparsed", "Some rights reserved", "https://creativecommons.org/licenses/by/2.0/", "Ann", "T", {"CC116"}),
    ("cc0", "CC0 1.0", "", "", "", set()),
    ("pdm", "Public Domain Mark", "", "", "", set()),
]  # fmt: skip


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    rows = [
        [sid, PAGE.format(i + 1), lic, url, author, title]
        for i, (sid, lic, url, author, title, _) in enumerate(SCENARIOS)
    ]
    return write_csv(tmp_path / "m.csv", HEADER, rows)


def check_json(*args: str | Path) -> tuple[int, dict]:
    result = run_cli("check", *args, "--format", "json")
    assert result.err == "", result.err
    return result.code, json.loads(result.out)


def test_each_rule_fires_exactly_where_expected(manifest: Path) -> None:
    code, doc = check_json(manifest, "--use", "commercial,redistribute", "--use", "adapt")
    assert code == 1
    got: dict[str, set[str]] = {sid: set() for sid, *_ in SCENARIOS}
    for f in doc["findings"]:
        got[f["record_id"]].add(f["rule"])
    assert got == {sid: rules for sid, *_, rules in SCENARIOS}


def test_source_missing_fires_without_any_url(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv", ["id", "license", "author", "title"], [["a", "CC BY 4.0", "Ann", "T"]]
    )
    _, doc = check_json(path, "--use", "redistribute")
    assert [f["rule"] for f in doc["findings"]] == ["CC108"]


def test_json_document_fields(manifest: Path) -> None:
    _, doc = check_json(manifest, "--use", "commercial")
    assert doc["schema_version"] == "1.0"
    assert doc["tool"]["name"] == "cc-lint"
    assert doc["manifest"]["path"] == str(manifest)
    assert doc["manifest"]["format"] == "csv"
    assert doc["manifest"]["records"] == len(SCENARIOS)
    import hashlib

    assert doc["manifest"]["sha256"] == hashlib.sha256(manifest.read_bytes()).hexdigest()
    assert doc["uses"] == ["commercial"]
    assert doc["policy"]["packs"] == ["cc-core"]
    summary = doc["summary"]
    assert summary["records"] == len(SCENARIOS)
    assert summary["findings"] == len(doc["findings"])
    assert sum(summary["by_rule"].values()) == summary["findings"]
    assert sum(summary["by_severity"].values()) == summary["findings"]
    first = doc["findings"][0]
    assert set(first) == {"rule", "name", "severity", "record_id", "location", "license", "message"}
    nc = next(f for f in doc["findings"] if f["record_id"] == "nc")
    assert nc == {
        "rule": "CC101",
        "name": "noncommercial-commercial-use",
        "severity": "error",
        "record_id": "nc",
        "location": {"line": 5},
        "license": "CC-BY-NC-2.0",
        "message": "CC-BY-NC-2.0 is NonCommercial: the declared commercial use is not allowed",
    }


def test_findings_are_ordered_and_output_is_deterministic(manifest: Path) -> None:
    args = (manifest, "--use", "commercial,redistribute,adapt")
    first = run_cli("check", *args, "--format", "json").out
    second = run_cli("check", *args, "--format", "json").out
    assert first == second
    findings = json.loads(first)["findings"]
    keys = [(f["location"]["line"], f["rule"]) for f in findings]
    assert keys == sorted(keys)


def test_text_output_form_and_summary(manifest: Path) -> None:
    result = run_cli("check", manifest, "--use", "commercial")
    assert result.code == 1
    assert f"{manifest}:5: CC101 [error] CC-BY-NC-2.0 is NonCommercial" in result.out
    assert "CC101 noncommercial-commercial-use [error]" in result.out
    assert "records checked for commercial" in result.out


def test_text_summary_counts_in_words(tmp_path: Path) -> None:
    rows = [
        ["1", PAGE.format(1), "CC BY-NC 2.0", "", "Ann", "T"],
        ["2", PAGE.format(2), "CC0 1.0", "", "", ""],
    ]
    path = write_csv(tmp_path / "m.csv", HEADER, rows)
    out = run_cli("check", path, "--use", "commercial").out
    assert "2 records checked for commercial: 1 error, 0 warnings, 0 notes in 1 record " in out


def test_text_output_caps_each_rule(tmp_path: Path) -> None:
    rows = [[str(i), PAGE.format(i), "CC BY-NC 2.0", "", "Ann", "T"] for i in range(50)]
    path = write_csv(tmp_path / "m.csv", HEADER, rows)
    out = run_cli("check", path, "--use", "commercial", "--max-per-rule", "3").out
    assert out.count(": CC101 [error]") == 3
    assert "47 not shown" in out
    out = run_cli("check", path, "--use", "commercial", "--max-per-rule", "0").out
    assert out.count(": CC101 [error]") == 50


def test_no_use_assumes_redistribute_and_says_so(manifest: Path) -> None:
    _, doc = check_json(manifest)
    assert doc["uses"] == ["redistribute"] and doc["uses_defaulted"] is True
    assert any("assumed 'redistribute'" in n for n in doc["notes"])
    assert "assumed: no --use given" in run_cli("check", manifest).out


@pytest.mark.parametrize(
    ("fail_on", "rows", "expected"),
    [
        ("error", [["a", "CC BY 2.0"]], 0),
        ("error", [["a", "CC BY-NC 2.0"]], 1),
        ("error", [["a", "CC BY-SA"]], 0),  # only a warning (version unknown)
        ("warning", [["a", "CC BY-SA"]], 1),
        ("warning", [["a", "No known copyright restrictions"]], 0),  # info
        ("info", [["a", "No known copyright restrictions"]], 1),
        ("never", [["a", "CC BY-NC 2.0"]], 0),
    ],
)
def test_exit_codes_follow_fail_on(tmp_path: Path, fail_on: str, rows, expected: int) -> None:
    path = write_csv(tmp_path / "m.csv", ["id", "license"], rows)
    result = run_cli("check", path, "--use", "commercial,train", "--fail-on", fail_on)
    assert result.code == expected, result.out


def test_output_file_is_written_atomically(manifest: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous report")
    result = run_cli("check", manifest, "--use", "commercial", "--format", "json", "-o", target)
    assert result.code == 1 and result.out == ""
    assert json.loads(target.read_text())["summary"]["records"] == len(SCENARIOS)
    # A failing run leaves the previous report and no temporary file behind.
    bad = tmp_path / "bad.csv"
    bad.write_text('id,license\n1,"CC BY\n')
    result = run_cli("check", bad, "--format", "json", "-o", target)
    assert result.code == 2
    assert json.loads(target.read_text())["summary"]["records"] == len(SCENARIOS)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_output_through_a_symlink_replaces_its_target_not_the_link(
    manifest: Path, tmp_path: Path
) -> None:
    real = tmp_path / "reports" / "report.json"
    real.parent.mkdir()
    real.write_text("previous report")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = run_cli("check", manifest, "--use", "commercial", "--format", "json", "-o", link)
    assert result.code == 1
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text())["summary"]["records"] == len(SCENARIOS)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_to_a_pipe_is_written_to_the_pipe_not_replaced(
    manifest: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("check", manifest, "--use", "commercial", "--format", "json", "-o", fifo)
    reader.join(timeout=30)
    assert result.code == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not a file renamed over it
    assert json.loads(received[0])["summary"]["records"] == len(SCENARIOS)


def test_several_manifests_make_a_json_array(manifest: Path, tmp_path: Path) -> None:
    other = write_csv(tmp_path / "other.csv", ["id", "license"], [["z", "CC BY-NC 4.0"]])
    result = run_cli("check", manifest, other, "--use", "commercial", "--format", "json")
    docs = json.loads(result.out)
    assert [d["manifest"]["path"] for d in docs] == [str(manifest), str(other)]
    assert docs[1]["findings"][0]["rule"] == "CC101"


def test_every_manifest_of_many_carries_its_own_digest(tmp_path: Path) -> None:
    import hashlib

    paths = [
        write_csv(tmp_path / f"m{i}.csv", ["id", "license"], [[f"r{i}", "CC BY-NC 4.0"]] * (i + 1))
        for i in range(7)  # more than are hashed ahead of time
    ]
    docs = json.loads(run_cli("check", *paths, "--use", "commercial", "--format", "json").out)
    assert [d["manifest"]["sha256"] for d in docs] == [
        hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
    ]


def test_dataset_license_contradiction(tmp_path: Path) -> None:
    rows = [["a", "CC BY 2.0"], ["b", "CC BY-NC 2.0"], ["c", "CC BY-ND 2.0"]]
    path = write_csv(tmp_path / "m.csv", ["id", "license"], rows)
    _, doc = check_json(path, "--use", "train", "--dataset-license", "cc-by-4.0")
    assert [f["record_id"] for f in doc["findings"] if f["rule"] == "CC113"] == ["b", "c"]
    assert doc["dataset_license"] == "cc-by-4.0"


def test_config_file_supplies_uses_and_policy(tmp_path: Path, monkeypatch) -> None:
    write_csv(tmp_path / "m.csv", ["id", "license"], [["a", "CC BY-NC 2.0"]])
    (tmp_path / "strict.yaml").write_text("extends: cc-core\nseverity: {CC101: warning}\n")
    (tmp_path / ".cc-lint.yaml").write_text(
        "uses: [commercial]\npolicy: [strict.yaml]\nfail_on: error\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "m.csv")
    assert result.code == 0  # CC101 downgraded to a warning
    assert "CC101 [warning]" in result.out


def test_user_policy_extends_disables_and_adds_rules(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv", ["id", "license", "author", "title", "url"],
        [["a", "CC BY-NC 2.0", "", "T", "https://x.org/a"]],
    )  # fmt: skip
    (tmp_path / "p.yaml").write_text(
        """
extends: [cc-core]
disable: [attribution-author-missing]
rules:
  - code: ORG001
    name: no-nc-at-all
    severity: warning
    when: {field: license.noncommercial, is: true}
    message: "{id}: our policy avoids NC ({license.id})"
    rationale: house rule
    examples:
      - {expect: fail, record: {license: "CC BY-NC 2.0"}}
      - {expect: pass, record: {license: "CC BY 2.0"}}
"""
    )
    _, doc = check_json(path, "--use", "redistribute", "--policy", tmp_path / "p.yaml")
    assert [(f["rule"], f["message"]) for f in doc["findings"]] == [
        ("ORG001", "a: our policy avoids NC (CC-BY-NC-2.0)")
    ]
    assert doc["policy"]["files"] == [str(tmp_path / "p.yaml")]


def test_rules_and_explain_commands() -> None:
    listing = run_cli("rules")
    assert listing.code == 0
    assert "CC101  noncommercial-commercial-use" in listing.out
    explained = run_cli("explain", "CC102")
    assert explained.code == 0
    assert "noderivatives-adapted" in explained.out
    assert "FAIL  --use adapt" in explained.out and "PASS" in explained.out
    assert run_cli("explain", "CC999").code == 2
    assert "license.noncommercial" in run_cli("rules", "--fields").out


def test_shipped_example_runs() -> None:
    example = REPO / "examples" / "flickr-sample.csv"
    result = run_cli("check", example, "--use", "commercial,redistribute")
    assert result.code == 1
    assert "300 records checked" in result.out
    assert "CC101 noncommercial-commercial-use" in result.out
