"""Generate a large, valid registry for benchmarks:
`python benchmarks/generate.py N OUT [SHAPE]`.

Projects are spread over every phase with the fields each phase's gate needs,
so validation does its full work. Deterministic for a given N and shape. Shapes:

- full: every field a project in its phase has (about 1.2 KB a file);
- small: an idea's few fields (about 0.5 KB, like the bundled projects);
- warning: full, but no contact e-mail: one warning on every project, as a
  registry migrated from spreadsheets starts;
- shared: full, with texts drawn from one vocabulary of 40 words, each word in
  about a quarter of the projects (as "bibliotheek", "lezen", "digitale" are in
  real ones): the hard case for likeness.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = ["idee", "experiment", "implementatie"]
WORDS = ["lezen", "digitaal", "jongeren", "school", "taal", "ouderen", "inclusie", "werk",
         "samen", "kennis", "app", "platform", "netwerk", "collectie", "media", "makers",
         "gezin", "wijk", "burgerschap", "leren"]


SHAPES = ("full", "small", "warning", "shared")
SHARED = ["lezen", "digitale", "jongeren", "school", "taal", "ouderen", "inclusie", "werk",
          "samen", "kennis", "app", "platform", "netwerk", "collectie", "media", "makers",
          "gezin", "wijk", "burgerschap", "leren", "vaardigheden", "geletterdheid", "ouders",
          "kinderen", "voorlezen", "informatie", "dienst", "aanbod", "partners", "gemeente",
          "onderwijs", "programma", "activiteiten", "bezoekers", "vrijwilligers", "cultuur",
          "ontmoeting", "laagdrempelig", "innovatie", "samenwerking"]


def _small(i: int, rng: random.Random, orgs: list[str], themes: list[str]) -> str:
    title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {i}"
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/project.schema.json",
        f"id: project-{i:05d}",
        f"title: {title}",
        "summary: >-",
        f"  {' '.join(rng.choices(WORDS, k=12))}",
        f"  {' '.join(rng.choices(WORDS, k=12))}.",
        "phase: idee",
        "status: lopend",
        f"owner: {rng.choice(orgs)}",
        f"participants: [{', '.join(rng.sample(orgs, 2))}]",
        f"themes: [{rng.choice(themes)}]",
        "opgaven: [geletterde-samenleving]",
        f"contact: {{name: Sam de Vries, email: sam{i}@bibliotheek.example.nl}}",
        "created: 2021-03-01",
        "history: []",
    ]) + "\n"


def _summary_line(rng: random.Random, shape: str) -> str:
    if shape == "shared":  # 12 of 40 words a summary: each word in a quarter of them
        return " ".join(rng.sample(SHARED, 6))
    return " ".join(rng.choices(WORDS, k=18))


def _project(i: int, rng: random.Random, orgs: list[str], themes: list[str],
             fieldlabs: list[str], shape: str = "full") -> str:
    if shape == "small":
        return _small(i, rng, orgs, themes)
    phase_no = i % 3
    phase = PHASES[phase_no]
    words = SHARED if shape == "shared" else WORDS
    title = " ".join(rng.sample(words, 4)).capitalize() + f" {i}"
    lines = [
        "# yaml-language-server: $schema=../../schemas/project.schema.json",
        f"id: project-{i:05d}",
        f"title: {title}",
        "summary: >-",
        *(f"  {_summary_line(rng, shape)}" for _ in range(2)),
        f"phase: {phase}",
        "status: lopend",
        f"owner: {rng.choice(orgs)}",
        f"participants: [{', '.join(rng.sample(orgs, 2))}]",
        f"themes: [{', '.join(rng.sample(themes, 2))}]",
        "opgaven: [geletterde-samenleving]",
        "contact:",
        "  name: Sam de Vries",
        *([] if shape == "warning" else [f"  email: sam{i}@bibliotheek.example.nl"]),
        "created: 2021-03-01",
    ]
    if phase_no >= 1:
        lines += [
            f"fieldlab: {fieldlabs[i % len(fieldlabs)]}",
            "goal:",
            "  kinds: [effectiviteit]",
            "  description: Meer leerlingen lezen vaker.",
            "triage:",
            "  decision: kansrijk",
            "  date: 2021-04-01",
            "  scores: {haalbaarheid: 4, vernieuwend: 3, schaalbaarheid: 4, complexiteit: 2}",
        ]
    if phase_no >= 2:
        lines += ["results: Een werkend prototype in drie bibliotheken.",
                  "effect_measurement: Voor- en nameting bij 200 leerlingen."]
    if phase_no == 2:
        # Implementatie: adopted (or planned); every other one also scaled up
        # nationally, with an owner of its own and structural funding.
        scaled = i % 2 == 0
        lines += ["funding:", "  - source: KB innovatiegelden", "    amount_eur: 15000",
                  "    year: 2021", "    phase: implementatie", "    aanvullend: true"]
        if scaled:
            lines += ["  - source: Gemeente", "    amount_eur: 50000", "    year: 2022",
                      "    structural: true", f"eigenaarschap: {rng.choice(orgs)}"]
        lines += ["adopters:", f"  - {{organisation: {rng.choice(orgs)}, date: 2021-09}}",
                  f"  - {{organisation: {rng.choice(orgs)}, date: 2022-03, planned: true}}"]
    stopped = phase_no == 0 and i % 40 == 0
    if stopped:
        lines[lines.index("status: lopend")] = "status: gestopt"
        lines += ["stop_reason: Geen partners gevonden.",
                  "lessons: Eerst een partner zoeken, dan een plan maken."]
    lines.append("history:")
    for step in range(phase_no):
        lines += [f"  - date: 2021-0{5 + step}-01", f"    from: {PHASES[step]}",
                  f"    to: {PHASES[step + 1]}", "    decision: door",
                  "    by: Vie van Steenbergen"]  # a regiogids the bundled registry knows
    if stopped:
        lines += ["  - date: 2021-05-01", "    from: idee", "    to: idee",
                  "    decision: stoppen", "    by: Vie van Steenbergen"]
    if lines[-1] == "history:":
        lines[-1] = "history: []"
    return "\n".join(lines) + "\n"


def _fieldlabs(out: Path) -> list[str]:
    """Besides the bundled ones: national fieldlabs, and a regional one per region,
    each with a budget per phase (the bundled ones have no scope)."""
    made = []
    regions = sorted(p.stem for p in (out / "regions").glob("*.yaml"))
    for name, scope, region in [("landelijk-1", "landelijk", None),
                                ("landelijk-2", "landelijk", None),
                                *((f"regionaal-{r}", "regionaal", r) for r in regions)]:
        lab = f"fieldlab-{name}"
        text = (f"id: {lab}\nname: Fieldlab {name}\nscope: {scope}\n"
                f"opgave: geletterde-samenleving\n" + (f"region: {region}\n" if region else "")
                + "goal:\n  kinds: [effectiviteit]\n  description: Meer bereik.\n"
                + "budget:\n  - {phase: experiment, amount_eur: 40000, year: 2021}\n"
                "  - {phase: implementatie, amount_eur: 80000, year: 2021}\n")
        (out / "fieldlabs" / f"{lab}.yaml").write_text(text, encoding="utf-8")
        made.append(lab)
    return made


def generate(n: int, out: Path, shape: str = "full") -> Path:
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = random.Random(n)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "registry", out)
    provinces = ["groningen", "friesland", "drenthe", "overijssel", "flevoland", "gelderland",
                 "utrecht", "noord-holland", "zuid-holland", "zeeland", "noord-brabant", "limburg"]
    orgs = []
    for k in range(150):
        org = f"bibliotheek-{k:03d}"
        orgs.append(org)
        (out / "organisations" / f"{org}.yaml").write_text(
            f"id: {org}\nname: Bibliotheek {k}\nkind: bibliotheek\n"
            f"province: {provinces[k % len(provinces)]}\n", encoding="utf-8")
    themes = sorted(p.stem for p in (out / "themagroepen").glob("*.yaml"))
    fieldlabs = sorted(p.stem for p in (out / "fieldlabs").glob("*.yaml")) + _fieldlabs(out)
    projects = out / "projects"
    for i in range(n):
        (projects / f"project-{i:05d}.yaml").write_text(
            _project(i, rng, orgs, themes, fieldlabs, shape), encoding="utf-8")
    return out


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    print(generate(count, target, *sys.argv[3:4]))
