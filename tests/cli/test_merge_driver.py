"""`bieb setup` and the merge driver under plain git pull/merge/rebase, bad cases included."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import git, run_bieb
from tests.network import make_network

P = "registry/projects/leesleen-app-po.yaml"


def bieb(clone: Path, *args: str) -> str:
    result = run_bieb(*args, cwd=clone)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _ready(tmp_path: Path) -> tuple[Path, Path]:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    for clone in (a, b):
        bieb(clone, "setup")
    return a, b


def test_setup_is_idempotent_and_declares_the_driver(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    (a / "registry" / ".gitattributes").unlink()
    first = bieb(a, "setup")
    assert "registered the merge driver in this clone's git config" in first
    second = bieb(a, "setup")
    assert "already: the merge driver is registered in this clone" in second
    assert (a / "registry" / ".gitattributes").read_text(encoding="utf-8") == (
        "# Records merge field by field (bieb setup registers the driver in a clone).\n"
        "*.yaml merge=bieb\n")
    assert git(a, "check-attr", "merge", "--", P) == f"{P}: merge: bieb\n"
    assert "-m innovatiebieb merge-file %O %A %B %P" in git(a, "config", "merge.bieb.driver")


def test_setup_adds_to_an_existing_gitattributes(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    (a / "registry" / ".gitattributes").write_text("*.md text", encoding="utf-8")
    bieb(a, "setup")
    assert (a / "registry" / ".gitattributes").read_text(encoding="utf-8") == \
        "*.md text\n*.yaml merge=bieb\n"


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_plain_git_pull_merges_records_field_by_field(tmp_path: Path, how: str) -> None:
    a, b = _ready(tmp_path)
    bieb(a, "project", "set", "leesleen-app-po", "title=Leesleen-app van Mo")
    git(a, "push", "--quiet", "origin", "main")
    bieb(b, "project", "set", "leesleen-app-po", "summary=Een app voor alle scholen.")
    git(b, "pull", "--quiet", "--no-edit", how)
    text = (b / P).read_text(encoding="utf-8")
    assert "title: Leesleen-app van Mo" in text
    assert "Een app voor alle scholen." in text
    assert git(b, "status", "--porcelain") == ""
    bieb(b, "validate")


def test_a_field_conflict_under_git_falls_back_to_git_and_prefer_settles_it(
        tmp_path: Path) -> None:
    a, b = _ready(tmp_path)
    bieb(a, "project", "set", "leesleen-app-po", "title=Leesleen-app van Mo")
    git(a, "push", "--quiet", "origin", "main")
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app van Anna")
    pulled = subprocess.run(["git", "pull", "--no-rebase", "--no-edit"], cwd=b,
                                          capture_output=True, text=True)
    assert pulled.returncode != 0
    assert (f"bieb: {P}: field title differs on both sides (changed on both sides)"
            in pulled.stderr)
    assert ("bieb: falling back to git's own line merge. To settle it field by field: git "
            "merge --abort (or git rebase --abort), then bieb sync --prefer upstream|mine "
            "leesleen-app-po:title") in pulled.stderr
    assert "<<<<<<<" in (b / P).read_text(encoding="utf-8")  # git's markers, as git does
    git(b, "merge", "--abort")
    bieb(b, "sync", "--prefer", "upstream", "leesleen-app-po:title")
    assert "title: Leesleen-app van Mo" in (b / P).read_text(encoding="utf-8")


def test_driver_falls_back_when_a_side_is_not_yaml(tmp_path: Path) -> None:
    a, b = _ready(tmp_path)
    path = a / P
    path.write_text(path.read_text(encoding="utf-8").replace("phase: idee", "phase: [idee"),
                    encoding="utf-8")
    git(a, "commit", "--quiet", "-am", "broken by hand")
    git(a, "push", "--quiet", "origin", "main")
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app van Anna")
    pulled = subprocess.run(["git", "pull", "--no-rebase", "--no-edit"], cwd=b,
                                          capture_output=True, text=True)
    assert (f"bieb: {P}: the theirs version is not valid YAML, so it cannot be merged field "
            "by field; falling back to git's own line merge") in pulled.stderr
    text = (b / P).read_text(encoding="utf-8")
    assert "phase: [idee" in text and "title: Leesleen-app van Anna" in text  # git's merge


def test_driver_with_conflict_markers_in_a_side(tmp_path: Path) -> None:
    """The driver itself, as git calls it, on three files."""
    base = tmp_path / "base.yaml"
    mine = tmp_path / "mine.yaml"
    theirs = tmp_path / "theirs.yaml"
    base.write_text("id: x\ntitle: Een\n", encoding="utf-8")
    marked = "id: x\n<<<<<<< HEAD\ntitle: Twee\n=======\ntitle: Drie\n>>>>>>> y\n"
    mine.write_text(marked, encoding="utf-8")
    theirs.write_text("id: x\ntitle: Een\nsummary: Vier\n", encoding="utf-8")
    result = run_bieb("merge-file", str(base), str(mine), str(theirs),
                      "registry/projects/x.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "the mine version is not valid YAML" in result.stderr
    assert mine.read_text(encoding="utf-8").count("<<<<<<<") >= 1  # never a bieb rewrite


def test_driver_merges_three_files_cleanly(tmp_path: Path) -> None:
    base, mine, theirs = (tmp_path / f"{n}.yaml" for n in ("base", "mine", "theirs"))
    base.write_text("id: x  # the id\ntitle: Een\n", encoding="utf-8")
    mine.write_text("id: x  # the id\ntitle: Twee\n", encoding="utf-8")
    theirs.write_text("id: x  # the id\ntitle: Een\nsummary: Vier\n", encoding="utf-8")
    result = run_bieb("merge-file", str(base), str(mine), str(theirs), "x.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert mine.read_text(encoding="utf-8") == "id: x  # the id\ntitle: Twee\nsummary: Vier\n"


def test_init_in_a_clone_registers_the_driver(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    result = run_bieb("init", "nieuw", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == (
        "created registry in nieuw (7 record folders)\n"
        "wrote nieuw/.gitattributes: record files merge with the bieb driver (commit it, so "
        "every clone has it)\n"
        "registered the merge driver in this clone's git config\n")
    assert git(tmp_path, "check-attr", "merge", "--", "nieuw/projects/x.yaml") == \
        "nieuw/projects/x.yaml: merge: bieb\n"


def test_driver_keeps_a_comment_the_other_side_added(tmp_path: Path) -> None:
    """Their new comment and my changed field, on touching lines: both kept."""
    base, mine, theirs = (tmp_path / f"{n}.yaml" for n in ("base", "mine", "theirs"))
    base.write_text("id: x\ntitle: Een\nsummary: Vier\n", encoding="utf-8")
    mine.write_text("id: x\ntitle: Twee\nsummary: Vier\n", encoding="utf-8")
    theirs.write_text("id: x\ntitle: Een\n# door de redactie\nsummary: Vier\n",
                      encoding="utf-8")
    result = run_bieb("merge-file", str(base), str(mine), str(theirs), "x.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert mine.read_text(encoding="utf-8") == (
        "id: x\ntitle: Twee\n# door de redactie\nsummary: Vier\n")
