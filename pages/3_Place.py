"""Place: one place's control history as a timeline, its events with their sources, its aid."""

import streamlit as st

from frontline.ui import frame, widgets
from frontline.ui import place_view as view

ctx = frame.open_page("Place", icon="📍")
st.title("Place history")
place_id = view.place_picker(ctx)
if place_id:
    widgets.place_summary(ctx, place_id)
    view.place_timeline(ctx, place_id)
    st.subheader("Events and their sources")
    widgets.place_events(ctx, place_id)
    view.context_events(ctx, place_id)  # battles, strikes … that changed no holder
    st.subheader("Aid deliveries")
    widgets.place_deliveries(ctx, place_id)
