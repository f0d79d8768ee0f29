"""Every registry file, bundled or written by bieb, points an editor at its JSON Schema
with a yaml-language-server line that resolves; `bieb schema modelines` adds missing ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from innovatiebieb.change.modelines import PREFIX
from tests.helpers import run_bieb

REPO = Path(__file__).resolve().parents[2]
SCHEMA_OF = {"organisations": "organisation", "bodies": "body", "regions": "region",
             "themagroepen": "themagroep", "fieldlabs": "fieldlab", "projects": "project",
             "programmes": "programme"}


def _resolves(path: Path) -> None:
    first = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[0]
    assert first.startswith(PREFIX), path
    target = (path.parent / first.removeprefix(PREFIX)).resolve()
    kind = SCHEMA_OF.get(path.parent.name, "registry")
    assert target.is_file() and target.name == f"{kind}.schema.json", (path, target)


def test_every_bundled_file_has_a_modeline_that_resolves() -> None:
    files = [REPO / "registry" / "registry.yaml",
             *(p for folder in SCHEMA_OF for p in (REPO / "registry" / folder).glob("*.yaml"))]
    assert len(files) == 47
    for path in files:
        _resolves(path)
    assert run_bieb("schema", "modelines", "--check", "--registry",
                    str(REPO / "registry")).returncode == 0


def test_files_bieb_writes_in_a_new_registry_carry_a_modeline(tmp_path: Path) -> None:
    root = tmp_path / "nieuw"
    assert run_bieb("init", str(root)).returncode == 0
    _resolves(root / "registry.yaml")
    assert run_bieb("org", "add", "kb", "name=KB", "kind=kb", "--no-commit",
                    "--registry", str(root)).returncode == 0
    _resolves(root / "organisations" / "kb.yaml")
    assert run_bieb("validate", "--registry", str(root)).returncode == 0


def test_files_bieb_writes_beside_a_schemas_folder_point_at_it(registry: Path) -> None:
    (registry.parent / "schemas").mkdir()
    for schema in (REPO / "schemas").glob("*.json"):
        (registry.parent / "schemas" / schema.name).write_bytes(schema.read_bytes())
    assert run_bieb("fieldlab", "add", "nieuw-lab", "name=Nieuw lab",
                    "opgave=geletterde-samenleving",
                    "goal={kinds: [effectiviteit], description: Meer lezers.}", "--no-commit",
                    "--registry", str(registry)).returncode == 0
    _resolves(registry / "fieldlabs" / "nieuw-lab.yaml")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_schema_modelines_adds_the_line_and_keeps_the_rest(registry: Path, tmp_path: Path,
                                                           newline: str) -> None:
    (tmp_path / "schemas").mkdir()
    for schema in (REPO / "schemas").glob("*.json"):
        (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    path = registry / "organisations" / "kb.yaml"
    body = "\ufeff# De KB.\nid: kb\nname: Koninklijke Bibliotheek\nkind: kb\n"
    body = body.replace("\n", newline)
    path.write_bytes(body.encode("utf-8"))
    lacking = run_bieb("schema", "modelines", "--check", "--registry", str(registry))
    assert lacking.returncode == 1 and "organisations/kb.yaml" in lacking.stderr
    for other in registry.rglob("*.yaml"):  # all of them carry one but kb.yaml
        assert other == path or other.read_text(encoding="utf-8").startswith(PREFIX)
    assert run_bieb("schema", "modelines", "--registry", str(registry)).returncode == 0
    expected = ("\ufeff# yaml-language-server: $schema=../../schemas/organisation.schema.json"
                + newline + body.removeprefix("\ufeff"))
    assert path.read_bytes() == expected.encode("utf-8")
    assert run_bieb("schema", "modelines", "--check", "--registry", str(registry)).returncode == 0
    assert run_bieb("validate", "--registry", str(registry)).returncode == 0


def test_schema_modelines_without_schemas_says_how_to_make_them(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    root.mkdir()
    (root / "registry.yaml").write_text("name: X\nschema_version: 1\n", encoding="utf-8")
    result = run_bieb("schema", "modelines", "--registry", str(root))
    assert result.returncode == 2 and "bieb schema export --out" in result.stderr
