"""One `Dataset`: the six tables of a store version, with the lookups every report needs.

The pages and the CLI asked the same questions of the raw tables over and over — a place's name
by id, an actor's name, a place's events, a source's label — each rebuilding its own index. A
Dataset answers them from indexes built once (lazily, on first use) and kept as long as the
Dataset lives: the app shares one per store version between all sessions, the CLI builds one per
command. It is frozen and its tables are treated as read-only everywhere (every engine returns
new frames), so sharing it needs no copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from frontline import control, control_index, model, store
from frontline.control_arrays import Events
from frontline.day_search import ByDay
from frontline.html_text import bidi_closed
from frontline.names import matching
from frontline.vocabulary import Precision

TABLES = ("places", "actors", "sources", "control_events", "aid_deliveries", "context_events")


@dataclass(frozen=True, eq=False)  # eq=False: frames do not compare to a bool; identity will do
class Dataset:
    """The tables of one store version (or of files), and lookups built from them once."""

    places: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    control_events: pd.DataFrame
    aid_deliveries: pd.DataFrame
    context_events: pd.DataFrame
    version: int | None = None  # the store version the tables were read at; None: not a store

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame], version: int | None = None) -> Dataset:
        """A Dataset of `tables` (as `store.read_tables` or `read_dataset` return them); a table
        left out is empty, so a test can build one from the table it is about."""
        return cls(
            **{name: tables[name] if name in tables else model.empty(model.TABLES[name])
               for name in TABLES},
            version=version,
        )  # fmt: skip

    @classmethod
    def read(cls, engine: Engine) -> Dataset:
        """The store's tables now, with the version they were read at (one consistent view)."""
        version, tables = store.read_versioned(engine)
        return cls.from_tables(tables, version=version)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as `from_tables` takes them."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in TABLES}

    # places

    @cached_property
    def places_by_id(self) -> pd.DataFrame:
        """Every place, indexed by its id (name, kind, lat, lon, population …)."""
        return self.places.set_index("place_id")

    @cached_property
    def places_by_name(self) -> pd.DataFrame:
        """Id, name (as `place`), kind and point of every place, sorted by name once: the
        order of every snapshot's rows."""
        columns = ["place_id", "name", "kind", "lat", "lon"]
        places = self.places[columns].rename(columns={"name": "place"})
        return places.sort_values("place", kind="stable").reset_index(drop=True)

    @cached_property
    def place_names(self) -> pd.Series:
        """Place id → the gazetteer's name."""
        return self.places_by_id["name"]

    @cached_property
    def place_ids(self) -> frozenset[str]:
        return frozenset(self.places["place_id"])

    def match_places(self, query: str) -> set[str]:
        """The ids of the places whose id, name or alias is `query` (spelling folded)."""
        return matching(self.places, "place_id", query)

    # actors

    @cached_property
    def actor_names(self) -> dict[str, str]:
        """Actor id → name."""
        return dict(zip(self.actors["actor_id"], self.actors["name"], strict=True))

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(self.actors["actor_id"])

    def resolve_actor(self, name: str) -> str | None:
        """The id of the actor `name` stands for, as sources write it (IS, ISIL, Daesh …: its
        id, name or any alias, spelling folded); None when no actor, or more than one, answers
        to it."""
        found = matching(self.actors, "actor_id", name)
        return found.pop() if len(found) == 1 else None

    # sources

    @cached_property
    def source_labels(self) -> dict[str, str]:
        """Source id → 'Associated Press, 2016-06-29' (a direction mark in the publisher closed
        before the date, which would otherwise read backwards)."""
        return {s.source_id: f"{bidi_closed(s.publisher)}, {s.published_at.date()}"
                for s in self.sources.itertuples()}  # fmt: skip

    def cite(self, cited: pd.Series) -> pd.Series:
        """For each list of source ids in `cited`, their labels joined with '; ' (unknown ids
        left out): one dictionary for all rows, as a war's dataset cites thousands of sources."""
        label = self.source_labels
        return cited.map(lambda ids: "; ".join(label[i] for i in ids if i in label))

    # control events

    @cached_property
    def coded(self) -> Events:
        """The control events coded and ordered for the array engine, once: every snapshot and
        comparison of this Dataset reuses them."""
        return control.index(self.control_events)

    @cached_property
    def control_index(self) -> control_index.Index:
        """The coded events with every row's state computed once: a snapshot of any day is
        then a lookup per place (the Map's day steps at a whole war's size)."""
        return control_index.build(self.control_events, self.coded)

    @cached_property
    def delivery_days(self) -> ByDay:
        """Deliveries by destination and date, to count a day's deliveries per place quickly."""
        deliveries = self.aid_deliveries
        return ByDay.of(deliveries["destination_place_id"], deliveries["date"])

    @cached_property
    def ordered_events(self) -> pd.DataFrame:
        """The control events grouped by place, each place's in the order they happened."""
        return control.ordered(self.control_events)

    @cached_property
    def _event_rows(self) -> dict[str, np.ndarray]:
        return self.ordered_events.groupby("place_id", sort=False).indices

    def events_at(self, place_id: str) -> pd.DataFrame:
        """One place's control events, in order (none for a place without events)."""
        rows = self._event_rows.get(place_id)
        return self.ordered_events.iloc[rows if rows is not None else []]

    # dates

    @cached_property
    def first_evidence(self) -> dict[str, pd.DataFrame]:
        """Each place's earliest control event ("events") and earliest event or aid delivery
        ("any"): `date` and `date_precision`, indexed by place id. The map marks a place that
        is not reported yet on its day with when it first will be; once per Dataset, not per
        map."""
        events = earliest(self.control_events.set_index("place_id"))
        deliveries = earliest(self.aid_deliveries.set_index("destination_place_id"))
        return {"events": events, "any": earliest(pd.concat([events, deliveries]))}

    @cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day anything happened in the data (None when nothing did)."""
        dates = pd.concat([self.control_events["date"], self.aid_deliveries["date"]]).dropna()
        if dates.empty:
            return None
        return dates.min().date(), dates.max().date()


STALE_AFTER_DAYS = 90  # a day this long after the newest evidence gets a warning


def days_past_evidence(span: tuple[dt.date, dt.date] | None, as_of: dt.date) -> int | None:
    """How many days `as_of` lies after the newest evidence (`Dataset.span`), when that is more
    than STALE_AFTER_DAYS: the states shown are then the last known, and may be out of date.
    None otherwise. The Map page and the briefing warn by this one rule."""
    if not span or (as_of - span[1]).days <= STALE_AFTER_DAYS:
        return None
    return (as_of - span[1]).days


def earliest(frame: pd.DataFrame) -> pd.DataFrame:
    """Per index value (a place id), the row with the earliest `date`, its `date` and
    `date_precision`; of several on that date the most precise (a day-precise 2016-01-01 over
    "2016", which stands for the same first day)."""
    rows = frame[["date", "date_precision"]].dropna(subset=["date"])
    rank = rows["date_precision"].map(Precision.codes()).fillna(Precision.DAY.code)
    rows = rows.assign(_rank=rank.to_numpy()).rename_axis("place_id").reset_index()
    rows = rows.sort_values(["date", "_rank"], kind="stable").drop_duplicates("place_id")
    return rows.set_index("place_id")[["date", "date_precision"]]
