"""Pydantic models: the schema of every registry file.

Strict on purpose: unknown fields are rejected and nothing is coerced, so
``active: "no"`` or ``year: "2021"`` is an error rather than a guess. The
JSON Schemas in ``schemas/`` are generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX = 64
# Text must hold more than blanks: JSON Schema's pattern searches, so "\S" says it.
TEXT_PATTERN = r"\S"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
URL_PATTERN = r"^(https?://[^\s]+|mailto:[^@\s]+@[^@\s]+)$"
YEAR_MONTH_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
PROGRAMME_ID_PATTERN = r"^[0-9]{4}$"
VERSION_PATTERN = r"^[0-9]+(\.[0-9]+){0,2}$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX),
    Field(description="An id: lowercase letters, digits and single hyphens, at most 64 long."),
]
Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN,
                                         strip_whitespace=False)]
Email = Annotated[
    str,
    StringConstraints(pattern=EMAIL_PATTERN, max_length=254),
    Field(description="An e-mail address."),
]
Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN, max_length=2000),
    Field(description="An http(s) or mailto address."),
]
YearMonth = Annotated[
    str,
    StringConstraints(pattern=YEAR_MONTH_PATTERN),
    Field(description="A year (2019) or a month (2019-05)."),
]
Year = Annotated[int, Field(ge=1990, le=2100, description="A calendar year.")]
Euros = Annotated[int, Field(ge=0, description="An amount in whole euros.")]
Score = Annotated[int, Field(ge=1, le=5, description="A score from 1 (low) to 5 (high).")]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """A date written YYYY-MM-DD, quoted or not: YAML 1.2 (what editors and JSON Schema
    validators read) has no date type, so both spellings are the same text there."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # 2021-02-30: refused below as not a date
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date),
                 Field(description="A date, YYYY-MM-DD (e.g. 2021-05-01).")]


def _unique(items: list[Any]) -> list[Any]:
    if len(set(items)) == len(items):  # the common case, without a loop in Python
        return items
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"'{item}' is in the list more than once")
        seen.add(item)
    return items


# Ids a record may not have: the site writes the list of each kind as
# <folder>/index.html, which a record named `index` would overwrite.
RESERVED_IDS = ("index",)


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is kept for the site's list of this kind "
                         f"({value}.html); choose another id")
    return value


RecordId = Annotated[Slug, AfterValidator(_not_reserved),
                     Field(json_schema_extra={"not": {"enum": list(RESERVED_IDS)}})]


# A list of ids where each id counts once: JSON Schema's uniqueItems says the same.
Slugs = Annotated[list[Slug], AfterValidator(_unique),
                  Field(json_schema_extra={"uniqueItems": True})]


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
    # populate_by_name stays off: a file must say `from:`, as the JSON Schema and the
    # editor do; `from_:` (the Python name) is an unknown field everywhere.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_enum_values=False)


class Period(Record):
    """A time span in years or months; the end is not before the start."""

    start: YearMonth = Field(description="First year (2019) or month (2019-05).")
    end: YearMonth | None = Field(
        None, description="Last year or month, not before start; absent while ongoing.")


class Term(Record):
    """One entry of a fixed taxonomy (opgave, prioriteit, province)."""

    id: Slug = Field(description="The term's id, unique within its list; records refer to it.")
    name: Text = Field(description="The term as the network writes it.")
    description: Text | None = Field(None, description="What the term covers.")
    period: Period | None = Field(None, description="When the term was in use.")


class Contact(Record):
    """Who to ask about the project."""

    name: Text = Field(description="The contact's name.")
    email: Email | None = Field(None, description="The contact's e-mail address.")


class Goal(Record):
    """What result the work is for (the fieldlab's assignment)."""

    kinds: Annotated[list[GoalKindValue], AfterValidator(_unique),
                     Field(json_schema_extra={"uniqueItems": True})] = Field(
        min_length=1, description="effectiviteit and/or efficientie.")
    description: Text = Field(description="The result aimed for, in a sentence or two.")


