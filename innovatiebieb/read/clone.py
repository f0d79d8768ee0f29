"""What a clone holds that the network has not seen (`bieb status`), and whether it is
ready for shared work (`bieb doctor`). Reads git and the registry; no network: the
remote is known as of the last fetch (bieb sync fetches)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from innovatiebieb.model.errors import BiebError
from innovatiebieb.store import gitsync
from innovatiebieb.store.gitstore import GitStore, open_store
from innovatiebieb.store.location import display
from innovatiebieb.store.mergedriver import DRIVER_KEY, declared, driver_command


@dataclass
class CloneStatus:
    upstream: str | None = None
    unsent: list[str] = field(default_factory=list)  # subjects of local commits
    behind: int = 0
    branch: str | None = None  # the open pull-request branch
    uncommitted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        said = []
        if self.uncommitted:
            said.append(f"{len(self.uncommitted)} changed files not committed yet (bieb commits "
                        "its own changes; commit hand edits with git commit):")
            said += [f"  {p}" for p in self.uncommitted]
        if self.upstream is None:
            said.append("this clone has no shared remote: nothing is sent anywhere")
        elif not self.unsent:
            said.append(f"the network ({self.upstream}) has every change of this clone")
        else:
            where = (f"waiting for review in pull-request branch {self.branch}" if self.branch
                     else "not sent yet: run bieb sync")
            said.append(f"{len(self.unsent)} changes the network has not seen yet ({where}):")
            said += [f"  {s}" for s in self.unsent]
        if self.behind:
            said.append(f"the network had {self.behind} changes this clone does not have yet "
                        "(at the last sync): run bieb sync")
        return said


def _store(root: Path) -> GitStore:
    store = open_store(root)
    if store is None:
        raise BiebError(f"{display(root)} is not inside a git clone",
                        "Clone the network's registry (git clone URL) and work there.")
    return store


def clone_status(root: Path) -> CloneStatus:
    store = _store(root)
    status = CloneStatus(uncommitted=gitsync.dirty_paths(store, root))
    try:
        branch = gitsync.current_branch(store)
        up = gitsync.upstream_of(store, branch)
    except BiebError:
        return status
    status.upstream = f"{up.remote}/{up.branch}"
    upstream, head = gitsync.rev(store, up.ref), store.head()
    if upstream is None or head is None:
        return status
    status.unsent = [c.subject for c in gitsync.commits(store, upstream, head)]
    status.behind = gitsync.ahead_behind(store, head, upstream)[1]
    status.branch = gitsync.config(store, f"branch.{branch}.biebPullRequest")
    return status


@dataclass(frozen=True)
class Check:
    what: str
    ok: bool
    fix: str | None = None


@dataclass
class Checklist:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _older(installed: str, required: str) -> bool:
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split(".")[:3] if p.isdigit())
    return parts(installed) < parts(required)


def doctor(root: Path) -> Checklist:
    """Every check of a clone ready for shared work, each failed one with its fix."""
    from innovatiebieb.check.validate import validate_registry

    store = _store(root)
    found = Checklist()
    add = found.checks.append
    who = store.identity()
    add(Check(f"git identity: {who.name} <{who.email}>" if who else "git identity is set",
              who is not None, "git config --global user.name 'Your Name' && "
              "git config --global user.email you@example.org"))
    status = clone_status(root)
    if status.upstream is None:
        add(Check("a shared remote to sync with", False, "git remote add origin URL"))
    else:
        add(Check(f"shared remote {status.upstream}: {len(status.unsent)} ahead, "
                  f"{status.behind} behind (at the last sync)", not status.behind,
                  "bieb sync"))
    add(Check("merge driver declared in .gitattributes", declared(root),
              "bieb setup (then commit the registry's .gitattributes)"))
    add(Check("merge driver registered in this clone",
              gitsync.config(store, DRIVER_KEY) == driver_command(), "bieb setup"))
    if (store.top / ".pre-commit-config.yaml").is_file():
        hook = store.common_dir / "hooks" / "pre-commit"
        add(Check("pre-commit hook installed", hook.is_file(), "pre-commit install"))
    report = validate_registry(root)
    add(Check(f"registry valid ({len(report.errors)} errors)", not report.errors,
              "bieb validate (it lists each problem with its fix)"))
    add(Check("no uncommitted changes in the registry", not status.uncommitted,
              "commit them (git commit) or put them aside (git stash)"))
    add(Check("every change sent to the network", not status.unsent or bool(status.branch),
              "bieb sync"))
    required = report.registry.info.requires if report.registry.info else None
    try:
        installed = version("innovatiebieb")
    except PackageNotFoundError:  # run from a source tree
        installed = "0"
    if required:
        add(Check(f"bieb {installed} is at least {required}, as registry.yaml requires",
                  not _older(installed, required), "pip install --upgrade innovatiebieb"))
    return found
