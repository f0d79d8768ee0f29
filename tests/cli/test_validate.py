"""`bieb validate` as a user and a CI pipeline run it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_bieb


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_bundled_registry_is_valid() -> None:
    result = run_bieb("validate", "--registry", "registry")
    assert result.returncode == 0
    assert "0 errors" in result.stderr or "no problems" in result.stderr


def test_problem_is_reported_compiler_style_with_a_hint(registry: Path) -> None:
    _edit(registry / "projects" / "impact-cockpit.yaml", "status: lopend",
          "status: lopend\ntitel: x")
    result = run_bieb("validate", "--registry", str(registry))
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if "unknown-field" in ln)
    assert line == (f"{registry}/projects/impact-cockpit.yaml:14:1: "
                    "error[unknown-field]: unknown field 'titel'")
    assert "hint: Did you mean 'title'?" in result.stdout
    assert "1 error" in result.stderr


def test_unknown_reference_suggests_the_closest_id(registry: Path) -> None:
    _edit(registry / "projects" / "impact-cockpit.yaml", "fieldlab: kwaliteit-en-kennis",
          "fieldlab: kwaliteit-en-kenis")
    result = run_bieb("validate", "--registry", str(registry))
    assert result.returncode == 1
    assert "projects/impact-cockpit.yaml:16:11: error[unknown-reference]: unknown fieldlab " \
           "'kwaliteit-en-kenis'" in result.stdout
    assert "Did you mean 'kwaliteit-en-kennis'?" in result.stdout


def test_warnings_pass_unless_strict(registry: Path) -> None:
    assert run_bieb("validate", "--registry", str(registry)).returncode == 0
    strict = run_bieb("validate", "--registry", str(registry), "--strict")
    assert strict.returncode == 1
    assert "warning[no-contact-email]" in strict.stdout


def test_json_format_lists_every_problem(registry: Path) -> None:
    _edit(registry / "organisations" / "kb.yaml", "kind: kb", "kind: museum")
    _edit(registry / "regions" / "zuid-nederland.yaml", "name: Zuid Nederland", "naam: Zuid")
    result = run_bieb("validate", "--registry", str(registry), "--format", "json")
    report = json.loads(result.stdout)
    assert report["errors"] == 3  # kind, unknown 'naam', missing 'name'
    by_file = {(Path(p["path"]).name, p["code"]) for p in report["problems"]}
    assert {("kb.yaml", "schema"), ("zuid-nederland.yaml", "unknown-field"),
            ("zuid-nederland.yaml", "missing-field")} <= by_file


def test_github_format_writes_workflow_annotations(registry: Path) -> None:
    _edit(registry / "organisations" / "kb.yaml", "kind: kb", "kind: museum")
    result = run_bieb("validate", "--registry", str(registry), "--format", "github")
    assert result.returncode == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
    assert len(annotations) == 1
    assert annotations[0].startswith(
        f"::error file={registry}/organisations/kb.yaml,line=9,col=7,title=schema::kind: ")
    warnings = [ln for ln in result.stdout.splitlines() if ln.startswith("::warning ")]
    assert len(warnings) == 3 and all("%0A" in w for w in warnings)  # hint on its own line


def test_no_registry_is_a_usage_error_with_a_way_out(tmp_path: Path) -> None:
    result = run_bieb("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "no registry found" in result.stderr
    assert "--registry" in result.stderr and "bieb init" in result.stderr


def test_registry_is_found_from_a_subfolder_and_from_the_environment(registry: Path,
                                                                     tmp_path: Path) -> None:
    assert run_bieb("validate", cwd=registry / "projects").returncode == 0
    assert run_bieb("validate", cwd=registry.parent).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run_bieb("validate", cwd=elsewhere,
                    env={"BIEB_REGISTRY": str(registry)}).returncode == 0


def test_validate_changes_nothing(registry: Path) -> None:
    before = {p: p.read_bytes() for p in registry.rglob("*") if p.is_file()}
    run_bieb("validate", "--registry", str(registry))
    after = {p: p.read_bytes() for p in registry.rglob("*") if p.is_file()}
    assert before == after
