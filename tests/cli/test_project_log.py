"""`bieb project log`: the git history of a project's file, by bieb or by hand."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import git, run_bieb


def test_log_shows_every_commit_with_author_and_changed_fields(git_registry: Path) -> None:
    repo = git_registry.parent
    reg = ("--registry", str(git_registry))
    assert run_bieb("project", "triage", "leesleen-app-po", "--decision", "kansrijk",
                    "--note", "Past bij de opgave", *reg).returncode == 0
    path = git_registry / "projects" / "leesleen-app-po.yaml"
    with path.open("a", encoding="utf-8") as f:  # a change by hand, by someone else
        f.write("proeftuin: Bibliotheek Venlo\n")
    git(repo, "commit", "--quiet", "--author", "Regio Gids <gids@poi.example.nl>",
        "-m", "Proeftuin toegevoegd", "--", str(path))
    path.write_text(path.read_text(encoding="utf-8") + "# nog niet vastgelegd\n",
                    encoding="utf-8")

    result = run_bieb("project", "log", "leesleen-app-po", "--format", "json", *reg)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    assert log["uncommitted"] is True
    commits = log["commits"]
    assert [c["subject"] for c in commits] == [
        "Proeftuin toegevoegd",
        "triage kansrijk: Leesleen-app voor het primair onderwijs (leesleen-app-po)",
        "registry"]
    assert [c["author"] for c in commits] == ["Regio Gids", "Mo Derator", "Mo Derator"]
    assert [c["changed"] for c in commits] == [["proeftuin"], ["triage", "history"],
                                               ["(created)"]]
    assert commits[1]["body"].startswith("Past bij de opgave")

    text = run_bieb("project", "log", "leesleen-app-po", *reg)
    assert "uncommitted changes in" in text.stdout
    assert "Regio Gids <gids@poi.example.nl>" in text.stdout
    assert "changed: proeftuin" in text.stdout


def test_log_follows_a_renamed_file(git_registry: Path) -> None:
    repo = git_registry.parent
    old = git_registry / "projects" / "impact-cockpit.yaml"
    new = git_registry / "projects" / "impact-dashboard.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("id: impact-cockpit",
                                                           "id: impact-dashboard"),
                   encoding="utf-8")
    old.unlink()
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Hernoemd")
    log = json.loads(run_bieb("project", "log", "impact-dashboard", "--format", "json",
                              "--registry", str(git_registry)).stdout)
    assert [c["subject"] for c in log["commits"]] == ["Hernoemd", "registry"]
    assert log["commits"][1]["path"] == "registry/projects/impact-cockpit.yaml"


def test_log_outside_git_says_why_and_unknown_ids_get_the_closest(registry: Path) -> None:
    outside = run_bieb("project", "log", "impact-cockpit", "--registry", str(registry))
    assert outside.returncode == 2
    assert "is not in a git repository" in outside.stderr
    unknown = run_bieb("project", "log", "impact", "--registry", str(registry))
    assert unknown.returncode == 2 and "Did you mean 'impact-cockpit'?" in unknown.stderr
