"""The bundled registry held against the sources (/work/shared/seeds, digested in
DOMAIN.md): every name as the sources spell it, the periods, the counts. A fact
added here must be quoted from a source; a fact the sources do not give must stay
out of the registry (asserted below where it matters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from innovatiebieb.check.registry import Registry, load_registry
from innovatiebieb.model.models import Body, Phase
from innovatiebieb.model.periods import covers

REGISTRY = Path(__file__).resolve().parents[2] / "registry"

# "Er zijn 13 themagroepen met moderators actief op bieb-to-bieb" (mrt 2018).
THEMAGROEPEN = ["Doorgaande leeslijn", "Mediawijsheid", "Basisvaardigheden", "Leven Lang Leren",
                "Community Librarian", "Werkplaats", "Digitale bibliotheek",
                "Bibliotheek 3.0 en Transformatie & optimalisatie", "Effectmeting", "Marketing",
                "Innovatiemethodiek", "Kennisdeling", "Vakdeskundigheid"]
# Gezamenlijke innovatieagenda 2016-2018 (KWINK groep).
PRIORITEITEN = ["Jeugd & onderwijs", "Participatie & zelfredzaamheid",
                "Persoonlijke ontwikkeling",
                "Verandering & verbreding van de klassieke bibliotheek"]
# Jaarprogramma 2021 and the Netwerkagenda 2021-2023.
OPGAVEN = ["Geletterde samenleving", "Participatie in de informatiesamenleving",
           "Leven lang ontwikkelen"]
# (name, organisation, region, start, end): mei 2018 "Er zijn vier regiogidsen", mei 2019
# "drie nieuwe regiogidsen ... Vie van Steenbergen (Bibliotheek Eemland) blijft aan".
REGIOGIDSEN = [
    ("Ingrid Roelofs", "Bibliotheek Venlo", "Zuidoost-Nederland", "2018-05", "2019-05"),
    ("Vie van Steenbergen", "Bibliotheek Eemland", "Midden- en Noordwest-Nederland",
     "2018-05", None),
    ("Marina Polderman", "Noord Oost Brabantse Bibliotheken", "Zuidwest-Nederland",
     "2018-05", "2019-05"),
    ("Ilona Ebels", "Biblionet Groningen", "Noordoost-Nederland", "2018-05", "2019-05"),
    ("Deem Stam", "Bibliotheek Rotterdam", "Noord- en Zuid-Holland en Zeeland", "2019-05", None),
    ("Willemijn van de Walle", "Fers", "Noordoost-Nederland", "2019-05", None),
    ("Willy Blom - van 't Land", None, "Zuid Nederland", "2019-05", None),
]
REGIONS_2018 = {"Zuidoost-Nederland", "Midden- en Noordwest-Nederland", "Zuidwest-Nederland",
                "Noordoost-Nederland"}
REGIONS_NOW = {"Noord- en Zuid-Holland en Zeeland", "Noordoost-Nederland", "Zuid Nederland",
               "Midden- en Noordwest-Nederland"}
# Every organisation the sources name, as they write it (SPN: "De samenwerkende POI's").
ORGANISATIONS = {"Koninklijke Bibliotheek", "Vereniging van Openbare Bibliotheken",
                 "Samenwerkende POI's", "Bibliotheek Venlo", "Bibliotheek Eemland",
                 "Noord Oost Brabantse Bibliotheken", "Biblionet Groningen",
                 "Bibliotheek Rotterdam", "Fers", "Bibliotheek Deventer", "KWINK groep", "IPO",
                 "VNG", "ministerie van OCW"}
# Jaarprogramma 2021, item 3 "Inrichten en verbinden Innovatienetwerk", word for word.
ACTIONS = [
    "Inregelen regulier netwerkoverleg van innovatiespecialisten POI's, KB en bibliotheken",
    "Inregelen van het proces van verzamelen van kansrijke ideeën uit het veld en van de "
    "triage met de vernieuwde Innovatieraad",
    "Inregelen expertisepool van innovatiespecialisten",
    "Nieuwe financieringsvormen voor innovatie verkennen",
    "Organiseren Landelijke innovatiedag nieuwe stijl en vernieuwen innovatiebieb.nl",
    "Uitwerken van de aanpak voor landelijk opschaling van innovaties met extra aandacht voor "
    "eigenaarschap en duurzame financiering",
]
# The three example innovations of the Jaarprogramma 2021: id -> (fieldlab, opgave).
INNOVATIONS_2021 = {
    "leesleen-app-po": ("geletterde-samenleving", "geletterde-samenleving"),
    "impact-cockpit": ("kwaliteit-en-kennis", "participatie-in-de-informatiesamenleving"),
    "leer-en-ontwikkelplatform": (None, "leven-lang-ontwikkelen"),  # "kan onderdeel zijn"
}


@pytest.fixture(scope="module")
def bundled() -> Registry:
    registry, problems = load_registry(REGISTRY)
    assert [p for p in problems if p.severity.value == "error"] == []
    return registry


def _org(registry: Registry, org_id: str | None) -> str | None:
    return registry.organisations[org_id].name if org_id else None


def test_the_three_phases_of_the_sources() -> None:
    # "innovatiefasen (idee, experiment, implementatie)" (Innovatie 2019)
    assert [p.value for p in Phase] == ["idee", "experiment", "implementatie"]


def test_the_taxonomies_as_the_sources_name_them(bundled: Registry) -> None:
    assert bundled.info is not None
    assert sorted(t.name for t in bundled.themagroepen.values()) == sorted(THEMAGROEPEN)
    assert [t.name for t in bundled.info.prioriteiten] == PRIORITEITEN
    assert [t.name for t in bundled.info.opgaven] == OPGAVEN


def test_the_regiogidsen_with_their_periods(bundled: Registry) -> None:
    found = sorted((g.name, _org(bundled, g.organisation), r.name,
                    g.period.start if g.period else None, g.period.end if g.period else None)
                   for r in bundled.regions.values() for g in r.regiogidsen)
    assert found == sorted(REGIOGIDSEN, key=lambda g: tuple(str(x) for x in g))


def test_the_regions_follow_time(bundled: Registry) -> None:
    def of(year: int | None) -> set[str]:
        return {r.name for r in bundled.regions.values()
                if covers(r.period.start if r.period else None,
                          r.period.end if r.period else None, year)}

    assert of(2018) == REGIONS_2018
    assert of(None) == REGIONS_NOW
    assert of(2019) == REGIONS_2018 | REGIONS_NOW


def test_only_the_provinces_the_sources_make_certain(bundled: Registry) -> None:
    provinces = {r.name: r.provinces for r in bundled.regions.values()}
    assert provinces.pop("Noord- en Zuid-Holland en Zeeland") == [
        "noord-holland", "zuid-holland", "zeeland"]
    assert all(not p for p in provinces.values()), provinces


def test_every_regiogids_organisation_lies_in_its_region(bundled: Registry) -> None:
    for region in bundled.regions.values():
        for g in region.regiogidsen:
            if g.organisation:
                org = bundled.organisations[g.organisation]
                assert g.organisation in region.organisations \
                    or org.province in region.provinces, (region.id, g.name)


def test_every_organisation_the_sources_name(bundled: Registry) -> None:
    assert {o.name for o in bundled.organisations.values()} == ORGANISATIONS


def test_the_bodies_of_the_network(bundled: Registry) -> None:
    bodies = {b.id: b for b in bundled.records["bodies"].values() if isinstance(b, Body)}
    assert bodies["kernteam-innovatie"].name == "Kernteam Innovatie"
    assert bodies["kernteam-innovatie"].organisations == ["vob", "kb", "spn"]
    assert bodies["innovatieraad"].organisations == ["kb"]
    assert bodies["innovatieraad"].members == []  # the sources name none
    assert (bodies["koersgroepen"].count, bodies["reflectiegroepen"].count) == (9, 2)
    assert "netwerkoverleg" in bodies
    route = {m.name: _org(bundled, m.organisation) for m in bodies["route-2020"].members}
    assert route == {"Joost Zijderveld": "Bibliotheek Deventer", "Erik Boekesteijn": None}


def test_the_three_innovations_of_2021(bundled: Registry) -> None:
    for project_id, (fieldlab, opgave) in INNOVATIONS_2021.items():
        p = bundled.projects[project_id]
        assert (p.year, p.fieldlab, p.opgaven, p.owner) == (2021, fieldlab, [opgave], None)
        assert p.phase is Phase.IDEE  # "nog nader uit te werken"
    assert len(bundled.projects) == 3


def test_fieldlabs_have_a_goal_and_no_invented_scope(bundled: Registry) -> None:
    for lab in bundled.fieldlabs.values():
        assert {k.value for k in lab.goal.kinds} == {"effectiviteit", "efficientie"}
        assert lab.scope is None  # the sources do not say landelijk or regionaal


def test_the_programme_of_2021(bundled: Registry) -> None:
    programme = bundled.records["programmes"]["2021"]
    data = programme.model_dump()
    assert "4 miljoen leden naar 8 miljoen" in data["aim"].replace("\n", " ")
    assert [(t["count"], t["fieldlab_scope"].value, t["funded"]) for t in data["targets"]] == [
        (2, "landelijk", False), (5, "regionaal", True)]
    assert [" ".join(a["description"].split()) for a in data["actions"]] == ACTIONS


def test_every_record_says_where_its_facts_come_from() -> None:
    """A comment at the top of every record file: its source, or what it leaves out."""
    bare = [str(p.relative_to(REGISTRY)) for p in sorted(REGISTRY.glob("*/*.yaml"))
            if not p.read_text(encoding="utf-8").startswith("#")]
    assert bare == []
