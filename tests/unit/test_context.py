"""Context events (issue 13, point 1): the events of a window of days up to the map's day, summed
per place (count, fatalities, types, newest) without a Python step per event, one place's in
order for the Place page — and never read by the control engine."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from frontline import context, model, report
from frontline.dataset import Dataset

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]


def events(*rows: dict) -> pd.DataFrame:
    """Context events typed as the store returns them; each row needs place_id and date."""
    base = {"date_precision": "day", "event_type": "Battles", "source_ids": ["s"]}
    frame = pd.DataFrame([{"event_id": f"e{i}", **base, **r} for i, r in enumerate(rows)])
    return model.typed(model.CONTEXT_EVENTS, frame)


def test_the_window_holds_the_day_and_the_days_before_it_only():
    days = ["2016-07-31", "2016-08-01", "2016-08-30", "2016-08-31", "2016-09-01"]
    found = events(*({"place_id": "p", "date": d} for d in days))
    assert context.window(found, "2016-08-30")["date"].dt.day.tolist() == [1, 30]  # 30 days
    assert len(context.window(found, "2016-08-31", days=1)) == 1
    assert context.WINDOW_DAYS == 30


def test_an_event_known_to_the_month_falls_in_the_window_of_its_first_day_only():
    found = events({"place_id": "p", "date": "2016-08-01", "date_precision": "month"})
    assert len(context.window(found, "2016-08-15")) == 1
    assert len(context.window(found, "2016-09-15")) == 0  # not in every window of its month+


def test_per_place_counts_sums_and_orders_types_by_count_then_name():
    found = events(
        {"place_id": "a", "date": "2016-08-02", "event_type": "Protests", "fatalities": 0},
        {"place_id": "a", "date": "2016-08-03", "event_type": "Battles", "fatalities": 4},
        {"place_id": "a", "date": "2016-08-01", "event_type": "Protests", "fatalities": None},
        {"place_id": "a", "date": "2016-08-01", "event_type": "Riots", "fatalities": 2},
        {"place_id": "b", "date": "2016-08-01", "event_type": "Battles", "fatalities": 7,
         "date_precision": "month"},
    )  # fmt: skip
    rows = context.per_place(found).set_index("place_id")
    assert list(rows.index) == ["a", "b"]  # most events first
    a = rows.loc["a"]
    assert (a["events"], a["fatalities"], a["fatalities_unstated"]) == (4, 6, 1)
    assert a["types"] == "Protests 2 · Battles 1 · Riots 1"
    assert (a["newest"], a["newest_precision"]) == (pd.Timestamp("2016-08-03"), "day")
    assert (rows.loc["b", "approximate"], rows.loc["b", "newest_precision"]) == (1, "month")
    assert context.newest_text(rows) == ["2016-08-03", "2016-08"]


def test_of_two_newest_events_on_one_date_the_more_precise_gives_the_precision():
    found = events({"place_id": "a", "date": "2016-08-01", "date_precision": "month"},
                   {"place_id": "a", "date": "2016-08-01"})  # fmt: skip
    assert context.per_place(found)["newest_precision"].tolist() == ["day"]


def test_no_events_give_an_empty_summary_with_its_columns():
    empty = context.per_place(events({"place_id": "a", "date": "2016-08-01"}).iloc[:0])
    assert list(empty.columns) == context.PER_PLACE and empty.empty
    assert empty["events"].dtype == "int64"


def test_a_type_holding_separators_or_markup_is_kept_whole():
    odd = "<img src=x onerror=alert(1)> · 3"
    found = events({"place_id": "a", "date": "2016-08-01", "event_type": odd})
    assert context.per_place(found)["types"].tolist() == [f"{odd} 1"]


def _naive(frame: pd.DataFrame) -> dict[str, tuple]:
    """The summary one event at a time, as a check on the vectorised one."""
    out: dict[str, list] = {}
    for r in frame.itertuples():
        s = out.setdefault(r.place_id, [0, 0, Counter(), None])
        s[0] += 1
        s[1] += 0 if pd.isna(r.fatalities) else int(r.fatalities)
        s[2][r.event_type] += 1
        s[3] = r.date if s[3] is None else max(s[3], r.date)
    return {p: (n, f, " · ".join(f"{t} {c}" for t, c in sorted(k.items(),
                                                               key=lambda x: (-x[1], x[0]))), d)
            for p, (n, f, k, d) in out.items()}  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_per_place_agrees_with_a_loop_over_the_events(seed):
    rng = np.random.default_rng(seed)
    n = 500
    deaths = pd.array(rng.integers(0, 9, n), dtype="Int64")
    deaths[rng.random(n) < 0.2] = pd.NA
    days = pd.Timestamp("2016-01-01") + pd.to_timedelta(rng.integers(0, 90, n), "D")
    found = events(*({"place_id": f"p{rng.integers(0, 40)}", "date": days[i],
                      "event_type": TYPES[rng.integers(0, len(TYPES))],
                      "fatalities": deaths[i]} for i in range(n)))  # fmt: skip
    window = context.window(found, "2016-02-20")
    rows = context.per_place(window)
    got = {r.place_id: (r.events, r.fatalities, r.types, r.newest) for r in rows.itertuples()}
    assert got == _naive(window)
    assert rows["events"].is_monotonic_decreasing


def test_one_places_events_come_newest_first_the_precise_before_the_rough():
    found = events({"place_id": "a", "date": "2016-08-01", "date_precision": "month"},
                   {"place_id": "b", "date": "2016-08-09"},
                   {"place_id": "a", "date": "2016-07-04"},
                   {"place_id": "a", "date": "2016-08-01"})  # fmt: skip
    shown = context.at_place(found, "a")
    assert shown["event_id"].tolist() == ["e3", "e0", "e2"]
    assert context.at_place(found, "nowhere").empty


def test_context_events_never_change_control(seed):
    """A battle at Manbij the day before the snapshot leaves every state as it was."""
    manbij = "gn:167357"
    extra = events({"place_id": manbij, "date": "2016-06-28", "actor_id": "is",
                    "opponent_id": "sdf", "fatalities": 40})  # fmt: skip
    with_context = Dataset.from_tables({**seed.tables(), "context_events": extra})
    before = report.snapshot(seed, "2016-06-29")
    after = report.snapshot(with_context, "2016-06-29")
    pd.testing.assert_frame_equal(before, after)
