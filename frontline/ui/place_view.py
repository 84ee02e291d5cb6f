"""The Place page's own blocks: the place picker, the control timeline and the place's other
events (context), which change no holder (its summary, events and deliveries are shared with
the Map page's side panel: `widgets`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from frontline import charts, context, control, html_text, labels
from frontline.html_text import bidi_closed, markdown_literal
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


CONTEXT_SHOWN = 100  # the newest listed; the line above them counts them all
CONTEXT_CARD = {"date": "Date", "kind": "Type", "actor": "Actor", "deaths": "Fatalities",
                "quote": "Quote", "opponent": "Against", "notes": "Notes",
                "sources": "Source"}  # fmt: skip


def context_events(ctx: PageContext, place_id: str) -> None:
    """The place's other events (context: an import's battles, strikes, protests …) up to the
    end of the day shown, as the map shows them, newest first, as cards like its control
    events: date, type / sub-type, actor, fatalities, the quote, who it was against, notes,
    source; how many come later is said. They never change who holds the place, and the page
    says so. Nothing when the data hold no such event at all; one line when this place has
    none."""
    every = ctx.dataset.context_events
    if every.empty:
        return
    st.subheader("Other events (context)")
    events = context.at_place(every, place_id)
    later = int((events["date"].dt.date > ctx.view.as_of).sum())
    events = events.iloc[later:]  # newest first: the later ones lead
    after = f" {later:,} more {'comes' if later == 1 else 'come'} after {ctx.view.as_of}."
    after = after if later else ""
    if events.empty:
        st.caption(f"None recorded here by the end of {ctx.view.as_of}.{after}")
        return
    st.caption(markdown_literal(_context_line(events)) + after)
    shown = labels.table(_context_rows(ctx, events.head(CONTEXT_SHOWN)), CONTEXT_CARD)
    st.html(html_text.cards(shown, ["Date", "Type", "Actor", "Fatalities"], "Quote", "Source",
                            details=["Against", "Notes"]))  # fmt: skip
    if len(events) > CONTEXT_SHOWN:
        st.caption(f"The newest {CONTEXT_SHOWN:,} of these {len(events):,}.")


def _context_line(events: pd.DataFrame) -> str:
    """All of them in one line: how many, fatalities, the types, and that they decide nothing."""
    total = context.per_place(events).iloc[0]
    n, deaths = int(total["events"]), int(total["fatalities"])
    return (f"{n:,} event{'s' * (n != 1)} by then that did not change who holds the place (the "
            f"control history above does not use them), {deaths:,} fatalities stated: "
            f"{total['types']}.")  # fmt: skip


def _context_rows(ctx: PageContext, events: pd.DataFrame) -> pd.DataFrame:
    """Context events as people read them: actor names, type / sub-type, fatalities in words,
    source labels."""
    names = ctx.dataset.actor_names
    sub = events["sub_event_type"].astype(object)
    stated = sub.notna() & (sub != "")
    deaths = events["fatalities"]
    return events.assign(
        kind=events["event_type"].astype(object).where(~stated, events["event_type"] + " / " + sub),
        actor=events["actor_id"].map(names), opponent=events["opponent_id"].map(names),
        deaths=[f"{int(d):,} {'fatality' if d == 1 else 'fatalities'}" if pd.notna(d)
                else "fatalities not stated" for d in deaths],
        sources=ctx.dataset.cite(events["source_ids"]),
    )  # fmt: skip
