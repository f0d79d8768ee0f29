"""The fast read (store/fastyaml.py, on rapidyaml) gives exactly the Document of the
exact one (yamlio's composer on ruamel's C parser), or steps aside.

Compared: the data with its types, the findings (code, line, column) and the
positions of the root and its keys (`where`), on the bundled registry, the
bad-file corpus and seeded mutations of them (tests/yamlmutations.py).
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.store import fastyaml
from innovatiebieb.store.yamlio import Document, parse_text
from tests.helpers import run_bieb
from tests.yamlmutations import TRICKY, mutants, registry_texts

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SHAPES, generate  # noqa: E402

needs_ryml = pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")


def _typed(value: Any) -> Any:
    """The value with every type spelled out: 1, 1.0 and True are equal in Python."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _seen(doc: Document) -> Any:
    return (_typed(doc.data), [(f.code, f.line, f.col) for f in doc.findings], doc.where,
            doc.text)


def _one_key_apart(text: str) -> bool:
    """Whether a root key's position found alone (a warning on one field) differs from
    where the exact reader puts it, for any key of the text (None: ask `where`)."""
    fast = parse_text(text, fast=True)
    if not isinstance(fast.data, dict):
        return False
    alone = {(k,): fast.root_key(k) for k in fast.data}
    exact = parse_text(text).where
    # Read the fast way, it may not miss a key that where (all keys at once) finds.
    sure = fastyaml.parse(fast.text) is not None and fastyaml.where(fast.text, fast.data)
    return any(found is None and sure or found is not None and found != exact.get(k)
               for k, found in alone.items())


def _differences(texts: list[str]) -> tuple[list[str], int]:
    """The texts the two readers read differently, and how many went the fast way."""
    differ, fast = [], 0
    for text in texts:
        if _seen(parse_text(text)) != _seen(parse_text(text, fast=True)) \
                or _one_key_apart(text):
            differ.append(text)
        fast += fastyaml.parse(text.removeprefix("\ufeff")) is not None
    return differ, fast


@needs_ryml
def test_the_registry_and_the_bad_files_read_the_same() -> None:
    texts = registry_texts()
    differ, fast = _differences(texts)
    assert differ == []
    assert fast > len(texts) // 2


@needs_ryml
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_files_read_the_same(seed: int) -> None:
    """A thousand mutations a seed (one to three edits of a registry file each)."""
    texts = mutants(registry_texts(), 1000, seed)
    differ, fast = _differences(texts)
    assert differ == [], differ[:3]
    assert fast > len(texts) // 5  # enough of them take the fast way to mean something


_CONTEXTS = ["v: {}\n", "{}: v\n", "v: [{}]\n", "v: [a, {}, b]\n", "v:\n  - {}\n  - x\n",
             "v: {{k: {}}}\n", "v: {{{}: k}}\n", "v: x\n  {}\n", "v: {} # c\n",
             "v:\n  {}: x\n  k: y\n", "v:\n  - {}: x\n    k: y\n", "v: >-\n  x\n  {}\n",
             "- {}\n", "v: {}{}\n", "v:\n- {}\n- {}\n"]


@needs_ryml
def test_tricky_scalars_read_the_same_wherever_they_stand() -> None:
    texts = [context.format(s, s) for context, s in itertools.product(_CONTEXTS, TRICKY)]
    assert _differences(texts)[0] == []


# Each a text rapidyaml reads otherwise than libyaml, as found by the tests above;
# the fast read must step aside for it.
DISAGREEMENTS = [
    "v: ~\n", "v: True\n", "v: FALSE\n", "v: Null\n", "v: 0e0\n",  # typed plain scalars
    "v: inf\n", "v: .Inf\n", "v: 0123\n", "v: 0x1F\n",  # ambiguous numbers
    "v: .5E7\n", "v: +5\n", "v: 01.5\n",  # numbers bieb reads as text, or JSON does not take
    "v: &a x\nw: *a\n", "v: ! x\n", "v: !!str 12\n", "v: & x\n", "v: *\n",  # properties
    "v: @x\n", "v: `x\n", "v: ]\n", "v: }\n",  # indicators libyaml refuses
    "k" * 1030 + ": v\n",  # a key longer than libyaml takes
    "v: [a:b]\n", "v: {a:b}\n", "v: [https://x.nl]\n", "v: [h?]\n", "v: {: a}\n",  # ':' '?'
    "v: {k: a #b}\n", "v: {a: b} - {c: d}\n", "v: [a,\nb]\n",  # flows
    "v: |2: x\n", "v: |#c\n  x\n", "v: |+2\n     \nw: 1\n", "v: >1+\n   \n",  # headers
    "v: > #-\n  a b\n  c\nt: 1\n", "v: | # -\n  a b\n", "v: | #+\n  a b\n\n",  # their comments
    "v: |\n  x",  # a block scalar ending the file without its line break
    "v: 1\nv: 2\n", "v: {a: b, a: c}\n",  # duplicate keys
    "v: 1\n---\nw: 2\n", "%YAML 1.2\n---\nv: 1\n",  # documents and directives
    'v: "a\\tb"\n', "v: x\u2028y\n", "v: x\ufffey\n", "v: \"x\"\nw: x\r",  # characters
    "v:\n" + "".join(" " * (k + 1) + f"k{k}:\n" for k in range(33)) + " " * 34 + "x\n",
]


