"""Time bieb on generated registries, and check-jsonschema on the same files, in one run.

    python benchmarks/run.py [--sizes 1000 10000] [--growth 1000 10000 100000]
                             [--runs 5] [--write docs/benchmarks.md]

Each command runs as a user runs it (a fresh process), `--runs` times; the
median is reported. check-jsonschema validates only the project files against
the exported project schema, so it checks less than bieb (no references,
history, gates or data-file rules). Three blocks of docs/benchmarks.md are
this script's (between their `<!-- NAME -->` markers): `results` (the commands
on full registries), `shapes` (validate at 10,000 projects of each shape:
small, full, a warning on every project, shared vocabulary) and `growth`
(1,000 -> 10,000 -> 100,000 projects, with peak memory). Other sections of
the file are left as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
SITES: list[Path] = []  # the sites built, removed when every block is timed


def _time(cmd: list[str], runs: int, env: dict[str, str] | None = None,
          ok: tuple[int, ...] = (0,)) -> float:
    return _time_each([cmd] * runs, env, ok)


def _time_each(cmds: list[list[str]], env: dict[str, str] | None = None,
               ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time of running each command once, as a fresh process."""
    return statistics.median(_measure(cmd, env, ok)[0] for cmd in cmds)


def _measure(cmd: list[str], env: dict[str, str] | None = None,
             ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall seconds and peak memory (KB, of the largest process it waited for) of one run.
    Its output goes to a file, as in CI's log: a pipe read line by line would time the
    reader too."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            out.seek(0)
            raise SystemExit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n"
                             f"{out.read()[-4000:].decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def _cold(cmd: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median of `cmd` each time with an empty cache folder: a fresh CI clone."""
    return statistics.median(_cold_once(cmd, ok) for _ in range(runs))


def _cold_once(cmd: list[str], ok: tuple[int, ...] = (0,)) -> float:
    with tempfile.TemporaryDirectory(prefix="bieb-cold-") as cache:
        return _measure(cmd, {"XDG_CACHE_HOME": cache}, ok)[0]


def _git_repo(registry: Path) -> Path:
    """A git repository holding a copy of `registry`, for the commands that commit."""
    repo = registry.parent / f"repo-{registry.name}"
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(registry, repo / "registry")
        # The sources name no member of the Innovatieraad: the benchmark's git identity
        # becomes one, so that its triages have a decider.
        with (repo / "registry" / "bodies" / "innovatieraad.yaml").open("a",
                                                                       encoding="utf-8") as f:
            f.write('members:\n  - {name: Bench, email: bench@example.org, organisation: kb,'
                    ' period: {start: "2021"}}\n')
        for args in (["init", "-q", "--initial-branch=main"], ["config", "user.name", "Bench"],
                     ["config", "user.email", "bench@example.org"], ["add", "-A"],
                     ["commit", "-q", "-m", "registry"]):
            subprocess.run(["git", *args], cwd=repo, check=True)
    return repo / "registry"


def _fresh_registry(size: int, shape: str = "full") -> Path:
    """The generated registry of `size` projects, made again when generate.py changed
    (its git copy too)."""
    name = f"registry-{size}" if shape == "full" else f"registry-{shape}-{size}"
    registry = HERE / "generated" / name
    stamp = registry.parent / f"{name}.stamp"
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != digest:
        generate(size, registry, shape)
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
    rows: list[dict[str, object]] = [
        {"what": what, "size": size, "bieb": _time(cmd, runs), "peer": None}
        for what, cmd in commands.items()]
    return rows + _time_site(bieb, registry, runs, size, "every page, the open data")


def _time_site(bieb: str, registry: Path, runs: int, size: int,
               what: str) -> list[dict[str, object]]:
    """site build into an empty folder (CI publishing a site), then again into the
    same folder, the registry unchanged (a rebuild writes only the files that
    changed). Each empty folder is new and stays until the end of the whole run
    (SITES): on this machine's disk (ext4 mounted with discard) deleting 20,000
    files slows the file creations of the next half minute (a build into an empty
    folder: 21.6 s after a quiet half minute, 30.7 s just after deleting the last)."""
    command = [bieb, "site", "build", "--registry", str(registry), "--out"]
    runs = max(1, runs // 2)
    fresh = []
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(prefix=f"site-{size}-", dir=HERE / "generated"))
        SITES.append(out)
        fresh.append(_measure([*command, str(out)])[0])
    again = _time([*command, str(out)], runs)
    return [{"what": f"site build into an empty folder ({what}; {_weights(out)})",
             "size": size, "bieb": statistics.median(fresh), "peer": None},
            {"what": f"site build again, registry unchanged ({what})", "size": size,
             "bieb": again, "peer": None}]


def _weights(site: Path) -> str:
    """What the site weighs where issue #16 asks: the catalogue page with the files it
    loads for its first screen (its style sheet and script; Pagefind only once the form
    is used), and the search index Pagefind made. The browser's own count of the same,
    and of a first search, is tests/site/test_catalogue_10k.py's."""
    page = site / "projecten" / "index.html"
    html = page.read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:link[^>]*\shref|script[^>]*\ssrc)="([^"]+)"', html)
    weight = page.stat().st_size + sum((page.parent / ref).stat().st_size for ref in loaded)
    index = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    return (f"the Pagefind index: {sum(index) / 1e6:.1f} MB in {len(index)} files; "
            f"catalogue page with what it loads {weight / 1000:.0f} KB")


