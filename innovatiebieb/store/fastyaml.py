"""The only module that imports rapidyaml: a fast read of registry files.

The exact reader (yamlio's composer) hands every event of ruamel's C parser
to Python: about 0.17 ms a file, most of a cold `bieb validate`. rapidyaml
parses in C++ and writes JSON that the C json decoder reads, several times
faster. It reads some YAML otherwise than libyaml, though: it accepts `a: @x`,
`[a:b]` and keys of 2,000 characters, reads `~` and `True` as text, drops tags
and anchors, and keeps a line break at the end of a block scalar that ends the
file. So its result is used only where it cannot differ: `parse` returns None,
and the exact reader reads the file, whenever the text holds anything it might
read otherwise (tests/unit/test_fastyaml.py compares the two readers on the
registry, the bad-file corpus and thousands of mutations of them). It never
reports a finding: a file with one always goes the exact way.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from typing import Any

from innovatiebieb.store.yamlrules import MAX_DEPTH, TYPED_TEXT, Position, Where, resolve_plain

try:
    import ryml
except ImportError:  # bieb works without it, only slower
    ryml = None
# What it reads and writes was compared with the exact reader on 0.15 (the
# differential test runs on the installed one); another minor version may read
# otherwise, and its Python API changed between 0.x versions: not used.
if ryml is not None and tuple(getattr(ryml, "version_tuple", ()))[:2] != (0, 15):
    ryml = None

# What the fast read looks at closer before rapidyaml reads a text; the exact
# reader reads it if it finds any of these (each a difference found by
# tests/unit/test_fastyaml.py, or a finding of the exact reader):
# - escapes (yamlio checks what they decode to), tabs, a carriage return not
#   before a line feed, the YAML 1.1 line breaks, the non-characters libyaml
#   refuses;
# - where a node could start (after spaces, a line start, a flow bracket or
#   comma): anchors, aliases and tags (findings; rapidyaml drops them, and reads
#   a lone `&`, `*` or `!` as text), `@`, `` ` `` and `%` (libyaml refuses them)
#   and `?` (a complex key); inside a plain scalar (`Jeugd & onderwijs`) they
#   are text to both;
# - a block scalar header with an indentation indicator (they keep the spaces
#   of a blank line of `|+2` otherwise), or followed by more than a comment
#   after a space (libyaml refuses `|2: x`; they read `|#c` otherwise);
# - a flow collection that is not one flat collection closing on its line,
#   followed by nothing but a comment: rapidyaml and libyaml disagree on the
#   indentation of longer ones, rapidyaml reads `{k: a #b}` as text and
#   `{a: b} - {c: d}` as a mapping and accepts `a: ]`; and a ':' or '?' in a
#   flow that libyaml reads as an indicator and rapidyaml as text (`[a:b]`,
#   `[https://x.nl]`, `{: a}`, `[a?]`);
# - a quoted key that starts on an earlier line (libyaml refuses a key of two
#   lines, rapidyaml reads `- "a\n  b": x` as a mapping).
_SUSPECT = re.compile(r"[\\\t\r\u2028\u2029\ufffe\uffff&*!@`%?|>\[\]{}]")
_HARD = frozenset("\\\t\r\u2028\u2029\ufffe\uffff")
_BEFORE_NODE = frozenset("\n:-?,[{]}'\"")  # what may precede a node (besides spaces)
# A comment after a header only where the chomping indicator is written: rapidyaml
# reads a '-' or '+' in the comment of a bare `>` or `|` as the header's own.
_HEADER = re.compile(r"[|>](?:[-+]? *+(?:\n|\Z)|[-+] ++#)")
_IN_FLOW = (r"(?:[^\[\]{}:#\n\\\t\r\u2028\u2029\ufffe\uffff&*!@`%?|>]++"
            r"|(?<=[^\s\[{,])(?::(?= )|[&*!@`%|>])|(?<! )#)*+")
_FLAT_FLOW = re.compile(rf"(?:\[{_IN_FLOW}\]|\{{{_IN_FLOW}\}}) *+(?:#[^\n]*+)?(?=\n|\Z)")
# One pattern per quote: a literal first character is found by a fast scan (a class is
# tried at every character, several times slower).
_QUOTED_KEYS = (re.compile(r'" *:'), re.compile(r"' *:"))
# Document markers (a directive starts with `%`, above).
_MARKER = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)
# libyaml refuses an implicit key longer than this (rapidyaml does not).
_LONGEST_KEY = 1024
# A string value that a plain scalar would not be read as (`~`, `True`,
# `0123`): quoted it is text, plain it is not, and the JSON no longer says which
# (rapidyaml writes the plain `~` as "~"). The text tells, where the value is
# found nowhere but in quotes (`start: "2021"`).
_TYPED_STRING = re.compile(f'"(?=[-+.0-9~nNtTfF"])(?:{TYPED_TEXT})"')  # a cheap look first

# For `where`: a key at the start of a line, with the value if it starts on it.
# Any other line at the margin, but a list's item under its key, is no key.
_KEY = r"(\w[^\n:#]*):(?=[ \n]) *([^ \n#])?"
_TOP = re.compile(rf"\n(?:{_KEY}|[^\s#-]|-[^ \n])")
_KEY_LINE = re.compile(rf"\n{_KEY}")  # for `root_key`: a key's line alone
# From the end of a key line whose value is not on it: the indentation and
# first character of the next line that holds something.
_LATER = re.compile(r"[^\n]*(?:\n *(?:#[^\n]*)?(?=\n))*\n( *)([^ \n#])([ \n]?)")


class _Unsure(ValueError):
    """The fast read cannot be sure to equal the exact one."""


def available() -> bool:
    """Whether rapidyaml is installed."""
    return ryml is not None


def parse(text: str) -> Any:
    """The data yamlio's exact reader gives `text` (decoded, BOM removed, its text
    rules passed), always a mapping; None where this read cannot be sure of that,
    and the exact reader must read it."""
    emitted = emit(text)
    return None if emitted is None else load(text, emitted)


def emit(text: str) -> str | None:
    """The first half of `parse`, which needs no more than this module: rapidyaml's
    JSON of `text`, or None where the exact reader must read it."""
    if ryml is None:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _unsure(text):
        return None
    return _json_quietly(text.encode())


def load(text: str, emitted: str) -> Any:
    """The second half of `parse`: the data of `emitted`, what `emit` gave for `text`,
    or None where the exact reader must read it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _TYPED_STRING.search(emitted) and not _only_quoted(text, emitted):
        return None
    try:
        data = _JSON.decode(emitted)
    except ValueError:  # not JSON (`+5`, `01.5`), a key twice, or an unsure number
        return None
    # Deep nesting is a finding; JSON with fewer brackets than the limit cannot have it.
    if (emitted.count("[") + emitted.count("{") >= MAX_DEPTH
            and _depth(data) >= MAX_DEPTH):
        return None
    return data


