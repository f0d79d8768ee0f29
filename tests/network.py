"""A shared registry for sync tests: a bare repository as the remote (file:// URL) and
clones of it, each with its own moderator, all with the real git CLI.

The registry sits in `registry/` (LAYOUTS[0]) or at the top of the repository
(LAYOUTS[1]), as a network whose repository holds nothing else has it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import add_deciders
from tests.helpers import git

BUNDLED = Path(__file__).resolve().parent.parent / "registry"
PEOPLE = {"a": ("Mo Derator", "mo@poi.example.nl"), "b": ("Anna Jansen", "anna@fers.example.nl"),
          "host": ("Git Host", "host@example.org")}
# The network's moderators decide, so its registry knows them: conftest's deciders
# (Mo Derator, clone a, sits on the Innovatieraad with Fenna Fers) and Anna Jansen,
# clone b, who moderates a themagroep; a triage of hers names a raad member with --by.
LAYOUTS = ("registry/", "")
NETWORK_MODERATOR = ("themagroepen/basisvaardigheden.yaml", "moderators:\n"
                     "  - name: Anna Jansen\n    organisation: fers\n"
                     "    email: anna@fers.example.nl\n")


@dataclass
class Network:
    remote: Path
    url: str
    clones: dict[str, Path]
    prefix: str = LAYOUTS[0]  # where the registry sits in the repository

    def registry(self, name: str) -> Path:
        return self.clones[name] / self.prefix

    def path(self, inside: str) -> str:
        """A registry file's path in the repository ("projects/x.yaml")."""
        return self.prefix + inside

    def remote_head(self, branch: str = "main") -> str:
        return git(self.remote, "rev-parse", f"refs/heads/{branch}").strip()

    def remote_file(self, path: str, branch: str = "main") -> str:
        return git(self.remote, "show", f"{branch}:{path}")

    def clone(self, name: str) -> Path:
        where = self.remote.parent / name
        git(self.remote.parent, "clone", "--quiet", self.url, name)
        who, mail = PEOPLE.get(name, ("Someone Else", "else@example.org"))
        git(where, "config", "user.name", who)
        git(where, "config", "user.email", mail)
        self.clones[name] = where
        return where


def make_network(tmp: Path, *, changes: str = "pull-request", clones: tuple[str, ...] = ("a", "b"),
                 prefix: str = LAYOUTS[0]) -> Network:
    remote = tmp / "remote.git"
    git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    seed = tmp / "seed"
    shutil.copytree(BUNDLED, seed / prefix)
    info = seed / prefix / "registry.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace(
        "\nchanges: pull-request\n", f"\nchanges: {changes}\n"), encoding="utf-8")
    add_deciders(seed / prefix)
    name, text = NETWORK_MODERATOR
    with (seed / prefix / name).open("a", encoding="utf-8") as f:
        f.write(text)
    git(seed, "init", "--quiet", "--initial-branch=main")
    git(seed, "add", "--all")
    git(seed, "-c", "user.name=Seed", "-c", "user.email=seed@example.org", "commit", "--quiet",
        "-m", "the network's registry")
    url = remote.as_uri()
    git(seed, "push", "--quiet", url, "main")
    network = Network(remote, url, {}, prefix)
    for name in clones:
        network.clone(name)
    return network
