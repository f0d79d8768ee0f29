"""`bieb project list` and `show`: each view shows exactly the projects it should."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from innovatiebieb.model.errors import UsageError
from innovatiebieb.read.catalogue import load_catalogue, load_for_project
from innovatiebieb.read.queries import COLUMNS, project_view
from innovatiebieb.show.tables import cell
from innovatiebieb.store import cache
from tests.helpers import run_bieb


def _list(registry: Path, *args: str) -> list[str]:
    result = run_bieb("project", "list", "--format", "json", *args, "--registry", str(registry))
    assert result.returncode == 0
    return [p["id"] for p in json.loads(result.stdout)]


def _own(registry: Path, project: str, owner: str, participants: str = "") -> None:
    path = registry / "projects" / f"{project}.yaml"
    extra = f"owner: {owner}\n" + (f"participants: [{participants}]\n" if participants else "")
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_every_project_is_listed_with_every_field(registry: Path) -> None:
    files = sorted(p.stem for p in (registry / "projects").glob("*.yaml"))
    assert _list(registry) == files
    result = run_bieb("project", "list", "--format", "json", "--registry", str(registry))
    first = json.loads(result.stdout)[0]
    assert {"id", "title", "summary", "phase", "status", "themes", "regions"} <= set(first)


def test_filters_combine_and_region_follows_the_organisations(registry: Path) -> None:
    _own(registry, "impact-cockpit", "biblionet-groningen")             # Noordoost, as owner
    _own(registry, "leesleen-app-po", "kb", participants="fers")        # Noordoost via Fers
    assert _list(registry, "--region", "noordoost-nederland") == [
        "impact-cockpit", "leesleen-app-po"]
    assert _list(registry, "--region", "noordoost-nederland", "--owner-only") == [
        "impact-cockpit"]
    assert _list(registry, "--region", "noordoost-nederland", "--theme", "effectmeting") == [
        "impact-cockpit"]
    assert _list(registry, "--org", "fers") == ["leesleen-app-po"]
    assert _list(registry, "--opgave", "leven-lang-ontwikkelen") == ["leer-en-ontwikkelplatform"]
    assert _list(registry, "--phase", "experiment") == []
    assert _list(registry, "--search", "dBos primair") == ["leesleen-app-po"]


def test_unknown_filter_values_name_the_choices(registry: Path) -> None:
    result = run_bieb("project", "list", "--region", "noordoost", "--registry", str(registry))
    assert result.returncode == 2
    assert "unknown region 'noordoost'" in result.stderr
    assert "noordoost-nederland" in result.stderr


def test_csv_opens_as_a_table_with_one_row_per_project(registry: Path) -> None:
    result = run_bieb("project", "list", "--format", "csv", "--registry", str(registry))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["id"] for r in rows) == sorted(
        p.stem for p in (registry / "projects").glob("*.yaml"))
    assert {r["themes"] for r in rows} >= {"leven-lang-leren; basisvaardigheden"}


def test_markdown_is_a_table(registry: Path) -> None:
    result = run_bieb("project", "list", "--format", "markdown", "--columns", "id,phase",
                      "--registry", str(registry))
    lines = result.stdout.splitlines()
    assert lines[:2] == ["| id | phase |", "|---|---|"]
    assert "| leesleen-app-po | idee |" in lines


def test_show_tells_everything_about_one_project(registry: Path) -> None:
    result = run_bieb("project", "show", "leesleen-app-po", "--registry", str(registry))
    assert result.returncode == 0
    assert result.stdout.startswith("Leesleen-app voor het primair onderwijs (leesleen-app-po)")
    assert "Fieldlab Geletterde samenleving" in result.stdout
    assert "Doorgaande leeslijn" in result.stdout
    missing = run_bieb("project", "show", "leesleen-app", "--registry", str(registry))
    assert missing.returncode == 2 and "Did you mean 'leesleen-app-po'?" in missing.stderr


def test_show_reads_the_snapshots_as_it_reads_the_files(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`project show` reads the list's snapshot and the one project's every field: it
    shows what reading every file shows, links between projects included."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # trust files written just now
    cockpit = registry / "projects" / "impact-cockpit.yaml"
    cockpit.write_text(cockpit.read_text(encoding="utf-8").replace(
        "\nthemes:", "\nbuilds_on: [leesleen-app-po]\nthemes:", 1), encoding="utf-8")
    shown = run_bieb("project", "show", "leesleen-app-po", "--registry", str(registry))
    assert "built on by: Cockpit maatschappelijke impact (impact-cockpit)" in \
        " ".join(shown.stdout.split())
    ids = sorted(p.stem for p in (registry / "projects").glob("*.yaml"))
    every_field = load_catalogue(registry)  # reads the files and makes the snapshots
    assert list(Path(os.environ["HOME"]).glob(".cache/bieb/*.catalogue-each-project.*"))
    for project_id in ids:
        one = load_for_project(registry, project_id)
        assert len(one.projects) < len(ids)  # from the snapshot: not every project
        assert one.projects[project_id] == every_field.projects[project_id]
        assert project_view(one, project_id) == project_view(every_field, project_id)
    with pytest.raises(UsageError) as unknown:
        project_view(load_for_project(registry, "leesleen-app"), "leesleen-app")
    assert "Did you mean 'leesleen-app-po'?" in str(unknown.value.hint)


def _settle(path: Path) -> None:
    """Date a file an hour back, as if written long ago (the snapshot then trusts it)."""
    old = path.stat().st_mtime - 3600
    os.utime(path, (old, old))


def test_a_file_changed_after_the_snapshot_is_read_again(registry: Path) -> None:
    for path in registry.rglob("*.yaml"):
        _settle(path)
    assert _list(registry, "--phase", "experiment") == []  # makes the snapshot
    path = registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "phase: idee", "phase: experiment\nproeftuin: Bibliotheek Venlo"), encoding="utf-8")
    _settle(path)
    assert _list(registry, "--phase", "experiment") == ["impact-cockpit"]
    assert _list(registry, "--phase", "experiment",
                 "--search", "Venlo") == ["impact-cockpit"]


def test_an_invalid_file_is_left_out_and_validate_says_why(registry: Path) -> None:
    path = registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    assert "impact-cockpit" not in _list(registry)
    result = run_bieb("validate", "--registry", str(registry))
    assert "impact-cockpit.yaml" in result.stdout and "unknown-field" in result.stdout
    assert _list(registry) == _list(registry, "--sort", "id")  # and the snapshot agrees


def test_a_table_shows_what_the_json_carries(registry: Path) -> None:
    """Tables and Markdown read a smaller snapshot than the machine formats (only what
    a list filters on and shows): both must list the same projects with the same values."""
    path = registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "triage:\n  decision: kansrijk\n  date: 2021-03-04\n", encoding="utf-8")
    _own(registry, "leesleen-app-po", "kb", participants="fers")
    for yaml_file in registry.rglob("*.yaml"):
        _settle(yaml_file)
    listed = {}
    for args in ([], ["--year", "2021"], ["--region", "noordoost-nederland"],
                 ["--theme", "effectmeting", "--sort", "title"]):
        for _ in range(2):  # the first run makes the snapshots, the second reads them
            shown = run_bieb("project", "list", "--format", "markdown", "--columns",
                             ",".join(COLUMNS), *args, "--registry", str(registry))
            rows = [line[2:-2].split(" | ") for line in shown.stdout.splitlines()[2:]]
            carried = json.loads(run_bieb("project", "list", "--format", "json", *args,
                                          "--registry", str(registry)).stdout)
            assert rows == [[cell(p.get(c)) for c in COLUMNS] for p in carried]
        listed[" ".join(args)] = [r[0] for r in rows]
    # The three innovations are dated 2021 by the Jaarprogramma that names them.
    assert listed["--year 2021"] == ["impact-cockpit", "leer-en-ontwikkelplatform",
                                     "leesleen-app-po"]
    assert listed["--region noordoost-nederland"] == ["leesleen-app-po"]
