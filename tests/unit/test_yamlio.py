"""Reading YAML: the core schema, narrowed so that nothing is silently coerced."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from innovatiebieb.model.characters import INVISIBLE
from innovatiebieb.store.yamlio import (
    FileRefused,
    locate,
    parse_bytes,
    parse_text,
    positions,
    read_document,
    read_limited,
)


@pytest.mark.parametrize(("text", "value"), [
    ("v: no", "no"), ("v: yes", "yes"), ("v: on", "on"),
    ("v: 123", 123), ("v: -7", -7),
    ("v: 1.5", 1.5), ("v: true", True), ("v: False", False),
    ("v: ~", None), ("v:", None), ("v: null", None),
    ("v: 2021-03-01", "2021-03-01"), ("v: 2021-02-30", "2021-02-30"),
    ('v: "123"', "123"), ("v: '2021-03-01'", "2021-03-01"), ("v: !!str 12", "12"),
])
def test_scalars_resolve_by_the_narrowed_core_schema(text: str, value: object) -> None:
    doc = parse_text(text)
    assert doc.ok
    assert doc.data == {"v": value}
    assert type(doc.data["v"]) is type(value)


@pytest.mark.parametrize("value", ["0123", "-0123", "0x1F", "0o17", ".inf", "-.inf", ".nan"])
def test_numbers_yaml_readers_disagree_on_are_findings(value: str) -> None:
    doc = parse_text(f"v: {value}")
    assert [(f.code, f.line, f.col) for f in doc.findings] == [("ambiguous-number", 1, 4)]
    assert parse_text(f"v: '{value}'").data == {"v": value}  # quoted, it is text


def test_bom_and_crlf_are_accepted() -> None:
    doc = parse_bytes(b"\xef\xbb\xbfid: a\r\ntitle: B\r\n")
    assert doc.ok and doc.data == {"id": "a", "title": "B"}


def test_positions_point_at_keys_and_values() -> None:
    text = "# comment\nid: a\ncontact:\n  name: Sam\n  email: x\nthemes:\n  - one\n  - two\n"
    where = positions(text)
    assert locate(where, ("contact", "email")) == (5, 10)
    assert locate(where, ("contact", "email"), key=True) == (5, 3)
    assert locate(where, ("themes", 1)) == (8, 5)
    assert locate(where, ("contact", "phone")) == (4, 3)  # nearest ancestor: the mapping


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_a_noncharacter_is_a_finding_not_a_crash(char: str) -> None:
    """libyaml refuses U+FFFE and U+FFFF with an error that is no syntax error."""
    doc = parse_text(f"id: a\ntitle: Lees{char}app\n")
    assert [(f.code, f.line, f.col) for f in doc.findings] == [("control-character", 2, 12)]


def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: a\n" * 1000)
    assert read_limited(path) == b"id: a\n" * 1000
    assert read_limited(path, limit=6000) == b"id: a\n" * 1000
    with pytest.raises(FileRefused):
        read_limited(path, limit=5999)
    # A file that grows between fstat and read (fstat says it is small) is read on
    # to the limit, and refused past it.
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[stat.ST_SIZE] = 10
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", shrunk)
    assert read_limited(path, limit=6000) == b"id: a\n" * 1000
    with pytest.raises(FileRefused):
        read_limited(path, limit=5999)


@pytest.mark.parametrize("rest", ["", " caf\u00e9"])  # plain ASCII, and not
def test_every_ascii_character_is_a_finding_exactly_when_it_is_invisible(rest: str) -> None:
    """Plain ASCII texts are checked for invisible characters by a faster way than the
    rest: both must find the same characters."""
    invisible = re.compile(f"[{INVISIBLE}]")
    for code in range(128):
        char = chr(code)
        if char in "\n\r\t":
            continue  # line ends and tabs have rules of their own
        doc = parse_text(f"id: a\ntitle: Lees{char}app{rest}\n")
        found = [(f.code, f.line, f.col) for f in doc.findings if f.code == "control-character"]
        assert found == ([("control-character", 2, 12)] if invisible.match(char) else []), \
            repr(char)


@pytest.mark.parametrize("target", ["file", "folder", "fifo", "nothing"])
def test_a_symbolic_link_is_never_followed(tmp_path: Path, target: str) -> None:
    """Whatever a link points at (a record, a folder, a FIFO that would hang a read,
    nothing at all), the link is the finding."""
    pointed = tmp_path / "target"
    if target == "file":
        pointed.write_text("id: a\n", encoding="utf-8")
    elif target == "folder":
        pointed.mkdir()
    elif target == "fifo":
        os.mkfifo(pointed)
    link = tmp_path / "a.yaml"
    link.symlink_to(pointed)
    doc = read_document(link, fast=True)
    assert [(f.code, f.line, f.col) for f in doc.findings] == [("symlink", 1, 1)]
    assert read_document(str(link)).findings == doc.findings


def test_a_file_that_cannot_be_reached_is_a_finding_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record folder that can be listed but not entered: the open and any look at
    the path fail with EACCES. Root is never refused, so the system's answer is
    played here."""
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n", encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    with monkeypatch.context() as system:
        for call in ("open", "lstat", "stat"):
            system.setattr(os, call, refused)
        doc = read_document(path, fast=True)
    assert [(f.code, f.message) for f in doc.findings] == [
        ("unreadable", "cannot read file: Permission denied")]
