"""Control rules in their readable form: one event at a time, one place at a time.

`step` says what each event type does (the README's "Control semantics" says the same in
prose), and `walk` applies a place's events in order. The app computes control with the array
engine (`control_arrays`, through `control.snapshot`, `history` and `changes`), which does the
same for every place at once; this module is the reference it is held to: tests compare the
two on every event type and on random histories, and the synthetic data and the benchmarks
play events through `step`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from frontline import vocabulary as vocab
from frontline.errors import DataError
from frontline.vocabulary import UNSETTLED, EventType


class State(NamedTuple):
    """Who holds a place and how: the part of a snapshot row that events change."""

    controller: str | None = None
    state: str = vocab.State.UNKNOWN
    besieger: str | None = None
    contester: str | None = None


UNKNOWN = State()


def _taken_by(actor: str | None) -> State:
    """Control passes to `actor` (None: nobody known); any siege or contest ends."""
    return State(actor, vocab.State.HELD) if actor else UNKNOWN


def step(s: State, event_type: str, actor: str | None, opponent: str | None) -> State:
    """The state after one settled event: the rules in their readable form, one event at a
    time. The array engine (`control_arrays.states`) computes the same for every event at once,
    and tests hold the two to agreement on every EventType."""
    match event_type:
        case EventType.CAPTURED:
            return _taken_by(actor)
        case EventType.LOST | EventType.WITHDREW:
            return _taken_by(opponent)
        case EventType.HELD:  # restates the holder: a siege goes on, a contest is over
            if actor != s.controller:
                return _taken_by(actor)
            return s._replace(state=vocab.State.BESIEGED if s.besieger else vocab.State.HELD,
                              contester=None)  # fmt: skip
        case EventType.ENTERED | EventType.CONTESTED:  # fighting inside; the holder keeps it
            return s._replace(controller=s.controller or opponent,
                              state=vocab.State.CONTESTED, contester=actor)  # fmt: skip
        case EventType.BESIEGED | EventType.UNDER_SIEGE:  # a siege observed is a siege
            return State(opponent or s.controller, vocab.State.BESIEGED, actor, None)
        case EventType.SIEGE_LIFTED:
            held = vocab.State.HELD if s.controller else vocab.State.UNKNOWN
            return State(s.controller, held, None, None)
        case EventType.ATTACKED:  # no change of control
            return s
    raise DataError(f"unknown event type {event_type!r}", field="event_type")


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


def plain(values: pd.Series) -> list:
    """Plain Python values, with None for every kind of missing value."""
    return values.astype(object).where(values.notna(), None).tolist()


class Walk(NamedTuple):
    """One place's events applied in order."""

    state: State
    changes: list[tuple[int, State]]  # (row, state after) wherever controller or state changed
    basis: int | None  # row of the latest event that set or restated the state
    claims: list[str]  # unsettled events, never applied


def walk(columns: dict[str, list], start: int, stop: int) -> Walk:
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
        if kind != EventType.ATTACKED:
            basis = i
        s = after
    return Walk(s, changes, basis, claims)


_WALK_COLUMNS = ("event_id", "event_type", "actor_id", "opponent_id", "status", "date",
                 "date_precision", "source_ids")  # fmt: skip


def by_place(events: pd.DataFrame) -> tuple[dict[str, list], np.ndarray, list[tuple[int, int]]]:
    """Ordered events as plain lists, with each place's row range."""
    known = ordered(events)
    columns = {name: plain(known[name]) for name in _WALK_COLUMNS}
    places = known["place_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, places[1:] != places[:-1]]) if len(places) else []
    stops = np.r_[starts[1:], len(places)] if len(places) else []
    return columns, places, list(zip(starts, stops, strict=True))
