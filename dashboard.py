"""Frontline home: the situation on the chosen day at a glance."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Home", icon="🛰️")
st.title("Frontline")
st.caption("Territorial control and humanitarian aid deliveries, every fact with its source.")
views.headline(ctx)
st.subheader(f"Situation at the end of {ctx.view.as_of}")
views.snapshot_table(ctx)
st.subheader("Aid deliveries so far")
views.deliveries_table(ctx)
st.page_link("pages/1_Map.py", label="Open the map", icon="🗺️")
st.subheader("Sources")
views.sources_list(ctx)
