import datetime as dt

import pandas as pd

from frontline import charts, timeline
from frontline.dataset import Dataset


def test_filters_keep_events_of_the_actors_either_side_and_of_the_types(seed_tables):
    events = seed_tables["control_events"]
    by_is = timeline.select(events, actors=frozenset({"is"}))
    assert ((by_is["actor_id"] == "is") | (by_is["opponent_id"] == "is")).all()
    assert len(by_is) < len(events)
    sieges = timeline.select(events, types=frozenset({"besieged"}), until=dt.date(2016, 6, 28))
    assert set(sieges["place_id"]) == {"fl:zamalka", "gn:169372"}  # the 2012 sieges only


def test_weekly_counts_add_up_and_start_on_mondays(seed_tables):
    events = seed_tables["control_events"]
    weekly = timeline.weekly_events(events)
    coarse = timeline.undated_weeks(events)  # "2014", "since 2012": no week to put them in
    assert coarse == (events["date_precision"].isin(["month", "year"])).sum() > 0
    assert weekly["events"].sum() + coarse == len(events)
    assert (weekly["week"].dt.day_of_week == 0).all()
    aid = timeline.weekly_aid(seed_tables["aid_deliveries"]).set_index("week")
    assert aid["deliveries"].sum() == 3
    # one 37-truck convoy for 20,000 people reached Zamalka and Irbin: counted once, not twice
    week = aid.loc[pd.Timestamp("2016-06-27")]
    assert (week["trucks"], week["people"], week["convoys"]) == (37, 20000, 2)


def test_the_busiest_places_and_their_gantt(seed_tables):
    events, places = seed_tables["control_events"], seed_tables["places"]
    busiest = timeline.busiest_places(events, n=2)
    assert busiest[0] == "fl:hamdan-air-base"  # captured, entered, recaptured on one day
    rows = timeline.gantt(Dataset.from_tables(seed_tables), busiest, dt.date(2016, 6, 29))
    assert set(rows["place"]) == set(places.set_index("place_id").loc[busiest, "name"])
    spec = charts.control_timeline(rows, seed_tables["actors"], pd.Timestamp("2016-06-29"),
                                   row="place").to_dict()  # fmt: skip
    assert spec["layer"][0]["encoding"]["y"]["field"] == "place"


def test_a_brush_chooses_the_whole_weeks_it_touches():
    wednesday, monday = pd.Timestamp("2016-06-01 15:00"), pd.Timestamp("2016-06-20 03:00")
    ms = [monday.value // 10**6, wednesday.value // 10**6]  # either direction
    weeks = (dt.date(2016, 5, 30), dt.date(2016, 6, 26))  # Monday to Sunday
    assert timeline.brushed({"week": ms}) == weeks
    assert timeline.brushed({"week": ["2016-06-01", "2016-06-20"]}) == weeks
    late_sunday = pd.Timestamp("2016-06-19 22:00")  # a local Monday midnight east of UTC
    assert timeline.brushed({"week": [late_sunday.value // 10**6] * 2})[0] == dt.date(2016, 6, 20)
    assert timeline.brushed({}) is None and timeline.brushed(None) is None


def test_places_of_the_same_name_get_their_own_gantt_rows():
    places = pd.DataFrame(
        {"place_id": ["a", "b", "c"], "name": ["Tell Abyad", "Tell Abyad", "Irbin"]}
    )
    assert timeline.labels(Dataset.from_tables({"places": places}), ["a", "b", "c"]) == {
        "a": "Tell Abyad (a)", "b": "Tell Abyad (b)", "c": "Irbin"}  # fmt: skip


def test_between_keeps_the_range_newest_first(seed_tables):
    events = seed_tables["control_events"]
    rows = timeline.between(events, dt.date(2016, 6, 29), None)
    assert (rows["date"] >= pd.Timestamp("2016-06-29")).all()
    assert rows["date"].is_monotonic_decreasing
