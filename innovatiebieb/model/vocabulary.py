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


# The record folders of a registry, in the order they are loaded (references
# point backwards). models.KINDS maps the same names to their models.
KIND_FOLDERS = ("organisations", "bodies", "regions", "themagroepen", "fieldlabs",
                "projects", "programmes")