def _time_base(bieb: str, registry: Path, runs: int) -> float:
    """validate --base on a branch holding three decisions, like a small pull request."""
    repo = registry.parent
    subprocess.run(["git", "switch", "-q", "-C", "bench-pr"], cwd=repo, check=True)
    try:
        for n in (6, 9, 12):  # idee projects (every third is one)
            subprocess.run([bieb, "project", "triage", f"project-{n:05d}", "--decision",
                            "kansrijk", "--registry", str(registry)], check=True,
                           capture_output=True)
        return _time([bieb, "validate", "--base", "main", "--registry", str(registry)], runs)
    finally:
        subprocess.run(["git", "switch", "-q", "main"], cwd=repo, check=True)


def bench(sizes: list[int], runs: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    bieb = str(BIN / "bieb")
    rows.append({"what": "bieb --help", "size": "-",
                 "bieb": _time([bieb, "--help"], runs), "peer": None})
    for size in sizes:
        registry = _fresh_registry(size)
        validate = [bieb, "validate", "--registry", str(registry)]
        cold = _cold(validate, runs)
        warm = _warm(validate, runs)
        peer = _peer(registry, max(1, runs // 2))
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
        rows.append({"what": "validate after an idea add (one new project)", "size": size,
                     "bieb": _after_each_add(bieb, repo, runs, stamp), "peer": None})
        triage = [bieb, "project", "triage", "project-00003", "--decision", "kansrijk",
                  "--registry", str(repo), "--dry-run"]
        rows.append({"what": "project triage --dry-run", "size": size,
                     "bieb": _time(triage, runs), "peer": None})
        rows.append({"what": "validate --base (a pull request of 3 decisions)", "size": size,
                     "bieb": _time_base(bieb, repo, runs), "peer": None})
    return rows


def _after_each_add(bieb: str, repo: Path, runs: int, stamp: str) -> float:
    """validate right after `idea add` wrote and committed a new project, as a
    pre-commit hook or the next CI step runs it: one file new, the rest remembered."""
    validate = [bieb, "validate", "--registry", str(repo)]
    _measure(validate, ok=(0, 1))  # remember the registry as it is now
    samples = []
    for n in range(runs):
        _measure([bieb, "idea", "add", "--registry", str(repo), "--title",
                  f"Bench na {stamp} {n}", "--summary", "Voorlezen in de wijk.",
                  "--theme", "werkplaats"])
        samples.append(_measure(validate, ok=(0, 1))[0])
    return statistics.median(samples)


SHAPE_SIZE = 10000
FORMATS = ("text", "json", "github", "junit")


def _peer(registry: Path, runs: int) -> float:
    projects = sorted(str(p) for p in (registry / "projects").glob("project-*.yaml"))
    peer_bin = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    return _time([peer_bin, "--schemafile", str(ROOT / "schemas" / "project.schema.json"),
                  *projects], runs)


def _warm(cmd: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median of `cmd` on a registry unchanged since the previous run (the cache filled)."""
    _time(cmd, 1, ok=ok)
    return _time(cmd, runs, ok=ok)


def _paired(cmd: list[str], base: list[str], runs: int, cold: bool) -> dict[str, float]:
    """Medians of `cmd` and `base` run in turn (cmd, base, cmd, base ...), and the
    median of each pair's ratio: a ratio of two medians taken minutes apart moves with
    the machine (a warm text run was 1.29x its clean run in one make bench and 1.92x in
    the next, the code unchanged)."""
    if not cold:
        _measure(cmd)  # fill the caches
        _measure(base)
        runs *= 3  # a warm pair takes half a second, and noise moves it most
    pairs = [(_cold_once(cmd), _cold_once(base)) if cold
             else (_measure(cmd)[0], _measure(base)[0]) for _ in range(runs)]
    return {"bieb": statistics.median(a for a, _ in pairs),
            "base": statistics.median(b for _, b in pairs),
            "ratio": statistics.median(a / b for a, b in pairs)}


def bench_shapes(runs: int, size: int = SHAPE_SIZE) -> list[dict[str, object]]:
    """validate at size projects of each shape, cold and warm, beside the peer; every
    output format on a warning per project against the clean registry; likeness on
    shared-vocabulary texts."""
    bieb = str(BIN / "bieb")
    rows: list[dict[str, object]] = []
    registries = {shape: _fresh_registry(size, shape)
                  for shape in ("small", "full", "warning", "shared")}
    for shape in ("small", "full"):
        validate = [bieb, "validate", "--registry", str(registries[shape])]
        peer = _peer(registries[shape], max(1, runs // 2))
        rows.append({"what": f"validate, cold ({shape} files)", "size": size,
                     "bieb": _cold(validate, runs), "peer": peer})
        rows.append({"what": f"validate, warm ({shape} files)", "size": size,
                     "bieb": _warm(validate, runs), "peer": peer})
    for fmt in FORMATS:
        clean = [bieb, "validate", "--format", fmt, "--registry", str(registries["full"])]
        warned = [bieb, "validate", "--format", fmt, "--registry", str(registries["warning"])]
        for state in ("cold", "warm"):
            rows.append({"what": f"validate --format {fmt}, {state}, a warning on every "
                         "project", "size": size,
                         **_paired(warned, clean, runs, cold=state == "cold")})
    shared = registries["shared"]
    reg = ["--registry", str(shared)]
    rows.append({"what": "project show (shared vocabulary, unchanged registry)",
                 "size": size,
                 "bieb": _warm([bieb, "project", "show", "project-00008", *reg], runs)})
    rows += [{k: v for k, v in row.items() if k != "peer"}
             for row in _time_site(bieb, shared, runs, size, "shared vocabulary")]
    return rows


def bench_growth(sizes: list[int], runs: int) -> list[dict[str, object]]:
    """Cold and warm validate of full registries of each size, with the peak memory."""
    bieb = str(BIN / "bieb")
    rows: list[dict[str, object]] = []
    for size in sizes:
        registry = _fresh_registry(size)
        validate = [bieb, "validate", "--registry", str(registry)]
        samples = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="bieb-cold-") as cache:
                samples.append(_measure(validate, {"XDG_CACHE_HOME": cache}))
        _measure(validate)
        warm = [_measure(validate) for _ in range(runs)]
        rows.append({"size": size, "cold": statistics.median(s[0] for s in samples),
                     "cold_mb": max(s[1] for s in samples) / 1024,
                     "warm": statistics.median(s[0] for s in warm),
                     "warm_mb": max(s[1] for s in warm) / 1024})
    return rows


def _machine(command: str) -> list[str]:
    return [f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
            f"{platform.python_version()}, {platform.machine()}; load average at the end "
            f"{os.getloadavg()[0]:.1f}.", "", f"Command: `{command}`", ""]


def shapes_markdown(rows: list[dict[str, object]], command: str) -> str:
    lines = [*_machine(command),
             "| what | projects | bieb (median s) | against (median s) | ratio |",
             "|---|---:|---:|---:|---:|"]
    for r in rows:
        bieb_s = float(r["bieb"])  # type: ignore[arg-type]
        if r.get("peer") is not None:
            peer = float(r["peer"])  # type: ignore[arg-type]
            against, ratio = f"check-jsonschema {peer:.2f}", f"{peer / bieb_s:.1f}x faster"
        elif r.get("base") is not None:
            base = float(r["base"])  # type: ignore[arg-type]
            ratio_of = float(r.get("ratio", bieb_s / base))  # type: ignore[arg-type]
            against, ratio = f"clean registry {base:.2f}", f"{ratio_of:.2f}x the clean run"
        else:
            against, ratio = "-", "-"
        lines.append(f"| {r['what']} | {r['size']} | {bieb_s:.2f} | {against} | {ratio} |")
    return "\n".join(lines) + "\n"


def growth_markdown(rows: list[dict[str, object]], command: str) -> str:
    lines = [*_machine(command),
             "| projects | cold (median s) | step | warm (median s) | step | peak memory cold "
             "| peak memory warm |", "|---:|---:|---:|---:|---:|---:|---:|"]
    previous: dict[str, object] | None = None
    for r in rows:
        cold, warm = float(r["cold"]), float(r["warm"])  # type: ignore[arg-type]
        steps = ("-", "-") if previous is None else (
            f"{cold / float(previous['cold']):.1f}x",  # type: ignore[arg-type]
            f"{warm / float(previous['warm']):.1f}x")  # type: ignore[arg-type]
        lines.append(f"| {r['size']} | {cold:.2f} | {steps[0]} | {warm:.2f} | {steps[1]} | "
                     f"{float(r['cold_mb']):.0f} MB | {float(r['warm_mb']):.0f} MB |")  # type: ignore[arg-type]
        previous = r
    return "\n".join(lines) + "\n"


def write_block(file: Path, name: str, table: str) -> None:
    """Replace the block between `<!-- name -->` and `<!-- /name -->` in `file`."""
    text = file.read_text(encoding="utf-8")
    start, end = f"<!-- {name} -->\n", f"<!-- /{name} -->"
    if start not in text:
        raise SystemExit(f"{file} has no '{start.strip()}' marker")
    head, rest = text.split(start, 1)
    file.write_text(head + start + table + end + rest.split(end, 1)[1], encoding="utf-8")


def as_markdown(rows: list[dict[str, object]], command: str) -> str:
    lines = [
        *_machine(command),
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
    parser.add_argument("--growth", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--shape-size", type=int, default=SHAPE_SIZE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=["results", "shapes", "growth"],
                        default=["results", "shapes", "growth"])
    parser.add_argument("--write", type=Path, help="Replace this script's blocks of this file.")
    args = parser.parse_args()
    command = ("python benchmarks/run.py " + " ".join(sys.argv[1:])).strip()
    # An editable install has no bytecode yet, and this machine's environment sets
    # PYTHONDONTWRITEBYTECODE; a normal install compiles once, so compile first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "innovatiebieb")],
                   check=True, capture_output=True)
    makers = {"results": lambda: as_markdown(bench(args.sizes, args.runs), command),
              "shapes": lambda: shapes_markdown(bench_shapes(max(3, args.runs - 2),
                                                             args.shape_size), command),
              "growth": lambda: growth_markdown(bench_growth(args.growth,
                                                             max(3, args.runs - 2)), command)}
    try:
        for name in args.only:
            table = makers[name]()
            print(table)
            if args.write:
                write_block(args.write, name, table)
    finally:
        for site in SITES:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
