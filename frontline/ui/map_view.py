"""The Map page's blocks: the date player, the comparison day, the situation map, the side panel
of the place clicked, what changed between the two days (and what was first reported), and a
warning when the day shown lies far past the newest evidence."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline import areas, clusters, context, html_text, labels, maps, report
from frontline.dates import STEPS, shift
from frontline.frames import among
from frontline.maps import context as context_map
from frontline.model import CONTEXT_KINDS
from frontline.ui import data, keys, widgets
from frontline.ui.frame import PageContext
from frontline.ui.urlstate import EARLIEST, stale_note

FOCUS_ZOOM = clusters.LAST_ZOOM + 1  # a place linked to is drawn alone, not in a cluster
CLICK_OBJECTS = ["last_object_clicked", "last_object_clicked_tooltip"]  # all the page reads
PLAY_SECONDS = 1.5  # while playing, one step every tick


def compare_picker(ctx: PageContext) -> None:
    """An optional second date: the map then rings what changed since its end."""
    options = {} if keys.SINCE in st.session_state else {"value": None}
    since = st.date_input("Highlight changes since the end of", key=keys.SINCE,
                          format="YYYY-MM-DD", min_value=EARLIEST, max_value=dt.date.today(),
                          **options)  # fmt: skip
    if since is not None and since >= ctx.view.as_of:
        st.caption("The comparison day must come before the day shown: nothing is compared.")


def changes_table(ctx: PageContext) -> None:
    """Net changes between the two dates with round trips (changed hands and back), then apart
    the places first reported in the window: nothing was known of them before, so they did not
    change."""
    found = ctx.changes
    if found is None:
        return
    rows = report.changes_table(found)
    changed = rows[rows["kind"] != "first_reported"]
    first = rows[rows["kind"] == "first_reported"]
    if changed.empty:
        st.info(f"Nothing known changed between {ctx.view.since} and {ctx.view.as_of}.")
    else:
        st.dataframe(labels.table(changed, labels.CHANGES), hide_index=True, width="stretch")
    if not first.empty:
        st.markdown(f"**First reported** after {ctx.view.since} (not known before: not a change)")
        st.dataframe(labels.table(first, labels.FIRST_REPORTED), hide_index=True, width="stretch")


def evidence_note(ctx: PageContext) -> None:
    """Warn when the day shown is far past the newest evidence anywhere in the data."""
    note = stale_note(ctx.view, ctx.dataset.span)
    if note:
        st.warning(note)


def _change_sets(ctx: PageContext) -> tuple[frozenset[str], frozenset[str]]:
    """The places that changed, and those first reported, since the comparison day."""
    found = ctx.changes or {}
    return (frozenset(r["place_id"] for r in found.get("changed", [])),
            frozenset(r["place_id"] for r in found.get("first_reported", [])))  # fmt: skip


def _areas(ctx: PageContext, countries: dict):
    """The estimated areas for the day, or None (with the reason on the page) when the layer is
    off or the evidence too thin to draw any without misleading."""
    if "areas" not in ctx.view.layers:
        return None
    places, day = ctx.map_places, ctx.view.as_of
    newest = areas.newest_evidence(ctx.dataset.control_events, day)
    thin = areas.too_thin(places, newest, day)
    if thin:
        st.caption(thin)
        return None
    st.caption(f"Estimated areas: up to {areas.HELD_RADIUS_KM:g} km around a place held "
               f"({areas.POCKET_RADIUS_KM:g} km when besieged or contested), shrinking for "
               f"evidence older than {areas.FRESH_DAYS} days, none past {areas.STALE_DAYS}: "
               "a guess for the eye, never a fact.")  # fmt: skip
    return areas.estimated_areas(places, countries, newest, day)


def _context(ctx: PageContext) -> dict | None:
    """The context layer's data for the day, or None (saying why under the map) when the layer
    is off or nothing is recorded. Not narrowed by the actor and type filters: those choose
    places by who holds them, and these events change no holder."""
    if "context" not in ctx.view.layers:
        return None
    events = ctx.dataset.context_events
    if events.empty:
        st.caption("Other events (context): none is recorded (an ACLED import brings them).")
        return None
    found = context.per_place(context.window(events, ctx.view.as_of))
    shown = context_map.context_data(found, ctx.dataset.places_by_id, ctx.view.as_of)
    st.caption(context_map.summary_line(shown))
    return shown


def control_map(ctx: PageContext) -> None:
    """The situation map for the chosen day. Its borders and legend stay; the places layer is
    swapped in place when the day or a filter changes, so pan and zoom are kept, and panning
    reruns nothing. A click on a place opens it in the side panel."""
    layers, actors = ctx.view.layers, ctx.dataset.actors
    shapes = data.boundaries(ctx.settings)
    places = ctx.map_places
    shown = widgets.deliveries_until(ctx) if "aid" in layers else ctx.deliveries.iloc[:0]
    shown = shown[among(shown["destination_id"], places["place_id"])]
    changed, first = _change_sets(ctx)
    found = _areas(ctx, shapes["countries"])
    if places.empty:
        st.info("No place matches these filters on this day.")
    layer = maps.situation_layer(
        maps.situation_data(places, actors, shown, changed, first=first, day=ctx.view.as_of,
                            areas=maps.areas_label(found)),
        maps.areas_layer(found, actors), _context(ctx),
    )  # fmt: skip
    base = maps.control_map(
        shapes, actors, assets=ctx.settings.map_assets, provinces="provinces" in layers,
        fit=maps.bounds(_mappable(ctx.dataset.places)), changed=ctx.changes is not None,
        tiles=ctx.settings.tiles,
    )  # fmt: skip
    center, zoom = _focus(ctx)
    out = st_folium(base, key=keys.CONTROL_MAP, height=620, use_container_width=True,
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
    place = st.session_state.get(keys.PLACE)
    known = ctx.dataset.places_by_id
    if not place or place not in known.index or st.session_state.get(keys.PLACE_FROM_MAP):
        return None, None
    return (float(known.at[place, "lat"]), float(known.at[place, "lon"])), FOCUS_ZOOM


def _select_clicked(ctx: PageContext, out: dict) -> None:
    """A new click on a place selects it (in the session and the URL)."""
    click = out.get("last_object_clicked")
    if not click or click == st.session_state.get(keys.MAP_CLICK):
        return
    st.session_state[keys.MAP_CLICK] = click
    place = maps.clicked_place(ctx.map_places, out.get("last_object_clicked_tooltip"), click)
    if place:
        st.session_state[keys.PLACE] = place
        st.session_state[keys.PLACE_FROM_MAP] = True
        st.query_params[keys.PARAM_PLACE] = place


def place_panel(ctx: PageContext) -> None:
    """The chosen place's state, events with their sources, and aid, beside the map."""
    place = st.session_state.get(keys.PLACE)
    if not place or place not in ctx.dataset.place_ids:
        st.info("Click a place on the map for its history and sources.")
        return
    st.subheader(html_text.markdown_literal(ctx.dataset.place_names[place]))  # never Markdown
    widgets.place_summary(ctx, place)
    widgets.place_events(ctx, place, compact=True)
    widgets.place_deliveries(ctx, place)
    left, right = st.columns(2)
    link = urlencode({**st.query_params.to_dict(), keys.PARAM_PLACE: place})
    left.markdown(f"[📍 Full history](Place?{link})")  # the Place page, same view
    right.button("Close", key=keys.CLOSE_PLACE, on_click=_close_place)


