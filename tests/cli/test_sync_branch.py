"""`bieb sync` never overwrites commits someone else pushed to its pull-request branch.
A bare repository as the shared remote (the Git host), clones of it, the real git CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from innovatiebieb.model.errors import SyncConflict
from tests.helpers import git, repo_state, run_bieb
from tests.network import Network, make_network

BRANCH = "bieb/mo-derator/impact-cockpit"
NOTE = "registry/projects/impact-cockpit.yaml"


def bieb(clone: Path, *args: str) -> str:
    result = run_bieb(*args, cwd=clone)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _review(net: Network, text: str, subject: str) -> str:
    """A reviewer adds a commit to the pull-request branch on the host."""
    host = net.clones["host"]
    git(host, "fetch", "--quiet", "origin")
    git(host, "switch", "--quiet", "-C", "review", f"origin/{BRANCH}")
    (host / "REVIEW.md").write_text(text, encoding="utf-8")
    git(host, "add", "REVIEW.md")
    git(host, "commit", "--quiet", "-m", subject)
    git(host, "push", "--quiet", "origin", f"review:{BRANCH}")
    return git(host, "rev-parse", "HEAD").strip()


def _main_moves(net: Network, name: str) -> None:
    host = net.clones["host"]
    git(host, "fetch", "--quiet", "origin")
    git(host, "switch", "--quiet", "-C", "main", "origin/main")
    (host / name).write_text(f"{name}\n", encoding="utf-8")
    git(host, "add", name)
    git(host, "commit", "--quiet", "-m", f"main: {name}")
    git(host, "push", "--quiet", "origin", "main")


def _stopped(a: Path, net: Network, reviewed: str) -> None:
    before = repo_state(a)
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 4
    assert (f"error: sync stopped: the pull-request branch {BRANCH} on origin holds 1 commit "
            "that bieb did not send from this clone; nothing was changed or sent:\n"
            f"  {reviewed[:10]} Review: een opmerking (Git Host, ") in result.stderr
    assert f"git pull --rebase origin {BRANCH} && bieb sync" in result.stderr
    assert "git config --unset branch.main.biebPullRequest && bieb sync" in result.stderr
    assert repo_state(a) == before
    assert net.remote_head(BRANCH) == reviewed


def test_a_reviewers_commit_stops_the_sync_until_taken_in(tmp_path: Path) -> None:
    net = make_network(tmp_path, clones=("a", "host"))
    a = net.clones["a"]
    bieb(a, "project", "triage", "impact-cockpit", "--decision", "kansrijk")
    bieb(a, "sync")
    reviewed = _review(net, "Mooi voorstel.\n", "Review: een opmerking")
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    _stopped(a, net, reviewed)

    # taken in as the hint says; meanwhile main moved, so the sync replays all of it
    git(a, "pull", "--quiet", "--rebase", "origin", BRANCH)
    _main_moves(net, "ELDERS.md")
    said = bieb(a, "sync")
    assert f"updated pull-request branch {BRANCH} on origin: your 3 commits" in said
    assert git(net.remote, "log", "--format=%s", f"main..{BRANCH}").splitlines() == [
        "project leesleen-app-po: set proeftuin", "Review: een opmerking",
        "triage kansrijk: Cockpit maatschappelijke impact (impact-cockpit)"]
    assert net.remote_file("REVIEW.md", BRANCH) == "Mooi voorstel.\n"
    assert net.remote_file("ELDERS.md", BRANCH) == "ELDERS.md\n"

    # the host's "update branch" (main merged into it) adds nothing: replaced quietly
    _main_moves(net, "NOG-ELDERS.md")
    host = net.clones["host"]
    git(host, "switch", "--quiet", "-C", "review", f"origin/{BRANCH}")
    git(host, "merge", "--quiet", "--no-edit", "origin/main")
    git(host, "push", "--quiet", "origin", f"review:{BRANCH}")
    bieb(a, "project", "set", "impact-cockpit", "proeftuin=Fers")
    said = bieb(a, "sync")
    assert f"updated pull-request branch {BRANCH} on origin: your 4 commits" in said
    assert git(net.remote, "rev-list", "--merges", f"main..{BRANCH}") == ""
    assert net.remote_file("NOG-ELDERS.md", BRANCH) == "NOG-ELDERS.md\n"
    assert net.remote_head(BRANCH) == git(a, "rev-parse", "HEAD").strip()


def test_leaving_the_reviewers_branch_starts_a_new_one(tmp_path: Path) -> None:
    from innovatiebieb.change.sync import sync

    net = make_network(tmp_path, clones=("a", "host"))
    a = net.clones["a"]
    bieb(a, "project", "triage", "impact-cockpit", "--decision", "kansrijk")
    bieb(a, "sync")
    reviewed = _review(net, "Mooi voorstel.\n", "Review: een opmerking")
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    _stopped(a, net, reviewed)
    git(a, "config", "--unset", "branch.main.biebPullRequest")
    said = bieb(a, "sync")
    new = "bieb/mo-derator/impact-cockpit-en-1-meer"  # a new name for both records
    assert f"sent 2 commits to a new pull-request branch {new} on origin" in said
    assert net.remote_head(BRANCH) == reviewed  # theirs, untouched

    # a reviewer pushes between bieb's fetch and its push: the lease refuses, bieb
    # fetches again, finds the commit, and stops with the clone as it was
    bieb(a, "project", "set", "impact-cockpit", "proeftuin=Fers")
    before = repo_state(a)
    host = net.clones["host"]

    def meanwhile(step: str) -> None:
        if step.startswith("sending"):
            git(host, "fetch", "--quiet", "origin")
            git(host, "switch", "--quiet", "-C", "late", f"origin/{new}")
            (host / "REVIEW.md").write_text("Nog een opmerking.\n", encoding="utf-8")
            git(host, "add", "REVIEW.md")
            git(host, "commit", "--quiet", "-m", "Review: te laat")
            git(host, "push", "--quiet", "origin", f"late:{new}")

    with pytest.raises(SyncConflict, match="holds 1 commit that bieb did not send"):
        sync(net.registry("a"), on_step=meanwhile)
    assert repo_state(a) == before
    assert git(net.remote, "log", "-1", "--format=%s", new) == "Review: te laat\n"
