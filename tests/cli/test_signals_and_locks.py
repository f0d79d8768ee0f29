"""Real signals at the worst moments, and several commands on one project at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovatiebieb.store.yamlio import parse_text
from tests.helpers import git, repo_state, run_bieb

# A commit-msg hook that signals bieb (its grandparent: bieb -> git -> hook) while
# git is still committing, then lets git go on (exit 0) or makes it refuse (exit 1).
HOOK = """\
#!{python}
import os, signal, sys, time
git_pid = os.getppid()
with open(f"/proc/{{git_pid}}/stat") as f:
    bieb_pid = int(f.read().rsplit(")", 1)[1].split()[1])
os.kill(bieb_pid, signal.{signal})
time.sleep(1)  # slow: bieb must wait for git all the same
sys.exit({status})
"""


def _hook(repo: Path, sig: str, status: int) -> None:
    hook = repo / ".git" / "hooks" / "commit-msg"
    hook.parent.mkdir(exist_ok=True)  # git init without templates makes no hooks/
    hook.write_text(HOOK.format(python=sys.executable, signal=sig, status=status),
                    encoding="utf-8")
    hook.chmod(0o755)


def _set_summary(registry: Path) -> subprocess.CompletedProcess[str]:
    return run_bieb("project", "set", "impact-cockpit", "summary=Nieuwe samenvatting.",
                    "--registry", str(registry))


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="the hook finds bieb's process id in /proc")


@needs_proc
@pytest.mark.parametrize(("sig", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_while_git_commits_waits_for_git_and_says_the_commit_is_made(
        git_registry: Path, sig: str, code: int) -> None:
    repo = git_registry.parent
    _hook(repo, sig, 0)
    head = git(repo, "rev-parse", "HEAD").strip()
    result = _set_summary(git_registry)
    assert result.returncode == code
    made = git(repo, "rev-parse", "HEAD").strip()
    assert made != head and git(repo, "rev-parse", "HEAD~1").strip() == head
    assert f"interrupted after the commit; the change is in commit {made[:10]}" in result.stderr
    # The work tree holds what git committed: a later `git commit -a` reverts nothing.
    assert git(repo, "status", "--porcelain") == ""
    assert "Nieuwe samenvatting." in (git_registry / "projects" / "impact-cockpit.yaml"
                                      ).read_text(encoding="utf-8")


@needs_proc
@pytest.mark.parametrize(("sig", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_while_git_refuses_the_commit_changes_nothing(
        git_registry: Path, sig: str, code: int) -> None:
    repo = git_registry.parent
    _hook(repo, sig, 1)
    before = repo_state(repo)
    result = _set_summary(git_registry)
    assert result.returncode == code
    assert "interrupted; nothing was changed" in result.stderr
    assert repo_state(repo) == before
    assert not list(git_registry.rglob(".*.tmp"))


# Makes bieb's fsync slow and says when it got there, so the test can send a real
# SIGTERM while the temporary file exists.
SLOW_FSYNC = """\
import os, pathlib, time
_real = os.fsync
def _slow(fd):
    pathlib.Path({flag!r}).write_text("in fsync")
    time.sleep(30)
    _real(fd)
