"""A briefing as one self-contained HTML document: sections a presenter steps through (buttons,
arrow keys), a print stylesheet with one page per section, the situation map drawn by the same
templates as the Map page, and Leaflet, the styles, the borders and the data all inline.

Opening the file asks nothing of any network: its Content-Security-Policy allows only what is
inside it (inline scripts and styles, data: images), so even a link a source slipped into a
quote cannot load. Text from sources reaches the page through the template's autoescape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import pandas as pd

from frontline import maps, report
from frontline.assets import inline_scripts
from frontline.briefing.content import CHANGE_GROUPS, Briefing, long_date
from frontline.dataset import Dataset
from frontline.maps.templating import TEMPLATES, render

SECTIONS = {  # id → the navigation's label, in order
    "situation": "Situation",
    "changes": "What changed",
    "aid": "Aid",
    "sources": "Quotes and sources",
}
THEMES = ("light", "dark")
REGION = [[29.0, 35.5], [37.4, 48.6]]  # Syria and Iraq: where a map with no places looks
POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")  # fmt: skip


@dataclass(frozen=True)
class MapParts:
    """A folium map cut into what a page needs: styles for <head>, the map's <div>, its script."""

    head: str
    body: str
    script: str


@cache
def _static(name: str) -> str:
    return (Path(TEMPLATES) / name).read_text(encoding="utf-8")


def map_parts(ds: Dataset, b: Briefing, shapes: dict[str, dict]) -> MapParts:
    """The situation map of `b` (its places, with changes and first reports starred, aid
    marked on the places it reached) as `MapParts`, with no link to any library: the document
    inlines Leaflet once. No aid routes: across a room they read as front lines. The keyboard
    is the presenter's, so the map does not take the arrow keys."""
    no_routes = pd.DataFrame(columns=report.AID_FIELDS)
    data = maps.situation_data(b.places, ds.actors, no_routes, b.changed, first=b.first,
                               day=b.as_of)  # fmt: skip
    m = maps.base_map(shapes, "cdn", provinces=True)
    m.default_js, m.default_css = [], []
    m.options["keyboard"] = False
    m.fit_bounds(data["bounds"] or REGION, padding=(30, 30))
    maps.situation_layer(data).add_to(m)
    return _cut(m)


def _cut(m: folium.Map) -> MapParts:
    figure = m.get_root()
    figure.render()  # renders every element into the figure's header, html and script
    return MapParts(figure.header.render(), figure.html.render(), figure.script.render())


def document(
    ds: Dataset,
    b: Briefing,
    shapes: dict[str, dict],
    *,
    theme: str = "light",
    start: str = "situation",
    embedded: bool = False,
    generated: dt.date | None = None,
    parts: MapParts | None = None,
) -> str:
    """The briefing `b` as one HTML document, opening on section `start`. `embedded` is the
    Briefing page's copy: the page's own buttons step through it, so it draws no navigation
    and hands its arrow keys to the page. `parts` is `map_parts(ds, b, shapes)` made already
    (the page makes it once for every section and theme it shows)."""
    if theme not in THEMES:
        raise ValueError(f"theme {theme!r}: choose one of {', '.join(THEMES)}")
    scripts, styles = inline_scripts()
    parts = parts or map_parts(ds, b, shapes)
    return render(
        "briefing.html.j2",
        b=b, theme=theme, start=start if start in SECTIONS else "situation", embedded=embedded,
        sections=SECTIONS, groups=CHANGE_GROUPS, policy=POLICY,
        title=f"Briefing: the situation at the end of {long_date(b.as_of)}",
        as_of=long_date(b.as_of), since=long_date(b.since),
        window=f"{long_date(b.since + dt.timedelta(days=1))} – {long_date(b.as_of)}",
        generated=(generated or dt.date.today()).isoformat(),
        legend=maps.legend_html(ds.actors.iloc[:0], changed=True, routes=False),  # actors: above
        leaflet_js=scripts, leaflet_css=styles, css=_static("briefing.css"),
        js=_static("briefing.js"), map=parts, change_bounds=_change_bounds(b),
    )  # fmt: skip


def _change_bounds(b: Briefing) -> list[list[float]] | None:
    """The corners of the places that changed or were first reported: the changes section's
    view of the map (None when nothing did)."""
    return maps.bounds(b.places[b.places["place_id"].isin(b.changed | b.first)])
