"""Aid deliveries: one row per convoy destination, grouped by `convoy_id`.

Figures (trucks, people reached) may be the whole convoy's (`figures_scope` = convoy) when a source
does not split them by destination; totals then count each convoy once per group, so two towns
served by one 37-truck convoy never become 74 trucks.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline import control
from frontline.model import as_date
from frontline.names import matching

TOTAL_BY = {"organisation": "organisations", "month": "month", "place": "destination_place_id"}
ACCESS_COLUMNS = [
    "place_id", "besieged_by_id", "besieged_since", "besieged_since_precision", "last_delivery",
    "last_delivery_id", "days_without_aid", "counted_from",
]  # fmt: skip


def match_places(places: pd.DataFrame, query: str) -> set[str]:
    """Place ids whose id, name or alias matches `query` (folded, so spellings may differ)."""
    return matching(places, "place_id", query)


def select(
    deliveries: pd.DataFrame,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    place_ids: set[str] | None = None,
    organisations: set[str] | None = None,
    items: set[str] | None = None,
) -> pd.DataFrame:
    """Deliveries between two days (both included) to any of `place_ids`, by any of
    `organisations`, carrying any of `items`; a filter left None keeps everything."""
    keep = pd.Series(True, index=deliveries.index)
    if since is not None:
        keep &= deliveries["date"] >= as_date(since)
    if until is not None:
        keep &= deliveries["date"] <= as_date(until)
    if place_ids is not None:
        keep &= deliveries["destination_place_id"].isin(place_ids)
    for column, wanted in (("organisations", organisations), ("items", items)):
        if wanted is not None:
            keep &= deliveries[column].map(lambda values, w=wanted: bool(w & set(values)))
    return deliveries[keep]


def history(deliveries: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """Every delivery that reached `place_id`, oldest first."""
    chosen = deliveries[deliveries["destination_place_id"] == place_id]
    return chosen.sort_values(["date", "delivery_id"]).reset_index(drop=True)


def _figures(rows: pd.DataFrame) -> pd.Series:
    """Deliveries, convoys, trucks and people of some rows; convoy-wide figures counted once."""
    shared = rows["figures_scope"].fillna("destination") == "convoy"
    counted = pd.concat([rows[shared].drop_duplicates("convoy_id"), rows[~shared]])
    return pd.Series(
        {
            "deliveries": len(rows),
            "convoys": rows["convoy_id"].nunique(),
            "trucks": counted["trucks"].sum(min_count=1),
            "beneficiaries": counted["beneficiaries"].sum(min_count=1),
        }
    )


def totals(deliveries: pd.DataFrame, by: str) -> pd.DataFrame:
    """Totals by 'organisation', 'month' or 'place' (see `_figures` for how convoys count)."""
    rows = deliveries.assign(month=deliveries["date"].dt.to_period("M").astype(str))
    key = TOTAL_BY[by]
    if by == "organisation":
        rows = rows.explode("organisations").dropna(subset=["organisations"])
    if rows.empty:
        return pd.DataFrame(columns=[by, "deliveries", "convoys", "trucks", "beneficiaries"])
    out = rows.groupby(key, sort=True)[list(rows.columns)].apply(_figures)
    return out.reset_index().rename(columns={key: by})


def _period_end(date: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a date of this precision may stand for ('2012' → 2012-12-31)."""
    if precision == "year":
        return date + pd.offsets.YearEnd(0)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    return date + pd.Timedelta(days=6) if precision == "week" else date


def first_since(deliveries: pd.DataFrame, place_id: str, date: dt.date | str) -> dict:
    """The delivery before the one on `date`, computed from the data, against what sources said.

    "First since 2012" agrees with the data when no recorded delivery falls after the end of 2012
    and before `date`; a later one is a disagreement, flagged rather than hidden. `agrees` is None
    when no source states such a fact for that day.
    """
    rows = history(deliveries, place_id)
    day = as_date(date)
    today = rows[rows["date"] == day]
    earlier = rows[rows["date"] < day]
    previous = earlier.iloc[-1] if not earlier.empty else None
    reported = today["reported_first_since"].dropna()
    result = {
        "place_id": place_id,
        "date": day,
        "previous_delivery": None if previous is None else previous["date"],
        "previous_delivery_id": None if previous is None else previous["delivery_id"],
        "reported_first_since": reported.iloc[0] if not reported.empty else None,
        "reported_first_since_precision": None,
        "agrees": None,
    }
    if reported.empty:
        return result
    precision = today.loc[reported.index[0], "reported_first_since_precision"]
    precision = "day" if pd.isna(precision) else str(precision)
    result["reported_first_since_precision"] = precision
    end = _period_end(reported.iloc[0], precision)
    result["agrees"] = previous is None or bool(previous["date"] <= end)
    return result


