"""Control as array operations, for datasets the size of a whole war: every snapshot,
history and change the app shows.

`control_reference.step` applies one event at a time and is the reference; this module computes
the same states for every place at once with numpy. Each event's state follows from a few
"latest event of some kind so far, within its place" indices, which a grouped forward fill gives
in O(n): the controller from the latest event that names one, the siege from the latest
`besieged` or `siege_lifted` since the latest change of hands, the state from the latest event
that is not an attack. Event types and states are the vocabulary's codes
(`frontline.vocabulary`); `tests/unit/test_control.py` checks both ways agree on every event
type and on random histories.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from frontline.errors import DataError
from frontline.vocabulary import UNSETTLED, Coded, EventType, Precision, State, Status

NONE = -1  # no actor
KEEP = -2  # this event does not name a controller
# The vocabulary's codes under the short names the rules below use.
_T, _S = EventType, State
CAPTURED, LOST, WITHDREW, HELD, BESIEGED, LIFTED, ENTERED, CONTESTED, ATTACKED, UNDER_SIEGE = (
    t.code for t in (_T.CAPTURED, _T.LOST, _T.WITHDREW, _T.HELD, _T.BESIEGED, _T.SIEGE_LIFTED,
                     _T.ENTERED, _T.CONTESTED, _T.ATTACKED, _T.UNDER_SIEGE)
)  # fmt: skip
HELD_STATE, CONTESTED_STATE, BESIEGED_STATE, UNKNOWN_STATE = (
    s.code for s in (_S.HELD, _S.CONTESTED, _S.BESIEGED, _S.UNKNOWN)
)
TYPE_NAMES = np.array(EventType.names(), dtype=object)  # indexed by code
STATE_NAMES = np.array(State.names(), dtype=object)


@dataclass(frozen=True)
class Events:
    """The columns the engine reads, as integer codes, rows in order (place, date, seq, id)."""

    pos: np.ndarray  # each row's position in the original frame
    place: np.ndarray
    places: np.ndarray  # place ids by code
    day: np.ndarray  # seconds since the epoch
    kind: np.ndarray  # EventType code
    actor: np.ndarray  # index into actors, NONE when missing
    opponent: np.ndarray
    actors: np.ndarray
    settled: np.ndarray  # not a claim
    exact: np.ndarray  # day-precise date
    confirmed: np.ndarray

    @property
    def group_start(self) -> np.ndarray:
        """For each row, the row where its place begins."""
        first = np.r_[True, self.place[1:] != self.place[:-1]]
        return np.maximum.accumulate(np.where(first, np.arange(first.size, dtype=np.int32), 0))

    @property
    def ends(self) -> np.ndarray:
        """The last row of each place."""
        return np.r_[np.flatnonzero(self.place[1:] != self.place[:-1]), self.place.size - 1]

    def upto(self, day: pd.Timestamp) -> Events:
        """The events up to the end of `day`."""
        return self.only(self.day <= np.datetime64(day, "s").astype("int64"))

    def only(self, mask: np.ndarray) -> Events:
        return Events(**{k: v if k in ("places", "actors") else v[mask]
                         for k, v in self.__dict__.items()})  # fmt: skip


def prepare(events: pd.DataFrame) -> Events:
    """Every event, coded and ordered: build once, then `upto` any day (order is kept)."""
    day = events["date"].to_numpy("datetime64[s]").astype("int64")
    pos = np.arange(day.size)
    place, places = pd.factorize(events["place_id"])
    actor, actor_names = pd.factorize(events["actor_id"])
    opponent, opponent_names = pd.factorize(events["opponent_id"])
    actors = pd.Index(actor_names).append(pd.Index(opponent_names)).unique()
    actor = _recode(actor, actors.get_indexer(actor_names))
    opponent = _recode(opponent, actors.get_indexer(opponent_names))
    kind = _coded(events["event_type"], EventType, "event_type")
    status = _coded(events["status"], Status, "status")
    seq = events["seq"].fillna(0).to_numpy("int64") if "seq" in events else np.zeros(day.size)
    rows = pos[order(place[pos], day[pos], seq[pos], events["event_id"], pos)]
    return Events(
        pos=rows, place=place[rows].astype(np.int32), places=np.asarray(places, dtype=object),
        day=day[rows], kind=kind[rows], actor=actor[rows].astype(np.int32),
        opponent=opponent[rows].astype(np.int32),
        actors=np.asarray(actors, dtype=object),
        settled=~np.isin(status, [s.code for s in UNSETTLED])[rows],
        exact=(events["date_precision"] == Precision.DAY).to_numpy(bool)[rows],
        confirmed=(status == Status.CONFIRMED.code)[rows],
    )  # fmt: skip


def _coded(values: pd.Series, vocabulary: type[Coded], field: str) -> np.ndarray:
    """Each value's code in `vocabulary`. A word outside it, or none, is a DataError naming it:
    never a silent -1 that one engine would read as "unknown" and the other as "held"."""
    codes, words = pd.factorize(values)
    if (codes < 0).any():
        raise DataError(f"{(codes < 0).sum()} event(s) with no {field}", field=field)
    return np.array([vocabulary.parse(w, field).code for w in words], dtype=np.int8)[codes]


def _recode(codes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Codes into one list renumbered into another (NONE stays NONE)."""
    return np.where(codes >= 0, table[codes], NONE) if table.size else np.full(codes.size, NONE)


