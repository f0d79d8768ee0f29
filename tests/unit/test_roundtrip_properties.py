"""Round-trip properties, tried on many generated projects (hypothesis).

For any valid project, with any text: writing it and reading it back gives
the same data; editing one field changes only that field's lines; dumping
an unchanged file changes nothing. And no input, however broken, makes the
loader raise instead of reporting a problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from innovatiebieb.change.records import field_order, new_record_text
from innovatiebieb.model.models import Project
from innovatiebieb.store.loader import record_from_document
from innovatiebieb.store.yamlio import EditableDocument, parse_bytes, parse_text, positions, set_key

# What a value may hold: any character bieb's validation accepts. Surrogates
# cannot be UTF-8; control, zero-width and direction characters, and tabs,
# are refused by `bieb validate` (they hide what a text says).
_REFUSED = "".join(chr(c) for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                    *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF])
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_REFUSED)
LINE = st.text(_CHARS, min_size=1, max_size=60).filter(lambda s: s.strip() == s and s)
TEXT = st.one_of(LINE, st.lists(LINE, min_size=2, max_size=4).map("\n".join),
                 st.sampled_from(["yes", "no", "null", "~", "true", "0123", "1e3", "2021-03-01",
                                  "- item", "key: value", "# not a comment", "'quoted'",
                                  "\"double\"", "@at", "`tick", "%pct", "a: b: c", "[1, 2]",
                                  "{a: 1}", "*alias", "&anchor", "!tag", "|", ">"]))
SLUG = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": draw(SLUG),
        "title": draw(st.text(_CHARS, min_size=3, max_size=80).filter(
            lambda s: s.strip() == s and "\n" not in s)),
        "summary": draw(TEXT),
        "phase": "idee",
        "status": "lopend",
        "themes": draw(st.lists(SLUG, min_size=1, max_size=3, unique=True)),
        "created": draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
    }
    if draw(st.booleans()):
        fields["contact"] = {"name": draw(LINE)}
    if draw(st.booleans()):
        fields["results"] = draw(TEXT)
    return fields


def _text(fields: dict[str, Any]) -> str:
    return new_record_text("projects", fields, "A comment bieb must keep.")


def _as_read(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as YAML 1.2 reads them back: a date is text, which the model reads."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}


def _with(summary: str) -> dict[str, Any]:
    return {"id": "p", "title": "Een titel", "summary": summary, "phase": "idee",
            "status": "lopend", "themes": ["t"], "created": dt.date(2021, 3, 1)}


@SETTINGS
@given(projects())
@example(_with("regel\u2028scheiding"))  # line and paragraph separators: YAML 1.1 breaks
@example(_with("alinea\u2029scheiding"))
@example(_with("harde\u00a0spatie"))
@example(_with("eerste\n\ntweede na een lege regel"))
@example(_with("een: dubbele punt # en geen commentaar"))
def test_written_and_read_back_gives_the_same_valid_project(fields: dict[str, Any]) -> None:
    doc = parse_text(_text(fields))
    assert doc.ok, doc.findings
    assert doc.data == _as_read(fields)
    assert Project.model_validate(doc.data).created == fields["created"]


@SETTINGS
@given(projects())
def test_dumping_an_unchanged_file_changes_nothing(fields: dict[str, Any]) -> None:
    text = _text(fields)
    once = EditableDocument(text).dump()
    assert once == text
    assert EditableDocument(once).dump() == once


@SETTINGS
@given(projects(), TEXT)
def test_editing_one_field_changes_only_its_lines(fields: dict[str, Any], summary: str) -> None:
    text = _text(fields)
    keys = sorted(key[0] for path, (key, _) in positions(text).items() if len(path) == 1)
    start = next(k for k in keys if k == positions(text)[("summary",)][0][0])
    following = [k for k in keys if k > start]
    doc = EditableDocument(text)
    set_key(doc.data, "summary", summary, field_order("projects"))
    new = doc.dump()
    assert parse_text(new).data == _as_read({**fields, "summary": summary})
    old_lines, new_lines = text.splitlines(), new.splitlines()
    before = start - 1  # lines above the summary's key
    after = len(old_lines) - following[0] + 1 if following else 0  # from the next key on
    assert new_lines[:before] == old_lines[:before]
    assert new_lines[len(new_lines) - after:] == old_lines[len(old_lines) - after:]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_loaded_or_reported_never_raised(raw: bytes) -> None:
    doc = parse_bytes(raw)
    assert doc.ok or doc.findings


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab:- \n[]{}'\"#&*!|>?,%@`~\t0123") + ["\ufeff", "é"]),
               max_size=80))
def test_yaml_like_text_is_validated_or_reported_never_raised(text: str) -> None:
    record, problems = record_from_document(parse_text(text), Path("x.yaml"), "x.yaml",
                                            Project)
    assert (record is None) == bool(problems)


def test_a_value_ruamel_would_mangle_is_refused_not_written(git_registry: Path) -> None:
    """U+0085 (NEXT LINE) is folded away by ruamel.yaml in some scalars; bieb refuses it
    as an invisible control character, and the file stays as it was."""
    from tests.helpers import repo_state, run_bieb

    before = repo_state(git_registry.parent)
    result = run_bieb("project", "set", "leesleen-app-po", "summary=een\x85twee",
                      "--registry", str(git_registry))
    assert result.returncode == 2  # refused with the argument, before anything is read
    assert "U+0085" in result.stdout + result.stderr
    assert repo_state(git_registry.parent) == before


WORD = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
                             blacklist_characters=_REFUSED + "\t"), min_size=1, max_size=30)


@SETTINGS
@given(projects(), st.lists(WORD, min_size=12, max_size=60).map(" ".join))
def test_long_text_is_folded_and_reads_back_the_same(fields: dict[str, Any], long: str) -> None:
    """bieb folds a long one-line text (yamllint's line length); read back, it is unchanged."""
    text = _text({**fields, "summary": long})
    assert parse_text(text).data["summary"] == long
    if len(long) > 72:
        assert "summary: >-" in text
        assert all(len(line) <= 100 or " " not in line.strip() for line in text.splitlines())
