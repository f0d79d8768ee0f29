"""FIFOs, devices, folders where files belong, linked record folders, and folder
names git would quote: bieb reads only regular files, inside the registry."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from tests.helpers import git, repo_state, run_bieb

READERS = [["validate"], ["project", "list"], ["overview"], ["report"],
           ["idea", "add", "--title", "Nieuw idee", "--summary", "Iets.", "--theme",
            "werkplaats", "--no-commit"]]


@pytest.mark.parametrize("special", ["fifo", "folder"])
@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_a_record_that_is_no_regular_file_never_hangs_a_command(
        registry: Path, special: str, args: list[str]) -> None:
    path = registry / "projects" / "x.yaml"
    if special == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    else:
        path.mkdir()
    result = run_bieb(*args, "--registry", str(registry))  # the helper's timeout: no hang
    assert "internal error" not in result.stderr
    if args == ["validate"] and special == "fifo":
        assert result.returncode == 1
        assert "x.yaml:1:1: error[not-a-file]: file is a named pipe (FIFO)" in result.stdout
    elif args == ["validate"]:
        assert result.returncode == 0 and "x.yaml: warning[stray-file]" in result.stdout
    else:
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/null", "folder", "big",
                                    "latin-1", "utf-16"])
def test_from_file_reads_only_a_small_regular_utf8_file(git_registry: Path, tmp_path: Path,
                                                        source: str) -> None:
    made = {"fifo": tmp_path / "fifo", "folder": tmp_path, "big": tmp_path / "big.yaml",
            "latin-1": tmp_path / "latin.yaml", "utf-16": tmp_path / "utf16.yaml"}
    path = made.get(source, Path(source))
    if source == "fifo":
        os.mkfifo(path)
    elif source == "big":
        path.write_text("title: x\nsummary: " + "a" * (2 << 20) + "\n", encoding="utf-8")
    elif source == "latin-1":
        path.write_bytes("title: Café\nsummary: s\nthemes: [werkplaats]\n".encode("latin-1"))
    elif source == "utf-16":
        path.write_bytes("title: Café\nsummary: s\nthemes: [werkplaats]\n".encode("utf-16"))
    before = repo_state(git_registry.parent)
    for args in (["idea", "add"], ["org", "add", "nieuwe-org"]):
        result = run_bieb(*args, "--from-file", str(path), "--registry", str(git_registry))
        assert result.returncode == 2, result.stderr
        assert "internal error" not in result.stderr
        assert str(path) in result.stderr
    assert repo_state(git_registry.parent) == before


def test_a_linked_record_folder_is_never_followed(git_registry: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(git_registry / "projects", outside)
    shutil.rmtree(git_registry / "projects")
    (git_registry / "projects").symlink_to(outside)
    repo = git_registry.parent
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "projects as a link")
    outside_before = {p.name: p.read_bytes() for p in outside.iterdir()}
    result = run_bieb("validate", "--registry", str(git_registry))
    assert result.returncode == 1
    assert "error[symlink]: record folder is a symbolic link" in result.stdout
    before = repo_state(repo)
    for extra in ([], ["--no-commit"]):
        for args in (["project", "set", "impact-cockpit", "proeftuin=Venlo"],
                     ["idea", "add", "--title", "Nieuw idee", "--summary", "Iets.",
                      "--theme", "werkplaats"]):
            result = run_bieb(*args, *extra, "--registry", str(git_registry))
            assert result.returncode == 2, result.stderr
            assert "symbolic link" in result.stderr and "internal error" not in result.stderr
    assert repo_state(repo) == before
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == outside_before


@pytest.mark.parametrize("folder", ["régistre", "登録", "met spatie"])
def test_validate_base_sees_changes_under_any_folder_name(tmp_path: Path, folder: str) -> None:
    repo = tmp_path / "repo"
    registry = repo / folder / "registry"
    shutil.copytree(BUNDLED, registry)
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(repo))
    git(repo, "config", "user.name", "Mo Derator")
    git(repo, "config", "user.email", "mo@poi.example.nl")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "registry")
    (registry / "projects" / "impact-cockpit.yaml").unlink()  # projects are never deleted
    result = run_bieb("validate", "--base", "main", "--registry", str(registry))
    assert result.returncode == 1
    assert "error[project-deleted]" in result.stdout


@pytest.mark.parametrize(("name", "code"), [
    ("Upper-Case.yaml", "bad-filename"), ("two--hyphens.yaml", "bad-filename"),
    ("short.yml", "bad-filename"), ("trailing-space.yaml ", "bad-filename"),
    ("trailing-newline.yaml\n", "bad-filename"), (f"{'a' * 65}.yaml", "bad-filename"),
    ("notes.txt", "stray-file"), ("README", "stray-file"),
])
def test_a_file_not_named_id_yaml_is_refused_by_name(registry: Path, name: str,
                                                     code: str) -> None:
    """Only `<id>.yaml` files are records; a misnamed record is an error (it would be
    silently left out otherwise), any other file a warning."""
    (registry / "projects" / name).write_text("id: x\n", encoding="utf-8")
    result = run_bieb("validate", "--format", "json", "--registry", str(registry))
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == code]
    assert [p["path"].rsplit("/", 1)[-1] for p in found] == [name]
    assert result.returncode == (1 if code == "bad-filename" else 0)
