"""The intake's prompts for the other kinds and for decisions: `bieb org add` and
friends ask the required fields with the registry's choices, `triage` its decision."""

from __future__ import annotations

from pathlib import Path

from tests.cli.terminal import Terminal
from tests.helpers import git, repo_state, run_bieb


def test_org_add_asks_checks_and_shows_before_writing(git_registry: Path) -> None:
    with Terminal("org", "add", "probiblio", "--registry", str(git_registry)) as t:
        t.expect("Name")
        t.line("ProBiblio")
        t.expect("Kind")
        t.expect("kennisinstelling")  # the model's own words
        t.send("down", "enter")
        t.expect("Province")
        t.send("noord-holand", "enter")
        t.expect("unknown province 'noord-holand'. Did you mean 'noord-holland'")
        t.send("ctrl-u", "Noord-Holland", "enter")
        t.expect("To be recorded as probiblio in")
        t.expect("| kind: poi")
        t.expect("Record this organisation?")
        t.send("enter")
        assert t.wait() == 0, t.text
    assert (git_registry / "organisations" / "probiblio.yaml").read_text(encoding="utf-8") == \
        "id: probiblio\nname: ProBiblio\nkind: poi\nprovince: noord-holland\n"
    assert git(git_registry.parent, "log", "-1", "--format=%s") == "org probiblio: added\n"


def test_fieldlab_add_asks_only_what_is_missing_and_cancel_writes_nothing(
        git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    with Terminal("fieldlab", "add", "leven-lang-ontwikkelen", "name=Fieldlab LLO",
                  "opgave=leven-lang-ontwikkelen", "scope=regionaal", "lead=kb",
                  "partners=[fers]", "region=zuid-nederland",
                  "--registry", str(git_registry)) as t:
        t.expect("Goal (YAML)")  # required (#13), and not given: asked before any check
        t.line("{kinds: [effectiviteit], description: Meer mensen leren hun leven lang.}")
        t.expect("To be recorded as leven-lang-ontwikkelen")
        t.expect("|   description: Meer mensen leren hun leven lang.")
        t.expect("Record this fieldlab?")
        t.send("down", "down", "enter")  # cancel
        t.expect("cancelled: nothing was written")
        assert t.wait() == 0, t.text
        assert "? Name" not in t.text and "? Opgave" not in t.text
        assert "missing required field" not in t.text and "asking again" not in t.text
    assert repo_state(git_registry.parent) == before


def test_yes_writes_without_the_preview(git_registry: Path) -> None:
    with Terminal("themagroep", "add", "jeugd-en-media", "--yes", "--no-commit",
                  "--registry", str(git_registry)) as t:
        t.expect("Name")
        t.line("Jeugd en media")
        assert t.wait() == 0, t.text
        assert "Record this" not in t.text
    assert (git_registry / "themagroepen" / "jeugd-en-media.yaml").is_file()


def test_triage_asks_for_its_decision_in_a_terminal(git_registry: Path) -> None:
    with Terminal("project", "triage", "leesleen-app-po", "--registry", str(git_registry)) as t:
        t.expect("Decision of the Innovatieraad?")
        t.expect("niet-kansrijk")
        t.send("enter")
        assert t.wait() == 0, t.text
    assert "decision: kansrijk" in (git_registry / "projects" / "leesleen-app-po.yaml").read_text(
        encoding="utf-8")


def test_idea_add_asks_again_for_an_id_that_is_taken(git_registry: Path) -> None:
    with Terminal("idea", "add", "--id", "leesleen-app-po", "--title", "Voorleesuur",
                  "--summary", "Voorlezen voor peuters.", "--theme", "werkplaats", "--owner",
                  "kb", "--opgave", "geletterde-samenleving", "--participant", "fers",
                  "--contact-name", "Sam", "--contact-email", "sam@bibliotheek.example.nl",
                  "--yes", "--registry", str(git_registry)) as t:
        t.expect("a project with id 'leesleen-app-po' exists already")
        t.expect("Id (lowercase letters, digits and hyphens)")
        t.send("ctrl-u", "voorleesuur-venlo", "enter")
        assert t.wait() == 0, t.text
    assert (git_registry / "projects" / "voorleesuur-venlo.yaml").is_file()


def test_a_new_registry_without_themagroepen_is_refused_before_any_question(
        tmp_path: Path) -> None:
    assert run_bieb("init", str(tmp_path / "nieuw")).returncode == 0
    with Terminal("idea", "add", "--registry", str(tmp_path / "nieuw")) as t:
        t.expect("themes names a themagroep, and the registry has none yet")
        assert t.wait() == 2
        assert "Title" not in t.text
