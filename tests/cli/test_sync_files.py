"""`bieb sync` carries every commit as git holds it: files of any name, bytes and mode,
messages of any text. A bare repository as the shared remote, clones of it, the real
git CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers import git, repo_state, run_bieb, tree
from tests.network import Network, make_network

# Names git quotes without -z (non-ASCII letters, quotes, a tab, a newline, bytes that
# are not UTF-8), a pattern's characters, spaces and a leading dash.
NAMES = ["docs/notulen-overleg-café.md", "docs/met spatie.md", 'docs/"aanhalingstekens".md',
         "docs/tab\there.md", "docs/regel\neinde.md", "docs/ster*[1]?.md",
         "-begint-met-streep.md", os.fsdecode(b"docs/caf\xe9-latin1.md")]
LINES = "een\ntwee\ndrie\nvier\nvijf\n"


def bieb(clone: Path, *args: str) -> str:
    result = run_bieb(*args, cwd=clone)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _commit_all(clone: Path, message: str) -> None:
    git(clone, "add", "--all")
    git(clone, "commit", "--quiet", "-m", message)


def _upstream_moves(net: Network) -> None:
    """Clone b sends a record change first, so a's commits are replayed onto it."""
    b = net.clones["b"]
    bieb(b, "project", "set", "impact-cockpit", "proeftuin=Fers")
    bieb(b, "sync")


