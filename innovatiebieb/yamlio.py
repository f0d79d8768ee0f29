"""The only module that imports ruamel.yaml.

Reading is built for size: the C parser composes a node tree and a small
walker turns it into plain data, refusing what a data file must not hold
(anchors, non-core tags, duplicate keys, deep nesting). Scalars are resolved
by the YAML 1.2 core schema with one deliberate narrowing: a plain number
with a leading zero (``0123``) stays a string, so it is never silently read
as 123.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FILE_BYTES = 1 << 20
MAX_DEPTH = 32

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# C0/C1 controls (but tab and line breaks), zero-width and bidirectional
# controls, and a BOM inside the text: invisible in an editor and in review.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_DEEP_INDENT = re.compile(r"^ {128,}\S", re.MULTILINE)

_safe_yaml = YAML(typ="safe", pure=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem of the file as YAML, before any schema applies (1-based position)."""

    line: int
    col: int
    code: str
    message: str
    hint: str | None = None


@dataclass(slots=True)
class Document:
    """The plain data of one file, or the findings that stopped it from loading."""

    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    root: Node | None = None

    @property
    def ok(self) -> bool:
        return not self.findings


def read_document(path: Path) -> Document:
    """Read and parse one registry file with every data-file rule applied."""
    if path.is_symlink():
        return _fail(1, 1, "symlink", "file is a symbolic link",
                     "Registry files must be regular files; copy the content in.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _fail(1, 1, "file-too-large",
                         f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                         "A registry record is small; move long texts to a linked document.")
        raw = path.read_bytes()
    except OSError as e:
        return _fail(1, 1, "unreadable", f"cannot read file: {e.strerror}")
    return parse_bytes(raw)


def parse_bytes(raw: bytes) -> Document:
    """Decode (UTF-8, optional BOM) and parse one document."""
    text, finding = _decode(raw)
    if finding is not None:
        return Document(findings=[finding])
    return parse_text(text)


def parse_text(text: str) -> Document:
    """Parse text that is already decoded."""
    findings = list(_text_findings(text))
    if findings:
        return Document(findings=findings)
    if ("&" in text or "*" in text) and (anchors := _anchor_findings(text)):
        return Document(findings=anchors)
    try:
        root = _safe_yaml.compose(text)
    except ComposerError as e:
        if "single document" in str(e.problem or e.context or ""):
            line, col = _mark(e.problem_mark)
            return _fail(line, col, "multiple-documents", "file holds more than one YAML document",
                         "Keep one record per file and remove the '---' separator.")
        return _from_marked(e)
    except MarkedYAMLError as e:
        return _from_marked(e)
    except YAMLError as e:  # pragma: no cover - the C parser marks every error it raises
        return _fail(1, 1, "yaml-syntax", str(e).splitlines()[0])
    if root is None:
        return _fail(1, 1, "empty-file", "file is empty", "Write the record's fields as a mapping.")
    walker = _Walker()
    data = walker.value(root, 0)
    if walker.findings:
        return Document(findings=walker.findings)
    return Document(data=data, root=root)


