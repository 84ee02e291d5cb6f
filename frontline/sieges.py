"""Sieges and access: when the current siege of a place began, and how long each besieged place
has gone without aid. Only settled deliveries end a wait, and a siege whose start no source
dates (`under_siege`: "reported besieged by D") has no day count, only the reason why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from frontline import control
from frontline.control_arrays import Events
from frontline.control_index import Index
from frontline.dates import format_partial
from frontline.model import as_date
from frontline.vocabulary import SIEGE_OBSERVED, Precision, State

ACCESS_COLUMNS = [
    "place_id", "besieged_by_id", "besieged_since", "besieged_since_precision", "last_delivery",
    "last_delivery_id", "days_without_aid", "counted_from", "days_without_aid_reason",
]  # fmt: skip


def siege_start(events: pd.DataFrame, place_id: str, as_of: pd.Timestamp) -> tuple:
    """(date, precision) the current siege of a place began: its earliest `besieged` interval
    since the holder last changed, looking past contests inside the siege. (NaT, None) when
    that interval opens with an observation (`under_siege`): the start is not known."""
    chosen = events[events["date"] <= as_of]
    spans = control.history(chosen, place_id).to_dict("records")
    start = _siege_start(spans, _observations(chosen))
    return (pd.NaT, None) if start.observed else (start.date, start.precision)


class SiegeStart(NamedTuple):
    """Where the current siege of a place begins in its history: the opening of its earliest
    besieged interval, and whether that opening is only an observation ("reported besieged
    on D", `under_siege`), so that the siege began at some unknown point before `date`."""

    date: pd.Timestamp
    precision: str | None
    observed: bool = False


def _observations(events: pd.DataFrame) -> set[str]:
    """The ids of events that observe a siege without dating its start."""
    return set(events.loc[events["event_type"].isin(SIEGE_OBSERVED), "event_id"])


def _siege_start(spans: list[dict], observations: set[str]) -> SiegeStart:
    """`siege_start` from one place's control intervals (records), oldest first."""
    start = SiegeStart(pd.NaT, None)
    holder = spans[-1]["controller_id"] if spans else None
    for span in reversed(spans):
        if not _same(span["controller_id"], holder):
            break
        if span["state"] == State.BESIEGED:
            start = SiegeStart(span["from"], span["from_precision"],
                               span["opened_by"] in observations)  # fmt: skip
        elif span["state"] != State.CONTESTED:
            break
    return start


def _same(a: object, b: object) -> bool:
    """Equal, with every kind of missing value equal to every other (None, NaN, NA)."""
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def days_without_aid(
    deliveries: pd.DataFrame, events: pd.DataFrame, as_of: dt.date | str,
    coded: Events | Index | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Every place besieged at the end of `as_of`: its last delivery since the siege began, and
    the days since.

    Only deliveries that sources report or confirm count (a claim does not end a wait), and only
    those on or after the siege's start; with none, days count from the siege's start
    (`counted_from` = siege_start), approximate when that start is known only to the month or
    year. When the siege's start is not known (the sources only report the place besieged by
    some day, `under_siege`), only deliveries from that day on count, and with none there is no
    count: `days_without_aid` is NA, `counted_from` None and `days_without_aid_reason` says
    why in plain words. `coded` (a Dataset's `control_index`, or `control.index(events)`) saves
    coding the events again.
    """
    day = as_date(as_of)
    snap = control.snapshot(events, day, coded=coded)
    settled = deliveries[
        (deliveries["date"] <= day) & ~deliveries["status"].isin(control.UNSETTLED)
    ]
    besieged = snap[snap["state"] == State.BESIEGED]
    ids = besieged["place_id"].tolist()
    known = events[events["date"] <= day]
    observations = _observations(known[known["place_id"].isin(ids)])
    spans = _by_place(control.histories(known, ids).to_dict("records"), "place_id")
    received = settled[settled["destination_place_id"].isin(ids)].sort_values(
        ["date", "delivery_id"]
    )
    received = _by_place(received[list(Delivery._fields)].itertuples(index=False, name="Delivery"),
                         "destination_place_id")  # fmt: skip
    rows = []
    for place in besieged.itertuples():  # plain Python per place: a war besieges hundreds
        start = _siege_start(spans.get(place.place_id, []), observations)
        rows.append({"place_id": place.place_id, "besieged_by_id": place.besieged_by_id,
                     **_wait(start, received.get(place.place_id, []), day)})  # fmt: skip
    out = pd.DataFrame(rows, columns=ACCESS_COLUMNS)
    for column in ("besieged_since", "last_delivery"):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[s]")
    out["days_without_aid"] = out["days_without_aid"].astype("Int64")
    return out


class Delivery(NamedTuple):
    """What a wait needs of one delivery."""

    destination_place_id: str
    date: pd.Timestamp
    date_precision: str | None
    delivery_id: str


def _by_place(rows: Iterable, key: str) -> dict[str, list]:
    """Rows (records or named tuples) grouped by their `key` field, each group in order."""
    out: dict[str, list] = {}
    for row in rows:
        out.setdefault(row[key] if isinstance(row, dict) else getattr(row, key), []).append(row)
    return out


def _wait(start: SiegeStart, done: list[Delivery], day: pd.Timestamp) -> dict:
    """One besieged place's last delivery and days without aid, from its siege's start and the
    deliveries it received by `day` (settled, oldest first)."""
    dated = not pd.isna(start.date)
    earlier = [d for d in done if d.date < start.date] if dated else []
    done = [d for d in done if d.date >= start.date] if dated else done
    last = done[-1] if done else None
    row = {
        "besieged_since": pd.NaT if start.observed else start.date,
        "besieged_since_precision": None if start.observed else start.precision,
        "last_delivery": pd.NaT if last is None else last.date,
        "last_delivery_id": None if last is None else last.delivery_id,
        "days_without_aid": None, "counted_from": None, "days_without_aid_reason": None,
    }  # fmt: skip
    if last is not None:
        return {**row, "days_without_aid": int((day - last.date).days),
                "counted_from": "last_delivery"}  # fmt: skip
    if start.observed or pd.isna(start.date):
        return {**row, "days_without_aid_reason": _no_count_reason(start, earlier)}
    return {**row, "days_without_aid": int((day - start.date).days),
            "counted_from": "siege_start"}  # fmt: skip


def _no_count_reason(start: SiegeStart, earlier: list[Delivery]) -> str:
    """Why days without aid cannot be counted, in words a person reads."""
    if pd.isna(start.date):
        return "siege start not known; no delivery recorded since"
    reported = format_partial(start.date.date(), start.precision or Precision.DAY)
    text = f"siege start not known: first reported besieged on {reported}; "
    if not earlier:
        return text + "no delivery recorded"
    last = earlier[-1]
    when = format_partial(last.date.date(), _precision(last))
    return text + f"no delivery recorded since (the last before it on {when})"


def _precision(delivery: Delivery) -> str:
    value = delivery.date_precision
    return Precision.DAY if pd.isna(value) else str(value)