def _unsure(text: str) -> bool:
    """Whether `text` holds anything rapidyaml might read otherwise than libyaml."""
    if ("---" in text or "..." in text) and _MARKER.search(text):
        return True
    # At the very end of the text, a block scalar keeps no line break for libyaml
    # but one for rapidyaml.
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return True
    if len(text) > _LONGEST_KEY and max(map(len, text.split("\n"))) > _LONGEST_KEY:
        return True
    for quoted_key in _QUOTED_KEYS:
        for m in quoted_key.finditer(text):  # its opening quote on the same line
            if text.count(m.group()[0], text.rfind("\n", 0, m.start()) + 1, m.start()) == 0:
                return True
    return _unsure_character(text)


def _unsure_character(text: str) -> bool:
    m = _SUSPECT.search(text)
    while m is not None:
        at, char = m.start(), m.group()
        if char in "[{":
            flow = _FLAT_FLOW.match(text, at)
            if flow is None:
                return True
            m = _SUSPECT.search(text, flow.end())
            continue
        if char in _HARD or char in "]}":  # a bracket closed outside a flow
            return True
        if _node_may_start(text, at) and (char not in "|>" or not _HEADER.match(text, at)):
            return True
        m = _SUSPECT.search(text, at + 1)
    return False


def _node_may_start(text: str, at: int) -> bool:
    """Whether a node may start at `at`: after a line start or an indicator, and
    spaces; not inside a plain scalar."""
    at -= 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return at < 0 or text[at] in _BEFORE_NODE


def _only_quoted(text: str, emitted: str) -> bool:
    """Whether each string of `emitted` that a plain scalar would not be read as is,
    wherever it stands alone in `text`, in quotes: then it is no plain scalar."""
    for m in _TYPED_STRING.finditer(emitted):
        value = m.group()[1:-1]
        alone = re.findall(rf"(?<![\w.+-]){re.escape(value)}(?![\w.+-])", text) if value else ()
        if not alone or len(alone) != text.count(f'"{value}"') + text.count(f"'{value}'"):
            return False
    return True


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Unsure("duplicate key")
    return found


def _float(emitted: str) -> float:
    """A number rapidyaml wrote with a fraction or exponent, if bieb reads it as the
    same number. rapidyaml writes `.5` as 0.5 and `5.` as 5.0; bieb reads those as
    numbers too, but `.5E7` (written 0.5E7) as text."""
    for written in (emitted, emitted.replace("0.", ".", 1), emitted.replace(".0", ".", 1)):
        if type(resolve_plain(written)) is not float:
            raise _Unsure(f"{written} is not a number to bieb")
    return float(emitted)


# Made once: json.loads with options builds a decoder on every call.
_JSON = json.JSONDecoder(object_pairs_hook=_unique, parse_float=_float)


