"""The charts' Vega-Lite specs keep every label: no name cut, every holder in the legend, every
row labelled, short intervals drawn at least MIN_WIDTH_PX wide, weekly axes labelled by week."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pandas as pd
import pytest

from frontline import charts, control, report, timeline
from frontline.dataset import Dataset

HAMDAN = "fl:hamdan-air-base"


def settings(spec: object, key: str) -> Iterator[object]:
    """Every value of `key` anywhere in the spec."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == key:
                yield v
            yield from settings(v, key)
    elif isinstance(spec, list):
        for v in spec:
            yield from settings(v, key)


def legends(spec: dict) -> list[dict]:
    """The legends of the spec's channels (a layer repeats its colour channel: counted once)."""
    found = [c["legend"] for e in settings(spec, "encoding") for c in e.values()
             if isinstance(c, dict) and "legend" in c]  # fmt: skip
    return [x for i, x in enumerate(found) if x not in found[:i]]


def assert_nothing_cut(spec: dict) -> None:
    """No label, legend entry or title cut short, and Streamlit may not squeeze the height."""
    for key in ("labelLimit", "symbolLimit", "titleLimit"):
        assert set(settings(spec, key)) <= {0}, key  # 0: no limit
    for legend in legends(spec):  # set, not left to Vega-Lite's defaults (30 symbols, 160 px)
        assert legend["labelLimit"] == legend["symbolLimit"] == 0
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


@pytest.fixture(scope="module")
def hamdan(seed: Dataset):
    intervals = control.history(seed.events_at(HAMDAN), HAMDAN)
    return intervals, charts.control_timeline(intervals, seed.actors, pd.Timestamp("2016-06-29"))


def test_the_place_chart_keeps_the_nsa_morning_visible_and_in_the_legend(hamdan):
    intervals, chart = hamdan
    spec, rows = chart.to_dict(), pd.DataFrame(chart.data)
    assert_nothing_cut(spec)
    nsa = rows[rows["holder"] == "New Syrian Army"]
    assert len(nsa) == 1 and (nsa["end"] > nsa["start"]).all()  # not a zero-length sliver
    assert nsa["short"].all()
    ticks = [layer for layer in spec["layer"] if layer["mark"]["type"] == "tick"]
    assert ticks and all(t["mark"]["thickness"] >= charts.MIN_WIDTH_PX for t in ticks)
    assert {t["mark"]["xOffset"] for t in ticks} == set(rows.loc[rows["short"], "nudge"])
    held_today = rows[rows["short"] & (rows["state"] == "held")]
    assert held_today["nudge"].is_unique  # the NSA's and IS's ticks side by side
    (legend,) = legends(spec)
    assert legend["values"] == ["Islamic State", "New Syrian Army"]
    assert len(intervals) == len(rows)


def test_same_day_intervals_share_the_day_in_order_and_the_last_runs_to_the_days_end():
    day = pd.Timestamp("2016-06-29")
    rows = pd.DataFrame({
        "place_id": ["p"] * 4, "row": ["held", "contested", "held", "held"],
        "from": [pd.Timestamp("2014-01-01"), day, day, day],
        "to": [day, day, day, pd.NaT],
    })  # fmt: skip
    placed = charts.interval_positions(rows, until=day)
    hours = pd.Timedelta(hours=1)
    assert placed["start"].tolist() == [pd.Timestamp("2014-01-01"), day, day + 8 * hours,
                                        day + 16 * hours]  # fmt: skip
    assert (placed["end"].iloc[:-1].to_numpy() == placed["start"].iloc[1:].to_numpy()).all()
    assert placed["end"].iloc[-1] == day + pd.Timedelta(days=1)
    assert placed["short"].tolist() == [False, True, True, True]
    assert placed["nudge"].tolist() == [0, 0, -3.5, 3.5]  # two ticks on the held row


def test_intervals_all_still_open_are_placed_too():
    """A day before any interval closes, `to` holds only None (not a date column)."""
    rows = pd.DataFrame({"place_id": ["p", "q"], "row": ["held", "held"],
                         "from": [pd.Timestamp("2014-01-01"), pd.Timestamp("2015-01-01")],
                         "to": [None, None]})  # fmt: skip
    placed = charts.interval_positions(rows, until=pd.Timestamp("2016-06-28"))
    assert (placed["end"] == pd.Timestamp("2016-06-29")).all()


