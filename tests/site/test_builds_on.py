"""A project's page links the projects it builds on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_bieb


def test_a_project_page_links_what_it_builds_on(registry: Path, tmp_path: Path) -> None:
    cockpit = registry / "projects" / "impact-cockpit.yaml"
    text = cockpit.read_text(encoding="utf-8")
    cockpit.write_text(text.replace("\nthemes:", "\nbuilds_on: [leesleen-app-po]\nthemes:", 1),
                       encoding="utf-8")
    assert run_bieb("validate", "--registry", str(registry)).returncode == 0
    out = tmp_path / "site"
    assert run_bieb("site", "build", "--out", str(out), "--registry", str(registry)
                    ).returncode == 0
    page = (out / "projecten" / "impact-cockpit.html").read_text(encoding="utf-8")
    assert "<dt>Bouwt voort op</dt>" in page
    assert 'href="../projecten/leesleen-app-po.html">Leesleen-app voor het primair onderwijs' \
        in page
