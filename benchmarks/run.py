"""Time bieb on generated registries, and check-jsonschema on the same files, in one run.

    python benchmarks/run.py [--sizes 1000 10000] [--runs 5] [--write docs/benchmarks.md]

Each command runs as a user runs it (a fresh process), `--runs` times; the
median is reported. check-jsonschema validates only the project files against
the exported project schema, so it checks less than bieb (no references,
history, gates or data-file rules).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent


def _time(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return _time_each([cmd] * runs, env)


def _time_each(cmds: list[list[str]], env: dict[str, str] | None = None) -> float:
    """Median wall time of running each command once, as a fresh process."""
    samples = []
    for cmd in cmds:
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                env={**os.environ, **(env or {})})
        samples.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:4])} ... failed ({result.returncode}):\n"
                             f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return statistics.median(samples)


def _git_repo(registry: Path) -> Path:
    """A git repository holding a copy of `registry`, for the commands that commit."""
    repo = registry.parent / f"repo-{registry.name}"
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(registry, repo / "registry")
        for args in (["init", "-q", "--initial-branch=main"], ["config", "user.name", "Bench"],
                     ["config", "user.email", "bench@example.org"], ["add", "-A"],
                     ["commit", "-q", "-m", "registry"]):
            subprocess.run(["git", *args], cwd=repo, check=True)
    return repo / "registry"


def _fresh_registry(size: int) -> Path:
    """The generated registry of `size` projects, made again when generate.py changed
    (its git copy too)."""
    registry = HERE / "generated" / f"registry-{size}"
    stamp = registry.parent / f"registry-{size}.stamp"
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != digest:
        generate(size, registry)
        shutil.rmtree(registry.parent / f"repo-{registry.name}", ignore_errors=True)
        stamp.write_text(digest, encoding="utf-8")
    return registry


def _time_reads(bieb: str, registry: Path, runs: int, size: int) -> list[dict[str, object]]:
    """The reading commands, on a registry unchanged since the last call (the case
    the catalogue's snapshot is for)."""
    reg = ["--registry", str(registry)]
    commands = {
        "project list --region (unchanged registry)":
            [bieb, "project", "list", "--region", "noordoost-nederland", *reg],
        "project show (unchanged registry)": [bieb, "project", "show", "project-00008", *reg],
        "search (unchanged registry)": [bieb, "search", "lezen", "jongeren", *reg],
        "region show (unchanged registry)":
            [bieb, "region", "show", "noordoost-nederland", *reg],
        "report (unchanged registry)": [bieb, "report", *reg],
    }
    _time(commands["project list --region (unchanged registry)"], 1)  # make the snapshot
    rows = [{"what": what, "size": size, "bieb": _time(cmd, runs), "peer": None}
            for what, cmd in commands.items()]
    site = HERE / "generated" / f"site-{size}"
    rows.append({"what": "site build (every page and the open data)", "size": size,
                 "bieb": _time([bieb, "site", "build", "--out", str(site), *reg],
                               max(1, runs // 2)), "peer": None})
    return rows


def _time_base(bieb: str, registry: Path, runs: int) -> float:
    """validate --base on a branch holding three decisions, like a small pull request."""
    repo = registry.parent
    subprocess.run(["git", "switch", "-q", "-C", "bench-pr"], cwd=repo, check=True)
    try:
        for n in (8, 12, 16):  # idee projects (every fourth is one)
            subprocess.run([bieb, "project", "triage", f"project-{n:05d}", "--decision",
                            "kansrijk", "--registry", str(registry)], check=True,
                           capture_output=True)
        return _time([bieb, "validate", "--base", "main", "--registry", str(registry)], runs)
    finally:
        subprocess.run(["git", "switch", "-q", "main"], cwd=repo, check=True)


def bench(sizes: list[int], runs: int) -> list[dict[str, object]]:
    # An editable install has no bytecode yet, and this machine's environment sets
    # PYTHONDONTWRITEBYTECODE; a normal install compiles once, so compile first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "innovatiebieb")],
                   check=True, capture_output=True)
    rows: list[dict[str, object]] = []
    bieb = str(BIN / "bieb")
    rows.append({"what": "bieb --help", "size": "-",
                 "bieb": _time([bieb, "--help"], runs), "peer": None})
    for size in sizes:
        registry = _fresh_registry(size)
        projects = sorted(str(p) for p in (registry / "projects").glob("project-*.yaml"))
        validate = [bieb, "validate", "--registry", str(registry)]
        cold = _time(validate, runs, env={"BIEB_NO_CACHE": "1"})
        _time(validate, 1)  # fill the cache
        warm = _time(validate, runs)
        peer_bin = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
        peer = _time([peer_bin, "--schemafile", str(ROOT / "schemas" / "project.schema.json"),
                      *projects], max(1, runs // 2))
        rows.append({"what": "validate (no cache: CI, fresh clone)", "size": size,
                     "bieb": cold, "peer": peer})
        rows.append({"what": "validate (unchanged since last run)", "size": size,
                     "bieb": warm, "peer": peer})
        rows += _time_reads(bieb, registry, runs, size)
        repo = _git_repo(registry)
        stamp = time.strftime("%H%M%S")
        adds = [[bieb, "idea", "add", "--registry", str(repo), "--title",
                 f"Bench idee {stamp} {n}", "--summary", "Lezen met jongeren in de wijk.",
                 "--theme", "werkplaats"] for n in range(runs)]
        _time_each(adds[:1])  # the first run after the copy fills the cache
        rows.append({"what": "idea add (with commit)", "size": size,
                     "bieb": _time_each(adds[1:] or adds), "peer": None})
        triage = [bieb, "project", "triage", "project-00004", "--decision", "kansrijk",
                  "--registry", str(repo), "--dry-run"]
        rows.append({"what": "project triage --dry-run", "size": size,
                     "bieb": _time(triage, runs), "peer": None})
        rows.append({"what": "validate --base (a pull request of 3 decisions)", "size": size,
                     "bieb": _time_base(bieb, repo, runs), "peer": None})
    return rows


def as_markdown(rows: list[dict[str, object]], command: str) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}.",
        "",
        f"Command: `{command}`",
        "",
        "| what | projects | bieb (median s) | check-jsonschema (median s) | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        bieb_s = float(r["bieb"])  # type: ignore[arg-type]
        peer = r["peer"]
        peer_s = f"{float(peer):.2f}" if peer is not None else "-"  # type: ignore[arg-type]
        ratio = f"{float(peer) / bieb_s:.1f}x faster" if peer is not None else "-"  # type: ignore[arg-type]
        lines.append(f"| {r['what']} | {r['size']} | {bieb_s:.2f} | {peer_s} | {ratio} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path, help="Replace the results block of this file.")
    args = parser.parse_args()
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    table = as_markdown(bench(args.sizes, args.runs), command.strip())
    print(table)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        start, end = "<!-- results -->\n", "<!-- /results -->"
        head, rest = text.split(start, 1)
        args.write.write_text(head + start + table + end + rest.split(end, 1)[1],
                              encoding="utf-8")


if __name__ == "__main__":
    main()
