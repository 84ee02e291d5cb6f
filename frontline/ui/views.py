"""Page building blocks: each draws one thing from a PageContext by calling the package."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import areas, charts, control, forms, maps, report
from frontline.errors import FrontlineError
from frontline.gazetteer.geocoder import candidates_table
from frontline.io import export
from frontline.ui import data, frame
from frontline.ui.frame import PageContext
from frontline.ui.urlstate import EARLIEST

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
    rows = ctx.deliveries
    return rows[rows["date"].dt.date <= ctx.view.as_of]


def headline(ctx: PageContext) -> None:
    snap = ctx.snapshot
    delivered = _deliveries_until(ctx)
    cols = st.columns(4)
    cols[0].metric("Places tracked", len(snap))
    cols[1].metric("Besieged", int((snap["state"] == "besieged").sum()))
    cols[2].metric("Aid deliveries", len(delivered))
    cols[3].metric("Sources", len(ctx.tables["sources"]))


def compare_picker(ctx: PageContext) -> None:
    """An optional second date: the map then rings what changed since its end."""
    options = {} if frame.KEY_SINCE in st.session_state else {"value": None}
    since = st.date_input("Highlight changes since the end of", key=frame.KEY_SINCE,
                          format="YYYY-MM-DD", min_value=EARLIEST, max_value=dt.date.today(),
                          **options)  # fmt: skip
    if since is not None and since >= ctx.view.as_of:
        st.caption("The comparison day must come before the day shown: nothing is compared.")


def changes_table(ctx: PageContext) -> None:
    """Net changes between the two dates, and round trips (changed hands and back) apart."""
    found = ctx.changes
    if found is None:
        return
    rows = report.changes_table(found)
    if rows.empty:
        st.info(f"Nothing changed between {ctx.view.since} and {ctx.view.as_of}.")
        return
    st.dataframe(rows[list(CHANGE_COLUMNS)].rename(columns=CHANGE_COLUMNS), hide_index=True,
                 width="stretch")  # fmt: skip


CHANGE_COLUMNS = {"kind": "Change", "place": "Place", "before_controller": "Held by before",
                  "before_state": "State before", "after_controller": "Held by after",
                  "after_state": "State after", "via": "Passing through"}  # fmt: skip


def control_map(ctx: PageContext, key: str = "control_map") -> None:
    """The situation map for the chosen day; no rerun on pan or zoom."""
    layers = ctx.view.layers
    deliveries = _deliveries_until(ctx)
    found = ctx.changes
    changed = frozenset(r["place_id"] for r in (found or {}).get("changed", []))
    m = maps.control_map(
        ctx.snapshot,
        ctx.tables,
        deliveries,
        data.boundaries(ctx.settings),
        assets=ctx.settings.map_assets,
        provinces="provinces" in layers,
        aid="aid" in layers,
        changed=changed,
        areas=areas.estimated_areas(ctx.snapshot, data.boundaries(ctx.settings)["countries"])
        if "areas" in layers
        else None,
    )
    st_folium(m, key=key, height=620, use_container_width=True, returned_objects=[])


def snapshot_table(ctx: PageContext) -> None:
    snap = report.dates_as_text(ctx.snapshot)
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


def access_table(ctx: PageContext) -> None:
    """Besieged places, by whom, last delivery and days without aid, at the chosen day."""
    rows = report.access(ctx.tables, ctx.view.as_of)
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


ACCESS_COLUMNS = {"place": "Place", "besieged_by": "Besieged by", "besieged_since": "Since",
                  "last": "Last delivery", "days_without_aid": "Days without aid",
                  "counted_from": "Counted from", "population": "Population"}  # fmt: skip


def aid_filters(ctx: PageContext) -> pd.DataFrame:
    """Date range, places, organisations and items; returns the matching deliveries."""
    every = ctx.tables["aid_deliveries"]
    if every.empty:
        return ctx.deliveries
    first, last = every["date"].min().date(), every["date"].max().date()
    cols = st.columns([2, 2, 2, 1])
    span = cols[0].date_input("Between", value=(first, last), key="aid_span")
    names = ctx.deliveries[["destination", "destination_id"]].drop_duplicates()
    places = cols[1].multiselect("Places", sorted(names["destination"]), key="aid_places")
    orgs = cols[2].multiselect("Organisations", _values(every, "organisations"), key="aid_orgs")
    items = cols[3].multiselect("Items", _values(every, "items"), key="aid_items")
    since, until = (span[0], span[-1]) if span else (None, None)
    ids = set(names[names["destination"].isin(places)]["destination_id"]) if places else None
    return report.deliveries(ctx.tables, since=since, until=until, place_ids=ids,
                             organisations=set(orgs) or None, items=set(items) or None)  # fmt: skip


def _values(frame: pd.DataFrame, column: str) -> list[str]:
    return sorted({v for values in frame[column] for v in values})


def aid_table(rows: pd.DataFrame) -> None:
    if rows.empty:
        st.info("No delivery matches these filters.")
        return
    shown = report.dates_as_text(rows)
    columns = {**AID_COLUMNS, "sources": "Source", "quote": "Source quote"}
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def aid_totals(ctx: PageContext, rows: pd.DataFrame) -> None:
    """Deliveries, convoys, trucks and people by organisation, month or place."""
    by = st.radio("Totals by", ["organisation", "month", "place"], horizontal=True,
                  key="aid_totals_by")  # fmt: skip
    st.dataframe(report.totals(ctx.tables, rows, by), hide_index=True, width="stretch")
    st.caption("A convoy's figures count once per row even when it reached several places.")


def aid_downloads(rows: pd.DataFrame) -> None:
    left, right = st.columns(2)
    left.download_button("Download CSV", export.to_csv(rows), "frontline-aid.csv", "text/csv",
                         key="aid_csv")  # fmt: skip
    right.download_button(
        "Download Excel",
        export.to_excel(rows, "aid deliveries"),
        "frontline-aid.xlsx",
        key="aid_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def aid_timeline(rows: pd.DataFrame) -> None:
    if not rows.empty:
        st.altair_chart(charts.deliveries_timeline(rows), width="stretch")


def aid_map(ctx: PageContext, rows: pd.DataFrame, key: str = "aid_map") -> None:
    m = maps.aid_map(rows, data.boundaries(ctx.settings), assets=ctx.settings.map_assets)
    st_folium(m, key=key, height=420, use_container_width=True, returned_objects=[])


def first_since_table(ctx: PageContext) -> None:
    """What sources say was the first delivery since a date, checked against the data."""
    checks = report.first_since_checks(ctx.tables)
    if checks.empty:
        st.caption("No source states a “first since” fact.")
        return
    shown = report.dates_as_text(checks)
    st.dataframe(shown[["place", "date", "reported_first_since", "previous_delivery", "verdict"]],
                 hide_index=True, width="stretch")  # fmt: skip


def delivery_form(ctx: PageContext) -> None:
    """Record a delivery; it is checked, then stored in one transaction with who and when."""
    places = data.gazetteer_places(ctx.settings)
    labels = dict(zip(places["place_id"], places["name"] + " (" + places["kind"] + ", "
                      + places["country"] + ")", strict=True))  # fmt: skip
    known_orgs = _values(ctx.tables["aid_deliveries"], "organisations")
    with st.form("delivery_form", clear_on_submit=False):
        st.markdown("**Record a delivery**")
        a, b = st.columns(2)
        destination = a.selectbox(
            "Destination",
            sorted(labels, key=labels.get),
            index=None,
            format_func=labels.get,
            placeholder="Type a place name",
        )
        date = b.date_input(
            "Date", value=min(ctx.view.as_of, dt.date.today()), max_value=dt.date.today()
        )
        orgs = a.multiselect("Organisations", known_orgs, accept_new_options=True)
        items = b.multiselect(
            "Items",
            ["food", "medical", "water", "shelter", "fuel", "hygiene"],
            accept_new_options=True,
        )
        trucks = a.number_input("Trucks", min_value=0, step=1, value=None)
        people = b.number_input("People reached", min_value=0, step=1, value=None)
        publisher = a.text_input("Source publisher")
        title = b.text_input("Source title")
        url = a.text_input("Source address (optional)")
        published = b.date_input("Source date", value=None, max_value=dt.date.today())
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
    added = counts["aid_deliveries"]["added"]
    st.success("Delivery saved." if added else "This delivery was already recorded.")


def place_picker(ctx: PageContext) -> str | None:
    """Choose a place of the dataset (its id lives in the URL)."""
    places = ctx.tables["places"].sort_values("name")
    names = dict(zip(places["place_id"], places["name"] + " (" + places["kind"] + ")",
                     strict=True))  # fmt: skip
    if st.session_state.get(frame.KEY_PLACE) not in names:
        st.session_state.pop(frame.KEY_PLACE, None)
    options = {} if frame.KEY_PLACE in st.session_state else {"index": None}
    return st.selectbox("Place", list(names), key=frame.KEY_PLACE, format_func=names.get,
                        placeholder="Choose a place", **options)  # fmt: skip


def place_summary(ctx: PageContext, place_id: str) -> None:
    row = ctx.snapshot.set_index("place_id").loc[place_id]
    holder = row["controller"] if isinstance(row["controller"], str) else "not stated"
    line = f"At the end of {ctx.view.as_of}: **{row['state']}**, held by **{holder}**"
    if isinstance(row["besieged_by"], str):
        line += f", besieged by **{row['besieged_by']}**"
    if not pd.isna(row["since"]):
        line += f", since {report.dates_as_text(row.to_frame().T)['since'].iloc[0]}"
    st.markdown(line + f" (confidence: {row['confidence']}).")


def place_timeline(ctx: PageContext, place_id: str) -> None:
    intervals = control.history(ctx.tables["control_events"], place_id)
    if intervals.empty:
        st.info("No control event is recorded for this place.")
        return
    until = pd.Timestamp(ctx.view.as_of)
    st.altair_chart(charts.control_timeline(intervals, ctx.tables["actors"], until),
                    width="stretch")  # fmt: skip


EVENT_COLUMNS = {"date": "Date", "event_type": "Event", "actor": "Actor", "opponent": "Opponent",
                 "status": "Status", "claimed_by": "Claimed by", "confirmed_by": "Confirmed by",
                 "quote": "Quote", "sources": "Source", "notes": "Notes"}  # fmt: skip


def place_events(ctx: PageContext, place_id: str) -> None:
    """Every event at the place, with who claimed and who confirmed it, and its source."""
    events = report.dates_as_text(report.place_events(ctx.tables, place_id))
    if events.empty:
        return
    st.dataframe(events[list(EVENT_COLUMNS)].rename(columns=EVENT_COLUMNS), hide_index=True,
                 width="stretch")  # fmt: skip


def place_deliveries(ctx: PageContext, place_id: str) -> None:
    rows = report.deliveries(ctx.tables, place_ids={place_id})
    if rows.empty:
        st.caption("No aid delivery recorded.")
    else:
        aid_table(rows)


COUNTRY_HINTS = [None, "SY", "IQ", "TR", "LB", "JO"]


def place_search(ctx: PageContext) -> None:
    """Type a name as a source writes it; see every candidate with its score, on a map."""
    left, right = st.columns([3, 1])
    query = left.text_input("Name as written", key="geo_query", placeholder="e.g. Deir Ezzor")
    country = right.selectbox("Country hint", COUNTRY_HINTS, key="geo_country",
                              format_func=lambda c: c or "none")  # fmt: skip
    if not query.strip():
        return
    rows = pd.DataFrame(candidates_table(data.geocoder(ctx.settings), query, country))
    if rows.empty:
        st.warning(f"“{query}” is not a place the offline gazetteer knows.")
        return
    st.dataframe(rows, hide_index=True, width="stretch")
    m = maps.candidates_map(rows, data.boundaries(ctx.settings), assets=ctx.settings.map_assets)
    st_folium(m, key="candidates_map", height=420, use_container_width=True, returned_objects=[])
