"""A moderator's day with bieb: an idea in, decisions through the phases, one commit each."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import git, repo_state, run_bieb

IDEA = "leesclub-voor-jongeren-in-de-wijk"

EXPECTED_FINAL = """\
id: leesclub-voor-jongeren-in-de-wijk
title: Leesclub voor jongeren in de wijk
summary: Een maandelijkse leesclub voor jongeren in de wijk.
phase: experiment
status: gestopt
themes: [doorgaande-leeslijn]
opgaven: [geletterde-samenleving]
proeftuin: Bibliotheek Venlo
contact:
  name: Sam
  email: sam@bibliotheek.example.nl
goal:
  kinds: [effectiviteit]
  description: Meer jongeren lezen.
triage:
  decision: kansrijk
  date: 2026-11-02
  by: Mo Derator
  note: Past bij de opgave
  scores:
    haalbaarheid: 4
created: 2026-11-01
stop_reason: Geen budget
lessons: Eerder financiering zoeken
history:
  - date: 2026-11-02
    from: idee
    to: idee
    decision: triage
    by: Mo Derator
    note: 'kansrijk: Past bij de opgave'
  - date: 2026-11-03
    from: idee
    to: experiment
    decision: door
    by: Mo Derator
    note: Experiment in Venlo
  - date: 2026-11-04
    from: experiment
    to: experiment
    decision: herhalen
    by: Mo Derator
    note: Nog een ronde
  - date: 2026-11-05
    from: experiment
    to: experiment
    decision: aanhouden
    by: Mo Derator
    note: Wacht op subsidie
  - date: 2026-11-06
    from: experiment
    to: experiment
    decision: hervatten
    by: Mo Derator
  - date: 2026-11-07
    from: experiment
    to: experiment
    decision: stoppen
    by: Mo Derator
    note: Geen budget
