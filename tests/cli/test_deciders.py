"""Who decides is recorded and checked: known deciders only, triage by the Innovatieraad,
and a member abstains on their own organisation's projects."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import add_deciders
from tests.helpers import git, repo_state, run_bieb


def _triage(registry: Path, project: str, *args: str):  # type: ignore[no-untyped-def]
    return run_bieb("project", "triage", project, "--decision", "kansrijk", "--date",
                    "2026-11-02", *args, "--registry", str(registry))


def test_an_unknown_decider_is_refused_with_the_known_names(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    for command in (["triage", "leesleen-app-po", "--decision", "kansrijk"],
                    ["shelve", "leesleen-app-po"], ["stop", "leesleen-app-po", "--reason", "x"]):
        result = run_bieb("project", *command, "--by", "Iemand Anders", "--date", "2026-11-02",
                          "--registry", str(git_registry))
        assert result.returncode == 2, command
        assert "'Iemand Anders' is not someone who decides" in result.stderr
        assert "Mo Derator" in result.stderr and "Ria Moderator" in result.stderr
        assert "Willemijn van de Walle" in result.stderr  # a regiogids of 2026
        assert "Ilona Ebels" not in result.stderr  # her period ended in 2019
    assert repo_state(git_registry.parent) == before


def test_without_by_the_decider_is_found_by_the_git_e_mail(git_registry: Path) -> None:
    repo = git_registry.parent
    git(repo, "config", "user.name", "M. Derator")  # the name differs; the e-mail is known
    assert _triage(git_registry, "leesleen-app-po").returncode == 0
    text = (git_registry / "projects" / "leesleen-app-po.yaml").read_text(encoding="utf-8")
    assert text.endswith("triage:\n  decision: kansrijk\n  date: 2026-11-02\n  by: Mo Derator\n"
                         "year: 2021\nhistory:\n  - date: 2026-11-02\n    from: idee\n"
                         "    to: idee\n    decision: triage\n    by: Mo Derator\n"
                         "    note: kansrijk\n")


def test_an_unknown_git_identity_must_name_a_decider(git_registry: Path) -> None:
    repo = git_registry.parent
    git(repo, "config", "user.name", "Nieuwe Collega")
    git(repo, "config", "user.email", "nieuw@bieb.example.nl")
    before = repo_state(repo)
    result = run_bieb("project", "shelve", "leesleen-app-po", "--registry", str(git_registry))
    assert result.returncode == 2
    assert "your git identity (Nieuwe Collega <nieuw@bieb.example.nl>)" in result.stderr
    assert "Pass --by NAME" in result.stderr
    assert repo_state(repo) == before
    ok = run_bieb("project", "shelve", "leesleen-app-po", "--by", "ria moderator",
                  "--registry", str(git_registry))
    assert ok.returncode == 0
    assert "by: Ria Moderator\n" in (git_registry / "projects" / "leesleen-app-po.yaml"
                                     ).read_text(encoding="utf-8")


def test_triage_is_the_innovatieraads(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = _triage(git_registry, "leesleen-app-po", "--by", "Ria Moderator")
    assert result.returncode == 1
    assert "Ria Moderator (moderator of Doorgaande leeslijn) is not a member of the " \
           "Innovatieraad" in result.stderr
    assert "Members on that date: Fenna Fers, Mo Derator." in result.stderr
    early = run_bieb("project", "triage", "leesleen-app-po", "--decision", "kansrijk",
                     "--by", "Fenna Fers", "--date", "2020-06-01", "--registry",
                     str(git_registry))
    assert early.returncode == 2  # she joined in 2021
    assert repo_state(git_registry.parent) == before


def test_a_member_abstains_on_their_own_organisations_project(git_registry: Path) -> None:
    assert run_bieb("project", "set", "impact-cockpit", "participants=[fers]", "--registry",
                    str(git_registry)).returncode == 0
    before = repo_state(git_registry.parent)
    result = _triage(git_registry, "impact-cockpit", "--by", "Fenna Fers")
    assert result.returncode == 1
    assert "Fenna Fers abstains: their organisation 'fers' owns or takes part in " \
           "impact-cockpit" in result.stderr
    assert "Another member decides: Mo Derator." in result.stderr
    assert repo_state(git_registry.parent) == before
    assert _triage(git_registry, "impact-cockpit", "--by", "Mo Derator").returncode == 0


def test_with_no_members_the_hint_says_where_to_add_them(registry: Path) -> None:
    git(registry.parent, "init", "--quiet")
    result = run_bieb("project", "triage", "leesleen-app-po", "--decision", "kansrijk",
                      "--by", "Vie van Steenbergen", "--no-commit", "--registry", str(registry))
    assert result.returncode == 1
    assert "add them (name, organisation, period) to bodies/innovatieraad.yaml" in result.stderr


def test_validate_warns_about_deciders_it_does_not_know(registry: Path) -> None:
    add_deciders(registry)
    path = registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "participants: [fers]\n"
                    "history:\n"
                    "  - {date: 2021-05-01, from: idee, to: idee, decision: triage,"
                    " by: Fenna Fers}\n"
                    "  - {date: 2021-06-01, from: idee, to: idee, decision: aanhouden,"
                    " by: Iemand}\n"
                    "  - {date: 2021-07-01, from: idee, to: idee, decision: hervatten,"
                    " by: Ilona Ebels}\n"
                    "  - {date: 2021-08-01, from: idee, to: idee, decision: triage,"
                    " by: Ria Moderator}\n", encoding="utf-8")
    result = run_bieb("validate", "--registry", str(registry))
    assert result.returncode == 0  # warnings: histories written before the rule stay valid
    lines = [ln.split("impact-cockpit.yaml:")[1] for ln in result.stdout.splitlines()
             if "impact-cockpit.yaml:" in ln and ("decider" in ln or "triage-not" in ln)]
    assert lines == [
        "20:68: warning[decider-abstains]: history entry 1: 'Fenna Fers' triaged a project "
        "their own organisation owns or takes part in",
        "21:71: warning[unknown-decider]: history entry 2: 'Iemand' is no moderator, "
        "regiogids or Innovatieraad member of 2021",
        "22:71: warning[unknown-decider]: history entry 3: 'Ilona Ebels' is no moderator, "
        "regiogids or Innovatieraad member of 2021",
        "23:68: warning[triage-not-by-raad]: history entry 4: 'Ria Moderator' is not a member "
        "of the Innovatieraad of 2021, whose decision a triage is"]
    # The remembered answer (validate keeps each file's problems) is the full check's.
    full = run_bieb("validate", "--registry", str(registry), env={"BIEB_NO_CACHE": "1"})
    assert (full.returncode, full.stdout) == (result.returncode, result.stdout)
