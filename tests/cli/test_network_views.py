"""Region, themagroep, fieldlab and org views, search and the report, cross-checked
against the YAML files themselves on a generated registry."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.store.yamlio import parse_text
from tests.helpers import run_bieb

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

PHASES = ["idee", "experiment", "implementatie"]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(240, tmp_path_factory.mktemp("large") / "registry")


def _records(root: Path, kind: str) -> Iterator[dict[str, Any]]:
    for path in sorted((root / kind).glob("*.yaml")):
        yield parse_text(path.read_text(encoding="utf-8")).data


def _expected(root: Path) -> dict[str, dict[str, set[str]]]:
    """Who holds which projects, worked out from the files alone."""
    province = {o["id"]: o.get("province") for o in _records(root, "organisations")}
    regions = {r["id"]: r for r in _records(root, "regions")}

    def of_year(region: dict[str, Any], year: int | None) -> bool:
        """A region of the project's year (no year: a region that has not ended)."""
        period = region.get("period") or {}
        if "start" not in period:
            return True
        if year is None:
            return "end" not in period
        return int(period["start"][:4]) <= year <= int(period.get("end", "9999")[:4])

    found: dict[str, dict[str, set[str]]] = {k: {} for k in ("region", "themagroep",
                                                             "fieldlab", "org")}
    for p in _records(root, "projects"):
        orgs = [o for o in [p.get("owner"), *p.get("participants", [])] if o]
        # The fast read path gives dates as ISO text (YAML 1.2): "2021-03-01".
        year = int(p["created"][:4]) if p.get("created") else p.get("year")
        for region_id, region in regions.items():
            if of_year(region, year) and any(
                    province.get(o) in region.get("provinces", [])
                    or o in region.get("organisations", []) for o in orgs):
                found["region"].setdefault(region_id, set()).add(p["id"])
        for theme in p["themes"]:
            found["themagroep"].setdefault(theme, set()).add(p["id"])
        if p.get("fieldlab"):
            found["fieldlab"].setdefault(p["fieldlab"], set()).add(p["id"])
        for org in {*orgs, *(a["organisation"] for a in p.get("adopters", []))}:
            found["org"].setdefault(org, set()).add(p["id"])
    return found


def _json(*args: str) -> Any:
    result = run_bieb(*args)
    assert result.returncode == 0
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", ["region", "themagroep", "fieldlab", "org"])
def test_each_record_shows_exactly_its_projects(large: Path, command: str) -> None:
    expected = _expected(large)[command]
    listed = _json(command, "list", "--format", "json", "--registry", str(large))
    assert listed, "the generated registry has records of every kind"
    for row in listed:
        mine = expected.get(row["id"], set())
        assert set(row["projects"]) == mine, row["id"]
        assert sum(row["per_phase"].values()) == len(mine)
    busiest = max(listed, key=lambda r: len(r["projects"]))
    shown = _json(command, "show", busiest["id"], "--format", "json", "--registry", str(large))
    assert {i for ids in shown["projects"].values() for i in ids} == set(busiest["projects"])


def test_project_list_filters_agree_with_the_files(large: Path) -> None:
    expected = _expected(large)
    for option, command in (("--region", "region"), ("--theme", "themagroep"),
                            ("--fieldlab", "fieldlab")):
        record_id = sorted(expected[command])[0]
        listed = _json("project", "list", option, record_id, "--format", "json",
                       "--registry", str(large))
        assert {p["id"] for p in listed} == expected[command][record_id], option


def test_region_show_names_its_regiogidsen_and_organisations(registry: Path) -> None:
    result = run_bieb("region", "show", "noordoost-nederland", "--registry", str(registry))
    assert result.returncode == 0
    assert "Ilona Ebels (Biblionet Groningen), 2018-05 to 2019-05; Willemijn van de Walle " \
           "(Fers), since 2019-05" in result.stdout
    assert "  provinces:     not in the sources\n" in result.stdout
    assert "organisations: Biblionet Groningen, Fers" in result.stdout
    zuid = run_bieb("region", "show", "zuid-nederland", "--registry", str(registry)).stdout
    assert "Willy Blom - van 't Land (organisation not in the sources), since 2019-05" in zuid


def test_unknown_record_ids_name_the_closest(registry: Path) -> None:
    result = run_bieb("themagroep", "show", "efectmeting", "--registry", str(registry))
    assert result.returncode == 2
    assert "no themagroep with id 'efectmeting'" in result.stderr
    assert "Did you mean 'effectmeting'" in result.stderr


def test_list_as_markdown_and_csv(registry: Path) -> None:
    md = run_bieb("fieldlab", "list", "--format", "markdown", "--registry", str(registry))
    assert md.stdout.splitlines()[:2] == [
        "| id | name | scope | opgave | idee | experiment | implementatie |",
        "|---|---|---|---|---|---|---|"]
    assert md.stdout.splitlines()[2] == (
        "| geletterde-samenleving | Fieldlab Geletterde samenleving | not in the sources "
        "| Geletterde samenleving | 1 | 0 | 0 |")
    csv_out = run_bieb("org", "list", "--format", "csv", "--registry", str(registry))
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "id,name,kind,province,website,projects,per_phase"
    assert len(lines) == 1 + len(list((registry / "organisations").glob("*.yaml")))


