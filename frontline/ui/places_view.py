"""The Places page's block: a name as a source writes it, resolved offline, every candidate with
its score and on a map."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import html_text, labels, maps
from frontline.gazetteer.documents import candidates_table
from frontline.ui import data, keys
from frontline.ui.frame import PageContext

COUNTRY_HINTS = [None, "SY", "IQ", "TR", "LB", "JO"]
SHOWN = [
    "name",
    "kind",
    "low_confidence",
    "country",
    "admin1",
    "score",
    "source",
    "place_id",
    "lat",
    "lon",
]


def place_search(ctx: PageContext) -> None:
    """Type a name as a source writes it; see every candidate with its score, on a map."""
    left, right = st.columns([3, 1])
    query = left.text_input("Name as written", key=keys.GEO_QUERY,
                            placeholder="e.g. Deir Ezzor")  # fmt: skip
    country = right.selectbox("Country hint", COUNTRY_HINTS, key=keys.GEO_COUNTRY,
                              format_func=lambda c: c or "none")  # fmt: skip
    if not query.strip():
        return
    found = data.geocoder(ctx.settings, ctx.version)
    rows = pd.DataFrame(candidates_table(found, query, country))
    shown = [c for c in SHOWN if c in rows]  # what decides first: the flag must not scroll away
    if rows.empty:
        shown = html_text.markdown_literal(query)  # what was typed, never Markdown
        st.warning(f"“{shown}” is not a place the offline gazetteer knows.")
        return
    st.dataframe(labels.table(rows, shown), hide_index=True, width="stretch")
    m = maps.candidates_map(rows, data.boundaries(ctx.settings), assets=ctx.settings.map_assets)
    st_folium(m, key=keys.CANDIDATES_MAP, height=420, use_container_width=True,
              returned_objects=[])  # fmt: skip
