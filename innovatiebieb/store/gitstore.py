"""The only module that imports git: check the repository, lock it, commit given paths.

Writes go through the git CLI (`repo.git.*`), never GitPython's own index:
that ignores .gitattributes and hooks. Every value is passed after `--` or as
the argument of an option, so nothing from a file or an option can become a
git option.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.model.errors import BiebError
from innovatiebieb.store import lockfile, signals

# Without a git executable GitPython refuses to import; bieb's read-only
# commands must still work, so the failure is reported when git is used.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git  # noqa: E402
from git.exc import GitCommandError, GitCommandNotFound, GitError  # noqa: E402


class GitStateError(BiebError):
    """The repository is in a state bieb must not commit in."""


class CommitFailed(BiebError):
    """git refused the commit (a hook, most often); the files were restored."""


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


def open_store(path: Path) -> GitStore | None:
    """The git work tree holding `path`, or None outside any work tree."""
    try:
        repo = git.Repo(path, search_parent_directories=True)
        if repo.bare:
            return None
        return GitStore(repo)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    except GitCommandNotFound as e:
        raise _not_installed() from e


class GitStore:
    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.top = Path(repo.working_tree_dir or ".").resolve()
        self.git_dir = Path(repo.git_dir).resolve()
        self.common_dir = Path(repo.common_dir).resolve()

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run one git command in this work tree; its output (a BiebError on failure)."""
        return self._git(*args, env=env)

    def run_bytes(self, *args: str, stdin: bytes | None = None,
                  env: dict[str, str] | None = None) -> bytes:
        """Run one git command with `stdin` as its input; its output exactly as git wrote
        it (a file's bytes: nothing decoded, no final newline taken off)."""
        with tempfile.TemporaryFile() as given:
            given.write(stdin or b"")
            given.seek(0)
            try:
                out = self.repo.git.execute(["git", *args], env=env,
                                            istream=given if stdin is not None else None,
                                            stdout_as_string=False,
                                            strip_newline_in_stdout=False)
            except GitCommandNotFound as e:
                raise _not_installed() from e
            except GitCommandError as e:
                raise _explain(e) from e
        return out if isinstance(out, bytes) else str(out).encode("utf-8", "surrogateescape")

    def _git(self, *args: str, env: dict[str, str] | None = None) -> str:
        try:
            return str(self.repo.git.execute(["git", *args], env=env))
        except GitCommandNotFound as e:
            raise _not_installed() from e
        except GitCommandError as e:
            raise _explain(e) from e

    def resolve_ref(self, ref: str) -> str:
        """The commit `ref` names; a clear error if it names none."""
        if ref.startswith("-"):
            raise GitStateError(f"'{ref}' is not a git revision")
        try:
            return str(self.repo.git.execute(["git", "rev-parse", "--verify", "--quiet",
                                              f"{ref}^{{commit}}"]))
        except GitCommandNotFound as e:
            raise _not_installed() from e
        except GitCommandError as e:
            raise GitStateError(f"'{ref}' names no commit in this repository",
                                "Fetch it first (git fetch origin main) or pass an existing "
                                "branch, tag or commit.") from e

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.top).as_posix()

    def prefix(self, folder: Path) -> str:
        """`folder` as the start of the paths git lists: "registry/", or "" when it is
        the top of the work tree (where relative() says "." and "./" matches nothing)."""
        rel = self.relative(folder)
        return "" if rel == "." else f"{rel}/"

    def identity(self) -> Identity | None:
        """The user's git identity, from the environment or git config; None if unset."""
        values = []
        for env, key in (("GIT_AUTHOR_NAME", "user.name"), ("GIT_AUTHOR_EMAIL", "user.email")):
            value = os.environ.get(env)
            if not value:
                try:
                    value = self.repo.git.config("--get", key).strip()
                except GitCommandNotFound as e:
                    raise _not_installed() from e
                except GitCommandError:  # not set
                    value = ""
            values.append(value)
        return Identity(*values) if all(values) else None

    def check_ready(self, paths: Sequence[Path]) -> None:
        """Refuse (changing nothing) when committing `paths` now would be wrong."""
        reasons = self._state_reasons()
        if self.identity() is None:
            reasons.append(("no git identity is configured",
                            "Set it: git config --global user.name 'Your Name' && "
                            "git config --global user.email you@example.org"))
        rel = [self.relative(p) for p in paths]
        # -z: a name as it is, not quoted ("caf\303\251.yaml")
        dirty = self._git("--no-optional-locks", "--literal-pathspecs", "status", "--porcelain",
                          "-z", "--no-renames", "--untracked-files=all", "--", *rel)
        for entry in (e for e in dirty.split("\0") if e):
            reasons.append((f"{entry[3:]} has uncommitted changes of its own",
                            "Commit or stash them first (git stash), then run bieb again."))
        if reasons:
            message = "; ".join(r for r, _ in reasons)
            hint = " ".join(dict.fromkeys(h for _, h in reasons))
            raise GitStateError(f"cannot commit: {message}", hint)

    def _state_reasons(self) -> list[tuple[str, str]]:
        reasons = []
        states = [
            ("MERGE_HEAD", "a merge is in progress", "Finish it (git commit) or abort it "
             "(git merge --abort)."),
            ("rebase-merge", "a rebase is in progress", "Finish it (git rebase --continue) or "
             "abort it (git rebase --abort)."),
            ("rebase-apply", "a rebase is in progress", "Finish it (git rebase --continue) or "
             "abort it (git rebase --abort)."),
            ("CHERRY_PICK_HEAD", "a cherry-pick is in progress", "Finish or abort it."),
            ("REVERT_HEAD", "a revert is in progress", "Finish or abort it."),
            ("index.lock", "another git process holds .git/index.lock",
             "Wait for it to finish; if none runs, remove .git/index.lock."),
        ]
        for name, reason, hint in states:
            if (self.git_dir / name).exists():
                reasons.append((reason, hint))
        try:
            detached = self.repo.head.is_detached
        except (TypeError, ValueError):
            detached = False
        if detached:
            reasons.append(("HEAD is detached", "Check out a branch first (git switch main)."))
        return reasons

    @property
    def lock_path(self) -> Path:
        """bieb's lock, under the git directory (shared by a clone's worktrees)."""
        return self.common_dir / "bieb.lock"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Serialise bieb runs on this clone."""
        with lockfile.hold(self.lock_path):
            yield

    def commit(self, paths: Sequence[Path], new_paths: Sequence[Path], subject: str,
               body: str) -> str:
        """Commit exactly `paths` with the user's identity; `new_paths` (among them) are
        files git does not know yet. Returns the commit id.

        git runs to its end even when a signal arrives meanwhile (it is raised
        after): only then does HEAD say whether the commit was made.
        """
        rel = [self.relative(p) for p in paths]
        new = [self.relative(p) for p in new_paths]
        before = self.head()
        # The message goes through a file: as an argument, a long one (a 200 KB
        # summary) exceeds the system's limit on a command line (E2BIG).
        fd, message = tempfile.mkstemp(dir=self.git_dir, prefix="BIEB_COMMIT_MSG.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(subject + (f"\n\n{body}" if body else "") + "\n")
            with signals.deferred():
                if before is None or not self._commit_staged(rel, before, message):
                    self._commit_only(rel, new, before, message)
        finally:
            Path(message).unlink(missing_ok=True)
        return self.head() or ""

    def _commit_staged(self, rel: list[str], before: str, message: str) -> bool:
        """Stage `rel` and commit the index, when nothing else is staged; False (nothing
        committed, the index as it was) when something is, or comes to be meanwhile.

        `git commit --only -- paths` builds its own index from HEAD, walking every
        entry of a changed path's folder: 0.2 s for a new project beside 10,000.
        Committing the index is the same commit when it holds nothing but `rel`.
        """
        # A submodule's staged change counts too, whatever its `ignore` setting says.
        if self._git("diff", "--cached", "--ignore-submodules=none", "--name-only", "-z",
                     "--no-renames"):
            return False  # the user's staged work stays staged, out of this commit
        # `git add` passes over a file marked assume-unchanged or skip-worktree.
        flags = self._git("ls-files", "-v", "-z", "--", *rel)
        if any(not entry.startswith("H ") for entry in flags.split("\0") if entry):
            return False
        try:
            self._git("add", "--all", "--", *rel)
        except GitStateError:  # a tracked file in an ignored folder, which add refuses
            with contextlib.suppress(GitError):  # GitPython's: whatever the reset meets
                self.repo.git.execute(["git", "reset", "--quiet", "--", *rel])
            return False
        try:
            self._git("commit", "--quiet", "--cleanup=whitespace", "--file", message)
        except BaseException:
            if self.head() == before:  # no commit: the index as it was
                self.repo.git.execute(["git", "reset", "--quiet", "--", *rel])
            raise
        committed = self._git("diff-tree", "-r", "--ignore-submodules=none", "--no-commit-id",
                              "--name-only", "-z", "--no-renames", "HEAD")
        if set(filter(None, committed.split("\0"))) <= set(rel):
            return True
        # Someone staged more between the check and the commit: take the commit back,
        # keeping their staged work and ours in the index, and commit ours alone.
        self._git("reset", "--quiet", "--soft", before)
        self._git("reset", "--quiet", "--", *rel)
        return False

    def _commit_only(self, rel: list[str], new: list[str], before: str | None,
                     message: str) -> None:
        """Commit exactly `rel` from the work tree, whatever else the index holds."""
        try:
            if new:
                self._git("add", "--", *new)
            self._git("commit", "--only", "--quiet", "--cleanup=whitespace",
                      "--file", message, "--", *rel)
        except BaseException:
            if new and self.head() == before:  # no commit: take the new files out
                self.repo.git.execute(["git", "rm", "--cached", "--quiet", "--force",
                                       "--ignore-unmatch", "--", *new])
            raise

    def head(self) -> str | None:
        """The commit HEAD names (read from the refs, no git process); None before the
        first commit."""
        try:
            return self.repo.head.commit.hexsha
        except ValueError:
            return None


def _not_installed() -> GitStateError:
    return GitStateError("git is not installed or not on PATH",
                         "Install git, or use --no-commit to write without committing.")


def _explain(e: GitCommandError) -> BiebError:
    stderr = (e.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
    if "dubious ownership" in stderr:
        return GitStateError("git refuses this repository: it belongs to another user",
                             "If you trust it: git config --global --add safe.directory "
                             "<the repository's path>")
    command = e.command[1] if isinstance(e.command, list) and len(e.command) > 1 else "git"
    if command == "push":  # --porcelain says each ref's verdict ("[rejected]") on stdout
        said = (e.stdout or "").strip().removeprefix("stdout:").strip().strip("'").strip()
        stderr = "\n".join(part for part in (stderr, said) if part)
    if command == "commit":
        return CommitFailed(f"git commit failed; nothing was committed:\n{stderr}",
                            "Fix what git (or its hook) reports above, then run bieb again.")
    return GitStateError(f"git {command} failed: {stderr}", None)


__all__ = ["CommitFailed", "GitError", "GitStateError", "GitStore", "Identity", "open_store"]


@dataclass(frozen=True)
class FileStatus:
    status: str  # A, M or D, as git diff says it
    path: Path


def changes_since(store: GitStore, base: str, folder: Path) -> list[FileStatus]:
    """Files under `folder` added, modified or deleted since `base` (work tree included)."""
    rel = store.relative(folder)
    store.resolve_ref(base)
    # -z: names as they are (without it git quotes a name with non-ASCII letters,
    # "registry/projecten/caf\303\251.yaml", and the path matches no file).
    listed = store._git("diff", "--no-renames", "--name-status", "-z", base, "--", rel)
    fields = listed.split("\0")
    found = [FileStatus(status[:1], store.top / name)
             for status, name in zip(fields[0::2], fields[1::2], strict=False) if status]
    untracked = store._git("ls-files", "-z", "--others", "--exclude-standard", "--", rel)
    found += [FileStatus("A", store.top / name) for name in untracked.split("\0") if name]
    return found


def read_at(store: GitStore, base: str, paths: Sequence[Path]) -> dict[Path, str]:
    """The text of each path as it was at `base` (read from git; the work tree is untouched)."""
    texts: dict[Path, str] = {}
    for path in paths:
        blob = store._git("show", f"{base}:{store.relative(path)}")
        texts[path] = blob + "\n" if not blob.endswith("\n") else blob
    return texts


@dataclass(frozen=True)
class Revision:
    """One commit that changed a file, with the file's text after it ("" if deleted)."""

    commit: str
    author: str
    email: str
    date: str  # ISO 8601, the author's date
    subject: str
    body: str
    path: str  # the file's path in that commit (it may have been renamed since)
    text: str


