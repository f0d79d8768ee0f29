"""Three phases, as the sources say: 'opschaling' anywhere gets an error with the fix,
and scaling up is recorded inside implementatie."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_bieb

PROJECT = """\
id: uitgerold
title: Uitgerolde leesapp
summary: Een leesapp die andere bibliotheken overnamen.
phase: {phase}
status: lopend
owner: bibliotheek-venlo
themes: [doorgaande-leeslijn]
fieldlab: geletterde-samenleving
contact: {{name: Sam, email: sam@bibliotheek.example.nl}}
goal: {{kinds: [effectiviteit], description: Meer lezers.}}
triage: {{decision: kansrijk, date: 2021-02-01}}
results: Een app.
effect_measurement: Voor- en nameting.
funding:
  - {{source: KB innovatiegelden, amount_eur: 20000, year: 2021, phase: {funding_phase},
     aanvullend: true}}
  - {{source: Gemeente, amount_eur: 5000, year: 2022, structural: true}}
eigenaarschap: kb
adopters:
  - {{organisation: fers, date: 2021-09}}
  - {{organisation: bibliotheek-rotterdam, date: 2022-03, planned: true}}
history:
  - {{date: 2021-03-01, from: idee, to: experiment, decision: door, by: Vie van Steenbergen}}
  - {{date: 2021-06-01, from: experiment, to: {to}, decision: door, by: Vie van Steenbergen}}
"""


def _write(registry: Path, **values: str) -> Path:
    fields = {"phase": "implementatie", "funding_phase": "experiment", "to": "implementatie",
              **values}
    path = registry / "projects" / "uitgerold.yaml"
    path.write_text(PROJECT.format(**fields), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["phase", "to", "funding_phase"])
def test_opschaling_anywhere_is_an_error_whose_hint_gives_the_fix(registry: Path,
                                                                  where: str) -> None:
    _write(registry, **{where: "opschaling"})
    result = run_bieb("validate", "--registry", str(registry))
    assert result.returncode == 1
    assert "error[retired-value]" in result.stdout
    assert "'opschaling' is no longer used" in result.stdout
    assert "Write 'implementatie' and record the scaling up in it: eigenaarschap" \
           in result.stdout


def test_a_target_or_budget_naming_opschaling_gets_the_same_fix(registry: Path) -> None:
    lab = registry / "fieldlabs" / "kwaliteit-en-kennis.yaml"
    lab.write_text(lab.read_text(encoding="utf-8")
                   + "budget:\n  - {phase: opschaling, amount_eur: 1000}\n", encoding="utf-8")
    programme = registry / "programmes" / "2021.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "    count: 2\n", "    count: 2\n    phases: [implementatie, opschaling]\n"),
        encoding="utf-8")
    result = run_bieb("validate", "--registry", str(registry))
    assert "kwaliteit-en-kennis.yaml:19:13: error[retired-value]: budget.0.phase: " \
           "'opschaling' is no longer used" in result.stdout
    assert "2021.yaml:19:29: error[retired-value]: targets.0.phases.1: " \
           "'opschaling' is no longer used" in result.stdout


def test_the_list_filter_says_the_same(registry: Path) -> None:
    result = run_bieb("project", "list", "--phase", "opschaling", "--registry", str(registry))
    assert result.returncode == 2
    assert "'opschaling' is no longer a phase" in result.stderr
    assert "Scaling up is not a phase" in result.stderr


def test_implementatie_with_its_spread_is_valid_and_shown(registry: Path) -> None:
    _write(registry)
    assert run_bieb("validate", "--registry", str(registry)).returncode == 0
    shown = run_bieb("project", "show", "uitgerold", "--registry", str(registry)).stdout
    assert "  eigenaarschap: Koninklijke Bibliotheek\n" in shown
    assert "  spread:        1 adopted it, 1 planned; regions reached: Noordoost-Nederland; " \
           "structural funding: yes\n" in shown
    assert "  adopters:      Fers (2021-09), Bibliotheek Rotterdam (planned for 2022-03)\n" \
        in shown


def test_the_gate_into_implementatie_asks_for_an_owner_and_adopters(registry: Path) -> None:
    path = _write(registry)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("owner: bibliotheek-venlo\n", "").split("adopters:")[0]
                    + "history:" + text.split("history:")[1], encoding="utf-8")
    result = run_bieb("validate", "--registry", str(registry))
    assert "a project in 'implementatie' needs an owner organisation" in result.stdout
    assert "needs a library that adopts it (or will: an adopter with planned: true and a " \
           "date)" in result.stdout
