"""Place: one place's control history as a timeline, its events with their sources, its aid."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Place", icon="📍")
st.title("Place history")
place_id = views.place_picker(ctx)
if place_id:
    views.place_summary(ctx, place_id)
    views.place_timeline(ctx, place_id)
    st.subheader("Events and their sources")
    views.place_events(ctx, place_id)
    st.subheader("Aid deliveries")
    views.place_deliveries(ctx, place_id)
