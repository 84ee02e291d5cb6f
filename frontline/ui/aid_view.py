"""The Aid page's blocks: besieged places and days without aid, the deliveries filtered, their
downloads, totals, timeline and map, the "first since" facts checked, and the delivery form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import aid, charts, forms, maps, report, timeline
from frontline.errors import FrontlineError
from frontline.io import export
from frontline.ui import data, keys
from frontline.ui.frame import PageContext

ACCESS_COLUMNS = {"place": "Place", "besieged_by": "Besieged by", "besieged_since": "Since",
                  "last": "Last delivery", "days_without_aid": "Days without aid",
                  "counted_from": "Counted from", "population": "Population"}  # fmt: skip
TOTALS_BY = ["organisation", *(b for b in aid.TOTAL_BY if b != "organisation")]  # default first
TIMELINE_DESTINATIONS = 40  # more, and a row per destination no longer reads: weekly totals
ITEMS = ["food", "medical", "water", "shelter", "fuel", "hygiene"]


def access_table(ctx: PageContext) -> None:
    """Besieged places, by whom, last delivery and days without aid, at the chosen day."""
    rows = report.access(ctx.dataset, ctx.view.as_of)
    if rows.empty:
        st.info(f"No place is recorded as besieged at the end of {ctx.view.as_of}.")
        return
    shown = report.dates_as_text(rows.rename(columns={"last_delivery": "last"}))
    shown["last"] = rows["last_delivery"].dt.date
    st.dataframe(
        shown[["place", "besieged_by", "besieged_since", "last", "days_without_aid",
               "counted_from", "population"]].rename(columns=ACCESS_COLUMNS),
        hide_index=True, width="stretch",
    )  # fmt: skip


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
    orgs = cols[2].multiselect("Organisations", _values(every, "organisations"),
                               key=keys.AID_ORGS)  # fmt: skip
    items = cols[3].multiselect("Items", _values(every, "items"), key=keys.AID_ITEMS)
    since, until = (span[0], span[-1]) if span else (None, None)
    ids = set(names[names["destination"].isin(places)]["destination_id"]) if places else None
    return report.deliveries(ctx.dataset, since=since, until=until, place_ids=ids,
                             organisations=set(orgs) or None, items=set(items) or None)  # fmt: skip


def _values(frame: pd.DataFrame, column: str) -> list[str]:
    return sorted({v for values in frame[column] for v in values})


def aid_totals(ctx: PageContext, rows: pd.DataFrame) -> None:
    """Deliveries, convoys, trucks and people by organisation, week, month or place: the same
    totals as the Timeline and `frontline aid-totals`."""
    by = st.radio("Totals by", TOTALS_BY, horizontal=True, key=keys.AID_TOTALS_BY)
    totals = report.totals(ctx.dataset, by, rows)
    st.dataframe(totals[[by, *aid.FIGURES]], hide_index=True, width="stretch")
    st.caption("A convoy's figures count once: in full in each place or organisation it counts "
               "for, and in the week or month of its first delivery.")  # fmt: skip


def aid_downloads(rows: pd.DataFrame) -> None:
    """CSV and Excel of the chosen deliveries, built when clicked (Excel of a war's deliveries
    takes seconds: not on every rerun)."""
    left, right = st.columns(2)
    left.download_button("Download CSV", lambda: export.to_csv(rows), "frontline-aid.csv",
                         "text/csv", key=keys.AID_CSV)  # fmt: skip
    right.download_button(
        "Download Excel",
        lambda: export.to_excel(rows, "aid deliveries"),
        "frontline-aid.xlsx",
        key=keys.AID_XLSX,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
    m = maps.aid_map(rows, data.boundaries(ctx.settings), assets=ctx.settings.map_assets)
    st_folium(m, key=keys.AID_MAP, height=420, use_container_width=True, returned_objects=[])


def first_since_table(ctx: PageContext) -> None:
    """What sources say was the first delivery since a date, checked against the data."""
    checks = report.first_since_checks(ctx.dataset)
    if checks.empty:
        st.caption("No source states a “first since” fact.")
        return
    shown = report.dates_as_text(checks)
    st.dataframe(shown[["place", "date", "reported_first_since", "previous_delivery", "verdict"]],
                 hide_index=True, width="stretch")  # fmt: skip


def delivery_form(ctx: PageContext) -> None:
    """Record a delivery; it is checked, then stored in one transaction with who and when."""
    places = data.gazetteer_places(ctx.settings, ctx.version)
    labels = data.place_labels(ctx.settings, ctx.version)
    known_orgs = _values(ctx.dataset.aid_deliveries, "organisations")
    today = dt.date.today()
    with st.form(keys.DELIVERY_FORM, clear_on_submit=False):
        st.markdown("**Record a delivery**")
        a, b = st.columns(2)
        destination = a.selectbox(
            "Destination",
            sorted(labels, key=labels.get),
            index=None,
            format_func=labels.get,
            placeholder="Type a place name",
        )
        date = b.date_input("Date", value=min(ctx.view.as_of, today), max_value=today)
        orgs = a.multiselect("Organisations", known_orgs, accept_new_options=True)
        items = b.multiselect("Items", ITEMS, accept_new_options=True)
        trucks = a.number_input("Trucks", min_value=0, step=1, value=None)
        people = b.number_input("People reached", min_value=0, step=1, value=None)
        publisher = a.text_input("Source publisher")
        title = b.text_input("Source title")
        url = a.text_input("Source address (optional)")
        published = b.date_input("Source date", value=None, max_value=today)
        quote = st.text_area("Quote from the source")
        who = st.text_input("Recorded by")
        submitted = st.form_submit_button("Save delivery")
    if not submitted:
        return
    form = forms.DeliveryForm(
        destination_id=destination, date=date, organisations=orgs, items=items,
        trucks=None if trucks is None else int(trucks),
        beneficiaries=None if people is None else int(people), publisher=publisher,
        title=title, url=url, published_at=published, quote=quote, recorded_by=who,
    )  # fmt: skip
    try:
        counts = data.save(ctx.settings, forms.delivery_rows(form, places), actor=who.strip())
    except FrontlineError as exc:
        st.error(str(exc))
        return
    delivery = counts["aid_deliveries"]
    if delivery["kept_deleted"]:
        st.warning("This delivery was recorded before and has been deleted since: it stays "
                   "deleted (`frontline audit` says by whom and why; `frontline restore` brings "
                   "it back).")  # fmt: skip
    elif delivery["added"]:
        st.success("Delivery saved.")
    else:
        st.success("This delivery was already recorded.")
