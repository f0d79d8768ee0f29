"""The projects a new idea resembles, from a small cache of every project's words.

Light on purpose (no models, no git): `bieb idea add` runs it in a second
process while the first loads the models and checks the new record.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from innovatiebieb.read.similar import Candidate, Match, candidate, similar
from innovatiebieb.store.cache import read_view
from innovatiebieb.store.location import record_ids

if TYPE_CHECKING:
    from innovatiebieb.store.yamlio import Document


def resembling(root: Path, title: str, summary: str) -> list[Match]:
    """Existing projects that look like this idea.

    Reads a small cache of each project's words, not the records: a likeness
    needs only titles and summaries, and must stay fast at 10,000 projects.
    """
    ids = record_ids(root, "projects")
    folder = f"{root}{os.sep}projects{os.sep}"  # strings: see record_ids
    paths = [f"{folder}{i}.yaml" for i in ids]
    found = read_view(root, paths, "likeness-3", _as_candidate)  # -N: Candidate's shape
    return similar(title, summary, (Candidate(*c) for c in found if c is not None))


def _as_candidate(doc: Document) -> tuple[str, ...] | None:
    data = doc.data if isinstance(doc.data, dict) else {}
    project_id, title, summary = data.get("id"), data.get("title"), data.get("summary")
    if isinstance(project_id, str) and isinstance(title, str) and isinstance(summary, str):
        return tuple(map(str, candidate(project_id, title, summary)))  # plain tuples pickle fastest
    return None