os.fsync = _slow
"""


@pytest.mark.parametrize("no_commit", [False, True])
def test_sigterm_during_the_write_leaves_no_temporary_file(git_registry: Path, tmp_path: Path,
                                                          no_commit: bool) -> None:
    repo = git_registry.parent
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    flag = tmp_path / "flag"
    (hooks / "sitecustomize.py").write_text(SLOW_FSYNC.format(flag=str(flag)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(hooks), os.environ.get("PYTHONPATH", ""), str(Path(__file__).parents[2])])}
    before = repo_state(repo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "innovatiebieb", "project", "set", "impact-cockpit",
         "summary=Nieuw.", "--registry", str(git_registry),
         *(["--no-commit"] if no_commit else [])],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists(), proc.communicate()
    assert list(git_registry.rglob(".impact-cockpit.yaml.*.tmp"))  # the moment is right
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "interrupted; nothing was changed" in err
    assert repo_state(repo) == before
    git(repo, "add", "--all")  # what a user might run next: nothing to pick up
    assert git(repo, "status", "--porcelain") == ""


def test_a_temporary_file_left_by_a_killed_bieb_is_swept_up(git_registry: Path) -> None:
    stale = git_registry / "projects" / ".impact-cockpit.yaml.k1ll3d__.tmp"
    stale.write_text("half a file", encoding="utf-8")
    assert _set_summary(git_registry).returncode == 0
    assert not stale.exists()
    assert git(git_registry.parent, "status", "--porcelain") == ""


FIELDS = ["proeftuin=Bibliotheek Venlo", "results=Een prototype.", "lessons=Vroeg testen.",
          "effect_measurement=Enquête.", "contact.name=Sam", "summary=Nieuw.",
          "title=Cockpit impact", "created=2021-03-01"]


@pytest.mark.parametrize("no_commit", [False, True])
def test_eight_sets_on_one_project_at_once_run_one_after_another(git_registry: Path,
                                                                 no_commit: bool) -> None:
    repo = git_registry.parent
    head = git(repo, "rev-parse", "HEAD").strip()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "innovatiebieb", "project", "set", "impact-cockpit", pair,
         "--registry", str(git_registry), *(["--no-commit"] if no_commit else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for pair in FIELDS]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(FIELDS), outputs
    data = parse_text((git_registry / "projects" / "impact-cockpit.yaml"
                       ).read_text(encoding="utf-8")).data
    assert {k: data[k] for k in ("proeftuin", "results", "lessons", "effect_measurement",
                                 "summary", "title")} == {
        "proeftuin": "Bibliotheek Venlo", "results": "Een prototype.",
        "lessons": "Vroeg testen.", "effect_measurement": "Enquête.", "summary": "Nieuw.",
        "title": "Cockpit impact"}  # none lost
    assert data["contact"]["name"] == "Sam" and str(data["created"]) == "2021-03-01"
    commits = git(repo, "rev-list", f"{head}..HEAD").split()
    assert len(commits) == (0 if no_commit else len(FIELDS))
    if not no_commit:
        assert git(repo, "status", "--porcelain") == ""
    assert run_bieb("validate", "--registry", str(git_registry)).returncode == 0


@needs_proc
def test_sigterm_while_waiting_for_the_lock_ends_cleanly(git_registry: Path) -> None:
    from filelock import FileLock

    repo = git_registry.parent
    lock = repo / ".git" / "bieb.lock"
    before = repo_state(repo)
    with FileLock(lock):  # another bieb is busy
        proc = subprocess.Popen(
            [sys.executable, "-m", "innovatiebieb", "project", "set", "impact-cockpit",
             "summary=Nieuw.", "--registry", str(git_registry)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        fds = Path(f"/proc/{proc.pid}/fd")
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not any(
                _points_at(fd, lock) for fd in _entries(fds)):
            time.sleep(0.05)
        # bieb has the lock file open: its handlers are set, whether it waits yet or not.
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Aborted" not in err and "internal error" not in err
    assert repo_state(repo) == before


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _points_at(fd: Path, target: Path) -> bool:
    try:
        return fd.readlink() == target
    except OSError:
        return False


@needs_proc
@pytest.mark.parametrize("command", [["validate"], ["site", "build", "--no-search"]])
def test_ctrl_c_while_workers_check_stops_every_process_quietly(
        tmp_path: Path, command: list[str]) -> None:
    """A terminal's Ctrl-C reaches the whole process group, workers included: bieb
    stops with 130 and one short message, not a traceback from each worker."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    registry = tmp_path / "registry"
    generate(1000, registry)  # above bulkread.PARALLEL_FROM: checked in workers
    extra = ["--out", str(tmp_path / "site")] if command[0] == "site" else []
    bieb = subprocess.Popen([sys.executable, "-m", "innovatiebieb", *command, "--registry",
                             str(registry), *extra], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    children = Path(f"/proc/{bieb.pid}/task/{bieb.pid}/children")
    while bieb.poll() is None and len(children.read_text().split()) < 2:
        time.sleep(0.01)  # until the workers run: the moment a user presses Ctrl-C
    assert bieb.poll() is None, "bieb ended before its workers started"
    os.killpg(bieb.pid, signal.SIGINT)
    _, err = bieb.communicate(timeout=60)
    assert bieb.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
