"""Every row of an ACLED file checked before anything else happens.

A bad row stops the import, naming the file, the row as a spreadsheet shows it and the column as
the file spells it, with every other bad row beside it (up to `MAX_ERRORS`): the person fixes
them all in one go rather than one per attempt. What passes is parsed into the values the import
works with: dates and their precision, the point and its tolerance, fatalities, inter codes,
the country as ISO-2, and the event type and status of a row of Frontline's own export.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from frontline.errors import DataError, ValidationError
from frontline.imports import acled_columns as columns
from frontline.imports.acled_rows import mapped
from frontline.vocabulary import EventType, Precision, Status

MAX_ERRORS = 1000  # problems collected before giving up on a file: enough to see the pattern


@dataclass
class Problems:
    """Bad cells, collected over the whole file so that the person fixes them in one go."""

    origin: str
    spelled: dict[str, str]  # normalised column → as the file writes it
    found: list[DataError]

    def add(self, bad: pd.Series, field: str, message) -> None:
        """One problem per row where `bad` holds; `message(index)` says what is wrong there."""
        for index in bad.index[bad.to_numpy()][: MAX_ERRORS - len(self.found)]:
            self.found.append(DataError(message(index), file=self.origin, row=int(index) + 2,
                                        field=self.spelled.get(field, field)))  # fmt: skip

    def raise_any(self) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            raise ValidationError(sorted(self.found, key=lambda e: (e.row or 0, e.field)))


def checked(text: pd.DataFrame, head: columns.Header, origin: str) -> pd.DataFrame:
    """The rows parsed (dates, numbers, codes, country), or every problem found in them."""
    spelled = {normal: written for written, normal in head.names.items()}
    problems = Problems(origin, spelled, [])
    out = pd.DataFrame(index=text.index)
    out["external_id"] = text["event_id_cnty"]
    _check_ids(out["external_id"], problems)
    _dates(text, out, problems)
    _numbers(text, out, problems)
    kind, sub = columns.event_types(text["event_type"], text["sub_event_type"])
    out["event_type"], out["sub_event_type"] = kind, sub
    problems.add(kind == "", "event_type", lambda i: "no event type")
    for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "location", "admin1",
                 "source", "notes", "event_date"):  # fmt: skip
        out[name] = text[name]
    problems.add((out["actor1"] == "") & (out["tag_type"] == ""), "actor1",  # ours may not
                 lambda i: "no actor: ACLED names actor1 always")  # fmt: skip
    problems.add(out["location"] == "", "location", lambda i: "no location name")
    _countries(text, out, problems)
    problems.raise_any()
    return out


def _check_ids(ids: pd.Series, problems: Problems) -> None:
    problems.add(ids == "", "event_id_cnty", lambda i: "no event id")
    twice = ids.duplicated() & (ids != "")
    first = {value: index for index, value in ids[~ids.duplicated()].items()}
    problems.add(twice, "event_id_cnty", lambda i: f"event {ids[i]} is also on row "
                                                   f"{int(first[ids[i]]) + 2}")  # fmt: skip


def _dates(text: pd.DataFrame, out: pd.DataFrame, problems: Problems) -> None:
    """The event's day and its precision as Frontline keeps them (`acled_columns.our_dates`)."""
    day = columns.parse_dates(text["event_date"])
    problems.add(
        day.isna(),
        "event_date",
        lambda i: (
            f"{text.at[i, 'event_date']!r} is not a "
            "date as ACLED writes one (2016-03-27, 27 March 2016 or 27/03/2016)"
        ),
    )
    year = pd.to_numeric(text["year"], errors="coerce")
    wrong = (text["year"] != "") & day.notna() & (year != day.dt.year)
    problems.add(wrong, "year", lambda i: f"year {text.at[i, 'year']} but the event date is "
                                          f"{day[i]:%Y-%m-%d}")  # fmt: skip
    code = _code(text["time_precision"], default=1)
    problems.add(~code.isin(list(columns.PRECISIONS)), "time_precision",
                 lambda i: f"{text.at[i, 'time_precision']!r}: ACLED's time precision is 1 (the "
                 "day), 2 (the week) or 3 (the month)")  # fmt: skip
    out["precision"] = code.map(columns.PRECISIONS)
    _tags(text, out, problems)
    out["precision"] = out["precision"].where(out["tag_precision"] == "", out["tag_precision"])
    out["date"] = columns.our_dates(day, out["precision"])


