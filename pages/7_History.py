"""History: who changed what, when and why — filtered by record, person, kind, change and day —
each record's versions, and any of them put back by an editor."""

import streamlit as st

from frontline.ui import frame, keys
from frontline.ui import history_view as view

ctx = frame.open_page("History", icon="🕓", keep=keys.HISTORY_PARAMS)
st.title("History of changes")
view.history(ctx)
