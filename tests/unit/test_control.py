"""Control semantics, each pinned by a test that fails if the rule is broken."""

import numpy as np
import pandas as pd
import pytest

from frontline import (
    control,
    control_arrays,
    control_index,
    control_reference,
    model,
    validation,
)
from frontline.control import changes, history, snapshot
from frontline.errors import DataError
from frontline.vocabulary import EventType


def events(*rows: tuple) -> pd.DataFrame:
    """(date, event_type, actor, opponent[, status[, seq]]) tuples on one place 'p'."""
    return validation.coerce(model.CONTROL_EVENTS, _records(rows, "p"))


def _records(rows: tuple, place: str, prefix: str = "") -> list[dict]:
    records = []
    for i, row in enumerate(rows):
        date, kind, actor, opponent, *rest = row
        status = rest[0] if rest else "reported"
        seq = rest[1] if len(rest) > 1 else ""
        records.append(
            {
                "event_id": f"{prefix}e{i}",
                "date": date,
                "place_id": place,
                "event_type": kind,
                "actor_id": actor,
                "opponent_id": opponent,
                "status": status,
                "seq": seq,
                "source_ids": "s",
                "quote": "q",
            }
        )
    return records


def state(frame: pd.DataFrame, as_of: str) -> dict:
    return snapshot(frame, as_of).set_index("place_id").loc["p"].to_dict()


def test_capture_changes_the_controller():
    s = state(events(("2016-01-01", "captured", "a", "b")), "2016-01-02")
    assert (s["controller_id"], s["state"], str(s["since"].date())) == ("a", "held", "2016-01-01")


def test_entered_is_contested_not_captured():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-05", "entered", "a", "b"))
    s = state(frame, "2016-01-05")
    assert (s["controller_id"], s["state"], s["contested_by_id"]) == ("b", "contested", "a")


def test_withdrew_and_lost_hand_control_to_the_opponent():
    assert state(events(("2016-01-01", "withdrew", "a", "b")), "2016-01-01")["controller_id"] == "b"
    assert state(events(("2016-01-01", "lost", "a", "b")), "2016-01-01")["controller_id"] == "b"
    nobody = state(events(("2016-01-01", "withdrew", "a", "")), "2016-01-01")
    assert (pd.isna(nobody["controller_id"]), nobody["state"]) == (True, "unknown")


def test_same_day_events_keep_the_order_sources_give():
    # Listed in reverse on purpose: seq, not file order or id, decides.
    frame = events(
        ("2016-06-29", "captured", "is", "nsa", "confirmed", 2),
        ("2016-06-29", "entered", "nsa", "is", "confirmed", 1),
    )
    s = state(frame, "2016-06-29")
    assert (s["controller_id"], s["state"], s["last_event_type"]) == ("is", "held", "captured")


def test_a_claim_is_not_a_fact_until_reported():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-02", "captured", "a", "b", "claimed"))
    s = state(frame, "2016-01-03")
    assert s["controller_id"] == "b"
    assert s["open_claims"] == ["e1"]
    confirmed = events(
        ("2016-01-01", "held", "b", ""), ("2016-01-02", "captured", "a", "b", "confirmed")
    )
    assert state(confirmed, "2016-01-03")["controller_id"] == "a"


def test_a_year_precise_event_never_overrides_a_later_day_precise_one():
    frame = events(("2016-06-29", "captured", "a", "b"), ("2016", "captured", "b", "a"))
    assert state(frame, "2016-12-31")["controller_id"] == "a"


def test_vague_dates_make_the_state_approximate():
    assert state(events(("2014", "captured", "a", "")), "2015-01-01")["confidence"] == "approximate"


def test_siege_starts_holds_and_ends():
    frame = events(
        ("2012", "besieged", "gov", "rebels"),
        ("2016-06-29", "held", "rebels", ""),
        ("2016-07-01", "siege_lifted", "gov", ""),
    )
    during = state(frame, "2016-06-29")
    assert (during["state"], during["besieged_by_id"], during["controller_id"]) == (
        "besieged",
        "gov",
        "rebels",
    )
    assert str(during["since"].date()) == "2012-01-01"
    after = state(frame, "2016-07-01")
    assert (after["state"], pd.isna(after["besieged_by_id"])) == ("held", True)