TAGGED = ((columns.TAG_TYPE, "tag_type", EventType.names()),
          (columns.TAG_STATUS, "tag_status", Status.names()),
          (columns.TAG_PRECISION, "tag_precision", Precision.names()))  # fmt: skip


def _tags(text: pd.DataFrame, out: pd.DataFrame, problems: Problems) -> None:
    """Frontline's own words in `tags` (its export's: `acled_columns.TAG_TYPE` …), checked."""
    for _, column, _ in TAGGED:
        out[column] = ""
    ours = text["tags"].str.contains("frontline", case=False, regex=False)
    for index, cell in text.loc[ours, "tags"].items():
        found = columns.tags(cell)
        for name, column, allowed in TAGGED:
            value = found.get(name, "")
            if value and value not in allowed:
                problems.add(pd.Series([True], index=[index]), "tags",
                             lambda i, n=name, v=value, a=allowed: f"{n}={v!r}: one of "
                             f"{', '.join(a)}")  # fmt: skip
            else:
                out.at[index, column] = value


def _code(values: pd.Series, default: int) -> pd.Series:
    """A column of small codes as numbers: blank is `default`, anything not a whole number -1."""
    number = pd.to_numeric(values, errors="coerce")
    whole = number.notna() & (number == number.round())
    return pd.Series(np.where(values == "", default, np.where(whole, number, -1)),
                     index=values.index).astype(int)  # fmt: skip


def _numbers(text: pd.DataFrame, out: pd.DataFrame, problems: Problems) -> None:
    """Point, geo precision (as a tolerance), fatalities, timestamp and inter codes."""
    for name, column, low, high in (("lat", "latitude", -90, 90), ("lon", "longitude", -180, 180)):
        value = pd.to_numeric(text[column], errors="coerce")
        problems.add(value.isna() | (value < low) | (value > high), column,
                     lambda i, c=column, lo=low, hi=high: f"{text.at[i, c]!r} is not a "
                     f"{c} (a number from {lo} to {hi})")  # fmt: skip
        out[name] = value
    geo = _code(text["geo_precision"], default=1)
    problems.add(
        ~geo.isin(list(columns.TOLERANCE_KM)),
        "geo_precision",
        lambda i: f"{text.at[i, 'geo_precision']!r}: ACLED's geo precision is 1, 2 or 3",
    )
    out["geo_precision"] = geo
    out["tolerance_km"] = geo.map(columns.TOLERANCE_KM)
    deaths = pd.to_numeric(text["fatalities"], errors="coerce")
    bad = (text["fatalities"] != "") & (deaths.isna() | (deaths < 0)
                                                    | (deaths != deaths.round()))  # fmt: skip
    problems.add(bad, "fatalities", lambda i: f"{text.at[i, 'fatalities']!r} is not a number "
                                              "of people (a whole number, 0 or more)")  # fmt: skip
    out["fatalities"] = deaths.where(~bad).astype("Int64")
    stamp = text["timestamp"]
    problems.add(
        (stamp != "") & ~stamp.str.fullmatch(r"\d+(\.0)?"),
        "timestamp",
        lambda i: f"{stamp[i]!r} is not ACLED's timestamp (seconds since 1970)",
    )
    out["timestamp"] = stamp.str.removesuffix(".0")
    for name in ("inter1", "inter2"):
        given = text[name]
        code = mapped(given, columns.inter_code)
        problems.add((given != "") & code.isna(), name,
                     lambda i, n=name: f"{text.at[i, n]!r} is not one of ACLED's actor types "
                     f"(1–8, or {', '.join(columns.INTER_NAMES.values())})")  # fmt: skip
        out[name] = code.astype("Int64")


def _countries(text: pd.DataFrame, out: pd.DataFrame, problems: Problems) -> None:
    """ISO-2 of each row's country, from the name, numeric ISO, ISO3, GWNO or the event id."""
    found = mapped(text["country"], columns.country)
    rest = found == ""  # no name Frontline knows: ACLED's codes, then the id's letters
    if rest.any():
        fields = [text.get(c, pd.Series("", index=text.index))[rest].astype(str).tolist()
                  for c in ("country", "iso", "iso3", "gwno", "event_id_cnty")]  # fmt: skip
        found[rest] = [columns.country(*key) for key in zip(*fields, strict=True)]
    out["country"] = found
    known = ", ".join(c.name for c in columns.COUNTRIES)
    problems.add(out["country"] == "", "country",
                 lambda i: f"{text.at[i, 'country']!r} is not a country Frontline maps "
                 f"({known})")  # fmt: skip
