"""visible_all: a hidden character in any text field of any item is shown as an escape,
and a list with none hidden comes back as it was."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.show.visible import visible_all

HIDDEN = ["\x1b[31m", "\u202e", "\x85", "\u200b", "\r", "\x00", "\u2066", "\ufeff", "\x7f"]


def _problems(n: int) -> list[Problem]:
    return [Problem(f"projects/p-{i}.yaml", i % 3, 1, "schema", "multi\nline\ttext",
                    None if i % 2 else "a hint", Severity.WARNING) for i in range(n)]


def test_nothing_hidden_gives_the_same_items() -> None:
    found = _problems(500)  # line breaks and tabs stay: they are not hidden
    shown = visible_all(found)
    assert shown == found and all(a is b for a, b in zip(shown, found, strict=True))


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("field", ["path", "code", "message", "hint"])
@pytest.mark.parametrize("at", [0, 499])
def test_a_hidden_character_anywhere_is_escaped(hidden: str, field: str, at: int) -> None:
    found = _problems(500)
    p = found[at]
    found[at] = Problem(**{**p.as_dict(), field: f"before{hidden}after"})
    shown = visible_all(found)
    escaped = f"\\u{ord(hidden[0]):04x}{hidden[1:]}"
    assert getattr(shown[at], field) == f"before{escaped}after"
    assert shown[:at] + shown[at + 1:] == found[:at] + found[at + 1:]


@dataclass(frozen=True)
class _Mixed:
    value: object  # a number in one item, text in another


def test_a_field_that_is_sometimes_text_is_still_searched() -> None:
    items = [_Mixed(3), _Mixed(None), _Mixed("a\x1bb")]
    assert [i.value for i in visible_all(items)] == [3, None, "a\\u001bb"]


def test_an_empty_list() -> None:
    assert visible_all([]) == []