def test_a_siege_observed_applies_as_a_siege():
    """`under_siege` ("reported besieged on D", start unknown) makes the same state as
    `besieged`; only the event type, and so the siege's start, differs."""
    for kind in ("besieged", "under_siege"):
        frame = events(("2016-01-01", "held", "b", ""), ("2016-01-05", kind, "a", "b"),
                       ("2016-01-09", "held", "b", ""))  # fmt: skip
        s = state(frame, "2016-01-09")
        assert (s["controller_id"], s["state"], s["besieged_by_id"]) == ("b", "besieged", "a")
        assert str(s["since"].date()) == "2016-01-05" and s["last_event_type"] == "held"
        assert state(frame, "2016-01-05")["last_event_type"] == kind


def test_a_capture_ends_a_siege():
    frame = events(("2016-01-01", "besieged", "a", "b"), ("2016-02-01", "captured", "a", "b"))
    s = state(frame, "2016-02-01")
    assert (s["controller_id"], s["state"], pd.isna(s["besieged_by_id"])) == ("a", "held", True)


def test_attacks_change_no_control():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-02", "attacked", "a", "b"))
    s = state(frame, "2016-01-02")
    assert (s["controller_id"], s["last_event_type"], s["basis_event_id"]) == (
        "b",
        "attacked",
        "e0",
    )


def test_a_place_only_attacked_has_no_basis():
    frame = pd.concat(
        [
            events(("2016-01-01", "held", "b", ""), ("2016-01-05", "captured", "a", "b")),
            events(("2016-01-02", "attacked", "a", "b")).assign(place_id="q", event_id="x"),
        ]
    )
    row = snapshot(frame, "2016-01-09").set_index("place_id").loc["q"]
    assert (row["state"], row["confidence"], list(row["source_ids"])) == ("unknown", "unknown", [])
    assert row["basis_event_id"] is None


def test_events_after_the_day_are_ignored():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-02", "captured", "a", "b"))
    assert state(frame, "2016-01-01")["controller_id"] == "b"


@pytest.mark.parametrize(
    ("as_of", "controller", "last"),
    [
        ("2016-06-28", "is", "hamdan-2014-is-captured"),
        ("2016-06-29", "is", "hamdan-2016-06-29-is-recaptured"),
    ],
)
def test_seed_hamdan_air_base(seed_tables, as_of, controller, last):
    s = (
        snapshot(seed_tables["control_events"], as_of)
        .set_index("place_id")
        .loc["fl:hamdan-air-base"]
    )
    assert (s["controller_id"], s["state"], s["last_event_id"]) == (controller, "held", last)


def test_seed_snapshot_on_the_report_day(seed_tables):
    snap = snapshot(seed_tables["control_events"], "2016-06-29").set_index("place_id")
    assert snap.loc["gn:167357", ["controller_id", "state", "besieged_by_id"]].tolist() == [
        "is",
        "besieged",
        "sdf",
    ]
    assert snap.loc["gn:99454", ["controller_id", "state"]].tolist() == ["iraqi-forces", "held"]
    for place in ("fl:zamalka", "gn:169372"):
        assert snap.loc[place, ["controller_id", "state", "besieged_by_id"]].tolist() == [
            "rebels",
            "besieged",
            "syrian-government",
        ]
    assert snap.loc["fl:west-harasta", "state"] == "besieged"


def test_a_first_report_is_no_start_of_control():
    """A place first known taken (Fallujah, "have taken" on 29 June) was so by that day: when
    control began is not known, and `since_basis` says so (the date stays, for "by D")."""
    s = state(events(("2016-06-29", "captured", "a", "b")), "2016-06-30")
    assert (str(s["since"].date()), s["since_basis"]) == ("2016-06-29", "first_report")
    later = events(("2016-06-29", "captured", "a", "b"), ("2016-07-02", "captured", "b", "a"))
    s = state(later, "2016-07-02")  # a change after it was known: control began that day
    assert (str(s["since"].date()), s["since_basis"]) == ("2016-07-02", "change")


