"""Altair charts built from pandas tables, with no Streamlit: testable by their spec."""

from __future__ import annotations

import altair as alt
import pandas as pd

from frontline.vocabulary import Precision, State


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


UNKNOWN = "unknown / not stated"
BRUSH = "span"  # the name of the timeline's date-range selection


def _holders(actors: pd.DataFrame) -> alt.Scale:
    """The actor colours used everywhere, and grey for an unknown holder."""
    return alt.Scale(domain=[*actors["name"], UNKNOWN], range=[*actors["color"], "#999999"])


def control_timeline(
    intervals: pd.DataFrame,
    actors: pd.DataFrame,
    until: pd.Timestamp,
    row: str = "state",
    order: list[str] | None = None,
) -> alt.Chart:
    """Control intervals as a Gantt: a bar per interval on the `row` of its state (one place)
    or of its place (many, rows in `order`), coloured by the holder; intervals resting on a
    month- or year-precise date are faded. Open last intervals run to `until`."""
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    fields = list(dict.fromkeys([row, "holder", "state", "start", "end", "approximate",
                                 "opened_by", "closed_by"]))  # fmt: skip
    rows = intervals.assign(
        holder=intervals["controller_id"].map(names).fillna(UNKNOWN),
        start=intervals["from"],
        end=intervals["to"].fillna(max(until, intervals["from"].max())),
        approximate=intervals["from_precision"] != Precision.DAY,
    )[fields]
    one_place = row == "state"
    return (
        alt.Chart(rows)
        .mark_bar(height=18 if one_place else 14, stroke="#222", strokeWidth=0.5)
        .encode(
            x=alt.X("start:T", title=None), x2="end:T",
            y=alt.Y(f"{row}:N", title=None,
                    sort=list(State.names()) if one_place else order),
            color=alt.Color("holder:N", title="Held by", scale=_holders(actors)),
            opacity=alt.condition("datum.approximate", alt.value(0.45), alt.value(1.0)),
            tooltip=[f"{f}:{'T' if f in ('start', 'end') else 'N'}" for f in fields],
        )
        .properties(height=150 if one_place else 20 * rows[row].nunique() + 30)
    )  # fmt: skip


def weekly_events(weekly: pd.DataFrame) -> alt.Chart:
    """Events per week, stacked by type; drag across it to choose a date range (the selection
    named BRUSH)."""
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(weekly)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title=None),
            y=alt.Y("sum(events):Q", title="Events per week"),
            color=alt.Color("event_type:N", title="Event type"),
            tooltip=["week:T", "event_type:N", "events:Q"],
        )
        .add_params(brush)
        .properties(height=220)
    )  # fmt: skip


def weekly_aid(weekly: pd.DataFrame) -> alt.Chart:
    """Aid deliveries per week, with the trucks and people reached in the tooltip."""
    return (
        alt.Chart(weekly)
        .mark_bar(color="#007a3d")
        .encode(
            x=alt.X("week:T", title=None),
            y=alt.Y("deliveries:Q", title="Aid deliveries per week"),
            tooltip=["week:T", "deliveries:Q", "trucks:Q", "people:Q"],
        )
        .properties(height=160)
    )  # fmt: skip
