"""The home page's blocks: the day's figures at a glance, the deliveries so far, the newest
sources (the situation table is shared with the Map: `widgets.snapshot_table`)."""

from __future__ import annotations

import streamlit as st

from frontline import report
from frontline.ui.frame import PageContext
from frontline.ui.widgets import AID_COLUMNS, deliveries_until
from frontline.vocabulary import State

SOURCES_LISTED = 20


def headline(ctx: PageContext) -> None:
    """Places tracked, besieged, deliveries so far and sources, as four figures."""
    snap = ctx.snapshot
    cols = st.columns(4)
    cols[0].metric("Places tracked", len(snap))
    cols[1].metric("Besieged", int((snap["state"] == State.BESIEGED).sum()))
    cols[2].metric("Aid deliveries", len(deliveries_until(ctx)))
    cols[3].metric("Sources", len(ctx.dataset.sources))


def deliveries_table(ctx: PageContext) -> None:
    """Every delivery up to the day shown (the Aid page filters them)."""
    rows = report.dates_as_text(deliveries_until(ctx))
    if rows.empty:
        st.info(f"No aid delivery recorded up to {ctx.view.as_of}.")
        return
    st.dataframe(
        rows[list(AID_COLUMNS)].rename(columns=AID_COLUMNS), hide_index=True, width="stretch"
    )


def sources_list(ctx: PageContext) -> None:
    """The newest sources (a war's dataset cites hundreds; the Place and Timeline pages show
    each fact's)."""
    sources = ctx.dataset.sources.sort_values("published_at", ascending=False)
    lines = [
        f"- **{s.publisher}**, “{s.title}”, "
        f"{s.dateline if isinstance(s.dateline, str) else ''} {s.published_at.date().isoformat()}"
        for s in sources.head(SOURCES_LISTED).itertuples()
    ]
    st.markdown("\n".join(lines))
    if len(sources) > SOURCES_LISTED:
        st.caption(f"The newest {SOURCES_LISTED} of {len(sources):,} sources.")
