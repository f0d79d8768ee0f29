"""The report the core team acts on: each target met or not, the projects that count,
those that almost do with what they lack, the actions, and the views per prioriteit,
opgave, year of funding and fieldlab scope."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import run_bieb

LAB = """\
id: {id}
name: Fieldlab {id}
scope: {scope}
opgave: geletterde-samenleving
goal: {{kinds: [efficientie], description: Minder werk.}}
"""

PROJECT = """\
id: {id}
title: Project {id}
summary: Een project.
phase: experiment
status: {status}
themes: [doorgaande-leeslijn]
opgaven: [geletterde-samenleving]
prioriteiten: [jeugd-en-onderwijs]
fieldlab: {lab}
contact: {{name: Sam, email: sam@bibliotheek.example.nl}}
goal: {{kinds: [effectiviteit], description: Meer lezers.}}
triage: {{decision: kansrijk, date: 2021-02-01}}
funding:
  - {{source: {source}, amount_eur: 10000, year: 2021, aanvullend: {aanvullend}}}
created: 2021-01-15
{extra}history:
  - {{date: 2021-03-01, from: idee, to: experiment, decision: door, by: Ria}}
"""


def _add(registry: Path) -> None:
    for lab, scope in (("regio", "regionaal"), ("land", "landelijk")):
        (registry / "fieldlabs" / f"{lab}.yaml").write_text(LAB.format(id=lab, scope=scope),
                                                            encoding="utf-8")
    projects = [
        ("telt", "regio", "lopend", "Provincie", "true", ""),
        ("eigen-budget", "regio", "lopend", "Budget van het fieldlab", "false", ""),
        ("gestopt", "regio", "gestopt", "Provincie", "true", "stop_reason: Geen tijd.\n"),
        ("landelijk", "land", "lopend", "KB innovatiegelden", "false", ""),
    ]
    for pid, lab, status, source, aanvullend, extra in projects:
        text = PROJECT.format(id=pid, lab=lab, status=status, source=source,
                              aanvullend=aanvullend, extra=extra)
        if status == "gestopt":
            text += "  - {date: 2021-04-01, from: experiment, to: experiment, " \
                    "decision: stoppen, by: Ria}\n"
        (registry / "projects" / f"{pid}.yaml").write_text(text, encoding="utf-8")


def _report(registry: Path, *args: str) -> Any:
    result = run_bieb("report", "--year", "2021", *args, "--registry", str(registry))
    assert result.returncode == 0
    return json.loads(result.stdout) if "json" in args else result.stdout


def test_targets_count_only_running_projects_with_additional_funding(registry: Path) -> None:
    _add(registry)
    assert run_bieb("validate", "--registry", str(registry)).returncode == 0
    report = _report(registry, "--format", "json")
    targets = {t["id"]: t for t in report["programme"]["targets"]}
    regional = targets["kleinere-projecten-regionaal"]
    assert regional["projects"] == ["telt"]
    assert regional["met"] is False  # 1 of 5
    almost = {a["id"]: a["lacks"] for a in regional["almost"]}
    assert almost["eigen-budget"] == ["no additional funding (aanvullend: true) in 2021"]
    assert "gestopt" not in almost  # a stopped project never counts, nor nearly
    assert almost["landelijk"] == ["in a landelijk fieldlab, not a regionaal one",
                                   "no additional funding (aanvullend: true) in 2021"]
    assert almost["leesleen-app-po"] == [
        "in phase idee; counted are experiment, implementatie",
        "in Fieldlab Geletterde samenleving, whose scope (landelijk or regionaal) is not in "
        "the sources", "no additional funding (aanvullend: true) in 2021"]
    assert [a["id"] for a in regional["almost"]][:1] == ["eigen-budget"]  # fewest lacks first
    national = targets["grotere-projecten-landelijk"]
    assert national["projects"] == ["landelijk"] and national["met"] is False
    assert report["funding"] == {"2021": {"total": 40000, "aanvullend": 20000,
                                          "structural": 0}}
    assert report["scopes"]["regionaal"] == ["Fieldlab regio"]
    assert report["prioriteiten"]["Jeugd & onderwijs"] == {
        "idee": 0, "experiment": 4, "implementatie": 0}


def test_the_bundled_2021_report_holds_the_three_innovations_against_the_programme(
        registry: Path) -> None:
    md = _report(registry, "--format", "markdown")
    assert md.startswith("# Innovation network report (projects started or decided in "
                         "2021: 3)\n\nJaarprogramma 2021, aim: Te groeien van 4 miljoen leden "
                         "naar 8 miljoen betrokken, vaardige en geïnspireerde burgers.\n")
    for title in ("Leesleen-app voor het primair onderwijs", "Cockpit maatschappelijke impact",
                  "Interactief leer- en ontwikkelplatform"):
        assert md.count(f"({title}) | in phase idee") == 2, title
    assert md.count("| NOT MET |") == 2
    assert "## Jaarprogramma 2021: actions" in md
    actions = md.split("## Jaarprogramma 2021: actions")[1].split("\n## ")[0]
    assert actions.count("| not in the sources |") == 5
    assert "| Uitwerken van de aanpak voor landelijk opschaling van innovaties met extra " \
           "aandacht voor eigenaarschap en duurzame financiering | lopend |" in actions
    assert "| Geletterde samenleving | 1 | 0 | 0 | 1 |" in md  # opgave x phase, by name
    assert "| not in the sources | 2 | Fieldlab Geletterde samenleving, Fieldlab kwaliteit " \
           "en kennis |" in md