def _close_place() -> None:
    for key in (keys.PLACE, keys.PLACE_FROM_MAP):
        st.session_state.pop(key, None)
    st.query_params.pop(keys.PARAM_PLACE, None)


def date_player(ctx: PageContext) -> None:
    """A slider over the days of the data, steps back and forward by day, week, month or year,
    and play (one step per tick until the last day)."""
    known = ctx.dataset.span
    if known is None:
        return
    first, last = min(known[0], ctx.view.as_of), max(known[1], ctx.view.as_of)
    if st.session_state.pop(keys.STOP_PLAY, False):
        st.session_state[keys.PLAYING] = False
    st.session_state[keys.DAY_SLIDER] = ctx.view.as_of
    cols = st.columns([8, 2, 1, 1, 2], vertical_alignment="bottom")
    if first < last:  # a slider needs two days
        cols[0].slider("Day", first, last, key=keys.DAY_SLIDER, format="YYYY-MM-DD",
                       on_change=_set_day)  # fmt: skip
    cols[1].selectbox("Step", STEPS, key=keys.STEP)  # seeded from the URL by the frame
    cols[2].button("◀", key=keys.STEP_BACK, help="One step back", on_click=_step,
                   args=(-1, first, last))  # fmt: skip
    cols[3].button("▶", key=keys.STEP_ON, help="One step on", on_click=_step,
                   args=(1, first, last))  # fmt: skip
    cols[4].toggle("Play", key=keys.PLAYING, help=f"One step every {PLAY_SECONDS} s")
    if st.session_state.get(keys.PLAYING):
        _play(last)


def _set_day() -> None:
    st.session_state[keys.AS_OF] = st.session_state[keys.DAY_SLIDER]


def _step(n: int, first: dt.date, last: dt.date) -> None:
    day = shift(st.session_state[keys.AS_OF], st.session_state.get(keys.STEP, "month"), n)
    st.session_state[keys.AS_OF] = min(max(day, first), last)


@st.fragment(run_every=PLAY_SECONDS)
def _play(last: dt.date) -> None:
    """While playing, each tick moves one step on and reruns the page; at the last day it
    stops. The page's own run calls this too: a step is only taken a tick after the last."""
    now = time.monotonic()
    if now - st.session_state.get(keys.PLAYED_AT, 0.0) < PLAY_SECONDS * 0.9:
        return
    st.session_state[keys.PLAYED_AT] = now
    day = st.session_state[keys.AS_OF]
    if day >= last:
        st.session_state[keys.STOP_PLAY] = True
    else:
        st.session_state[keys.PENDING_DAY] = min(
            shift(day, st.session_state.get(keys.STEP, "month")), last
        )
    st.rerun()  # the widgets exist already: the next run sets them (frame, date_player)
