"""Altair charts built from pandas tables, with no Streamlit: testable by their spec."""

from __future__ import annotations

import altair as alt
import pandas as pd


def deliveries_timeline(deliveries: pd.DataFrame) -> alt.Chart:
    """One row per destination, one point per delivery, sized by people reached."""
    rows = deliveries.assign(
        organisations=deliveries["organisations"].map(", ".join),
        items=deliveries["items"].map(", ".join),
        people=deliveries["beneficiaries"].astype("float64"),
        size=deliveries["beneficiaries"].astype("float64").fillna(0),  # unknown: smallest dot
    )[["date", "destination", "organisations", "items", "trucks", "people", "size", "convoy_id"]]
    return (
        alt.Chart(rows)
        .mark_circle(opacity=0.8, stroke="#007a3d", strokeWidth=1.5, color="#7fc7a0")
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("destination:N", title=None),
            size=alt.Size("size:Q", title="People reached", scale=alt.Scale(range=[60, 600])),
            tooltip=["date:T", "destination:N", "organisations:N", "items:N", "trucks:Q",
                     "people:Q", "convoy_id:N"],
        )
        .properties(height=max(120, 40 * rows["destination"].nunique()))
    )  # fmt: skip


def control_timeline(
    intervals: pd.DataFrame, actors: pd.DataFrame, until: pd.Timestamp
) -> alt.Chart:
    """One place's control intervals as a Gantt: a row per state, coloured by the holder in the
    actor colours used everywhere; intervals resting on a month- or year-precise date are faded.
    The open last interval runs to `until`."""
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    rows = intervals.assign(
        holder=intervals["controller_id"].map(names).fillna("unknown / not stated"),
        start=intervals["from"],
        end=intervals["to"].fillna(max(until, intervals["from"].max())),
        approximate=intervals["from_precision"] != "day",
    )[["holder", "state", "start", "end", "approximate", "opened_by", "closed_by"]]
    domain = [*actors["name"], "unknown / not stated"]
    palette = [*actors["color"], "#999999"]
    return (
        alt.Chart(rows)
        .mark_bar(height=18, stroke="#222", strokeWidth=0.5)
        .encode(
            x=alt.X("start:T", title=None), x2="end:T",
            y=alt.Y("state:N", title=None, sort=["held", "contested", "besieged", "unknown"]),
            color=alt.Color("holder:N", title="Held by",
                            scale=alt.Scale(domain=domain, range=palette)),
            opacity=alt.condition("datum.approximate", alt.value(0.45), alt.value(1.0)),
            tooltip=["holder:N", "state:N", "start:T", "end:T", "approximate:N", "opened_by:N",
                     "closed_by:N"],
        )
        .properties(height=150)
    )  # fmt: skip