def order(
    places: np.ndarray, days: np.ndarray, seq: np.ndarray, ids: pd.Series, pos: np.ndarray
) -> np.ndarray:
    """Row order by place, day, seq, then id (read only where the rest ties)."""
    span, low = (int(days.max() - days.min()) + 1, int(days.min())) if days.size else (1, 0)
    width = int(seq.max()) + 1 if seq.size else 1
    if places.size and (int(places.max()) + 1) * span * width < 2**62 and seq.min() >= 0:
        key = (places.astype(np.int64) * span + (days - low)) * width + seq
        rows = np.argsort(key, kind="stable")
    else:
        rows = np.lexsort((seq, days, places))
    p, d, s = places[rows], days[rows], seq[rows]
    tied = np.flatnonzero((p[1:] == p[:-1]) & (d[1:] == d[:-1]) & (s[1:] == s[:-1]))
    if tied.size:  # rare: order each run of equal keys by event id, all runs in one sort
        members = np.unique(np.r_[tied, tied + 1])
        pm, dm, sm = p[members], d[members], s[members]
        apart = (np.diff(members) > 1) | (pm[1:] != pm[:-1]) | (dm[1:] != dm[:-1])
        run = np.cumsum(np.r_[True, apart | (sm[1:] != sm[:-1])])
        ids_ = ids.iloc[pos[rows[members]]].to_numpy(dtype=object)
        within = pd.DataFrame({"run": run, "id": ids_}).sort_values(["run", "id"]).index
        rows[members] = rows[members][within.to_numpy()]
    return rows


