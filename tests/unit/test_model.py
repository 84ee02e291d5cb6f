import pandas as pd
import pytest

from frontline import model, validation
from frontline.errors import ValidationError

PLACE = {
    "place_id": "fl:x",
    "name": "X",
    "kind": "town",
    "lat": "34.1",
    "lon": "40.2",
    "country": "SY",
    "aliases": "A;B",
    "source": "test",
}


def _errors(table, rows, origin="places.csv"):
    with pytest.raises(ValidationError) as info:
        validation.coerce(table, rows, origin=origin)
    return [(e.file, e.row, e.field) for e in info.value.errors]


def test_coerce_types_every_column():
    frame = validation.coerce(model.PLACES, [PLACE])
    assert frame.loc[0, "lat"] == 34.1
    assert frame.loc[0, "aliases"] == ["A", "B"]
    assert str(frame["population"].dtype) == "Int64"
    assert list(frame.columns) == model.PLACES.names


def test_out_of_range_latitude_names_file_row_and_field():
    assert _errors(model.PLACES, [PLACE, {**PLACE, "place_id": "fl:y", "lat": "134"}]) == [
        ("places.csv", 3, "lat")
    ]


def test_missing_required_value_and_bad_choice_are_both_reported():
    bad = {**PLACE, "name": "", "kind": "castle"}
    assert _errors(model.PLACES, [bad]) == [("places.csv", 2, "name"), ("places.csv", 2, "kind")]


def test_unknown_column_is_an_error_not_a_silent_drop():
    assert ("places.csv", 1, "lattitude") in _errors(model.PLACES, [{**PLACE, "lattitude": "1"}])


def test_duplicate_ids_are_rejected():
    assert _errors(model.PLACES, [PLACE, PLACE]) == [("places.csv", 3, "place_id")]


def test_dates_carry_their_precision():
    event = {
        "event_id": "e",
        "date": "2014",
        "place_id": "fl:x",
        "event_type": "captured",
        "status": "reported",
        "source_ids": "s",
        "quote": "q",
    }
    frame = validation.coerce(model.CONTROL_EVENTS, [event])
    assert frame.loc[0, "date"] == pd.Timestamp("2014-01-01")
    assert frame.loc[0, "date_precision"] == "year"
    assert str(frame["date"].dtype) == "datetime64[s]"
    assert _errors(model.CONTROL_EVENTS, [{**event, "date_precision": "day"}], "events.csv") == [
        ("events.csv", 2, "date_precision")
    ]


def test_references_must_exist(seed_tables):
    tables = dict(seed_tables)
    events = tables["control_events"].copy()
    events.loc[0, "actor_id"] = "nobody"
    tables["control_events"] = events
    with pytest.raises(ValidationError, match="unknown actors id 'nobody'") as info:
        validation.check_references(tables, {"control_events": "control_events.csv"})
    assert (info.value.errors[0].row, info.value.errors[0].field) == (2, "actor_id")


def test_empty_table_has_the_declared_dtypes():
    frame = model.empty(model.AID_DELIVERIES)
    assert str(frame["trucks"].dtype) == "Int64"
    assert str(frame["date"].dtype) == "datetime64[s]"


def test_event_types_and_statuses_are_the_vocabulary_and_plain_text():
    event = {"event_id": "e", "date": "2016-06-29", "place_id": "fl:x", "event_type": "captured",
             "status": "reported", "source_ids": "s", "quote": "q"}  # fmt: skip
    frame = validation.coerce(model.CONTROL_EVENTS, [event])
    assert type(frame.loc[0, "event_type"]) is str and frame.loc[0, "event_type"] == "captured"
    assert all(type(word) is str for word in (*model.EVENT_TYPES, *model.STATUSES))
    bad = {**event, "event_type": "liberated", "status": "rumoured"}
    with pytest.raises(ValidationError, match="'liberated' is not one of captured, entered"):
        validation.coerce(model.CONTROL_EVENTS, [bad], origin="events.csv")
    assert _errors(model.CONTROL_EVENTS, [bad], "events.csv") == [
        ("events.csv", 2, "event_type"), ("events.csv", 2, "status")
    ]  # fmt: skip
