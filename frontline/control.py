"""Territorial control: who held each place, in what state, on a given day, and why.

Events are applied in order (date, then `seq` for the order a source gives within one day, then
id); `step` (in `control_reference`) says what each event type does, and the README's "Control
semantics" section says the same in prose. Claims (status `claimed` or `disputed`) never change
the state: they are listed beside it until another source reports or confirms them. Snapshots,
histories and changes are all computed by the array engine (`control_arrays`).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import numpy as np
import pandas as pd

from frontline import control_arrays as arrays
from frontline import control_index
from frontline import vocabulary as vocab
from frontline.control_reference import UNKNOWN, State, ordered, plain, step
from frontline.model import as_date

__all__ = [  # with the reference's State, UNKNOWN, step and ordered, as before the split
    "CHANGE_COLUMNS", "CHANGE_KINDS", "CONFIDENCE", "HISTORY_COLUMNS", "SINCE_BASES",
    "SNAPSHOT_COLUMNS", "UNKNOWN", "UNSETTLED", "State", "changes", "histories", "history",
    "index", "ordered", "snapshot", "step",
]  # fmt: skip
UNSETTLED = tuple(s.value for s in vocab.UNSETTLED)
CONFIDENCE = np.array(vocab.Confidence.names(), dtype=object)  # indexed by code
SNAPSHOT_COLUMNS = [
    "place_id", "controller_id", "state", "besieged_by_id", "contested_by_id", "since",
    "since_precision", "since_basis", "last_event_id", "last_event_type", "basis_event_id",
    "confidence", "source_ids", "open_claims",
]  # fmt: skip
# What `since` is, per place (`since_basis`): the day the controller and state began, or only a
# day by which they had: the place was already so when first known (no earlier day set its
# state: Fallujah, first reported taken on 2016-06-29), or a later report found it so (`held`
# by a new holder, a siege observed) without saying since when.
SINCE_BASES = ("change", "first_report", "observed")
_OBSERVED = (arrays.HELD, arrays.UNDER_SIEGE)  # a state reported as found, not as it began
_BASIS_NAMES = np.array([*SINCE_BASES, None], dtype=object)  # -1: no state set


def index(events: pd.DataFrame) -> arrays.Events:
    """The events coded and ordered once, for many `snapshot` and `changes` calls on them."""
    return arrays.prepare(events)


def snapshot(
    events: pd.DataFrame,
    as_of: dt.date | str,
    coded: arrays.Events | control_index.Index | None = None,
) -> pd.DataFrame:
    """One row per place with events up to the end of `as_of`: controller, state, since when.

    `last_event_*` is the last event of any kind (an attack included); `basis_event_id`, with its
    `source_ids` and `confidence`, is the latest event that set or restated the state, while
    `since` is the date of the event that brought that controller and state, and `since_basis`
    (one of SINCE_BASES) says whether they began then ("change") or only had by then (a first
    report, a state observed): a table must not read a first report as the day control began.
    `coded` (`index(events)`, or better `control_index.build(events)`, which also holds every
    row's state) saves coding the events again for each day.
    """
    found = coded if isinstance(coded, control_index.Index) else control_index.build(events, coded)
    day = as_date(as_of)
    places, ends = found.every.by_day.last_rows(day)
    every = found.every.events
    n = ends.size
    out = {
        "place_id": every.places[places],
        "controller_id": np.full(n, None), "state": np.full(n, "unknown", dtype=object),
        "besieged_by_id": np.full(n, None), "contested_by_id": np.full(n, None),
        "since": np.full(n, np.datetime64("NaT", "s")), "since_precision": np.full(n, None),
        "since_basis": np.full(n, None),
        "last_event_id": _at(events, "event_id", every.pos[ends]),
        "last_event_type": arrays.TYPE_NAMES[every.kind[ends]],
        "basis_event_id": np.full(n, None), "confidence": np.full(n, "unknown", dtype=object),
        "source_ids": _empty_lists(n), "open_claims": _claims(found, day, places),
    }  # fmt: skip
    settled_places, settled_ends = found.settled.by_day.last_rows(day)
    if settled_ends.size:
        slot = np.full(every.places.size, -1)
        slot[places] = np.arange(n)
        rows = slot[settled_places]
        for column, values in _settled_state(events, found, settled_ends).items():
            out[column][rows] = values
    return pd.DataFrame({c: pd.Series(out[c], dtype=None if c == "since" else object)
                         for c in SNAPSHOT_COLUMNS})  # fmt: skip


def _at(events: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    """One column's values at some row positions, without converting the whole column."""
    return events[column].iloc[rows].to_numpy(dtype=object, na_value=None)


def _claims(found: control_index.Index, day: dt.date, places: np.ndarray) -> np.ndarray:
    """Each place's unsettled events (claims) by the end of `day`, in order, for `places` (place
    codes, the snapshot's rows): the first so many of each place's claims."""
    out = _empty_lists(places.size)
    owners, last = found.claims.by_day.last_rows(day)
    if owners.size:
        slot = np.full(found.every.events.places.size, -1)
        slot[places] = np.arange(places.size)
        counts = last - found.claims.by_day.first_rows(owners) + 1
        for row, owner, count in zip(slot[owners].tolist(), owners.tolist(), counts.tolist(),
                                     strict=True):  # fmt: skip
            out[row] = found.claim_ids[owner][:count]
    return out


def _empty_lists(n: int) -> np.ndarray:
    """n distinct empty lists in an object array (numpy would read nested lists as a shape)."""
    out = np.empty(n, dtype=object)
    for i in range(n):
        out[i] = []
    return out


def _lists_where(keep: np.ndarray, lists: np.ndarray) -> np.ndarray:
    """`lists`, with a new empty list wherever `keep` is false."""
    out = lists.copy()
    for i in np.flatnonzero(~keep):
        out[i] = []
    return out


def _settled_state(
    events: pd.DataFrame, found: control_index.Index, ends: np.ndarray
) -> dict[str, np.ndarray]:
    """State, since when and on what evidence at the settled rows `ends` (each place's last by
    the day), read from the states the index computed once for every row."""
    coded, after = found.settled.events, found.after
    controller, state = after["controller"], after["state"]
    starts = found.settled.by_day.first_rows(coded.place[ends])
    since, basis = found.since[ends], after["decisive"][ends]
    names = np.append(coded.actors, None)  # NONE (-1) picks the appended None
    known = basis >= 0
    c = vocab.Confidence
    confidence = CONFIDENCE[np.where(~known, c.UNKNOWN.code, np.where(
        ~coded.exact[basis], c.APPROXIMATE.code,
        np.where(coded.confirmed[basis], c.CONFIRMED.code, c.REPORTED.code)))]  # fmt: skip
    sources = events["source_ids"].to_numpy(object)
    since_rows = coded.pos[since]
    return {
        "controller_id": names[controller[ends]],
        "state": arrays.STATE_NAMES[state[ends]],
        "besieged_by_id": names[after["besieger"][ends]],
        "contested_by_id": names[after["contester"][ends]],
        "since": np.where(since >= 0, events["date"].to_numpy()[since_rows], np.datetime64("NaT")),
        "since_precision": np.where(since >= 0, _at(events, "date_precision", since_rows), None),
        "since_basis": _since_basis(coded, found.moved, starts, since),
        "basis_event_id": np.where(known, _at(events, "event_id", coded.pos[basis]), None),
        "confidence": confidence,
        "source_ids": _lists_where(known, sources[coded.pos[basis]]),
    }  # fmt: skip


def _since_basis(
    coded: arrays.Events, moved: np.ndarray, starts: np.ndarray, since: np.ndarray
) -> np.ndarray:
    """SINCE_BASES' word for each place's `since` row (None where nothing set a state): a
    "first_report" when no earlier day set the place's state (the day of its first change, a
    later one that day included: Manbij's siege, reported with its holder), else "observed"
    for a state found (`held`, `under_siege`), else "change". `starts`: each place's first row."""
    moves = np.flatnonzero(moved)  # in order, and so grouped by place
    if not moves.size:
        return np.full(since.size, None)
    first = moves[np.searchsorted(moves, starts).clip(max=moves.size - 1)]
    code = np.where(np.isin(coded.kind[since], _OBSERVED), 2, 0)  # indices into SINCE_BASES
    code = np.where(coded.day[since] == coded.day[first], 1, code)
    return _BASIS_NAMES[np.where(since >= 0, code, -1)]


HISTORY_COLUMNS = [
    "controller_id", "state", "besieged_by_id", "contested_by_id", "from", "from_precision",
    "to", "to_precision", "opened_by", "closed_by", "source_ids",
]  # fmt: skip


def history(events: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """One place's control intervals, oldest first: who held it in what state, from when to
    when, and the events that opened and closed each (with the opening event's sources).
    The last interval is open (`to` is empty)."""
    return histories(events, [place_id]).drop(columns="place_id")


def histories(events: pd.DataFrame, place_ids: list[str]) -> pd.DataFrame:
    """`history` of several places in one table (a `place_id` column first, places in id
    order), computed by the array engine in one pass: the timeline's Gantt of many places.
    Each interval opens where controller or state changes and closes at the next change."""
    chosen = events[events["place_id"].isin(place_ids)]
    coded = arrays.prepare(chosen)
    coded = coded.only(coded.settled)
    after = arrays.states(coded.kind, coded.actor, coded.opponent, coded.group_start)
    opens = np.flatnonzero(arrays.moves(after, coded.group_start))
    if not opens.size:
        return pd.DataFrame(columns=["place_id", *HISTORY_COLUMNS])
    opens = opens[np.argsort(coded.places[coded.place[opens]], kind="stable")]
    place = coded.place[opens]
    closed = np.zeros(opens.size, dtype=bool)  # by the next change; a place's last stays open
    closed[:-1] = place[1:] == place[:-1]
    closes = np.where(closed, np.roll(opens, -1), opens)  # (the open ones' values masked)
    names = np.append(coded.actors, None)  # NONE (-1) picks the appended None
    at = partial(_values, chosen, coded.pos)
    return pd.DataFrame({
        "place_id": coded.places[place].tolist(),
        "controller_id": names[after["controller"][opens]].tolist(),
        "state": arrays.STATE_NAMES[after["state"][opens]].tolist(),
        "besieged_by_id": names[after["besieger"][opens]].tolist(),
        "contested_by_id": names[after["contester"][opens]].tolist(),
        "from": at("date", opens), "from_precision": at("date_precision", opens),
        "to": at("date", closes, closed), "to_precision": at("date_precision", closes, closed),
        "opened_by": at("event_id", opens), "closed_by": at("event_id", closes, closed),
        "source_ids": [list(ids) for ids in chosen["source_ids"].iloc[coded.pos[opens]]],
    }, columns=["place_id", *HISTORY_COLUMNS])  # fmt: skip


def _values(
    frame: pd.DataFrame, pos: np.ndarray, column: str, rows: np.ndarray, known=None
) -> list:
    """Plain values of `column` at coded rows `rows` (None wherever `known` is false)."""
    values = frame[column].iloc[pos[rows]]
    return plain(values if known is None else values.where(known))


CHANGE_COLUMNS = ["place_id", "controller_id_before", "state_before", "controller_id_after",
                  "state_after"]  # fmt: skip
CHANGE_KINDS = ("changed", "first_reported", "round_trips")  # the lists `changes` returns


def changes(
    events: pd.DataFrame,
    since: dt.date | str,
    until: dt.date | str,
    coded: arrays.Events | None = None,
) -> dict[str, pd.DataFrame]:
    """What moved between the end of `since` and the end of `until`, in three tables:

    - "changed": places whose controller or state at the end of `until` differs from the end of
      `since`, where something was known of their control by then;
    - "first_reported": places of which nothing was known by the end of `since` (no event had
      set their state) and something is by the end of `until`: their first appearance in the
      sources, which says nothing about a change (Manbij first appears in the report of 29 June
      2016, already besieged);
    - "round_trips": places that changed and came back inside the window, with the states
      passed through in `via`.
    """
    start = np.datetime64(as_date(since), "s").astype("int64")
    coded = (coded or arrays.prepare(events)).upto(as_date(until))
    coded = coded.only(coded.settled)
    if coded.pos.size == 0:
        return {kind: pd.DataFrame(columns=[*CHANGE_COLUMNS, "via"] if kind == "round_trips"
                                   else CHANGE_COLUMNS) for kind in CHANGE_KINDS}  # fmt: skip
    group = coded.group_start
    after = arrays.states(coded.kind, coded.actor, coded.opponent, group)
    controller, state = after["controller"], after["state"]
    moved = arrays.moves(after, group)
    ends = coded.ends
    before = arrays.latest(coded.day <= start, group)[ends]
    c0 = np.where(before >= 0, controller[before], arrays.NONE)
    s0 = np.where(before >= 0, state[before], arrays.UNKNOWN_STATE)
    c1, s1 = controller[ends], state[ends]
    inside = moved & (coded.day > start)
    differs = (c0 != c1) | (s0 != s1)
    known_before = arrays.latest(moved & (coded.day <= start), group)[ends] >= 0
    trip = ~differs & (arrays.latest(inside, group)[ends] >= 0)
    names = np.append(coded.actors, None)
    table = pd.DataFrame({
        "place_id": coded.places[coded.place[ends]],
        "controller_id_before": names[c0], "state_before": arrays.STATE_NAMES[s0],
        "controller_id_after": names[c1], "state_after": arrays.STATE_NAMES[s1],
    }, dtype=object)  # fmt: skip
    trips = table[trip].reset_index(drop=True)
    trip_places = coded.place[ends][trip]
    via: dict[int, list[str]] = {}
    for row in np.flatnonzero(inside & np.isin(coded.place, trip_places)):
        label = f"{names[controller[row]] or 'unknown'}:{arrays.STATE_NAMES[state[row]]}"
        via.setdefault(coded.place[row], []).append(label)
    trips["via"] = [via[code] for code in coded.place[ends][trip].tolist()]
    return {
        "changed": table[differs & known_before].reset_index(drop=True),
        "first_reported": table[differs & ~known_before].reset_index(drop=True),
        "round_trips": trips,
    }
