"""Map: who held each place at the end of the chosen day, sieges, aid, and every fact's source."""

import streamlit as st

from frontline.ui import frame, widgets
from frontline.ui import map_view as view

ctx = frame.open_page("Map", filters=True)
st.title(f"Control and aid at the end of {ctx.view.as_of}")
view.evidence_note(ctx)
view.date_player(ctx)
view.compare_picker(ctx)
map_column, panel = st.columns([2, 1])
with map_column:
    view.control_map(ctx)
with panel:
    view.place_panel(ctx)
view.changes_table(ctx)
widgets.snapshot_table(ctx)
