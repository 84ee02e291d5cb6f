"""Human-facing tables: engine results joined with place and actor names.

The CLI prints these and the pages show them, so both give the same answer to the same question.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline import aid, control
from frontline.control_arrays import Events
from frontline.dates import format_partial
from frontline.errors import DataError
from frontline.io.export import records
from frontline.model import CONTEXT_KINDS

SNAPSHOT_FIELDS = [
    "place_id", "place", "kind", "lat", "lon", "controller", "controller_id", "state",
    "besieged_by", "besieged_by_id", "contested_by", "contested_by_id", "since",
    "since_precision", "last_event_id", "last_event_type", "basis_event_id", "confidence",
    "source_ids", "open_claims",
]  # fmt: skip
AID_FIELDS = [
    "delivery_id", "convoy_id", "date", "date_precision", "destination", "destination_id",
    "lat", "lon", "origin", "origin_id", "origin_lat", "origin_lon", "organisations", "trucks",
    "beneficiaries", "figures_scope", "items", "reported_first_since",
    "reported_first_since_precision", "status", "source_ids", "sources", "quote", "notes",
]  # fmt: skip


def _actor_names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))


def snapshot(
    tables: dict[str, pd.DataFrame], as_of: dt.date | str, coded: Events | None = None
) -> pd.DataFrame:
    """The state of every place at the end of `as_of`, with names; places without events are
    'unknown'. `coded` is `control.index` of the events, when the caller keeps one."""
    state = control.snapshot(tables["control_events"], as_of, coded=coded)
    places = tables["places"].rename(columns={"name": "place"})
    out = places[["place_id", "place", "kind", "lat", "lon"]].merge(
        state, on="place_id", how="left"
    )
    out["state"] = out["state"].fillna("unknown")
    for column in ("source_ids", "open_claims"):
        out[column] = [v if isinstance(v, list) else [] for v in out[column]]
    names = _actor_names(tables)
    for role in ("controller", "besieged_by", "contested_by"):
        out[role] = out[f"{role}_id"].map(names)
    return out[SNAPSHOT_FIELDS].sort_values(["place"]).reset_index(drop=True)


def source_labels(sources: pd.DataFrame, cited: pd.Series) -> pd.Series:
    """For each list of source ids in `cited`: 'Associated Press, 2016-06-29' per source,
    joined (one dictionary for all rows: a dataset may cite thousands of sources)."""
    label = {s.source_id: f"{s.publisher}, {s.published_at.date()}" for s in sources.itertuples()}
    return cited.map(lambda ids: "; ".join(label[i] for i in ids if i in label))


def totals(tables: dict[str, pd.DataFrame], rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """`aid.totals` of some report rows, with place names instead of ids."""
    chosen = tables["aid_deliveries"]
    out = aid.totals(chosen[chosen["delivery_id"].isin(rows["delivery_id"])], by)
    if by == "place":
        out["place"] = out["place"].map(tables["places"].set_index("place_id")["name"])
    return out


def place_ids(tables: dict[str, pd.DataFrame], place: str) -> set[str]:
    """The ids a name (any known spelling) or id stands for; an unknown name is an error."""
    ids = aid.match_places(tables["places"], place)
    if not ids:
        raise DataError(f"no place called {place!r} in the dataset", field="place")
    return ids


def deliveries(
    tables: dict[str, pd.DataFrame], place: str | None = None, **filters: object
) -> pd.DataFrame:
    """Aid deliveries with names and coordinates; `place` is a name in any known spelling, the
    other filters those of `aid.select` (since, until, place_ids, organisations, items)."""
    if place:
        filters["place_ids"] = place_ids(tables, place)
    rows = aid.select(tables["aid_deliveries"], **filters)
    places = tables["places"].set_index("place_id")
    out = rows.rename(
        columns={"destination_place_id": "destination_id", "origin_place_id": "origin_id"}
    )
    out["destination"] = out["destination_id"].map(places["name"])
    out["origin"] = out["origin_id"].map(places["name"])
    out["sources"] = source_labels(tables["sources"], out["source_ids"])
    for end, column in (("", "destination_id"), ("origin_", "origin_id")):
        out[f"{end}lat"] = out[column].map(places["lat"])
        out[f"{end}lon"] = out[column].map(places["lon"])
    return out[AID_FIELDS].sort_values(["date", "delivery_id"]).reset_index(drop=True)


def dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates written only as precisely as known ('2012', '2015-09', '2016-06-29'), for display."""
    out = frame.copy()
    for column in [c for c in frame.columns if f"{c}_precision" in frame.columns]:
        out[column] = [
            None if pd.isna(d) else format_partial(d.date(), p if isinstance(p, str) else "day")
            for d, p in zip(frame[column], frame[f"{column}_precision"], strict=True)
        ]
    return out


