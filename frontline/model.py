"""The data model: every table's columns, dtypes and rules, in one place.

Other modules name columns through these specs (or the constants below) instead of spelling them
again. Turning raw text into these tables, with every problem named, is `frontline.validation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from frontline.dates import PRECISIONS
from frontline.vocabulary import EventType, Status

LIST_SEPARATOR = ";"
EVENT_TYPES = EventType.names()  # the words of frontline.vocabulary, as plain text
STATUSES = Status.names()
CONTEXT_KINDS = ("country",)  # drawn as borders, never as places held or estimated
# What a place is. `district` is a part of a town (west Harasta); admin1–3 are the governorate,
# the district and the sub-district as areas (their seats are towns).
PLACE_KINDS = (
    "town",
    "village",
    "neighbourhood",
    "district",
    "admin1",
    "admin2",
    "admin3",
    "region",
    "airbase",
    "military_base",
    "border_crossing",
    "dam",
    "oil_field",
    "industrial_site",
    "naval_base",
    "camp",
    "hill",
    "outposts",
    "country",
)
SIDES = ("government", "opposition", "jihadist", "kurdish-led", "coalition", "foreign")
FIGURE_SCOPES = ("convoy", "destination")


@dataclass(frozen=True)
class Column:
    """One column: its kind drives parsing, dtype and checks."""

    name: str
    kind: str  # str | int | float | date | precision | list | choice
    required: bool = False
    choices: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None
    references: str | None = None  # "table.column" that must hold every value (or list item)

    @property
    def dtype(self) -> str:
        return {
            "str": "string",
            "choice": "string",
            "precision": "string",
            "int": "Int64",
            "float": "float64",
            "date": "datetime64[s]",
            "list": "object",
        }[self.kind]


@dataclass(frozen=True)
class Table:
    """A table: its name, key column and columns, in order."""

    name: str
    key: str
    columns: tuple[Column, ...]
    file: str = ""  # where the curated CSV lives under data/

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _date(name: str, required: bool = False) -> tuple[Column, Column]:
    """A date and its precision always travel together."""
    return (
        Column(name, "date", required=required),
        Column(f"{name}_precision", "precision", choices=PRECISIONS),
    )


PLACES = Table(
    "places",
    "place_id",
    (
        Column("place_id", "str", required=True),
        Column("name", "str", required=True),
        Column("kind", "choice", required=True, choices=PLACE_KINDS),
        Column("lat", "float", required=True, bounds=(-90, 90)),
        Column("lon", "float", required=True, bounds=(-180, 180)),
        Column("country", "str", required=True),
        Column("admin1", "str"),  # GeoNames code, "SY.09"
        Column("admin2", "str"),  # district and sub-district names, where a source gives them
        Column("admin3", "str"),
        Column("population", "int", bounds=(0, 1e9)),
        Column("aliases", "list"),  # "name" or "name@lang" (ar, ku, tr …; pcode for p-codes)
        Column("source", "str", required=True),
    ),
    file="gazetteer/curated.csv",
)

ACTORS = Table(
    "actors",
    "actor_id",
    (
        Column("actor_id", "str", required=True),
        Column("name", "str", required=True),
        Column("aliases", "list"),
        Column("color", "str", required=True),
        Column("side", "choice", required=True, choices=SIDES),
        Column("parent", "str", references="actors.actor_id"),
        Column("source", "str"),
    ),
    file="actors.csv",
)

SOURCES = Table(
    "sources",
    "source_id",
    (
        Column("source_id", "str", required=True),
        Column("publisher", "str", required=True),
        Column("title", "str", required=True),
        Column("dateline", "str"),
        Column("url", "str"),
        *_date("published_at", required=True),
        Column("text_path", "str"),
        Column("notes", "str"),
    ),
)

CONTROL_EVENTS = Table(
    "control_events",
    "event_id",
    (
        Column("event_id", "str", required=True),
        *_date("date", required=True),
        Column("seq", "int", bounds=(0, 1e6)),
        Column("date_text", "str"),
        Column("place_id", "str", required=True, references="places.place_id"),
        Column("place_name", "str"),
        Column("event_type", "choice", required=True, choices=EVENT_TYPES),
        Column("actor_id", "str", references="actors.actor_id"),
        Column("opponent_id", "str", references="actors.actor_id"),
        Column("status", "choice", required=True, choices=STATUSES),
        Column("claimed_by", "str"),
        Column("confirmed_by", "str"),
        Column("source_ids", "list", required=True, references="sources.source_id"),
        Column("quote", "str", required=True),
        Column("notes", "str"),
    ),
    file="control_events.csv",
)

AID_DELIVERIES = Table(
    "aid_deliveries",
    "delivery_id",
    (
        Column("delivery_id", "str", required=True),
        Column("convoy_id", "str", required=True),
        *_date("date", required=True),
        Column("date_text", "str"),
        Column("origin_place_id", "str", references="places.place_id"),
        Column("destination_place_id", "str", required=True, references="places.place_id"),
        Column("place_name", "str"),
        Column("organisations", "list"),
        Column("trucks", "int", bounds=(0, 1e5)),
        Column("beneficiaries", "int", bounds=(0, 1e9)),
        Column("figures_scope", "choice", choices=FIGURE_SCOPES),
        Column("items", "list"),
        *_date("reported_first_since"),
        Column("status", "choice", required=True, choices=STATUSES),
        Column("source_ids", "list", required=True, references="sources.source_id"),
        Column("quote", "str", required=True),
        Column("notes", "str"),
    ),
    file="aid_deliveries.csv",
)

# What happened at a place that does not change who holds it (ACLED's battles, shelling, strikes,
# protests …): shown on the map and the Place page as context, never read by the control engine.
# `event_type`/`sub_event_type` keep the importing dataset's own words (ACLED's), not ours.
CONTEXT_EVENTS = Table(
    "context_events",
    "event_id",
    (
        Column("event_id", "str", required=True),
        *_date("date", required=True),
        Column("place_id", "str", required=True, references="places.place_id"),
        Column("place_name", "str"),
        Column("event_type", "str", required=True),
        Column("sub_event_type", "str"),
        Column("actor_id", "str", references="actors.actor_id"),
        Column("opponent_id", "str", references="actors.actor_id"),
        Column("fatalities", "int", bounds=(0, 1e6)),
        Column("source_ids", "list", required=True, references="sources.source_id"),
        Column("quote", "str"),
        Column("notes", "str"),
    ),
)

TABLES = {t.name: t for t in (PLACES, ACTORS, SOURCES, CONTROL_EVENTS, AID_DELIVERIES,
                              CONTEXT_EVENTS)}  # fmt: skip


def empty(table: Table) -> pd.DataFrame:
    """A table with no rows but the right columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in table.columns})


def typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of already-parsed values the table's columns and dtypes."""
    out = empty(table) if frame.empty else frame.reindex(columns=table.names).copy()
    for column in table.columns:
        if column.kind == "date":
            out[column.name] = pd.to_datetime(out[column.name]).astype("datetime64[s]")
        elif column.kind == "list":
            out[column.name] = [
                list(v) if isinstance(v, list | tuple) else [] for v in out[column.name]
            ]
        else:
            out[column.name] = out[column.name].astype(column.dtype)
    return out.reset_index(drop=True)


def as_date(value: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """Accept a date, a Timestamp or an ISO string wherever a function takes a date."""
    return pd.Timestamp(value).normalize()
