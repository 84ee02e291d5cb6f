"""`open_page`: the one set-up call that opens every page (config, data, URL state, sidebar)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from frontline import report
from frontline.config import PROJECT_ROOT, Settings, load_settings
from frontline.dataset import Dataset
from frontline.errors import FrontlineError
from frontline.html_text import bidi_closed
from frontline.model import EVENT_TYPES
from frontline.ui import data, keys, signin
from frontline.ui.urlstate import EARLIEST, LAYERS, ViewState, date_note, decode, encode

TILES_NOTE = {"none": "Offline: maps use bundled borders, no tiles."}
# short, so that a chosen layer's chip in the sidebar shows its whole name
LAYER_LABELS = {"aid": "Aid deliveries", "provinces": "Provinces", "areas": "Estimated areas",
                "context": "Other events"}  # fmt: skip


@dataclass(frozen=True)
class PageContext:
    """What a page's views need: settings, the dataset and the chosen view. The snapshot and the
    deliveries are computed once per script run, however many views show them."""

    settings: Settings
    version: int  # the store's, which keys every cache
    dataset: Dataset  # shared by every session of this store version: read-only
    view: ViewState

    @cached_property
    def snapshot(self) -> pd.DataFrame:
        return data.snapshot(self.settings, self.version, self.view.as_of)

    @cached_property
    def changes(self) -> dict | None:
        """What changed since the comparison day, if one is set before the day."""
        if self.view.since is None:  # the frame keeps only a day before the day shown
            return None
        return report.changes(self.dataset, self.view.since, self.view.as_of)

    @cached_property
    def map_places(self) -> pd.DataFrame:
        """The places the map draws for this view (its filters and layers applied)."""
        v = self.view
        return report.map_places(self.dataset, self.snapshot, v.as_of, since=v.since,
                                 actors=v.actors, types=v.types, aid="aid" in v.layers)  # fmt: skip

    @cached_property
    def deliveries(self) -> pd.DataFrame:
        """Every delivery, with names and coordinates."""
        return data.deliveries(self.settings, self.version)


def _default_view(ds: Dataset) -> ViewState:
    """The latest day anything happened, so a first visit opens on the newest situation."""
    known = ds.span
    return ViewState(as_of=known[1] if known else dt.date.today())


def _sidebar(
    default: ViewState, ds: Dataset, filters: bool, settings: Settings, keep: tuple[str, ...] = ()
) -> ViewState:
    """Date, layers and (`filters`) actors and event types; each widget's state is seeded from
    the URL when the session lacks it."""
    if keys.PENDING_DAY in st.session_state:
        st.session_state[keys.AS_OF] = st.session_state.pop(keys.PENDING_DAY)
    linked = decode(st.query_params.to_dict(), default, actor_ids=ds.actor_ids,
                    place_ids=ds.place_ids)  # fmt: skip
    seeds = {keys.AS_OF: linked.as_of, keys.LAYERS: [x for x in LAYERS if x in linked.layers],
             keys.SINCE: linked.since, keys.PLACE: linked.place,
             keys.ACTORS: sorted(linked.actors), keys.TYPES: sorted(linked.types),
             keys.STEP: linked.step}  # fmt: skip
    if keys.AS_OF not in st.session_state:  # a link just opened: say if its date was not used
        note = date_note(st.query_params.to_dict(), linked, ds.span)
        st.session_state[keys.LINK_NOTE] = (note, linked.as_of) if note else None
    for key, value in seeds.items():
        if key not in st.session_state and value is not None:
            st.session_state[key] = value
    with st.sidebar:
        _page_links()
        as_of = st.date_input(
            "Situation at the end of",
            key=keys.AS_OF,
            format="YYYY-MM-DD",
            min_value=EARLIEST,
            max_value=dt.date.today(),
        )
        layers = st.multiselect(
            "Layers", LAYERS, key=keys.LAYERS, format_func=LAYER_LABELS.__getitem__
        )
        if filters:
            _filters(ds)
        tiles = settings.tiles
        st.caption(TILES_NOTE.get(tiles, f"Maps load {tiles} tiles from the internet."))
        signin.sidebar(settings)
    since = st.session_state.get(keys.SINCE)  # kept only when it comes before the day shown
    view = ViewState(
        as_of=as_of,
        layers=frozenset(layers),
        since=since if since is not None and since < as_of else None,
        place=st.session_state.get(keys.PLACE),
        actors=frozenset(st.session_state.get(keys.ACTORS, ())),
        types=frozenset(st.session_state.get(keys.TYPES, ())),
        step=st.session_state.get(keys.STEP, linked.step),
    )
    kept = {k: st.query_params[k] for k in keep if k in st.query_params}  # a page's own
    st.query_params.from_dict({**kept, **encode(view)})
    return view


# The sidebar's pages, read once: the home page as "Overview", then pages/ in file order
# ('1_Map.py' → 'Map', as Streamlit would name them).
PAGE_LINKS = (
    ("dashboard.py", "Overview"),
    *((f"pages/{p.name}", re.sub(r"^\d+_", "", p.stem).replace("_", " "))
      for p in sorted((PROJECT_ROOT / "pages").glob("*.py"))),
)  # fmt: skip


def _page_links() -> None:
    """PAGE_LINKS in the sidebar. A page run alone (AppTest) knows no other page."""
    try:
        for path, label in PAGE_LINKS:
            st.page_link(path, label=label)
    except StreamlitPageNotFoundError:
        return
    st.divider()


def _filters(ds: Dataset) -> None:
    """Which actors and event types the map and the timeline keep (none chosen: all)."""
    names = ds.actor_names
    st.multiselect("Actors (holding, besieging or contesting)", list(names), key=keys.ACTORS,
                   format_func=lambda a: bidi_closed(names[a]),
                   placeholder="All actors")  # fmt: skip
    st.multiselect("Event types", EVENT_TYPES, key=keys.TYPES, placeholder="All event types",
                   format_func=lambda t: t.replace("_", " "))  # fmt: skip


def open_page(
    title: str,
    icon: str = "🗺️",
    filters: bool = False,
    *,
    sidebar: str = "auto",
    keep: tuple[str, ...] = (),
) -> PageContext:
    """Set up a page (with the actor and event-type filters in the sidebar when `filters`, the
    sidebar folded away when `sidebar` is "collapsed", and the page's own URL parameters `keep`
    kept in the URL); on a data or configuration error show it and stop the page."""
    st.set_page_config(page_title=f"{title} · Frontline", page_icon=icon, layout="wide",
                       initial_sidebar_state=sidebar)  # fmt: skip
    try:
        settings = load_settings()
        version = data.version(settings)
        signin.must_sign_in(settings)
        ds = data.dataset(settings, version)
    except FrontlineError as exc:
        st.error(str(exc))
        st.stop()
    view = _sidebar(_default_view(ds), ds, filters, settings, keep)
    note = st.session_state.get(keys.LINK_NOTE)
    if note and note[1] == view.as_of:  # until the reader picks another day
        st.warning(note[0])
    return PageContext(settings=settings, version=version, dataset=ds, view=view)
