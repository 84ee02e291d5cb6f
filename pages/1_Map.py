"""Map: who held each place at the end of the chosen day, sieges, aid, and every fact's source."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Map", filters=True)
st.title(f"Control and aid at the end of {ctx.view.as_of}")
views.date_player(ctx)
views.compare_picker(ctx)
map_column, panel = st.columns([2, 1])
with map_column:
    views.control_map(ctx)
with panel:
    views.place_panel(ctx)
views.changes_table(ctx)
views.snapshot_table(ctx)
