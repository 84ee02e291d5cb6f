"""The Timeline page's blocks: events per week (drag across it to choose a range), the events of
that range, who held the busiest places over time, aid per week."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from frontline import charts, labels, report, timeline
from frontline.html_text import bidi_closed
from frontline.io import export
from frontline.ui import keys, widgets
from frontline.ui.frame import PageContext

TABLE_ROWS = 200  # shown, quotes in full; the download holds every matching event
TABLE_COLUMNS = ["place", *labels.EVENTS]
GANTT_HELP = "By default, the places whose control moved most often"


def chosen_events(ctx: PageContext) -> pd.DataFrame:
    """The events the sidebar's filters keep, up to the day shown."""
    v = ctx.view
    return timeline.select(ctx.dataset.control_events, v.actors, v.types, until=v.as_of)


def events_per_week(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The weekly chart; returns the date range dragged across it, if any."""
    if events.empty:
        st.info("No event matches these filters.")
        return None
    chosen = st.altair_chart(charts.weekly_events(timeline.weekly_events(events)),
                             width="stretch", on_select="rerun", key=keys.EVENTS_PER_WEEK,
                             selection_mode=charts.BRUSH)  # fmt: skip
    span = timeline.brushed(chosen.selection.get(charts.BRUSH))
    coarse = timeline.undated_weeks(events)
    if coarse:
        st.caption(f"{coarse:,} events dated only to a month or year are not in the weekly "
                   "counts; the table lists them.")  # fmt: skip
    st.caption(
        "Drag across the chart to list the events of the weeks it touches; double-click to clear."
    )
    return span


def events_table(ctx: PageContext, events: pd.DataFrame, span: tuple | None) -> None:
    """The events of the range (all when none is chosen), newest first, with their sources."""
    rows = timeline.between(events, *(span or (None, None)))
    label = f"{span[0]} to {span[1]}" if span else "all dates"
    st.markdown(f"**{len(rows):,} events**, {label}")
    if rows.empty:
        return
    shown = labels.table(report.event_rows(ctx.dataset, rows.head(TABLE_ROWS)), TABLE_COLUMNS)
    widgets.evidence_table(shown)  # quotes wrap in full, escaped: never Markdown
    if len(rows) > TABLE_ROWS:
        st.caption(f"The newest {TABLE_ROWS:,} are shown; the download holds all {len(rows):,}.")
    st.download_button(
        "Download these events (CSV)",
        lambda: export.to_csv(report.event_rows(ctx.dataset, rows)),
        "frontline-events.csv",
        "text/csv",
        key=keys.EVENTS_CSV,
        on_click="ignore",
    )  # built on click; reruns nothing


def control_gantt(ctx: PageContext, events: pd.DataFrame) -> None:
    """Who held which place when, for the places chosen (by default the busiest)."""
    names = ctx.dataset.place_names
    places = {p: bidi_closed(names.get(p, p)) for p in set(events["place_id"])}  # RTL kept in
    busiest = timeline.busiest_places(events)
    choices = sorted(places, key=places.__getitem__)
    chosen = st.multiselect("Places", choices, default=busiest, format_func=places.get,
                            key=keys.gantt_places(ctx.view.actors, ctx.view.types),
                            help=GANTT_HELP)  # fmt: skip
    if not chosen:
        return
    rows = timeline.gantt(ctx.dataset, chosen, ctx.view.as_of)
    if rows.empty:
        st.info("No change of control is recorded for these places.")
        return
    label = timeline.labels(ctx.dataset, chosen)
    order = [label[p] for p in chosen]
    st.altair_chart(charts.control_timeline(rows, ctx.dataset.actors,
                                            pd.Timestamp(ctx.view.as_of), row="place",
                                            order=order), width="stretch")  # fmt: skip


def aid_per_week(ctx: PageContext) -> None:
    """Deliveries per week up to the day shown, trucks and people in the tooltip: the weekly
    `aid.totals`, so a convoy's figures count once, as on the Aid page."""
    deliveries = ctx.dataset.aid_deliveries
    deliveries = deliveries[deliveries["date"] <= pd.Timestamp(ctx.view.as_of)]
    if deliveries.empty:
        st.info(f"No aid delivery recorded up to {ctx.view.as_of}.")
        return
    st.altair_chart(charts.weekly_aid(timeline.weekly_aid(deliveries)), width="stretch")
