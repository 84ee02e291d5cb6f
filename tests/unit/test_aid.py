"""Aid engine: history, totals, first-since checks and days without aid; the aid map's badges."""

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from frontline import aid, maps, model, report, sieges, validation


def deliveries(*rows: dict) -> pd.DataFrame:
    base = {"convoy_id": "c", "date_precision": "day", "status": "reported",
            "source_ids": "s", "quote": "q"}  # fmt: skip
    records = [{**base, "delivery_id": f"d{i}", **row} for i, row in enumerate(rows)]
    return validation.coerce(model.AID_DELIVERIES, records)


def test_history_is_one_place_oldest_first():
    rows = deliveries(
        {"date": "2016-06-29", "destination_place_id": "a", "convoy_id": "c2"},
        {"date": "2015-01-10", "destination_place_id": "a", "convoy_id": "c1"},
        {"date": "2015-05-01", "destination_place_id": "b", "convoy_id": "c3"},
    )
    assert aid.history(rows, "a")["convoy_id"].tolist() == ["c1", "c2"]


def test_convoy_figures_count_once_across_its_destinations():
    rows = deliveries(
        {"date": "2016-06-29", "destination_place_id": "a", "trucks": 37, "beneficiaries": 20000,
         "figures_scope": "convoy", "organisations": "ICRC;UN"},
        {"date": "2016-06-29", "destination_place_id": "b", "trucks": 37, "beneficiaries": 20000,
         "figures_scope": "convoy", "organisations": "ICRC;UN"},
        {"date": "2016-07-02", "destination_place_id": "a", "trucks": 5, "beneficiaries": 1000,
         "figures_scope": "destination", "convoy_id": "c2", "organisations": "UN"},
    )  # fmt: skip
    month = aid.totals(rows, "month").set_index("month")
    assert month.loc["2016-06", ["deliveries", "convoys", "trucks", "beneficiaries"]].tolist() == [
        2,
        1,
        37,
        20000,
    ]
    org = aid.totals(rows, "organisation").set_index("organisation")
    assert org.loc["UN", ["convoys", "trucks"]].tolist() == [2, 42]
    assert org.loc["ICRC", "trucks"] == 37
    place = aid.totals(rows, "place").set_index("place")
    assert place.loc["a", ["deliveries", "trucks"]].tolist() == [2, 42]


def test_weekly_totals_key_weeks_by_their_monday_and_count_a_convoy_once():
    rows = deliveries(
        {"date": "2016-06-29", "destination_place_id": "a", "trucks": 37, "beneficiaries": 20000,
         "figures_scope": "convoy"},
        {"date": "2016-06-29", "destination_place_id": "b", "trucks": 37, "beneficiaries": 20000,
         "figures_scope": "convoy"},
        {"date": "2016-07-04", "destination_place_id": "a", "convoy_id": "c2"},  # no figures
    )  # fmt: skip
    week = aid.totals(rows, "week")
    assert week["week"].tolist() == ["2016-06-27", "2016-07-04"]  # Mondays
    assert week.iloc[0][aid.FIGURES].tolist() == [2, 1, 37, 20000]
    assert week.iloc[1][["deliveries", "convoys"]].tolist() == [1, 1]
    assert pd.isna(week.iloc[1]["trucks"])  # not stated is not 0


def test_a_convoy_over_two_weeks_counts_in_the_week_it_began_only():
    shared = {"trucks": 10, "figures_scope": "convoy"}  # a Sunday, then a Monday
    rows = deliveries({"date": "2016-06-26", "destination_place_id": "a", **shared},
                      {"date": "2016-06-27", "destination_place_id": "b", **shared})  # fmt: skip
    week = aid.totals(rows, "week").set_index("week")
    assert week["trucks"].sum() == 10 and week.loc["2016-06-20", "trucks"] == 10
    assert week["deliveries"].tolist() == [1, 1]
    place = aid.totals(rows, "place").set_index("place")  # each place had the whole convoy
    assert place["trucks"].tolist() == [10, 10]


def test_totals_of_nothing_and_of_an_unknown_grouping():
    empty = aid.totals(deliveries(), "week")
    assert empty.empty and list(empty.columns) == ["week", *aid.FIGURES]
    with pytest.raises(ValueError, match="choose one of week, month"):
        aid.totals(deliveries(), "year")


