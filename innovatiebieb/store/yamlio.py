"""The only module that imports ruamel.yaml.

Reading is built for size: the C parser composes a node tree and a small
walker turns it into plain data, refusing what a data file must not hold
(anchors, non-core tags, duplicate keys, deep nesting), with scalars read by
the narrowed core schema of yamlrules. This is the exact reader; bulk reads
may ask for the fast one (fastyaml), which gives the same or steps aside.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser  # ruamel.yaml.clib: the C parser
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from innovatiebieb.model.characters import INVISIBLE
from innovatiebieb.store import fastyaml
from innovatiebieb.store.yamlrules import (
    AMBIGUOUS,
    MAX_DEPTH,
    Path_,
    Position,
    Where,
    resolve_plain,
)

MAX_FILE_BYTES = 1 << 20

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_ALLOWED_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_CONTROL = re.compile(f"[{INVISIBLE}]")  # see model/characters.py
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"  # ASCII that _CONTROL never finds

# The same characters once a double-quoted scalar's escapes are decoded ("\e",
# "\u202E", "\x85"), plus a carriage return: there it can only come from an
# escape, and on a terminal it overwrites the line.
_CONTROL_DECODED = re.compile(f"[{INVISIBLE}\r]")


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem of the file as YAML, before any schema applies (1-based position)."""

    line: int
    col: int
    code: str
    message: str
    hint: str | None = None


class Document:
    """The plain data of one file, or the findings that stopped it from loading.

    `where` holds the positions of the root and its keys: found in the same pass
    by the exact reader, and after the fast read (fastyaml) found in the text on
    first use, which most files never need. A deeper location needs `positions`:
    a second parse, made only then.
    """

    __slots__ = ("data", "findings", "text", "_where")

    def __init__(self, data: Any = None, findings: list[Finding] | None = None,
                 text: str = "", where: Where | None = None) -> None:
        """`where` None: found in `text` when first asked for."""
        self.data = data
        self.findings = [] if findings is None else findings
        self.text = text
        self._where = where

    def root_key(self, key: str | int) -> tuple[Position, Position] | None:
        """`where[(key,)]`; after the fast read, found without the other keys (a warning
        on one field of each of 10,000 files). None where `where` must say."""
        if self._where is None and self.text and isinstance(self.data, dict) \
                and isinstance(key, str):
            return fastyaml.root_key(self.text, self.data, key)
        return None

    @property
    def where(self) -> Where:
        if self._where is None:
            found = fastyaml.where(self.text, self.data) if self.text else {}
            if found is None:  # not from the key lines alone: as the exact reader finds them
                composer = _Composer(self.text, record_positions=False)
                composer.run()
                found = composer.positions
            self._where = found
        return self._where

    @property
    def ok(self) -> bool:
        return not self.findings


