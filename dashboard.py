"""Frontline home: the situation on the chosen day at a glance."""

import streamlit as st

from frontline.ui import frame, widgets
from frontline.ui import home_view as view

ctx = frame.open_page("Overview", icon="🛰️", filters=True)  # its table keeps the map's places
st.title("Frontline: overview")
st.caption("Territorial control and humanitarian aid deliveries, every fact with its source.")
view.headline(ctx)
st.subheader(f"Situation at the end of {ctx.view.as_of}")
widgets.snapshot_table(ctx)
st.subheader("Aid deliveries so far")
view.deliveries_table(ctx)
st.page_link("pages/1_Map.py", label="Open the map")
st.subheader("Sources")
view.sources_list(ctx)
