"""Timeline: events per week (drag to choose a range and list its events), who held the
busiest places over time, and aid deliveries per week."""

import streamlit as st

from frontline.ui import frame
from frontline.ui import timeline_view as view

ctx = frame.open_page("Timeline", icon="📈", filters=True)
st.title(f"Timeline up to {ctx.view.as_of}")
events = view.chosen_events(ctx)
st.subheader("Events per week")
span = view.events_per_week(events)
view.events_table(ctx, events, span)
st.subheader("Who held the busiest places")
view.control_gantt(ctx, events)
st.subheader("Aid deliveries per week")
view.aid_per_week(ctx)
