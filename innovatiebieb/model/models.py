"""Pydantic models: the schema of every registry file.

Strict on purpose: unknown fields are rejected and nothing is coerced, so
``active: "no"`` or ``year: "2021"`` is an error rather than a guess. The
JSON Schemas in ``schemas/`` are generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX = 64

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX),
    Field(description="An id: lowercase letters, digits and single hyphens, at most 64 long."),
]
def _not_blank(value: str) -> str:
    # Spaces, no-break spaces and other blank characters alone look like no text at
    # all; a title of three spaces would make a page without a name.
    if not value.strip():
        raise PydanticCustomError("blank", "holds only spaces or other blank characters")
    return value


Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False),
                 AfterValidator(_not_blank)]
Email = Annotated[
    str,
    StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", max_length=254),
    Field(description="An e-mail address."),
]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://[^\s]+|mailto:[^@\s]+@[^@\s]+)$", max_length=2000),
    Field(description="An http(s) or mailto address."),
]
YearMonth = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"),
    Field(description="A year (2019) or a month (2019-05)."),
]
Year = Annotated[int, Field(ge=1990, le=2100, description="A calendar year.")]
Euros = Annotated[int, Field(ge=0, description="An amount in whole euros.")]
Score = Annotated[int, Field(ge=1, le=5, description="A score from 1 (low) to 5 (high).")]


from innovatiebieb.model.vocabulary import (  # noqa: E402 - re-exported for the core
    KIND_FOLDERS,
    ActionStatus,
    Decision,
    FieldlabScope,
    GoalKind,
    OrganisationKind,
    Phase,
    Status,
    TriageDecision,
)

# Enums are matched by value: strict mode would demand enum instances, which
# YAML never holds. Everything else stays strict.
PhaseValue = Annotated[Phase, Strict(False)]
StatusValue = Annotated[Status, Strict(False)]
TriageDecisionValue = Annotated[TriageDecision, Strict(False)]
DecisionValue = Annotated[Decision, Strict(False)]
GoalKindValue = Annotated[GoalKind, Strict(False)]
FieldlabScopeValue = Annotated[FieldlabScope, Strict(False)]
OrganisationKindValue = Annotated[OrganisationKind, Strict(False)]
ActionStatusValue = Annotated[ActionStatus, Strict(False)]


REF_KEY = "x-bieb-ref"


def ref(target: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field that holds the id (or ids) of another record or taxonomy term."""
    return Field(description=description, json_schema_extra={REF_KEY: target}, **kwargs)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_enum_values=False, populate_by_name=True)


class Period(Record):
    start: YearMonth = Field(description="First year or month.")
    end: YearMonth | None = Field(None, description="Last year or month; absent while ongoing.")


class Term(Record):
    """One entry of a fixed taxonomy (opgave, prioriteit, province)."""

    id: Slug
    name: Text
    description: Text | None = None
    period: Period | None = Field(None, description="When the term was in use.")


class Contact(Record):
    name: Text
    email: Email | None = None


class Goal(Record):
    """What result the work is for (the fieldlab's assignment)."""

    kinds: list[GoalKindValue] = Field(
        min_length=1, description="effectiviteit and/or efficientie.")
    description: Text = Field(description="The result aimed for, in a sentence or two.")


class Scores(Record):
    haalbaarheid: Score | None = None
    vernieuwend: Score | None = None
    schaalbaarheid: Score | None = None
    complexiteit: Score | None = None


class Triage(Record):
    """The Innovatieraad's decision on an idea."""

    decision: TriageDecisionValue
    date: dt.date
    by: Text | None = Field(None, description="The member of the Innovatieraad who recorded "
                            "the decision (also in history).")
    note: Text | None = None
    scores: Scores | None = None


class Funding(Record):
    source: Text = Field(description="Who pays, e.g. 'KB innovatiegelden'.")
    amount_eur: Euros
    year: Year
    phase: PhaseValue | None = Field(None, description="The phase the money is for.")
    structural: bool = Field(False, description="True for lasting (not one-off) funding: "
                             "duurzame financiering, part of scaling up.")
    aanvullend: bool = Field(False, description="True for money from outside the fieldlab's "
                             "own budget ('aanvullend gefinancierd', Jaarprogramma 2021).")


class Adoption(Record):
    """A library (or other organisation) that took the innovation over, or will."""

    organisation: Slug = ref("organisation", "The adopting organisation (id).")
    date: YearMonth = Field(description="When it adopted it, or (planned) when it will.")
    planned: bool = Field(False, description="True while the adoption is only planned.")