"""


def _bieb(registry: Path, *args: str) -> int:
    return run_bieb(*args, "--registry", str(registry)).returncode


def test_an_idea_goes_through_every_decision_one_commit_each(git_registry: Path) -> None:
    repo = git_registry.parent
    r = git_registry
    assert _bieb(r, "idea", "add", "--title", "Leesclub voor jongeren in de wijk",
                 "--summary", "Een maandelijkse leesclub voor jongeren in de wijk.",
                 "--theme", "doorgaande-leeslijn", "--opgave", "geletterde-samenleving",
                 "--date", "2026-11-01") == 0
    assert _bieb(r, "project", "triage", IDEA, "--decision", "kansrijk", "--note",
                 "Past bij de opgave", "--score", "haalbaarheid=4", "--date", "2026-11-02") == 0
    assert _bieb(r, "project", "set", IDEA,
                 "goal={kinds: [effectiviteit], description: Meer jongeren lezen.}",
                 "proeftuin=Bibliotheek Venlo", "contact.name=Sam",
                 "contact.email=sam@bibliotheek.example.nl") == 0
    steps = [
        ("advance", "--note", "Experiment in Venlo", "--date", "2026-11-03"),
        ("repeat", "--note", "Nog een ronde", "--date", "2026-11-04"),
        ("shelve", "--note", "Wacht op subsidie", "--date", "2026-11-05"),
        ("resume", "--date", "2026-11-06"),
        ("stop", "--reason", "Geen budget", "--lessons", "Eerder financiering zoeken",
         "--date", "2026-11-07"),
    ]
    for command, *args in steps:
        assert _bieb(r, "project", command, IDEA, *args) == 0, command
    assert (r / "projects" / f"{IDEA}.yaml").read_text(encoding="utf-8") == EXPECTED_FINAL

    log = git(repo, "log", "--format=%an <%ae>|%s", "-8").splitlines()
    assert [line.split("|")[1] for line in log] == [
        f"gestopt: Leesclub voor jongeren in de wijk ({IDEA})",
        f"hervat: Leesclub voor jongeren in de wijk ({IDEA})",
        f"aangehouden: Leesclub voor jongeren in de wijk ({IDEA})",
        f"experiment herhalen: Leesclub voor jongeren in de wijk ({IDEA})",
        f"experiment: Leesclub voor jongeren in de wijk ({IDEA})",
        f"project {IDEA}: set goal, proeftuin, contact.name, contact.email",
        f"triage kansrijk: Leesclub voor jongeren in de wijk ({IDEA})",
        f"idee: Leesclub voor jongeren in de wijk ({IDEA})",
    ]
    assert {line.split("|")[0] for line in log} == {"Mo Derator <mo@poi.example.nl>"}
    for i in range(8):
        files = git(repo, "show", "--name-only", "--format=", f"HEAD~{i}").split()
        assert files == [f"registry/projects/{IDEA}.yaml"]
    assert "Experiment in Venlo" in git(repo, "show", "--format=%B", "--no-patch", "HEAD~4")
    assert run_bieb("validate", "--registry", str(r)).returncode == 0


def test_a_gate_that_is_not_met_lists_everything_and_changes_nothing(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("project", "advance", "leesleen-app-po", "--registry", str(git_registry))
    assert result.returncode == 1
    for need in ("'kansrijk' triage", "a goal"):
        assert need in result.stderr
    assert repo_state(git_registry.parent) == before


def test_comments_order_quoting_and_blank_lines_survive_an_edit(git_registry: Path) -> None:
    path = git_registry / "organisations" / "kb.yaml"
    path.write_text(
        "# The national library.\n"
        "id: kb   # never changes\n"
        "\n"
        'name: "Koninklijke Bibliotheek"\n'
        "kind: kb\n"
        "province: zuid-holland\n", encoding="utf-8")
    git(git_registry.parent, "commit", "--quiet", "-am", "comments")
    assert _bieb(git_registry, "org", "set", "kb", "website=https://www.kb.nl") == 0
    assert path.read_text(encoding="utf-8") == (
        "# The national library.\n"
        "id: kb   # never changes\n"
        "\n"
        'name: "Koninklijke Bibliotheek"\n'
        "kind: kb\n"
        "province: zuid-holland\n"
        "website: https://www.kb.nl\n")


def test_other_staged_and_unstaged_work_is_never_swept_in(git_registry: Path) -> None:
    repo = git_registry.parent
    staged = git_registry / "organisations" / "vob.yaml"
    staged.write_text(staged.read_text(encoding="utf-8") + "website: https://www.debibliotheken.nl\n",
                      encoding="utf-8")
    git(repo, "add", str(staged))
    unstaged = git_registry / "organisations" / "spn.yaml"
    unstaged.write_text(unstaged.read_text(encoding="utf-8") + "# note to self\n",
                        encoding="utf-8")
    assert _bieb(git_registry, "project", "triage", "leesleen-app-po", "--decision",
                 "kansrijk") == 0
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "registry/projects/leesleen-app-po.yaml"]
    assert git(repo, "diff", "--cached", "--name-only").split() == [
        "registry/organisations/vob.yaml"]
    assert git(repo, "diff", "--name-only").split() == ["registry/organisations/spn.yaml"]


def test_an_invalid_change_is_refused_before_anything_is_written(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("project", "set", "leesleen-app-po", "owner=koninklijke-bieb",
                      "--registry", str(git_registry))
    assert result.returncode == 1
    assert "unknown organisation 'koninklijke-bieb'" in result.stderr
    assert "nothing was written" in result.stderr
    assert repo_state(git_registry.parent) == before
    for field in ("phase=experiment", "history=[]", "id=other"):
        assert run_bieb("project", "set", "leesleen-app-po", field, "--registry",
                        str(git_registry)).returncode == 2
    assert repo_state(git_registry.parent) == before


def test_dry_run_shows_the_diff_and_no_commit_writes_without_committing(
        git_registry: Path) -> None:
    repo = git_registry.parent
    before = repo_state(repo)
    dry = run_bieb("org", "set", "fers", "website=https://www.fers.nl", "--dry-run",
                   "--registry", str(git_registry))
    assert dry.returncode == 0
    assert "+website: https://www.fers.nl" in dry.stdout
    assert repo_state(repo) == before
    assert _bieb(git_registry, "org", "set", "fers", "website=https://www.fers.nl",
                 "--no-commit") == 0
    assert git(repo, "rev-parse", "HEAD") == before[0]
    assert git(repo, "status", "--porcelain").split() == ["M", "registry/organisations/fers.yaml"]


def test_idea_add_without_a_terminal_never_asks(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("idea", "add", "--title", "Iets", "--registry", str(git_registry))
    assert result.returncode == 2
    assert "an idea needs summary, themes" in result.stderr
    assert "--summary, --theme" in result.stderr
    assert repo_state(git_registry.parent) == before


def test_idea_add_from_a_file_shows_similar_projects(git_registry: Path, tmp_path: Path) -> None:
    idea = tmp_path / "idea.yaml"
    idea.write_text("title: Leesleen-app voor scholen\n"
                    "summary: Een app om te lenen en lezen voor het primair onderwijs.\n"
                    "themes: [doorgaande-leeslijn]\n"
                    "owner: bibliotheek-venlo\n", encoding="utf-8")
    result = run_bieb("idea", "add", "--from-file", str(idea), "--registry", str(git_registry))
    assert result.returncode == 0
    assert "leesleen-app-po" in result.stderr.split("committed")[0]
    text = (git_registry / "projects" / "leesleen-app-voor-scholen.yaml").read_text(
        encoding="utf-8")
    assert text.startswith("id: leesleen-app-voor-scholen\ntitle: Leesleen-app voor scholen\n")
    assert "owner: bibliotheek-venlo\n" in text and "phase: idee\nstatus: lopend\n" in text


def test_same_title_twice_gets_a_unique_id(git_registry: Path) -> None:
    args = ("idea", "add", "--title", "Café & Lezen!", "--summary", "Koffie en boeken.",
            "--theme", "leven-lang-leren")
    assert _bieb(git_registry, *args) == 0
    assert _bieb(git_registry, *args) == 0
    assert (git_registry / "projects" / "cafe-lezen.yaml").is_file()
    assert (git_registry / "projects" / "cafe-lezen-2.yaml").is_file()


def test_other_kinds_can_be_added(git_registry: Path) -> None:
    assert _bieb(git_registry, "org", "add", "probiblio", "name=ProBiblio", "kind=poi",
                 "province=noord-holland") == 0
    assert (git_registry / "organisations" / "probiblio.yaml").read_text(encoding="utf-8") == \
        "id: probiblio\nname: ProBiblio\nkind: poi\nprovince: noord-holland\n"
    result = run_bieb("org", "add", "probiblio", "name=X", "kind=poi",
                      "--registry", str(git_registry))
    assert result.returncode == 2 and "exists already" in result.stderr


def test_new_files_point_editors_at_their_schema(git_registry: Path) -> None:
    repo = git_registry.parent
    shutil.copytree(Path(__file__).resolve().parents[2] / "schemas", repo / "schemas")
    assert _bieb(git_registry, "idea", "add", "--title", "Met schema", "--summary", "Iets.",
                 "--theme", "werkplaats", "--no-commit") == 0
    text = (git_registry / "projects" / "met-schema.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/project.schema.json\n"
                           "id: met-schema\n")
    assert (repo / "schemas" / "project.schema.json").is_file()


def test_crlf_and_bom_are_kept_on_edit(git_registry: Path) -> None:
    path = git_registry / "organisations" / "vob.yaml"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    git(git_registry.parent, "commit", "--quiet", "-am", "windows line ends")
    assert _bieb(git_registry, "org", "set", "vob", "website=https://www.debibliotheken.nl") == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n") + \
        b"website: https://www.debibliotheken.nl\r\n"
