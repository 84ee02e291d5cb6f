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


def _fold(columns: dict[str, list], start: int, stop: int) -> dict:
    """Apply the events in rows start..stop (one place, ordered); return its snapshot row."""
    s, since, basis, claims = UNKNOWN, (None, None), None, []
    for i in range(start, stop):
        if columns["status"][i] in UNSETTLED:
            claims.append(columns["event_id"][i])
            continue
        kind = columns["event_type"][i]
        after = step(s, kind, columns["actor_id"][i], columns["opponent_id"][i])
        if after[:2] != s[:2]:
            since = (columns["date"][i], columns["date_precision"][i])
        if kind != "attacked":
            basis = i  # the latest evidence for the current state
        s = after
    last = stop - 1
    return {
        "controller_id": s.controller, "state": s.state, "besieged_by_id": s.besieger,
        "contested_by_id": s.contester, "since": since[0], "since_precision": since[1],
        "last_event_id": columns["event_id"][last], "last_event_type": columns["event_type"][last],
        "basis_event_id": None if basis is None else columns["event_id"][basis],
        "confidence": "unknown" if basis is None else _confidence(
            columns["date_precision"][basis], columns["status"][basis]),
        "source_ids": [] if basis is None else list(columns["source_ids"][basis]),
        "open_claims": claims,
    }  # fmt: skip


def snapshot(events: pd.DataFrame, as_of: dt.date | str) -> pd.DataFrame:
    """One row per place with events up to the end of `as_of`: controller, state, since when.

    `last_event_*` is the last event of any kind (an attack included); `basis_event_id`, with its
    `source_ids` and `confidence`, is the latest event that set or restated the state, while
    `since` is when that controller and state began.
    """
    known = ordered(events[events["date"] <= as_date(as_of)])
    if known.empty:
        return pd.DataFrame(columns=SNAPSHOT_COLUMNS)
    names = (
        "event_id",
        "event_type",
        "actor_id",
        "opponent_id",
        "status",
        "date",
        "date_precision",
        "source_ids",
    )
    columns = {name: _none(known[name]) for name in names}
    places = known["place_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, places[1:] != places[:-1]])
    stops = np.r_[starts[1:], len(places)]
    rows = [
        {"place_id": places[a], **_fold(columns, a, b)} for a, b in zip(starts, stops, strict=True)
    ]
    return pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)
