"""The bodies of the site's pages, from the catalogue (plain data, see catalogue.py).

Every value from the registry goes through `esc` (or `link`, `external`);
page text is Dutch, for library staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.network import (
    PHASES,
    budget_per_phase,
    euros,
    per_phase,
    projects_by_record,
)
from innovatiebieb.read.report import Report
from innovatiebieb.read.spread import goal_text, spread_of
from innovatiebieb.site.cards import STATUS_WORDS, card, href, search_marks
from innovatiebieb.site.charts import funnel
from innovatiebieb.site.html import dl, esc, external, items, link, table

DECISION_WORDS = {"door": "door naar", "herhalen": "herhalen", "stoppen": "gestopt",
                  "aanhouden": "aangehouden", "hervatten": "hervat", "triage": "triage"}
# Where the registry leaves a fact out because the sources do not give it.
NIET_IN_DE_BRONNEN = "niet in de bronnen"


def ref(c: Catalogue, kind: str, record_id: str | None, root: str) -> str:
    """A link to a record by its name, or the bare id if the registry does not hold it."""
    if not record_id:
        return ""
    if record_id in c.records[kind]:
        return link(href(kind, record_id, root), c.name(kind, record_id))
    return esc(record_id)


def refs(c: Catalogue, kind: str, ids: list[str], root: str) -> str:
    return ", ".join(ref(c, kind, i, root) for i in ids)


def projects_by_phase(c: Catalogue, projects: list[Data], root: str) -> str:
    """A record's projects, phase by phase."""
    if not projects:
        return "<p>Nog geen projecten.</p>"
    parts = []
    for phase in PHASES:
        mine = [p for p in projects if p["phase"] == phase]
        if mine:
            parts.append(f'<h3>{esc(phase)} ({len(mine)})</h3><ul class="projecten">'
                         + "".join(card(c, p, root, 4) for p in mine) + "</ul>")
    return "".join(parts)


def home(c: Catalogue, report: Report, recent: list[tuple[str, Data, str]]) -> str:
    counts = {phase: sum(report.funnel[phase].values()) for phase in PHASES}
    decisions = "".join(
        f'<li><time datetime="{esc(date)}">{esc(date)}</time> '
        f'{link(href("projects", p["id"], ""), p["title"])}: {esc(what)}</li>'
        for date, p, what in recent) or "<li>Nog geen besluiten.</li>"
    # The regions of now; a project still counts in the region of its own year.
    region_rows = [[link(href("regions", rid, ""), c.name("regions", rid)),
                    *(str(n) for n in per_phase(found).values())]
                   for rid, found in projects_by_record(c, "regions").items()
                   if c.region_current(rid, None)]
    theme_rows = [[link(href("themagroepen", tid, ""), c.name("themagroepen", tid)),
                   *(str(n) for n in per_phase(found).values())]
                  for tid, found in projects_by_record(c, "themagroepen").items()]
    return f"""<h1>Innovatiebieb</h1>
<p class="intro">Alle innovaties van de openbare bibliotheken, hun provinciale
ondersteuningsinstellingen en de KB op één plek, zodat geen bibliotheek vanaf nul
begint. {len(c.projects)} projecten, van idee via experiment tot implementatie.</p>
<p>{link("projecten/index.html", "Zoek in alle projecten", class_="knop")}</p>
<section aria-labelledby="trechter"><h2 id="trechter">De trechter</h2>
{funnel(counts, "Projecten per fase")}
{table("Projecten per fase en status", ["fase", "lopend", "aangehouden", "gestopt"],
       [[esc(ph), *(str(report.funnel[ph][s]) for s in ("lopend", "aangehouden", "gestopt"))]
        for ph in PHASES])}
</section>
<section aria-labelledby="besluiten"><h2 id="besluiten">Recente besluiten</h2>
<ul class="besluiten">{decisions}</ul></section>
<section aria-labelledby="per-regio"><h2 id="per-regio">Per regio</h2>
{table("Projecten per regio en fase", ["regio", *PHASES], region_rows)}</section>
<section aria-labelledby="per-themagroep"><h2 id="per-themagroep">Per themagroep</h2>
{table("Projecten per themagroep en fase", ["themagroep", *PHASES], theme_rows)}</section>
"""


