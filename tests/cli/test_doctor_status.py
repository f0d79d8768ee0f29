"""`bieb doctor` (a checklist with fixes) and `bieb status` (what the network has not seen)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import git, run_bieb
from tests.network import make_network


def test_doctor_passes_on_a_ready_clone_and_names_each_fix(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    first = run_bieb("doctor", cwd=a)
    assert first.returncode == 1
    assert "FIX   merge driver registered in this clone\n      fix: bieb setup\n" in first.stdout
    assert run_bieb("setup", cwd=a).returncode == 0
    ready = run_bieb("doctor", cwd=a)
    assert ready.returncode == 0, ready.stdout
    assert ready.stdout == (
        "ok    git identity: Mo Derator <mo@poi.example.nl>\n"
        "ok    shared remote origin/main: 0 ahead, 0 behind (at the last sync)\n"
        "ok    merge driver declared in .gitattributes\n"
        "ok    merge driver registered in this clone\n"
        "ok    registry valid (0 errors)\n"
        "ok    no uncommitted changes in the registry\n"
        "ok    every change sent to the network\n"
        "7 of 7 checks hold\n")


def test_doctor_on_requires_pre_commit_and_unsent_work(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    run_bieb("setup", cwd=a)
    info = a / "registry" / "registry.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace(
        "\nchanges: pull-request\n", "\nchanges: pull-request\nrequires: \"99.0\"\n"),
        encoding="utf-8")
    (a / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    git(a, "add", "--all")
    git(a, "commit", "--quiet", "-m", "require bieb 99")
    result = run_bieb("doctor", cwd=a)
    assert result.returncode == 1
    assert "FIX   pre-commit hook installed\n      fix: pre-commit install\n" in result.stdout
    assert "FIX   every change sent to the network\n      fix: bieb sync\n" in result.stdout
    assert "is at least 99.0, as registry.yaml requires\n      fix: pip install --upgrade " \
        "innovatiebieb\n" in result.stdout


def test_status_in_plain_words(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    assert run_bieb("status", cwd=a).stdout == \
        "the network (origin/main) has every change of this clone\n"
    run_bieb("project", "triage", "leesleen-app-po", "--decision", "kansrijk", cwd=a)
    assert run_bieb("status", cwd=a).stdout == (
        "1 changes the network has not seen yet (not sent yet: run bieb sync):\n"
        "  triage kansrijk: Leesleen-app voor het primair onderwijs (leesleen-app-po)\n")
    run_bieb("sync", cwd=a)
    assert run_bieb("status", cwd=a).stdout == (
        "1 changes the network has not seen yet (waiting for review in pull-request branch "
        "bieb/mo-derator/leesleen-app-po):\n"
        "  triage kansrijk: Leesleen-app voor het primair onderwijs (leesleen-app-po)\n")
