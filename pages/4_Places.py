"""Places: resolve a name as news writes it, offline, and see the candidates with their scores."""

import streamlit as st

from frontline.ui import frame
from frontline.ui import places_view as view

ctx = frame.open_page("Places", icon="🔎")
st.title("Find a place")
st.caption(
    "The place registry, offline: OCHA's communities and p-codes, GeoNames, Wikipedia's "
    "map points (bases, fields, hills) and curated camps, crossings and neighbourhoods."
)
view.place_search(ctx)
