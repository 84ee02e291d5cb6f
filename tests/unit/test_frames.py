"""The fast column operations the Map's day steps use (`frames.among`, `day_search.ByDay`,
`html_text.escape_all`, `dates.format_partials`) against the plain pandas or Python they stand
in for."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.dates import format_partial, format_partials
from frontline.day_search import ByDay
from frontline.frames import among
from frontline.html_text import escape_all

TEXT = st.text(max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), TEXT), max_size=30), st.lists(TEXT, max_size=10))
def test_among_is_isin_for_arrow_and_object_columns(values, allowed):
    for dtype in ("string[pyarrow]", object):
        column = pd.Series(values, dtype=dtype)
        expected = [v is not None and v in set(allowed) for v in values]
        assert among(column, allowed).tolist() == expected
        assert among(column, pd.Series(allowed, dtype="string[pyarrow]")).tolist() == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 40)), max_size=60),
       st.integers(-5, 45))  # fmt: skip
def test_counts_by_the_end_of_a_day_are_those_of_a_filter(rows, offset):
    places = pd.Series([p for p, _ in rows], dtype="string[pyarrow]")
    dates = pd.Series(pd.to_datetime("2016-01-01") + pd.to_timedelta([d for _, d in rows], "D"))
    day = pd.Timestamp("2016-01-01") + pd.Timedelta(days=offset)
    got = ByDay.of(places, dates).counts(day).sort_index()
    expected = places[(dates <= day).to_numpy()].value_counts().sort_index()
    assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize("name", ["Tell Abyad", 'a&b<c>"d\'', "&amp;", "حلب", "{{ 7*7 }}", ""])
def test_escape_all_is_html_escape(name):
    column = pd.Series([name, None], dtype="string[pyarrow]")
    assert escape_all(column).iloc[0] == escape(name)
    assert pd.isna(escape_all(column).iloc[1])


def test_format_partials_is_format_partial_of_each():
    days = pd.Series(pd.to_datetime(["2016-06-29", "2012-03-01", "2015-09-01", None, "2016-01-05"]))
    precisions = ["day", "year", "month", "month", None]
    expected = [None if pd.isna(d) else format_partial(d.date(), p or "day")
                for d, p in zip(days, precisions, strict=True)]  # fmt: skip
    assert format_partials(days, precisions) == expected == [
        "2016-06-29", "2012", "2015-09", None, "2016-01-05"]  # fmt: skip
    assert format_partials(pd.Series([], dtype="datetime64[s]"), []) == []
    assert np.asarray(format_partials(days.iloc[:1], [pd.NA])).tolist() == ["2016-06-29"]