def test_files_with_any_name_are_replayed_kept_and_merged(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    for name in NAMES:
        (a / name).parent.mkdir(exist_ok=True)
        (a / name).write_text(LINES, encoding="utf-8")
    _commit_all(a, "notulen")
    _upstream_moves(net)
    said = bieb(a, "sync")
    assert "left out" not in said and "sent 1 commit to main on origin" in said
    remote = tree(net.remote, "main")
    for name in NAMES:
        assert remote[name] == ("100644", LINES.encode()), name
        assert (a / name).read_text(encoding="utf-8") == LINES  # still on disk
    assert "proeftuin: Fers" in net.remote_file("registry/projects/impact-cockpit.yaml")
    assert git(a, "status", "--porcelain") == ""

    bieb(b, "sync")  # both change every file: the first line here, the last line there
    for clone, old, new in ((a, "een\n", "EEN\n"), (b, "vijf\n", "VIJF\n")):
        for name in NAMES:
            (clone / name).write_text(LINES.replace(old, new), encoding="utf-8")
        _commit_all(clone, f"notulen: {new.strip()}")
    bieb(a, "sync")
    bieb(b, "sync")
    remote = tree(net.remote, "main")
    for name in NAMES:
        assert remote[name][1] == b"EEN\ntwee\ndrie\nvier\nVIJF\n", name

    # the same line on both sides: a conflict naming the file; the clone stays as it was
    bieb(a, "sync")
    name = NAMES[0]
    for clone, line in ((a, "DRIE van Mo\n"), (b, "DRIE van Anna\n")):
        (clone / name).write_text((clone / name).read_text(encoding="utf-8").replace(
            "drie\n", line), encoding="utf-8")
        _commit_all(clone, "notulen: drie")
    bieb(a, "sync")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert (f"conflict: {name}: the file changed on both sides, in the same lines"
            in result.stderr)
    assert "upstream: (changed)   (Mo Derator, " in result.stderr
    assert f"bieb sync --prefer mine {name} (keep yours)" in result.stderr
    assert repo_state(b) == before
    bieb(b, "sync", "--prefer", "mine", name)  # named by its path, as the hint says
    assert "DRIE van Anna" in tree(net.remote, "main")[name][1].decode()


# Every class of character a message can hold (all but NUL, which git cannot): C0
# controls with ESC and git log's old separators \x1e \x1f, DEL, C1, bidi and
# zero-width, a line separator, a Latin-1 byte, blank lines and spaces around, no
# final newline, and nothing at all.
MESSAGES = [b"ctrl \x01\x02\x07\x08\x0b\x0c\r\x1b[31mrood\x1b[0m \x1e\x1f\x7f einde\n\n"
            b"body \x1f met \x1e scheiders\t\n",
            "C1 \u0085 \u009b bidi \u202e zero \u200b regel\u2028scheiding\n".encode(),
            b"latin-1 caf\xe9\n",
            b"\n\n  spaties en lege regels rondom  \n\n\n",
            b"geen regeleinde",
            b""]


def _message(repo: Path, commit: str) -> bytes:
    raw = subprocess.run(["git", "cat-file", "commit", commit], cwd=repo, check=True,
                         capture_output=True).stdout
    return raw.split(b"\n\n", 1)[1]


def test_commit_messages_of_any_text_are_replayed_byte_for_byte(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a = net.clones["a"]
    (a / "docs").mkdir()
    for i, message in enumerate(MESSAGES):
        (a / "docs" / f"m{i}.md").write_text(f"{i}\n", encoding="utf-8")
        (tmp_path / "message").write_bytes(message)
        git(a, "add", "--all")
        git(a, "commit", "--quiet", "--cleanup=verbatim", "--allow-empty-message", "--file",
            str(tmp_path / "message"))
    mine = git(a, "rev-list", "--reverse", "origin/main..main").split()
    written = [_message(a, c) for c in mine]  # git made the Latin-1 byte UTF-8 (é)
    assert written == [m.replace(b"\xe9", "é".encode()) for m in MESSAGES]
    status = run_bieb("status", cwd=a)
    assert status.returncode == 0 and "6 changes the network has not seen" in status.stdout
    _upstream_moves(net)
    result = run_bieb("sync", cwd=a)
    assert result.returncode == 0, result.stderr
    assert "sent 6 commits to main on origin" in result.stderr
    for shown in (status.stdout, result.stderr):
        assert not any(c in shown for c in "\x1b\x1e\x1f\x7f\x85\u202e\u200b")
    assert "rood\\u001b[0m" in result.stderr  # shown, as \u001b
    sent = git(net.remote, "rev-list", "--reverse", "main~6..main").split()
    assert [_message(net.remote, c) for c in sent] == written
    assert "proeftuin: Fers" in net.remote_file("registry/projects/impact-cockpit.yaml")


BINARY = bytes(range(256)) * 4  # NUL, bytes that are not UTF-8, CR and LF alone
SCRIPT = "#!/bin/sh\necho publiceer\n\n# en dan\necho klaar\n"


def _special_files(clone: Path) -> None:
    """An executable script, a binary file, a symlink, text without a final newline,
    with a trailing blank line and with CRLF, a submodule (gitlink) and a record
    without a final newline: all committed in one commit."""
    (clone / "tools").mkdir()
    (clone / "docs").mkdir(exist_ok=True)
    (clone / "tools" / "publiceer.sh").write_text(SCRIPT, encoding="utf-8")
    (clone / "tools" / "publiceer.sh").chmod(0o755)
    (clone / "tools" / "check.py").write_text("print('een')\nprint('twee')\n", encoding="utf-8")
    (clone / "docs" / "logo.png").write_bytes(BINARY)
    (clone / "docs" / "logo-link.png").symlink_to("logo.png")
    (clone / "docs" / "geen-eind.txt").write_bytes(b"geen regeleinde")
    (clone / "docs" / "lege-regel.txt").write_bytes(b"tekst\n\n")
    (clone / "docs" / "crlf.txt").write_bytes(b"een\r\ntwee\r\n")
    record = clone / "registry" / "projects" / "leesleen-app-po.yaml"
    record.write_bytes(record.read_bytes().rstrip(b"\n"))
    git(clone, "add", "--all")
    some_commit = git(clone, "rev-parse", "HEAD").strip()
    git(clone, "update-index", "--add", "--cacheinfo", f"160000,{some_commit},vendor/lib")
    (clone / "vendor" / "lib").mkdir(parents=True)  # a submodule not checked out
    git(clone, "commit", "--quiet", "-m", "bestanden van elke soort")


def test_modes_symlinks_submodules_and_bytes_arrive_unchanged(tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    _special_files(a)
    sent = tree(a, "HEAD")
    _upstream_moves(net)
    bieb(a, "sync")
    cockpit = "registry/projects/impact-cockpit.yaml"
    assert tree(net.remote, "main") == {**sent, cockpit: tree(b, "HEAD")[cockpit]}
    assert sent["tools/publiceer.sh"][0] == "100755" and sent["docs/logo-link.png"] == (
        "120000", b"logo.png") and sent["vendor/lib"][0] == "160000"
    assert os.access(a / "tools" / "publiceer.sh", os.X_OK)
    assert (a / "docs" / "logo-link.png").is_symlink()
    assert (a / "docs" / "geen-eind.txt").read_bytes() == b"geen regeleinde"
    assert git(a, "status", "--porcelain") == ""

    # both sides change them: by lines, the mode from the side that changed it
    bieb(b, "sync")
    (a / "tools" / "publiceer.sh").write_text(SCRIPT.replace("publiceer", "Publiceer"),
                                              encoding="utf-8")
    (a / "tools" / "check.py").chmod(0o755)
    (b / "tools" / "publiceer.sh").write_text(SCRIPT.replace("klaar", "Klaar"),
                                              encoding="utf-8")
    (b / "tools" / "check.py").write_text("print('een')\nprint('drie')\n", encoding="utf-8")
    (a / "docs" / "geen-eind.txt").write_bytes(b"EERSTE regel\ngeen regeleinde")
    (b / "docs" / "crlf.txt").write_bytes(b"een\r\ntwee\r\ndrie\r\n")
    for clone in (a, b):
        _commit_all(clone, "scripts")
    bieb(a, "sync")
    bieb(b, "sync")
    remote = tree(net.remote, "main")
    assert remote["tools/publiceer.sh"] == (
        "100755", b"#!/bin/sh\necho Publiceer\n\n# en dan\necho Klaar\n")
    assert remote["tools/check.py"] == ("100755", b"print('een')\nprint('drie')\n")
    assert remote["docs/geen-eind.txt"][1] == b"EERSTE regel\ngeen regeleinde"
    assert remote["docs/crlf.txt"][1] == b"een\r\ntwee\r\ndrie\r\n"
    assert os.access(b / "tools" / "check.py", os.X_OK)

    # a binary file or a symlink changed on both sides: a conflict, nothing changed
    bieb(a, "sync")
    for clone, marker in ((a, b"Mo"), (b, b"Anna")):
        (clone / "docs" / "logo.png").write_bytes(BINARY + marker)
        (clone / "docs" / "logo-link.png").unlink()
        (clone / "docs" / "logo-link.png").symlink_to(f"logo-{marker.decode()}.png")
        _commit_all(clone, "logo")
    bieb(a, "sync")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert "conflict: docs/logo.png: a binary file changed on both sides" in result.stderr
    assert ("conflict: docs/logo-link.png: a symbolic link or submodule changed on both sides"
            in result.stderr)
    assert repo_state(b) == before
    # settled by path, from the folder the files are in: the network's versions
    result = run_bieb("sync", "--prefer", "upstream", "logo.png", "logo-link.png",
                      cwd=b / "docs")
    assert result.returncode == 0, result.stderr
    assert tree(net.remote, "main")["docs/logo.png"][1] == BINARY + b"Mo"
    assert (b / "docs" / "logo-link.png").readlink() == Path("logo-Mo.png")
    assert (b / "docs" / "logo.png").read_bytes() == BINARY + b"Mo"