class Scores(Record):
    """The Innovatieraad's scores of an idea, each 1 (low) to 5 (high)."""

    haalbaarheid: Score | None = Field(None, description="Feasibility, 1 to 5.")
    vernieuwend: Score | None = Field(None, description="How new it is, 1 to 5.")
    schaalbaarheid: Score | None = Field(None, description="How well it scales, 1 to 5.")
    complexiteit: Score | None = Field(None, description="How complex it is, 1 to 5.")


class Triage(Record):
    """The Innovatieraad's decision on an idea."""

    decision: TriageDecisionValue = Field(description="kansrijk, niet-kansrijk or aangehouden.")
    date: Date = Field(description="When the Innovatieraad decided, YYYY-MM-DD.")
    by: Text | None = Field(None, description="The member of the Innovatieraad who recorded "
                            "the decision (also in history).")
    note: Text | None = Field(None, description="Why, in a sentence or two.")
    scores: Scores | None = Field(None, description="The scores behind the decision.")


class Funding(Record):
    """Money for the project from one source in one year."""

    source: Text = Field(description="Who pays, e.g. 'KB innovatiegelden'.")
    amount_eur: Euros = Field(description="The amount in whole euros, e.g. 25000.")
    year: Year = Field(description="The calendar year the money is for, e.g. 2021.")
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
    """A document or page about the project."""

    title: Text = Field(description="What the link shows.")
    url: Url = Field(description="Its address: https://, http:// or mailto:.")


class HistoryEntry(Record):
    """One phase decision; the history is append-only."""

    date: Date = Field(description="When the decision was made, YYYY-MM-DD.")
    from_: PhaseValue | None = Field(None, alias="from", description="Phase before the decision.")
    to: PhaseValue = Field(description="Phase after the decision.")
    decision: DecisionValue = Field(description="What was decided.")
    by: Text = Field(description="Who decided: the name of a moderator, regiogids or "
                     "member of the Innovatieraad.")
    note: Text | None = Field(None, description="Why, in a sentence or two.")


class Project(Record):
    """An innovation project, through idee, experiment and implementatie."""

    # A stopped project says why, and only a stopped one has a stop_reason: the same
    # rules as check.validate's stopped-without-reason and reason-without-stop.
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"properties": {"status": {"const": "gestopt"}}, "required": ["status"]},
         "then": {"properties": {"stop_reason": {"type": "string"}},
                  "required": ["stop_reason"]}},
        {"if": {"properties": {"stop_reason": {"type": "string"}}, "required": ["stop_reason"]},
         "then": {"properties": {"status": {"const": "gestopt"}}}},
    ]})

    id: RecordId = Field(description="The project's id: its file name without .yaml.")
    title: Annotated[str, StringConstraints(min_length=3, max_length=200,
                                            pattern=TEXT_PATTERN)] = Field(
        description="A short title, 3 to 200 characters.")
    summary: Text = Field(description="What the project does and for whom, in a few sentences.")
    phase: PhaseValue = Field(description="The innovation phase it is in now; history "
                              "records how it got there.")
    status: StatusValue = Field(description="lopend, aangehouden or gestopt.")
    owner: Slug | None = ref("organisation", "Owning organisation (id).", default=None)
    eigenaarschap: Slug | None = ref(
        "organisation", "Who owns the innovation nationally once it scales up (id).",
        default=None)
    participants: Slugs = ref("organisation", "Organisation ids.", default_factory=list)
    themes: Slugs = ref("themagroep", "Themagroep ids.", min_length=1)
    opgaven: Slugs = ref("opgave", "Maatschappelijke opgaven.", default_factory=list)
    prioriteiten: Slugs = ref("prioriteit", "Prioriteiten (2016-2018).", default_factory=list)
    fieldlab: Slug | None = ref("fieldlab", "The fieldlab where it is tried.", default=None)
    builds_on: list[Slug] = ref(
        "project", "Projects (ids) this one builds on instead of starting again, "
        "e.g. chosen when the idea was recorded and a similar project was found.",
        default_factory=list)
    proeftuin: Text | None = Field(None, description="Where it is tried, if not in a fieldlab.")
    contact: Contact | None = Field(None, description="Who to ask: a name and an e-mail.")
    goal: Goal | None = Field(None, description="The result aimed for (needed to experiment).")
    triage: Triage | None = Field(None, description="The Innovatieraad's decision on the idea.")
    results: Text | None = Field(None, description="What the experiment or work produced.")
    effect_measurement: Text | None = Field(None, description="How the effect was measured.")
    funding: list[Funding] = Field(default_factory=list,
                                   description="Money for the project, one entry per source "
                                   "and year.")
    adopters: list[Adoption] = Field(
        default_factory=list, description="Organisations that adopted it (or plan to), "
        "with when: how far it spread.")
    links: list[Link] = Field(default_factory=list, description="Documents and pages about it.")
    created: Date | None = Field(None, description="When the idea was recorded, YYYY-MM-DD.")
    year: Year | None = Field(None, description="The year the project is known from, when no "
                              "exact date is (e.g. named in a yearly programme).")
    stop_reason: Text | None = Field(None, description="Why the project stopped.")
    lessons: Text | None = Field(None, description="What was learned, worth keeping.")
    history: list[HistoryEntry] = Field(
        default_factory=list, description="The phase decisions, oldest first; append only.")


