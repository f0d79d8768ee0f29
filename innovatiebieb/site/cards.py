"""A project as a card in a list, and the marks on its page from which the search
index shows the same card.

The catalogue's script builds a result's card from what Pagefind kept of the
project's page (its metadata), so the card's words are made once, here, for
both: the static lists and the marks.
"""

from __future__ import annotations

from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.site.html import esc, link

# Record kind -> the site's folder.
FOLDERS = {"projects": "projecten", "regions": "regios", "themagroepen": "themagroepen",
           "fieldlabs": "fieldlabs", "organisations": "organisaties"}
STATUS_WORDS = {"lopend": "lopend", "aangehouden": "aangehouden (op de plank)",
                "gestopt": "gestopt"}
# A word every project page holds (as the metadata "soort"), searched for when the
# form has filters but no words. Pagefind's own way, a search for null, fetches every
# chunk of the word index (2 MB at 10,000 projects); a word fetches only its chunk.
EVERY_PROJECT = "project"


def href(kind: str, record_id: str, root: str) -> str:
    return f"{root}{FOLDERS[kind]}/{record_id}.html"


def card_line(c: Catalogue, p: Data) -> str:
    """The line under a card's title: phase, status and regions (plain text)."""
    regions = c.regions_of(p)
    meta = [p["phase"], STATUS_WORDS[p["status"]]]
    if regions:
        meta.append(", ".join(c.name("regions", r) for r in regions))
    return " · ".join(meta)


def short(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def card(c: Catalogue, p: Data, root: str, level: int) -> str:
    """One project in a list; its heading one level under the list's (vnu: none skipped).
    catalogus.js makes the same card from a search result. Made once a project and
    place: a site shows each card on several pages (70,000 at 10,000 projects)."""
    key = ("card", p["id"], root, str(level))
    made = c.made.get(key)
    if made is None:
        made = c.made[key] = (
            f'<li data-id="{esc(p["id"])}"><article><h{level}>'
            f'{link(href("projects", p["id"], root), p["title"])}</h{level}>'
            f'<p class="meta">{esc(card_line(c, p))}</p>'
            f'<p>{esc(short(p["summary"]))}</p></article></li>')
    return made


def filter_values(c: Catalogue, p: Data) -> dict[str, list[str]]:
    """The project's value(s) for each of the catalogue's filters: the form's option
    values, so a choice in the form is a Pagefind filter as it is."""
    return {"regio": c.regions_of(p), "fase": [p["phase"]], "status": [p["status"]],
            "themagroep": list(p["themes"]),
            "fieldlab": [p["fieldlab"]] if p.get("fieldlab") else [],
            "opgave": list(p["opgaven"])}


def search_marks(c: Catalogue, p: Data, order: int) -> str:
    """Empty elements that tell Pagefind the project's filters, its place in the
    catalogue's order, and the card's words. An inline value runs to the end of the
    attribute, commas included, so each mark holds one."""
    marks = [f"{name}:{value}" for name, values in filter_values(c, p).items()
             for value in values]
    spans = [f'<span data-pagefind-filter="{esc(m)}"></span>' for m in marks]
    spans.append(f'<span data-pagefind-sort="volgorde:{order:06d}"></span>')
    for key, value in (("soort", EVERY_PROJECT), ("id", p["id"]),
                       ("regel", card_line(c, p)), ("kort", short(p["summary"]))):
        spans.append(f'<span data-pagefind-meta="{key}:{esc(value)}"></span>')
    return "".join(spans)
