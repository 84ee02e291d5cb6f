"""Map: who held each place at the end of the chosen day, sieges, aid, and every fact's source."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Map")
st.title(f"Control and aid at the end of {ctx.view.as_of}")
views.compare_picker(ctx)
views.control_map(ctx)
views.changes_table(ctx)
views.snapshot_table(ctx)
