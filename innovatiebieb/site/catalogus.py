"""The catalogue of projects: pages of PAGE_SIZE cards, the first with the form.

Every project is reachable by following the pages, without JavaScript and from
a file:// folder. The form searches and filters through the Pagefind index
(searchindex.py) with catalogus.js, which only works when a web server serves
the site; the page says so, and the pages still work where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.network import PHASES
from innovatiebieb.site.cards import EVERY_PROJECT, STATUS_WORDS, card
from innovatiebieb.site.html import esc, link
from innovatiebieb.site.searchindex import FOLDER

# 50 cards: about 30 KB of HTML, a page a reader can scan; 10,000 projects make 200.
PAGE_SIZE = 50
# Page numbers shown on each side of the current one in the page navigation.
_AROUND = 2


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue: its file in projecten/, its title and its body."""

    name: str
    title: str
    body: str


def page_name(number: int) -> str:
    # "_": no project id holds one (ids are a-z, 0-9 and "-"), so no project's page
    # (projecten/ID.html) can be a catalogue page.
    return "index.html" if number == 1 else f"pagina_{number}.html"


def _count(n: int) -> str:
    return "1 project" if n == 1 else f"{n} projecten"


def _options(label: str, name: str, choices: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in choices)
    return (f'<div class="veld"><label for="f-{name}">{esc(label)}</label>'
            f'<select id="f-{name}" name="{name}"><option value="">Alle</option>{opts}'
            f"</select></div>")


def _form(c: Catalogue) -> str:
    def choices(kind: str) -> list[tuple[str, str]]:
        return [(i, c.name(kind, i)) for i in sorted(c.records[kind])]

    opgaven = [(t["id"], t["name"]) for t in c.info.get("opgaven", [])]
    fields = "".join([
        '<div class="veld breed"><label for="f-zoek">Zoek op woorden</label>'
        '<input id="f-zoek" name="zoek" type="search" autocomplete="off"></div>',
        _options("Regio", "regio", choices("regions")),
        _options("Fase", "fase", [(p, p) for p in PHASES]),
        _options("Status", "status", [(s, s) for s in STATUS_WORDS]),
        _options("Themagroep", "themagroep", choices("themagroepen")),
        _options("Fieldlab", "fieldlab", choices("fieldlabs")),
        _options("Opgave", "opgave", opgaven)])
    # Hidden until catalogus.js has checked that the search can run here.
    return (f'<form id="filters" class="filters" role="search" aria-label="Projecten zoeken '
            f'en filteren" data-index="../{FOLDER}/" data-alle="{EVERY_PROJECT}" hidden>\n'
            f"{fields}\n</form>\n")


def _navigation(number: int, last: int) -> str:
    """Previous, next, the first and last page and those around this one."""
    shown = sorted({1, last, *range(max(1, number - _AROUND), min(last, number + _AROUND) + 1)})
    parts = []
    if number > 1:
        parts.append(link(page_name(number - 1), "Vorige", rel="prev"))
    before = 0
    for n in shown:
        if n > before + 1:
            parts.append('<span class="weggelaten">…</span>')
        current = {"aria_current": "page"} if n == number else {}
        parts.append(link(page_name(n), n, **current))
        before = n
    if number < last:
        parts.append(link(page_name(number + 1), "Volgende", rel="next"))
    items = "".join(f"<li>{p}</li>" for p in parts)
    return (f'<nav id="paginering" class="paginering" aria-label="Pagina\'s met projecten">'
            f"<ul>{items}</ul></nav>")


def _explanation(search: bool, pages: int) -> str:
    listed = "Hieronder staan alle projecten" + (f", {PAGE_SIZE} per pagina" if pages > 1
                                                else "") + "."
    if not search:
        return f'<p class="uitleg">Deze site is zonder zoekfunctie gebouwd. {listed}</p>'
    # catalogus.js hides this where the search runs, and says why where it cannot.
    return (f'<p id="zoek-uitleg" class="uitleg">Zoeken en filteren werkt met JavaScript, '
            f"als een webserver de site aanbiedt. {listed}</p>")


def catalogue_pages(c: Catalogue, search: bool) -> list[CataloguePage]:
    """The catalogue's pages, in the catalogue's order; the first holds the form when
    the site has a search index (`search`)."""
    projects = list(c.projects.values())
    chunks = [projects[i:i + PAGE_SIZE] for i in range(0, len(projects), PAGE_SIZE)] or [[]]
    last = len(chunks)
    return [CataloguePage(page_name(number),
                          "Projecten" if last == 1 else f"Projecten, pagina {number} van {last}",
                          _body(c, number, last, chunk, search))
            for number, chunk in enumerate(chunks, start=1)]


def _body(c: Catalogue, number: int, last: int, chunk: list[Data], search: bool) -> str:
    total = len(c.projects)
    if number == 1:
        head = ((_form(c) if search else "") + _explanation(search, last) if total else "") \
            + f'<p id="aantal" class="aantal" aria-live="polite">{_count(total)}</p>'
    else:
        start = (number - 1) * PAGE_SIZE + 1
        head = (f'<p class="aantal">Projecten {start} tot en met {start + len(chunk) - 1} '
                f"van {total}</p>")
    cards = "".join(card(c, p, "../", 2) for p in chunk)
    listing = f'<ul id="projecten" class="projecten">{cards}</ul>' if chunk \
        else '<ul id="projecten" class="projecten"></ul><p>Nog geen projecten.</p>'
    # Where the script shows more of the search's results than one page's worth.
    more = ('<p><button type="button" id="meer" class="knop" hidden>Meer projecten tonen'
            "</button></p>") if number == 1 and search else ""
    navigation = _navigation(number, last) if last > 1 else ""
    return f"<h1>Projecten</h1>\n{head}\n{listing}\n{more}{navigation}\n"
