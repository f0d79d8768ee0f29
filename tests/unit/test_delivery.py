"""Pull-request branch names and the links that open a pull (merge) request."""

from __future__ import annotations

import pytest

from innovatiebieb.change.delivery import branch_name, pull_request_link

B = "bieb/mo-derator/leesleen-app-voor-scholen"
GITHUB = f"https://github.com/bibliotheken/register/compare/main...{B}?expand=1"
GITLAB = (f"https://gitlab.com/kb/innovatie/register/-/merge_requests/new"
          f"?merge_request[source_branch]={B}")


@pytest.mark.parametrize(("url", "link"), [
    ("git@github.com:bibliotheken/register.git", GITHUB),
    ("ssh://git@github.com/bibliotheken/register.git", GITHUB),
    ("https://github.com/bibliotheken/register.git", GITHUB),
    ("https://github.com/bibliotheken/register", GITHUB),
    ("https://mo@github.com/bibliotheken/register/", GITHUB),
    ("git@gitlab.com:kb/innovatie/register.git", GITLAB),
    ("ssh://git@gitlab.com:22/kb/innovatie/register.git", GITLAB),
    ("https://gitlab.com/kb/innovatie/register.git", GITLAB),
    ("https://gitlab.kb.nl/innovatie/register.git",
     f"https://gitlab.kb.nl/innovatie/register/-/merge_requests/new"
     f"?merge_request[source_branch]={B}"),
    ("https://git.example.org/innovatie/register.git", None),  # another host
    ("git@codeberg.org:kb/register.git", None),
    ("file:///srv/git/register.git", None),
    ("/srv/git/register.git", None),
])
def test_links_from_ssh_and_https_remotes(url: str, link: str | None) -> None:
    assert pull_request_link(url, "main", B) == link


def test_branch_names_say_who_and_which_records() -> None:
    assert branch_name("Mo Derator", ["leesleen-app-voor-scholen"]) == B
    assert branch_name("Willy Blom - van 't Land", ["a", "b", "c"]) == \
        "bieb/willy-blom-van-t-land/a-en-2-meer"
    assert branch_name("Émile", []) == "bieb/mile/wijzigingen"
    assert len(branch_name("Mo", ["x" * 64, "y"])) <= 80
