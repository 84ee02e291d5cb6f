"""Aid: besieged places and days without aid, deliveries with sources, downloads, data entry."""

import streamlit as st

from frontline.ui import aid_view as view
from frontline.ui import frame, widgets

ctx = frame.open_page("Aid deliveries", icon="✚")
st.title("Aid deliveries")
st.subheader(f"Besieged places at the end of {ctx.view.as_of}")
view.access_table(ctx)
st.subheader("Deliveries")
rows = view.aid_filters(ctx)
widgets.aid_table(rows)
view.aid_downloads(rows)
view.aid_totals(ctx, rows)
view.aid_timeline(rows)
view.aid_map(ctx, rows)
st.subheader("“First since” facts, checked against the data")
view.first_since_table(ctx)
view.delivery_form(ctx)
