"""`bieb sync` with a bare repository as the shared remote and two or three clones."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb
from tests.network import LAYOUTS, make_network

P = "registry/projects/leesleen-app-po.yaml"
RECORD = "projects/leesleen-app-po.yaml"
# The main tests run with the registry in registry/ and at the top of the repository.
layouts = pytest.mark.parametrize("prefix", LAYOUTS, ids=["in-folder", "at-top"])


def bieb(clone: Path, *args: str) -> str:
    result = run_bieb(*args, cwd=clone)
    assert result.returncode == 0, result.stderr
    return result.stderr


def head(clone: Path) -> str:
    return git(clone, "rev-parse", "HEAD").strip()


def _merge_on_host(host: Path, branch: str, style: str) -> None:
    """What the Git host does when a reviewer merges a pull request."""
    git(host, "fetch", "--quiet", "origin")
    git(host, "reset", "--quiet", "--hard", "origin/main")
    if style == "merge":
        git(host, "merge", "--quiet", "--no-ff", "-m", f"Merge {branch}", f"origin/{branch}")
    elif style == "squash":
        git(host, "merge", "--quiet", "--squash", f"origin/{branch}")
        git(host, "commit", "--quiet", "-m", f"{branch} (squashed)")
    else:  # rebase: the host makes new commits, with itself as committer
        git(host, "switch", "--quiet", "-c", "pr", f"origin/{branch}")
        git(host, "rebase", "--quiet", "main")
        git(host, "switch", "--quiet", "main")
        git(host, "merge", "--quiet", "--ff-only", "pr")
        git(host, "branch", "--quiet", "-D", "pr")
    git(host, "push", "--quiet", "origin", "main")


@pytest.mark.parametrize(("style", "prefix"), [
    ("merge", LAYOUTS[0]), ("squash", LAYOUTS[0]), ("rebase", LAYOUTS[0]),
    pytest.param("merge", LAYOUTS[1], id="merge-at-top")])
def test_two_moderators_pull_requests_merged_leave_every_clone_equal(tmp_path: Path,
                                                                     style: str,
                                                                     prefix: str) -> None:
    net = make_network(tmp_path, clones=("a", "b", "host"), prefix=prefix)
    a, b, host = net.clones["a"], net.clones["b"], net.clones["host"]
    bieb(a, "idea", "add", "--title", "Voorleesuur in de wijk", "--summary",
         "Voorlezen voor peuters in de wijk.", "--theme", "doorgaande-leeslijn",
         "--owner", "bibliotheek-venlo")
    bieb(a, "project", "triage", "leesleen-app-po", "--decision", "kansrijk", "--note", "Goed")
    bieb(b, "project", "set", "leesleen-app-po", "fieldlab=geletterde-samenleving",
         "goal={kinds: [effectiviteit], description: Meer leerlingen lezen.}")
    said_a = bieb(a, "sync")
    said_b = bieb(b, "sync")
    assert "sent 2 commits to a new pull-request branch bieb/mo-derator/" in said_a
    assert "pull-request branch bieb/anna-jansen/leesleen-app-po on origin" in said_b
    assert f"open a pull request from bieb/anna-jansen/leesleen-app-po into main on {net.url}" \
        in said_b
    branch_a = git(a, "config", "branch.main.biebPullRequest").strip()

    _merge_on_host(host, branch_a, style)
    said_b = bieb(b, "sync")  # b's branch now conflicts by lines: the sync rebases it
    assert "updated pull-request branch bieb/anna-jansen/leesleen-app-po" in said_b
    _merge_on_host(host, "bieb/anna-jansen/leesleen-app-po", style)
    bieb(a, "sync")
    bieb(b, "sync")

    assert head(a) == head(b) == net.remote_head()
    for clone in (a, b):
        assert git(clone, "status", "--porcelain") == ""
        assert run_bieb("status", cwd=clone).stdout.startswith(
            "the network (origin/main) has every change of this clone")
        bieb(clone, "validate")
    merged = net.remote_file(net.path(RECORD))
    assert "decision: kansrijk" in merged and "fieldlab: geletterde-samenleving" in merged
    assert merged.count("decision: kansrijk") == 1
    if style != "squash":  # a squash makes one commit of each pull request
        log = git(a, "log", "--format=%s", "main")
        assert log.count("triage kansrijk") == 1 and log.count("set fieldlab, goal") == 1


@layouts
def test_direct_mode_keeps_both_history_entries_in_date_order_once(tmp_path: Path,
                                                                   prefix: str) -> None:
    net = make_network(tmp_path, changes="direct", prefix=prefix)
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "repeat", "leesleen-app-po", "--note", "Ronde van A", "--date",
         "2026-11-20")
    bieb(b, "project", "repeat", "leesleen-app-po", "--note", "Ronde van B", "--date",
         "2026-11-19")
    # a triage is a history entry too (#13): dated between the rounds and the advance
    bieb(a, "project", "triage", "leesleen-app-po", "--decision", "kansrijk", "--date",
         "2026-11-20")
    bieb(b, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo",
         "goal={kinds: [efficientie], description: Minder werk voor leerkrachten.}")
    assert "sent 2 commits to main on origin" in bieb(a, "sync")
    assert "sent 2 commits to main on origin" in bieb(b, "sync")
    bieb(a, "sync")
    # the gate is met only by both moderators' work together: A advances now
    bieb(a, "project", "advance", "leesleen-app-po", "--date", "2026-11-21")
    bieb(a, "sync")
    bieb(b, "sync")
    text = net.remote_file(net.path(RECORD))
    assert "phase: experiment" in text and "decision: kansrijk" in text
    assert text.count("note: Ronde van A") == 1 and text.count("note: Ronde van B") == 1
    assert text.index("Ronde van B") < text.index("Ronde van A")
    assert "proeftuin: Bibliotheek Venlo" in text
    assert head(a) == head(b) == net.remote_head()
    assert (a / net.path(RECORD)).read_text(encoding="utf-8") == text


@layouts
def test_field_conflict_stops_with_the_clone_as_it_was_and_prefer_settles_it(
        tmp_path: Path, prefix: str) -> None:
    net = make_network(tmp_path, changes="direct", prefix=prefix)
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "set", "leesleen-app-po", "title=Leesleen-app (titel van Mo)")
    bieb(a, "sync")
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app (titel van Anna)")
    bieb(b, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert (f"conflict: {net.path(RECORD)} (record leesleen-app-po), "
            "field title: changed on both sides") in result.stderr
    assert "upstream: Leesleen-app (titel van Mo)   (Mo Derator, " in result.stderr
    assert ("yours:    Leesleen-app (titel van Anna)   (your commit: project "
            "leesleen-app-po: set title)") in result.stderr
    assert ("hint: Keep one side per record, field or file, then sync again: bieb sync "
            "--prefer upstream leesleen-app-po:title (take the network's value) or bieb sync "
            "--prefer mine leesleen-app-po:title (keep yours).") in result.stderr
    assert repo_state(b) == before
    assert not (b / ".git" / "rebase-merge").exists()
    assert net.remote_file(net.path(RECORD)).count("titel van Mo") == 1  # nothing was pushed

    bieb(b, "sync", "--prefer", "upstream", "leesleen-app-po:title")
    text = net.remote_file(net.path(RECORD))
    assert "title: Leesleen-app (titel van Mo)" in text
    assert "proeftuin: Bibliotheek Venlo" in text  # Anna's other change is kept
    assert head(b) == net.remote_head()


def test_prefer_mine_keeps_my_value(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "set", "leesleen-app-po", "title=Leesleen-app (titel van Mo)")
    bieb(a, "sync")
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app (titel van Anna)")
    bieb(b, "sync", "--prefer", "mine", "leesleen-app-po")
    assert "title: Leesleen-app (titel van Anna)" in net.remote_file(P)


@layouts
def test_a_decision_on_a_project_that_moved_upstream_is_a_conflict(tmp_path: Path,
                                                                   prefix: str) -> None:
    net = make_network(tmp_path, changes="direct", prefix=prefix)
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "stop", "leesleen-app-po", "--reason", "Geen scholen")
    bieb(a, "sync")
    bieb(b, "project", "repeat", "leesleen-app-po", "--note", "Nog een ronde")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert ("field history: a decision on both sides while the project's phase or status "
            "changed") in result.stderr
    assert "stoppen idee -> idee by Mo Derator" in result.stderr
    assert "herhalen idee -> idee by Anna Jansen" in result.stderr
    assert repo_state(b) == before
    # keeping mine after the stop is refused with the reason, and changes nothing
    result = run_bieb("sync", "--prefer", "mine", "leesleen-app-po", cwd=b)
    assert result.returncode == 1
    assert ("error[history-after-stop]: history entry 2 ('herhalen') comes after the project "
            "was stopped") in result.stderr
    assert "nothing was changed" in result.stderr
    assert repo_state(b) == before
    bieb(b, "sync", "--prefer", "upstream", "leesleen-app-po")
    assert head(b) == net.remote_head()
    assert "status: gestopt" in (b / net.path(RECORD)).read_text(encoding="utf-8")


def test_pre_receive_hook_refusing_keeps_the_commits(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a = net.clones["a"]
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    bieb(net.clones["b"], "project", "set", "impact-cockpit", "proeftuin=Fers")
    git(net.clones["b"], "push", "--quiet", "origin", "main")  # so a's commit is replayed
    hook = net.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'main is protected: open a pull request' >&2\nexit 1\n",
                    encoding="utf-8")
    hook.chmod(0o755)
    before, remote = repo_state(a), net.remote_head()
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 5
    assert "error: the remote 'origin' refused to take the push to 'main'" in result.stderr
    assert "main is protected: open a pull request" in result.stderr
    assert "Your commits are kept in this clone" in result.stderr
    assert net.remote_head() == remote
    assert repo_state(a) == before  # pushed first, moved after: nothing moved


@pytest.mark.parametrize("how", ["missing", "unreachable"])
def test_no_remote_or_an_unreachable_one_changes_nothing(tmp_path: Path, how: str) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    if how == "missing":
        git(a, "remote", "remove", "origin")
    else:
        git(a, "remote", "set-url", "origin", (tmp_path / "gone.git").as_uri())
    before = repo_state(a)
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 5
    if how == "missing":
        assert "error: this clone has no remote 'origin' to sync with" in result.stderr
        assert "git remote add origin URL" in result.stderr
    else:
        assert "error: could not reach the remote 'origin'" in result.stderr
        assert "run bieb sync again" in result.stderr
    assert repo_state(a) == before


def test_upstream_moved_during_the_sync_is_fetched_and_tried_again(tmp_path: Path) -> None:
    """Between the fetch and the push another moderator pushes (real git, in the
    progress callback): the push is refused, bieb fetches and replays again."""
    from innovatiebieb.change.sync import sync

    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    bieb(b, "project", "triage", "impact-cockpit", "--decision", "kansrijk", "--by",
         "Fenna Fers")
    steps: list[str] = []

    def meanwhile(step: str) -> None:
        if step.startswith("sending") and not any(s.startswith("sending") for s in steps):
            git(b, "push", "--quiet", "origin", "main")
        steps.append(step)

    result = sync(net.registry("a"), on_step=meanwhile)
    assert any("moved on origin meanwhile" in s for s in steps)
    assert [c.subject for c in result.sent] == [
        "project leesleen-app-po: set proeftuin"]
    assert head(a) == net.remote_head()
    log = git(a, "log", "--format=%s", "main")
    assert "triage kansrijk" in log and "set proeftuin" in log


def test_sync_refuses_uncommitted_registry_changes(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    (a / P).write_text((a / P).read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    before = repo_state(a)
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 2
    assert f"cannot sync: {P} has uncommitted changes" in result.stderr
    assert repo_state(a) == before
    git(a, "checkout", "--", P)  # a new file, named as it is (git quotes it without -z)
    (a / "registry" / "notitie café.md").write_text("# notitie\n", encoding="utf-8")
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 2
    assert "cannot sync: registry/notitie café.md has uncommitted changes" in result.stderr


def test_deleted_here_and_changed_upstream_is_a_conflict(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "set", "impact-cockpit", "proeftuin=Fers")
    bieb(a, "sync")
    git(b, "rm", "--quiet", "registry/projects/impact-cockpit.yaml")
    git(b, "commit", "--quiet", "-m", "remove impact-cockpit")
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert "deleted here, changed upstream" in result.stderr


def test_added_on_both_sides_with_the_same_id(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "org", "add", "probiblio", "name=ProBiblio", "kind=poi")
    bieb(a, "sync")
    bieb(b, "org", "add", "probiblio", "name=Probiblio Hoofddorp", "kind=poi")
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert "(record probiblio), field name: changed on both sides" in result.stderr
    bieb(b, "org", "add", "fers-2", "name=Fers twee", "kind=poi")
    result = run_bieb("sync", "--prefer", "upstream", "probiblio", cwd=b)
    assert result.returncode == 0, result.stderr
    assert head(b) == net.remote_head()


def test_a_later_sync_adds_to_the_open_pull_request_branch(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    a = net.clones["a"]
    bieb(a, "project", "triage", "impact-cockpit", "--decision", "kansrijk")
    bieb(a, "sync")
    branch = "bieb/mo-derator/impact-cockpit"
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    said = bieb(a, "sync")
    assert f"updated pull-request branch {branch} on origin: your 2 commits" in said
    assert git(net.remote, "log", "--format=%s", f"main..{branch}").splitlines() == [
        "project leesleen-app-po: set proeftuin",
        "triage kansrijk: Cockpit maatschappelijke impact (impact-cockpit)"]
    assert net.remote_head() != head(a)  # main waits for the review


@layouts
def test_files_that_are_not_records_merge_by_lines_and_prefer_names_them_by_path(
        tmp_path: Path, prefix: str) -> None:
    net = make_network(tmp_path, changes="direct", prefix=prefix)
    a, b = net.clones["a"], net.clones["b"]
    notes = net.path("leesleen-app-po.md")  # a file named like a record, in the registry
    (a / notes).write_text("een\ntwee\ndrie\nvier\nvijf\n", encoding="utf-8")
    git(a, "add", notes)
    git(a, "commit", "--quiet", "-m", "notes")
    bieb(a, "sync")
    bieb(b, "sync")
    (a / notes).write_text("EEN\ntwee\ndrie\nvier\nvijf\n", encoding="utf-8")
    git(a, "commit", "--quiet", "-am", "notes: first line")
    bieb(a, "sync")
    (b / notes).write_text("een\ntwee\ndrie\nvier\nVIJF\n", encoding="utf-8")
    git(b, "commit", "--quiet", "-am", "notes: last line")
    bieb(b, "sync")
    assert net.remote_file(notes) == "EEN\ntwee\ndrie\nvier\nVIJF\n"

    # the same line on both sides, and the record of the same name: two conflicts
    bieb(a, "sync")
    for clone, who in ((a, "Mo"), (b, "Anna")):
        (clone / notes).write_text(f"EEN\ntwee van {who}\ndrie\nvier\nVIJF\n",
                                   encoding="utf-8")
        bieb(clone, "project", "set", "--no-commit", "leesleen-app-po",
             f"title=Leesleen-app van {who}")
        git(clone, "commit", "--quiet", "-am", "notes: second line")
    bieb(a, "sync")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert (f"conflict: {notes}: the file changed on both sides, in the same lines"
            in result.stderr)
    assert "field title: changed on both sides" in result.stderr
    # the record's id settles the record, never the file named like it
    result = run_bieb("sync", "--prefer", "mine", "leesleen-app-po", cwd=b)
    assert result.returncode == 4
    assert f"conflict: {notes}: the file changed" in result.stderr
    assert "field title" not in result.stderr
    assert repo_state(b) == before
    # the file by its path, from the folder the user is in
    here = b / net.path("projects")
    result = run_bieb("sync", "--prefer", "mine", "leesleen-app-po", "../leesleen-app-po.md",
                      cwd=here)
    assert result.returncode == 0, result.stderr
    assert net.remote_file(notes) == "EEN\ntwee van Anna\ndrie\nvier\nVIJF\n"
    assert "title: Leesleen-app van Anna" in net.remote_file(net.path(RECORD))


def test_a_hand_resolved_git_pull_keeps_its_resolution(tmp_path: Path) -> None:
    """A merge commit in the clone (git pull, a conflict settled by hand) cannot be
    replayed commit by commit without losing how it was settled: sync merges the
    network's new commits into it instead, as git pull would."""
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    bieb(a, "project", "set", "leesleen-app-po", "title=Leesleen-app van Mo")
    bieb(a, "sync")
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app van Anna")
    pulled = subprocess.run(["git", "pull", "--no-rebase", "--no-edit", "--quiet"], cwd=b,
                            capture_output=True, text=True)
    assert pulled.returncode != 0  # the same line: git's conflict markers
    settled = git(b, "show", f"origin/main:{P}").replace(
        "title: Leesleen-app van Mo", "title: Leesleen-app van Mo en Anna")
    (b / P).write_text(settled, encoding="utf-8")
    git(b, "commit", "--quiet", "-am", "Merge: titel van beiden")
    bieb(b, "project", "set", "leesleen-app-po", "year=2022")  # and a commit after it
    bieb(a, "project", "set", "impact-cockpit", "proeftuin=Fers")  # the network moves on
    bieb(a, "sync")
    said = bieb(b, "sync")
    assert "sent 2 commits to main on origin" in said
    text = net.remote_file(P)
    assert "title: Leesleen-app van Mo en Anna\n" in text and "year: 2022\n" in text
    assert "proeftuin: Fers" in net.remote_file("registry/projects/impact-cockpit.yaml")
    assert head(b) == net.remote_head()
    assert git(b, "log", "-1", "--format=%s%n%P").splitlines()[0] == (
        "Merge origin/main into main (bieb sync)")
    assert "Merge: titel van beiden" in git(b, "log", "--format=%s", "main")
    bieb(a, "sync")
    assert head(a) == head(b)


