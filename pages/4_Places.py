"""Places: resolve a name as news writes it, offline, and see the candidates with their scores."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Places", icon="🔎")
st.title("Find a place")
st.caption("GeoNames and curated air bases, crossings, dams, governorates and regions; offline.")
views.place_search(ctx)