def recent_decisions(c: Catalogue, limit: int = 10) -> list[tuple[str, Data, str]]:
    """The latest triage and phase decisions, newest first."""
    found = []  # (date, project id, order within the project, ...): latest first
    for p in c.projects.values():
        # A triage is in the history too since bieb records its decider; older files
        # have only the triage field.
        if p.get("triage") and all(e["decision"] != "triage" for e in p["history"]):
            found.append((p["triage"]["date"], p["id"], -1, p,
                          f"triage {p['triage']['decision']}"))
        for n, e in enumerate(p["history"]):
            what = DECISION_WORDS.get(e["decision"], e["decision"])
            found.append((e["date"], p["id"], n, p,
                          f"{what} {e['to']}" if e["decision"] == "door" else what))
    found.sort(key=lambda f: (f[0], f[1], f[2]), reverse=True)
    return [(date, p, what) for date, _, _, p, what in found[:limit]]


def project(c: Catalogue, p: Data, similar: list[Any], source_url: str | None,
            order: int) -> str:
    """A project's page; `order`: its place in the catalogue, for the search's sort."""
    root = "../"
    contact = p.get("contact")
    mail = (external(f"mailto:{contact['email']}", contact["email"])
            if contact and contact.get("email") else "")
    goal, triage = p.get("goal"), p.get("triage")
    facts = dl([
        ("Fase", esc(p["phase"])), ("Status", esc(STATUS_WORDS[p["status"]])),
        ("Eigenaar", ref(c, "organisations", p.get("owner"), root)),
        ("Deelnemers", refs(c, "organisations", p["participants"], root)),
        ("Regio's", refs(c, "regions", c.regions_of(p), root)),
        ("Themagroepen", refs(c, "themagroepen", p["themes"], root)),
        ("Opgaven", esc(", ".join(c.term("opgaven", o) for o in p["opgaven"]))),
        ("Fieldlab", ref(c, "fieldlabs", p.get("fieldlab"), root)),
        ("Bouwt voort op", refs(c, "projects", p.get("builds_on", []), root)),
        ("Proeftuin", esc(p.get("proeftuin"))),
        ("Contact", (esc(contact["name"]) + (f" ({mail})" if mail else "")) if contact else ""),
        ("Landelijk eigenaar", ref(c, "organisations", p.get("eigenaarschap"), root)),
        ("Overgenomen door", ", ".join(
            ref(c, "organisations", a["organisation"], root)
            + (f" (gepland: {esc(a['date'])})" if a["planned"] else f" ({esc(a['date'])})")
            for a in p["adopters"])),
        ("Gestart", esc(p.get("created") or p.get("year")))])
    texts = [("Doel", esc(goal_text(goal))),
             ("Resultaten", esc(p.get("results"))),
             ("Effectmeting", esc(p.get("effect_measurement"))),
             ("Waarom gestopt", esc(p.get("stop_reason"))),
             ("Geleerde lessen", esc(p.get("lessons")))]
    sections = "".join(f"<h2>{esc(k)}</h2><p>{v}</p>" for k, v in texts if v)
    if triage:
        sections += (f"<h2>Triage door de Innovatieraad</h2><p>{esc(triage['decision'])} op "
                     f'<time datetime="{esc(triage["date"])}">{esc(triage["date"])}</time>'
                     + (f", door {esc(triage['by'])}" if triage.get("by") else "")
                     + (f": {esc(triage['note'])}" if triage.get("note") else "") + "</p>")
    if p["funding"]:
        sections += table("Financiering", ["bron", "jaar", "fase", "bedrag", "structureel",
                                           "aanvullend"],
                          [[esc(f["source"]), esc(f["year"]), esc(f.get("phase", "")),
                            esc(euros(f["amount_eur"])), "ja" if f["structural"] else "nee",
                            "ja" if f["aanvullend"] else "nee"]
                           for f in p["funding"]], numeric_from=3)
    if p["phase"] == "implementatie":
        spread = spread_of(c, p)
        sections += "<h2>Verspreiding</h2>" + dl([
            ("Overgenomen door", f"{len(spread.adopted)} bibliotheken of organisaties"),
            ("Gepland", f"{len(spread.planned)}"),
            ("Bereikte regio's", esc(", ".join(spread.regions)) or "geen"),
            ("Landelijk eigenaar", esc(spread.eigenaarschap_name) or "nog niet bekend"),
            ("Duurzame financiering", "ja" if spread.structural else "nee")])
    if p["links"]:
        sections += "<h2>Links</h2><ul>" + items(external(lk["url"], lk["title"])
                                                 for lk in p["links"]) + "</ul>"
    history = "".join(
        f'<li><time datetime="{esc(e["date"])}">{esc(e["date"])}</time> '
        f'<strong>{esc(DECISION_WORDS.get(e["decision"], e["decision"]))}</strong> '
        f'{esc(e.get("from", "–"))} → {esc(e["to"])}, door {esc(e["by"])}'
        + (f": {esc(e['note'])}" if e.get("note") else "") + "</li>" for e in p["history"])
    similar_html = "".join(
        f'<li>{link(href("projects", m.id, root), m.title)} '
        f'<span class="meta">(gelijkenis {m.score:.2f})</span></li>' for m in similar)
    source = ""
    if source_url:
        yaml_url = f"{source_url.rstrip('/')}/projects/{p['id']}.yaml"
        source = f"<p>{external(yaml_url, 'Bekijk het YAML-bestand in het register')}</p>"
    # What the search indexes is the project itself: not the breadcrumb, not the
    # titles of similar projects (a word of theirs would find this one too).
    return f"""<p class="kruimel">{link("index.html", "Projecten")}</p>
<div data-pagefind-body>
<h1>{esc(p["title"])}</h1>{search_marks(c, p, order)}
<p class="intro">{esc(p["summary"])}</p>
{facts}
{sections}
<h2>Tijdlijn</h2>
{f'<ol class="tijdlijn">{history}</ol>' if history else "<p>Nog geen besluiten over de fasen.</p>"}
</div>
<h2>Vergelijkbare projecten</h2>
{f"<ul>{similar_html}</ul>" if similar_html else "<p>Geen vergelijkbare projecten gevonden.</p>"}
{source}
"""


