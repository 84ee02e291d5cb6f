"""Dates as news states them: partial ISO dates with a precision, and relative expressions.

A report says "two weeks ago", "since September" or "on Tuesday"; Frontline stores the resolved date
with its precision (day, week, month, year) so that a fact known only to the year is never mistaken
for a day-precise one. Relative expressions resolve against the source's dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from frontline.vocabulary import Precision

PRECISIONS = Precision.names()  # frontline.vocabulary: day, week, month, year
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FILLER = re.compile(r"^(?:since|in|on|from|by|as of|earlier|later|its|the)\s+", re.IGNORECASE)
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial(text: str) -> tuple[dt.date, str]:
    """'2014' → (2014-01-01, 'year'); '2015-09' → month; '2016-06-29' → day.

    The date is the start of the period, so sorting by date never puts a vague fact after a
    precise one from the same period.
    """
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year, month, day = match.groups()
    date = dt.date(int(year), int(month or 1), int(day or 1))
    return date, "day" if day else "month" if month else "year"


PARTIAL_WIDTH = {"year": 4, "month": 7}  # characters of an ISO date a precision keeps; else 10


def format_partial(date: dt.date, precision: str) -> str:
    """The inverse of parse_partial: only as many parts as the precision knows."""
    return date.isoformat()[: PARTIAL_WIDTH.get(precision, 10)]


def format_partials(dates: pd.Series, precisions: Iterable[object]) -> list[str | None]:
    """`format_partial` of a whole column at once (None where no date; a precision that is not
    text counts as a day): the map and the tables write tens of thousands of dates per run, so
    this is numpy's, not a Python loop's."""
    days = pd.to_datetime(pd.Series(dates)).to_numpy("datetime64[D]")
    text = np.datetime_as_string(days, unit="D")
    width = pd.Series(list(precisions), dtype=object).map(PARTIAL_WIDTH).to_numpy()
    for keep in set(PARTIAL_WIDTH.values()):
        cut = width == keep
        text[cut] = text[cut].astype(f"<U{keep}")
    out = text.astype(object)
    out[np.isnat(days)] = None
    return out.tolist()


def resolve(expression: str, anchor: dt.date) -> tuple[dt.date, str]:
    """Resolve a news expression against the dateline `anchor`: the date and its precision.

    Weekday names mean the latest such day on or before the dateline (a Wednesday report's
    "Wednesday" is that same day, "Tuesday" the day before). Everything else goes to dateparser,
    preferring the past; the date is moved to the start of its period.
    """
    text = expression.strip().lower()
    while _FILLER.match(text):
        text = _FILLER.sub("", text)
    if text in _WEEKDAYS:
        back = (anchor.weekday() - _WEEKDAYS.index(text)) % 7
        return anchor - dt.timedelta(days=back), "day"
    from dateparser.date import DateDataParser  # slow to import: only when a date needs it

    base = dt.datetime.combine(anchor, dt.time(12))
    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        raise ValueError(f"cannot resolve the date expression {expression!r}")
    date, precision = data.date_obj.date(), data.period or "day"
    if precision == "year":
        date = date.replace(month=1, day=1)
    elif precision == "month":
        date = date.replace(day=1)
    return date, precision


STEPS = ("day", "week", "month", "year")


def shift(day: dt.date, unit: str, n: int = 1) -> dt.date:
    """`day` moved by `n` units of STEPS (negative: back); a month or year step from the 31st
    lands on the last day of a shorter month, as a person stepping through a calendar expects."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit not in STEPS:
        raise ValueError(f"unknown step {unit!r}: one of {STEPS}")
    months = n * (12 if unit == "year" else 1)
    return (pd.Timestamp(day) + pd.DateOffset(months=months)).date()
