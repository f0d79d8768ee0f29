"""Seeded mutations of real registry files: the texts on which the fast YAML reader
(store/fastyaml.py) is compared with the exact one (tests/unit/test_fastyaml.py).

Each mutation is a small edit a person, an editor or a merge might make, aimed at
the places where two YAML parsers disagree: plain scalars that resolve to other
types, quoting, node properties, duplicate keys, indentation, tabs, block and flow
styles, comments, unusual characters and line ends, nesting and documents.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Plain scalars YAML readers resolve differently, and text that is not a plain scalar.
TRICKY = [
    "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
    "yes", "No", "on", "OFF", "y", "n", "0123", "-0123", "00", "0", "-0", "+0", "0x1F",
    "0o17", "0b101", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", "inf", "-inf",
    "nan", "NaN", "Infinity", "+5", "-5", "5", "1.", ".5", "-.5", "+.5", "1.5", "-0.0",
    "1e5", "1E+5", "1.e5", "1.0e-5", "01.5", "0e0", "0.1e5", "1_000", "1,000", "12:30",
    "1:20:30", "2021-02-30", "2021-05-01", "2021-05-01T10:00:00Z", "1e400",
    "123456789012345678901234567890", "0.", "-", "--", ".", "..", "+", "=", "<<",
    "@x", "`x", "%x", "?x", "? x", ":x", "-x", "- x", "x:", "x: y", "x #y", "x#y",
    "x # y", "[", "]", "{", "}", "[]", "{}", "[x", "x]", "'", '"', "'x", '"x', "x'",
    'x"', "''", '""', "'it''s'", '"a\\nb"', '"\\t"', '"\\x41"', '"\\e"', '"\\u263A"',
    '"\\_"', '"\\N"', "|", ">", "|-", ">+", "|2", "!x", "!!str x", "!!str 12", "!!int 3",
    "!!float 1", "!!bool yes", "!!null", "!foo x", "!<tag:x> y", "&a x", "*a", "*", "&",
    "!", "&a", "x &y", "x *y", "x !y", "x @y", "x `y", "x %y", "x ?y", "x | y", "x > y",
    "a, b", "[a, b]", "{a: b}", "[a, [b, [c]]]", "{a: {b: c}}", "[a,]", "[,a]", "{a, b}",
    "{a: }", "[a: b]", "[? a]", "{? a: b}", "[a\n  , b]", "\"multi\n  line\"",
    "'multi\n  line'", "plain\n  continued", "plain\n\n  paragraph",
    "caf\u00e9", "\u2603", "\U0001F600", "x\u00a0y", "\u00a0", "x\u2028y", "x\u2029y",
    "x\u0085y", "\ufffe", "x\u200by", "\u202ex", "\uff1a", "x\ty", "\t", "x ", " x",
    "x\\y", "C:\\pad", "100%", "50 %", "Wat werkt?", "R&D", "a * b", "Lees!",
    "https://x.nl/a#b", "mailto:a@b.nl", "a@b.nl", "#hashtag", "x#",
    '"2021"', "'2021'", "'~'", '"True"', "'0123'", '"1.5"', "'null'", '"-5"', "'.inf'",
    '"2021" # 2021', "[\"2021\", 2021]", "['1', '2']", "{start: '2021', end: \"2023\"}",
]

KEYS = ["id", "title", "summary", "phase", "status", "themes", "contact", "name", "email",
        "x", "1", "true", "~", "null", "''", '""', "'a'", '"a"', "? a", "[a]", "{a: b}",
        "&k a", "*k", "!!str a", "a b", "a:b", "a #b", "-a", "<<", "k" * 1030]

_UNICODE = ["\u00e9", "\u2603", "\U0001F600", "\u00a0", "\u2028", "\u2029", "\u0085",
            "\ufeff", "\u200b", "\u202e", "\ufffe", "\uffff", "\uff1a", "\u3000", "\x7f",
            "\x0c", "\x0b", "\x1b", "\x00"]
_SPECIAL = list(":-#[]{},\"'|>&*!?@%`\\ \n\t") + ["\r", "\r\n", ": ", "- ", " #", "---",
                                                  "...", "  ", "\n  ", "\n- "]


def registry_texts() -> list[str]:
    """The bundled registry's files and the bad-file corpus, as text."""
    paths = sorted((ROOT / "registry").rglob("*.yaml")) + sorted(
        (ROOT / "tests" / "corpus").rglob("*.yaml"))
    return [p.read_bytes().decode("utf-8", "replace") for p in paths]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _value_line(rng: random.Random, lines: list[str]) -> int | None:
    """A line holding `key: value` or `- value`."""
    found = [i for i, line in enumerate(lines)
             if ": " in line or line.lstrip().startswith("- ")]
    return rng.choice(found) if found else None