class FileRefused(Exception):
    """A path bieb will not read: not a regular file, or too large. The message
    follows the file's name ("x.yaml is a named pipe...")."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def read_limited(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *,
                 follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Opened without blocking and checked on the open file: a FIFO would hang
    the read, /dev/zero would fill the memory, and a check by name before the
    open could be raced. FileRefused for those; OSError as the system says
    (also for a symbolic link, with `follow=False`, where the system can tell).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else _NOFOLLOW)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe (FIFO)"
                    if stat.S_ISFIFO(info.st_mode) else "a device or socket")
            raise FileRefused("not-a-file", f"is {what}, not a regular file",
                              "Only regular files are read: remove it, or put a regular "
                              "file in its place.")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        # Read the size fstat gave and a byte more, to the end: asking for the
        # limit at once would allocate a MiB for each small file.
        parts: list[bytes] = []
        size = 0
        while size <= limit:
            want = info.st_size + 1 - size if size <= info.st_size else limit + 1 - size
            part = os.read(fd, want)
            if not part:
                break
            parts.append(part)
            size += len(part)
            if size == info.st_size and len(part) < want:
                break  # all fstat counted, and no more: the end (saves a read a file)
        if size > limit:  # grew meanwhile
            raise _too_large(size, limit)
        return b"".join(parts)
    finally:
        os.close(fd)


# Where the system has it, a symbolic link is refused by the open itself: one
# system call a file less than asking lstat first.
_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)


def _too_large(size: int, limit: int) -> FileRefused:
    return FileRefused("file-too-large", f"is {size:,} bytes; the limit is {limit:,}",
                       "A registry record is small; move long texts to a linked document.")


def read_document(path: str | os.PathLike[str], *, fast: bool = False) -> Document:
    """Read and parse one registry file with every data-file rule applied.

    `fast` lets rapidyaml read it where it gives the same Document (see fastyaml):
    for reading many files. Edits read with the exact reader alone.
    """
    try:
        if not _NOFOLLOW and stat.S_ISLNK(os.lstat(path).st_mode):
            return _symlink()
        raw = read_limited(path, follow=False)
    except FileRefused as e:
        return _fail(1, 1, e.code, f"file {e.message}", e.hint)
    except OSError as e:
        # Refused by O_NOFOLLOW? islink is False for any error of its own (a folder that
        # cannot be entered): Path.is_symlink would raise it.
        if os.path.islink(path):  # noqa: PTH114
            return _symlink()
        return _fail(1, 1, "unreadable", f"cannot read file: {e.strerror}")
    return parse_bytes(raw, fast=fast)


def _symlink() -> Document:
    return _fail(1, 1, "symlink", "file is a symbolic link",
                 "Registry files must be regular files; copy the content in.")


def parse_bytes(raw: bytes, *, fast: bool = False) -> Document:
    """Decode (UTF-8, optional BOM) and parse one document (`fast`: see read_document)."""
    text, finding = _decode(raw)
    if finding is not None:
        return Document(findings=[finding], where={})
    return parse_text(text, fast=fast)


def read_exact(path: Path) -> str:
    """A file's text exactly as stored: BOM and CRLF line ends kept (Path.read_text
    would turn CRLF into LF, and an edit would then rewrite every line)."""
    try:
        return read_limited(path).decode("utf-8")
    except FileRefused as e:
        raise OSError(f"{path} {e.message}") from e


def parse_text(text: str, *, fast: bool = False) -> Document:
    """Parse text that is already decoded; a BOM at the very start is allowed
    (`fast`: see read_document)."""
    text = text.removeprefix("\ufeff")
    findings = list(_text_findings(text))
    if findings:
        return Document(findings=findings, text=text, where={})
    return parse_emitted(text, fastyaml.emit(text) if fast else None)


def read_ahead_of_parse(path: str) -> tuple[str | None, str | None]:
    """What read_document(path, fast=True) does before it needs more than this
    module: the text of a file that passed the text rules, and rapidyaml's JSON of it
    (fastyaml.emit); parse_emitted finishes it. (None, None) where read_document must
    read the file itself: it is refused, unreadable, or has a finding."""
    if not _NOFOLLOW:
        return None, None  # a link is only found by lstat first: read_document's way
    try:
        raw = read_limited(path, follow=False)
    except (FileRefused, OSError):
        return None, None
    text, finding = _decode(raw)
    if finding is not None:
        return None, None
    text = text.removeprefix("\ufeff")
    if next(_text_findings(text), None) is not None:
        return None, None
    return text, fastyaml.emit(text)


def parse_emitted(text: str, emitted: str | None) -> Document:
    """The Document of a text that passed the text rules, given what fastyaml.emit
    made of it (None: the exact reader reads it)."""
    if emitted is not None and (data := fastyaml.load(text, emitted)) is not None:
        return Document(data=data, text=text)
    composer = _Composer(text, record_positions=False)
    data = composer.run()
    return Document(data=data, findings=composer.findings, text=text, where=composer.positions)


def parse_value(raw: str) -> Any:
    """A VALUE given on the command line: read as YAML when YAML reads all of it
    (`[a, b]`, `true`, `2021-03-01`, `"quoted"`), else the text exactly as given.

    YAML would cut `plan #2` at its comment, make `#1 Venlo` empty and keep only
    the first line of a multi-line text; none of these may change a value
    silently. An empty VALUE is None (the field is removed).
    """
    if raw == "":
        return None
    if "\n" in raw or "\r" in raw or not raw.strip():  # blanks: text, not YAML's null
        return raw
    text = f"v: {raw}\n"
    try:
        parser = CParser(text)
        for _ in range(4):  # stream, document, mapping, the key 'v'
            parser.get_event()
        first = last = parser.get_event()
        depth = 1 if isinstance(first, (SequenceStartEvent, MappingStartEvent)) else 0
        while depth:
            last = parser.get_event()
            if isinstance(last, (SequenceStartEvent, MappingStartEvent)):
                depth += 1
            elif isinstance(last, (SequenceEndEvent, MappingEndEvent)):
                depth -= 1
    except YAMLError:  # a syntax error, or a character YAML does not allow: it is text
        return raw
    if last.end_mark.line != 0 or text[last.end_mark.column:].strip():
        return raw  # a comment or more text after the value: YAML did not read it all
    doc = parse_text(text)
    if not doc.ok or not isinstance(doc.data, dict):
        return raw
    value = doc.data.get("v")
    if isinstance(first, ScalarEvent) and not first.style and isinstance(value, str):
        return raw  # plain words: exactly as typed
    return value



def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a file that parsed before, as the parser saw it (to locate problems)."""
    return Path(path).read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")