def _depth(value: Any) -> int:
    """The depth of nesting of a container (0 for a scalar)."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def where(text: str, data: dict[str, Any]) -> Where | None:
    """The positions yamlio's exact reader gives the root mapping and its keys and
    values, for a text `parse` read as `data`: from the lines that start with a key.
    None unless every line that starts at the margin is one of the keys of `data`,
    in order (the exact reader then finds them)."""
    text = _from_margin(text)
    found: Where = {}
    line, counted = 0, 0
    for m in _TOP.finditer(text):
        key = m.group(1)
        if key is None:
            return None  # a line at the margin that is not a key
        line += text.count("\n", counted, m.end(1))
        counted = m.end(1)
        # The value starts on the key's line, or below it.
        value = ((line, m.start(2) - m.start()) if m.group(2) is not None
                 else _later(text, m, line))
        if not found:
            found[()] = ((1, 1), (line, 1))
        found[(key,)] = ((line, 1), value)
    if list(found)[1:] != [(k,) for k in data]:
        return None
    return found


def root_key(text: str, data: dict[str, Any], key: str) -> tuple[Position, Position] | None:
    """`where(text, data)[(key,)]`, found without the positions of the other keys
    (a warning about one field of 10,000 files: about 15 us a file, where 30-50 us): None
    where `where` gives None, or `key` is not in `data`."""
    if key not in data:
        return None
    text = _from_margin(text)
    # where's own test, in one C pass: every line at the margin a key of data, in order
    # (a line that is not a key gives None for its key group, unequal to any key).
    if [m[0] or None for m in _TOP.findall(text)] != list(data):
        return None
    # Every line at the margin being a key, the first that starts with "key:" is its line.
    m = _KEY_LINE.match(text, text.find(f"\n{key}:"))
    if m is None or m.group(1) != key:  # cannot be: the line was found above
        return None
    line = text.count("\n", 0, m.end(1))
    return (line, 1), ((line, m.start(2) - m.start()) if m.group(2) is not None
                       else _later(text, m, line))


def _from_margin(text: str) -> str:
    """`text` for _TOP and _KEY_LINE: line feeds only, and one before the first line,
    so that every line, the first too, follows a line feed."""
    return "\n" + (text.replace("\r\n", "\n") if "\r" in text else text)


def _later(text: str, m: re.Match[str], line: int) -> tuple[int, int]:
    """Where the value of a key with nothing after its ':' starts: at the next line
    that holds something, if it is indented or starts a list at the margin; else
    just after the ':' (an empty value)."""
    after = _LATER.match(text, m.end())
    if after is not None:
        indent, first, then = after.groups()
        if indent or (first == "-" and (then or after.end() == len(text))):
            return line + text.count("\n", m.end(), after.start(2)), len(indent) + 1
    return line, m.end(1) - m.start() + 1


def _json_quietly(raw: bytes) -> str | None:
    """rapidyaml's reading of `raw` as JSON, if it reads a mapping; None if it refuses
    it (a syntax error, or nesting deeper than its writer goes). Its C++ error
    handler writes each refusal to the C stderr (the exact reader then reports the
    problem in bieb's words), so fd 2 points at /dev/null meanwhile (see `quiet`)."""
    global _tree
    saved = None if _quiet_depth else _silence()
    try:
        # One tree for every read, emptied first: making a tree costs a fifth of a read.
        # (parse_in_arena adds to a tree it is given.)
        if _tree is None:
            _tree = ryml.Tree()
        tree = _tree
        tree.clear()
        tree.clear_arena()
        ryml.parse_in_arena(raw, tree=tree)
        root = tree.root_id()
        return ryml.emit_json_malloc(tree, root) if tree.is_map(root) else None
    except Exception:  # ryml.ExceptionBasic, or anything else: the exact reader reads it
        return None
    finally:
        if not _quiet_depth:
            _restore(saved)


_tree: Any = None  # a ryml.Tree, once made
_DEVNULL: int | None = None
_quiet_depth = 0


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """rapidyaml's refusals kept off stderr for a whole batch of reads, not file by
    file (four system calls a file): for a worker process, whose stderr says nothing
    else (its failures travel through its pipe)."""
    global _quiet_depth
    saved = _silence() if not _quiet_depth else None
    _quiet_depth += 1
    try:
        yield
    finally:
        _quiet_depth -= 1
        if not _quiet_depth:
            _restore(saved)


def _silence() -> int | None:
    global _DEVNULL
    try:
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
        saved = os.dup(2)
        os.dup2(_DEVNULL, 2)
    except OSError:  # no stderr to save (closed): nothing to hide it from either
        return None
    return saved


def _restore(saved: int | None) -> None:
    if saved is not None:
        os.dup2(saved, 2)
        os.close(saved)