def test_select_filters_combine():
    rows = deliveries(
        {"date": "2016-06-29", "destination_place_id": "a", "items": "food;medical",
         "organisations": "ICRC"},
        {"date": "2016-07-29", "destination_place_id": "b", "items": "water",
         "organisations": "UN"},
    )  # fmt: skip
    assert len(aid.select(rows, since="2016-07-01")) == 1
    assert len(aid.select(rows, until=dt.date(2016, 6, 29))) == 1
    assert aid.select(rows, items={"medical"})["destination_place_id"].tolist() == ["a"]
    assert aid.select(rows, organisations={"UN"}, place_ids={"a"}).empty


FIRST = {"date": "2016-06-29", "destination_place_id": "z", "reported_first_since": "2012",
         "convoy_id": "c9"}  # fmt: skip


@pytest.mark.parametrize(("earlier", "agrees", "previous"), [
    (None, True, None),  # nothing earlier on record: consistent with the report
    ("2012-08-01", True, "2012-08-01"),  # within 2012: "first since 2012" holds
    ("2014-03-01", False, "2014-03-01"),  # a later delivery contradicts the report
])  # fmt: skip
def test_first_since_is_checked_against_the_data(earlier, agrees, previous):
    rows = [FIRST] + ([{"date": earlier, "destination_place_id": "z"}] if earlier else [])
    result = aid.first_since(deliveries(*rows), "z", "2016-06-29")
    assert result["agrees"] is agrees
    assert result["reported_first_since_precision"] == "year"
    expected = None if previous is None else pd.Timestamp(previous)
    assert result["previous_delivery"] == expected


def test_first_since_without_a_stated_fact_is_not_judged():
    rows = deliveries({"date": "2016-06-29", "destination_place_id": "z"})
    assert aid.first_since(rows, "z", "2016-06-29")["agrees"] is None


def test_seed_first_since_agrees_then_a_gap_is_flagged(seed_tables):
    seed = seed_tables["aid_deliveries"]
    assert aid.first_since(seed, "fl:zamalka", "2016-06-29")["agrees"] is True
    extra = deliveries({"date": "2015-04-01", "destination_place_id": "fl:zamalka",
                        "convoy_id": "c-2015"})  # fmt: skip
    both = pd.concat([seed, extra], ignore_index=True)
    assert aid.first_since(both, "fl:zamalka", "2016-06-29")["agrees"] is False
    checks = aid.first_since_checks(both).set_index("place_id")
    assert checks["agrees"].to_dict() == {"fl:zamalka": False, "gn:169372": True}


def test_days_without_aid_on_the_issue_date(seed_tables):
    rows = sieges.days_without_aid(
        seed_tables["aid_deliveries"], seed_tables["control_events"], "2016-07-15"
    ).set_index("place_id")
    for place in ("fl:zamalka", "gn:169372"):
        assert rows.loc[place, ["days_without_aid", "besieged_by_id", "counted_from"]].tolist() == [
            16,
            "syrian-government",
            "last_delivery",
        ]
    manbij = rows.loc["gn:167357"]  # reported besieged on 29 June, no aid on record: no count
    assert pd.isna(manbij["days_without_aid"]) and pd.isna(manbij["counted_from"])
    assert manbij["days_without_aid_reason"] == (
        "siege start not known: first reported besieged on 2016-06-29; no delivery recorded"
    )
    assert pd.isna(manbij["besieged_since"])
    assert str(rows["days_without_aid"].dtype) == "Int64"
    assert rows["days_without_aid_reason"].isna().sum() == len(rows) - 1  # only Manbij's


def test_days_without_aid_counts_from_the_siege_when_no_aid_came():
    events = validation.coerce(model.CONTROL_EVENTS, [
        {"event_id": "e", "date": "2016-01-01", "place_id": "p", "event_type": "besieged",
         "actor_id": "g", "opponent_id": "r", "status": "reported", "source_ids": "s",
         "quote": "q"}])  # fmt: skip
    rows = sieges.days_without_aid(deliveries(), events, "2016-01-31")
    assert rows.loc[0, ["days_without_aid", "counted_from"]].tolist() == [30, "siege_start"]
    later = deliveries({"date": "2016-02-10", "destination_place_id": "p"})
    assert sieges.days_without_aid(later, events, "2016-01-31").loc[0, "days_without_aid"] == 30


