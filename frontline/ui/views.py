"""Page building blocks: each draws one thing from a PageContext by calling the package."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import areas, charts, clusters, control, forms, maps, report, timeline
from frontline.dates import STEPS, shift
from frontline.errors import FrontlineError
from frontline.gazetteer.geocoder import candidates_table
from frontline.io import export
from frontline.model import CONTEXT_KINDS
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
    """The situation map for the chosen day. Its borders and legend stay; the places layer is
    swapped in place when the day or a filter changes, so pan and zoom are kept, and panning
    reruns nothing. A click on a place opens it in the side panel."""
    layers, actors = ctx.view.layers, ctx.tables["actors"]
    shapes = data.boundaries(ctx.settings)
    places = ctx.map_places
    deliveries = _deliveries_until(ctx) if "aid" in layers else ctx.deliveries.iloc[:0]
    deliveries = deliveries[deliveries["destination_id"].isin(places["place_id"])]
    changed = frozenset(r["place_id"] for r in (ctx.changes or {}).get("changed", []))
    found = areas.estimated_areas(places, shapes["countries"]) if "areas" in layers else None
    if places.empty:
        st.info("No place matches these filters on this day.")
    layer = maps.situation_layer(
        maps.situation_data(places, actors, deliveries, changed),
        maps.areas_layer(found, actors),
    )
    base = maps.control_map(
        shapes, actors, assets=ctx.settings.map_assets, provinces="provinces" in layers,
        fit=maps.bounds(_mappable(ctx.tables["places"])), changed=ctx.changes is not None,
        tiles=ctx.settings.tiles,
    )  # fmt: skip
    center, zoom = _focus(ctx)
    out = st_folium(base, key=key, height=620, use_container_width=True,
                    feature_group_to_add=layer, center=center, zoom=zoom,
                    returned_objects=CLICK_OBJECTS)  # fmt: skip
    _select_clicked(ctx, out or {})


def _mappable(places: pd.DataFrame) -> pd.DataFrame:
    """Every place of the data the map could show, whatever the day: the map fits them once,
    so that its fixed part, and the reader's pan and zoom, stay when the day changes."""
    return places[~places["kind"].isin(CONTEXT_KINDS)]


def _focus(ctx: PageContext) -> tuple[tuple[float, float] | None, int | None]:
    """Centre the map on the place chosen by link or picker (a place clicked on the map is
    already in view: the map does not jump)."""
    place = st.session_state.get(frame.KEY_PLACE)
    known = ctx.tables["places"].set_index("place_id")
    if not place or place not in known.index or st.session_state.get("_place_from_map"):
        return None, None
    return (float(known.at[place, "lat"]), float(known.at[place, "lon"])), FOCUS_ZOOM


FOCUS_ZOOM = clusters.LAST_ZOOM + 1  # a place linked to is drawn alone, not in a cluster
CLICK_OBJECTS = ["last_object_clicked", "last_object_clicked_tooltip"]  # all the page reads


def _select_clicked(ctx: PageContext, out: dict) -> None:
    """A new click on a place selects it (in the session and the URL)."""
    click = out.get("last_object_clicked")
    if not click or click == st.session_state.get("_map_click"):
        return
    st.session_state["_map_click"] = click
    place = maps.clicked_place(ctx.map_places, out.get("last_object_clicked_tooltip"), click)
    if place:
        st.session_state[frame.KEY_PLACE] = place
        st.session_state["_place_from_map"] = True
        st.query_params[frame.KEY_PLACE] = place


def place_panel(ctx: PageContext) -> None:
    """The chosen place's state, events with their sources, and aid, beside the map."""
    place = st.session_state.get(frame.KEY_PLACE)
    if not place or place not in set(ctx.tables["places"]["place_id"]):
        st.info("Click a place on the map for its history and sources.")
        return
    name = ctx.tables["places"].set_index("place_id").at[place, "name"]
    st.subheader(name)
    place_summary(ctx, place)
    place_events(ctx, place, compact=True)
    place_deliveries(ctx, place)
    left, right = st.columns(2)
    link = urlencode({**st.query_params.to_dict(), frame.KEY_PLACE: place})
    left.markdown(f"[📍 Full history](Place?{link})")  # the Place page, same view
    right.button("Close", key="close_place", on_click=_close_place)


def _close_place() -> None:
    for key in (frame.KEY_PLACE, "_place_from_map"):
        st.session_state.pop(key, None)
    st.query_params.pop(frame.KEY_PLACE, None)


STEP_KEY, PLAY_KEY, SLIDER_KEY, STOP_PLAY = "step", "playing", "day_slider", "_stop_play"
PLAY_SECONDS = 1.5  # while playing, one step every tick


