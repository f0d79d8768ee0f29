"""In a terminal, `bieb idea add` asks for what is missing, offering the registry's choices."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import git


def _read_until(fd: int, text: str, seen: list[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in "".join(seen):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no prompt {text!r}; the terminal showed:\n{''.join(seen)}")
        seen.append(os.read(fd, 4096).decode("utf-8", "replace"))


def test_idea_add_asks_in_a_terminal(git_registry: Path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "innovatiebieb", "idea", "add", "--registry", str(git_registry)],
        stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "dumb"})
    os.close(slave)
    seen: list[str] = []
    answers = [
        ("Title", "Voorleesuur in de wijk"),
        ("Summary", "Voorlezen voor peuters en hun ouders."),
        ("Owner organisation", "bibliotheek-venlo"),
        ("Themagroepen (", "doorgaande-leeslijn"),
        ("Opgaven (", "geletterde-samenleving"),
        ("Contact name", "Sam"),
        ("Contact e-mail", "sam@bibliotheek.example.nl"),
    ]
    try:
        for prompt, answer in answers:
            _read_until(master, prompt, seen)
            if prompt == "Themagroepen (":
                _read_until(master, "werkplaats", seen)  # the registry's own choices
            os.write(master, answer.encode() + b"\r")
        assert proc.wait(timeout=60) == 0, "".join(seen)
    finally:
        proc.kill()
        os.close(master)
    text = (git_registry / "projects" / "voorleesuur-in-de-wijk.yaml").read_text(encoding="utf-8")
    assert "owner: bibliotheek-venlo\n" in text
    assert "themes: [doorgaande-leeslijn]\n" in text
    assert "opgaven: [geletterde-samenleving]\n" in text
    assert "contact:\n  name: Sam\n  email: sam@bibliotheek.example.nl\n" in text
    assert git(git_registry.parent, "log", "-1", "--format=%s") == \
        "idee: Voorleesuur in de wijk (voorleesuur-in-de-wijk)\n"