class Link(Record):
    title: Text
    url: Url


class HistoryEntry(Record):
    """One phase decision; the history is append-only."""

    date: dt.date
    from_: PhaseValue | None = Field(None, alias="from", description="Phase before the decision.")
    to: PhaseValue = Field(description="Phase after the decision.")
    decision: DecisionValue
    by: Text = Field(description="Who decided: the name of a moderator, regiogids or "
                     "member of the Innovatieraad.")
    note: Text | None = None


class Project(Record):
    """An innovation project, through idee, experiment and implementatie."""

    id: Slug
    title: Annotated[str, StringConstraints(min_length=3, max_length=200),
                     AfterValidator(_not_blank)]
    summary: Text
    phase: PhaseValue
    status: StatusValue
    owner: Slug | None = ref("organisation", "Owning organisation (id).", default=None)
    eigenaarschap: Slug | None = ref(
        "organisation", "Who owns the innovation nationally once it scales up (id).",
        default=None)
    participants: list[Slug] = ref("organisation", "Organisation ids.", default_factory=list)
    themes: list[Slug] = ref("themagroep", "Themagroep ids.", min_length=1)
    opgaven: list[Slug] = ref("opgave", "Maatschappelijke opgaven.", default_factory=list)
    prioriteiten: list[Slug] = ref("prioriteit", "Prioriteiten (2016-2018).",
                                   default_factory=list)
    fieldlab: Slug | None = ref("fieldlab", "The fieldlab where it is tried.", default=None)
    builds_on: list[Slug] = ref(
        "project", "Projects (ids) this one builds on instead of starting again, "
        "e.g. chosen when the idea was recorded and a similar project was found.",
        default_factory=list)
    proeftuin: Text | None = Field(None, description="Where it is tried, if not in a fieldlab.")
    contact: Contact | None = None
    goal: Goal | None = None
    triage: Triage | None = None
    results: Text | None = Field(None, description="What the experiment or work produced.")
    effect_measurement: Text | None = Field(None, description="How the effect was measured.")
    funding: list[Funding] = Field(default_factory=list)
    adopters: list[Adoption] = Field(
        default_factory=list, description="Organisations that adopted it (or plan to), "
        "with when: how far it spread.")
    links: list[Link] = Field(default_factory=list)
    created: dt.date | None = None
    year: Year | None = Field(None, description="The year the project is known from, when no "
                              "exact date is (e.g. named in a yearly programme).")
    stop_reason: Text | None = Field(None, description="Why the project stopped.")
    lessons: Text | None = Field(None, description="What was learned, worth keeping.")
    history: list[HistoryEntry] = Field(default_factory=list)


class BudgetLine(Record):
    phase: PhaseValue
    amount_eur: Euros
    year: Year | None = None


class Fieldlab(Record):
    """A practice environment given an assignment for a result."""

    id: Slug
    name: Text
    scope: FieldlabScopeValue | None = Field(None, description="landelijk or regionaal.")
    opgave: Slug = ref("opgave", "The maatschappelijke opgave it serves.")
    description: Text | None = None
    goal: Goal = Field(description="Its assignment for a result: 'De Fieldlabs krijgen een "
                       "doel mee, een opdracht voor het resultaat' (Jaarprogramma 2021).")
    lead: Slug | None = ref("organisation", "Lead organisation (id).", default=None)
    partners: list[Slug] = ref("organisation", "Partner organisations.", default_factory=list)
    region: Slug | None = ref("region", "For a regional fieldlab: its region.", default=None)
    period: Period | None = None
    budget: list[BudgetLine] = Field(default_factory=list)


class Moderator(Record):
    name: Text
    organisation: Slug | None = ref("organisation", default=None)
    email: Email | None = Field(None, description="Matched against the git identity to "
                                "know who decides.")


class Themagroep(Record):
    """A theme group of POI and library staff, led by moderators."""

    id: Slug
    name: Text
    description: Text | None = None
    moderators: list[Moderator] = Field(default_factory=list)
    active: bool = True


class Regiogids(Record):
    name: Text
    organisation: Slug | None = ref("organisation", default=None)
    period: Period | None = None
    email: Email | None = Field(None, description="Matched against the git identity to "
                                "know who decides.")


