"""Aid deliveries: one row per convoy destination, grouped by `convoy_id`.

Figures (trucks, people reached) may be the whole convoy's (`figures_scope` = convoy) when a source
does not split them by destination; `totals`, the one rule every count of figures uses, then
counts each convoy once, so two towns served by one 37-truck convoy never become 74 trucks.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline.model import as_date
from frontline.vocabulary import Precision

TOTAL_BY = ("week", "month", "organisation", "place")  # what `totals` groups by
PERIODS = ("week", "month")  # groupings by time, where each convoy has one period: its first
FIGURES = ["deliveries", "convoys", "trucks", "beneficiaries"]


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


def week_start(dates: pd.Series) -> pd.Series:
    """The Monday starting each date's week (weeks run Monday to Sunday)."""
    return dates.dt.to_period("W-SUN").dt.start_time


def _keys(deliveries: pd.DataFrame, by: str) -> pd.DataFrame:
    """The deliveries with their group in a column named `by`: the week's Monday or the month
    as text ('2016-06-27', '2016-06'), the destination's id, or one row per organisation."""
    if by not in TOTAL_BY:
        raise ValueError(f"totals by {by!r}: choose one of {', '.join(TOTAL_BY)}")
    dates = deliveries["date"]
    if by == "week":
        return deliveries.assign(week=week_start(dates).dt.strftime("%Y-%m-%d"))
    if by == "month":
        return deliveries.assign(month=dates.dt.to_period("M").astype(str))
    if by == "place":
        return deliveries.assign(place=deliveries["destination_place_id"])
    rows = deliveries.assign(organisation=deliveries["organisations"]).explode("organisation")
    return rows.dropna(subset=["organisation"])


def totals(deliveries: pd.DataFrame, by: str) -> pd.DataFrame:
    """Deliveries, convoys, trucks and people reached by 'week', 'month', 'organisation' or
    'place' (destination id), one row per group in key order: columns `by`, deliveries, convoys,
    trucks, beneficiaries.

    The one rule every total follows (the Aid page, the Timeline, `frontline aid-totals`): a
    convoy's figures given for the whole convoy (`figures_scope` = convoy, repeated on each of
    its destination rows) count once. Within a place's or an organisation's row the convoy
    counts once, as it served that place or had that partner in full; in time the convoy counts
    once in the period of its first delivery, so the weeks (or months) add up to the total.
    Figures per destination add up row by row. A group with no figures at all has none (NA),
    not 0.
    """
    rows = _keys(deliveries, by)
    if rows.empty:
        return pd.DataFrame({by: pd.Series(dtype=object), **{f: pd.Series(dtype="Int64")
                                                            for f in FIGURES}})  # fmt: skip
    shared = rows["figures_scope"].fillna("destination") == "convoy"
    convoys = rows[shared].sort_values(["date", "delivery_id"])
    once = convoys.drop_duplicates("convoy_id" if by in PERIODS else ["convoy_id", by])
    counted = pd.concat([once, rows[~shared]])
    grouped = rows.groupby(by, sort=True)
    out = pd.DataFrame({"deliveries": grouped.size(), "convoys": grouped["convoy_id"].nunique()})
    sums = counted.groupby(by)[["trucks", "beneficiaries"]].sum(min_count=1)
    out = out.join(sums.astype("Int64"), how="left")
    return out.rename_axis(by).reset_index()[[by, *FIGURES]]


def overall(deliveries: pd.DataFrame) -> dict[str, int | None]:
    """All of `deliveries` as one row of `totals` (the same rule: a convoy's shared figures
    once): deliveries, convoys, trucks, beneficiaries; a figure no delivery gives is None."""
    sums = totals(deliveries, "month")[["trucks", "beneficiaries"]].sum(min_count=1)
    return {
        "deliveries": len(deliveries),
        "convoys": int(deliveries["convoy_id"].nunique()),
        **{f: None if pd.isna(sums[f]) else int(sums[f]) for f in ("trucks", "beneficiaries")},
    }


def _period_end(date: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a date of this precision may stand for ('2012' → 2012-12-31)."""
    if precision == Precision.YEAR:
        return date + pd.offsets.YearEnd(0)
    if precision == Precision.MONTH:
        return date + pd.offsets.MonthEnd(0)
    return date + pd.Timedelta(days=6) if precision == Precision.WEEK else date


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
    precision = str(Precision.DAY if pd.isna(precision) else precision)
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
    precision = out["reported_first_since_precision"].fillna(Precision.DAY).astype(str)
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
