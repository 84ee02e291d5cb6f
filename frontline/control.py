"""Territorial control: who held each place, in what state, on a given day, and why.

Events are applied in order (date, then `seq` for the order a source gives within one day, then
id); `step` says what each event type does, and the README's "Control semantics" section says the
same in prose. Claims (status `claimed` or `disputed`) never change the state: they are listed
beside it until another source reports or confirms them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from frontline.model import as_date

STATES = ("held", "contested", "besieged", "unknown")
UNSETTLED = ("claimed", "disputed")
SNAPSHOT_COLUMNS = [
    "place_id", "controller_id", "state", "besieged_by_id", "contested_by_id", "since",
    "since_precision", "last_event_id", "last_event_type", "basis_event_id", "confidence",
    "source_ids", "open_claims",
]  # fmt: skip


class State(NamedTuple):
    """Who holds a place and how: the part of a snapshot row that events change."""

    controller: str | None = None
    state: str = "unknown"
    besieger: str | None = None
    contester: str | None = None


UNKNOWN = State()


def _taken_by(actor: str | None) -> State:
    """Control passes to `actor` (None: nobody known); any siege or contest ends."""
    return State(actor, "held") if actor else UNKNOWN


def step(s: State, event_type: str, actor: str | None, opponent: str | None) -> State:
    """The state after one settled event."""
    if event_type == "captured":
        return _taken_by(actor)
    if event_type in ("lost", "withdrew"):
        return _taken_by(opponent)
    if event_type == "held":  # restates the holder: a siege goes on, a contest is over
        if actor != s.controller:
            return _taken_by(actor)
        return s._replace(state="besieged" if s.besieger else "held", contester=None)
    if event_type in ("entered", "contested"):  # fighting inside; the holder keeps it for now
        return s._replace(controller=s.controller or opponent, state="contested", contester=actor)
    if event_type == "besieged":
        return State(opponent or s.controller, "besieged", actor, None)
    if event_type == "siege_lifted":
        return s._replace(besieger=None, state="held" if s.controller else "unknown")
    return s  # attacked: no change of control


def ordered(events: pd.DataFrame) -> pd.DataFrame:
    """Events grouped by place, each place's in the order they happened as far as sources tell."""
    seq = events["seq"].fillna(0).to_numpy() if "seq" in events else np.zeros(len(events))
    keys = (
        events["event_id"].to_numpy(),
        seq,
        events["date"].to_numpy(),
        events["place_id"].to_numpy(),
    )
    return events.iloc[np.lexsort(keys)]


def _confidence(precision: str, status: str) -> str:
    """How sure the current state is: approximate dates first, then how well it is sourced."""
    if precision != "day":
        return "approximate"
    return "confirmed" if status == "confirmed" else "reported"


def _none(values: pd.Series) -> list:
    """Plain Python values, with None for every kind of missing value."""
    return values.astype(object).where(values.notna(), None).tolist()


class Walk(NamedTuple):
    """One place's events applied in order."""

    state: State
    changes: list[tuple[int, State]]  # (row, state after) wherever controller or state changed
    basis: int | None  # row of the latest event that set or restated the state
    claims: list[str]  # unsettled events, never applied


def _walk(columns: dict[str, list], start: int, stop: int) -> Walk:
    """Apply the settled events in rows start..stop (one place, in order)."""
    s, changes, basis, claims = UNKNOWN, [], None, []
    for i in range(start, stop):
        if columns["status"][i] in UNSETTLED:
            claims.append(columns["event_id"][i])
            continue
        kind = columns["event_type"][i]
        after = step(s, kind, columns["actor_id"][i], columns["opponent_id"][i])
        if after[:2] != s[:2]:
            changes.append((i, after))
        if kind != "attacked":
            basis = i
        s = after
    return Walk(s, changes, basis, claims)


def _snapshot_row(columns: dict[str, list], start: int, stop: int) -> dict:
    walk, last = _walk(columns, start, stop), stop - 1
    s, basis = walk.state, walk.basis
    since = walk.changes[-1][0] if walk.changes else None
    return {
        "controller_id": s.controller, "state": s.state, "besieged_by_id": s.besieger,
        "contested_by_id": s.contester,
        "since": None if since is None else columns["date"][since],
        "since_precision": None if since is None else columns["date_precision"][since],
        "last_event_id": columns["event_id"][last], "last_event_type": columns["event_type"][last],
        "basis_event_id": None if basis is None else columns["event_id"][basis],
        "confidence": "unknown" if basis is None else _confidence(
            columns["date_precision"][basis], columns["status"][basis]),
        "source_ids": [] if basis is None else list(columns["source_ids"][basis]),
        "open_claims": walk.claims,
    }  # fmt: skip


