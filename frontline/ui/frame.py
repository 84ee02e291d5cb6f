"""`open_page`: the one set-up call that opens every page (config, data, URL state, sidebar)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import streamlit as st

from frontline import report
from frontline.config import Settings, load_settings
from frontline.errors import FrontlineError
from frontline.ui import data
from frontline.ui.urlstate import EARLIEST, LAYERS, ViewState, decode, encode

KEY_DATE = "as_of"
KEY_LAYERS = "layers"
KEY_SINCE = "since"  # the Map page's comparison date
KEY_PLACE = "place"  # the Place page's place
LAYER_LABELS = {"aid": "Aid deliveries", "provinces": "Province borders",
                "areas": "Estimated areas of control"}  # fmt: skip


@dataclass(frozen=True)
class PageContext:
    """What a page's views need: settings, the tables and the chosen view. The snapshot and the
    deliveries are computed once per script run, however many views show them."""

    settings: Settings
    tables: dict[str, pd.DataFrame]
    view: ViewState

    @cached_property
    def snapshot(self) -> pd.DataFrame:
        return report.snapshot(self.tables, self.view.as_of)

    @cached_property
    def changes(self) -> dict | None:
        """What changed since the comparison day, if one is set before the day."""
        if self.view.since is None:  # the frame keeps only a day before the day shown
            return None
        return report.changes(self.tables, self.view.since, self.view.as_of)

    @cached_property
    def deliveries(self) -> pd.DataFrame:
        """Every delivery, with names and coordinates."""
        return report.deliveries(self.tables)


def _default_view(tables: dict[str, pd.DataFrame]) -> ViewState:
    """The latest day anything happened, so a first visit opens on the newest situation."""
    dates = pd.concat([tables["control_events"]["date"], tables["aid_deliveries"]["date"]])
    latest = dates.max()
    return ViewState(as_of=latest.date() if not pd.isna(latest) else dt.date.today())


def _sidebar(default: ViewState) -> ViewState:
    """Date and layers; each widget's state is seeded from the URL when the session lacks it."""
    linked = decode(st.query_params.to_dict(), default)
    seeds = {KEY_DATE: linked.as_of, KEY_LAYERS: [x for x in LAYERS if x in linked.layers],
             KEY_SINCE: linked.since, KEY_PLACE: linked.place}  # fmt: skip
    for key, value in seeds.items():
        if key not in st.session_state and (value is not None or key in (KEY_DATE, KEY_LAYERS)):
            st.session_state[key] = value
    with st.sidebar:
        as_of = st.date_input(
            "Situation at the end of",
            key=KEY_DATE,
            format="YYYY-MM-DD",
            min_value=EARLIEST,
            max_value=dt.date.today(),
        )
        layers = st.multiselect(
            "Layers", LAYERS, key=KEY_LAYERS, format_func=LAYER_LABELS.__getitem__
        )
        st.caption("Offline: maps use bundled borders, no tiles.")
    since = st.session_state.get(KEY_SINCE)  # kept only when it comes before the day shown
    view = ViewState(
        as_of=as_of,
        layers=frozenset(layers),
        since=since if since is not None and since < as_of else None,
        place=st.session_state.get(KEY_PLACE),
    )
    st.query_params.from_dict(encode(view))
    return view


def open_page(title: str, icon: str = "🗺️") -> PageContext:
    """Set up a page; on a data or configuration error show it and stop the page."""
    st.set_page_config(page_title=f"{title} · Frontline", page_icon=icon, layout="wide")
    try:
        settings = load_settings()
        tables = data.tables(settings)
    except FrontlineError as exc:
        st.error(str(exc))
        st.stop()
    view = _sidebar(_default_view(tables))
    return PageContext(settings=settings, tables=tables, view=view)