def test_search_finds_a_project_by_a_word_of_its_summary(registry: Path) -> None:
    found = _json("search", "dBos", "activiteiten", "--format", "json",
                  "--registry", str(registry))
    assert [m["id"] for m in found] == ["leesleen-app-po"]
    assert found[0]["score"] == 0.5  # both words, neither in the title
    nothing = run_bieb("search", "de", "en", "--registry", str(registry))
    assert nothing.returncode == 2 and "nothing to search for" in nothing.stderr


def test_similar_ranks_a_copy_first(registry: Path) -> None:
    original = (registry / "projects" / "impact-cockpit.yaml").read_text(encoding="utf-8")
    (registry / "projects" / "impact-dashboard.yaml").write_text(
        original.replace("id: impact-cockpit", "id: impact-dashboard"), encoding="utf-8")
    found = _json("project", "similar", "impact-cockpit", "--format", "json",
                  "--registry", str(registry))
    assert found[0]["id"] == "impact-dashboard" and found[0]["score"] == 1.0
    assert "impact-cockpit" not in [m["id"] for m in found]


def test_report_counts_agree_with_the_files(large: Path) -> None:
    report = _json("report", "--format", "json", "--registry", str(large))
    projects = list(_records(large, "projects"))
    assert report["projects"] == len(projects)
    for phase in PHASES:
        for status, n in report["funnel"][phase].items():
            assert n == sum(p["phase"] == phase and p["status"] == status for p in projects)
    assert report["triage"]["kansrijk"] == sum(
        p.get("triage", {}).get("decision") == "kansrijk" for p in projects)
    assert {s["id"] for s in report["stopped"]} == {
        p["id"] for p in projects if p["status"] == "gestopt"}
    assert all(s["lessons"] for s in report["stopped"])


def test_the_programme_target_counts_the_right_projects(large: Path) -> None:
    report = _json("report", "--year", "2021", "--format", "json", "--registry", str(large))
    targets = {t["id"]: t for t in report["programme"]["targets"]}
    scope = {f["id"]: f.get("scope") for f in _records(large, "fieldlabs")}
    regional_funded = {
        p["id"] for p in _records(large, "projects")
        if p["phase"] != "idee" and p["status"] != "gestopt"
        and scope.get(p.get("fieldlab")) == "regionaal"
        and any(f["year"] == 2021 and f.get("aanvullend") for f in p.get("funding", []))}
    target = targets["kleinere-projecten-regionaal"]
    assert set(target["projects"]) == regional_funded
    assert target["met"] is (len(regional_funded) >= 5)


def test_report_without_a_programme_for_the_year_says_so(registry: Path) -> None:
    result = run_bieb("report", "--year", "2019", "--registry", str(registry))
    assert result.returncode == 0
    assert "no programme for 2019: add registry/programmes/2019.yaml" in result.stdout
    md = run_bieb("report", "--format", "markdown", "--registry", str(registry))
    assert "## Jaarprogramma 2021: targets" in md.stdout
    assert "| Minimaal twee grotere innovatieprojecten in landelijke fieldlabs | 2 | 0 | NOT MET" \
        in md.stdout


def test_region_list_shows_the_regions_and_regiogidsen_of_a_year(registry: Path) -> None:
    def listed(*year: str) -> dict[str, list[str]]:
        rows = _json("region", "list", "--format", "json", *year, "--registry", str(registry))
        return {r["id"]: [g["name"] for g in r["regiogidsen"]] for r in rows}

    assert listed("--year", "2018") == {
        "midden-en-noordwest-nederland": ["Vie van Steenbergen"],
        "noordoost-nederland": ["Ilona Ebels"], "zuidoost-nederland": ["Ingrid Roelofs"],
        "zuidwest-nederland": ["Marina Polderman"]}
    assert listed() == {
        "midden-en-noordwest-nederland": ["Vie van Steenbergen"],
        "noord-en-zuid-holland-en-zeeland": ["Deem Stam"],
        "noordoost-nederland": ["Willemijn van de Walle"],
        "zuid-nederland": ["Willy Blom - van 't Land"]}


def test_a_project_belongs_to_the_regions_of_its_year(registry: Path) -> None:
    """Bibliotheek Venlo was in Zuidoost-Nederland, a region of 2018 only."""
    path = registry / "projects" / "leesleen-app-po.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2021", "year: 2018")
                    + "owner: bibliotheek-venlo\n", encoding="utf-8")
    shown = _json("project", "list", "--format", "json", "--registry", str(registry))
    assert {p["id"]: p["regions"] for p in shown}["leesleen-app-po"] == ["zuidoost-nederland"]
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2018", "year: 2021"),
                    encoding="utf-8")
    shown = _json("project", "list", "--format", "json", "--registry", str(registry))
    assert {p["id"]: p["regions"] for p in shown}["leesleen-app-po"] == []
