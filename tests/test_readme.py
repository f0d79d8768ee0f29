"""The README cannot drift: its console sessions are replayed and must print what they show.

When bieb's output changes on purpose, `make readme` writes the new output into
README.md (tests/readme_replay.py says how the blocks are replayed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.readme_replay import README, REPO, parse, replay, rewrite

TEXT = README.read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_session_in_the_readme_prints_what_it_shows(tmp_path: Path) -> None:
    drifts = replay(TEXT, tmp_path)
    if drifts:
        pytest.fail("\n\n".join(d.diff() for d in drifts)
                    + f"\n\nREADME.md: {len(drifts)} block(s) differ from bieb's output. "
                    "If the change is meant, run `make readme` and review the diff.",
                    pytrace=False)


def test_a_hand_changed_output_line_is_drift_and_a_new_hash_is_not(tmp_path: Path) -> None:
    text = ("Intro.\n\n```console\n$ bieb init nieuw\ncreated registry in nieuw (99 record "
            "folders)\n$ git rev-parse --short=10 HEAD\n0123456789\n```\n\nAfter.\n")
    drifts = replay(text, tmp_path)
    assert [d.block.lines[1] for d in drifts] == ["created registry in nieuw (99 record folders)"]
    assert "+created registry in nieuw (7 record folders)" in drifts[0].diff()
    fixed = rewrite(text, drifts)
    assert fixed.startswith("Intro.\n\n```console\n$ bieb init nieuw\ncreated registry in nieuw "
                            "(7 record folders)\n")
    assert "\n$ git rev-parse --short=10 HEAD\n" in fixed
    assert fixed.endswith("\n```\n\nAfter.\n")


def test_blocks_of_one_session_share_a_repository_and_its_setup_runs_first(
        tmp_path: Path) -> None:
    text = ("<!-- replay session=s\ngit tag before\n-->\n```console\n"
            "$ bieb org add probiblio name=ProBiblio kind=poi province=noord-holland --no-commit\n"
            "wrote registry/organisations/probiblio.yaml (not committed)\n```\n\n"
            "<!-- replay session=s -->\n```console\n$ git tag; ls registry/organisations | "
            "grep probiblio\nbefore\nprobiblio.yaml\n$ echo $?\n0\n```\n\n"
            "```console\n$ ls registry/organisations | grep -c probiblio\n0\n```\n")
    assert replay(text, tmp_path) == []


def test_a_command_goes_on_after_a_backslash(tmp_path: Path) -> None:
    text = "```console\n$ echo one \\\n    two\none two\n$ echo three\nthree\n```\n"
    assert replay(text, tmp_path) == []


def test_a_block_marked_skip_is_not_run(tmp_path: Path) -> None:
    text = ("<!-- replay skip: waits forever; covered by tests/test_readme.py -->\n"
            "```console\n$ sleep 1000\n```\n")
    assert replay(text, tmp_path) == []


def test_blocks_shown_but_not_replayed_are_few_and_name_the_test_that_covers_them() -> None:
    skipped = [b for b in parse(TEXT) if b.skip is not None]
    assert len(skipped) <= 3, [b.where for b in skipped]
    for block in skipped:
        named = re.findall(r"tests/[\w/]+\.py", block.skip or "")
        assert named and all((REPO / n).is_file() for n in named), \
            f"{block.where}: a skipped block must name an existing test: {block.skip!r}"


def test_every_command_in_a_replayed_block_is_run() -> None:
    """A `$ ` line is a command; a console block without one would show nothing tested."""
    for block in parse(TEXT):
        assert block.commands(), f"{block.where}: a console block with no `$ ` command"


def test_bieb_sessions_are_only_in_console_blocks() -> None:
    """A `$ bieb` session in a ```sh or plain ``` block would escape the replay."""
    escaped, fence = [], None
    for number, line in enumerate(TEXT.splitlines(), 1):
        if line.startswith("```"):
            fence = None if fence is not None else line[3:].strip()
        elif fence not in (None, "console") and line.startswith("$ bieb"):
            escaped.append(f"README.md:{number}: ```{fence} block")
    assert not escaped, escaped
