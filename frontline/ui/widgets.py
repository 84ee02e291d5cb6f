"""What more than one page shows: the situation table (Home, Map), the deliveries table (Aid,
Place), a place's summary, events and aid (the Place page, and the Map page's side panel), and
the column labels they share. A page's own blocks live in its `*_view` module."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from frontline import report
from frontline.ui.frame import PageContext

SNAPSHOT_COLUMNS = {
    "place": "Place",
    "kind": "Kind",
    "controller": "Held by",
    "state": "State",
    "besieged_by": "Besieged by",
    "since": "Since",
    "confidence": "Confidence",
    "last_event_type": "Last event",
}
AID_COLUMNS = {
    "date": "Date",
    "destination": "Destination",
    "organisations": "Organisations",
    "trucks": "Trucks",
    "beneficiaries": "People reached",
    "figures_scope": "Figures for",
    "items": "Items",
    "reported_first_since": "First since (reported)",
}
EVENT_COLUMNS = {"date": "Date", "event_type": "Event", "actor": "Actor", "opponent": "Opponent",
                 "status": "Status", "claimed_by": "Claimed by", "confirmed_by": "Confirmed by",
                 "quote": "Quote", "sources": "Source", "notes": "Notes"}  # fmt: skip
PANEL_EVENT_COLUMNS = ["date", "event_type", "actor", "status", "quote", "sources"]


def deliveries_until(ctx: PageContext) -> pd.DataFrame:
    """Every delivery (with names) up to the end of the day shown."""
    rows = ctx.deliveries
    return rows[rows["date"].dt.date <= ctx.view.as_of]


def snapshot_table(ctx: PageContext) -> None:
    """Every place's state at the end of the day shown, dates as precise as known."""
    snap = report.dates_as_text(ctx.snapshot)
    st.dataframe(
        snap[list(SNAPSHOT_COLUMNS)].rename(columns=SNAPSHOT_COLUMNS),
        hide_index=True,
        width="stretch",
    )


def aid_table(rows: pd.DataFrame) -> None:
    """Deliveries (rows of `report.deliveries`) with their source and its quote."""
    if rows.empty:
        st.info("No delivery matches these filters.")
        return
    shown = report.dates_as_text(rows)
    columns = {**AID_COLUMNS, "sources": "Source", "quote": "Source quote"}
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def place_summary(ctx: PageContext, place_id: str) -> None:
    """One line: the place's state and holder at the end of the day, since when, how sure."""
    row = ctx.snapshot.set_index("place_id").loc[place_id]
    holder = row["controller"] if isinstance(row["controller"], str) else "not stated"
    line = f"At the end of {ctx.view.as_of}: **{row['state']}**, held by **{holder}**"
    if isinstance(row["besieged_by"], str):
        line += f", besieged by **{row['besieged_by']}**"
    if not pd.isna(row["since"]):
        line += f", since {report.dates_as_text(row.to_frame().T)['since'].iloc[0]}"
    st.markdown(line + f" (confidence: {row['confidence']}).")


def place_events(ctx: PageContext, place_id: str, compact: bool = False) -> None:
    """Every event at the place, with who claimed and who confirmed it, and its source
    (`compact`: the columns that fit beside the map, at most ten rows high)."""
    events = report.dates_as_text(report.place_events(ctx.dataset, place_id))
    if events.empty:
        return
    columns = PANEL_EVENT_COLUMNS if compact else EVENT_COLUMNS
    height = 390 if compact and len(events) > 10 else "auto"
    st.dataframe(events[list(columns)].rename(columns=EVENT_COLUMNS), hide_index=True,
                 width="stretch", height=height)  # fmt: skip


def place_deliveries(ctx: PageContext, place_id: str) -> None:
    """The deliveries that reached the place, all dates."""
    rows = report.deliveries(ctx.dataset, place_ids={place_id})
    if rows.empty:
        st.caption("No aid delivery recorded.")
    else:
        aid_table(rows)
