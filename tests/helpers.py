"""Helpers shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