_WALK_COLUMNS = ("event_id", "event_type", "actor_id", "opponent_id", "status", "date",
                 "date_precision", "source_ids")  # fmt: skip


def _by_place(events: pd.DataFrame) -> tuple[dict[str, list], np.ndarray, list[tuple[int, int]]]:
    """Ordered events as plain lists, with each place's row range."""
    known = ordered(events)
    columns = {name: _none(known[name]) for name in _WALK_COLUMNS}
    places = known["place_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, places[1:] != places[:-1]]) if len(places) else []
    stops = np.r_[starts[1:], len(places)] if len(places) else []
    return columns, places, list(zip(starts, stops, strict=True))


def snapshot(events: pd.DataFrame, as_of: dt.date | str) -> pd.DataFrame:
    """One row per place with events up to the end of `as_of`: controller, state, since when.

    `last_event_*` is the last event of any kind (an attack included); `basis_event_id`, with its
    `source_ids` and `confidence`, is the latest event that set or restated the state, while
    `since` is when that controller and state began.
    """
    columns, places, ranges = _by_place(events[events["date"] <= as_date(as_of)])
    rows = [{"place_id": places[a], **_snapshot_row(columns, a, b)} for a, b in ranges]
    return pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)


HISTORY_COLUMNS = [
    "controller_id", "state", "besieged_by_id", "contested_by_id", "from", "from_precision",
    "to", "to_precision", "opened_by", "closed_by", "source_ids",
]  # fmt: skip


def history(events: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """One place's control intervals, oldest first: who held it in what state, from when to
    when, and the events that opened and closed each (with the opening event's sources).
    The last interval is open (`to` is empty)."""
    columns, _, ranges = _by_place(events[events["place_id"] == place_id])
    if not ranges:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    changes = _walk(columns, *ranges[0]).changes
    rows = []
    for n, (i, s) in enumerate(changes):
        j = changes[n + 1][0] if n + 1 < len(changes) else None
        rows.append({
            "controller_id": s.controller, "state": s.state, "besieged_by_id": s.besieger,
            "contested_by_id": s.contester, "from": columns["date"][i],
            "from_precision": columns["date_precision"][i],
            "to": None if j is None else columns["date"][j],
            "to_precision": None if j is None else columns["date_precision"][j],
            "opened_by": columns["event_id"][i],
            "closed_by": None if j is None else columns["event_id"][j],
            "source_ids": list(columns["source_ids"][i]),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def changes(
    events: pd.DataFrame, since: dt.date | str, until: dt.date | str
) -> dict[str, pd.DataFrame]:
    """Places whose controller or state at the end of `until` differs from the end of `since`
    ("changed"), and, apart, places that changed and came back inside the window
    ("round_trips", with the states passed through in `via`)."""
    start, end = as_date(since), as_date(until)
    ends = [snapshot(events, day).set_index("place_id")[["controller_id", "state"]]
            for day in (start, end)]  # fmt: skip
    both = ends[0].join(ends[1], how="outer", suffixes=("_before", "_after"))
    both[["state_before", "state_after"]] = both[["state_before", "state_after"]].fillna("unknown")
    both = both.astype(object).where(both.notna(), None)
    keys = both.fillna("")  # None == None must count as no change
    same = (keys["controller_id_before"] == keys["controller_id_after"]) & (
        keys["state_before"] == keys["state_after"]
    )
    window = events[(events["date"] > start) & (events["date"] <= end)]
    trips = []
    for place in sorted(set(window["place_id"]) & set(both[same].index)):
        inside = history(events[events["date"] <= end], place)
        inside = inside[inside["from"] > start]
        if not inside.empty:
            via = [f"{r.controller_id or 'unknown'}:{r.state}" for r in inside.itertuples()]
            trips.append({"place_id": place, **both.loc[place].to_dict(), "via": via})
    columns = ["place_id", *both.columns]
    return {"changed": both[~same].reset_index()[columns],
            "round_trips": pd.DataFrame(trips, columns=[*columns, "via"])}  # fmt: skip