def test_a_legend_lists_every_holder_of_the_chart(seed: Dataset):
    actors = seed.actors
    ids = [*actors["actor_id"], None]  # every actor, and a holder nobody named
    intervals = pd.DataFrame({
        "place_id": [f"p{i}" for i in range(len(ids))],
        "place": [f"Place {i}" for i in range(len(ids))],
        "controller_id": ids, "state": "held", "from": pd.Timestamp("2016-01-01"),
        "from_precision": "day", "to": pd.NaT, "opened_by": "e", "closed_by": None,
    })  # fmt: skip
    order = list(intervals["place"])
    spec = charts.control_timeline(intervals, actors, pd.Timestamp("2016-06-29"), row="place",
                                   order=order).to_dict()  # fmt: skip
    assert_nothing_cut(spec)
    (legend,) = legends(spec)
    assert legend["values"] == [*actors["name"], charts.UNKNOWN]
    assert len(legend["values"]) == len(actors) + 1 == 9
    assert legend["symbolLimit"] == 0  # Vega-Lite's default stops at 30 symbols


def test_the_gantt_labels_every_row(seed: Dataset):
    places = timeline.busiest_places(seed.control_events, n=9)
    rows = timeline.gantt(seed, places, dt.date(2016, 6, 29))
    label = timeline.labels(seed, places)
    order = [label[p] for p in places]
    spec = charts.control_timeline(rows, seed.actors, pd.Timestamp("2016-06-29"), row="place",
                                   order=order).to_dict()  # fmt: skip
    assert_nothing_cut(spec)
    y = spec["layer"][0]["encoding"]["y"]
    assert y["axis"]["labelOverlap"] is False and y["sort"] == order
    assert spec["height"] == {"step": charts.ROW_PX["place"]}  # rows never squeezed
    assert set(pd.DataFrame(spec["datasets"][spec["data"]["name"]])["place"]) == set(order)


@pytest.mark.parametrize("weeks", [1, 3, 300])
def test_weekly_axes_are_labelled_by_week_on_mondays(weeks):
    mondays = pd.date_range("2012-01-02", periods=weeks, freq="W-MON")
    events = pd.DataFrame({"week": mondays, "event_type": "under_siege", "events": 1})
    aid = pd.DataFrame({"week": mondays, "deliveries": 1, "trucks": 2, "people": 3})
    for chart in (charts.weekly_events(events), charts.weekly_aid(aid)):
        spec = chart.to_dict()
        assert_nothing_cut(spec)
        x = spec["encoding"]["x"]
        values = pd.to_datetime(x["axis"]["values"])
        assert (values.day_of_week == 0).all() and len(values) <= charts.WEEK_TICKS
        assert values[0] == mondays[0] and "week of" in x["axis"]["labelExpr"]
        assert spec["encoding"]["x2"]["field"] == "week_end"  # a bar spans its week
        domain = pd.to_datetime(x["scale"]["domain"])
        assert domain[1] - domain[0] >= pd.Timedelta(weeks=charts.MIN_WEEKS)
    assert "under siege" in set(pd.DataFrame(charts.weekly_events(events).data)["event_type"])


def test_the_aid_chart_gives_each_destination_a_whole_row(seed: Dataset):
    rows = report.deliveries(seed)
    spec = charts.deliveries_timeline(rows).to_dict()
    assert_nothing_cut(spec)
    assert spec["height"] == {"step": 40}
    assert spec["encoding"]["y"]["axis"]["labelLimit"] == 0
    assert "Zamalka" in set(rows["destination"])


