"""Likeness stays bounded per question whatever the texts, and still finds the alike."""

from __future__ import annotations

import random

import pytest

from innovatiebieb.read import similar as likeness_module
from innovatiebieb.read.similar import CANDIDATES, WordIndex, candidate, similar

# Forty words, each in about a quarter of the projects: no stopword, no rare word.
VOCABULARY = ("lezen digitale jongeren school taal ouderen inclusie werk samen kennis app "
              "platform netwerk collectie media makers gezin wijk burgerschap leren "
              "vaardigheden geletterdheid ouders kinderen voorlezen informatie dienst aanbod "
              "partners gemeente onderwijs programma activiteiten bezoekers vrijwilligers "
              "cultuur ontmoeting laagdrempelig innovatie samenwerking").split()


def _projects(n: int) -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    return [(f"p-{i:05d}", " ".join(rng.sample(VOCABULARY, 4)),
             " ".join(rng.sample(VOCABULARY, 12))) for i in range(n)]


@pytest.fixture(scope="module")
def shared() -> tuple[list[tuple[str, str, str]], WordIndex]:
    projects = _projects(3000)
    return projects, WordIndex.build(candidate(*p) for p in projects)


def test_a_question_scores_a_bounded_number_of_projects(
        shared: tuple[list[tuple[str, str, str]], WordIndex],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word is common: scoring each project sharing one would be quadratic."""
    projects, index = shared
    scored: list[int] = []
    real = likeness_module.likeness

    def counting(*counts: int) -> float:
        scored.append(1)
        return real(*counts)

    monkeypatch.setattr(likeness_module, "likeness", counting)
    for _, title, summary in projects[:20]:
        scored.clear()
        assert index.similar(title, summary)
        assert len(scored) <= CANDIDATES


def test_the_most_alike_are_found_as_an_exact_pass_finds_them(
        shared: tuple[list[tuple[str, str, str]], WordIndex]) -> None:
    projects, index = shared
    everyone = [candidate(*p) for p in projects]
    for project_id, title, summary in projects[:30]:
        found = index.similar(title, summary, exclude=project_id)
        exact = similar(title, summary, everyone, exclude=project_id)
        assert found[0].score == exact[0].score
        assert [m.score for m in found] == [m.score for m in exact]


def test_a_copy_is_ranked_first(shared: tuple[list[tuple[str, str, str]], WordIndex]) -> None:
    projects, index = shared
    _, title, summary = projects[1234]
    assert index.similar(title, summary)[0].id == "p-01234"


def test_one_question_finds_what_an_index_prepared_for_many_finds(
        shared: tuple[list[tuple[str, str, str]], WordIndex]) -> None:
    """project show asks once (counting its own words' postings); a site asks for
    every page (every project's words indexed first): the same answers, ties too."""
    projects, _ = shared
    single = WordIndex.build(candidate(*p) for p in projects)
    many = WordIndex.build(candidate(*p) for p in projects)
    many.prepare_for_many()
    for project_id, title, summary in projects[:200]:
        asked_once = single.similar(title, summary, exclude=project_id, limit=10)
        assert asked_once == many.similar(title, summary, exclude=project_id, limit=10)
    assert single.similar("netwerk inclusie voorlezen nieuw", "") == \
        many.similar("netwerk inclusie voorlezen nieuw", "")