class BudgetLine(Record):
    """Money a fieldlab has for one phase."""

    phase: PhaseValue = Field(description="The phase the money is for.")
    amount_eur: Euros = Field(description="The amount in whole euros, e.g. 25000.")
    year: Year | None = Field(None, description="The calendar year, if the money is for one.")


class Fieldlab(Record):
    """A practice environment given an assignment for a result."""

    model_config = ConfigDict(json_schema_extra={
        # Only a regional fieldlab has a region: the same rule as check/filerules.
        "if": {"properties": {"scope": {"const": "landelijk"}}, "required": ["scope"]},
        "then": {"properties": {"region": {"type": "null"}}},
    })

    id: RecordId = Field(description="The fieldlab's id: its file name without .yaml.")
    name: Text = Field(description="The fieldlab's name.")
    scope: FieldlabScopeValue | None = Field(None, description="landelijk or regionaal.")
    opgave: Slug = ref("opgave", "The maatschappelijke opgave it serves.")
    description: Text | None = Field(None, description="What the fieldlab works on.")
    goal: Goal = Field(description="Its assignment for a result: 'De Fieldlabs krijgen een "
                       "doel mee, een opdracht voor het resultaat' (Jaarprogramma 2021).")
    lead: Slug | None = ref("organisation", "Lead organisation (id).", default=None)
    partners: Slugs = ref("organisation", "Partner organisations.", default_factory=list)
    region: Slug | None = ref("region", "For a regional fieldlab only: its region.",
                              default=None)
    period: Period | None = Field(None, description="When the fieldlab runs.")
    budget: list[BudgetLine] = Field(default_factory=list,
                                     description="Its money, one line per phase (and year).")


class Moderator(Record):
    """A moderator of a themagroep."""

    name: Text = Field(description="The moderator's name.")
    organisation: Slug | None = ref("organisation", "The moderator's organisation (id).",
                                    default=None)
    email: Email | None = Field(None, description="Matched against the git identity to "
                                "know who decides.")


class Themagroep(Record):
    """A theme group of POI and library staff, led by moderators."""

    id: RecordId = Field(description="The themagroep's id: its file name without .yaml.")
    name: Text = Field(description="The themagroep's name.")
    description: Text | None = Field(None, description="What the group works on.")
    moderators: list[Moderator] = Field(default_factory=list,
                                        description="Who moderates the group.")
    active: bool = Field(True, description="False for a group that no longer meets.")


