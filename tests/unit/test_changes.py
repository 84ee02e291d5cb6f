"""A place's first appearance is not a change: `first_reported` in changes, `pending` on the map,
and JSON that any parser reads."""

import json

import pandas as pd
import pytest

from frontline import control, model, report, validation
from frontline.dataset import Dataset
from frontline.io.export import to_json

COLUMNS = ["place_id", "controller_id_before", "state_before", "controller_id_after",
           "state_after"]  # fmt: skip


def events(*rows: tuple) -> pd.DataFrame:
    """(place, date, event_type, actor, opponent) rows, all reported."""
    return validation.coerce(model.CONTROL_EVENTS, [
        {"event_id": f"e{i}", "date": d, "place_id": p, "event_type": t, "actor_id": a,
         "opponent_id": o, "status": "reported", "source_ids": "s", "quote": "q"}
        for i, (p, d, t, a, o) in enumerate(rows)])  # fmt: skip


def _ids(found: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    return {kind: sorted(rows["place_id"]) for kind, rows in found.items()}


def test_a_first_appearance_is_first_reported_not_changed():
    frame = events(
        ("new", "2016-01-05", "captured", "a", "b"),  # nothing known before the window
        ("moved", "2016-01-01", "held", "a", ""), ("moved", "2016-01-05", "captured", "b", "a"),
        ("hit", "2016-01-01", "attacked", "a", "b"),  # an attack says nothing of control ...
        ("hit", "2016-01-05", "held", "b", ""),  # ... so this is its first report
        ("lost", "2016-01-01", "held", "a", ""), ("lost", "2016-01-02", "withdrew", "a", ""),
        ("lost", "2016-01-05", "captured", "c", ""),  # known, then nobody known, then c: a change
        ("later", "2016-01-20", "captured", "a", ""),  # after the window: in no list
    )  # fmt: skip
    found = control.changes(frame, "2016-01-03", "2016-01-10")
    assert list(found) == ["changed", "first_reported", "round_trips"]
    assert _ids(found) == {"changed": ["lost", "moved"], "first_reported": ["hit", "new"],
                           "round_trips": []}  # fmt: skip
    new = found["first_reported"].set_index("place_id").loc["new"]
    assert (new["controller_id_before"], new["state_before"]) == (None, "unknown")
    assert (new["controller_id_after"], new["state_after"]) == ("a", "held")


def test_first_reported_and_gone_again_is_a_round_trip_and_no_events_give_empty_tables():
    frame = events(("p", "2016-01-05", "captured", "a", ""),
                   ("p", "2016-01-06", "withdrew", "a", ""))  # fmt: skip
    assert _ids(control.changes(frame, "2016-01-03", "2016-01-10")) == {
        "changed": [], "first_reported": [], "round_trips": ["p"]}  # fmt: skip
    empty = control.changes(frame, "2015-01-01", "2015-01-02")
    assert {k: list(v.columns) for k, v in empty.items()} == {
        "changed": COLUMNS, "first_reported": COLUMNS,
        "round_trips": [*COLUMNS, "via"]}  # fmt: skip


def test_seed_changes_list_the_report_s_new_places_apart(seed):
    found = report.changes(seed, "2016-06-27", "2016-06-30")
    first = {r["place_id"]: r for r in found["first_reported"]}
    assert {"gn:167357", "gn:99454", "fl:west-harasta"} <= set(first)  # Manbij, Fallujah, Harasta
    assert found["changed"] == []  # nothing known before 29 June changed for good
    assert first["fl:west-harasta"]["after"] == {"controller": None, "controller_id": None,
                                                 "state": "besieged"}  # fmt: skip
    (hamdan,) = found["round_trips"]
    assert hamdan["via"] == ["is:contested", "nsa:held", "is:held"]
    later = report.changes(seed, "2016-06-29", "2016-07-10")  # all known by then: nothing moved
    assert later == {"changed": [], "first_reported": [], "round_trips": []}


def test_changes_table_marks_each_kind(seed):
    table = report.changes_table(report.changes(seed, "2016-06-27", "2016-06-30"))
    kinds = dict(zip(table["place_id"], table["kind"], strict=True))
    assert kinds["gn:167357"] == "first_reported" and kinds["fl:hamdan-air-base"] == "round_trip"
    assert list(table.columns) == report.CHANGE_TABLE_COLUMNS
    assert table["kind"].tolist() == sorted(table["kind"], key=["changed", "first_reported",
                                                                "round_trip"].index)  # fmt: skip


def _map(seed: Dataset, day: str, **filters) -> pd.DataFrame:
    return report.map_places(seed, report.snapshot(seed, day), day, **filters).set_index("place")


def test_places_not_reported_yet_stay_on_the_map_as_pending(seed):
    before = _map(seed, "2016-06-28")
    pending = before[before["pending"]]
    assert {"Manbij", "Al Fallujah", "west Harasta"} <= set(pending.index)
    assert (pending["state"] == "unknown").all() and pending["controller_id"].isna().all()
    assert (pending["confidence"] == "unknown").all()
    assert (pending[["events", "deliveries"]] == 0).all().all()
    assert (pending["first_reported"] == pd.Timestamp("2016-06-29")).all()
    assert set(pending["first_reported_precision"]) == {"day"}
    hamdan = before.loc["Hamdan air base"]
    assert not hamdan["pending"] and hamdan["first_reported"] == pd.Timestamp("2014-01-01")
    assert hamdan["first_reported_precision"] == "year"
    after = _map(seed, "2016-06-29")
    assert not after["pending"].any() and set(after.index) == set(before.index)
    old = ["place_id", "place", "kind", "lat", "lon", "controller_id", "state", "besieged_by_id",
           "contested_by_id", "confidence", "events", "deliveries"]  # fmt: skip
    assert report.MAP_FIELDS == [*old, "first_reported", "first_reported_precision", "pending"]


def test_filters_drop_pending_places_they_cannot_speak_for(seed):
    assert not _map(seed, "2016-06-28", actors=frozenset({"sdf"})).index.size  # SDF holds nothing
    held = _map(seed, "2016-06-28", actors=frozenset({"is"}))
    assert not held["pending"].any() and "Hamdan air base" in held.index
    typed = _map(seed, "2016-06-28", types=frozenset({"captured"}))
    assert not typed["pending"].any() and "Al Fallujah" not in typed.index


def test_first_reported_counts_deliveries_only_with_the_aid_layer():
    tables = {
        "places": validation.coerce(model.PLACES, [
            {"place_id": p, "name": p, "kind": "town", "lat": 33, "lon": 36, "country": "SY",
             "source": "s"} for p in ("town", "depot")]),
        "control_events": events(("town", "2016-02-01", "held", "a", "")),
        "aid_deliveries": validation.coerce(model.AID_DELIVERIES, [
            {"delivery_id": f"d{i}", "convoy_id": "c", "date": d, "destination_place_id": p,
             "status": "reported", "source_ids": "s", "quote": "q"}
            for i, (p, d) in enumerate([("town", "2016-01-10"), ("depot", "2016-03-01")])]),
    }  # fmt: skip
    ds = Dataset.from_tables(tables)
    with_aid = _map(ds, "2016-01-20")
    assert with_aid.loc["town", "first_reported"] == pd.Timestamp("2016-01-10")
    assert not with_aid.loc["town", "pending"] and with_aid.loc["depot", "pending"]
    without = _map(ds, "2016-01-20", aid=False)
    assert list(without.index) == ["town"]  # the depot has no control event at all
    assert without.loc["town", "first_reported"] == pd.Timestamp("2016-02-01")
    assert without.loc["town", "pending"]


def test_the_cli_s_json_has_null_for_missing_and_refuses_nan():
    frame = pd.DataFrame({"a": pd.Series([1, None], dtype="Int64"), "b": [float("nan"), 2.5],
                          "c": pd.Series(["x", None], dtype="string")})  # fmt: skip
    assert json.loads(to_json(frame)) == [{"a": 1, "b": None, "c": "x"},
                                            {"a": None, "b": 2.5, "c": None}]  # fmt: skip
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"controller_id": float("nan")})
