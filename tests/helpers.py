"""Helpers shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest


def run_bieb(*args: str, cwd: Path | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `bieb` in a subprocess, as a user would, and echo its output for failing tests."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "innovatiebieb", *args], cwd=cwd,
                            env=full_env, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    print(f"$ bieb {' '.join(args)}  (exit {result.returncode})")
    print(result.stdout)
    print(result.stderr, file=sys.stderr)
    return result


def git(cwd: Path, *args: str) -> str:
    """Run the real git CLI; its output."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def repo_state(repo: Path) -> tuple[str, str, dict[str, bytes]]:
    """HEAD, `git status`, and every file's bytes: what a refused command must not change."""
    files = {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*"))
             if p.is_file() and ".git" not in p.relative_to(repo).parts}
    return (git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), files)


def missing_tool(reason: str) -> NoReturn:
    """Skip a test whose third-party tool is not here; under CI (CI=true), fail instead.

    `make test` installs every such tool, so in CI a missing one is a broken install
    step, not a reason to let the check it makes go unseen.
    """
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run this check", pytrace=False)
    pytest.skip(reason)


def tree(repo: Path, rev: str) -> dict[str, tuple[str, bytes]]:
    """Every entry of a commit's tree: path -> (mode, the blob's bytes, or a gitlink's or
    symlink's target), read with the real git CLI, names exactly as stored (-z)."""
    listed = subprocess.run(["git", "ls-tree", "-r", "-z", rev], cwd=repo, check=True,
                            capture_output=True).stdout
    found = {}
    for entry in (e for e in listed.split(b"\0") if e):
        info, _, name = entry.partition(b"\t")
        mode, kind, sha = info.decode().split()
        data = sha.encode() if kind == "commit" else subprocess.run(
            ["git", "cat-file", "blob", sha], cwd=repo, check=True, capture_output=True).stdout
        found[os.fsdecode(name)] = (mode, data)
    return found


def running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie waiting for a reaper does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