def positions(text: str) -> Where:
    """Map each path in the document to (key position, value position); for error reports."""
    composer = _Composer(text, record_positions=True)
    composer.run()
    return composer.positions


def locate(where: dict[Path_, tuple[Position, Position]], loc: Path_, *,
           key: bool = False) -> Position:
    """The 1-based line and column of `loc`, or of its nearest ancestor that exists.

    With `key=True` the position of the mapping key is given (what an
    "unknown field" error should point at).
    """
    for n in range(len(loc), -1, -1):
        found = where.get(tuple(loc[:n]))
        if found is not None:
            return found[0] if (key and n == len(loc)) else found[1]
    return 1, 1


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
    # Substring tests first: they are ten times cheaper than the line regexes.
    if ("<<<<<<<" in text or ">>>>>>>" in text or "=======" in text) and (
            m := _CONFLICT.search(text)):
        yield Finding(*_position(text, m.start()), "merge-conflict",
                      "merge-conflict marker in file",
                      "Resolve the merge conflict and remove the <<<<<<< ======= >>>>>>> lines.")
        return
    if "\t" in text and (m := _TAB_INDENT.search(text)):
        yield Finding(*_position(text, m.end() - 1), "tab",
                      "tab character in indentation", "Indent with spaces.")
    # Most texts are plain ASCII: then one pass in C says there is nothing to find.
    if (not text.isascii() or text.encode().translate(None, _PLAIN_ASCII)) and (
            m := _CONTROL.search(text)):
        char = m.group()
        name = unicodedata.name(char, "control character")
        yield Finding(*_position(text, m.start()), "control-character",
                      f"invisible character U+{ord(char):04X} ({name})",
                      "Remove it: invisible and direction-changing characters hide what "
                      "a text says.")


def _mark(mark: Any) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _syntax(e: MarkedYAMLError) -> Finding:
    line, col = _mark(e.problem_mark or e.context_mark)
    what = " ".join(x for x in (e.problem, e.context and f"({e.context})") if x)
    return Finding(line, col, "yaml-syntax", f"invalid YAML: {what or 'syntax error'}",
                   "Check indentation, quotes and the ':' after each key at this line.")


def _fail(line: int, col: int, code: str, message: str, hint: str | None = None) -> Document:
    return Document(findings=[Finding(line, col, code, message, hint)], where={})


_NO_PATH: Path_ = ("<key>",)  # keys are located through their value's entry
_NOWHERE: Position = (0, 0)  # a position not recorded


class _Fatal(Exception):
    """Parsing cannot go on (syntax error, second document)."""


