"""How far an implementatie project spread: scaling up recorded inside phase 3.

The Jaarprogramma 2021 names national scaling "met extra aandacht voor
eigenaarschap en duurzame financiering", so per project: who owns it
nationally, the libraries that adopted it (and those that plan to, with a
date), the regions those libraries are in at the time they adopted it, and
whether any of its funding is structural.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from innovatiebieb.model.periods import year_of
from innovatiebieb.model.vocabulary import GOAL_KIND_NAMES, GoalKind
from innovatiebieb.read.catalogue import Catalogue, Data


@dataclass(frozen=True)
class Spread:
    id: str
    title: str
    owner: str | None  # organisation ids
    eigenaarschap: str | None
    eigenaarschap_name: str
    adopted: list[str]
    planned: list[str]
    regions: list[str]  # names of the regions the adopted ones are in (when they adopted)
    structural: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def spread_of(catalogue: Catalogue, p: Data) -> Spread:
    adopted = [a for a in p["adopters"] if not a["planned"]]
    regions: list[str] = []
    for a in adopted:
        year = year_of(a["date"])
        regions += [r for r in catalogue.regions_of_org(a["organisation"])
                    if catalogue.region_current(r, year)]
    return Spread(p["id"], p["title"], p.get("owner"), p.get("eigenaarschap"),
                  catalogue.name("organisations", p.get("eigenaarschap")),
                  [a["organisation"] for a in adopted],
                  [a["organisation"] for a in p["adopters"] if a["planned"]],
                  sorted({catalogue.name("regions", r) for r in regions}),
                  any(f["structural"] for f in p["funding"]))


def spreads(catalogue: Catalogue, projects: list[Data]) -> list[Spread]:
    """The spread of every implementatie project among `projects`, by id."""
    return [spread_of(catalogue, p) for p in sorted(projects, key=lambda p: p["id"])
            if p["phase"] == "implementatie"]


def spread_text(catalogue: Catalogue, s: Spread) -> str:
    """'2 libraries adopted it, 1 planned; regions reached: ...; structural funding: no'."""
    regions = ", ".join(s.regions) or "none"
    return (f"{len(s.adopted)} adopted it, {len(s.planned)} planned; regions reached: "
            f"{regions}; structural funding: {'yes' if s.structural else 'no'}")


def adopters_text(catalogue: Catalogue, p: Data) -> str:
    """'Bibliotheek Venlo (2021-09), Fers (planned for 2022-03)'."""
    return ", ".join(catalogue.name("organisations", a["organisation"])
                     + (f" (planned for {a['date']})" if a["planned"] else f" ({a['date']})")
                     for a in p["adopters"])


def goal_text(goal: Data | None) -> str:
    """A goal as the sources write its kinds: 'Effectiviteit, Efficiëntie: ...'."""
    if not goal:
        return ""
    kinds = ", ".join(GOAL_KIND_NAMES[GoalKind(k)] for k in goal["kinds"])
    return f"{kinds}: {goal['description']}"
