"""Frontline's entry point: the home page ("Overview") and the pages of `pages/`."""

import streamlit as st

from frontline.ui import home_view

st.navigation(home_view.pages()).run()