def _siege(*rows: tuple) -> pd.DataFrame:
    return validation.coerce(model.CONTROL_EVENTS, [
        {"event_id": f"e{i}", "date": d, "place_id": "p", "event_type": t, "actor_id": a,
         "opponent_id": o, "status": "reported", "source_ids": "s", "quote": "q"}
        for i, (d, t, a, o) in enumerate(rows)])  # fmt: skip


def test_aid_before_the_siege_or_only_claimed_does_not_count():
    events = _siege(("2016-01-01", "besieged", "g", "r"))
    before = deliveries(
        {"date": "2015-06-01", "destination_place_id": "p"},
        {"date": "2016-01-10", "destination_place_id": "p", "status": "claimed"},
    )
    row = sieges.days_without_aid(before, events, "2016-01-31").iloc[0]
    assert (row["days_without_aid"], row["counted_from"]) == (30, "siege_start")
    assert pd.isna(row["last_delivery"])


def test_a_siege_only_observed_has_no_start_and_no_count_without_aid():
    events = _siege(("2016-01-10", "under_siege", "g", "r"))
    row = sieges.days_without_aid(deliveries(), events, "2016-01-31").iloc[0]
    assert pd.isna(row["days_without_aid"]) and pd.isna(row["counted_from"])
    assert pd.isna(row["besieged_since"]) and row["besieged_by_id"] == "g"
    assert row["days_without_aid_reason"] == (
        "siege start not known: first reported besieged on 2016-01-10; no delivery recorded"
    )
    assert sieges.siege_start(events, "p", pd.Timestamp("2016-01-31")) == (pd.NaT, None)


def test_aid_after_a_siege_is_first_reported_counts_and_aid_before_it_is_named():
    events = _siege(("2016-01-10", "under_siege", "g", "r"))
    after = deliveries({"date": "2016-01-12", "destination_place_id": "p"})
    row = sieges.days_without_aid(after, events, "2016-01-31").iloc[0]
    assert (row["days_without_aid"], row["counted_from"]) == (19, "last_delivery")
    assert pd.isna(row["days_without_aid_reason"])
    before = deliveries({"date": "2015-12", "date_precision": "month",
                         "destination_place_id": "p"})  # fmt: skip
    row = sieges.days_without_aid(before, events, "2016-01-31").iloc[0]
    assert pd.isna(row["days_without_aid"]) and pd.isna(row["last_delivery"])
    assert row["days_without_aid_reason"] == (
        "siege start not known: first reported besieged on 2016-01-10; "
        "no delivery recorded since (the last before it on 2015-12)"
    )


def test_a_dated_start_found_later_makes_the_count_known_again():
    observed = ("2016-01-10", "under_siege", "g", "r")
    events = _siege(observed, ("2016-01", "besieged", "g", "r"))  # "besieged since January"
    row = sieges.days_without_aid(deliveries(), events, "2016-01-31").iloc[0]
    assert (row["days_without_aid"], row["counted_from"]) == (30, "siege_start")
    assert row["besieged_since"] == pd.Timestamp("2016-01-01")
    assert row["besieged_since_precision"] == "month"
    # an observation inside a siege whose start is dated restarts nothing
    events = _siege(("2016-01-01", "besieged", "g", "r"), observed)
    row = sieges.days_without_aid(deliveries(), events, "2016-01-31").iloc[0]
    assert (row["days_without_aid"], row["besieged_since"]) == (30, pd.Timestamp("2016-01-01"))


def test_a_siege_with_nobody_named_still_has_its_start():
    """A siege whose holder and besieger are unknown (None, read back as NaN) keeps its start:
    missing equals missing when the siege is traced back."""
    row = sieges.days_without_aid(deliveries(), _siege(("2016-01-05", "besieged", "", "")),
                               "2016-01-31").iloc[0]  # fmt: skip
    assert (row["besieged_since"], row["days_without_aid"]) == (pd.Timestamp("2016-01-05"), 26)


def test_a_contest_inside_a_siege_does_not_restart_it():
    events = _siege(("2016-01-01", "besieged", "g", "r"), ("2016-01-15", "entered", "g", "r"),
                    ("2016-01-20", "held", "r", ""))  # fmt: skip
    row = sieges.days_without_aid(deliveries(), events, "2016-01-31").iloc[0]
    assert row["besieged_since"] == pd.Timestamp("2016-01-01") and row["days_without_aid"] == 30


