"""validate remembers each file's problems: only what changed is checked again, and
the answer is the one a full check gives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from innovatiebieb.check import remembered, validate
from innovatiebieb.check.ahead import Prepared
from innovatiebieb.check.remembered import check_registry
from innovatiebieb.model.problems import Needs, Problem
from innovatiebieb.model.vocabulary import TARGET_FOLDERS
from innovatiebieb.store import bulkread, cache

PROJECT = "projects/leesleen-app-po.yaml"


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Trust files written just now (see test_cache), and record which files each
    run parsed and checked."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    calls: list[set[str]] = []
    real = validate.check_files

    def recording(root: Path, files: Sequence[tuple[str, str, str]],
                  ahead: bulkread.ReadAhead[str, Prepared] | None = None
                  ) -> tuple[list[Problem], list[tuple[cache.Key | None, list[Problem], Needs]]]:
        calls.append({Path(path).name for _, path, _ in files})
        return real(root, files, ahead)

    monkeypatch.setattr(validate, "check_files", recording)
    return calls


def _full(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setenv("BIEB_NO_CACHE", "1")
    try:
        return [p.as_dict() for p in check_registry(root).problems]
    finally:
        monkeypatch.delenv("BIEB_NO_CACHE")


def _edit(registry: Path, name: str, old: str, new: str) -> None:
    path = registry / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_unchanged_registry_is_not_checked_again(registry: Path,
                                                    checked: list[set[str]]) -> None:
    _edit(registry, PROJECT, "fieldlab: geletterde-samenleving", "fieldlab: onbekend")
    first = check_registry(registry)
    assert len(checked) == 1
    second = check_registry(registry)
    assert len(checked) == 1  # nothing parsed, nothing checked
    assert second == first
    assert any(p.code == "unknown-reference" for p in second.problems)


def test_a_changed_file_is_checked_alone(registry: Path, checked: list[set[str]],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    check_registry(registry)
    _edit(registry, PROJECT, "phase: idee", "phase: experiment")
    found = check_registry(registry)
    assert checked[-1] == {"leesleen-app-po.yaml"}
    assert any(p.code == "history-phase" and p.path.endswith("leesleen-app-po.yaml")
               for p in found.problems)
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)


def test_a_new_record_a_reference_names_checks_its_referrers_again(
        registry: Path, checked: list[set[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(registry, PROJECT, "fieldlab: geletterde-samenleving", "fieldlab: nieuw-lab")
    assert any(p.code == "unknown-reference" for p in check_registry(registry).problems)
    (registry / "fieldlabs" / "nieuw-lab.yaml").write_text(
        (registry / "fieldlabs" / "geletterde-samenleving.yaml").read_text(encoding="utf-8")
        .replace("id: geletterde-samenleving", "id: nieuw-lab"), encoding="utf-8")
    found = check_registry(registry)
    assert not any(p.code == "unknown-reference" for p in found.problems)
    assert checked[-1] == {"nieuw-lab.yaml", "leesleen-app-po.yaml"}  # and its referrer
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)


@pytest.mark.parametrize("decider", ["bodies/innovatieraad.yaml",
                                     "themagroepen/doorgaande-leeslijn.yaml",
                                     "regions/noordoost-nederland.yaml"])
def test_a_changed_record_of_deciders_checks_the_histories_again(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch,
        decider: str) -> None:
    """A project's decider warnings depend on the records that name who decides: a
    change there must reach the project's remembered problems."""
    project = registry / "projects" / "impact-cockpit.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "history:\n"
                       "  - {date: 2021-06-01, from: idee, to: idee, decision: aanhouden,"
                       " by: Nieuwe Beslisser}\n", encoding="utf-8")

    def unknown() -> list[str]:
        found = check_registry(registry).problems
        assert [p.as_dict() for p in found] == _full(registry, monkeypatch)
        return [Path(p.path).name for p in found if p.code == "unknown-decider"]

    assert unknown() == ["impact-cockpit.yaml"]
    person = ("  - name: Nieuwe Beslisser\n    organisation: fers\n"
              + ("    period: {start: \"2021\"}\n" if decider.startswith("regions") else ""))
    text = (registry / decider).read_text(encoding="utf-8")
    key = {"bodies": "members", "themagroepen": "moderators", "regions": "regiogidsen"}[
        decider.split("/")[0]]
    if f"\n{key}:\n" in text:
        text = text.replace(f"\n{key}:\n", f"\n{key}:\n{person}", 1)
    else:
        text += f"{key}:\n{person}"
    (registry / decider).write_text(text, encoding="utf-8")
    assert unknown() == []
    assert "impact-cockpit.yaml" in checked[-1]