class _Composer:
    """Builds plain data straight from the C parser's events.

    ruamel's own composer calls a Python resolver for every node, which costs
    ten times the parse; resolving here, on our narrower rules, does not.
    Anchors, aliases, tags, directives, duplicate keys, nesting and extra
    documents are findings, in the same single pass.
    """

    def __init__(self, text: str, *, record_positions: bool) -> None:
        self._next = CParser(text).get_event
        self.findings: list[Finding] = []
        self.record = record_positions
        self.positions: dict[Path_, tuple[Position, Position]] = {}
        self._once = ("yaml-anchor", "yaml-alias")

    def _add(self, event: Any, code: str, message: str, hint: str | None = None) -> None:
        if code in self._once and any(f.code == code for f in self.findings):
            return  # one anchor or alias finding per file; a billion laughs is one problem
        self.findings.append(Finding(*_mark(event.start_mark), code, message, hint))

    def run(self) -> Any:
        try:
            return self._document()
        except MarkedYAMLError as e:
            self.findings.append(_syntax(e))
        except _Fatal:
            pass
        return None

    def _document(self) -> Any:
        self._next()  # stream start
        start = self._next()
        if isinstance(start, StreamEndEvent):
            self.findings.append(Finding(1, 1, "empty-file", "file is empty",
                                         "Write the record's fields as a mapping."))
            return None
        if start.version is not None or start.tags:
            self._add(start, "yaml-directive", "YAML directive (%YAML or %TAG) in file",
                      "Remove the directive line; registry files are plain YAML 1.2.")
        data = self._node(self._next(), (), 0, (1, 1))
        self._next()  # document end
        extra = self._next()
        if not isinstance(extra, StreamEndEvent):
            self._add(extra, "multiple-documents", "file holds more than one YAML document",
                      "Keep one record per file and remove the '---' separator.")
            raise _Fatal
        return data

    def _plain(self, event: Any) -> Any:
        """A plain scalar's value; a number some YAML readers read as text is a finding."""
        value = resolve_plain(event.value)
        if value.__class__ is str and value[:1] in "+-.0" and AMBIGUOUS.match(value):
            self._add(event, "ambiguous-number",
                      f"'{value}' is a number to some YAML readers and text to others",
                      f"Quote it if it is text ('{value}'); write a number without "
                      "a leading zero.")
        return value

    def _node(self, event: Any, path: Path_, depth: int, key_pos: Position) -> Any:
        # The root and its keys always: most problems are found there (cheap, 2%).
        if (depth <= 1 or self.record) and path is not _NO_PATH:
            self.positions[path] = (key_pos, _mark(event.start_mark))
        kind = type(event)
        if kind is ScalarEvent and event.tag is None and event.anchor is None:
            if event.style == '"':  # the only style with escapes
                self._decoded(event)
            return event.value if event.style else self._plain(event)  # hot path
        if kind is AliasEvent:
            self._add(event, "yaml-alias", f"alias *{event.anchor} in file",
                      "Write the value out in full; aliases are not allowed.")
            return None
        if event.anchor is not None:
            self._add(event, "yaml-anchor", f"anchor &{event.anchor} in file",
                      "Remove the anchor; anchors and aliases are not allowed.")
        if event.tag is not None and event.tag not in _ALLOWED_TAGS:
            self._add(event, "yaml-tag", f"tag {event.tag} is not allowed",
                      "Remove the tag; data files hold plain strings, numbers, lists and maps.")
        if kind is ScalarEvent:
            if event.style == '"':
                self._decoded(event)
            if event.style or event.tag == _STR:
                return event.value
            return resolve_plain(event.value)
        if depth >= MAX_DEPTH:
            self._add(event, "too-deep", f"nesting is deeper than {MAX_DEPTH} levels",
                      "Registry records are shallow; flatten the structure.")
            raise _Fatal
        if kind is SequenceStartEvent:
            return self._sequence(path, depth)
        return self._mapping(path, depth)

    def _decoded(self, event: Any) -> None:
        """The control-character rule on what an escape decodes to."""
        if m := _CONTROL_DECODED.search(event.value):
            char = m.group()
            name = unicodedata.name(char, "control character")
            self._add(event, "control-character",
                      f"invisible character U+{ord(char):04X} ({name}), written as an escape",
                      "Remove the escape: invisible and control characters hide what a "
                      "text says, or change a terminal.")

    def _sequence(self, path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        # Paths and marks below the keys of the root only when positions are recorded.
        if not (self.record or depth == 0):
            while type(event := self._next()) is not SequenceEndEvent:
                items.append(self._node(event, path, depth + 1, _NOWHERE))
            return items
        while type(event := self._next()) is not SequenceEndEvent:
            items.append(self._node(event, (*path, len(items)), depth + 1, _mark(event.start_mark)))
        return items

    def _mapping(self, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: set[tuple[type, Any]] = set()  # typed, because 1 == True in Python
        where = self.record or depth == 0  # see _sequence
        while type(key_event := self._next()) is not MappingEndEvent:
            key_pos = _mark(key_event.start_mark) if where else _NOWHERE
            if type(key_event) is not ScalarEvent:
                self._add(key_event, "yaml-key", "a key must be a plain word",
                          "Use a simple name as key.")
                self._skip(key_event)
                self._skip(self._next())
                continue
            key = self._node(key_event, _NO_PATH, depth + 1, key_pos)
            if (type(key), key) in seen:
                self._add(key_event, "duplicate-key", f"key '{key_event.value}' appears more "
                          "than once", "Remove or merge the repeated key.")
            elif not isinstance(key, str):
                self._add(key_event, "yaml-key", f"key '{key_event.value}' is not text",
                          "Keys are field names; put the key in quotes if it must be a number.")
            else:
                seen.add((type(key), key))
                result[key] = self._node(self._next(), (*path, key) if where else path,
                                         depth + 1, key_pos)
                continue
            seen.add((type(key), key))
            self._skip(self._next())
        return result

    def _skip(self, event: Any) -> None:
        """Consume the rest of the node that `event` starts."""
        level = 1 if type(event) in (MappingStartEvent, SequenceStartEvent) else 0
        while level:
            kind = type(self._next())
            if kind in (MappingStartEvent, SequenceStartEvent):
                level += 1
            elif kind in (MappingEndEvent, SequenceEndEvent):
                level -= 1


# --- Editing: round-trip, so comments, key order, quoting and blank lines survive ---


class EditableDocument:
    """A file loaded for editing. Change `data` in place, then `dump()`."""

    def __init__(self, text: str) -> None:
        self.bom = text.startswith("\ufeff")
        body = text.removeprefix("\ufeff")
        # The file's own line end (CRLF, or CR alone as old Mac editors write) is
        # put back on every line when dumping, so an edit never mixes them.
        self.newline = ("\r\n" if "\r\n" in body else "\r" if "\r" in body else "\n")
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        _, indent, block_seq_indent = load_yaml_guess_indent(body) if body.strip() else (
            None, None, None)
        self._yaml = _round_trip_yaml(indent, block_seq_indent)
        self.data: Any = self._yaml.load(body) if body.strip() else CommentedMap()

    def dump(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        text = out.getvalue()
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "") + text


def _round_trip_yaml(indent: int | None, block_seq_indent: int | None) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a user's long lines
    # The registry refuses anchors and aliases, so bieb never writes one, not even
    # when one value (a decision's date) goes into two places of a record.
    yaml.representer.ignore_aliases = lambda data: True
    # Keep the file's own list style: "- " under its key, or indented by two.
    if block_seq_indent is None or indent is None:  # no block list yet: house style
        indent, block_seq_indent = 4, 2
    yaml.indent(mapping=2, sequence=max(indent, block_seq_indent + 2), offset=block_seq_indent)
    return yaml


def new_document(header: str | None = None) -> EditableDocument:
    """An empty mapping that dumps in the registry's house style."""
    doc = EditableDocument("")
    if header:
        doc.data.yaml_set_start_comment(header)
    return doc


def set_key(mapping: Any, key: str, value: Any, order: list[str]) -> None:
    """Set `key`; a new key goes where `order` (the model's field order) puts it."""
    value = _block(value)
    if key in mapping:
        mapping[key] = value
        return
    later = order[order.index(key) + 1:] if key in order else []
    position = next((i for i, k in enumerate(mapping) if k in later), len(mapping))
    mapping.insert(position, key, value)


def append_item(mapping: Any, key: str, item: Any, order: list[str]) -> None:
    """Append to the list at `key`, turning an empty flow list `[]` into a block list."""
    current = mapping.get(key)
    if current is None or (len(current) == 0 and getattr(current.fa, "_flow_style", False)):
        set_key(mapping, key, CommentedSeq([_block(item)]), order)
    else:
        current.append(_block(item))


# Text bieb writes is folded at this width, so its lines pass yamllint's line
# length (.yamllint) whatever the key and indentation in front of it.
FOLD_WIDTH = 72
_FOLDABLE = re.compile(r"\S+(?: \S+)*\Z")  # single spaces between words, none at the ends


def _block(value: Any) -> Any:
    """Plain Python values as round-trip nodes: multi-line text as a literal block, long
    text folded (>-), short id lists in flow style."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and len(value) > FOLD_WIDTH and _FOLDABLE.match(value):
        return _folded(value)
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return CommentedMap((k, _block(v)) for k, v in value.items())
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq(_block(v) for v in value)
        if value and all(isinstance(v, str) and "\n" not in v for v in value) \
                and len(", ".join(value)) <= FOLD_WIDTH:
            seq.fa.set_flow_style()  # short id lists read best as [a, b]
        return seq
    return value


def _folded(text: str) -> FoldedScalarString:
    """Text as a folded block broken at spaces; it reads back as the same one line."""
    folded = FoldedScalarString(text)
    folds, start = [], 0
    while len(text) - start > FOLD_WIDTH:
        space = text.rfind(" ", start, start + FOLD_WIDTH + 1)
        if space <= start:  # one word longer than a line: break after it
            space = text.find(" ", start + FOLD_WIDTH)
            if space < 0:
                break
        folds.append(space)
        start = space + 1
    folded.fold_pos = folds  # type: ignore[attr-defined]
    return folded


def to_plain(value: Any) -> Any:
    """Round-trip nodes as plain dicts, lists and scalars."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder: fsync, keep the mode, rename.

    A reader sees the old file or the new one, never half of one; on any
    failure (Ctrl-C included) the temporary file is removed.
    """
    data = text.encode("utf-8")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


_TEMPORARY = re.compile(r"\.[^/]+\.[a-z0-9_]{8}\.tmp\Z")


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files of `write_atomic` that a killed process left behind.

    Only safe while holding bieb's lock: every writer holds it while its
    temporary file exists, so any found then is stale.
    """
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if e.name.startswith(".")
                     and _TEMPORARY.match(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return
    for path in stale:
        Path(path).unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def dump_data(data: Any) -> str:
    """Plain data as block-style YAML (for `--format yaml` output)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