def test_a_state_first_reported_with_its_holder_is_a_first_report():
    """Manbij: held by IS, then besieged, both in the first report: the siege's start is not
    known either. An attack before sets no state, so it is no earlier knowledge."""
    manbij = events(("2016-06-28", "attacked", "c", "a"),
                    ("2016-06-29", "held", "a", "", "reported", 1),
                    ("2016-06-29", "besieged", "b", "a", "reported", 2))  # fmt: skip
    s = state(manbij, "2016-06-29")
    assert (s["state"], str(s["since"].date()), s["since_basis"]) == (
        "besieged", "2016-06-29", "first_report")  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "basis"),
    [("under_siege", "observed"), ("besieged", "change"), ("held", "observed"),
     ("captured", "change"), ("entered", "change")],
)  # fmt: skip
def test_a_state_found_later_says_only_by_when(kind, basis):
    """After earlier knowledge, a siege observed or a new holder found (`held`) dates only when
    it was reported so; a capture, a siege begun or an entry date their start."""
    frame = events(("2016-01-01", "held", "a", ""), ("2016-01-05", kind, "b", "a"))
    s = state(frame, "2016-01-09")
    assert (str(s["since"].date()), s["since_basis"]) == ("2016-01-05", basis)


def test_no_state_no_since_basis():
    attacked = events(("2016-01-02", "attacked", "a", "b")).assign(place_id="q", event_id="x")
    frame = pd.concat([events(("2016-01-01", "held", "b", "")), attacked])
    snap = snapshot(frame, "2016-01-09").set_index("place_id")
    assert snap.loc["q", "since_basis"] is None and pd.isna(snap.loc["q", "since"])
    assert snap.loc["p", "since_basis"] == "first_report"
    assert set(snap["since_basis"].dropna()) <= set(control.SINCE_BASES)


@pytest.mark.parametrize(
    ("as_of", "place", "since", "basis"),
    [("2016-06-29", "gn:99454", "2016-06-29", "first_report"),  # Fallujah: "have taken"
     ("2016-06-29", "gn:167357", "2016-06-29", "first_report"),  # Manbij: "have besieged"
     ("2016-06-29", "fl:zamalka", "2012-01-01", "first_report"),  # besieged "since 2012"
     ("2016-06-29", "fl:hamdan-air-base", "2016-06-29", "change"),  # IS took it back that day
     ("2016-06-28", "fl:hamdan-air-base", "2014-01-01", "first_report")],
)  # fmt: skip
def test_seed_since_and_its_basis(seed_tables, as_of, place, since, basis):
    row = snapshot(seed_tables["control_events"], as_of).set_index("place_id").loc[place]
    assert (str(row["since"].date()), row["since_basis"]) == (since, basis)


def test_history_opens_and_closes_intervals():
    frame = events(("2016-01-01", "captured", "a", "b"), ("2016-02-01", "attacked", "b", "a"),
                   ("2016-03-01", "captured", "b", "a"))  # fmt: skip
    spans = history(frame, "p")
    columns = ["controller_id", "opened_by", "closed_by"]
    assert spans[columns].fillna("").values.tolist() == [["a", "e0", "e2"], ["b", "e2", ""]]
    assert spans.loc[0, "to"] == pd.Timestamp("2016-03-01") and pd.isna(spans.loc[1, "to"])
    assert history(frame, "elsewhere").empty


def test_changes_separate_net_changes_from_round_trips():
    frame = events(("2016-01-01", "held", "a", ""), ("2016-01-05", "captured", "b", "a"),
                   ("2016-01-07", "captured", "a", "b"))  # fmt: skip
    found = changes(frame, "2016-01-02", "2016-01-10")
    assert found["changed"].empty and found["first_reported"].empty
    assert found["round_trips"]["via"].tolist() == [["b:held", "a:held"]]
    net = changes(frame, "2016-01-02", "2016-01-06")
    assert net["changed"][["controller_id_before", "controller_id_after"]].values.tolist() == [
        ["a", "b"]
    ]
    assert net["round_trips"].empty


def _random_events(seed: int, n: int = 300, places: int = 25) -> pd.DataFrame:
    """Random histories that hit every rule: ties, claims, missing actors, sieges, contests."""
    rng = np.random.default_rng(seed)
    actors = ["a", "b", "c", ""]
    rows = [{
        "event_id": f"e{i:04d}",
        "date": f"2016-01-{rng.integers(1, 29):02d}" if rng.random() < 0.9 else "2016-01",
        "seq": str(rng.integers(0, 2)), "place_id": f"p{rng.integers(0, places)}",
        "event_type": rng.choice(model.EVENT_TYPES), "actor_id": rng.choice(actors),
        "opponent_id": rng.choice(actors), "source_ids": "s", "quote": "q",
        "status": rng.choice(["reported", "confirmed", "claimed", "reported"]),
    } for i in range(n)]  # fmt: skip
    return validation.coerce(model.CONTROL_EVENTS, rows)