def kind_index(c: Catalogue, kind: str, title: str, intro: str,
               related: dict[str, list[Data]]) -> str:
    """The index of a kind; `related`: each record's projects (projects_by_record)."""
    def rows(ids: list[str]) -> list[list[str]]:
        return [[link(f"{i}.html", c.name(kind, i)),
                 *(str(n) for n in per_phase(related[i]).values())] for i in ids]

    html = f'<h1>{esc(title)}</h1><p class="intro">{esc(intro)}</p>'
    if kind != "regions":
        return html + table(f"{title} met hun projecten per fase", [title.lower(), *PHASES],
                            rows(list(related)))
    # Regions follow time: the current ones first; the former ones keep their projects.
    now = [i for i in related if c.region_current(i, None)]
    before = [i for i in related if i not in now]
    html += table("Huidige regio's met hun projecten per fase", ["regio", *PHASES], rows(now))
    if before:
        html += "<h2>Eerdere regio's</h2>" + table(
            "Eerdere regio's met hun projecten per fase", ["regio", *PHASES], rows(before))
    return html


def region(c: Catalogue, r: Data, mine: list[Data]) -> str:
    root = "../"
    gidsen = [esc(g["name"]) + (f" ({ref(c, 'organisations', g.get('organisation'), root)})"
                                if g.get("organisation") else f" ({NIET_IN_DE_BRONNEN})")
              + (f", {esc(_period(g.get('period')))}" if g.get("period") else "")
              for g in r.get("regiogidsen", [])]
    facts = dl([("Periode", esc(_period(r.get("period")))),
                ("Regiogidsen", "<br>".join(gidsen)),
                ("Provincies", esc(", ".join(r["provinces"]))),
                ("Organisaties", ", ".join(ref(c, "organisations", o["id"], root)
                                           for o in c.organisations_in(r)))])
    return _record_page(r, "Regio's", facts, c, mine)


def themagroep(c: Catalogue, t: Data, mine: list[Data]) -> str:
    moderators = [esc(m["name"]) + (f" ({ref(c, 'organisations', m.get('organisation'), '../')})"
                                    if m.get("organisation") else "")
                  for m in t.get("moderators", [])]
    facts = dl([("Moderatoren", "<br>".join(moderators)),
                ("Actief", "ja" if t["active"] else "nee")])
    return _record_page(t, "Themagroepen", facts, c, mine)


