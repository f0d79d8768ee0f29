"""`bieb overview` counts what the files say."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from tests.helpers import run_bieb


def _field(path: Path, key: str) -> str:
    match = re.search(rf"^{key}: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match
    return match.group(1).strip()


def test_overview_counts_projects_per_phase_as_in_the_files(registry: Path) -> None:
    # Make the counts interesting: one project owned by a Groningen organisation.
    p = registry / "projects" / "impact-cockpit.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "owner: biblionet-groningen\n", encoding="utf-8")
    result = run_bieb("overview", "--registry", str(registry))
    assert result.returncode == 0
    phases = Counter(_field(f, "phase") for f in (registry / "projects").glob("*.yaml"))
    total = sum(phases.values())
    assert f"Innovatienetwerk openbare bibliotheken: {total} projects" in result.stdout
    funnel = result.stdout.split("Projects per phase", 1)[1].splitlines()
    counts_row = next(ln for ln in funnel if re.search(r"\d", ln))
    assert [int(n) for n in re.findall(r"\d+", counts_row)] == [
        phases[p] for p in ("idee", "experiment", "implementatie")]
    region_row = next(ln for ln in result.stdout.splitlines() if "Noordoost-Nederland" in ln
                      and "│" in ln and "Ilona" not in ln)
    assert region_row.split("│")[-2].strip() == "1"  # total for the region


def test_overview_lists_the_current_regiogidsen_and_every_fieldlab() -> None:
    result = run_bieb("overview", "--registry", "registry")
    for name in ("Vie van Steenbergen", "Deem Stam", "Willemijn van de Walle",
                 "Willy Blom - van 't Land", "Fieldlab kwaliteit en kennis"):
        assert name in result.stdout
    for name in ("Ingrid Roelofs", "Marina Polderman", "Ilona Ebels", "Zuidoost-Nederland"):
        assert name not in result.stdout  # the 2018 set, replaced in mei 2019
    assert "│ not in the sources │" in result.stdout  # no scope, no organisation
    assert "?" not in result.stdout