def first_since_checks(deliveries: pd.DataFrame) -> pd.DataFrame:
    """`first_since` for every delivery whose source states a "first since" fact, all at once:
    each is set against the latest earlier delivery to its place (an as-of join), so a war's
    thousands of such facts are checked in one pass."""
    columns = list(first_since(deliveries.iloc[:0], "", "2000-01-01"))
    stated = deliveries.dropna(subset=["reported_first_since"])
    if stated.empty:
        return pd.DataFrame(columns=columns)
    earlier = deliveries.sort_values(["date", "delivery_id"])[
        ["destination_place_id", "date", "delivery_id"]
    ].rename(columns={"date": "previous_delivery", "delivery_id": "previous_delivery_id"})
    out = pd.merge_asof(
        stated.reset_index().sort_values("date"), earlier, left_on="date",
        right_on="previous_delivery", by="destination_place_id", allow_exact_matches=False,
    ).sort_values("index", ignore_index=True)  # fmt: skip
    precision = out["reported_first_since_precision"].fillna("day").astype(str)
    ends = [_period_end(d, p) for d, p in zip(out["reported_first_since"], precision, strict=True)]
    out = out.assign(
        place_id=out["destination_place_id"],
        reported_first_since_precision=precision,
        agrees=out["previous_delivery"].isna() | (out["previous_delivery"] <= pd.Series(ends)),
        previous_delivery_id=out["previous_delivery_id"]
        .astype(object)
        .where(out["previous_delivery_id"].notna(), None),
    )
    return out[columns].reset_index(drop=True)


def siege_start(events: pd.DataFrame, place_id: str, as_of: pd.Timestamp) -> tuple:
    """(date, precision) the current siege of a place began: its earliest `besieged` interval
    since the holder last changed, looking past contests inside the siege."""
    return _siege_start(control.history(events[events["date"] <= as_of], place_id))


def _siege_start(intervals: pd.DataFrame) -> tuple:
    """`siege_start` from one place's control intervals, oldest first."""
    spans = intervals.to_dict("records")
    start = (pd.NaT, None)
    for span in reversed(spans):
        if span["controller_id"] != spans[-1]["controller_id"]:
            break
        if span["state"] == "besieged":
            start = (span["from"], span["from_precision"])
        elif span["state"] != "contested":
            break
    return start


def days_without_aid(
    deliveries: pd.DataFrame, events: pd.DataFrame, as_of: dt.date | str
) -> pd.DataFrame:
    """Every place besieged at the end of `as_of`: its last delivery since the siege began, and
    the days since.

    Only deliveries that sources report or confirm count (a claim does not end a wait), and only
    those on or after the siege's start; with none, days count from the siege's start
    (`counted_from` = siege_start), approximate when that start is known only to the month or
    year.
    """
    day = as_date(as_of)
    snap = control.snapshot(events, day)
    settled = deliveries[
        (deliveries["date"] <= day) & ~deliveries["status"].isin(control.UNSETTLED)
    ]
    besieged = snap[snap["state"] == "besieged"]
    ids = besieged["place_id"].tolist()
    spans = control.histories(events[events["date"] <= day], ids).groupby("place_id")
    spans = dict(tuple(spans))
    received = settled[settled["destination_place_id"].isin(ids)].sort_values(
        ["date", "delivery_id"]
    )
    received = dict(tuple(received.groupby("destination_place_id")))
    rows = []
    for place in besieged.itertuples():  # each place's events and deliveries, grouped once
        start, precision = _siege_start(spans[place.place_id])
        done = received.get(place.place_id, settled.iloc[:0])
        done = done[done["date"] >= start] if not pd.isna(start) else done
        last = done.iloc[-1] if not done.empty else None
        since = start if last is None else last["date"]
        rows.append({
            "place_id": place.place_id, "besieged_by_id": place.besieged_by_id,
            "besieged_since": start, "besieged_since_precision": precision,
            "last_delivery": pd.NaT if last is None else last["date"],
            "last_delivery_id": None if last is None else last["delivery_id"],
            "days_without_aid": None if pd.isna(since) else int((day - since).days),
            "counted_from": "siege_start" if last is None else "last_delivery",
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=ACCESS_COLUMNS)
    for column in ("besieged_since", "last_delivery"):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[s]")
    return out