def _replace_value(rng: random.Random, text: str, value: str) -> str:
    lines = _lines(text)
    i = _value_line(rng, lines)
    if i is None:
        return text + f"\nx: {value}\n"
    line = lines[i]
    cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
    lines[i] = line[:cut] + value
    return "\n".join(lines)


def tricky_value(rng: random.Random, text: str) -> str:
    return _replace_value(rng, text, rng.choice(TRICKY))


def quote(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = _value_line(rng, lines)
    if i is None:
        return text
    line = lines[i]
    cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
    value = line[cut:]
    if value[:1] in "'\"" and value[-1:] == value[:1] and len(value) > 1:
        value = value[1:-1]  # unquote
    else:
        q = rng.choice(["'", '"'])
        value = q + value.replace(q, q * 2 if q == "'" else '\\"') + q
    lines[i] = line[:cut] + value
    return "\n".join(lines)


def node_property(rng: random.Random, text: str) -> str:
    prop = rng.choice(["&a ", "&anchor ", "!!str ", "!!int ", "!!map ", "!!seq ", "!foo ",
                       "!!python/object:os.system ", "!<x> ", "&a !!str ", "& ", "! ", "* "])
    lines = _lines(text)
    i = _value_line(rng, lines)
    if i is None:
        return text
    line = lines[i]
    cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
    lines[i] = line[:cut] + prop + line[cut:]
    if prop.startswith("&a") and rng.random() < 0.7:
        j = _value_line(rng, lines)
        if j is not None and j != i:
            other = lines[j]
            cut = other.index(": ") + 2 if ": " in other else other.index("- ") + 2
            lines[j] = other[:cut] + "*a"
    return "\n".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    j = rng.randrange(len(lines) + 1)
    lines.insert(j, lines[i])
    return "\n".join(lines)


def reindent(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    line = lines[i]
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    new = max(0, indent + rng.choice([-2, -1, 1, 2, 3, -indent]))
    lines[i] = " " * new + body
    return "\n".join(lines)


def tab(rng: random.Random, text: str) -> str:
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text + "\t"
    i = rng.choice(spaces)
    return text[:i] + "\t" + text[i + 1:]


def block_scalar(rng: random.Random, text: str) -> str:
    header = rng.choice(["|", ">", "|-", ">-", "|+", ">+", "|2", ">1-", "|-2", "|+2", ">1+",
                         "| # c", "|#c", ">- #c", ">\t", "> #-", "| # -", "| #+", ">+ #-",
                         "|- # +"])
    indent = " " * rng.choice([0, 1, 2, 4, 6])
    body = rng.choice([["een", "twee"], ["een", "", "twee", ""], ["  meer", "een"],
                       ["een", "   meer", "een"], ["", "", "x"], ["x", "", ""],
                       ["# geen commentaar", "x"], ["a: b", "- c"], ["x "], ["---"],
                       ["x", "   ", " "], ["     ", "x"], ["", "  "]])
    extra = rng.choice(["", "", " ", "  ", "\t"])
    value = header + "".join(f"\n{indent}{extra if n == 1 else ''}{b}"
                             for n, b in enumerate(body))
    return _replace_value(rng, text, value)


def flow(rng: random.Random, text: str) -> str:
    value = rng.choice([
        "[a, b]", "[a,b]", "[ a , b ]", "[a, b,]", "[]", "{}", "{a: b, c: d}", "{a: b,}",
        "[a, [b, c]]", "[{a: b}, {c: d}]", "{a: [b, c]}", "[a,\n  b]", "[a,\nb]", "{a: b,\n  c: d}",
        "[a, b", "{a: b", "[a]]", "[\"a\", 'b']", "[a: b]", "{a}", "[a b]", "{a:b}", "[a:b]",
        "[-a, -b]", "[- a]", "[a # c\n  , b]", "[ ]", "{ }", "[[[]]]", "[a, ~, null, 1, 1.5]",
        "{1: a}", "{a: 1, a: 2}", "[a]x", "[a] # c", "{a: b} x", "[0123]", "{a: 0x1F}",
        "[a}", "{a]", "[{]}", "[a, {b: c]}", "[a], [b]", "[a] [b]", "[a]]", "[[a]",
        "{a: [b}]", "[ a ]", "[a ]", "{ a: b }", "[a, b] # c: [d", "['a', 'b'] # c",
    ])
    return _replace_value(rng, text, value)


def comment(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    c = rng.choice(["# c", " # c", "#c", "  # c: d", "# - x", "#"])
    if rng.random() < 0.5:
        lines[i] = lines[i] + c
    else:
        lines.insert(i, " " * rng.choice([0, 1, 2, 4]) + c.lstrip())
    return "\n".join(lines)


def unicode(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(_UNICODE) + text[i:]


def line_ends(rng: random.Random, text: str) -> str:
    kind = rng.choice(["crlf", "cr", "one-cr", "bom", "no-final", "extra-final", "bom-inside"])
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    if kind == "cr":
        return text.replace("\n", "\r")
    if kind == "one-cr":
        i = rng.randrange(len(text) + 1)
        return text[:i] + rng.choice(["\r", "\r\n"]) + text[i:]
    if kind == "bom":
        return "\ufeff" + text
    if kind == "no-final":
        return text.rstrip("\n")
    if kind == "extra-final":
        return text + "\n\n   \n"
    return text.replace("\n", "\n\ufeff", 1)


def empty_value(rng: random.Random, text: str) -> str:
    return _replace_value(rng, text, rng.choice(["", " ", "# c", " # c", "''", '""']))


def deep(rng: random.Random, text: str) -> str:
    n = rng.choice([29, 30, 31, 32, 33, 34, 40])
    if rng.random() < 0.5:
        value = "[" * n + "]" * n
    elif rng.random() < 0.5:
        value = "".join("\n" + " " * (k + 1) + f"k{k}:" for k in range(n)) + " x"
    else:
        value = "".join("\n" + " " * (2 * k + 1) + "-" for k in range(n)) + " x"
    return _replace_value(rng, text, value)


def documents(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    marker = rng.choice(["---", "...", "--- x", "---x", "%YAML 1.2", "%TAG ! x", " ---",
                         "--- # c", "....", "-- -"])
    lines.insert(rng.randrange(len(lines) + 1), marker)
    return "\n".join(lines)


def special_character(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    what = rng.random()
    if what < 0.4:
        return text[:i] + rng.choice(_SPECIAL) + text[i:]
    if what < 0.7:
        return text[:i] + text[i + 1:]
    return text[:i] + rng.choice(_SPECIAL) + text[i + 1:]


def lines_moved(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    what = rng.random()
    if what < 0.3:
        del lines[i]
    elif what < 0.6 and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif what < 0.8 and i + 1 < len(lines):
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1].lstrip()]
    else:
        line = lines[i]
        cut = rng.randrange(len(line) + 1)
        lines[i:i + 1] = [line[:cut], " " * rng.choice([0, 1, 2, 4]) + line[cut:]]
    return "\n".join(lines)


def key(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    found = [i for i, line in enumerate(lines) if ": " in line or line.endswith(":")]
    if not found:
        return text
    i = rng.choice(found)
    line = lines[i]
    body = line.lstrip(" ")
    indent = line[:len(line) - len(body)]
    if body.startswith("- "):
        indent, body = indent + "- ", body[2:]
    rest = body[body.index(":"):]
    lines[i] = indent + rng.choice(KEYS if rng.random() < 0.7 else TRICKY) + rest
    return "\n".join(lines)


def trailing_space(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] += rng.choice([" ", "  ", "\t", " \t "])
    return "\n".join(lines)


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    tricky_value, tricky_value, tricky_value, quote, node_property, duplicate_line, reindent,
    reindent, tab, block_scalar, block_scalar, flow, flow, comment, unicode, line_ends,
    empty_value, deep, documents, special_character, special_character, lines_moved,
    lines_moved, key, key, trailing_space,
]


def mutants(texts: list[str], count: int, seed: int) -> list[str]:
    """`count` mutated texts (one to three mutations each), the same for the same seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(texts) or "x: y\n"
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            text = rng.choice(MUTATIONS)(rng, text) or "x: y\n"
        out.append(text)
    return out
