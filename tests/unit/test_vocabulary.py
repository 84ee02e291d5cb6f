"""One vocabulary: every word and code defined once, and every user drawing from it."""

import json

import pandas as pd
import pytest

from frontline import charts, control, control_arrays, dates, model, vocabulary
from frontline.errors import DataError
from frontline.vocabulary import VOCABULARIES, EventType, Precision, State, Status


@pytest.mark.parametrize("words", VOCABULARIES)
def test_codes_run_from_zero_in_order_so_names_index_by_code(words):
    assert sorted(m.code for m in words) == list(range(len(words)))
    assert [m.code for m in words] == list(range(len(words)))  # definition order is code order
    assert all(words.names()[m.code] == m for m in words)
    assert words.codes() == {m.value: m.code for m in words}
    assert all(type(name) is str for name in words.names())  # plain text in tables and JSON


def test_members_are_plain_words_in_tables_and_json():
    frame = pd.DataFrame({"state": ["held", "besieged"]})
    assert (frame["state"] == State.BESIEGED).tolist() == [False, True]
    assert json.dumps([State.HELD, EventType.SIEGE_LIFTED]) == '["held", "siege_lifted"]'
    assert f"{Precision.DAY}" == "day"


def test_the_model_dates_and_engines_take_their_words_from_the_vocabulary():
    assert model.EVENT_TYPES == EventType.names()
    assert model.STATUSES == Status.names()
    assert dates.PRECISIONS == Precision.names()
    assert control.STATES == State.names()
    assert control.UNSETTLED == ("claimed", "disputed")
    assert set(control.UNSETTLED) == set(vocabulary.UNSETTLED) < set(Status)
    assert control_arrays.TYPE_NAMES.tolist() == list(EventType.names())
    assert control_arrays.STATE_NAMES.tolist() == list(State.names())
    column = {c.name: c for c in model.CONTROL_EVENTS.columns}
    assert column["event_type"].choices == EventType.names()
    assert column["date_precision"].choices == Precision.names()


def test_parse_names_the_value_and_the_choices():
    assert EventType.parse("held") is EventType.HELD
    with pytest.raises(DataError, match="unknown event type 'liberated': one of captured,"):
        EventType.parse("liberated", "event_type")
    with pytest.raises(DataError, match="unknown precision None"):
        Precision.parse(None)


def test_the_gantt_sorts_states_in_vocabulary_order():
    intervals = pd.DataFrame({
        "controller_id": ["a"], "state": ["held"], "from": [pd.Timestamp("2016-01-01")],
        "to": [pd.NaT], "from_precision": ["day"], "opened_by": ["e0"], "closed_by": [None],
    })  # fmt: skip
    actors = pd.DataFrame({"actor_id": ["a"], "name": ["A"], "color": ["#000000"]})
    spec = charts.control_timeline(intervals, actors, pd.Timestamp("2016-02-01")).to_dict()
    assert spec["encoding"]["y"]["sort"] == list(State.names())
