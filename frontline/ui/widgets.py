"""What more than one page shows: the situation table (Home, Map), the deliveries table (Aid,
Place), a place's summary, events and aid (the Place page, and the Map page's side panel), and
the sources behind them. A page's own blocks live in its `*_view` module.

Text from sources is data: tables of quotes are HTML built by `html_text.table` (every cell
escaped, wrapped in full), never Markdown; headers and values come from `frontline.labels`."""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from frontline import html_text, labels, report
from frontline.frames import among
from frontline.ui import data
from frontline.ui.frame import PageContext

EVENT_DETAILS = ("opponent", "claimed_by", "confirmed_by", "notes")  # under the quote, if stated
ROWS_SHOWN = 200  # an HTML table of a war's deliveries would not load: the CSV has them all
PANEL_HEIGHT = 520  # the side panel's events scroll past this many pixels


def deliveries_until(ctx: PageContext) -> pd.DataFrame:
    """Every delivery (with names) up to the end of the day shown: a slice, as they are in date
    order (a filter of a war's 150,000 deliveries on every step of the day was a sixth of a
    second)."""
    rows = ctx.deliveries
    return rows.iloc[: rows["date"].searchsorted(pd.Timestamp(ctx.view.as_of), side="right")]


def snapshot_table(ctx: PageContext) -> None:
    """The state at the end of the day shown of the places the map keeps (the sidebar's
    filters applied; countries are context, not places), dates as precise as known."""
    kept = ctx.map_places["place_id"]
    snap = ctx.snapshot[among(ctx.snapshot["place_id"], kept)]
    if snap.empty:
        st.info("No place matches these filters on this day.")
        return
    st.dataframe(labels.table(snap, labels.SNAPSHOT), hide_index=True, width="stretch")
    st.caption(f"{len(snap):,} places, as on the map (its filters and layers applied).")


def evidence_table(shown: pd.DataFrame) -> None:
    """A table (text, from `labels.table`) whose quotes wrap in full, escaped: a quote reads
    literally, whatever Markdown or HTML it holds."""
    st.html(html_text.table(shown))


def aid_table(rows: pd.DataFrame) -> None:
    """Deliveries (rows of `report.deliveries`) with their source and its quote."""
    if rows.empty:
        st.info("No delivery matches these filters.")
        return
    columns = {**labels.headers(labels.AID), "sources": "Source", "quote": "Source quote"}
    evidence_table(labels.table(rows.head(ROWS_SHOWN), columns))
    if len(rows) > ROWS_SHOWN:
        st.caption(
            f"The first {ROWS_SHOWN:,} of {len(rows):,} deliveries: all are in the downloads."
        )


def place_summary(ctx: PageContext, place_id: str) -> None:
    """One line: the place's state and holder at the end of the day, since when (or by when,
    `control.SINCE_BASES`), how sure (names from the data are escaped HTML, never Markdown)."""
    chosen = ctx.snapshot[ctx.snapshot["place_id"] == place_id]
    shown = labels.table(chosen, labels.SNAPSHOT).iloc[0]
    r = {c: html_text.bidi(v) for c, v in shown.items()}  # a name's RTL mark stays in the name
    holder = r["Held by"] if shown["Held by"] != labels.MISSING else "not stated"
    line = f"At the end of {ctx.view.as_of}: <b>{r['State']}</b>, held by <b>{holder}</b>"
    if shown["Besieged by"] != labels.MISSING:
        line += f", besieged by <b>{r['Besieged by']}</b>"
    if shown["Since"] != labels.MISSING:  # "… or earlier (first known)" when it began unseen
        line += f", since {r['Since']}"
    st.html(f"<p>{line} (confidence: {r['Confidence']}).</p>")


def place_events(ctx: PageContext, place_id: str, compact: bool = False) -> None:
    """Every event at the place as a block (a table's ten columns are cut at laptop width and
    unreadable at 390 px): date, type, actor and status, the quote in full, who it was against,
    who claimed and who confirmed it, notes and source (`compact`, beside the map: without the
    details, scrolling when long); below, the full text and address of each source cited."""
    events = report.place_events(ctx.dataset, place_id)
    if events.empty:
        return
    shown = labels.table(events, labels.EVENTS)
    heads = [labels.column(c) for c in labels.CARD_HEADS]
    details = [] if compact else [labels.column(c) for c in EVENT_DETAILS]
    cards = html_text.cards(shown, heads, labels.column("quote"), labels.column("sources"),
                              details=details)  # fmt: skip
    if compact:
        cards = f'<div style="max-height:{PANEL_HEIGHT}px;overflow-y:auto">{cards}</div>'
    st.html(cards)
    cited = sorted({s for ids in events["source_ids"] for s in ids})
    source_texts(ctx, cited)


def source_texts(ctx: PageContext, source_ids: list[str]) -> None:
    """Each cited source in an expander: publisher, title, date, address and its full text."""
    sources = ctx.dataset.sources.set_index("source_id")
    for source_id in [s for s in source_ids if s in sources.index]:
        s = sources.loc[source_id]
        label = ctx.dataset.source_labels[source_id]
        with st.expander(f"Source: {html_text.markdown_literal(label)}", expanded=False):
            text = data.source_text(ctx.settings, s["text_path"])
            st.html(source_html(s, text))


def source_html(s: pd.Series, text: str | None) -> str:
    """A source's particulars and full text as escaped HTML (a link only to a web address)."""
    url = s.get("url")
    link = labels.MISSING
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        link = (
            f'<a href="{escape(url)}" rel="noopener noreferrer" target="_blank">{escape(url)}</a>'
        )
    parts = [
        f"<p><b>{html_text.bidi(s['publisher'])}</b>, “{html_text.bidi(s.get('title') or '')}”, "
        f"{escape(labels.value('published_at', s['published_at']))}</p>",
        f"<p>Address: {link}</p>",
    ]
    body = html_text.bidi(text) if text else "The full text of this source is not stored."
    parts.append(f'<div style="white-space:pre-wrap;max-height:420px;overflow-y:auto">{body}</div>')
    return "".join(parts)


def place_deliveries(ctx: PageContext, place_id: str) -> None:
    """The deliveries that reached the place, all dates."""
    rows = report.deliveries(ctx.dataset, place_ids={place_id})
    if rows.empty:
        st.caption("No aid delivery recorded.")
    else:
        aid_table(rows)
