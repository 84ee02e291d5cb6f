import datetime as dt

import pytest

from frontline.dataset import STALE_AFTER_DAYS
from frontline.ui.urlstate import ViewState, date_note, decode, encode, stale_note

DEFAULT = ViewState(as_of=dt.date(2016, 6, 29))


@pytest.mark.parametrize(
    "view",
    [
        DEFAULT,
        ViewState(as_of=dt.date(2012, 1, 1), layers=frozenset()),
        ViewState(as_of=dt.date(2016, 6, 28), layers=frozenset({"aid"})),
    ],
)
def test_round_trip(view):
    assert decode(encode(view), DEFAULT) == view


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULT),
        ({"date": "yesterday"}, DEFAULT),
        (
            {"date": "2016-06-28", "layers": "aid,bogus"},
            ViewState(as_of=dt.date(2016, 6, 28), layers=frozenset({"aid"})),
        ),
    ],
)
def test_bad_links_fall_back_to_defaults(params, expected):
    assert decode(params, DEFAULT) == expected


def test_comparison_date_and_place_round_trip():
    view = ViewState(as_of=dt.date(2016, 6, 30), since=dt.date(2016, 6, 27),
                     place="fl:hamdan-air-base")  # fmt: skip
    assert encode(view)["place"] == "fl:hamdan-air-base"
    assert decode(encode(view), DEFAULT) == view
    assert decode({"since": "junk"}, DEFAULT).since is None


def test_out_of_range_days_fall_back():
    today = dt.date(2026, 11, 25)
    assert decode({"date": "2999-01-01"}, DEFAULT, today).as_of == DEFAULT.as_of
    assert decode({"date": "1066-10-14"}, DEFAULT, today).as_of == DEFAULT.as_of
    later = decode({"date": "2016-06-28", "since": "2016-06-29"}, DEFAULT, today)
    assert later.since is None and later.as_of == dt.date(2016, 6, 28)


def test_filters_round_trip_and_unknown_values_are_dropped():
    view = ViewState(as_of=dt.date(2016, 6, 29), actors=frozenset({"is", "sdf"}),
                     types=frozenset({"captured", "besieged"}))  # fmt: skip
    params = encode(view)
    assert params["actors"] == "is,sdf" and params["types"] == "besieged,captured"
    assert decode(params, DEFAULT, actor_ids={"is", "sdf", "nsa"}) == view
    odd = decode({"actors": "is,martians", "types": "captured,teleported"}, DEFAULT,
                 actor_ids={"is"})  # fmt: skip
    assert odd.actors == {"is"} and odd.types == {"captured"}
    assert "actors" not in encode(DEFAULT) and "types" not in encode(DEFAULT)


def test_a_place_the_data_does_not_know_is_dropped():
    assert decode({"place": "gn:1"}, DEFAULT, place_ids={"gn:1"}).place == "gn:1"
    assert decode({"place": "gn:nowhere"}, DEFAULT, place_ids={"gn:1"}).place is None


@pytest.mark.parametrize("step", ["day", "week", "month", "year"])
def test_the_step_round_trips(step):
    view = ViewState(as_of=dt.date(2016, 6, 29), step=step)
    assert encode(view)["step"] == step
    assert decode(encode(view), DEFAULT) == view


def test_an_unknown_step_keeps_the_default():
    assert decode({"step": "fortnight"}, DEFAULT).step == DEFAULT.step == "month"


SPAN = (dt.date(2012, 1, 1), dt.date(2016, 6, 29))


def test_a_links_date_that_was_not_used_is_said():
    today = dt.date(2026, 11, 25)
    for raw in ("2999-01-01", "1066-10-14"):
        view = decode({"date": raw}, DEFAULT, today)
        note = date_note({"date": raw}, view, SPAN)
        assert note.startswith(f"The link's date {raw} is outside the days the map can show")
        assert note.endswith("showing 2016-06-29.") and "2012-01-01 to 2016-06-29" in note
    assert "is not a date" in date_note({"date": "yesterday"}, DEFAULT, SPAN)


def test_a_links_date_outside_the_data_is_said_but_shown():
    view = decode({"date": "1990-01-01"}, DEFAULT)
    assert view.as_of == dt.date(1990, 1, 1)
    note = date_note({"date": "1990-01-01"}, view, SPAN)
    assert note == ("The link's date 1990-01-01 is outside the data (the data run from "
                    "2012-01-01 to 2016-06-29); showing 1990-01-01 as asked.")  # fmt: skip
    assert date_note({"date": "2016-06-28"}, decode({"date": "2016-06-28"}, DEFAULT), SPAN) is None
    assert date_note({}, DEFAULT, SPAN) is None


def test_a_links_day_soon_after_the_data_is_read_as_now():
    soon = SPAN[1] + dt.timedelta(days=STALE_AFTER_DAYS)
    late = soon + dt.timedelta(days=1)
    assert date_note({"date": str(soon)}, decode({"date": str(soon)}, DEFAULT), SPAN) is None
    note = date_note({"date": str(late)}, decode({"date": str(late)}, DEFAULT), SPAN)
    assert note.startswith(f"The link's date {late} is outside the data")


def test_a_day_far_past_the_newest_evidence_is_warned_of():
    last = SPAN[1]
    near = ViewState(as_of=last + dt.timedelta(days=STALE_AFTER_DAYS))
    far = ViewState(as_of=last + dt.timedelta(days=STALE_AFTER_DAYS + 1))
    assert stale_note(near, SPAN) is None and stale_note(DEFAULT, SPAN) is None
    assert stale_note(far, SPAN).startswith("The newest evidence is from 2016-06-29, 91 days")
    assert stale_note(far, None) is None
