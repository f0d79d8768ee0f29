"""Every bad file of the corpus gets its own problem, at the right file, line and column,
and all of them are reported in one run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_bieb

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# file -> (code, line, col) that `bieb validate` must report for it.
EXPECTED = {
    "projects/anchor-alias.yaml": ("yaml-anchor", 2, 8),
    "projects/billion-laughs.yaml": ("yaml-anchor", 1, 4),
    "projects/bidi-control.yaml": ("control-character", 2, 13),
    "projects/broken-syntax.yaml": ("yaml-syntax", 4, 1),
    "projects/conflict-marker.yaml": ("merge-conflict", 2, 1),
    "projects/conflict-in-block.yaml": ("merge-conflict", 4, 1),
    "projects/deep-nesting.yaml": ("too-deep", 1, 33),
    "projects/dotdot-id.yaml": ("schema", 1, 5),
    "projects/duplicate-key.yaml": ("duplicate-key", 3, 1),
    "projects/duplicate-number-key.yaml": ("duplicate-key", 3, 1),
    "projects/duplicate-bool-key.yaml": ("duplicate-key", 3, 1),
    "projects/empty.yaml": ("empty-file", 1, 1),
    "projects/experiment-without-gate.yaml": ("gate", 4, 8),
    "projects/history-out-of-order.yaml": ("history-order", 13, 11),
    "projects/leading-zero.yaml": ("ambiguous-number", 9, 17),
    "projects/not-a-date.yaml": ("schema", 7, 10),
    "projects/not-a-mapping.yaml": ("not-a-mapping", 1, 1),
    "projects/not-an-email.yaml": ("schema", 9, 10),
    "projects/phase-without-history.yaml": ("history-phase", 4, 8),
    "projects/python-tag.yaml": ("yaml-tag", 2, 8),
    "projects/stopped-without-reason.yaml": ("stopped-without-reason", 5, 9),
    "projects/tab-indent.yaml": ("tab", 3, 1),
    "projects/two-documents.yaml": ("multiple-documents", 2, 1),
    "projects/unknown-field.yaml": ("unknown-field", 7, 1),
    "projects/unknown-theme.yaml": ("unknown-reference", 6, 10),
    "projects/wrong-id.yaml": ("id-mismatch", 1, 5),
    "projects/wrong-type.yaml": ("schema", 6, 9),
    "projects/yaml-directive.yaml": ("yaml-directive", 1, 1),
    "projects/zero-width.yaml": ("control-character", 2, 12),
    "themagroepen/yes-is-not-true.yaml": ("schema", 3, 9),
    # Made below: defects in the bytes.
    "projects/latin-1.yaml": ("encoding", 2, 11),
    "projects/utf-16.yaml": ("encoding", 1, 1),
    "projects/nul-byte.yaml": ("control-character", 2, 12),
    "projects/too-large.yaml": ("file-too-large", 1, 1),
    "projects/a-symlink.yaml": ("symlink", 1, 1),
    "projects/Upper-Case.yaml": ("bad-filename", 1, 1),
}


def _plant_corpus(registry: Path) -> None:
    for path in CORPUS.glob("*.yaml"):
        shutil.copy(path, registry / "projects" / path.name)
    for path in (CORPUS / "themagroepen").glob("*.yaml"):
        shutil.copy(path, registry / "themagroepen" / path.name)
    projects = registry / "projects"
    (projects / "latin-1.yaml").write_bytes("id: latin-1\ntitle: Café Lezen\n".encode("latin-1"))
    (projects / "utf-16.yaml").write_bytes("id: utf-16\n".encode("utf-16"))
    (projects / "nul-byte.yaml").write_bytes(b"id: nul-byte\ntitle: Lees\x00app\n")
    (projects / "too-large.yaml").write_bytes(b"id: too-large\nsummary: " + b"x" * 5_000_000)
    (projects / "a-symlink.yaml").symlink_to(registry / "projects" / "impact-cockpit.yaml")
    (projects / "Upper-Case.yaml").write_text("id: upper-case\n", encoding="utf-8")


@pytest.fixture
def bad_registry(registry: Path) -> Path:
    _plant_corpus(registry)
    return registry


def test_each_bad_file_is_reported_at_its_line_and_column(bad_registry: Path) -> None:
    result = run_bieb("validate", "--registry", str(bad_registry), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    found = {(p["path"], p["code"], p["line"], p["col"]) for p in report["problems"]}
    missing = []
    for rel, (code, line, col) in EXPECTED.items():
        path = rel  # JSON paths are relative to the registry folder
        if (path, code, line, col) not in found:
            got = sorted(f for f in found if f[0] == path)
            missing.append(f"{rel}: want {code} at {line}:{col}, got {got}")
    assert not missing, "\n".join(missing)


def test_bad_files_do_not_hide_the_valid_ones(bad_registry: Path) -> None:
    """The good records still load: an error in a good file is still found."""
    good = bad_registry / "projects" / "leesleen-app-po.yaml"
    good.write_text(good.read_text(encoding="utf-8").replace("phase: idee", "phase: klaar"),
                    encoding="utf-8")
    result = run_bieb("validate", "--registry", str(bad_registry), "--format", "json")
    codes = {(Path(p["path"]).name, p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert ("leesleen-app-po.yaml", "schema") in codes


def test_billion_laughs_is_one_problem_not_an_explosion(bad_registry: Path) -> None:
    result = run_bieb("validate", "--registry", str(bad_registry), "--format", "json")
    laughs = [p for p in json.loads(result.stdout)["problems"]
              if p["path"].endswith("billion-laughs.yaml")]
    assert [p["code"] for p in laughs] == ["yaml-anchor", "yaml-alias"]