def _walked_basis(columns: dict[str, list], walk: control_reference.Walk) -> str | None:
    """`since_basis` the readable way: the last change on the day of the first is a first
    report; otherwise a `held` or `under_siege` found the state, any other event changed it."""
    if not walk.changes:
        return None
    (first, _), (last, _) = walk.changes[0], walk.changes[-1]
    if columns["date"][last] == columns["date"][first]:
        return "first_report"
    return "observed" if columns["event_type"][last] in ("held", "under_siege") else "change"


def _assert_snapshot_agrees_with_the_fold(frame: pd.DataFrame, as_of: str, coded=None) -> None:
    """The array engine's snapshot against `control.step` applied event by event."""
    known = frame[frame["date"] <= pd.Timestamp(as_of)]
    snap = snapshot(frame, as_of, coded=coded).set_index("place_id")
    columns, places, ranges = control_reference.by_place(known)
    assert sorted(snap.index) == sorted(places[a] for a, _ in ranges)
    for a, b in ranges:
        walk = control_reference.walk(columns, a, b)
        since = columns["date"][walk.changes[-1][0]] if walk.changes else None
        expected = [*walk.state, since, _walked_basis(columns, walk)]
        row = snap.loc[places[a]]
        got = [row["controller_id"], row["state"], row["besieged_by_id"], row["contested_by_id"],
               row["since"], row["since_basis"]]  # fmt: skip
        assert [None if pd.isna(v) else v for v in got] == expected, places[a]
        basis = None if walk.basis is None else columns["event_id"][walk.basis]
        assert row["basis_event_id"] == basis and row["open_claims"] == walk.claims
        if walk.basis is None:
            assert (row["confidence"], list(row["source_ids"])) == ("unknown", [])
        else:
            exact = columns["date_precision"][walk.basis] == "day"
            status = columns["status"][walk.basis]
            assert row["confidence"] == (
                "approximate" if not exact else "confirmed" if status == "confirmed" else "reported"
            )


