"""Page building blocks: each draws one thing from a PageContext by calling the package."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from frontline import maps, report
from frontline.ui import data
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


def _deliveries_until(ctx: PageContext):
    rows = report.deliveries(ctx.tables)
    return rows[rows["date"].dt.date <= ctx.view.as_of]


def headline(ctx: PageContext) -> None:
    snap = report.snapshot(ctx.tables, ctx.view.as_of)
    delivered = _deliveries_until(ctx)
    cols = st.columns(4)
    cols[0].metric("Places tracked", len(snap))
    cols[1].metric("Besieged", int((snap["state"] == "besieged").sum()))
    cols[2].metric("Aid deliveries", len(delivered))
    cols[3].metric("Sources", len(ctx.tables["sources"]))


def control_map(ctx: PageContext, key: str = "control_map") -> None:
    """The situation map for the chosen day; no rerun on pan or zoom."""
    layers = ctx.view.layers
    deliveries = _deliveries_until(ctx)
    m = maps.control_map(
        report.snapshot(ctx.tables, ctx.view.as_of),
        ctx.tables,
        deliveries,
        data.boundaries(ctx.settings),
        assets=ctx.settings.map_assets,
        provinces="provinces" in layers,
        aid="aid" in layers,
    )
    st_folium(m, key=key, height=620, use_container_width=True, returned_objects=[])


def snapshot_table(ctx: PageContext) -> None:
    snap = report.dates_as_text(report.snapshot(ctx.tables, ctx.view.as_of))
    st.dataframe(
        snap[list(SNAPSHOT_COLUMNS)].rename(columns=SNAPSHOT_COLUMNS),
        hide_index=True,
        width="stretch",
    )


def deliveries_table(ctx: PageContext) -> None:
    rows = report.dates_as_text(_deliveries_until(ctx))
    if rows.empty:
        st.info(f"No aid delivery recorded up to {ctx.view.as_of}.")
        return
    st.dataframe(
        rows[list(AID_COLUMNS)].rename(columns=AID_COLUMNS), hide_index=True, width="stretch"
    )


def sources_list(ctx: PageContext) -> None:
    for s in ctx.tables["sources"].itertuples():
        st.markdown(
            f"- **{s.publisher}**, “{s.title}”, {s.dateline or ''} "
            f"{s.published_at.date().isoformat()}"
        )
