"""Which projects look like the same idea: so a library builds on them instead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

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


class Candidate(NamedTuple):
    """A project as the likeness search sees it. Its words are kept as one string
    each, and it caches as a plain tuple: both keep loading the cache fast."""

    id: str
    title: str
    title_words: str
    all_words: str


def candidate(project_id: str, title: str, summary: str) -> Candidate:
    title_words = words(title)
    return Candidate(project_id, title, " ".join(sorted(title_words)),
                     " ".join(sorted(title_words | words(summary))))


def similar(title: str, summary: str, candidates: Iterable[Candidate], *,
            exclude: str = "", limit: int = 5, threshold: float = 0.15) -> list[Match]:
    """Candidates ranked by how alike their title and summary are; the title weighs most."""
    title_words = words(title)
    all_words = title_words | words(summary)
    matches = []
    for c in candidates:
        # Cheap exact pre-check: no word of ours even as a substring means a likeness of 0.
        if c.id == exclude or not any(w in c.all_words for w in all_words):
            continue
        score = 0.6 * _jaccard(title_words, frozenset(c.title_words.split())) + \
            0.4 * _jaccard(all_words, frozenset(c.all_words.split()))
        if score >= threshold:
            matches.append(Match(c.id, c.title, round(score, 2)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]