def test_the_control_chart_never_shows_a_time_of_day_nor_fades_a_holder_to_grey(hamdan):
    """Same-day intervals share their day to keep their order, not to say when: the axis
    labels days only; a year-dated interval keeps its holder's colour (thinner, dashed)."""
    spec = hamdan[1].to_dict()
    (bars,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    axis = bars["encoding"]["x"]["axis"]
    assert "%H" not in axis["format"] and "%I" not in axis["format"]
    assert axis["tickMinStep"] == charts.DAY_MS
    assert "opacity" not in json.dumps(spec)
    size = bars["encoding"]["size"]
    assert size["condition"]["test"] == "datum.approximate"
    assert size["condition"]["value"] < size["value"]


def test_a_chart_of_a_few_days_ticks_each_day_and_no_hour(seed: Dataset):
    manbij = "gn:167357"  # held, then besieged, both reported on 29 June 2016
    intervals = control.history(seed.events_at(manbij), manbij)
    spec = charts.control_timeline(intervals, seed.actors, pd.Timestamp("2016-06-29")).to_dict()
    (bars,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    assert bars["encoding"]["x"]["axis"]["tickCount"] == "day"


def _aid_layers(spec: dict) -> tuple[dict, dict]:
    """The aid chart's sized layer (a circle per delivery with a people figure) and the rows it
    draws, and the layer of deliveries without one and its rows, by their marks."""

    def rows(layer: dict) -> list[dict]:  # a layer's own data, or the chart's (Altair moves
        return spec["datasets"][layer.get("data", spec.get("data"))["name"]]  # a lone one up)

    found = {layer["mark"]["type"]: (layer, rows(layer)) for layer in spec["layer"]}
    return found.get("circle"), found.get("point")


def test_a_delivery_without_a_people_figure_is_a_mark_of_its_own_not_a_size(seed: Dataset):
    rows = report.deliveries(seed)
    assert rows.loc[rows["destination"] == "west Harasta", "beneficiaries"].isna().all()
    spec = charts.deliveries_timeline(rows).to_dict()
    assert_nothing_cut(spec)
    (sized, known), (unreported, unknown) = _aid_layers(spec)
    assert {r["destination"] for r in known} == {"Zamalka", "Irbin"}
    assert all(r["people"] is not None for r in known)  # only figures take a size
    assert [r["destination"] for r in unknown] == ["west Harasta"]
    assert "size" not in unreported["encoding"]  # one fixed size, not a value of the scale
    mark = unreported["mark"]
    assert mark["filled"] is False and mark["size"] == charts.NOT_REPORTED_MARK["size"]
    assert mark["color"] != sized["mark"]["color"] and mark["shape"] == "diamond"
    shape = unreported["encoding"]["shape"]  # the legend names it
    assert shape["scale"]["domain"] == [charts.NOT_REPORTED] == ["people not reported"]
    assert {r["figure"] for r in unknown} == {charts.NOT_REPORTED}
    assert [r["people_reached"] for r in unknown] == ["not reported"]  # and so does its tooltip
    assert {r["people_reached"] for r in known} == {"20,000 (whole convoy)"}
    tooltips = [t["field"] for t in unreported["encoding"]["tooltip"]]
    assert "people_reached" in tooltips and "people" not in tooltips


def test_the_aid_chart_names_people_not_reported_only_when_a_delivery_lacks_it(seed: Dataset):
    rows = report.deliveries(seed)
    reported = rows[rows["beneficiaries"].notna()]
    sized, unreported = _aid_layers(charts.deliveries_timeline(reported).to_dict())
    assert sized and unreported is None  # no legend entry for what is not drawn
    sized, unreported = _aid_layers(charts.deliveries_timeline(rows.iloc[0:0]).to_dict())
    assert sized and unreported is None  # an empty chart is still a chart
    none = rows.assign(beneficiaries=pd.array([pd.NA] * len(rows), dtype="Int64"))
    sized, (layer, drawn) = _aid_layers(charts.deliveries_timeline(none).to_dict())
    assert sized is None and len(drawn) == len(rows)  # no size legend for no figure at all


def test_the_weekly_aid_tooltip_says_not_reported_for_a_week_without_people():
    weekly = pd.DataFrame({"week": pd.to_datetime(["2016-06-27", "2016-07-04"]),
                           "deliveries": [3, 1], "convoys": [2, 1], "trucks": [37, pd.NA],
                           "people": pd.array([20000, pd.NA], dtype="Int64")})  # fmt: skip
    spec = charts.weekly_aid(weekly).to_dict()
    (data,) = spec["datasets"].values()
    assert [r["people_reached"] for r in data] == ["20,000", "not reported"]
    assert [r["people"] for r in data] == [20000, None]  # the figure itself stays a number
    (people,) = [t for t in spec["encoding"]["tooltip"] if t["field"] == "people_reached"]
    assert people["title"] == "people reached (where reported)"