_HASH = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?\Z")
_LOG_FIELDS = 6  # %H %an %ae %aI %s %b


def _text(out: str) -> str:
    """git's output as proper text: bytes that are not UTF-8 (a commit message in
    Latin-1) become U+FFFD instead of surrogates that no output could print."""
    return out.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_history(store: GitStore, path: Path) -> list[Revision]:
    """Every commit that changed `path`, newest first, following renames; made by
    bieb or by hand alike.

    Fields are separated by NUL (`-z`, `%x00`): the one byte no commit message,
    name or path can hold, so no text in a commit can break the parsing.
    """
    listed = _text(store._git("log", "--follow", "-z", "--name-only",
                              "--format=%H%x00%an%x00%ae%x00%aI%x00%s%x00%b%x00",
                              "--", store.relative(path)))
    tokens = listed.split("\0")
    revisions = []
    i = 0
    while i + _LOG_FIELDS <= len(tokens) and tokens[i]:
        commit, author, email, date, subject, body = tokens[i:i + _LOG_FIELDS]
        if not _HASH.match(commit):
            raise GitStateError(f"cannot read the history of {store.relative(path)}: "
                                "git log gave unexpected output")
        i += _LOG_FIELDS
        while i < len(tokens) and tokens[i] == "":
            i += 1
        name = store.relative(path)
        if i < len(tokens) and tokens[i].startswith("\n"):  # the file's name in this commit
            name = tokens[i][1:]
            i += 1
        try:
            text = _text(store._git("show", f"{commit}:{name}"))
        except GitStateError:  # the commit deleted the file
            text = ""
        revisions.append(Revision(commit, author, email, date, subject, body.strip(), name,
                                  text))
    return revisions