def locate(root: Node | None, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the node at `loc`, or of its nearest ancestor.

    With `key=True` the position of the mapping key is given for the last step
    (what an "unknown field" error should point at).
    """
    if root is None:
        return 1, 1
    node: Node = root
    position = _mark(node.start_mark)
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and _resolve_key(k) == step:
                    position = _mark(k.start_mark if (last and key) else v.start_mark)
                    node = v
                    break
            else:
                return position
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            position = _mark(node.start_mark)
        else:
            return position
    return position


def _resolve_key(node: ScalarNode) -> Any:
    return _resolve_scalar(node)


def _decode(raw: bytes) -> tuple[str, Finding | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:2]):
        return "", Finding(1, 1, "encoding", "file is UTF-16, not UTF-8",
                           "Save the file as UTF-8 (without BOM).")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        head = raw[: e.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return "", Finding(line, col, "encoding",
                           f"byte 0x{raw[e.start]:02X} is not valid UTF-8",
                           "Save the file as UTF-8; it looks like Latin-1 or Windows-1252.")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _text_findings(text: str) -> Iterator[Finding]:
    """Rules on the raw text, checked before parsing."""
    if m := _CONFLICT.search(text):
        yield Finding(*_position(text, m.start()), "merge-conflict",
                      "merge-conflict marker in file",
                      "Resolve the merge conflict and remove the <<<<<<< ======= >>>>>>> lines.")
        return
    if m := _DIRECTIVE.search(text):
        yield Finding(*_position(text, m.start()), "yaml-directive",
                      "YAML directive (%YAML or %TAG) in file",
                      "Remove the directive line; registry files are plain YAML 1.2.")
    if m := _TAB_INDENT.search(text):
        yield Finding(*_position(text, m.end() - 1), "tab",
                      "tab character in indentation", "Indent with spaces.")
    if m := _CONTROL.search(text):
        char = m.group()
        name = unicodedata.name(char, "control character")
        yield Finding(*_position(text, m.start()), "control-character",
                      f"invisible character U+{ord(char):04X} ({name})",
                      "Remove it: invisible and direction-changing characters hide what "
                      "a text says.")
    if (m := _DEEP_INDENT.search(text)) or _flow_depth(text) > MAX_DEPTH:
        offset = m.start() if m else 0
        yield Finding(*_position(text, offset), "too-deep",
                      f"nesting is deeper than {MAX_DEPTH} levels",
                      "Registry records are shallow; flatten the structure.")


def _flow_depth(text: str) -> int:
    # Cheap guard against stack exhaustion in the C parser on [[[[...]]]].
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _anchor_findings(text: str) -> list[Finding]:
    findings: list[Finding] = []
    try:
        for event in _safe_yaml.parse(text):
            if isinstance(event, AliasEvent):
                findings.append(Finding(*_mark(event.start_mark), "yaml-alias",
                                        f"alias *{event.anchor} in file",
                                        "Write the value out in full; aliases are not allowed."))
            elif getattr(event, "anchor", None):
                findings.append(Finding(*_mark(event.start_mark), "yaml-anchor",
                                        f"anchor &{event.anchor} in file",
                                        "Remove the anchor; anchors and aliases are not allowed."))
    except YAMLError:
        return findings  # the compose step reports the syntax error itself
    return findings


def _mark(mark: Any) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _from_marked(e: MarkedYAMLError) -> Document:
    line, col = _mark(e.problem_mark or e.context_mark)
    what = " ".join(s for s in (e.problem, e.context and f"({e.context})") if s)
    return _fail(line, col, "yaml-syntax", f"invalid YAML: {what or 'syntax error'}",
                 "Check indentation, quotes and the ':' after each key at this line.")


def _fail(line: int, col: int, code: str, message: str, hint: str | None = None) -> Document:
    return Document(findings=[Finding(line, col, code, message, hint)])


def _resolve_scalar(node: ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block: always a string
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # "2021-02-30" stays text; the schema says it is not a date
    return value


class _Walker:
    """Turns a composed node tree into plain data, collecting what is not allowed."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._seen: set[int] = set()

    def _add(self, node: Node, code: str, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(*_mark(node.start_mark), code, message, hint))

    def value(self, node: Node, depth: int) -> Any:
        if id(node) in self._seen:  # the C composer shares the node of an alias
            self._add(node, "yaml-alias", "alias in file", "Write the value out in full.")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._add(node, "too-deep", f"nesting is deeper than {MAX_DEPTH} levels",
                      "Registry records are shallow; flatten the structure.")
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._add(node, "yaml-tag", f"tag {node.tag} is not allowed",
                      "Remove the tag; data files hold plain strings, numbers, lists and maps.")
            return None
        if isinstance(node, ScalarNode):
            return _resolve_scalar(node)
        if isinstance(node, SequenceNode):
            return [self.value(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: set[tuple[type, Any]] = set()  # typed, because 1 == True in Python
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._add(key_node, "yaml-key", "a key must be a plain word",
                          "Use a simple name as key.")
                continue
            key = self.value(key_node, depth + 1)
            if (type(key), key) in seen:
                self._add(key_node, "duplicate-key", f"key {key!r} appears more than once",
                          "Remove or merge the repeated key.")
                continue
            seen.add((type(key), key))
            result[key] = self.value(value_node, depth + 1)
        return result
