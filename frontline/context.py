"""Context events (`model.CONTEXT_EVENTS`: the battles, strikes and protests an import such as
ACLED's brings that did not change who holds a place) for the map and the Place page. No
Streamlit: pure pandas/numpy, so a test and a benchmark call it as the pages do.

The map shows them as a density, not one mark per event: a war's export holds hundreds of
thousands. `window` keeps the events of the `WINDOW_DAYS` days up to the map's day, and
`per_place` sums them per place (count, fatalities, the types, the newest) with whole-column
operations — a factorize, `np.bincount` and one groupby — never a Python step per event, so a
day step stays fast at 1,000,000 events. Nothing here is ever read by the control engine.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from frontline.dates import format_partials
from frontline.vocabulary import Precision

# 30 days: the date player's default step is a month, so stepping month by month shows each
# month's events once, without gaps or overlaps; a shorter window (a week) would leave most of a
# quiet front empty on a given day, a longer one (a season) would show as current the fighting
# of a front that has since moved.
WINDOW_DAYS = 30
PER_PLACE = ["place_id", "events", "fatalities", "fatalities_unstated", "approximate", "newest",
             "newest_precision", "types"]  # fmt: skip
TYPE_SEPARATOR = " · "  # between "Battles 3" and "Protests 1": ACLED's types hold "/" and ","


def window(events: pd.DataFrame, day: dt.date | str, days: int = WINDOW_DAYS) -> pd.DataFrame:
    """The events dated in the `days` days ending with `day` (inclusive). An event known only
    to the week, month or year is dated by the first day of that period (as the store keeps
    it), so it falls in one window, never in every window of its year."""
    end = np.datetime64(pd.Timestamp(day).normalize() + pd.Timedelta(days=1), "s")
    start = end - np.timedelta64(days, "D")
    dates = events["date"].to_numpy("datetime64[s]")
    return events[(dates >= start) & (dates < end)]


def per_place(events: pd.DataFrame) -> pd.DataFrame:
    """One row per place of `events` (PER_PLACE, most events first): how many, the fatalities
    stated (and how many events stated none), how many are dated only to a week or coarser,
    the newest date (with its precision) and the types with their counts, most frequent first
    ("Battles 3 · Protests 1"). Every column is one pass over integer codes."""
    if events.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in PER_PLACE})
    codes, places = events["place_id"].factorize()
    n = len(places)
    deaths = events["fatalities"]
    precision = _precision_codes(events["date_precision"])
    newest, newest_rank = _newest(events["date"], precision, codes)
    out = pd.DataFrame({
        "place_id": np.asarray(places, dtype=object),
        "events": np.bincount(codes, minlength=n),
        "fatalities": _sums(codes, deaths.fillna(0).to_numpy(float), n),
        "fatalities_unstated": _sums(codes, deaths.isna().to_numpy(), n),
        "approximate": _sums(codes, precision != Precision.DAY.code, n),
        "newest": newest,
        "newest_precision": np.array(Precision.names(), dtype=object)[newest_rank],
        "types": _types(events["event_type"], codes, n),
    })  # fmt: skip
    return out.sort_values(["events", "place_id"], ascending=[False, True], ignore_index=True)


_DTYPES = {"events": "int64", "fatalities": "int64", "fatalities_unstated": "int64",
           "approximate": "int64", "newest": "datetime64[s]"}  # fmt: skip


def _sums(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n).round().astype(np.int64)


def _precision_codes(precision: pd.Series) -> np.ndarray:
    """Each event's date precision as its vocabulary code (day 0 … year 3; none: a day)."""
    found, names = precision.factorize()
    known = Precision.codes()
    lookup = np.array([known.get(name, Precision.DAY.code) for name in names] + [0], dtype=np.int64)
    return lookup[found]  # -1 (no precision) reads the last entry: a day


def _newest(dates: pd.Series, precision: np.ndarray, codes: np.ndarray):
    """Per place code, the date of its latest event and that date's precision code (of several
    on that date the most precise: "2016-08-30" over "2016-08", which starts on the 1st)."""
    seconds = dates.to_numpy("datetime64[s]").astype(np.int64)
    key = pd.Series(seconds * 4 + (3 - precision)).groupby(codes).max().to_numpy()
    return (key // 4).astype("datetime64[s]"), 3 - key % 4


def _types(types: pd.Series, codes: np.ndarray, n: int) -> np.ndarray:
    """Per place code, "Battles 3 · Protests 1": its event types by count, then by name. The
    (place, type) pairs are counted once (`np.unique` of one integer key), ordered, written as
    pieces and joined per place by one `np.add.reduceat` — however many types an import uses."""
    found, names = types.fillna("").factorize()
    names = np.asarray(names, dtype=object)
    k = max(len(names), 1)
    pairs, counts = np.unique(codes.astype(np.int64) * k + found, return_counts=True)
    place, kind = pairs // k, pairs % k
    by_name = np.argsort(np.argsort(names.astype(str)))  # each type's rank by name
    order = np.lexsort((by_name[kind], -counts, place))
    place, kind, counts = place[order], kind[order], counts[order]
    first = np.r_[True, place[1:] != place[:-1]]
    pieces = np.where(first, "", TYPE_SEPARATOR).astype(object) + names[kind] + " "
    pieces = pieces + counts.astype(str).astype(object)
    text = np.full(n, "", dtype=object)
    text[place[first]] = np.add.reduceat(pieces, np.flatnonzero(first))
    return text


def newest_text(summary: pd.DataFrame) -> list[str]:
    """Each row's newest date as text, as precise as known ("2016-08-30", "2016-08")."""
    return [t or "" for t in format_partials(summary["newest"], summary["newest_precision"])]


def at_place(events: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """One place's context events, newest first (of one day, the most precise first): ordered
    on their dates alone, then taken from the table once."""
    rows = np.flatnonzero((events["place_id"] == place_id).fillna(False).to_numpy(bool))
    dates = events["date"].to_numpy("datetime64[s]")[rows].astype(np.int64)
    rank = _precision_codes(events["date_precision"].iloc[rows])
    return events.iloc[rows[np.lexsort((rank, -dates))]]
