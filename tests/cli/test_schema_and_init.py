"""`bieb schema export` keeps schemas/ in step with the models; `bieb init` starts a registry."""

from __future__ import annotations

import json
from pathlib import Path

from innovatiebieb.model.schemas import schema_texts
from tests.helpers import run_bieb

REPO = Path(__file__).resolve().parent.parent.parent


def test_committed_schemas_match_the_models() -> None:
    for name, text in schema_texts().items():
        committed = REPO / "schemas" / name
        assert committed.is_file(), f"schemas/{name} is missing: run 'make schemas'"
        assert committed.read_text(encoding="utf-8") == text, \
            f"schemas/{name} is out of date: run 'make schemas'"


def test_export_writes_schemas_with_descriptions(tmp_path: Path) -> None:
    result = run_bieb("schema", "export", "--out", str(tmp_path))
    assert result.returncode == 0
    project = json.loads((tmp_path / "project.schema.json").read_text(encoding="utf-8"))
    assert project["additionalProperties"] is False
    assert set(project["required"]) >= {"id", "title", "summary", "phase", "status", "themes"}
    assert "Themagroep ids" in project["properties"]["themes"]["description"]
    assert run_bieb("schema", "export", "--out", str(tmp_path), "--check").returncode == 0


def test_check_fails_on_stale_schemas(tmp_path: Path) -> None:
    run_bieb("schema", "export", "--out", str(tmp_path))
    (tmp_path / "project.schema.json").write_text("{}\n", encoding="utf-8")
    result = run_bieb("schema", "export", "--out", str(tmp_path), "--check")
    assert result.returncode == 1
    assert "project.schema.json" in result.stderr


def test_init_creates_a_registry_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert run_bieb("init", str(target)).returncode == 0
    assert sorted(p.name for p in target.iterdir()) == [
        ".gitattributes", "bodies", "fieldlabs", "organisations", "programmes", "projects",
        "regions", "registry.yaml", "schemas", "themagroepen"]
    assert run_bieb("validate", "--registry", str(target)).returncode == 0
    again = run_bieb("init", str(target))
    assert again.returncode == 2
    assert "exists already" in again.stderr


def test_init_taxonomies_match_the_bundled_registry(tmp_path: Path) -> None:
    run_bieb("init", str(tmp_path / "new"))
    fresh = (tmp_path / "new" / "registry.yaml").read_text(encoding="utf-8")
    bundled = (REPO / "registry" / "registry.yaml").read_text(encoding="utf-8")
    assert fresh.split("opgaven:", 1)[1] == bundled.split("opgaven:", 1)[1]
