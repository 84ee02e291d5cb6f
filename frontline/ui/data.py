"""Caching for the app, in one place: the store engine once per process, tables per minute."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from frontline import assets, gazetteer, maps, store
from frontline.config import Settings
from frontline.gazetteer import Gazetteer


@st.cache_resource(show_spinner=False)
def engine(settings: Settings) -> Engine:
    """Schema created and data/ loaded on first use of an empty store; Leaflet made servable."""
    assets.install_static()
    return store.open_store(settings)


@st.cache_data(ttl=60, max_entries=4, show_spinner=False)
def tables(settings: Settings) -> dict[str, pd.DataFrame]:
    return store.read_tables(engine(settings))


@st.cache_resource(show_spinner=False)
def boundaries(settings: Settings) -> dict[str, dict]:
    return maps.boundaries(settings.data_dir)


@st.cache_resource(show_spinner=False)
def gazetteer_places(settings: Settings) -> pd.DataFrame:
    """Every place the offline gazetteer knows, for pickers."""
    return gazetteer.all_places(settings.data_dir)


def save(settings: Settings, rows: dict[str, pd.DataFrame], actor: str) -> dict:
    """Store checked rows in one transaction as `actor`; pages then read fresh tables."""
    counts = store.load(engine(settings), rows, actor=actor)
    tables.clear()
    return counts


@st.cache_resource(show_spinner="Loading the gazetteer (the first time builds its index)…")
def geocoder(settings: Settings) -> Gazetteer:
    return Gazetteer.from_settings(settings)
