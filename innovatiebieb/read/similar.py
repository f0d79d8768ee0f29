"""Which projects look like the same idea, or hold the words a library searches for.

Likeness is the Jaccard overlap of words (title 0.6, title and summary 0.4).
It is computed from an inverted index, word -> projects holding it. The
candidates of a question are found from its rarest words first, within a
budget of SCAN_BUDGET postings: a rare word says much about likeness, a word
in a quarter of all projects little (as IDF weighs them), and walking every
common word's list made each question cost a pass over the registry, and a
site of 10,000 project pages quadratic (398 s on shared-vocabulary texts).
The best CANDIDATES of those, by rare words shared, are then scored exactly,
common words included. A question costs at most the budget, whatever the
texts. The index is plain lists and dicts, so the catalogue can keep it in
its snapshot.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

# Words too common in project texts to say anything about likeness.
_STOPWORDS = frozenset(
    "aan als ook bij dat de den der des die dit door een en het hun in is je kan met na naar "
    "niet of om onder op over te tot uit van voor wat wie wij zijn zo and for the with "
    "bibliotheek bibliotheken".split())
_WORD = re.compile(r"[a-z0-9]{3,}")
TITLE_WEIGHT = 0.6
# Postings a question walks to find candidates, rarest words first; below this many
# projects every project sharing a word is a candidate, as before.
SCAN_BUDGET = 2000
CANDIDATES = 200  # scored exactly: those sharing the most of the rare words walked


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


class Candidate(NamedTuple):
    """A project as the likeness search sees it: the words of its title, of title
    and summary, and of the other texts a search looks in. Caches keep the words
    as space-separated strings (a pickle of strings loads faster than of sets)."""

    id: str
    title: str
    title_words: str
    all_words: str
    extra_words: str = ""


def candidate(project_id: str, title: str, summary: str, *extra: str | None) -> Candidate:
    title_words = words(title)
    all_words = title_words | words(summary)
    more = frozenset().union(*(words(t) for t in extra if t)) - all_words
    return Candidate(project_id, title, " ".join(sorted(title_words)),
                     " ".join(sorted(all_words)), " ".join(sorted(more)))


def likeness(shared_title: int, ours_title: int, theirs_title: int, shared_all: int,
             ours_all: int, theirs_all: int) -> float:
    """Jaccard overlap of title words (weight 0.6) and of all words (0.4), from counts."""
    title = shared_title / (ours_title + theirs_title - shared_title) if shared_title else 0.0
    whole = shared_all / (ours_all + theirs_all - shared_all) if shared_all else 0.0
    return TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * whole


def _postings(sets: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, found in enumerate(sets):
        for w in found:
            index.setdefault(w, []).append(i)
    return index


def _counts(postings: dict[str, list[int]], query: Iterable[str]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for w in query:
        counts.update(postings.get(w, ()))
    return counts


@dataclass(frozen=True)
class WordIndex:
    """Projects by the words they hold: title, title and summary, and the rest."""

    ids: list[str]
    titles: list[str]
    title_sizes: list[int]
    all_sizes: list[int]
    title_postings: dict[str, list[int]]
    all_postings: dict[str, list[int]]
    extra_postings: dict[str, list[int]]
    # Each project's words, made when a question first needs them (not kept in snapshots).
    _sets_of: list[list[frozenset[str]]] = field(default_factory=list, compare=False,
                                                 repr=False)
    _pairs: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, candidates: Iterable[Candidate]) -> WordIndex:
        found = sorted(candidates)
        title_sets = [c.title_words.split() for c in found]
        all_sets = [c.all_words.split() for c in found]
        return cls([c.id for c in found], [c.title for c in found],
                   [len(s) for s in title_sets], [len(s) for s in all_sets],
                   _postings(title_sets), _postings(all_sets),
                   _postings(c.extra_words.split() for c in found))

    def as_tuple(self) -> tuple[object, ...]:
        return (self.ids, self.titles, self.title_sizes, self.all_sizes, self.title_postings,
                self.all_postings, self.extra_postings)

    def prepare_for_many(self) -> None:
        """Index every project's words and title pairs once, before many questions (a
        site asks one a project page). One question does without: it counts the
        postings of its own words, far less than indexing 10,000 projects."""
        self._word_sets()
        self._title_pairs()

    def similar(self, title: str, summary: str, *, exclude: str = "", limit: int = 5,
                threshold: float = 0.15) -> list[Match]:
        """Projects ranked by how alike their title and summary are to these."""
        title_words = words(title)
        all_words = title_words | words(summary)
        found = self._candidates(title_words, all_words)
        shared_title, shared_all = self._shared(title_words, all_words, found)
        n_title, n_all = len(title_words), len(all_words)
        ranked = []
        for i, in_title, in_all in zip(found, shared_title, shared_all, strict=True):
            score = round(likeness(in_title, n_title, self.title_sizes[i], in_all, n_all,
                                   self.all_sizes[i]), 2)
            if score >= threshold:
                ranked.append((-score, self.ids[i], i))
        best = heapq.nsmallest(limit + 1, ranked)  # one more: the excluded may be among them
        return [Match(project_id, self.titles[i], -score) for score, project_id, i in best
                if project_id != exclude][:limit]

    def _shared(self, title_words: frozenset[str], all_words: frozenset[str],
                found: list[int]) -> tuple[list[int], list[int]]:
        """How many title words and how many words each project in `found` shares
        with the question: by set intersections once every project's words are
        indexed (prepare_for_many), else by counting the question's postings."""
        if self._sets_of:
            title_sets, all_sets = self._sets_of
            return ([len(title_words & title_sets[i]) for i in found],
                    [len(all_words & all_sets[i]) for i in found])
        in_title = _counts(self.title_postings, title_words)
        in_all = _counts(self.all_postings, all_words)
        return [in_title[i] for i in found], [in_all[i] for i in found]

    def _candidates(self, title_words: frozenset[str], all_words: frozenset[str]) -> list[int]:
        """The projects sharing the most of the query's rarest words, within the budget.
        A word's title list is shorter than its list of all texts, and a pair of title
        words' list shorter still: the projects sharing two title words (the likeliest)
        are found even when every single word is common."""
        ordered = sorted(title_words)
        lists = sorted([*(self._pair(a, b) for k, a in enumerate(ordered)
                          for b in ordered[k + 1:]),
                        *(self.title_postings.get(w, ()) for w in title_words),
                        *(self.all_postings.get(w, ()) for w in all_words)], key=len)
        shared: Counter[int] = Counter()
        walked = 0
        for postings in lists:
            if shared and walked + len(postings) > SCAN_BUDGET:
                break  # this word and the rest are common: they weigh too little to search
            shared.update(postings[:SCAN_BUDGET])
            walked += len(postings)
        if len(shared) <= CANDIDATES:
            return list(shared)
        return [i for i, _ in sorted(shared.items(), key=itemgetter(1),
                                     reverse=True)[:CANDIDATES]]

    def _pair(self, a: str, b: str) -> Sequence[int]:
        """The projects whose titles hold both words, in index order: from the pairs
        index when made, else the intersection of the two words' postings."""
        if self._pairs:
            return self._pairs.get(f"{a} {b}", ())
        return sorted(set(self.title_postings.get(a, ())).intersection(
            self.title_postings.get(b, ())))

    def _title_pairs(self) -> dict[str, list[int]]:
        """Projects by the pairs of words their titles hold (made once, from the postings)."""
        if self._pairs:
            return self._pairs
        title_sets, _ = self._word_sets()
        for i, found in enumerate(title_sets):
            ordered = sorted(found)
            for k, a in enumerate(ordered):
                for b in ordered[k + 1:]:
                    self._pairs.setdefault(f"{a} {b}", []).append(i)
        return self._pairs

    def _word_sets(self) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
        """Each project's title words and all its words, from the postings (made once:
        two set intersections then score a candidate)."""
        if self._sets_of:
            return self._sets_of[0], self._sets_of[1]
        made = []
        for postings in (self.title_postings, self.all_postings):
            found: list[list[str]] = [[] for _ in self.ids]
            for w, holders in postings.items():
                for i in holders:
                    found[i].append(w)
            made.append([frozenset(f) for f in found])
        self._sets_of.extend(made)
        return made[0], made[1]

    def search(self, text: str, limit: int | None = 20) -> list[Match]:
        """Projects holding any of the words of `text`, ranked by how many they hold;
        a word in the title counts double."""
        wanted = words(text)
        hits = _counts(self.all_postings, wanted) + _counts(self.extra_postings, wanted)
        in_title = _counts(self.title_postings, wanted)
        found = [Match(self.ids[i], self.titles[i],
                       round((n + in_title.get(i, 0)) / (2 * len(wanted)), 2))
                 for i, n in hits.items()]
        found.sort(key=lambda m: (-m.score, m.id))
        return found[:limit]

    def holding_all(self, text: str) -> set[str]:
        """Ids of the projects that hold every word of `text` somewhere."""
        wanted = words(text)
        hits = _counts(self.all_postings, wanted) + _counts(self.extra_postings, wanted)
        return {self.ids[i] for i, n in hits.items() if n == len(wanted)}


def similar(title: str, summary: str, candidates: Iterable[Candidate], *, exclude: str = "",
            limit: int = 5, threshold: float = 0.15) -> list[Match]:
    """Candidates ranked by how alike their title and summary are to these: one pass,
    for a single question (building a WordIndex costs more than it saves then)."""
    title_words = words(title)
    all_words = title_words | words(summary)
    matches = []
    for c in candidates:
        # Cheap pre-check on the string: no word of ours in it means a likeness of 0.
        if c.id == exclude or not any(w in c.all_words for w in all_words):
            continue
        theirs_title, theirs_all = c.title_words.split(), c.all_words.split()
        score = likeness(len(title_words.intersection(theirs_title)), len(title_words),
                         len(theirs_title), len(all_words.intersection(theirs_all)),
                         len(all_words), len(theirs_all))
        if score >= threshold:
            matches.append(Match(c.id, c.title, round(score, 2)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]
