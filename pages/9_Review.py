"""Review: candidate events read from reports, each with its sentence in the article, to accept
(with corrections) or reject; none counts until an editor accepts it."""

import streamlit as st

from frontline.ui import frame
from frontline.ui import review_view as view

ctx = frame.open_page("Review", icon="✅")
st.title("Review queue")
view.queue(ctx)
