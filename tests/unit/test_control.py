"""Control semantics, each pinned by a test that fails if the rule is broken."""

import numpy as np
import pandas as pd
import pytest

from frontline import control, model
from frontline.control import changes, history, snapshot


def events(*rows: tuple) -> pd.DataFrame:
    """(date, event_type, actor, opponent[, status[, seq]]) tuples on one place 'p'."""
    records = []
    for i, row in enumerate(rows):
        date, kind, actor, opponent, *rest = row
        status = rest[0] if rest else "reported"
        seq = rest[1] if len(rest) > 1 else ""
        records.append(
            {
                "event_id": f"e{i}",
                "date": date,
                "place_id": "p",
                "event_type": kind,
                "actor_id": actor,
                "opponent_id": opponent,
                "status": status,
                "seq": seq,
                "source_ids": "s",
                "quote": "q",
            }
        )
    return model.coerce(model.CONTROL_EVENTS, records)


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
    assert found["changed"].empty
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
    return model.coerce(model.CONTROL_EVENTS, rows)


@pytest.mark.parametrize("seed", range(25))
def test_array_snapshot_agrees_with_the_event_by_event_fold(seed):
    frame = _random_events(seed)
    known = frame[frame["date"] <= pd.Timestamp("2016-01-20")]
    snap = snapshot(frame, "2016-01-20").set_index("place_id")
    columns, places, ranges = control._by_place(known)
    assert sorted(snap.index) == sorted(places[a] for a, _ in ranges)
    for a, b in ranges:
        walk = control._walk(columns, a, b)
        since = columns["date"][walk.changes[-1][0]] if walk.changes else None
        expected = [*walk.state, since]
        row = snap.loc[places[a]]
        got = [row["controller_id"], row["state"], row["besieged_by_id"], row["contested_by_id"],
               row["since"]]  # fmt: skip
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
    assert set(found["changed"]["place_id"]) == expected
    trips = set()
    for place in set(end) - expected:
        spans = history(frame[frame["date"] <= pd.Timestamp("2016-01-20")], place)
        if (spans["from"] > pd.Timestamp("2016-01-10")).any():
            trips.add(place)
    assert set(found["round_trips"]["place_id"]) == trips
