"""ACLED's columns and codes across its releases, and what each means in Frontline's words.

ACLED has changed its export several times, and a team holds files from all of them:

- the **current** export (since March 2023): `disorder_type`, `civilian_targeting` and `tags`
  added; `inter1`/`inter2` and `interaction` written as text ("State forces") in the newest
  files, as numbers before;
- the **2019–2023** export: `data_id`, `event_id_no_cnty` and `iso3` besides the rest,
  `inter1`/`inter2` as numbers, dates written "27 March 2016";
- the **old** upper-case export: `EVENT_ID_CNTY`, `ALLY_ACTOR_1`, `GWNO`, `GEO_PRECISION`, dates
  "27/03/2016", no sub-event types: territory changes were event types of their own
  ("Battle-Government regains territory").

Every release is read into one normalised set, the current column names; the columns a release
had and the current one dropped are kept only in the raw row (for the export back). The codes are
mapped once, each in the module named for it: time precision to a date precision
(`acled_dates`), geo precision to a matching tolerance and the country to ISO-2 (`acled_geo`),
territory sub-events to our event types (`acled_event_types`), inter codes to a side
(`acled_inter`). They are all named here too, so that the importer, the export and the tests read
ACLED's vocabulary as `acled_columns.X` from one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from frontline.errors import DataError
from frontline.imports.acled_dates import (
    DATE_FORMATS,
    PRECISIONS,
    TIME_PRECISION,
    our_dates,
    parse_dates,
)
from frontline.imports.acled_event_types import (
    DERIVED_TYPES,
    DISORDER,
    OLD_EVENT_TYPES,
    TAG_PRECISION,
    TAG_STATUS,
    TAG_TYPE,
    TERRITORY,
    Territory,
    disorder_types,
    event_types,
    tags,
)
from frontline.imports.acled_geo import BY_ISO2, COUNTRIES, TOLERANCE_KM, Country, country
from frontline.imports.acled_inter import (
    ARMED,
    EXTERNAL,
    INTER_NAMES,
    SIDE_COLOURS,
    SIDE_INTER,
    SIDE_OF_INTER,
    STATE,
    colour,
    inter_code,
    side,
)

__all__ = [
    "ARMED", "BY_ISO2", "COUNTRIES", "CURRENT", "DATE_FORMATS", "DERIVED_TYPES", "DISORDER",
    "DROPPED", "EXPORT_2019", "EXTERNAL", "INTER_NAMES", "KNOWN", "OLD_EVENT_TYPES", "OLD_UPPER",
    "OPTIONAL", "PRECISIONS", "RENAMED", "REQUIRED", "SIDE_COLOURS", "SIDE_INTER",
    "SIDE_OF_INTER", "STATE", "TAG_PRECISION", "TAG_STATUS", "TAG_TYPE", "TERRITORY",
    "TIME_PRECISION", "TOLERANCE_KM", "Country", "Header", "Territory", "colour", "country",
    "disorder_types", "event_types", "header", "inter_code", "our_dates", "parse_dates", "side",
    "tags",
]  # fmt: skip

CURRENT = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
EXPORT_2019 = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
OLD_UPPER = (
    "GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION",
    "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2",
    "INTERACTION", "COUNTRY", "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE",
    "GEO_PRECISION", "SOURCE", "NOTES", "FATALITIES",
)  # fmt: skip
# Old names of current columns (after lower-casing).
RENAMED = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2",
           "geo_precis": "geo_precision"}  # fmt: skip
# Columns of some release that the current export does not have: kept in the raw row only.
DROPPED = ("data_id", "event_id_no_cnty", "iso3", "gwno")
# Columns ACLED's export tool adds on request.
OPTIONAL = ("population_1km", "population_2km", "population_5km", "population_best")
KNOWN = frozenset((*CURRENT, *DROPPED, *OPTIONAL))
REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "location", "latitude",
            "longitude")  # fmt: skip


@dataclass(frozen=True)
class Header:
    """How a file's header reads: each given column's normalised name, and the release."""

    names: dict[str, str]  # column as written → normalised name
    release: str  # "current" | "2019-2023" | "old"


def header(columns: Iterable[str], origin: str) -> Header:
    """Normalise a file's header, refusing a column no ACLED release has (a typo would drop its
    data without a word) and a missing one the import needs; both listed by name."""
    columns = list(columns)
    names = {c: RENAMED.get(c.strip().lower(), c.strip().lower()) for c in columns}
    unknown = [c for c, n in names.items() if n not in KNOWN]
    missing = [c for c in REQUIRED if c not in names.values()]
    if not {"country", "iso", "iso3", "gwno"} & set(names.values()):
        missing.append("country")
    twice = sorted({n for n in names.values() if list(names.values()).count(n) > 1})
    problems = [f"missing column(s) {', '.join(missing)}"] if missing else []
    if unknown:
        problems.append(f"column(s) no ACLED export has: {', '.join(unknown)}")
    if twice:
        problems.append(f"column(s) given twice under old and new names: {', '.join(twice)}")
    if problems:
        raise DataError("not an ACLED export: " + "; ".join(problems), file=origin, row=1)
    found = set(names.values())
    release = ("old" if all(c == c.upper() for c in columns)
               else "2019-2023" if {"data_id", "event_id_no_cnty", "iso3"} & found
               else "current")  # fmt: skip
    return Header(names, release)
