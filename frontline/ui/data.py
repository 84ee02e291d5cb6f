"""Caching for the app, in one place: the store engine once per process; the `Dataset` (with
its coded control events and lookups) and each day's snapshot per store version, so a change to
the store (a form, a `frontline load`) is seen on the next script run and nothing is recomputed
otherwise."""

from __future__ import annotations

import datetime as dt
import gc

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from frontline import assets, briefing, maps, recording, registry, report, store
from frontline.config import Settings
from frontline.dataset import Dataset
from frontline.gazetteer import Gazetteer
from frontline.gazetteer.places import label
from frontline.seeding import open_store


@st.cache_resource(show_spinner=False)
def engine(settings: Settings) -> Engine:
    """Schema created and data/ loaded on first use of an empty store; Leaflet made servable."""
    assets.install_static()
    return open_store(settings)


def version(settings: Settings) -> int:
    """The store's version now (one small query per script run): the key of the caches below."""
    return store.version(engine(settings))


@st.cache_resource(max_entries=2, show_spinner="Reading the store…")
def dataset(settings: Settings, version: int) -> Dataset:
    """The store's tables, read once per store version and shared by all sessions, with the
    lookups built on them (coded events, places by id, names…), each once. The Dataset is frozen
    and its frames are treated as read-only everywhere (every engine returns new frames), so no
    copy is made (a copy per script run costs a third of a second at 100,000 events)."""
    found = Dataset.read(engine(settings))  # the version its tables were read at
    _out_of_collection()
    return found


def _out_of_collection() -> None:
    """Keep the Dataset's objects (a million lists of source ids at a whole war's size) out of
    the cyclic garbage collector's walks: each full collection walked them all, a second or more
    of a Map step spent there. What is frozen is still freed as soon as nothing refers to it; a
    Dataset that a newer store version replaced is unfrozen and collected on the next read."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@st.cache_resource(max_entries=32, show_spinner=False)
def snapshot(settings: Settings, version: int, as_of: dt.date) -> pd.DataFrame:
    """Each day's snapshot once per store version: stepping or playing through days and back
    costs one lookup per place per new day. Shared, not copied (read-only, like the Dataset):
    pickling 20,000 places' rows in and out of `cache_data` was a sixth of a second a run."""
    return report.snapshot(dataset(settings, version), as_of)


@st.cache_resource(max_entries=2, show_spinner=False)
def deliveries(settings: Settings, version: int) -> pd.DataFrame:
    """Every delivery with names, coordinates and source labels (shared, read-only)."""
    return report.deliveries(dataset(settings, version))


@st.cache_resource(show_spinner=False)
def boundaries(settings: Settings) -> dict[str, dict]:
    return maps.boundaries(settings.data_dir)


@st.cache_resource(show_spinner=False, max_entries=2)
def gazetteer_places(settings: Settings, version: int) -> pd.DataFrame:
    """Every place of the registry this store can use (bundled and added), for pickers."""
    return registry.places(settings.data_dir, engine(settings))


def save(settings: Settings, rows: dict[str, pd.DataFrame], actor: str) -> recording.Outcome:
    """Record a form's checked rows as `actor`, create-only (`frontline.recording`): a record
    the store holds is never saved over. The store's version moves, so pages then read fresh
    tables."""
    return recording.record(engine(settings), rows, actor)


@st.cache_resource(show_spinner=False, max_entries=2)
def place_labels(settings: Settings, version: int) -> dict[str, str]:
    """Picker labels of every place, by id (12,000 places: built once per store version)."""
    columns = ["place_id", "name", "aliases", "kind", "admin2", "country"]
    rows = gazetteer_places(settings, version)[columns]
    return {r["place_id"]: label(r) for r in rows.to_dict("records")}


@st.cache_resource(
    show_spinner="Loading the gazetteer (the first time builds its index)…", max_entries=2
)
def geocoder(settings: Settings, version: int) -> Gazetteer:
    """The geocoder with this store's added places, rebuilt when the store changes."""
    return registry.geocoder(settings, engine(settings))


@st.cache_data(max_entries=32, show_spinner=False)
def source_text(settings: Settings, text_path: object) -> str | None:
    """A source's full text as stored beside its metadata in seeds/ (None when not stored)."""
    if not isinstance(text_path, str) or not text_path:
        return None
    path = (settings.seeds_dir / text_path).resolve()
    if settings.seeds_dir.resolve() not in path.parents or not path.is_file():
        return None  # a path from the data never reads outside seeds/
    return path.read_text(encoding="utf-8")


@st.cache_resource(max_entries=8, show_spinner="Preparing the briefing…")
def briefing_content(
    settings: Settings,
    version: int,
    as_of: dt.date,
    since: dt.date,
    actors: frozenset[str],
    types: frozenset[str],
) -> briefing.Briefing:
    """A briefing's content once per store version, day, comparison day and filters: stepping
    through its sections or switching the theme reruns the page, not the reports."""
    return briefing.build(dataset(settings, version), as_of, since, actors=actors, types=types)


@st.cache_data(max_entries=16, show_spinner=False)
def briefing_document(settings: Settings, version: int, as_of: dt.date, since: dt.date,
                      actors: frozenset[str], types: frozenset[str], theme: str,
                      start: str, embedded: bool) -> str:  # fmt: skip
    """The briefing's HTML (`briefing.document`): the page's copy (`embedded`, on `start`) and
    the file it offers, the same one `frontline brief` writes."""
    found = briefing_content(settings, version, as_of, since, actors, types)
    parts = briefing_map(settings, version, as_of, since, actors, types)
    return briefing.document(dataset(settings, version), found, boundaries(settings),
                             theme=theme, start=start, embedded=embedded, parts=parts)  # fmt: skip


@st.cache_resource(max_entries=8, show_spinner=False)
def briefing_map(settings: Settings, version: int, as_of: dt.date, since: dt.date,
                 actors: frozenset[str], types: frozenset[str]) -> briefing.MapParts:  # fmt: skip
    """The briefing's map, drawn once whatever section or theme the page shows, and shared by
    the page's copy and the file it offers."""
    found = briefing_content(settings, version, as_of, since, actors, types)
    return briefing.map_parts(dataset(settings, version), found, boundaries(settings))