ACCESS_FIELDS = [
    "place_id", "place", "lat", "lon", "besieged_by", "besieged_by_id", "besieged_since",
    "besieged_since_precision", "last_delivery", "last_delivery_id", "days_without_aid",
    "counted_from", "population",
]  # fmt: skip


def access(tables: dict[str, pd.DataFrame], as_of: dt.date | str) -> pd.DataFrame:
    """Besieged places at the end of `as_of`, by whom, their last delivery and days without aid."""
    rows = aid.days_without_aid(tables["aid_deliveries"], tables["control_events"], as_of)
    places = tables["places"].rename(columns={"name": "place"})
    out = rows.merge(places[["place_id", "place", "lat", "lon", "population"]], on="place_id")
    out["besieged_by"] = out["besieged_by_id"].map(_actor_names(tables))
    return out[ACCESS_FIELDS].sort_values("place").reset_index(drop=True)


def _side(names: dict[str, str], controller_id: str | None, state: str) -> dict:
    return {"controller": names.get(controller_id), "controller_id": controller_id, "state": state}


def changes(
    tables: dict[str, pd.DataFrame],
    since: dt.date | str,
    until: dt.date | str,
    coded: Events | None = None,
) -> dict:
    """`control.changes` with place and actor names: {"changed": [...], "round_trips": [...]}."""
    if pd.Timestamp(since) > pd.Timestamp(until):
        raise DataError(f"--since {since} comes after --until {until}", field="since")
    found = control.changes(tables["control_events"], since, until, coded=coded)
    names = _actor_names(tables)
    places = tables["places"].set_index("place_id")["name"]
    out: dict[str, list] = {}
    for key, rows in found.items():
        out[key] = [
            {"place_id": r["place_id"], "place": places.get(r["place_id"]),
             "before": _side(names, r["controller_id_before"], r["state_before"]),
             "after": _side(names, r["controller_id_after"], r["state_after"]),
             **({"via": r["via"]} if "via" in r else {})}
            for r in rows.to_dict("records")
        ]  # fmt: skip
    return out


def changes_table(report: dict) -> pd.DataFrame:
    """The two lists of `changes` flattened into one table (for CSV and the pages)."""
    rows = [
        {"kind": kind, "place_id": r["place_id"], "place": r["place"],
         **{f"{end}_{k}": v for end in ("before", "after") for k, v in r[end].items()},
         "via": " → ".join(r.get("via", []))}
        for kind, key in (("changed", "changed"), ("round_trip", "round_trips"))
        for r in report[key]
    ]  # fmt: skip
    columns = [
        "kind",
        "place_id",
        "place",
        "before_controller",
        "before_controller_id",
        "before_state",
        "after_controller",
        "after_controller_id",
        "after_state",
        "via",
    ]
    return pd.DataFrame(rows, columns=columns)