def test_a_changed_file_outside_the_registry_that_the_network_changed_stops_first(
        tmp_path: Path) -> None:
    """The branch is moved after the push: a file that would keep it from moving is
    found before anything is sent."""
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    (b / "NOTES.md").write_text("van Anna\n", encoding="utf-8")
    git(b, "add", "NOTES.md")
    git(b, "commit", "--quiet", "-m", "notes")
    bieb(b, "sync")
    bieb(a, "project", "set", "leesleen-app-po", "proeftuin=Bibliotheek Venlo")
    (a / "NOTES.md").write_text("mijn eigen aantekeningen\n", encoding="utf-8")  # untracked
    before, remote = repo_state(a), net.remote_head()
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 2
    assert ("cannot sync: NOTES.md has uncommitted changes, and the network changed it too; "
            "nothing was changed or sent") in result.stderr
    assert repo_state(a) == before and net.remote_head() == remote

    # a file merely touched (its times changed, not its text) does not stop the move
    (a / "NOTES.md").unlink()
    bieb(a, "sync")
    (b / "NOTES.md").write_text("van Anna, bijgewerkt\n", encoding="utf-8")
    git(b, "commit", "--quiet", "-am", "notes bijgewerkt")
    bieb(b, "sync")
    bieb(a, "project", "set", "impact-cockpit", "proeftuin=Fers")
    os.utime(a / "NOTES.md", (1_000_000_000, 1_000_000_000))
    bieb(a, "sync")
    assert (a / "NOTES.md").read_text(encoding="utf-8") == "van Anna, bijgewerkt\n"
    assert head(a) == net.remote_head()
