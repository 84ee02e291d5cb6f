"""Aid: besieged places and days without aid, deliveries with sources, downloads, data entry."""

import streamlit as st

from frontline.ui import frame, views

ctx = frame.open_page("Aid deliveries", icon="✚")
st.title("Aid deliveries")
st.subheader(f"Besieged places at the end of {ctx.view.as_of}")
views.access_table(ctx)
st.subheader("Deliveries")
rows = views.aid_filters(ctx)
views.aid_table(rows)
views.aid_downloads(rows)
views.aid_totals(ctx, rows)
views.aid_timeline(rows)
views.aid_map(ctx, rows)
st.subheader("“First since” facts, checked against the data")
views.first_since_table(ctx)
views.delivery_form(ctx)
