"""One vocabulary: every word and code defined once, and every user drawing from it."""

import json

import pandas as pd
import pytest

from frontline import charts, control, vocabulary
from frontline.errors import DataError
from frontline.vocabulary import VOCABULARIES, EventType, Precision, State, Status


@pytest.mark.parametrize("words", VOCABULARIES)
def test_codes_run_from_zero_in_order_so_names_index_by_code(words):
    assert sorted(m.code for m in words) == list(range(len(words)))
    assert [m.code for m in words] == list(range(len(words)))  # definition order is code order
    assert all(words.names()[m.code] == m for m in words)
    assert all(type(name) is str for name in words.names())  # plain text in tables and JSON


def test_members_are_plain_words_in_tables_and_json():
    frame = pd.DataFrame({"state": ["held", "besieged"]})
    assert (frame["state"] == State.BESIEGED).tolist() == [False, True]
    assert json.dumps([State.HELD, EventType.SIEGE_LIFTED]) == '["held", "siege_lifted"]'
    assert f"{Precision.DAY}" == "day"


def test_only_claims_and_disputes_are_unsettled():
    assert control.UNSETTLED == ("claimed", "disputed")
    assert set(control.UNSETTLED) == set(vocabulary.UNSETTLED) < set(Status)


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
    layers = spec.get("layer", [spec])  # a single chart, or layers (bars and their labels)
    sorts = [layer["encoding"]["y"].get("sort") for layer in layers if "encoding" in layer]
    assert sorts and all(sort == list(State.names()) for sort in sorts if sort is not None)
    assert list(State.names()) in sorts


def test_an_observed_siege_is_appended_so_every_older_code_stays():
    """Codes are positions: `under_siege` comes last, and the nine older words keep theirs."""
    assert EventType.names()[:9] == ("captured", "entered", "withdrew", "lost", "besieged",
                                     "siege_lifted", "contested", "attacked", "held")  # fmt: skip
    assert EventType.UNDER_SIEGE.code == 9 and EventType.parse("under_siege").code == 9
    assert vocabulary.SIEGE_OBSERVED == (EventType.UNDER_SIEGE,)