def history(tables: dict[str, pd.DataFrame], place: str) -> dict:
    """One place's intervals and events, with names: what `frontline history` prints."""
    ids = sorted(place_ids(tables, place))
    if len(ids) > 1:
        raise DataError(f"{place!r} names several places ({', '.join(ids)}): give an id",
                        field="place")  # fmt: skip
    place_id = ids[0]
    intervals = control.history(tables["control_events"], place_id)
    intervals.insert(0, "controller", intervals["controller_id"].map(_actor_names(tables)))
    return {
        "place": tables["places"].set_index("place_id").loc[place_id, "name"],
        "place_id": place_id,
        "intervals": records(intervals),
        "events": records(place_events(tables, place_id)),
    }


def place_events(tables: dict[str, pd.DataFrame], place_id: str) -> pd.DataFrame:
    """One place's events in order, with actor names and a label for each cited source."""
    events = control.ordered(tables["control_events"])
    return event_rows(tables, events[events["place_id"] == place_id])


def event_rows(tables: dict[str, pd.DataFrame], events: pd.DataFrame) -> pd.DataFrame:
    """Control events as people read them: the place's name (the gazetteer's, with the name as
    written kept in `place_name`), actor names and a label for each cited source."""
    names = _actor_names(tables)
    out = events.assign(
        place=events["place_id"].map(tables["places"].set_index("place_id")["name"])
    )
    for role in ("actor", "opponent"):
        out[role] = out[f"{role}_id"].map(names)
    out["sources"] = source_labels(tables["sources"], out["source_ids"])
    return out


def first_since_checks(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`aid.first_since_checks` with place names and a verdict a person can read."""
    checks = aid.first_since_checks(tables["aid_deliveries"])
    checks["place"] = checks["place_id"].map(tables["places"].set_index("place_id")["name"])
    checks["verdict"] = checks["agrees"].map({True: "agrees", False: "DISAGREES"})
    return checks


MAP_FIELDS = [
    "place_id", "place", "kind", "lat", "lon", "controller_id", "state", "besieged_by_id",
    "contested_by_id", "confidence", "events", "deliveries",
]  # fmt: skip


def map_places(
    tables: dict[str, pd.DataFrame],
    snap: pd.DataFrame,
    as_of: dt.date | str,
    *,
    since: dt.date | str | None = None,
    actors: frozenset[str] = frozenset(),
    types: frozenset[str] = frozenset(),
    aid: bool = True,
) -> pd.DataFrame:
    """The places a map shows at the end of `as_of`: every place with a control event or (with
    `aid`) an aid delivery by then, with how many of each. `actors` keeps the places one of them
    holds, besieges or contests; `types` the places with an event of one of those types by then
    (after the end of `since`, when given). Empty filters keep everything."""
    day = pd.Timestamp(as_of)
    events = tables["control_events"]
    events = events[events["date"] <= day]
    deliveries = tables["aid_deliveries"]
    deliveries = deliveries[(deliveries["date"] <= day) & aid]
    counts = pd.DataFrame(
        {
            "events": events["place_id"].value_counts(),
            "deliveries": deliveries["destination_place_id"].value_counts(),
        }
    )
    out = snap.merge(counts, left_on="place_id", right_index=True, how="inner")
    out = out[~out["kind"].isin(CONTEXT_KINDS)]
    if actors:
        roles = out[["controller_id", "besieged_by_id", "contested_by_id"]]
        out = out[roles.isin(actors).any(axis=1)]
    if types:
        chosen = events[events["event_type"].isin(types)]
        if since is not None:
            chosen = chosen[chosen["date"] > pd.Timestamp(since)]
        out = out[out["place_id"].isin(chosen["place_id"])]
    out = out.assign(events=out["events"].fillna(0).astype(int),
                     deliveries=out["deliveries"].fillna(0).astype(int))  # fmt: skip
    return out[MAP_FIELDS].reset_index(drop=True)


def span(tables: dict[str, pd.DataFrame]) -> tuple[dt.date, dt.date] | None:
    """The first and the last day anything happened in the data (None when nothing did)."""
    dates = pd.concat([tables["control_events"]["date"], tables["aid_deliveries"]["date"]])
    if dates.dropna().empty:
        return None
    return dates.min().date(), dates.max().date()
