"""Territorial control: who held each place, in what state, on a given day, and why.

Events are applied in order (date, then `seq` for the order a source gives within one day, then
id). Each event type moves a place's state as written in `APPLY`; the README's "Control semantics"
section says the same in prose. Claims (status `claimed` or `disputed`) never change the state:
they are listed beside it until another source reports or confirms them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from frontline.model import as_date

STATES = ("held", "contested", "besieged", "unknown")
UNSETTLED = ("claimed", "disputed")
SNAPSHOT_COLUMNS = [
    "place_id",
    "controller_id",
    "state",
    "besieged_by_id",
    "contested_by_id",
    "since",
    "since_precision",
    "last_event_id",
    "last_event_type",
    "basis_event_id",
    "confidence",
    "source_ids",
    "open_claims",
]


@dataclass(frozen=True)
class PlaceState:
    """The state of one place after some events: what a snapshot row holds."""

    controller_id: str | None = None
    state: str = "unknown"
    besieged_by_id: str | None = None
    contested_by_id: str | None = None
    since: pd.Timestamp | None = None
    since_precision: str | None = None


def _held_by(s: PlaceState, actor: str | None) -> PlaceState:
    """Control passes to `actor` (None: nobody known); any siege or contest ends."""
    return replace(
        s,
        controller_id=actor,
        state="held" if actor else "unknown",
        besieged_by_id=None,
        contested_by_id=None,
    )


def _held(s: PlaceState, actor: str | None, _opponent: str | None) -> PlaceState:
    """A statement that `actor` holds the place: a siege goes on, a contest is over."""
    if actor != s.controller_id:
        return _held_by(s, actor)
    return replace(s, state="besieged" if s.besieged_by_id else "held", contested_by_id=None)


def _besieged(s: PlaceState, actor: str | None, opponent: str | None) -> PlaceState:
    controller = opponent or s.controller_id
    return replace(
        s, controller_id=controller, state="besieged", besieged_by_id=actor, contested_by_id=None
    )


def _siege_lifted(s: PlaceState, _actor: str | None, _opponent: str | None) -> PlaceState:
    return replace(s, besieged_by_id=None, state="held" if s.controller_id else "unknown")


def _contested(s: PlaceState, actor: str | None, opponent: str | None) -> PlaceState:
    """`actor` fights inside the place; control stays with its holder until it changes hands."""
    return replace(
        s, controller_id=s.controller_id or opponent, state="contested", contested_by_id=actor
    )


APPLY = {
    "captured": lambda s, a, o: _held_by(s, a),
    "lost": lambda s, a, o: _held_by(s, o),
    "withdrew": lambda s, a, o: _held_by(s, o),
    "held": _held,
    "entered": _contested,
    "contested": _contested,
    "besieged": _besieged,
    "siege_lifted": _siege_lifted,
    "attacked": lambda s, a, o: s,
}


def ordered(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order they happened, as far as sources tell."""
    keys = events.assign(_seq=events["seq"].fillna(0) if "seq" in events else 0)
    return keys.sort_values(["date", "_seq", "event_id"], kind="stable").drop(columns="_seq")


def _confidence(event: pd.Series) -> str:
    """How sure the current state is: approximate dates first, then how well it is sourced."""
    if event["date_precision"] != "day":
        return "approximate"
    return "confirmed" if event["status"] == "confirmed" else "reported"


def _fold_place(events: pd.DataFrame) -> dict:
    """Apply one place's ordered events; return its snapshot row."""
    state, setter = PlaceState(), None
    for _, event in events[~events["status"].isin(UNSETTLED)].iterrows():
        actor = None if pd.isna(event["actor_id"]) else event["actor_id"]
        opponent = None if pd.isna(event["opponent_id"]) else event["opponent_id"]
        after = APPLY[event["event_type"]](state, actor, opponent)
        if (after.controller_id, after.state) != (state.controller_id, state.state):
            after = replace(after, since=event["date"], since_precision=event["date_precision"])
        if event["event_type"] != "attacked":
            setter = event  # the latest evidence for the current state
        state = after
    last = events.iloc[-1]
    claims = events[events["status"].isin(UNSETTLED)]["event_id"].tolist()
    return {
        **state.__dict__,
        "last_event_id": last["event_id"],
        "last_event_type": last["event_type"],
        "basis_event_id": setter["event_id"] if setter is not None else None,
        "confidence": _confidence(setter) if setter is not None else "unknown",
        "source_ids": list(setter["source_ids"]) if setter is not None else [],
        "open_claims": claims,
    }


def snapshot(events: pd.DataFrame, as_of: dt.date | str) -> pd.DataFrame:
    """One row per place with events up to the end of `as_of`: controller, state, since when.

    `last_event_*` is the last event of any kind (an attack included); `basis_event_id`, with its
    `source_ids` and `confidence`, is the latest event that set or restated the state, while
    `since` is when that controller and state began.
    """
    known = events[events["date"] <= as_date(as_of)]
    if known.empty:
        return pd.DataFrame(columns=SNAPSHOT_COLUMNS)
    rows = [
        {"place_id": place, **_fold_place(group)}
        for place, group in ordered(known).groupby("place_id", sort=True)
    ]
    return pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)
