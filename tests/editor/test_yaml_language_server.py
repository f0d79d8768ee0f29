"""One verdict in the editor: the real yaml-language-server (what VS Code's YAML extension
runs), spoken to over LSP as an editor does, follows the schema modelines bieb writes and
flags what `bieb validate` flags, at the same line and column.

The server comes from the npm registry (into .venv/yls by tests/install_tools.sh); without
it or node these tests skip, saying so."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.editor.lsp import LanguageServer
from tests.helpers import missing_tool, run_bieb

REPO = Path(__file__).resolve().parents[2]
SERVER = REPO / ".venv" / "yls" / "node_modules" / "yaml-language-server" / "bin" \
    / "yaml-language-server"
# Only the schema each file names on its first line: no schema store from the network,
# no schema associations of a user's editor.
SETTINGS = {"yaml": {"validate": True, "schemaStore": {"enable": False}, "schemas": {}}}

PROJECT = "projects/leesleen-app-po.yaml"  # ends with its last field, "year: 2021"
HISTORY = ("history:\n  - date: 2021-05-01\n    from: idee\n    to: experiment\n"
           "    decision: door\n    by: Mo Derator\n")


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    server = Path(os.environ.get("BIEB_YLS", SERVER))
    if shutil.which("node") is None or not server.is_file():
        missing_tool(f"yaml-language-server needs node and {server} (make test installs them)")
    env = {**os.environ, "HOME": str(tmp_path_factory.mktemp("editor-home"))}
    with LanguageServer(["node", str(server), "--stdio"], REPO, SETTINGS, env=env) as ls:
        yield ls


def _positions(diagnostics: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """1-based line and column, as bieb reports them (LSP counts from 0)."""
    return {(d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
            for d in diagnostics}


def _bieb_errors(root: Path, name: str) -> set[tuple[int, int]]:
    result = run_bieb("validate", "--format", "json", "--registry", str(root))
    return {(p["line"], p["col"]) for p in json.loads(result.stdout)["problems"]
            if p["path"] == name and p["severity"] == "error"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _with_schemas_beside(registry: Path) -> Path:
    """As in bieb's own repository: the modelines point at ../../schemas/."""
    shutil.copytree(REPO / "schemas", registry.parent / "schemas")
    return registry


def test_the_editor_finds_nothing_wrong_in_the_bundled_registry(
        editor: LanguageServer) -> None:
    files = sorted((REPO / "registry").rglob("*.yaml"))
    assert len(files) == 47
    found = {str(f.relative_to(REPO)): editor.diagnostics(f) for f in files}
    assert {name: d for name, d in found.items() if d} == {}
    result = run_bieb("validate", "--format", "json", "--registry", str(REPO / "registry"))
    assert json.loads(result.stdout)["errors"] == 0


@pytest.mark.parametrize(("name", "old", "new"), [
    pytest.param(PROJECT, "phase: idee\n", "phase: opschaling\n", id="a retired phase"),
    pytest.param("organisations/kb.yaml", "kind: kb\n", "kind: koninklijk\n",
                 id="an organisation kind that is not one"),
    pytest.param(PROJECT, "status: lopend\n", "", id="a required field missing"),
    pytest.param(PROJECT, "year: 2021\n", "year: 2021\ncreated: 2021-13-45\n",
                 id="a date that is not one"),
    pytest.param(PROJECT, "year: 2021\n", "year: 2021\ntitel: Leesleen-app\n",
                 id="an unknown key"),
    pytest.param(PROJECT, "year: 2021\n", "year: 2021\n" + HISTORY.replace("from:", "from_:"),
                 id="from_ in a history entry"),
    pytest.param(PROJECT, "year: 2021\n", "year: twintig\n", id="text for a number"),
    pytest.param(PROJECT, "themes: [doorgaande-leeslijn]\n", "themes: doorgaande-leeslijn\n",
                 id="one value for a list"),
    pytest.param(PROJECT, "year: 2021\n", "year: 2021\ncontact:\n  email: kb@kb.nl\n",
                 id="a required field missing in a mapping"),
    pytest.param(PROJECT, "year: 2021\n", "year: 2021\n" + HISTORY.replace(
        "    by: Mo Derator\n", ""), id="a required field missing in a list item"),
    pytest.param("organisations/kb.yaml", "kind: kb\n", "kind: kb\nwebsite: www.kb.nl\n",
                 id="a web address without https"),
])
def test_the_editor_flags_what_bieb_flags_at_the_same_place(
        editor: LanguageServer, registry: Path, name: str, old: str, new: str) -> None:
    _edit(_with_schemas_beside(registry) / name, old, new)
    flagged = editor.diagnostics(registry / name)
    bieb = _bieb_errors(registry, name)
    assert bieb and _positions(flagged) == bieb, flagged


def test_the_editor_follows_the_modelines_in_a_registry_bieb_made(
        editor: LanguageServer, tmp_path: Path) -> None:
    """`bieb init` puts the schemas inside the registry: the files it writes point there."""
    root = tmp_path / "nieuw"
    assert run_bieb("init", str(root)).returncode == 0
    assert run_bieb("org", "add", "kb", "name=KB", "kind=kb", "--no-commit",
                    "--registry", str(root)).returncode == 0
    kb = root / "organisations" / "kb.yaml"
    assert editor.diagnostics(root / "registry.yaml") == editor.diagnostics(kb) == []
    _edit(kb, "kind: kb\n", "kind: koninklijk\n")
    flagged = editor.diagnostics(kb)
    bieb = _bieb_errors(root, "organisations/kb.yaml")
    assert bieb and _positions(flagged) == bieb, flagged


def test_the_editor_checks_the_shape_of_a_date_not_the_calendar(
        editor: LanguageServer, registry: Path) -> None:
    """The one difference, said in the README: yaml-language-server checks `format: date`
    by its shape, so 30 February passes there; bieb (and check-jsonschema) refuse it.
    Should the editor learn the calendar, this fails: then drop the README's exception."""
    path = _with_schemas_beside(registry) / PROJECT
    _edit(path, "year: 2021\n", "year: 2021\ncreated: 2021-02-30\n")
    line = path.read_text(encoding="utf-8").splitlines().index("created: 2021-02-30") + 1
    assert editor.diagnostics(path) == []
    assert _bieb_errors(registry, PROJECT) == {(line, len("created: ") + 1)}