def uncommitted(store: GitStore, path: Path) -> bool:
    """Whether the file differs from what HEAD holds (or is not in git at all)."""
    return bool(store._git("--no-optional-locks", "status", "--porcelain",
                           "--untracked-files=all", "--", store.relative(path)).strip())


def merge_lines(base: bytes, mine: bytes, theirs: bytes) -> bytes | None:
    """git's own line merge of three versions of a file (bytes as they are: line ends,
    no final newline); None when lines clash or git cannot merge them (binary)."""
    with tempfile.TemporaryDirectory(prefix="bieb-merge-") as tmp:
        names = []
        for side, data in (("mine", mine), ("base", base), ("theirs", theirs)):
            (Path(tmp) / side).write_bytes(data)
            names.append(str(Path(tmp) / side))
        try:
            out = git.Git(tmp).execute(["git", "merge-file", "-p", "--quiet", "--", *names],
                                       stdout_as_string=False, strip_newline_in_stdout=False)
        except GitCommandNotFound as e:
            raise _not_installed() from e
        except GitCommandError:
            return None  # the number of conflicts, or -1: binary, or too large
        return out if isinstance(out, bytes) else None


def line_merge(mine: Path, base: Path, theirs: Path, name: str) -> bool:
    """git's own line merge of three files into `mine` (conflict markers where they
    clash), for when a record cannot be merged field by field. True when clean."""
    try:
        git.Git(str(mine.parent)).execute(
            ["git", "merge-file", "-L", f"{name} (ours)", "-L", f"{name} (base)",
             "-L", f"{name} (theirs)", "--", str(mine), str(base), str(theirs)])
        return True
    except GitCommandNotFound as e:
        raise _not_installed() from e
    except GitCommandError as e:
        if isinstance(e.status, int) and 0 < e.status < 128:  # the number of conflicts
            return False
        raise _explain(e) from e
