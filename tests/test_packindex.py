"""rules/packs.json: the built-in packs parsed ahead of time, never trusted when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import modules_after_check

from cc_lint import yamlsafe
from cc_lint.policy import packindex
from cc_lint.policy.loader import builtin_dir, read_pack


def test_index_is_up_to_date() -> None:
    # Nobody hand-edits packs.json: regenerate with python -m cc_lint.policy.packindex.
    directory = builtin_dir()
    assert (directory / packindex.INDEX_NAME).read_text("utf-8") == packindex.render(directory)


def test_index_holds_what_the_yaml_says() -> None:
    for path in sorted(builtin_dir().glob("*.yaml")):
        assert packindex.cached(path) == yamlsafe.load_trusted(path).data, path.name


def test_a_changed_pack_is_read_from_its_yaml(tmp_path: Path) -> None:
    for path in builtin_dir().iterdir():
        shutil.copy(path, tmp_path / path.name)
    core = tmp_path / "cc-core.yaml"
    text = core.read_text("utf-8")
    assert "severity: error" in text
    core.write_text(text.replace("severity: error", "severity: warning", 1), "utf-8")
    assert packindex.cached(core) is None
    pack, _ = read_pack(core, trusted=True)
    assert pack.rules[0].severity == "warning"
    # An unchanged pack next to it still comes from the index.
    assert packindex.cached(tmp_path / "live.yaml") is not None


def test_a_run_with_built_in_packs_does_not_import_pyyaml(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,license\na,CC BY-NC 2.0\n", encoding="utf-8")
    status, loaded = modules_after_check(manifest, "--use", "commercial", "--format", "json")
    assert status == 1  # findings: the whole run happened
    assert "cc_lint.policy.packindex" in loaded and "yaml" not in loaded
