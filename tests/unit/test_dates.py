import datetime as dt

import pytest

from frontline import dates
from frontline.dates import format_partial, parse_partial, resolve

WEDNESDAY = dt.date(2016, 6, 29)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("two weeks ago", dt.date(2016, 6, 15), "week"),
        ("since September", dt.date(2015, 9, 1), "month"),
        ("since 2012", dt.date(2012, 1, 1), "year"),
        ("Tuesday", dt.date(2016, 6, 28), "day"),
        ("Wednesday", WEDNESDAY, "day"),  # a Wednesday report's "Wednesday" is that day
        ("Earlier Wednesday", WEDNESDAY, "day"),
        ("Thursday", dt.date(2016, 6, 23), "day"),  # never a day after the dateline
    ],
)
def test_relative_expressions_resolve_against_the_dateline(text, date, precision):
    assert resolve(text, WEDNESDAY) == (date, precision)


def test_unresolvable_expression_is_an_error():
    with pytest.raises(ValueError, match="cannot resolve"):
        resolve("in recent weeks", WEDNESDAY)


@pytest.mark.parametrize(
    ("text", "precision"), [("2014", "year"), ("2015-09", "month"), ("2016-06-29", "day")]
)
def test_partial_dates_round_trip(text, precision):
    date, found = parse_partial(text)
    assert found == precision
    assert format_partial(date, precision) == text


def test_partial_dates_start_their_period():
    assert parse_partial("2014")[0] == dt.date(2014, 1, 1)


def test_malformed_date_is_rejected():
    with pytest.raises(ValueError):
        parse_partial("29/06/2016")


@pytest.mark.parametrize(
    ("unit", "n", "expected"),
    [("day", 1, "2016-07-01"), ("week", -1, "2016-06-23"), ("month", 1, "2016-07-30"),
     ("year", -4, "2012-06-30")],
)  # fmt: skip
def test_shift_steps_through_the_calendar(unit, n, expected):
    assert dates.shift(dt.date(2016, 6, 30), unit, n) == dt.date.fromisoformat(expected)


def test_a_month_after_the_31st_is_the_last_day_of_the_next_month():
    assert dates.shift(dt.date(2016, 1, 31), "month") == dt.date(2016, 2, 29)
    with pytest.raises(ValueError, match="unknown step"):
        dates.shift(dt.date(2016, 1, 31), "fortnight")
