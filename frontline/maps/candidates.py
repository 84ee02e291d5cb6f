"""The geocoder's candidates on a map, for the person choosing which place a name means."""

from __future__ import annotations

import folium
import pandas as pd

from frontline.maps.base import base_map, bounds
from frontline.maps.rendering import template_text


def candidates_map(
    candidates: pd.DataFrame, shapes: dict[str, dict], *, assets: str = "local"
) -> folium.Map:
    """Geocoding candidates, numbered best first; the best one larger. Tooltips are HTML in
    Leaflet, so each label is escaped."""
    m = base_map(shapes, assets)
    for n, row in enumerate(candidates.itertuples(), start=1):
        label = f"{n}. {row.name} ({row.kind}, {row.country}) — score {row.score}"
        folium.CircleMarker(
            (row.lat, row.lon), radius=11 if n == 1 else 7, weight=2, color="#222",
            fill=True, fill_color="#E69F00" if n == 1 else "#56B4E9", fill_opacity=0.9,
            tooltip=template_text(label), className="frontline-candidate",
        ).add_to(m)  # fmt: skip
    if not candidates.empty:
        m.fit_bounds(bounds(candidates), padding=(40, 40), max_zoom=8)
    return m
