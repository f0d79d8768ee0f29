"""The domain's fixed words, as the network says them (Dutch values stay Dutch).

Plain enums without pydantic, so the command line can offer them as choices
without loading the models.
"""

from enum import StrEnum


class Phase(StrEnum):
    IDEE = "idee"
    EXPERIMENT = "experiment"
    IMPLEMENTATIE = "implementatie"
    OPSCHALING = "opschaling"


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


class GoalKind(StrEnum):
    EFFECTIVITEIT = "effectiviteit"
    EFFICIENTIE = "efficientie"


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
KIND_FOLDERS = ("organisations", "regions", "themagroepen", "fieldlabs", "projects",
                "programmes")