class Region(Record):
    """A region of the regiogidsen; it groups provinces."""

    id: Slug
    name: Text
    description: Text | None = None
    provinces: list[Slug] = ref("province", "Provinces the region covers.",
                                default_factory=list)
    organisations: list[Slug] = ref(
        "organisation", "Organisations the sources place in the region beyond its provinces "
        "(e.g. its regiogids's library).", default_factory=list)
    regiogidsen: list[Regiogids] = Field(default_factory=list)
    period: Period | None = None


class Member(Record):
    """A person in a body, with their organisation and when."""

    name: Text = Field(description="The person's name, as `--by` names them.")
    organisation: Slug | None = ref("organisation", "The member's organisation (id).",
                                    default=None)
    role: Text | None = Field(None, description="The member's role in the body.")
    email: Email | None = Field(None, description="Matched against the git identity to "
                                "know who decides.")
    period: Period | None = Field(None, description="When the person was a member.")


class Body(Record):
    """A body of the network: the Kernteam Innovatie, the Innovatieraad, the netwerkoverleg."""

    id: Slug
    name: Text = Field(description="Its name, as the sources write it.")
    description: Text | None = Field(None, description="What it does.")
    organisations: list[Slug] = ref("organisation", "The organisations that form it.",
                                    default_factory=list)
    members: list[Member] = Field(default_factory=list, description="Its members by name.")
    count: Annotated[int, Field(ge=1, description="How many there are, for a body that is "
                                "a set of groups (9 koersgroepen).")] | None = None
    period: Period | None = Field(None, description="When the body existed.")


class Organisation(Record):
    id: Slug
    name: Text
    kind: OrganisationKindValue
    province: Slug | None = ref("province", default=None)
    website: Url | None = None


class Target(Record):
    """A countable target of a yearly programme: at least `count` projects that
    were carried out in the programme's year and meet every condition given."""

    id: Slug
    description: Text
    count: Annotated[int, Field(ge=1, description="How many projects at least.")]
    fieldlab_scope: FieldlabScopeValue | None = Field(
        None, description="Only projects in a fieldlab of this scope.")
    phases: list[PhaseValue] = Field(
        default_factory=lambda: [Phase.EXPERIMENT, Phase.IMPLEMENTATIE],
        min_length=1, description="Phases that count (default: experiment and later).")
    funded: bool = Field(False, description="Only projects with additional funding "
                         "(a funding line with aanvullend: true) in the year.")
    min_funding_eur: Euros | None = Field(
        None, description="Only projects with at least this much funding in the year.")


class Action(Record):
    """A programme action that is not a count of projects, with how far it is."""

    id: Slug
    description: Text = Field(description="The action, as the programme words it.")
    status: ActionStatusValue | None = Field(None, description="gepland, lopend or gereed; "
                                             "absent while nobody knows.")
    note: Text | None = Field(None, description="What is known of it, and from where.")


class Programme(Record):
    """registry/programmes/<year>.yaml: a year's programme and its targets."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$"),
                  Field(description='The year, quoted: "2021".')]
    name: Text
    description: Text | None = None
    aim: Text | None = Field(None, description="The long-term aim behind the programme.")
    targets: list[Target] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list, description="What the programme "
                                  "sets out to do that is not a count of projects.")


ChangesMode = Literal["pull-request", "direct"]
VersionText = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+){0,2}$")]


class RegistryInfo(Record):
    """registry/registry.yaml: the registry's name, version and fixed taxonomies."""

    name: Text
    schema_version: Annotated[int, Field(ge=1, le=1)]
    opgaven: list[Term] = Field(default_factory=list)
    prioriteiten: list[Term] = Field(default_factory=list)
    provinces: list[Term] = Field(default_factory=list)
    changes: ChangesMode = Field(
        default="pull-request",
        description="How `bieb sync` delivers a moderator's changes: 'pull-request' (the "
        "default: a branch of their own, reviewed and checked by CI before it reaches the "
        "main branch) or 'direct' (pushed straight to the main branch).")
    requires: VersionText | None = Field(
        default=None,
        description="The oldest bieb version that may change this registry, e.g. '0.2'; "
        "`bieb doctor` says when the installed bieb is older.")


# Folder name -> model of each record kind, in the order they are loaded.
KINDS: dict[str, type[Record]] = {
    "organisations": Organisation,
    "bodies": Body,
    "regions": Region,
    "themagroepen": Themagroep,
    "fieldlabs": Fieldlab,
    "projects": Project,
    "programmes": Programme,
}
assert tuple(KINDS) == KIND_FOLDERS
