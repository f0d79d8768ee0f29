"""Who may decide: the people the registry knows, and the Innovatieraad's rule.

"De POI's geven als moderator vorm aan de innovatiefasen" (Innovatie 2019):
phase decisions are the moderators' of the themagroepen, with the regiogidsen
and the members of the Innovatieraad; the triage of an idea is the
Innovatieraad's ("de triage met de vernieuwde Innovatieraad", Jaarprogramma
2021), and a member abstains on the projects of their own organisation (the
raad's rule on innovatiebieb.nl). A decider is named by `--by`, or found by
the git identity: its e-mail, else its name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from innovatiebieb.check.deciders import Decider, deciders_in
from innovatiebieb.model.errors import BiebError, UsageError, closest
from innovatiebieb.model.models import Body, Project, Record, Region, Themagroep
from innovatiebieb.store.loader import load_record
from innovatiebieb.store.location import display, record_ids

R = TypeVar("R", bound=Record)


class NotYoursToDecide(BiebError):
    """The decider may not take this decision (an Innovatieraad member's own project)."""

    exit_code = 1


def _records(root: Path, folder: str, model: type[R]) -> list[R]:
    """The valid records of one folder; an invalid one is `bieb validate`'s to report."""
    found = []
    for record_id in sorted(record_ids(root, folder)):
        path = root / folder / f"{record_id}.yaml"
        record, _ = load_record(path, display(path), model)
        if isinstance(record, model):
            found.append(record)
    return found


def deciders(root: Path, on: dt.date) -> list[Decider]:
    """Everyone who may decide on `on` (see check/deciders.py), read from the files."""
    return deciders_in(on.year, _records(root, "themagroepen", Themagroep),
                       _records(root, "regions", Region), _records(root, "bodies", Body))


def choose(known: list[Decider], by: str | None, identity: tuple[str, str] | None,
           on: dt.date) -> Decider:
    """The decider `by` names, else the one whose e-mail (else name) is the git identity's."""
    names = sorted({d.name for d in known})
    listed = ("Known on " + on.isoformat() + ": " + ", ".join(names) + ".") if names else (
        "The registry knows nobody who decides yet: add moderators to a themagroep, "
        "regiogidsen to a region or members to bodies/innovatieraad.yaml.")
    if by is not None:
        for d in known:
            if d.name.casefold() == by.strip().casefold():
                return d
        raise UsageError(f"'{by}' is not someone who decides in this registry",
                         closest(by, names, listed))
    if identity is None:
        raise UsageError("who decides? pass --by NAME (no git identity to go by)", listed)
    name, email = identity
    for d in known:
        if d.email and d.email.casefold() == email.casefold():
            return d
    for d in known:
        if d.name.casefold() == name.casefold():
            return d
    raise UsageError(f"who decides? your git identity ({name} <{email}>) is none of the "
                     "people who decide in this registry",
                     f"Pass --by NAME, or add your e-mail to your record. {listed}")


def check_triage(decider: Decider, known: list[Decider], project: Project) -> None:
    """Triage is the Innovatieraad's, and a member abstains on their organisation's projects."""
    members = sorted(d.name for d in known if d.raad)
    if not decider.raad:
        hint = ("Members on that date: " + ", ".join(members) + ".") if members else (
            "The Innovatieraad has no members in the registry for that date: add them "
            "(name, organisation, period) to bodies/innovatieraad.yaml, e.g. bieb body set "
            "innovatieraad 'members=[{name: ..., organisation: ...}]'.")
        raise NotYoursToDecide(f"{decider.name} ({decider.role}) is not a member of the "
                               "Innovatieraad, whose decision a triage is", hint)
    own = {project.owner, *project.participants} - {None}
    if decider.organisation in own:
        others = sorted(d.name for d in known if d.raad and d.organisation not in own)
        raise NotYoursToDecide(
            f"{decider.name} abstains: their organisation '{decider.organisation}' owns or "
            f"takes part in {project.id}",
            ("Another member decides: " + ", ".join(others) + ".") if others else
            "No other member of the Innovatieraad can decide it.")
