"""Where a sync's commits go: the pull-request branch's name and the link that opens it.

Pure functions of names and URLs: no git, no network.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_BRANCH = 80

_SCP = re.compile(r"^(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>[^/].*)$")  # git@host:org/repo


def slug(text: str) -> str:
    """Lowercase letters, digits and single hyphens (a branch name's part)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "moderator"


def branch_name(moderator: str, records: list[str]) -> str:
    """`bieb/<moderator>/<first record>[-en-N-meer]`: readable in the host's branch list."""
    first = records[0] if records else "wijzigingen"
    more = f"-en-{len(records) - 1}-meer" if len(records) > 1 else ""
    head = f"bieb/{slug(moderator)}/"
    room = MAX_BRANCH - len(head) - len(more)
    return head + first[:room].rstrip("-") + more


def host_and_path(url: str) -> tuple[str, str] | None:
    """(host, owner/repo) of an ssh, scp-like or http(s) remote URL; None for a local one."""
    if "://" in url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ssh", "git") or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
    elif m := _SCP.match(url):
        host, path = m["host"], m["path"]
    else:
        return None
    path = path.strip("/").removesuffix(".git")
    return (host.lower(), path) if path else None


def pull_request_link(url: str, target: str, branch: str) -> str | None:
    """The page that opens a pull (merge) request from `branch` into `target`, for a
    GitHub or GitLab remote; None for another host."""
    found = host_and_path(url)
    if found is None:
        return None
    host, path = found
    if host == "github.com" or host.startswith("github."):
        return f"https://{host}/{path}/compare/{target}...{branch}?expand=1"
    if "gitlab" in host:
        return f"https://{host}/{path}/-/merge_requests/new?merge_request[source_branch]={branch}"
    return None
