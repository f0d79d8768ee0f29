"""Asking in a terminal: one question at a time, each answer checked as it is typed.

Two ways to ask, the same questions: questionary (on prompt_toolkit) where the
terminal can draw, with completion, checkbox lists and the error shown under the
answer being typed; plain numbered lines where it cannot (TERM=dumb, an Emacs
shell). questionary is imported only here, and only when a question is asked,
so scripts and `--help` never load it. Without a terminal nothing asks at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from innovatiebieb.change.choices import Choice
from innovatiebieb.change.intake import Question
from innovatiebieb.model.errors import BiebError, Interrupted

Check = Callable[[Any], Any]  # an answer -> the value to record, or a BiebError


def interactive() -> bool:
    """Ask only when a person is at a terminal: both ends of it."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class Asker(Protocol):
    def ask(self, q: Question, current: Any, check: Check) -> Any:
        """The checked value of `q`; asks again until the check passes."""

    def select(self, label: str, options: Sequence[tuple[str, str]]) -> str:
        """One of `options` (value, what is shown), by its value."""


def asker() -> Asker:
    """The fancy prompts where the terminal can draw them, else plain lines."""
    if os.environ.get("TERM", "dumb") in ("", "dumb"):
        return PlainAsker()
    return FancyAsker()


@contextmanager
def cancel_writes_nothing() -> Iterator[None]:
    """Ctrl-C (or Ctrl-D) at any question: nothing is written, and bieb says so."""
    try:
        yield
    except (KeyboardInterrupt, EOFError) as e:
        raise Interrupted("cancelled; nothing was written", None) from e


def _why(e: BiebError) -> str:
    return e.message + (f". {e.hint}" if e.hint else "")


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


class FancyAsker:
    """questionary: completion for one choice, a checkbox list for several."""

    def ask(self, q: Question, current: Any, check: Check) -> Any:
        import questionary  # only a terminal that asks pays for prompt_toolkit

        def valid(answer: Any) -> bool | str:
            try:
                check(answer)
            except BiebError as e:
                return _why(e)
            return True

        label = q.label + ("" if q.required else " (empty to skip)")
        if q.shape == "many":
            chosen = set(current or ())
            answer = questionary.checkbox(
                q.label, instruction="(type to filter, space picks, enter when done)",
                choices=[questionary.Choice(c.label, value=c.id, checked=c.id in chosen)
                         for c in q.choices],
                validate=valid, use_search_filter=True, use_jk_keys=False).unsafe_ask()
        elif q.shape == "one" and q.fixed:  # a few words of the model: pick one
            skip = [] if q.required else [questionary.Choice("(none)", value="")]
            known = current if current in {c.id for c in q.choices} else None  # else: refused
            answer = questionary.select(label, choices=[
                questionary.Choice(c.id, value=c.id) for c in q.choices] + skip,
                default=known).unsafe_ask()
        elif q.shape == "one":
            answer = questionary.autocomplete(
                f"{label}  (tab completes)", choices=[c.id for c in q.choices],
                meta_information={c.id: c.name for c in q.choices if c.name},
                default=_shown(current), validate=valid, match_middle=True,
                ignore_case=True).unsafe_ask()
        else:
            answer = questionary.text(label, default=_shown(current),
                                      validate=valid).unsafe_ask()
        value = check(answer)
        if q.shape == "one" and value and value != answer:  # a name typed: say which id
            print(f"  = {value}")
        return value

    def select(self, label: str, options: Sequence[tuple[str, str]]) -> str:
        import questionary

        return str(questionary.select(label, choices=[
            questionary.Choice(shown, value=value) for value, shown in options]).unsafe_ask())


class PlainAsker:
    """Numbered lines for terminals that cannot draw (TERM=dumb)."""

    def ask(self, q: Question, current: Any, check: Check) -> Any:
        choices = q.choices if q.shape in ("one", "many") else ()
        if choices:
            print(f"{q.label}:")
            for i, c in enumerate(choices, 1):
                print(f"  {i:>2}. {c.label}")
        hint = {"one": "number, name or id", "many": "numbers, names or ids, comma-separated"}
        extra = [hint[q.shape]] if choices else []
        extra += [] if q.required else ["empty to skip"]
        shown = _shown(current)
        prompt = (f"{q.label}" + (f" ({'; '.join(extra)})" if extra else "")
                  + (f" [{shown}]" if shown else "") + ": ")
        while True:
            answer = input(prompt).strip() or shown
            try:
                return check(_numbers(answer, choices, q.shape == "many"))
            except BiebError as e:
                print(f"  ! {_why(e)}")

    def select(self, label: str, options: Sequence[tuple[str, str]]) -> str:
        print(f"{label}")
        for i, (_, shown) in enumerate(options, 1):
            print(f"  {i}. {shown}")
        while True:
            answer = input(f"Choose 1-{len(options)}: ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1][0]
            print(f"  ! type a number from 1 to {len(options)}")


def _numbers(answer: str, choices: Sequence[Choice], many: bool) -> str | list[str]:
    """Numbers of the listed choices stand for their ids: '2, 5' -> the 2nd and 5th."""
    if not choices:
        return answer
    parts = [p.strip() for p in answer.split(",")] if many else [answer]
    if not answer or not all(p.isdigit() and 1 <= int(p) <= len(choices) for p in parts):
        return answer
    ids = [choices[int(p) - 1].id for p in parts]
    return ids if many else ids[0]