def fieldlab(c: Catalogue, f: Data, mine: list[Data]) -> str:
    root = "../"
    goal = f.get("goal")
    facts = dl([("Soort", esc(f.get("scope", NIET_IN_DE_BRONNEN))),
                 ("Opgave", esc(c.term("opgaven", f["opgave"]))),
                 ("Doel", esc(goal_text(goal))),
                 ("Trekker", ref(c, "organisations", f.get("lead"), root)),
                 ("Partners", refs(c, "organisations", f["partners"], root)),
                 ("Regio", ref(c, "regions", f.get("region"), root)),
                 ("Periode", esc(_period(f.get("period"))))])
    budget = budget_per_phase(f)
    if budget:
        facts += table("Budget per fase", ["fase", "budget"],
                       [[esc(ph), esc(euros(n))] for ph, n in budget.items()])
    return _record_page(f, "Fieldlabs", facts, c, mine)


def organisation(c: Catalogue, o: Data, mine: list[Data]) -> str:
    facts = dl([("Soort", esc(o["kind"])), ("Provincie", esc(o.get("province", ""))),
                ("Website", external(o.get("website"), o.get("website", "")))])
    return _record_page(o, "Organisaties", facts, c, mine)


def _record_page(record: Data, up: str, facts: str, c: Catalogue, mine: list[Data]) -> str:
    description = f'<p class="intro">{esc(record["description"])}</p>' \
        if record.get("description") else ""
    return (f'<p class="kruimel">{link("index.html", up)}</p><h1>{esc(record["name"])}</h1>'
            f"{description}{facts}<h2>Projecten ({len(mine)})</h2>"
            f"{projects_by_phase(c, sorted(mine, key=lambda p: p['id']), '../')}")


def _period(period: Data | None) -> str:
    if not period:
        return ""
    return f"{period['start']} tot {period['end']}" if period.get("end") \
        else f"sinds {period['start']}"


def report_page(sections: list[tuple[str, list[str], list[list[str]]]], report: Report) -> str:
    scope = f"projecten gestart of besloten in {report.year}" if report.year \
        else "alle projecten"
    parts = [f"<h1>Verslag</h1><p class=\"intro\">Het netwerk in één oogopslag ({esc(scope)}: "
             f"{report.projects}).</p>"]
    for title, columns, rows in sections:
        parts.append(f"<h2>{esc(title)}</h2>")
        parts.append(table(title, columns, [[esc(cell) for cell in row] for row in rows])
                     if rows else "<p>Geen.</p>")
    parts += [f"<p>{esc(n)}</p>" for n in report.notes]
    return "".join(parts)


@dataclass(frozen=True)
class DataFile:
    """One open-data file: its path, format, what it holds and its JSON Schema."""

    path: str
    format: str
    about: str
    schema: str | None


def open_data(files: list[DataFile], licence: str | None) -> str:
    rows = "".join(
        f"<tr><td>{link(f.path, f.path)}</td><td>{esc(f.format)}</td><td>{esc(f.about)}</td>"
        f"<td>{link(f.schema, 'JSON Schema') if f.schema else ''}</td></tr>" for f in files)
    terms = (f"<p>Licentie van de gegevens: <strong>{esc(licence)}</strong>.</p>" if licence
             else "<p>Het register noemt (nog) geen licentie voor zijn gegevens; vraag de "
                  "beheerders wat u ermee mag.</p>")
    return ("<h1>Open data</h1><p class=\"intro\">Alle gegevens van het register: elk veld "
            "van elk record als JSON, met een JSON Schema dat elk veld beschrijft, en de "
            "projecten ook als CSV (opent in een spreadsheet). Datums zijn tekst "
            "(JJJJ-MM-DD).</p>" + terms
            + "<table><caption>De bestanden</caption><thead><tr><th scope=\"col\">Bestand</th>"
              "<th scope=\"col\">Formaat</th><th scope=\"col\">Inhoud</th>"
              "<th scope=\"col\">Schema</th></tr></thead><tbody>" + rows + "</tbody></table>")