@needs_ryml
@pytest.mark.parametrize("text", DISAGREEMENTS)
def test_where_rapidyaml_disagrees_the_exact_reader_reads(text: str) -> None:
    assert fastyaml.parse(text) is None
    assert _seen(parse_text(text, fast=True)) == _seen(parse_text(text))


@needs_ryml
@pytest.mark.parametrize("shape", SHAPES)
def test_ordinary_files_go_the_fast_way(tmp_path: Path, shape: str) -> None:
    """The speed of a cold validate rests on this: the generated registries of the
    benchmarks and the bundled projects are read by rapidyaml."""
    registry = generate(30, tmp_path / "r", shape)
    for path in sorted((registry / "projects").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert fastyaml.parse(text) is not None, path.name
        assert fastyaml.where(text, fastyaml.parse(text)) is not None, path.name
        assert not _one_key_apart(text), path.name


@needs_ryml
def test_a_text_rapidyaml_refuses_writes_nothing_to_stderr(
        capfd: pytest.CaptureFixture[str]) -> None:
    doc = parse_text("v: x\n y: z\n", fast=True)
    assert [f.code for f in doc.findings] == ["yaml-syntax"]
    assert capfd.readouterr().err == ""


def test_without_rapidyaml_the_exact_reader_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastyaml, "ryml", None)
    assert not fastyaml.available()
    for text in registry_texts():
        assert _seen(parse_text(text, fast=True)) == _seen(parse_text(text))


def test_another_minor_version_of_rapidyaml_is_not_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its reading was compared with the exact reader's on 0.15 only."""
    other = types.ModuleType("ryml")
    other.version_tuple = (0, 16, 0)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ryml", other)
    spec = importlib.util.find_spec("innovatiebieb.store.fastyaml")
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert not fresh.available()
    assert fresh.parse("v: 1\n") is None


def test_bieb_validates_without_rapidyaml(registry: Path, tmp_path: Path) -> None:
    """An installation without rapidyaml (a platform without its wheel) still works."""
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "ryml.py").write_text("raise ImportError('no rapidyaml here')\n",
                                     encoding="utf-8")
    (registry / "projects" / "impact-cockpit.yaml").write_text(
        "id: impact-cockpit\ntitle: [\n", encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(blocked), str(ROOT),
                                          os.environ.get("PYTHONPATH", "")])}
    probe = subprocess.run([sys.executable, "-c", "from innovatiebieb.store import fastyaml;"
                            "print(fastyaml.available())"], env={**os.environ, **env},
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "False"
    result = run_bieb("validate", "--registry", str(registry), env=env)
    assert result.returncode == 1
    assert "impact-cockpit.yaml:3:1: error[yaml-syntax]" in result.stdout


@pytest.mark.parametrize("text", ['a: "x\nb: y"\nb: 2\n', "a: 'x\nb: y'\nb: 2\n",
                                  "a: {k: 1,\nb: 2}\nb: 1\n", "a: [1,\nb: 2]\nb: 1\n"])
def test_a_key_alone_is_never_found_on_a_line_that_only_looks_like_it(text: str) -> None:
    """Lines at the margin inside a value (which the fast read refuses, but root_key is
    also asked with the exact reader's data): the key's line is found only when every
    line at the margin is a key, in order; else None sends the caller to `where`."""
    exact = parse_text(text)
    assert exact.findings == [] and isinstance(exact.data, dict)
    for key in exact.data:
        assert fastyaml.root_key(exact.text, exact.data, key) in (None,
                                                                  exact.where[(key,)])
