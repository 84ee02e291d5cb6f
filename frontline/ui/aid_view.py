"""The Aid page's blocks: besieged places and days without aid, the deliveries filtered, their
downloads, totals, timeline and map, the "first since" facts checked, and the delivery form."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import aid, charts, labels, maps, report, timeline
from frontline.io import export
from frontline.ui import data, keys
from frontline.ui.delivery_form import delivery_form, known_values
from frontline.ui.frame import PageContext
from frontline.ui.widgets import evidence_table

TOTALS_BY = ["organisation", *(b for b in aid.TOTAL_BY if b != "organisation")]  # default first
TIMELINE_DESTINATIONS = 40  # more, and a row per destination no longer reads: weekly totals
__all__ = ["access_table", "aid_downloads", "aid_filters", "aid_map", "aid_timeline",
           "aid_totals", "delivery_form", "first_since_table"]  # fmt: skip


def access_table(ctx: PageContext) -> None:
    """Besieged places, by whom, last delivery and days without aid (or why they are unknown),
    and each population with its source, at the chosen day."""
    rows = report.access(ctx.dataset, ctx.view.as_of)
    if rows.empty:
        st.info(f"No place is recorded as besieged at the end of {ctx.view.as_of}.")
        return
    shown = labels.table(rows, labels.ACCESS)
    shown[labels.column("days_without_aid")] = [_days(r) for r in rows.to_dict("records")]
    sources = ctx.dataset.places_by_id["source"]
    pairs = zip(rows["place_id"], rows["population"], strict=True)
    shown[labels.column("population")] = [labels.population(n, sources.get(p)) for p, n in pairs]
    evidence_table(shown)
    st.caption("Days without aid count from the last delivery on record, or from the siege's "
               "start when none is; unknown when neither is known.")  # fmt: skip


def _days(row: dict) -> str:
    """Days without aid as a person reads it: a count, or 'unknown' with the reason."""
    days = row.get("days_without_aid")
    if not labels.is_missing(days):
        return labels.value("days_without_aid", days)
    reason = row.get("days_without_aid_reason")
    return f"unknown: {reason}" if isinstance(reason, str) and reason else "unknown"


def aid_filters(ctx: PageContext) -> pd.DataFrame:
    """Date range, places, organisations and items; returns the matching deliveries."""
    every = ctx.dataset.aid_deliveries
    if every.empty:
        return ctx.deliveries
    first, last = every["date"].min().date(), every["date"].max().date()
    cols = st.columns([2, 2, 2, 1])
    span = cols[0].date_input("Between", value=(first, last), key=keys.AID_SPAN)
    names = ctx.deliveries[["destination", "destination_id"]].drop_duplicates()
    places = cols[1].multiselect("Places", sorted(names["destination"]), key=keys.AID_PLACES)
    orgs = cols[2].multiselect("Organisations", known_values(every, "organisations"),
                               key=keys.AID_ORGS)  # fmt: skip
    items = cols[3].multiselect("Items", known_values(every, "items"), key=keys.AID_ITEMS)
    since, until = (span[0], span[-1]) if span else (None, None)
    ids = set(names[names["destination"].isin(places)]["destination_id"]) if places else None
    return report.deliveries(ctx.dataset, since=since, until=until, place_ids=ids,
                             organisations=set(orgs) or None, items=set(items) or None)  # fmt: skip


def aid_totals(ctx: PageContext, rows: pd.DataFrame) -> None:
    """Deliveries, convoys, trucks and people by organisation, week, month or place: the same
    totals as the Timeline and `frontline aid-totals`."""
    by = st.radio("Totals by", TOTALS_BY, horizontal=True, key=keys.AID_TOTALS_BY,
                  format_func=lambda b: labels.column(b).lower())  # fmt: skip
    totals = report.totals(ctx.dataset, by, rows)
    st.dataframe(labels.table(totals, [by, *aid.FIGURES]), hide_index=True, width="stretch")
    st.caption("A convoy's figures count once: in full in each place or organisation it counts "
               "for, and in the week or month of its first delivery.")  # fmt: skip


def aid_downloads(rows: pd.DataFrame) -> None:
    """CSV and Excel of the chosen deliveries, built when clicked (Excel of a war's deliveries
    takes seconds: not on every rerun). A download reruns nothing: a rerun would redraw the
    page for no change, and a second button clicked during it could lose its click."""
    left, right = st.columns(2)
    left.download_button("Download CSV", lambda: export.to_csv(rows), "frontline-aid.csv",
                         "text/csv", key=keys.AID_CSV, on_click="ignore")  # fmt: skip
    right.download_button(
        "Download Excel",
        lambda: export.to_excel(rows, "aid deliveries"),
        "frontline-aid.xlsx",
        key=keys.AID_XLSX,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )


def aid_timeline(rows: pd.DataFrame) -> None:
    """A row per destination, a dot per delivery; weekly totals when there are many places."""
    if rows.empty:
        return
    if rows["destination_id"].nunique() <= TIMELINE_DESTINATIONS:
        st.altair_chart(charts.deliveries_timeline(rows), width="stretch")
        return
    st.altair_chart(charts.weekly_aid(timeline.weekly_aid(rows)), width="stretch")
    st.caption(f"{rows['destination_id'].nunique():,} places: deliveries per week, all places.")


def aid_map(ctx: PageContext, rows: pd.DataFrame) -> None:
    """The deliveries' map, with how to read its stacked badges (they are not where they
    stand: their stem points at the spot)."""
    m = maps.aid_map(rows, data.boundaries(ctx.settings), assets=ctx.settings.map_assets)
    st_folium(m, key=keys.AID_MAP, height=420, use_container_width=True, returned_objects=[])
    st.caption("✚ a place that received aid; click it for its deliveries. Places too close "
               "to tell apart at this zoom stand in a column whose stem points at them; a "
               "badge with a number holds that many places: click it to zoom in.")  # fmt: skip


def first_since_table(ctx: PageContext) -> None:
    """What sources say was the first delivery since a date, checked against the data."""
    checks = report.first_since_checks(ctx.dataset)
    if checks.empty:
        st.caption("No source states a “first since” fact.")
        return
    st.dataframe(labels.table(checks, labels.FIRST_SINCE), hide_index=True, width="stretch")
