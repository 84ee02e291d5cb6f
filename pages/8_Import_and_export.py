"""Import & export: ACLED and HXL files in (editors, one transaction each), and the store out as
ACLED, HXL or GeoJSON — the same functions as `frontline import` and `frontline export`."""

import streamlit as st

from frontline.ui import exchange_view as view
from frontline.ui import frame

ctx = frame.open_page("Import & export", icon="⇅")
st.title("Import and export")
view.import_section(ctx)
view.export_section(ctx)
