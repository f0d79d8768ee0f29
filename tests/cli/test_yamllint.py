"""yamllint, which many editors and CI run, passes the bundled registry and what bieb writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git, run_bieb

REPO = Path(__file__).resolve().parents[2]
LONG = ("Een online variant van dBos: een leesleenapp voor het primair onderwijs die "
        "leerkrachten en leerlingen gemakkelijker toegang geeft tot de digitale collectie, "
        "het aanbod voor digitale geletterdheid en het boeken van activiteiten in de "
        "bibliotheek, zie https://www.example.nl/een/heel/lang/adres/dat/niet/breken/kan")


def _yamllint(*paths: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("yamllint")
    return subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable",
                           "-c", str(REPO / ".yamllint"), *map(str, paths)],
                          capture_output=True, text=True, check=False)


def test_the_bundled_registry_and_the_new_registry_template_pass_yamllint() -> None:
    result = _yamllint(REPO / "registry", REPO / "innovatiebieb" / "change" / "templates")
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_bieb_writes_pass_yamllint(git_registry: Path) -> None:
    r = ("--registry", str(git_registry))
    assert run_bieb("idea", "add", "--title", "Leesleen-app", "--summary", LONG,
                    "--theme", "doorgaande-leeslijn", "--owner", "kb",
                    *(f"--participant={o}" for o in ("bibliotheek-venlo", "bibliotheek-deventer",
                                                     "bibliotheek-rotterdam", "biblionet-groningen",
                                                     "noord-oost-brabantse-bibliotheken")),
                    "--date", "2021-05-01", *r).returncode == 0
    assert run_bieb("project", "triage", "leesleen-app", "--decision", "kansrijk",
                    "--note", LONG, "--score", "haalbaarheid=4", "--date", "2021-06-01",
                    # Mo Derator (the git identity) abstains: biblionet-groningen takes part.
                    "--by", "Fenna Fers", *r).returncode == 0
    assert run_bieb("org", "add", "bibliotheek-lang", "name=Bibliotheek Lang",
                    "kind=bibliotheek", f"website={LONG.split()[-1]}", *r).returncode == 0
    written = git(git_registry.parent, "diff", "--name-only", "HEAD~3", "HEAD").split()
    assert len(written) == 2
    result = _yamllint(*(git_registry.parent / name for name in written))
    assert result.returncode == 0, result.stdout + result.stderr
    text = (git_registry / "projects" / "leesleen-app.yaml").read_text(encoding="utf-8")
    assert "summary: >-\n" in text and "  note: >-\n" in text  # folded, not one long line
