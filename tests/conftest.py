"""Fixtures: a copy of the bundled registry, hermetic environment, and `bieb` as a user runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import git

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "registry"


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads or writes the user's home, git config or registry setting."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("BIEB_REGISTRY", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("BIEB_NO_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A writable copy of the bundled registry."""
    target = tmp_path / "registry"
    shutil.copytree(BUNDLED, target)
    return target


# The sources name no moderators and no members of the Innovatieraad, so a test
# that decides adds them: Mo Derator (the git identity below) sits on the raad,
# Fenna from Fers too, and Ria moderates a themagroep.
DECIDERS = {
    "bodies/innovatieraad.yaml": "members:\n"
    "  - name: Mo Derator\n    organisation: biblionet-groningen\n"
    "    email: mo@poi.example.nl\n"
    "  - name: Fenna Fers\n    organisation: fers\n    period: {start: \"2021\"}\n",
    "themagroepen/doorgaande-leeslijn.yaml": "moderators:\n"
    "  - name: Ria Moderator\n    organisation: bibliotheek-venlo\n",
}


def add_deciders(registry: Path) -> None:
    for name, text in DECIDERS.items():
        with (registry / name).open("a", encoding="utf-8") as f:
            f.write(text)


@pytest.fixture
def git_registry(tmp_path: Path) -> Path:
    """A git repository holding a copy of the bundled registry, committed, with an identity."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(BUNDLED, repo / "registry")
    add_deciders(repo / "registry")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Mo Derator")
    git(repo, "config", "user.email", "mo@poi.example.nl")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "registry")
    return repo / "registry"
