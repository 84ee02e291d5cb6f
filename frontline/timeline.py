"""The timeline's tables: events and deliveries counted per week, the places worth a Gantt row,
and the events inside a brushed date range. Aggregated here, in pandas, so the charts carry a
few thousand rows however many events the store holds."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline import aid, control
from frontline.dataset import Dataset
from frontline.vocabulary import EventType, Precision

MOVES = (EventType.CAPTURED, EventType.LOST, EventType.WITHDREW, EventType.BESIEGED,
         EventType.UNDER_SIEGE, EventType.SIEGE_LIFTED, EventType.ENTERED,
         EventType.CONTESTED)  # fmt: skip
GANTT_PLACES = 25  # rows a person can read


def select(
    events: pd.DataFrame,
    actors: frozenset[str] = frozenset(),
    types: frozenset[str] = frozenset(),
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Events of one of `actors` (as actor or opponent) and of one of `types`, up to the end of
    `until`; an empty filter keeps everything."""
    keep = pd.Series(True, index=events.index)
    if actors:
        keep &= events["actor_id"].isin(actors) | events["opponent_id"].isin(actors)
    if types:
        keep &= events["event_type"].isin(types)
    if until is not None:
        keep &= events["date"] <= pd.Timestamp(until)
    return events[keep]


# an event dated only to its month or year has no week
WEEKLY_PRECISIONS = (Precision.DAY, Precision.WEEK)


def undated_weeks(events: pd.DataFrame) -> int:
    """How many events are dated too coarsely to be counted in a week."""
    return int((~events["date_precision"].isin(WEEKLY_PRECISIONS)).sum())


def weekly_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events per week and type: columns week, event_type, events. Events dated only to the
    month or year are left out (counted by `undated_weeks`): put in the week of the 1st, they
    would draw spikes that never happened."""
    events = events[events["date_precision"].isin(WEEKLY_PRECISIONS)]
    if events.empty:
        return pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"), "event_type": [],
                             "events": []})  # fmt: skip
    counts = events.groupby([aid.week_start(events["date"]), "event_type"]).size()
    return counts.rename("events").rename_axis(["week", "event_type"]).reset_index()


def weekly_aid(deliveries: pd.DataFrame) -> pd.DataFrame:
    """Deliveries, trucks and people reached per week, for the chart: columns week (its Monday,
    a date), deliveries, convoys, trucks, people. `aid.totals` by week, so a convoy's figures
    count once as everywhere else (adding them per destination row made one 37-truck convoy to
    two towns 74 trucks)."""
    weekly = aid.totals(deliveries, "week").rename(columns={"beneficiaries": "people"})
    return weekly.assign(week=pd.to_datetime(weekly["week"]))


def busiest_places(events: pd.DataFrame, n: int = GANTT_PLACES) -> list[str]:
    """The `n` places whose control moved most often (captures, sieges, fighting inside)."""
    moves = events[events["event_type"].isin(MOVES)]
    return moves["place_id"].value_counts().head(n).index.tolist()


def gantt(ds: Dataset, place_ids: list[str], until: dt.date) -> pd.DataFrame:
    """Control intervals of `place_ids` up to the end of `until`, each labelled with its place
    (`place`: the name, with the id when two chosen places share it), for a Gantt."""
    events = ds.control_events
    rows = control.histories(events[events["date"] <= pd.Timestamp(until)], place_ids)
    return rows.assign(place=rows["place_id"].map(labels(ds, place_ids)))


def labels(ds: Dataset, place_ids: list[str]) -> dict[str, str]:
    """A row label for each place: its name, or 'name (id)' where names repeat."""
    names = ds.place_names.reindex(place_ids)
    repeated = names.duplicated(keep=False)
    return {p: f"{n} ({p})" if repeated[p] else n for p, n in names.items()}


def between(events: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """The events from the start of `start` to the end of `end` (either open), newest first."""
    keep = pd.Series(True, index=events.index)
    if start is not None:
        keep &= events["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= events["date"] <= pd.Timestamp(end)
    return events[keep].sort_values(["date", "event_id"], ascending=False)


def brushed(selection: dict | None, field: str = "week") -> tuple[dt.date, dt.date] | None:
    """The weeks a person's drag across the weekly chart touched, Monday of the first to Sunday
    of the last, from Streamlit's selection state ({field: [start, end]}, epoch milliseconds or
    date text); None when nothing is chosen. Ends are rounded to the nearest day first: the
    browser draws week starts at local midnight, which may be hours off UTC."""
    ends = (selection or {}).get(field)
    if not ends or len(ends) != 2:
        return None
    days = sorted((pd.Timestamp(v, unit="ms") if isinstance(v, int | float) else pd.Timestamp(v))
                  .round("D") for v in ends)  # fmt: skip
    start = days[0] - pd.Timedelta(days=days[0].day_of_week)
    end = days[1] + pd.Timedelta(days=6 - days[1].day_of_week)
    return start.date(), end.date()