def test_remembered_problems_are_shown_from_the_working_folder(
        registry: Path, checked: list[set[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(registry, PROJECT, "phase: idee", "phase: experiment")
    monkeypatch.chdir(registry.parent)
    assert any(p.path == "registry/" + PROJECT for p in check_registry(registry).problems)
    monkeypatch.chdir(registry / "projects")
    runs = len(checked)
    found = check_registry(registry)
    assert len(checked) == runs  # remembered, shown from here
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)


def test_files_read_counts_records_only(registry: Path, checked: list[set[str]]) -> None:
    (registry / "projects" / "notes.txt").write_text("x", encoding="utf-8")
    first = check_registry(registry)
    assert check_registry(registry).files == first.files
    assert first.files == 1 + sum(1 for p in registry.glob("*/*.yaml"))
    assert remembered.Checked(first.problems, first.files) == first


def test_files_checked_on_every_core_give_the_same_problems(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Large registries are checked in forked workers; the answer must not change."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)
    _edit(registry, PROJECT, "phase: idee", "phase: experiment")
    _edit(registry, "projects/impact-cockpit.yaml", "title:", "titel:")
    found = [p.as_dict() for p in check_registry(registry).problems]
    assert {p["code"] for p in found} >= {"history-phase", "unknown-field"}
    assert found == _full(registry, monkeypatch)


def test_what_workers_checked_is_remembered_under_the_key_they_read(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a memo (a fresh clone), the workers take each file's key as they read
    it: the next run checks nothing, and a file changed since is checked alone."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)
    first = check_registry(registry)
    assert len(checked[0]) > 10
    assert check_registry(registry) == first
    assert len(checked) == 1
    _edit(registry, PROJECT, "phase: idee", "phase: experiment")
    found = check_registry(registry)
    assert checked[-1] == {"leesleen-app-po.yaml"}
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)


def test_a_problem_as_a_dict_holds_every_field_in_order() -> None:
    """as_dict is spelled out for speed: it must stay what dataclasses.asdict gives."""
    from dataclasses import asdict

    p = Problem("a.yaml", 1, 2, "code", "message", "hint")
    assert p.as_dict() == asdict(p) and list(p.as_dict()) == list(asdict(p))


def test_a_record_folder_replaced_by_a_link_is_not_read_through(
        registry: Path, tmp_path: Path, checked: list[set[str]]) -> None:
    """Remembered or not, a linked record folder is a problem and none of its files
    is read (the link could lead out of the registry)."""
    check_registry(registry)  # every file remembered
    outside = tmp_path / "outside"
    (registry / "projects").rename(outside)
    (registry / "projects").symlink_to(outside)
    result = check_registry(registry)
    assert [p.code for p in result.problems if p.code == "symlink"] == ["symlink"]
    assert not any("/projects/" in p.path for p in result.problems)
    assert all(not (names & {p.name for p in outside.iterdir()}) for names in checked[1:])


def _referrer(registry: Path, folder: str) -> tuple[Path, str]:
    """A record of `folder` that another record names, and the id it is named by."""
    for path in sorted((registry / folder).glob("*.yaml")):
        named = re.compile(rf"[:\s\[,]{re.escape(path.stem)}[\],\s]")
        if any(named.search(other.read_text(encoding="utf-8"))
               for other in registry.glob("*/*.yaml") if other != path):
            return path, path.stem
    raise AssertionError(f"no record of {folder} is named by another")


@pytest.mark.parametrize("folder", sorted(TARGET_FOLDERS.values()))
def test_a_named_record_removed_and_back_gives_the_full_verdict(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, folder: str) -> None:
    """Every kind a reference may name, projects (builds_on) included: whether a name is
    known depends on the other files, so the remembered answer must follow them."""
    # The bundled records name no project and no region yet: one reference each.
    if folder == "projects":
        _edit(registry, "projects/impact-cockpit.yaml", "\nid: impact-cockpit\n",
              "\nid: impact-cockpit\nbuilds_on: [leesleen-app-po]\n")
    if folder == "regions":
        _edit(registry, "fieldlabs/geletterde-samenleving.yaml", "\nid: geletterde-samenleving\n",
              "\nid: geletterde-samenleving\nregion: zuid-nederland\n")
    named, record_id = _referrer(registry, folder)
    assert [p.as_dict() for p in check_registry(registry).problems] == _full(registry,
                                                                             monkeypatch)
    moved = tmp_path / named.name
    named.rename(moved)
    found = check_registry(registry).problems
    assert any(p.code == "unknown-reference" and record_id in p.message for p in found)
    assert [p.as_dict() for p in found] == _full(registry, monkeypatch)
    moved.rename(named)
    found = check_registry(registry).problems
    assert not any(p.code == "unknown-reference" for p in found)
    assert [p.as_dict() for p in found] == _full(registry, monkeypatch)


def test_what_other_code_remembered_is_never_read(tmp_path: Path) -> None:
    """An upgrade, or a `git pull` of an editable install, may change the rules while
    the version number stays: the cache format names the code that wrote it."""
    package = Path(remembered.__file__).resolve().parents[1]
    copy = tmp_path / "innovatiebieb"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))

    def cache_format() -> str:
        return subprocess.run([sys.executable, "-c", "from innovatiebieb.store import cache;"
                               "print(cache.__file__, cache.FORMAT)"], cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(tmp_path)},
                              capture_output=True, text=True, check=True).stdout
    before = cache_format()
    assert before.startswith(str(copy)) and before == cache_format()
    rule = copy / "check" / "validate.py"
    rule.write_text(rule.read_text(encoding="utf-8").replace(
        "Severity.WARNING)", "Severity.ERROR)"), encoding="utf-8")
    assert cache_format() != before


