"""Charts as inline SVG: no external assets, readable by screen readers (a title and
a description), and the same numbers in a table beside them."""

from __future__ import annotations

from innovatiebieb.site.html import esc

BAR_COLOURS = ("#1f5f8b", "#2b7a4b", "#8a4f00", "#6b3fa0")  # all >= 4.5:1 on white


def funnel(counts: dict[str, int], title: str) -> str:
    """Horizontal bars, one per phase, longest first in the order given."""
    width, bar_h, gap, label_w = 640, 34, 12, 130
    most = max(counts.values(), default=0) or 1
    rows = []
    for n, (phase, count) in enumerate(counts.items()):
        y = n * (bar_h + gap)
        w = round((width - label_w - 70) * count / most)
        colour = BAR_COLOURS[n % len(BAR_COLOURS)]
        rows.append(
            f'<text x="0" y="{y + 22}" class="label">{esc(phase)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 2)}" height="{bar_h}" rx="4" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + max(w, 2) + 8}" y="{y + 22}" class="getal">{count}</text>')
    height = len(counts) * (bar_h + gap)
    summary = ", ".join(f"{phase}: {count}" for phase, count in counts.items())
    return (f'<svg class="grafiek" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="grafiek-titel grafiek-uitleg" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="grafiek-titel">{esc(title)}</title>'
            f'<desc id="grafiek-uitleg">{esc(summary)}</desc>{"".join(rows)}</svg>')
