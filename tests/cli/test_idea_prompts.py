"""`bieb idea add` in a real terminal: each answer checked as it is typed, the look-alike
projects before recording, the record shown before it is written, Ctrl-C anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.terminal import Terminal
from tests.helpers import git, repo_state, run_bieb

TITLE = "Leesleen-app voor scholen"  # like the bundled leesleen-app-po: compared
SUMMARY = "Een app om te lenen en lezen in het primair onderwijs."
NEW = "projects/leesleen-app-voor-scholen.yaml"


def _idea(registry: Path, *args: str, term: str = "xterm-256color") -> Terminal:
    return Terminal("idea", "add", "--registry", str(registry), *args, term=term)


def _title_and_summary(t: Terminal) -> None:
    t.expect("Title")
    t.line(TITLE)
    t.expect("Summary")
    t.line(SUMMARY)


def test_a_wrong_owner_is_corrected_in_place_and_a_themagroep_picked_by_filtering(
        git_registry: Path) -> None:
    with _idea(git_registry) as t:
        _title_and_summary(t)
        t.expect("Existing projects that look like this idea")
        t.expect("leesleen-app-po")
        t.expect("go on: it is a new idea")
        t.send("enter")
        t.expect("Owner organisation")
        t.send("koninklijke-bieb", "enter")  # refused on the spot, with did-you-mean
        t.expect("unknown organisation 'koninklijke-bieb'. Did you mean 'kb'?")
        t.send("ctrl-u", "Venlo", "enter")  # a name: the one organisation holding it
        t.expect("= bibliotheek-venlo")
        t.expect("Themagroepen")
        t.expect("werkplaats")  # the registry's own choices
        t.send("leesl", "space", "enter")  # filtered down to one, picked
        t.expect("Opgaven")
        t.send("enter")
        t.expect("Participating organisations")
        t.send("enter")
        t.expect("Contact name")
        t.send("enter")
        t.expect(f"To be recorded as leesleen-app-voor-scholen in {git_registry}/{NEW}")
        t.expect("Record this idea?")
        t.send("enter")
        assert t.wait() == 0, t.text
        assert "committed" in t.text
    text = (git_registry / NEW).read_text(encoding="utf-8")
    assert "owner: bibliotheek-venlo\n" in text
    assert "themes: [doorgaande-leeslijn]\n" in text
    assert "builds_on" not in text and "contact" not in text
    assert git(git_registry.parent, "log", "-1", "--format=%s") == \
        f"idee: {TITLE} (leesleen-app-voor-scholen)\n"


def test_stop_at_the_comparison_writes_nothing_and_commits_nothing(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    with _idea(git_registry) as t:
        _title_and_summary(t)
        t.expect("stop: record nothing")
        t.send("down", "enter")
        t.expect("stopped: nothing was written")
        assert t.wait() == 0, t.text
        assert "Owner organisation" not in t.text
    assert repo_state(git_registry.parent) == before


def test_building_on_a_look_alike_is_recorded_and_validated(git_registry: Path) -> None:
    with _idea(git_registry, "--owner", "bibliotheek-venlo", "--theme", "doorgaande-leeslijn",
               "--opgave", "geletterde-samenleving", "--participant", "kb",
               "--contact-name", "Sam", "--contact-email", "sam@bibliotheek.example.nl") as t:
        _title_and_summary(t)
        t.expect("record it as building on leesleen-app-po")
        t.send("down", "down", "enter")
        t.expect("builds_on: [leesleen-app-po]")  # in the preview, before anything is written
        t.expect("Record this idea?")
        t.send("enter")
        assert t.wait() == 0, t.text
    assert "builds_on: [leesleen-app-po]\n" in (git_registry / NEW).read_text(encoding="utf-8")
    assert run_bieb("validate", "--registry", str(git_registry)).returncode == 0
    shown = run_bieb("project", "show", "leesleen-app-voor-scholen",
                     "--registry", str(git_registry))
    # the facts align at 15 since #13 added "eigenaarschap:"
    assert "builds on:     Leesleen-app voor het primair onderwijs (leesleen-app-po)" in \
        shown.stdout
    assert "built on by:   Leesleen-app voor scholen (leesleen-app-voor-scholen)" in run_bieb(
        "project", "show", "leesleen-app-po", "--registry", str(git_registry)).stdout
    similar = run_bieb("project", "similar", "leesleen-app-po", "--registry", str(git_registry))
    assert "leesleen-app-voor-scholen" in similar.stdout and "built on by" in similar.stdout


def test_an_unknown_or_own_builds_on_is_refused(git_registry: Path) -> None:
    unknown = run_bieb("project", "set", "impact-cockpit", "builds_on=[leesleen-app]",
                       "--registry", str(git_registry))
    assert unknown.returncode == 1
    assert "error[unknown-reference]: unknown project 'leesleen-app'" in unknown.stderr
    assert "Did you mean 'leesleen-app-po'?" in unknown.stderr
    itself = run_bieb("project", "set", "impact-cockpit", "builds_on=[impact-cockpit]",
                      "--registry", str(git_registry))
    assert itself.returncode == 1 and "error[builds-on-itself]" in itself.stderr


# Ctrl-C at each question: after the answers before it, the key that reaches it.
STEPS = {
    "title": [],
    "summary": [("Title", TITLE)],
    "comparison": [("Title", TITLE), ("Summary", SUMMARY)],
    "owner": [("Title", TITLE), ("Summary", SUMMARY), ("go on", "")],
    "themagroepen": [("Title", TITLE), ("Summary", SUMMARY), ("go on", ""),
                     ("Owner organisation", "kb")],
    "preview": [("Title", TITLE), ("Summary", SUMMARY), ("go on", ""),
                ("Owner organisation", "kb"), ("Themagroepen", " "), ("Opgaven", ""),
                ("Participating", ""), ("Contact name", ""), ("Record this idea?", None)],
}


@pytest.mark.parametrize("step", STEPS)
def test_ctrl_c_at_any_question_writes_nothing_and_says_so(git_registry: Path,
                                                           step: str) -> None:
    before = repo_state(git_registry.parent)
    with _idea(git_registry) as t:
        for prompt, answer in STEPS[step]:
            t.expect(prompt)
            if answer is not None:
                t.line(answer)
        t.expect({"title": "Title", "summary": "Summary", "comparison": "go on",
                  "owner": "Owner", "themagroepen": "Themagroepen",
                  "preview": "record it"}[step])
        t.send("ctrl-c")
        t.expect("cancelled; nothing was written")
        assert t.wait() == 130
    assert repo_state(git_registry.parent) == before


def test_a_dumb_terminal_gets_plain_numbered_questions(git_registry: Path) -> None:
    with _idea(git_registry, term="dumb") as t:
        _title_and_summary(t)
        t.expect("Is this idea new?")
        t.expect("3. record it as building on leesleen-app-po")
        t.line("3")
        t.expect("Owner organisation")
        t.line("venlow")  # a typo: asked again at once
        t.expect("! unknown organisation 'venlow'. Did you mean 'bibliotheek-venlo'?")
        t.line("Bibliotheek Venlo")
        t.expect("Themagroepen")
        t.line("Doorgaande leeslijn")
        t.expect("Opgaven")
        t.line("1")  # by its number in the list
        t.expect("Participating organisations")
        t.line("")
        t.expect("Contact name")
        t.line("Sam")
        t.expect("Contact e-mail")
        t.line("sam@bibliotheek.example.nl")
        t.expect("Record this idea?")
        t.line("1")
        assert t.wait() == 0, t.text
        assert "\x1b" not in t.raw.replace("\x1b[0m", "").replace("\x1b[1m", "")
    text = (git_registry / NEW).read_text(encoding="utf-8")
    assert "owner: bibliotheek-venlo\n" in text
    assert "themes: [doorgaande-leeslijn]\n" in text
    assert "opgaven: [geletterde-samenleving]\n" in text
    assert "builds_on: [leesleen-app-po]\n" in text
    assert "contact:\n  name: Sam\n  email: sam@bibliotheek.example.nl\n" in text


def test_a_refused_record_asks_again_only_the_failing_field(git_registry: Path,
                                                            tmp_path: Path) -> None:
    idea = tmp_path / "idee.yaml"
    idea.write_text(f"title: {TITLE}\nsummary: {SUMMARY}\nthemes: [werkplaats]\nowner: kb\n"
                    "opgaven: [geletterde-samenleving]\nparticipants: [fers]\n"
                    "contact: {name: Sam, email: sam@bibliotheek.example.nl}\n"
                    "goal: {kinds: [snel], description: Meer lezers.}\n", encoding="utf-8")
    with _idea(git_registry, "--from-file", str(idea), "--yes") as t:
        t.expect("asking again for: goal")
        t.expect("Goal (YAML)")
        t.send("ctrl-u", "{kinds: [effectiviteit], description: Meer lezers.}", "enter")
        assert t.wait() == 0, t.text
        for other in ("Title", "Owner organisation", "Themagroepen", "Contact name"):
            assert f"? {other}" not in t.text
    assert "goal:\n  kinds: [effectiviteit]\n" in (git_registry / NEW).read_text(
        encoding="utf-8")


def test_edit_a_field_from_the_preview(git_registry: Path) -> None:
    with _idea(git_registry, "--title", TITLE, "--summary", SUMMARY, "--owner", "kb",
               "--theme", "werkplaats", "--opgave", "geletterde-samenleving",
               "--participant", "fers", "--contact-name", "Sam",
               "--contact-email", "sam@bibliotheek.example.nl") as t:
        t.expect("go on")
        t.send("enter")
        t.expect("Record this idea?")
        t.send("down", "enter")
        t.expect("Which field?")
        t.send("down", "enter")  # the summary
        t.expect("Summary")
        t.send("ctrl-u", "Lenen en lezen op school, met een app.", "enter")
        t.expect("summary: Lenen en lezen op school, met een app.")
        t.expect("Record this idea?")
        t.send("enter")
        assert t.wait() == 0, t.text
    assert "summary: Lenen en lezen op school, met een app.\n" in (
        git_registry / NEW).read_text(encoding="utf-8")


def test_without_a_terminal_nothing_is_ever_asked(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("idea", "add", "--title", TITLE, "--registry", str(git_registry))
    assert result.returncode == 2
    assert "an idea needs summary, themes" in result.stderr
    assert "?" not in result.stdout
    org = run_bieb("org", "add", "probiblio", "--registry", str(git_registry))
    assert org.returncode == 1 and "missing required field 'name'" in org.stderr
    triage = run_bieb("project", "triage", "leesleen-app-po", "--registry", str(git_registry))
    assert triage.returncode == 2 and "a triage needs --decision" in triage.stderr
    assert repo_state(git_registry.parent) == before


@pytest.mark.parametrize("args", [["--help"], ["idea", "add", "--help"],
                                  ["idea", "add", "--title", "Voorleesuur"]])
def test_help_and_scripts_never_load_the_prompt_library(git_registry: Path,
                                                        args: list[str]) -> None:
    """questionary and prompt_toolkit cost a tenth of a second: only a terminal pays."""
    found = subprocess.run([sys.executable, "-X", "importtime", "-m", "innovatiebieb", *args,
                            *(["--registry", str(git_registry)] if len(args) > 2 else [])],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
    assert "innovatiebieb" in found.stderr  # the import log is there
    assert "questionary" not in found.stderr and "prompt_toolkit" not in found.stderr


def test_building_on_a_look_alike_can_be_chosen_at_the_preview(git_registry: Path) -> None:
    with _idea(git_registry, "--title", TITLE, "--summary", SUMMARY, "--owner", "kb",
               "--theme", "werkplaats", "--opgave", "geletterde-samenleving",
               "--participant", "fers", "--contact-name", "Sam",
               "--contact-email", "sam@bibliotheek.example.nl") as t:
        t.expect("go on")
        t.send("enter")  # a new idea, at first
        t.expect("Record this idea?")
        t.send("down", "enter")
        t.expect("Which field?")
        t.send(*["down"] * 8, "enter")  # the last: Builds on, offering the look-alikes
        t.expect("Builds on")
        t.expect("leesleen-app-po  (Leesleen-app voor het primair onderwijs)")
        t.send("space", "enter")
        t.expect("builds_on: [leesleen-app-po]")
        t.expect("Record this idea?")
        t.send("enter")
        assert t.wait() == 0, t.text
    assert "builds_on: [leesleen-app-po]\n" in (git_registry / NEW).read_text(encoding="utf-8")
