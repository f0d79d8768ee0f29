"""Time `bieb sync` on a clone 200 commits behind a 10,000-project registry.

    python benchmarks/sync.py [--projects 10000] [--behind 200] [--runs 5]

A bare repository (file:// URL) is the shared remote; another clone pushes
`--behind` commits to it (each changing one project, as a day of other
moderators would), and the timed clone holds one bieb commit of its own (a
triage) to replay on top and deliver as a pull-request branch. Before each run
the clone is put back exactly: 200 behind, 1 ahead, no pull-request branch.
The fetch and the push go to a repository on the same disk, so the figure is
bieb's own work plus git's local transfer: "besides the network".
The fetch and the push bieb runs are also timed apart, as plain git commands in
the same state, and taken off: what is left is bieb's own time.
Prints one Markdown row: the whole `bieb sync` (median, min-max over the runs),
git's fetch + push, and bieb's own time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env=ENV).stdout.strip()


def prepare(root: Path, projects: int, behind: int) -> tuple[Path, Path, str, str]:
    """The remote, the timed clone, its local commit and the upstream it lags behind."""
    remote, seed, me = root / "remote.git", root / "seed", root / "me"
    if not (me / ".git").exists():
        root.mkdir(parents=True, exist_ok=True)
        generate(projects, seed / "registry")
        git(seed, "init", "--quiet", "--initial-branch=main")
        git(seed, "add", "--all")
        git(seed, "commit", "--quiet", "-m", "registry")
        git(root, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
        git(seed, "push", "--quiet", remote.as_uri(), "main")
        git(root, "clone", "--quiet", remote.as_uri(), str(me))
        git(me, "config", "user.name", "Mo Derator")
        git(me, "config", "user.email", "mo@poi.example.nl")
        # one commit of the moderator's own: a project's title set (the generated
        # projects already carry their triage)
        path = me / "registry" / "projects" / "project-00004.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = ["title: Een nieuwe titel\n" if line.startswith("title: ") else line
                 for line in lines]
        path.write_text("".join(lines), encoding="utf-8")
        git(me, "commit", "--quiet", "-am", "project project-00004: set title")
        # other moderators: `behind` commits, each changing one project's title
        for k in range(behind):
            name = seed / "registry" / "projects" / f"project-{(k * 37) % projects:05d}.yaml"
            lines = name.read_text(encoding="utf-8").splitlines(keepends=True)
            lines = [f"title: Nieuwe titel {k}\n" if line.startswith("title: ") else line
                     for line in lines]
            name.write_text("".join(lines), encoding="utf-8")
            git(seed, "commit", "--quiet", "-am", f"project: set title ({k})")
        git(seed, "push", "--quiet", remote.as_uri(), "main")
        # the state each run starts from: this clone's commit, and where it branched off
        (root / "start").write_text(git(me, "rev-parse", "HEAD") + " "
                                    + git(me, "rev-parse", "origin/main"), encoding="utf-8")
    local, base = (root / "start").read_text(encoding="utf-8").split()
    return remote, me, local, base


def reset(remote: Path, me: Path, local: str, base: str) -> None:
    git(me, "reset", "--quiet", "--hard", local)
    git(me, "update-ref", "refs/remotes/origin/main", base)
    for ref in git(me, "for-each-ref", "--format=%(refname)", "refs/remotes/origin/bieb").split():
        git(me, "update-ref", "-d", ref)
    for ref in git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/bieb").split():
        git(remote, "update-ref", "-d", ref)
    subprocess.run(["git", "config", "--unset", "branch.main.biebPullRequest"], cwd=me,
                   capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--behind", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=HERE / "generated" / "sync")
    args = parser.parse_args()
    remote, me, local, base = prepare(args.dir, args.projects, args.behind)
    bieb = [sys.executable, "-m", "innovatiebieb", "sync"]
    total, transfer = [], []
    for _ in range(args.runs):
        # the network part, timed apart in the same state: the fetch and the push bieb runs
        reset(remote, me, local, base)
        fetch = _timed(lambda: git(me, "fetch", "--quiet", "--prune", "origin"))
        reset(remote, me, local, base)
        assert git(remote, "rev-list", "--count", f"{base}..main") == str(args.behind)
        start = time.perf_counter()
        done = subprocess.run(bieb, cwd=me, capture_output=True, text=True, env=ENV)
        total.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"bieb sync failed:\n{done.stderr}")
        assert git(me, "rev-list", "--count", "HEAD..origin/main") == "0", "not up to date"
        push = _timed(lambda: git(me, "push", "--quiet", "origin", "HEAD:refs/heads/bench"))
        git(remote, "update-ref", "-d", "refs/heads/bench")
        transfer.append(fetch + push)
    own = [t - n for t, n in zip(total, transfer, strict=True)]
    print(f"| `bieb sync`, {args.projects:,} projects, {args.behind} commits behind, 1 local "
          f"commit, pull-request branch | {statistics.median(total):.2f} s "
          f"({min(total):.2f}-{max(total):.2f}) | {statistics.median(transfer):.2f} s | "
          f"{statistics.median(own):.2f} s ({min(own):.2f}-{max(own):.2f}) |")


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
