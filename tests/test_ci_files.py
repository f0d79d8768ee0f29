"""The CI files we ship are valid, and run the same command a user runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from innovatiebieb.store.yamlio import parse_text

REPO = Path(__file__).resolve().parent.parent


def _check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("check-jsonschema is not installed (make test installs it)")
    return found


@pytest.mark.parametrize(("path", "schema"), [
    (".github/workflows/registry.yml", "vendor.github-workflows"),
    (".github/workflows/tests.yml", "vendor.github-workflows"),
    (".github/workflows/site.yml", "vendor.github-workflows"),
    ("docs/gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_ci_file_is_valid_for_its_platform(path: str, schema: str) -> None:
    result = subprocess.run([_check_jsonschema(), "--builtin-schema", schema, str(REPO / path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_run_validate_against_their_target_branch() -> None:
    workflow = parse_text((REPO / ".github/workflows/registry.yml").read_text(encoding="utf-8"))
    assert workflow.ok
    assert workflow.data["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in workflow.data["jobs"]["validate"]["steps"]]
    assert 'bieb validate --base "origin/${{ github.base_ref }}" --format github' in runs


def test_pre_commit_hook_runs_validate_on_every_commit() -> None:
    hooks = parse_text((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks.ok
    (hook,) = hooks.data
    assert hook["id"] == "bieb-validate" and hook["entry"] == "bieb validate"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True  # deletions pass no file names: run all the same
    import re

    assert re.search(hook["files"], "registry/projects/x.yaml")
    assert not re.search(hook["files"], "README.md")


def test_the_site_workflow_builds_with_bieb_and_publishes_to_pages() -> None:
    workflow = parse_text((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow.ok
    steps = workflow.data["jobs"]["build"]["steps"]
    assert any("bieb site build --out _site" in s.get("run", "") for s in steps)
    assert {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "_site"}} in steps
    assert workflow.data["permissions"]["pages"] == "write"