def _new_project(registry: Path, record_id: str) -> None:
    """A copy of the bundled project that names nothing the others do not."""
    text = (Path(__file__).resolve().parents[2] / "registry" / PROJECT).read_text(
        encoding="utf-8")
    (registry / "projects" / f"{record_id}.yaml").write_text(
        text.replace("id: leesleen-app-po", f"id: {record_id}"), encoding="utf-8")


def test_a_new_project_nobody_names_is_checked_alone(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """`bieb idea add` then validate (a pre-commit hook): one file, not the registry."""
    check_registry(registry)
    _new_project(registry, "nieuw-idee")
    found = check_registry(registry)
    assert checked[-1] == {"nieuw-idee.yaml"}
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)


def test_an_id_that_comes_checks_those_that_name_it_or_name_an_unknown_one(
        registry: Path, checked: list[set[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    # One names the id to come; another names an unknown one (its hint lists the ids).
    _edit(registry, "projects/impact-cockpit.yaml", "\nid: impact-cockpit\n",
          "\nid: impact-cockpit\nbuilds_on: [nog-te-komen]\n")
    _edit(registry, PROJECT, "\nid: leesleen-app-po\n",
          "\nid: leesleen-app-po\nbuilds_on: [bestaat-niet]\n")
    assert len([p for p in check_registry(registry).problems
                if p.code == "unknown-reference"]) == 2
    _new_project(registry, "nog-te-komen")
    found = check_registry(registry)
    assert checked[-1] == {"nog-te-komen.yaml", "impact-cockpit.yaml", "leesleen-app-po.yaml"}
    assert [p.code for p in found.problems if p.code == "unknown-reference"] == [
        "unknown-reference"]
    assert [p.as_dict() for p in found.problems] == _full(registry, monkeypatch)
