"""Safe HTML from registry values: everything escaped, links only http(s) and mailto,
and the page shell every page shares (language, skip link, navigation)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_SAFE_URL = re.compile(r"^(https?://[^\s\"'<>]+|mailto:[^\s\"'<>@]+@[^\s\"'<>]+)$")

NAV = (("projecten/index.html", "Projecten"), ("regios/index.html", "Regio's"),
       ("themagroepen/index.html", "Themagroepen"), ("fieldlabs/index.html", "Fieldlabs"),
       ("organisaties/index.html", "Organisaties"), ("verslag.html", "Verslag"),
       ("open-data.html", "Open data"))


SITE_NAME = "Innovatiebieb"

def esc(value: object) -> str:
    """Text for HTML: <, >, & and both quotes escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) or mailto, else None (javascript: and the like)."""
    return url if url and _SAFE_URL.match(url) else None


def link(href: str, text: object, **attrs: str) -> str:
    # class_ (a Python keyword otherwise) -> class; aria_label -> aria-label
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def external(url: str | None, text: object) -> str:
    """A link to elsewhere when the URL is safe; otherwise the text alone."""
    safe = safe_url(url)
    return link(safe, text) if safe else esc(text)


def items(values: Iterable[str]) -> str:
    return "".join(f"<li>{v}</li>" for v in values)


def dl(rows: Iterable[tuple[str, str]]) -> str:
    """A definition list of (label, HTML) rows; empty values are left out."""
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f'<dl class="feiten">{body}</dl>' if body else ""


def table(caption: str, head: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """A table with a caption and header cells; `rows` hold HTML."""
    ths = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>'] + [
            f'<td class="{"getal" if i >= numeric_from else ""}">{c}</td>'
            for i, c in enumerate(row[1:], start=1)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="tabel"><table><caption>{esc(caption)}</caption><thead><tr>{ths}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def page(title: str, body: str, root: str, current: str = "",
         scripts: Iterable[str] = ()) -> str:
    """A whole page: `root` leads back to the site's top ("" or "../")."""
    here = ' aria-current="page"'
    nav = "".join(f'<li><a href="{root}{href}"{here if href == current else ""}>'
                  f"{esc(text)}</a></li>" for href, text in NAV)
    tags = "".join(f'<script src="{root}{s}" defer></script>' for s in scripts)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title if title == SITE_NAME else f"{title} · {SITE_NAME}")}</title>
<link rel="stylesheet" href="{root}style.css">{tags}
</head>
<body>
<a class="overslaan" href="#inhoud">Naar de inhoud</a>
<header class="kop">
<a class="merk" href="{root}index.html">Innovatiebieb</a>
<nav aria-label="Hoofdmenu"><ul>{nav}</ul></nav>
</header>
<main id="inhoud">
{body}
</main>
<footer class="voet"><p>Innovatiebieb: de innovaties van het netwerk van openbare
bibliotheken, zodat niemand vanaf nul begint. Gemaakt met <code>bieb site build</code>
uit het register. <a href="{root}open-data.html">Open data</a>.</p></footer>
</body>
</html>
"""