def latest(mask: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """For each row, the index of the latest row so far in its group where `mask` holds
    (the row itself included), or -1."""
    index = np.where(mask, np.arange(mask.size, dtype=np.int32), np.int32(-1))
    index = np.maximum.accumulate(index) if index.size else index
    return np.where(index >= group_start, index, -1)


def previous(values: np.ndarray, first: np.ndarray, fill: int) -> np.ndarray:
    """Each row's value on the row before it in its group (`fill` on a group's first row)."""
    out = np.empty_like(values)
    if values.size:
        out[1:] = values[:-1]
        out[first] = fill
    return out


def states(
    kind: np.ndarray, actor: np.ndarray, opponent: np.ndarray, group_start: np.ndarray
) -> dict[str, np.ndarray]:
    """Controller, state, besieger and contester after every settled event (rows in order).
    `under_siege` (a siege observed, its start unknown) applies exactly as `besieged`."""
    kind = np.where(kind == UNDER_SIEGE, BESIEGED, kind)
    first = group_start == np.arange(kind.size)
    named = np.full(kind.size, KEEP)
    named = np.where(kind == CAPTURED, actor, named)
    named = np.where((kind == LOST) | (kind == WITHDREW), opponent, named)
    named = np.where(kind == HELD, actor, named)
    named = np.where((kind == BESIEGED) & (opponent != NONE), opponent, named)
    controller = _fill(named, latest(named != KEEP, group_start))
    # `entered`/`contested` name the holder (their opponent) only while nobody is known to hold it
    fighting = (kind == ENTERED) | (kind == CONTESTED)
    before = previous(controller, first, NONE)
    claims = fighting & (before == NONE) & (opponent != NONE)
    claims &= ~_repeats(latest(named != KEEP, group_start), group_start, claims)
    if claims.any():
        named = np.where(claims, opponent, named)
        controller = _fill(named, latest(named != KEEP, group_start))
        before = previous(controller, first, NONE)
    reset = (kind == CAPTURED) | (kind == LOST) | (kind == WITHDREW)
    reset |= (kind == HELD) & (actor != before)
    last_reset = latest(reset, group_start)
    siege = latest((kind == BESIEGED) | (kind == LIFTED), group_start)
    siege = np.where(siege > last_reset, siege, -1)
    besieger = np.where((siege >= 0) & (kind[siege] == BESIEGED), actor[siege], NONE)
    decisive = latest(kind != ATTACKED, group_start)
    return {
        "controller": controller,
        "state": _state(kind, controller, besieger, decisive, last_reset),
        "besieger": besieger,
        "contester": np.where((decisive >= 0) & np.isin(kind[decisive], (ENTERED, CONTESTED)),
                              actor[decisive], NONE),
        "decisive": decisive,
    }  # fmt: skip


def moves(after: dict[str, np.ndarray], group_start: np.ndarray) -> np.ndarray:
    """Rows (of `states` output) where controller or state changed: against the row before in
    the same place, or, on a place's first row, against nobody and "unknown"."""
    controller, state = after["controller"], after["state"]
    first = group_start == np.arange(group_start.size)
    moved = first & ((controller != NONE) | (state != UNKNOWN_STATE))
    moved[1:] |= ~first[1:] & ((controller[1:] != controller[:-1]) | (state[1:] != state[:-1]))
    return moved


def _fill(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    return np.where(index >= 0, values[index], NONE)


def _repeats(segment: np.ndarray, group_start: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rows of `mask` that are not the first of `mask` within the same (group, segment)."""
    keys = (group_start.astype(np.int64) * (mask.size + 1) + segment + 1)[mask]
    _, first = np.unique(keys, return_index=True)
    repeat = np.ones(mask.sum(), dtype=bool)
    repeat[first] = False
    out = np.zeros(mask.size, dtype=bool)
    out[np.flatnonzero(mask)] = repeat
    return out


def _state(kind, controller, besieger, decisive, last_reset) -> np.ndarray:
    held_or_unknown = np.where(controller != NONE, HELD_STATE, UNKNOWN_STATE)
    k = np.where(decisive >= 0, kind[decisive], -1)
    state = np.full(kind.size, UNKNOWN_STATE)
    state = np.where((k >= 0) & (decisive == last_reset), held_or_unknown, state)
    state = np.where(
        (k == HELD) & (decisive != last_reset),
        np.where(besieger != NONE, BESIEGED_STATE, HELD_STATE),
        state,
    )
    state = np.where((k == ENTERED) | (k == CONTESTED), CONTESTED_STATE, state)
    state = np.where(k == BESIEGED, BESIEGED_STATE, state)
    return np.where(k == LIFTED, held_or_unknown, state)  # fmt: skip
