"""Human-facing tables: engine results joined with place and actor names.

The CLI prints these and the pages show them, so both give the same answer to the same question.
Each takes a `Dataset`, whose lookups (places by id, actor names, source labels, each place's
events) are built once however many reports use them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline import aid, control, sieges
from frontline.dataset import Dataset
from frontline.dates import format_partials
from frontline.errors import DataError
from frontline.frames import among
from frontline.html_text import bidi_closed
from frontline.io.export import records
from frontline.model import CONTEXT_KINDS
from frontline.vocabulary import Confidence, State

SNAPSHOT_FIELDS = [
    "place_id", "place", "kind", "lat", "lon", "controller", "controller_id", "state",
    "besieged_by", "besieged_by_id", "contested_by", "contested_by_id", "since",
    "since_precision", "since_basis", "last_event_id", "last_event_type", "basis_event_id",
    "confidence", "source_ids", "open_claims",
]  # fmt: skip
AID_FIELDS = [
    "delivery_id", "convoy_id", "date", "date_precision", "destination", "destination_id",
    "lat", "lon", "origin", "origin_id", "origin_lat", "origin_lon", "organisations", "trucks",
    "beneficiaries", "figures_scope", "items", "reported_first_since",
    "reported_first_since_precision", "status", "source_ids", "sources", "quote", "notes",
]  # fmt: skip


def snapshot(ds: Dataset, as_of: dt.date | str) -> pd.DataFrame:
    """The state of every place at the end of `as_of`, with names; places without events are
    'unknown'."""
    state = control.snapshot(ds.control_events, as_of, coded=ds.control_index)
    out = ds.places_by_name.merge(state, on="place_id", how="left")  # keeps the names' order
    out["state"] = out["state"].fillna(State.UNKNOWN)
    for column in ("source_ids", "open_claims"):
        out[column] = [v if isinstance(v, list) else [] for v in out[column]]
    names = ds.actor_names
    for role in ("controller", "besieged_by", "contested_by"):
        out[role] = out[f"{role}_id"].map(names)
    return out[SNAPSHOT_FIELDS]


def totals(ds: Dataset, by: str, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """`aid.totals` of the deliveries (only those of report `rows`, when given): by place, the
    place's name in `place` and its id in `place_id` (two places may share a name)."""
    chosen = ds.aid_deliveries
    if rows is not None:
        chosen = chosen[chosen["delivery_id"].isin(rows["delivery_id"])]
    out = aid.totals(chosen, by)
    if by == "place":
        out.insert(1, "place_id", out["place"])
        out["place"] = out["place_id"].map(ds.place_names)
    return out


def place_ids(ds: Dataset, place: str) -> set[str]:
    """The ids a name (any known spelling) or id stands for; an unknown name is an error."""
    ids = ds.match_places(place)
    if not ids:
        raise DataError(f"no place called {place!r} in the dataset", field="place")
    return ids


def deliveries(ds: Dataset, place: str | None = None, **filters: object) -> pd.DataFrame:
    """Aid deliveries with names and coordinates; `place` is a name in any known spelling, the
    other filters those of `aid.select` (since, until, place_ids, organisations, items)."""
    if place:
        filters["place_ids"] = place_ids(ds, place)
    rows = aid.select(ds.aid_deliveries, **filters)
    places = ds.places_by_id
    out = rows.rename(
        columns={"destination_place_id": "destination_id", "origin_place_id": "origin_id"}
    )
    out["destination"] = out["destination_id"].map(places["name"])
    out["origin"] = out["origin_id"].map(places["name"])
    out["sources"] = ds.cite(out["source_ids"])
    for end, column in (("", "destination_id"), ("origin_", "origin_id")):
        out[f"{end}lat"] = out[column].map(places["lat"])
        out[f"{end}lon"] = out[column].map(places["lon"])
    return out[AID_FIELDS].sort_values(["date", "delivery_id"]).reset_index(drop=True)


def dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates written only as precisely as known ('2012', '2015-09', '2016-06-29'), for display."""
    out = frame.copy()
    for column in [c for c in frame.columns if f"{c}_precision" in frame.columns]:
        out[column] = format_partials(frame[column], frame[f"{column}_precision"])
    return out


ACCESS_FIELDS = [
    "place_id", "place", "lat", "lon", "besieged_by", "besieged_by_id", "besieged_since",
    "besieged_since_precision", "last_delivery", "last_delivery_id", "days_without_aid",
    "counted_from", "days_without_aid_reason", "population",
]  # fmt: skip


def access(ds: Dataset, as_of: dt.date | str) -> pd.DataFrame:
    """Besieged places at the end of `as_of`, by whom, their last delivery and days without aid
    (NA, with `days_without_aid_reason`, where the siege's start is not known)."""
    rows = sieges.days_without_aid(
        ds.aid_deliveries, ds.control_events, as_of, coded=ds.control_index
    )
    places = ds.places.rename(columns={"name": "place"})
    out = rows.merge(places[["place_id", "place", "lat", "lon", "population"]], on="place_id")
    out["besieged_by"] = out["besieged_by_id"].map(ds.actor_names)
    return out[ACCESS_FIELDS].sort_values("place").reset_index(drop=True)


def _side(names: dict[str, str], controller_id: str | None, state: str) -> dict:
    return {"controller": names.get(controller_id), "controller_id": controller_id, "state": state}


# each list of `control.changes` → its `kind` in the table (a round trip is one row of them)
CHANGE_KINDS = {key: "round_trip" if key == "round_trips" else key for key in control.CHANGE_KINDS}
CHANGE_TABLE_COLUMNS = [
    "kind", "place_id", "place", "before_controller", "before_controller_id", "before_state",
    "after_controller", "after_controller_id", "after_state", "via", "passing_through",
]  # fmt: skip


def changes(ds: Dataset, since: dt.date | str, until: dt.date | str) -> dict:
    """`control.changes` with place and actor names: {"changed": [...], "first_reported":
    [...], "round_trips": [...]}, each a list of {place_id, place, before, after} (round trips
    with `via`, actor ids and states, and `passing_through`, the same with names), in plain
    values (None for anything missing, never NaN)."""
    if pd.Timestamp(since) > pd.Timestamp(until):
        raise DataError(f"--since {since} comes after --until {until}", field="since")
    found = control.changes(ds.control_events, since, until, coded=ds.coded)
    names, places = ds.actor_names, ds.place_names
    out: dict[str, list] = {}
    for key in CHANGE_KINDS:
        out[key] = [
            {"place_id": r["place_id"], "place": places.get(r["place_id"]),
             "before": _side(names, r["controller_id_before"], r["state_before"]),
             "after": _side(names, r["controller_id_after"], r["state_after"]),
             **({"via": r["via"], "passing_through": _passing(names, r["via"])}
                if "via" in r else {})}
            for r in records(found[key])
        ]  # fmt: skip
    return out


def _passing(names: dict[str, str], via: list[str]) -> list[str]:
    """A round trip's steps ('is:contested', actor id and state) as people read them:
    'Islamic State (contested)'; 'unknown' stands for no holder stated."""
    steps = (step.rsplit(":", 1) for step in via)
    return [f"{bidi_closed(names.get(a, 'holder not stated'))} ({state})" for a, state in steps]


def changes_table(report: dict) -> pd.DataFrame:
    """The three lists of `changes` flattened into one table (for CSV and the pages): `kind` is
    'changed', 'first_reported' or 'round_trip'."""
    rows = [
        {"kind": kind, "place_id": r["place_id"], "place": r["place"],
         **{f"{end}_{k}": v for end in ("before", "after") for k, v in r[end].items()},
         "via": " → ".join(r.get("via", [])),
         "passing_through": " → ".join(r.get("passing_through", []))}
        for key, kind in CHANGE_KINDS.items()
        for r in report.get(key, [])
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=CHANGE_TABLE_COLUMNS)


def history(ds: Dataset, place: str) -> dict:
    """One place's intervals and events, with names: what `frontline history` prints."""
    ids = sorted(place_ids(ds, place))
    if len(ids) > 1:
        raise DataError(f"{place!r} names several places ({', '.join(ids)}): give an id",
                        field="place")  # fmt: skip
    place_id = ids[0]
    intervals = control.history(ds.events_at(place_id), place_id)
    intervals.insert(0, "controller", intervals["controller_id"].map(ds.actor_names))
    return {
        "place": ds.place_names[place_id],
        "place_id": place_id,
        "intervals": records(intervals),
        "events": records(place_events(ds, place_id)),
    }


def place_events(ds: Dataset, place_id: str) -> pd.DataFrame:
    """One place's events in order, with actor names and a label for each cited source."""
    return event_rows(ds, ds.events_at(place_id))


def event_rows(ds: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """Control events as people read them: the place's name (the gazetteer's, with the name as
    written kept in `place_name`), actor names and a label for each cited source."""
    out = events.assign(place=events["place_id"].map(ds.place_names))
    for role in ("actor", "opponent"):
        out[role] = out[f"{role}_id"].map(ds.actor_names)
    out["sources"] = ds.cite(out["source_ids"])
    return out


def first_since_checks(ds: Dataset) -> pd.DataFrame:
    """`aid.first_since_checks` with place names and a verdict a person can read."""
    checks = aid.first_since_checks(ds.aid_deliveries)
    checks["place"] = checks["place_id"].map(ds.place_names)
    checks["verdict"] = checks["agrees"].map({True: "agrees", False: "DISAGREES"})
    return checks


MAP_FIELDS = [
    "place_id", "place", "kind", "lat", "lon", "controller_id", "state", "besieged_by_id",
    "contested_by_id", "confidence", "events", "deliveries", "first_reported",
    "first_reported_precision", "pending",
]  # fmt: skip


def map_places(
    ds: Dataset,
    snap: pd.DataFrame,
    as_of: dt.date | str,
    *,
    since: dt.date | str | None = None,
    actors: frozenset[str] = frozenset(),
    types: frozenset[str] = frozenset(),
    aid: bool = True,
) -> pd.DataFrame:
    """The places a map shows at the end of `as_of`: every place with a control event or (with
    `aid`) an aid delivery at any time, with how many of each by then. `first_reported` (and
    its precision) is the date of the place's first such event or delivery; a place with none
    by the end of `as_of` but some later is `pending` (state and confidence unknown, no holder,
    no counts):
    the map shows it faded as "first reported on …" rather than dropping it.

    `actors` keeps the places one of them holds, besieges or contests (never a pending place:
    it has no holder yet); `types` the places with an event of one of those types by then
    (after the end of `since`, when given). Empty filters keep everything."""
    day = pd.Timestamp(as_of)
    received = ds.delivery_days.counts(day) if aid else pd.Series(dtype="int64")
    counts = pd.DataFrame({"events": ds.control_index.every.by_day.counts(day),
                           "deliveries": received})  # fmt: skip
    out = snap.merge(counts, left_on="place_id", right_index=True, how="left")
    out = out.merge(_first_reported(ds, aid), left_on="place_id", right_index=True, how="inner")
    out = out[~out["kind"].isin(CONTEXT_KINDS)]
    if actors:
        roles = out[["controller_id", "besieged_by_id", "contested_by_id"]]
        out = out[roles.isin(actors).any(axis=1)]
    if types:
        events = ds.control_events[["place_id", "event_type", "date"]]
        chosen = events[(events["date"] <= day) & events["event_type"].isin(types)]
        if since is not None:
            chosen = chosen[chosen["date"] > pd.Timestamp(since)]
        out = out[among(out["place_id"], chosen["place_id"])]
    out = out.assign(events=out["events"].fillna(0).astype(int),
                     deliveries=out["deliveries"].fillna(0).astype(int))  # fmt: skip
    out["pending"] = (out["events"] == 0) & (out["deliveries"] == 0)
    out["confidence"] = out["confidence"].where(~out["pending"], Confidence.UNKNOWN)
    return out[MAP_FIELDS].reset_index(drop=True)


def _first_reported(ds: Dataset, aid: bool) -> pd.DataFrame:
    """Each place's first control event or (with `aid`) delivery: `first_reported` and
    `first_reported_precision`, indexed by place id."""
    found = ds.first_evidence["any" if aid else "events"]
    return found.rename(columns={"date": "first_reported",
                                 "date_precision": "first_reported_precision"})  # fmt: skip