def date_player(ctx: PageContext) -> None:
    """A slider over the days of the data, steps back and forward by day, week, month or year,
    and play (one step per tick until the last day)."""
    known = report.span(ctx.tables)
    if known is None:
        return
    first, last = min(known[0], ctx.view.as_of), max(known[1], ctx.view.as_of)
    if st.session_state.pop(STOP_PLAY, False):
        st.session_state[PLAY_KEY] = False
    st.session_state[SLIDER_KEY] = ctx.view.as_of
    cols = st.columns([8, 2, 1, 1, 2], vertical_alignment="bottom")
    if first < last:  # a slider needs two days
        cols[0].slider("Day", first, last, key=SLIDER_KEY, format="YYYY-MM-DD",
                       on_change=_set_day)  # fmt: skip
    cols[1].selectbox("Step", STEPS, index=2, key=STEP_KEY)
    cols[2].button(
        "◀", key="step_back", help="One step back", on_click=_step, args=(-1, first, last)
    )
    cols[3].button("▶", key="step_on", help="One step on", on_click=_step, args=(1, first, last))
    cols[4].toggle("Play", key=PLAY_KEY, help=f"One step every {PLAY_SECONDS} s")
    if st.session_state.get(PLAY_KEY):
        _play(last)


def _set_day() -> None:
    st.session_state[frame.KEY_DATE] = st.session_state[SLIDER_KEY]


def _step(n: int, first: dt.date, last: dt.date) -> None:
    day = shift(st.session_state[frame.KEY_DATE], st.session_state.get(STEP_KEY, "month"), n)
    st.session_state[frame.KEY_DATE] = min(max(day, first), last)


@st.fragment(run_every=PLAY_SECONDS)
def _play(last: dt.date) -> None:
    """While playing, each tick moves one step on and reruns the page; at the last day it
    stops. The page's own run calls this too: a step is only taken a tick after the last."""
    now = time.monotonic()
    if now - st.session_state.get("_played_at", 0.0) < PLAY_SECONDS * 0.9:
        return
    st.session_state["_played_at"] = now
    day = st.session_state[frame.KEY_DATE]
    if day >= last:
        st.session_state[STOP_PLAY] = True
    else:
        st.session_state[frame.PENDING_DATE] = min(
            shift(day, st.session_state.get(STEP_KEY, "month")), last
        )
    st.rerun()  # the widgets exist already: the next run sets them (frame, date_player)


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


SOURCES_LISTED = 20


def sources_list(ctx: PageContext) -> None:
    """The newest sources (a war's dataset cites hundreds; the Place and Timeline pages show
    each fact's)."""
    sources = ctx.tables["sources"].sort_values("published_at", ascending=False)
    lines = [
        f"- **{s.publisher}**, “{s.title}”, "
        f"{s.dateline if isinstance(s.dateline, str) else ''} {s.published_at.date().isoformat()}"
        for s in sources.head(SOURCES_LISTED).itertuples()
    ]
    st.markdown("\n".join(lines))
    if len(sources) > SOURCES_LISTED:
        st.caption(f"The newest {SOURCES_LISTED} of {len(sources):,} sources.")


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
    """CSV and Excel of the chosen deliveries, built when clicked (Excel of a war's deliveries
    takes seconds: not on every rerun)."""
    left, right = st.columns(2)
    left.download_button("Download CSV", lambda: export.to_csv(rows), "frontline-aid.csv",
                         "text/csv", key="aid_csv")  # fmt: skip
    right.download_button(
        "Download Excel",
        lambda: export.to_excel(rows, "aid deliveries"),
        "frontline-aid.xlsx",
        key="aid_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


TIMELINE_DESTINATIONS = 40  # more, and a row per destination no longer reads: weekly totals


def aid_timeline(rows: pd.DataFrame) -> None:
    """A row per destination, a dot per delivery; weekly totals when there are many places."""
    if rows.empty:
        return
    if rows["destination_id"].nunique() <= TIMELINE_DESTINATIONS:
        st.altair_chart(charts.deliveries_timeline(rows), width="stretch")
        return
    weekly = timeline.weekly_aid(rows.rename(columns={"destination_id": "destination_place_id"}))
    st.altair_chart(charts.weekly_aid(weekly), width="stretch")
    st.caption(f"{rows['destination_id'].nunique():,} places: deliveries per week, all places.")


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


def place_events(ctx: PageContext, place_id: str, compact: bool = False) -> None:
    """Every event at the place, with who claimed and who confirmed it, and its source
    (`compact`: the columns that fit beside the map, at most ten rows high)."""
    events = report.dates_as_text(report.place_events(ctx.tables, place_id))
    if events.empty:
        return
    columns = PANEL_EVENT_COLUMNS if compact else EVENT_COLUMNS
    height = 390 if compact and len(events) > 10 else "auto"
    st.dataframe(events[list(columns)].rename(columns=EVENT_COLUMNS), hide_index=True,
                 width="stretch", height=height)  # fmt: skip


PANEL_EVENT_COLUMNS = ["date", "event_type", "actor", "status", "quote", "sources"]


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
