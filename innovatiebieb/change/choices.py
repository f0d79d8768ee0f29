"""The values a field may take, from the registry, and the id a typed name stands for.

An intake offers these as its choices and resolves each answer with `resolve`:
an id or a name, exactly, or the one record holding it ('Venlo' is
'bibliotheek-venlo'), else an error with did-you-mean. Data only; never asks.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.check.registry import registry_info
from innovatiebieb.model.errors import UsageError
from innovatiebieb.store.cache import read_view
from innovatiebieb.store.location import record_ids
from innovatiebieb.store.yamlio import Document

# Reference target -> the folder of records it names (taxonomy terms come from
# registry.yaml instead).
_FOLDERS = {"organisation": "organisations", "themagroep": "themagroepen",
            "fieldlab": "fieldlabs", "region": "regions", "project": "projects"}
_TERMS = {"opgave": "opgaven", "prioriteit": "prioriteiten", "province": "provinces"}
# Targets with too many records to list as choices.
NOT_LISTED = {"project"}


@dataclass(frozen=True)
class Choice:
    """One value a field may take: the id written in the file and the name people know."""

    id: str
    name: str

    @property
    def label(self) -> str:
        return self.id if self.name in ("", self.id) else f"{self.id}  ({self.name})"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower()).encode("ascii", "ignore").decode()
    return " ".join(text.replace("-", " ").split())


def _name_of(doc: Document) -> str:
    data = doc.data if isinstance(doc.data, dict) else {}
    name = data.get("name") or data.get("title")
    return name if isinstance(name, str) else ""


def choices_for(root: Path, target: str) -> tuple[Choice, ...]:
    """The values a reference to `target` may take, with their names, from the registry."""
    if target in _TERMS:
        info = registry_info(root)
        terms = getattr(info, _TERMS[target]) if info else []
        return tuple(Choice(t.id, t.name) for t in terms)
    folder = _FOLDERS[target]
    ids = record_ids(root, folder)
    paths = [root / folder / f"{i}.yaml" for i in ids]
    names = read_view(root, paths, f"names-{folder}-1", _name_of)
    return tuple(Choice(i, n) for i, n in zip(ids, names, strict=True))


def resolve(answer: str, choices: Sequence[Choice], noun: str) -> str:
    """The id `answer` names: an id or a name, exactly, or the one choice holding it.

    'Venlo' is 'bibliotheek-venlo' when no other organisation holds 'venlo'.
    """
    typed = answer.strip()
    folded = _fold(typed)
    exact = [c for c in choices if c.id == typed or folded in (_fold(c.id), _fold(c.name))]
    if len(exact) == 1:
        return exact[0].id
    holding = [c for c in choices if folded in _fold(c.id) or folded in _fold(c.name)]
    if len(folded) >= 3 and len(holding) == 1:
        return holding[0].id
    if len(folded) >= 3 and holding:
        shown = ", ".join(c.id for c in holding[:6]) + (", ..." if len(holding) > 6 else "")
        raise UsageError(f"'{typed}' matches {len(holding)} {noun}s: {shown}",
                         "Type more of the name or the id.")
    close = _close(folded, choices)
    if close:
        hint = "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    elif choices:
        hint = "Known: " + ", ".join(c.id for c in choices[:12]) + (
            ", ..." if len(choices) > 12 else "") + "."
    else:
        hint = f"There is no {noun} in the registry yet; add one first."
    raise UsageError(f"unknown {noun} '{typed}'", hint)


def _close(folded: str, choices: Sequence[Choice]) -> list[str]:
    """Up to three ids whose id, name or one telling word of them is spelled like
    `folded`: 'venlow' finds 'bibliotheek-venlo' by 'venlo'."""
    keys: dict[str, list[str]] = {}
    for c in choices:
        texts = {_fold(c.id), _fold(c.name)}
        for text in list(texts):
            texts.update(w for w in text.split() if len(w) >= 4)
        for text in texts:
            keys.setdefault(text, []).append(c.id)
    matches = difflib.get_close_matches(folded, keys, n=6, cutoff=0.6)
    return list(dict.fromkeys(i for k in matches for i in keys[k]))[:3]


def split_list(answer: str | Iterable[str]) -> list[str]:
    """'a, b c' or ['a', 'b'] -> ['a', 'b', 'c'], for answers that name several ids or names.
    Commas separate names with spaces in them ('Bibliotheek Venlo, KB')."""
    parts = [answer] if isinstance(answer, str) else list(answer)
    found: list[str] = []
    for part in parts:
        pieces = part.split(",") if "," in part else (
            [part] if " " not in part.strip() else part.split())
        found += [p.strip() for p in pieces if p.strip()]
    return found
