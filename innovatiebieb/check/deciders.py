"""Who may decide, from the records that name people: pure over loaded records.

Moderators of the themagroepen, the regiogidsen of a date and the members of
the Innovatieraad of a date (bodies/innovatieraad.yaml). Used by the decision
commands (change/deciders.py) and by `bieb validate`, which warns about a
history entry whose decider the registry does not know, or who should have
abstained.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from innovatiebieb.model.models import Body, Decision, Period, Project, Region, Themagroep
from innovatiebieb.model.periods import covers
from innovatiebieb.model.problems import Severity

RAAD = "innovatieraad"  # the id of the Innovatieraad's record in bodies/


@dataclass(frozen=True)
class Decider:
    name: str
    organisation: str | None
    email: str | None
    role: str  # "moderator of Mediawijsheid", "regiogids of Noordoost-Nederland", ...
    raad: bool  # a member of the Innovatieraad: may triage


def _current(period: Period | None, year: int) -> bool:
    return covers(period.start, period.end, year) if period else True


def deciders_in(year: int, themagroepen: Iterable[Themagroep], regions: Iterable[Region],
                bodies: Iterable[Body]) -> list[Decider]:
    """Everyone who may decide in `year`: moderators, the regiogidsen of their period,
    and the members of the Innovatieraad of theirs."""
    found: list[Decider] = []
    for t in themagroepen:
        found += [Decider(m.name, m.organisation, m.email, f"moderator of {t.name}", False)
                  for m in t.moderators]
    for r in regions:
        found += [Decider(g.name, g.organisation, g.email, f"regiogids of {r.name}", False)
                  for g in r.regiogidsen if _current(g.period, year)]
    for b in bodies:
        if b.id == RAAD and _current(b.period, year):
            found += [Decider(m.name, m.organisation, m.email, f"member of the {b.name}", True)
                      for m in b.members if _current(m.period, year)]
    return found


@dataclass
class Deciders:
    """The records that name people who decide, and who of them decides in a year
    (worked out once a year)."""

    themagroepen: list[Themagroep]
    regions: list[Region]
    bodies: list[Body]
    _years: dict[int, list[Decider]] = field(default_factory=dict, repr=False)

    def in_year(self, year: int) -> list[Decider]:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = deciders_in(year, self.themagroepen, self.regions,
                                                    self.bodies)
        return found


@dataclass(frozen=True)
class DeciderFinding:
    entry: int  # index in the history
    code: str
    message: str
    hint: str
    severity: Severity = Severity.WARNING


def history_deciders(project: Project, deciders: Deciders) -> Iterator[DeciderFinding]:
    """Each history entry whose decider is unknown on its date, or should have abstained."""
    own = {project.owner, *project.participants} - {None}
    for i, entry in enumerate(project.history):
        known = deciders.in_year(entry.date.year)
        matches = [d for d in known if d.name.casefold() == entry.by.casefold()]
        if not matches:
            yield DeciderFinding(
                i, "unknown-decider", f"history entry {i + 1}: '{entry.by}' is no moderator, "
                f"regiogids or Innovatieraad member of {entry.date.year}",
                "Add them to the registry (a themagroep's moderators, a region's regiogidsen "
                "or the members in bodies/innovatieraad.yaml), or correct the name.")
        elif entry.decision is Decision.TRIAGE:
            members = [d for d in matches if d.raad]
            if not members:
                yield DeciderFinding(
                    i, "triage-not-by-raad", f"history entry {i + 1}: '{entry.by}' is not a "
                    f"member of the Innovatieraad of {entry.date.year}, whose decision a "
                    "triage is", "Add them to the members in bodies/innovatieraad.yaml, or "
                    "correct the name.")
            elif all(d.organisation in own for d in members):
                yield DeciderFinding(
                    i, "decider-abstains", f"history entry {i + 1}: '{entry.by}' triaged a "
                    "project their own organisation owns or takes part in",
                    "A member of the Innovatieraad abstains on their organisation's projects "
                    "(the raad's rule on innovatiebieb.nl); another member records the triage.")
