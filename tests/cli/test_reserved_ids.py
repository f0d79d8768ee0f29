"""An id the site keeps for itself: `index` would overwrite a kind's list page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from innovatiebieb.model.errors import BiebError
from innovatiebieb.site.outdir import SiteWriter
from tests.helpers import run_bieb

KINDS = ["projects", "fieldlabs", "themagroepen", "regions", "bodies", "organisations"]


@pytest.mark.parametrize("kind", KINDS)
def test_validate_refuses_index_as_a_record_id(registry: Path, kind: str) -> None:
    source = sorted((registry / kind).glob("*.yaml"))[0]
    text = source.read_text(encoding="utf-8").replace(f"\nid: {source.stem}\n", "\nid: index\n")
    (registry / kind / "index.yaml").write_text(text, encoding="utf-8")
    result = run_bieb("validate", "--format", "json", "--registry", str(registry))
    assert result.returncode == 1
    (problem,) = [p for p in json.loads(result.stdout)["problems"]
                  if p["path"] == f"{kind}/index.yaml" and p["severity"] == "error"]
    line = text.splitlines().index("id: index") + 1
    assert (problem["line"], problem["col"]) == (line, 5)
    assert "'index' is kept for the site's list" in problem["message"]


def test_a_site_file_written_twice_stops_the_build(tmp_path: Path) -> None:
    with SiteWriter(tmp_path) as site:
        site.write("projecten/index.html", "<p>de lijst</p>")
        with pytest.raises(BiebError, match="would write projecten/index.html twice"):
            site.write("projecten/index.html", "<p>een project</p>")
    assert (tmp_path / "projecten" / "index.html").read_text(encoding="utf-8") == \
        "<p>de lijst</p>"
