"""Which projects look like the same idea: so a library builds on them instead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words too common in project texts to say anything about likeness.
_STOPWORDS = frozenset(
    "aan als ook bij dat de den der des die dit door een en het hun in is je kan met na naar "
    "niet of om onder op over te tot uit van voor wat wie wij zijn zo and for the with "
    "bibliotheek bibliotheken".split())
_WORD = re.compile(r"[a-z0-9]{3,}")


@dataclass(frozen=True)
class Match:
    id: str
    title: str
    score: float


def words(text: str) -> frozenset[str]:
    folded = text.lower()
    if not folded.isascii():  # fold accents: "café" matches "cafe"
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return frozenset(_WORD.findall(folded)) - _STOPWORDS


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similar(title: str, summary: str, projects: Iterable[tuple[str, str, str]], *,
            exclude: str = "", limit: int = 5, threshold: float = 0.15) -> list[Match]:
    """(id, title, summary) of projects ranked by how alike they are; the title weighs most."""
    title_words, all_words = words(title), words(f"{title} {summary}")
    matches = []
    for pid, ptitle, psummary in projects:
        if pid == exclude:
            continue
        their_title = words(ptitle)
        score = 0.6 * _jaccard(title_words, their_title) + \
            0.4 * _jaccard(all_words, their_title | words(psummary))
        if score >= threshold:
            matches.append(Match(pid, ptitle, round(score, 2)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]
