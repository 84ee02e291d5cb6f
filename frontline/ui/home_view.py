"""The home page's blocks: the day's figures at a glance, the deliveries so far, the newest
sources (the situation table is shared with the Map: `widgets.snapshot_table`)."""

from __future__ import annotations

import streamlit as st

from frontline import labels
from frontline.html_text import bidi
from frontline.model import CONTEXT_KINDS
from frontline.ui import widgets
from frontline.ui.frame import PageContext
from frontline.vocabulary import State

SOURCES_LISTED = 20


def headline(ctx: PageContext) -> None:
    """Places tracked, besieged, deliveries so far and sources, as four figures."""
    snap = ctx.snapshot[~ctx.snapshot["kind"].isin(CONTEXT_KINDS)]  # countries: borders
    cols = st.columns(4)
    cols[0].metric("Places tracked", len(snap))
    cols[1].metric("Besieged", int((snap["state"] == State.BESIEGED).sum()))
    cols[2].metric("Aid deliveries", len(widgets.deliveries_until(ctx)))
    cols[3].metric("Sources", len(ctx.dataset.sources))


def deliveries_table(ctx: PageContext) -> None:
    """Every delivery up to the day shown (the Aid page filters them), each with its sources:
    no figure (trucks, people reached) without where it comes from."""
    rows = widgets.deliveries_until(ctx)
    if rows.empty:
        st.info(f"No aid delivery recorded up to {ctx.view.as_of}.")
        return
    shown = labels.table(rows, [*labels.AID, "sources"])
    st.dataframe(shown, hide_index=True, width="stretch")


def sources_list(ctx: PageContext) -> None:
    """The newest sources (a war's dataset cites hundreds; the Place and Timeline pages show
    each fact's); their words are data, escaped, never Markdown)."""
    sources = ctx.dataset.sources.sort_values("published_at", ascending=False)
    items = [
        f"<li><b>{bidi(s.publisher)}</b>, “{bidi(s.title)}”, "
        f"{bidi(s.dateline) if isinstance(s.dateline, str) else ''} "
        f"{s.published_at.date().isoformat()}</li>"
        for s in sources.head(SOURCES_LISTED).itertuples()
    ]
    if items:
        st.html(f"<ul>{''.join(items)}</ul>")
    if len(sources) > SOURCES_LISTED:
        st.caption(f"The newest {SOURCES_LISTED} of {len(sources):,} sources.")