def test_access_before_any_delivery_has_typed_dates(seed_tables):
    rows = sieges.days_without_aid(
        seed_tables["aid_deliveries"], seed_tables["control_events"], "2016-06-28"
    )
    assert (
        str(rows["last_delivery"].dtype) == "datetime64[s]" and rows["last_delivery"].isna().all()
    )
    assert set(rows["place_id"]) == {"fl:zamalka", "gn:169372"}


def test_all_first_since_checks_at_once_agree_with_one_at_a_time():
    rng = np.random.default_rng(3)
    rows = [{"date": str(dt.date(2012, 1, 1) + dt.timedelta(days=int(d))),
             "destination_place_id": f"p{rng.integers(4)}", "convoy_id": f"c{i}",
             **({"reported_first_since": str(2010 + rng.integers(5)),
                 "reported_first_since_precision": "year"} if rng.random() < 0.4 else {})}
            for i, d in enumerate(rng.integers(0, 1500, 120))]  # fmt: skip
    frame = deliveries(*rows)
    checks = aid.first_since_checks(frame)
    stated = frame.dropna(subset=["reported_first_since"])
    one_by_one = [
        aid.first_since(frame, r.destination_place_id, r.date) for r in stated.itertuples()
    ]
    assert len(checks) == len(one_by_one) > 30
    assert checks["agrees"].tolist() == [r["agrees"] for r in one_by_one]
    assert checks["previous_delivery_id"].tolist() == [
        r["previous_delivery_id"] for r in one_by_one
    ]
    assert not checks["agrees"].all() and checks["agrees"].any()


def _aid_badges(element) -> maps.AidBadges:
    """The AidBadges element among a map's descendants."""
    for child in element._children.values():
        if isinstance(child, maps.AidBadges):
            return child
        if (found := _aid_badges(child)) is not None:
            return found
    return None


def test_every_badge_carries_its_name_and_the_busiest_places_are_named_first(seed, shapes):
    rows = report.deliveries(seed)
    harasta = rows[rows["destination"] == "west Harasta"]
    earlier = harasta.assign(delivery_id="aid-earlier", date=harasta["date"] - pd.Timedelta(days=7))
    badges = _aid_badges(maps.aid_map(pd.concat([rows, earlier]), shapes))
    assert [r[3] for r in badges.rows] == ["west Harasta", "Irbin", "Zamalka"]  # 2, then 1 each
    places = rows.drop_duplicates("destination_id").set_index("destination")
    for lat, lon, popup, name in badges.rows:
        assert (lat, lon) == (places.at[name, "lat"], places.at[name, "lon"])
        assert f"Aid to {name}</b>" in popup


def test_a_badge_name_is_json_in_the_page_and_set_as_text(seed, shapes):
    hostile = '<img src=x onerror="alert(1)">'
    rows = report.deliveries(seed).assign(destination=hostile)
    badges = _aid_badges(maps.aid_map(rows, shapes))
    html = badges.get_root().render()
    assert "<img src=x" not in html and "\\u003cimg src=x" in html  # JSON, < escaped
    script = badges._template.module.script(badges, {})
    assert "textContent = b.name" in script and "innerHTML" not in script


def test_a_route_named_with_a_backtick_or_dollar_stays_text_in_its_tooltip(seed, shapes):
    """folium's tooltip text sits in a JavaScript template literal: "al Khashi`ah" ended it
    (no map drew at all) and "${...}" would have run as code."""
    origin = "al Khashi`ah ${window.pwned = 1} \\u"
    rows = report.deliveries(seed).assign(origin=origin, origin_lat=33.51, origin_lon=36.29)
    html = maps.aid_map(rows, shapes).get_root().render()
    tooltips = [t for t in re.findall(r"bindTooltip\(\s*`(.*?)`,\s*\{", html, re.S)
                if "al Khashi" in t]  # fmt: skip
    assert len(tooltips) == 3  # a route to each place, each literal whole
    for text in tooltips:
        assert "al Khashi&#96;ah &#36;{window.pwned = 1} &#92;u → " in text
        assert "${" not in text and "\\" not in text