def _walked_histories(events: pd.DataFrame) -> pd.DataFrame:
    """`control.histories` the readable way: each place's events walked with `control.step`,
    an interval from each change of controller or state to the next."""
    columns, places, ranges = control_reference.by_place(events)
    rows = []
    for start, stop in ranges:
        changes = control_reference.walk(columns, start, stop).changes
        for n, (i, s) in enumerate(changes):
            j = changes[n + 1][0] if n + 1 < len(changes) else None
            rows.append({
                "place_id": places[start],
                "controller_id": s.controller, "state": str(s.state), "besieged_by_id": s.besieger,
                "contested_by_id": s.contester, "from": columns["date"][i],
                "from_precision": columns["date_precision"][i],
                "to": None if j is None else columns["date"][j],
                "to_precision": None if j is None else columns["date_precision"][j],
                "opened_by": columns["event_id"][i],
                "closed_by": None if j is None else columns["event_id"][j],
                "source_ids": list(columns["source_ids"][i]),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["place_id", *control.HISTORY_COLUMNS])


@pytest.mark.parametrize("seed", range(25))
def test_array_snapshot_agrees_with_the_event_by_event_fold(seed):
    _assert_snapshot_agrees_with_the_fold(_random_events(seed), "2016-01-20")


@pytest.mark.parametrize("seed", range(10))
def test_one_index_answers_every_day_as_the_fold_over_the_events_up_to_it(seed):
    """The states are computed once over all events (`control_index`): a day's snapshot read
    from them must be the fold of only the events up to that day, later ones ignored."""
    frame = _random_events(seed)
    coded = control_index.build(frame)
    for day in ("2015-12-31", "2016-01-01", "2016-01-09", "2016-01-20", "2016-01-28", "2016-02"):
        _assert_snapshot_agrees_with_the_fold(frame, day, coded)


@pytest.mark.parametrize("seed", range(25))
def test_array_history_agrees_with_the_event_by_event_fold(seed):
    frame = _random_events(seed)
    every = sorted(set(frame["place_id"]))
    pd.testing.assert_frame_equal(control.histories(frame, every), _walked_histories(frame))
    some = every[::3]
    chosen = frame[frame["place_id"].isin(some)]
    pd.testing.assert_frame_equal(control.histories(frame, some), _walked_histories(chosen))
    one = control.history(frame, every[0])
    expected = _walked_histories(frame[frame["place_id"] == every[0]]).drop(columns="place_id")
    pd.testing.assert_frame_equal(one, expected)


BEFORE = {  # a place's story before the event under test, one place each
    "nothing": [],
    "held": [("2016-01-01", "held", "b", "")],
    "besieged": [("2016-01-01", "held", "b", ""), ("2016-01-02", "besieged", "c", "b")],
    "contested": [("2016-01-01", "held", "b", ""), ("2016-01-02", "entered", "a", "b")],
    "nobody": [("2016-01-01", "withdrew", "b", "")],
}


@pytest.mark.parametrize("kind", list(EventType))
@pytest.mark.parametrize("before", list(BEFORE))
def test_both_engines_know_every_event_type(kind, before):
    """An EventType member one engine does not handle would differ here (or raise in `step`)."""
    records = []  # one place per actor and opponent of the event
    for n, (actor, opponent) in enumerate([("a", "b"), ("b", "a"), ("b", ""), ("", "c"),
                                           ("c", "b"), ("", "")]):  # fmt: skip
        rows = (*BEFORE[before], ("2016-01-03", kind.value, actor, opponent, "confirmed"))
        records += _records(rows, f"p{n}", prefix=f"p{n}-")
    frame = validation.coerce(model.CONTROL_EVENTS, records)
    _assert_snapshot_agrees_with_the_fold(frame, "2016-01-03")
    every = sorted(set(frame["place_id"]))
    pd.testing.assert_frame_equal(control.histories(frame, every), _walked_histories(frame))


def test_an_event_type_outside_the_vocabulary_is_a_clear_error():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-02", "captured", "a", "b"))
    frame["event_type"] = frame["event_type"].astype(object)
    frame.loc[1, "event_type"] = "liberated"
    with pytest.raises(DataError, match="unknown event type 'liberated'") as info:
        control_arrays.prepare(frame)
    assert info.value.field == "event_type"
    with pytest.raises(DataError, match="'liberated'"):
        snapshot(frame, "2016-01-03")
    with pytest.raises(DataError, match="'liberated'"):
        history(frame, "p")
    with pytest.raises(DataError, match="'liberated'"):
        control.step(control.UNKNOWN, "liberated", "a", "b")


def test_a_status_outside_the_vocabulary_or_a_missing_type_is_a_clear_error():
    frame = events(("2016-01-01", "held", "b", ""), ("2016-01-02", "captured", "a", "b"))
    rumour = frame.assign(status=["reported", "rumoured"])
    with pytest.raises(DataError, match="unknown status 'rumoured'"):
        control_arrays.prepare(rumour)
    missing = frame.assign(event_type=pd.Series(["held", None], dtype="string"))
    with pytest.raises(DataError, match="1 event\\(s\\) with no event_type"):
        control_arrays.prepare(missing)


@pytest.mark.parametrize("seed", range(10))
def test_changes_agree_with_snapshots_and_histories(seed):
    frame = _random_events(seed)
    found = changes(frame, "2016-01-10", "2016-01-20")

    def ends(day):
        snap = snapshot(frame, day).set_index("place_id")
        return {p: (None if pd.isna(r["controller_id"]) else r["controller_id"], r["state"])
                for p, r in snap.iterrows()}  # fmt: skip

    start, end = ends("2016-01-10"), ends("2016-01-20")
    unknown = (None, "unknown")
    expected = {p for p in end if start.get(p, unknown) != end[p]}
    spans = control.histories(frame[frame["date"] <= pd.Timestamp("2016-01-10")], sorted(end))
    known = set(spans["place_id"])  # something was known of their control by the first day
    assert set(found["changed"]["place_id"]) == expected & known
    assert set(found["first_reported"]["place_id"]) == expected - known
    first = found["first_reported"]
    assert (first["state_before"] == "unknown").all() and first["controller_id_before"].isna().all()
    trips = set()
    for place in set(end) - expected:
        spans = history(frame[frame["date"] <= pd.Timestamp("2016-01-20")], place)
        if (spans["from"] > pd.Timestamp("2016-01-10")).any():
            trips.add(place)
    assert set(found["round_trips"]["place_id"]) == trips