class Regiogids(Record):
    """A regional guide of the Kernteam Innovatie, for a region in a period."""

    name: Text = Field(description="The regiogids's name.")
    organisation: Slug | None = ref("organisation", "The regiogids's organisation (id).",
                                    default=None)
    period: Period | None = Field(None, description="When they were the region's gids.")
    email: Email | None = Field(None, description="Matched against the git identity to "
                                "know who decides.")


class Region(Record):
    """A region of the regiogidsen; it groups provinces."""

    id: RecordId = Field(description="The region's id: its file name without .yaml.")
    name: Text = Field(description="The region's name.")
    description: Text | None = Field(None, description="Where the region lies.")
    provinces: Slugs = ref("province", "Provinces the region covers.", default_factory=list)
    organisations: Slugs = ref(
        "organisation", "Organisations the sources place in the region beyond its provinces "
        "(e.g. its regiogids's library).", default_factory=list)
    regiogidsen: list[Regiogids] = Field(default_factory=list,
                                         description="The region's gidsen over time.")
    period: Period | None = Field(None, description="When the region was in use.")


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

    id: RecordId = Field(description="The body's id: its file name without .yaml.")
    name: Text = Field(description="Its name, as the sources write it.")
    description: Text | None = Field(None, description="What it does.")
    organisations: Slugs = ref("organisation", "The organisations that form it.",
                               default_factory=list)
    members: list[Member] = Field(default_factory=list, description="Its members by name.")
    # The description sits on the field, not inside the Annotated: pydantic drops a
    # description given in one branch of a union (int | None) from the schema.
    count: Annotated[int, Field(ge=1)] | None = Field(
        None, description="How many there are, for a body that is a set of groups "
        "(9 koersgroepen).")
    period: Period | None = Field(None, description="When the body existed.")


class Organisation(Record):
    """A library, POI or other organisation of the network."""

    id: RecordId = Field(description="The organisation's id: its file name without .yaml.")
    name: Text = Field(description="The organisation's name.")
    kind: OrganisationKindValue = Field(description="What kind of organisation it is.")
    province: Slug | None = ref("province", "The province it is in (id).", default=None)
    website: Url | None = Field(None, description="Its website, https://...")


class Target(Record):
    """A countable target of a yearly programme: at least `count` projects that
    were carried out in the programme's year and meet every condition given."""

    id: Slug = Field(description="The target's id, unique in the programme.")
    description: Text = Field(description="The target as the programme words it.")
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

    id: Annotated[str, StringConstraints(pattern=PROGRAMME_ID_PATTERN),
                  Field(description='The year, quoted: "2021".')]
    name: Text = Field(description="The programme's name, e.g. 'Jaarprogramma 2021'.")
    description: Text | None = Field(None, description="The programme's aim.")
    targets: list[Target] = Field(default_factory=list,
                                  description="Its countable targets.")
    aim: Text | None = Field(None, description="The long-term aim behind the programme.")
    actions: list[Action] = Field(default_factory=list, description="What the programme "
                                  "sets out to do that is not a count of projects.")


ChangesMode = Literal["pull-request", "direct"]
VersionText = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]


class RegistryInfo(Record):
    """registry/registry.yaml: the registry's name, version and fixed taxonomies."""

    name: Text = Field(description="The registry's name, shown on the site.")
    schema_version: Annotated[int, Field(ge=1, le=1)] = Field(
        description="The version of the file format; 1.")
    licence: Text | None = Field(
        None, description="The licence of the registry's data, as an SPDX id (CC0-1.0, "
        "CC-BY-4.0); the site's open-data page shows it.")
    opgaven: list[Term] = Field(default_factory=list,
                                description="The maatschappelijke opgaven.")
    prioriteiten: list[Term] = Field(default_factory=list,
                                     description="The prioriteiten of the innovatieagenda.")
    provinces: list[Term] = Field(default_factory=list, description="The provinces.")
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
