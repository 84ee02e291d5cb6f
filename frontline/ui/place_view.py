"""The Place page's own blocks: the place picker and the control timeline (its summary, events
and deliveries are shared with the Map page's side panel: `widgets`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from frontline import charts, control
from frontline.html_text import bidi_closed
from frontline.ui import keys
from frontline.ui.frame import PageContext


def place_picker(ctx: PageContext) -> str | None:
    """Choose a place of the dataset (its id lives in the URL)."""
    places = ctx.dataset.places.sort_values("name")
    names = {pid: f"{bidi_closed(name)} ({kind})"  # an RTL mark in a name stays in it
             for pid, name, kind in zip(places["place_id"], places["name"], places["kind"],
                                        strict=True)}  # fmt: skip
    if st.session_state.get(keys.PLACE) not in names:
        st.session_state.pop(keys.PLACE, None)
    options = {} if keys.PLACE in st.session_state else {"index": None}
    return st.selectbox("Place", list(names), key=keys.PLACE, format_func=names.get,
                        placeholder="Choose a place", **options)  # fmt: skip


def place_timeline(ctx: PageContext, place_id: str) -> None:
    """Who held the place in what state, interval by interval, up to the day shown."""
    intervals = control.history(ctx.dataset.events_at(place_id), place_id)
    if intervals.empty:
        st.info("No control event is recorded for this place.")
        return
    until = pd.Timestamp(ctx.view.as_of)
    st.altair_chart(charts.control_timeline(intervals, ctx.dataset.actors, until),
                    width="stretch")  # fmt: skip
