"""The domain's fixed words, as the network says them (Dutch values stay Dutch).

Plain enums without pydantic, so the command line can offer them as choices
without loading the models.
"""

from enum import StrEnum


class Phase(StrEnum):
    """The three innovatiefasen, "idee, experiment, implementatie" (Innovatie 2019).

    Adoption by other libraries is phase 3 itself (Innovatieagenda); scaling up
    nationally is work within implementatie, not a fourth phase (Jaarprogramma 2021).
    """

    IDEE = "idee"
    EXPERIMENT = "experiment"
    IMPLEMENTATIE = "implementatie"


# Words the registry once used and no longer does, with how to write the file now.
# The schema error of such a value gets this as its hint instead of the plain list.
RETIRED_VALUES = {
    "opschaling": "Scaling up is not a phase: the sources have three (idee, experiment, "
                  "implementatie). Write 'implementatie' and record the scaling up in it: "
                  "eigenaarschap (the national owner), funding with structural: true, and "
                  "adopters with their dates.",
}


class Status(StrEnum):
    LOPEND = "lopend"
    AANGEHOUDEN = "aangehouden"
    GESTOPT = "gestopt"


class TriageDecision(StrEnum):
    KANSRIJK = "kansrijk"
    NIET_KANSRIJK = "niet-kansrijk"
    AANGEHOUDEN = "aangehouden"


class Decision(StrEnum):
    """What a phase ended in: go on, repeat, stop; or shelve and resume (no phase change)."""

    DOOR = "door"
    HERHALEN = "herhalen"
    STOPPEN = "stoppen"
    AANHOUDEN = "aanhouden"
    HERVATTEN = "hervatten"
    # The Innovatieraad's triage of an idea: a decision too, so it is in the history.
    TRIAGE = "triage"


class GoalKind(StrEnum):
    EFFECTIVITEIT = "effectiviteit"
    EFFICIENTIE = "efficientie"


# How the sources write the goal kinds (Jaarprogramma 2021): the ids stay ASCII
# so they are easy to type; every view shows these.
GOAL_KIND_NAMES = {GoalKind.EFFECTIVITEIT: "Effectiviteit", GoalKind.EFFICIENTIE: "Efficiëntie"}


class ActionStatus(StrEnum):
    """How far a programme action is."""

    GEPLAND = "gepland"
    LOPEND = "lopend"
    GEREED = "gereed"


class FieldlabScope(StrEnum):
    LANDELIJK = "landelijk"
    REGIONAAL = "regionaal"


class OrganisationKind(StrEnum):
    BIBLIOTHEEK = "bibliotheek"
    POI = "poi"
    KB = "kb"
    VOB = "vob"
    SPN = "spn"
    KENNISINSTELLING = "kennisinstelling"
    BEDRIJF = "bedrijf"
    GEMEENTE = "gemeente"
    OVERIG = "overig"


# What each value means, in the network's own words: the JSON Schema shows it in
# the editor. Every value of every enum above needs a line (a test holds this).
MEANINGS: dict[type[StrEnum], tuple[str, dict[str, str]]] = {
    Phase: ("De innovatiefase van het project (Actieagenda).", {
        "idee": "ideeontwikkeling: een kansrijk idee uit het veld, nog niet beproefd",
        "experiment": "het idee wordt beproefd, in een fieldlab of een proeftuin",
        "implementatie": "de innovatie wordt verder ontwikkeld en door bibliotheken "
                         "overgenomen (fase 3)",
    }),
    Status: ("Of er nu aan het project gewerkt wordt.", {
        "lopend": "er wordt aan gewerkt",
        "aangehouden": "tijdelijk stilgelegd; het kan hervat worden",
        "gestopt": "beëindigd; stop_reason zegt waarom, lessons wat er geleerd is",
    }),
    TriageDecision: ("Het besluit van de Innovatieraad over een idee.", {
        "kansrijk": "het idee gaat door naar een experiment",
        "niet-kansrijk": "het idee gaat niet verder",
        "aangehouden": "het besluit is uitgesteld",
    }),
    Decision: ("Een besluit in de geschiedenis van het project: aan het eind van een fase, "
               "door de moderator, of de triage door de Innovatieraad.", {
        "door": "door naar de volgende fase",
        "herhalen": "de fase wordt herhaald",
        "stoppen": "het project stopt",
        "aanhouden": "het project wordt aangehouden (geen fasewissel)",
        "hervatten": "een aangehouden project gaat verder (geen fasewissel)",
        "triage": "de triage van het idee door een lid van de Innovatieraad",
    }),
    ActionStatus: ("Hoe ver een actie van het programma is.", {
        "gepland": "nog niet begonnen",
        "lopend": "er wordt aan gewerkt",
        "gereed": "afgerond",
    }),
    GoalKind: ("Waar het resultaat op mikt.", {
        "effectiviteit": "bereik, gebruik of maatschappelijke impact",
        "efficientie": "besparing van kosten of personeelstijd",
    }),
    FieldlabScope: ("Voor wie het fieldlab werkt.", {
        "landelijk": "voor het hele land; heeft geen regio",
        "regionaal": "voor een regio; region zegt welke",
    }),
    OrganisationKind: ("Het soort organisatie.", {
        "bibliotheek": "een lokale openbare bibliotheek",
        "poi": "een provinciale ondersteuningsinstelling",
        "kb": "de Koninklijke Bibliotheek",
        "vob": "de Vereniging van Openbare Bibliotheken",
        "spn": "Samenwerkende POI's Nederland",
        "kennisinstelling": "een hogeschool, universiteit of onderzoeksinstituut",
        "bedrijf": "een bedrijf",
        "gemeente": "een gemeente",
        "overig": "een andere organisatie",
    }),
}


def meaning(enum: type[StrEnum]) -> str:
    """An enum's description: what it is, then each value and what it means."""
    summary, values = MEANINGS[enum]
    return summary + " " + "; ".join(f"{v}: {values[v]}" for v in enum) + "."


# The record folders of a registry, in the order they are loaded (references
# point backwards). models.KINDS maps the same names to their models.
KIND_FOLDERS = ("organisations", "bodies", "regions", "themagroepen", "fieldlabs",
                "projects", "programmes")
# The record folders that name who decides (check.deciders): the Innovatieraad's
# members, the regiogidsen and the moderators. A project's decider warnings
# depend on them.
DECIDER_FOLDERS = ("bodies", "regions", "themagroepen")
# Reference target -> the folder of records it names (check.validate.Index). The
# names in these folders decide whether a reference is known, so they are part of
# what every file's remembered problems depend on (check.remembered).
TARGET_FOLDERS = {"organisation": "organisations", "themagroep": "themagroepen",
                  "fieldlab": "fieldlabs", "region": "regions", "project": "projects"}
