"""Inputs and environments that used to end in an internal error (exit 3): each now
ends in a clear message and its exit code, or just works, and changes nothing it
should not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb


def _clear(result: subprocess.CompletedProcess[str], code: int = 2) -> None:
    assert result.returncode == code, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_init_on_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    _clear(run_bieb("init", "README.md", cwd=tmp_path))
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"


def test_init_never_writes_through_a_dangling_link(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw"
    folder.mkdir()
    (folder / "registry.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = run_bieb("init", str(folder))
    _clear(result)
    assert "symbolic link" in result.stderr
    assert not (tmp_path / "elsewhere.yaml").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["registry.yaml"]


@pytest.mark.parametrize("check", [False, True])
def test_schema_export_to_a_file_is_refused(tmp_path: Path, check: bool) -> None:
    (tmp_path / "schemas.json").write_text("{}\n", encoding="utf-8")
    result = run_bieb("schema", "export", "--out", "schemas.json",
                      *(["--check"] if check else []), cwd=tmp_path)
    _clear(result, 1 if check else 2)
    assert (tmp_path / "schemas.json").read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize("args", [["overview"], ["validate"], ["project", "list"],
                                  ["project", "show", "leer-en-ontwikkelplatform"],
                                  ["report"], ["region", "list"]])
def test_an_ascii_only_output_shows_what_it_can(registry: Path, args: list[str]) -> None:
    result = run_bieb(*args, "--registry", str(registry), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr


def _bieb(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "innovatiebieb", *args], text=True,
                          stderr=subprocess.PIPE, timeout=120, check=False,
                          **kwargs)  # type: ignore[call-overload]


def test_a_closed_stdout_is_a_clear_error(registry: Path) -> None:
    result = subprocess.run(f"{sys.executable} -m innovatiebieb project list --registry "
                            f"'{registry}' >&-", shell=True, text=True,  # noqa: S602
                            stderr=subprocess.PIPE, timeout=120, check=False)
    _clear(result)
    assert "standard output is closed" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["project", "list"], ["validate"], ["overview"]])
def test_a_full_stdout_is_a_clear_error(registry: Path, args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = _bieb([*args, "--registry", str(registry)], stdout=full)
    _clear(result)
    assert "No space left on device" in result.stderr


def test_a_reader_that_leaves_early_is_no_error(registry: Path) -> None:
    with subprocess.Popen([sys.executable, "-m", "innovatiebieb", "overview", "--registry",
                           str(registry)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        err = proc.stderr.read()
        proc.wait(timeout=120)
    assert proc.returncode in (0, 141) and "internal error" not in err


def test_a_deleted_current_folder_is_a_clear_error(registry: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f"import os, runpy, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
              "sys.argv = ['bieb', 'validate', '--registry', " + repr(str(registry)) + "]; "
              "runpy.run_module('innovatiebieb', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", script], text=True, capture_output=True,
                            timeout=120, check=False)
    _clear(result)
    assert "the current folder no longer exists" in result.stderr


def test_a_summary_of_210_kb_is_committed(git_registry: Path, tmp_path: Path) -> None:
    summary = "Een lange samenvatting. " * 9000  # 216,000 characters: too long for argv
    idea = tmp_path / "idee.yaml"
    idea.write_text(f"title: Lang idee\nsummary: {summary}\nthemes: [werkplaats]\n",
                    encoding="utf-8")
    result = run_bieb("idea", "add", "--from-file", str(idea), "--registry", str(git_registry))
    assert result.returncode == 0, result.stderr
    body = git(git_registry.parent, "log", "-1", "--format=%b")
    assert body.strip() == summary.strip()
    assert git(git_registry.parent, "status", "--porcelain") == ""


@pytest.mark.parametrize("value", ["   ", "\u00a0\u00a0\u00a0", "\u3000" * 3, " \u00a0 \t "])
@pytest.mark.parametrize("field", ["title", "summary", "proeftuin"])
def test_blank_text_is_refused(git_registry: Path, field: str, value: str) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("project", "set", "impact-cockpit", f"{field}={value}",
                      "--registry", str(git_registry))
    _clear(result, 1)
    assert f"{field}: holds only spaces or other blank characters" in result.stderr
    assert repo_state(git_registry.parent) == before


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_an_edit_keeps_a_files_own_line_ends(git_registry: Path, tmp_path: Path,
                                             newline: str) -> None:
    """Golden: the edit of a CR-only (or CRLF) file is the edit of its LF twin, with
    the file's own line end on every line."""
    twin = tmp_path / "twin"
    shutil.copytree(git_registry, twin)
    edit = ["project", "set", "impact-cockpit", "proeftuin=Venlo", "results=Twee\nregels"]
    assert run_bieb(*edit, "--no-commit", "--registry", str(twin)).returncode == 0
    expected = (twin / "projects" / "impact-cockpit.yaml").read_bytes().decode("utf-8")
    path = git_registry / "projects" / "impact-cockpit.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", newline.encode()))
    repo = git_registry.parent
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "line ends")
    result = run_bieb(*edit, "--registry", str(git_registry))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes().decode("utf-8") == expected.replace("\n", newline)
