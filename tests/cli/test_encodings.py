"""Files in other encodings are refused on edit with a clear message, never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_an_edit_of_a_file_not_in_utf8_is_refused(git_registry: Path, encoding: str) -> None:
    repo = git_registry.parent
    path = git_registry / "organisations" / "bibliotheek-venlo.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace(
        "Bibliotheek Venlo", "Bibliothèque Venlo").encode(encoding))
    git(repo, "commit", "--quiet", "-am", f"{encoding} by hand")
    before = repo_state(repo)
    result = run_bieb("org", "set", "bibliotheek-venlo", "website=https://venlo.example",
                      "--registry", str(git_registry))
    assert result.returncode in (1, 2)
    assert "bibliotheek-venlo.yaml" in result.stderr
    assert "UTF-8" in result.stderr
    assert repo_state(repo) == before
