"""Every page runs under Streamlit's AppTest without an exception, and shows what it should."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from frontline.config import PROJECT_ROOT

PAGES = [PROJECT_ROOT / "dashboard.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]


def run(page: Path, **params: str) -> AppTest:
    app = AppTest.from_file(str(page), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_runs_without_exception(page):
    app = run(page)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title and not app.error


def test_home_shows_the_report_day_situation():
    app = run(PAGES[0])
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Besieged"] == "4" and metrics["Aid deliveries"] == "3"
    table = app.dataframe[0].value
    assert table.set_index("Place").loc["Manbij", "Besieged by"] == "Syrian Democratic Forces"


def test_map_page_reads_and_writes_the_date_in_the_url():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-28")
    assert "2016-06-28" in app.title[0].value
    assert app.query_params["date"] == "2016-06-28"
    app.sidebar.date_input[0].set_value(dt.date(2016, 6, 29)).run()
    assert "2016-06-29" in app.title[0].value
    assert app.query_params["date"] == "2016-06-29"


def test_a_data_error_is_shown_not_raised(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path))  # no data files there
    app = run(PAGES[0])
    assert not app.exception
    assert "file not found" in app.error[0].value


AID = PROJECT_ROOT / "pages" / "2_Aid.py"


def test_aid_page_lists_besieged_places_and_filters_by_place():
    app = run(AID, date="2016-07-15")
    access = app.dataframe[0].value.set_index("Place")
    assert access.loc["Zamalka", "Days without aid"] == 16
    app.multiselect(key="aid_places").set_value(["Irbin"]).run()
    assert app.dataframe[1].value["Destination"].tolist() == ["Irbin"]
    tables = [d.value for d in app.dataframe]
    verdicts = next(t for t in tables if "verdict" in t)["verdict"].tolist()
    assert verdicts == ["agrees", "agrees"]
    totals = next(t for t in tables if "convoys" in t).set_index("organisation")
    assert totals.loc["United Nations", "trucks"] == 37


def test_aid_form_finds_any_place_of_the_registry_by_what_people_type():
    app = run(AID)
    picker = app.selectbox[0]
    shown = list(picker.options)  # as the picker shows them, what a person types filters
    typed = {word: [s for s in shown if word.lower() in s.lower()] for word in ("Madaya", "Dabiq")}
    assert any(s.startswith("Madaya ") for s in typed["Madaya"]), typed
    assert any(s.startswith("Dabeq ") and "SY)" in s for s in typed["Dabiq"]), typed  # OCHA: Dabeq
    assert len(shown) > 12_000


def test_aid_form_rejects_then_saves_a_delivery():
    app = run(AID)
    app.button[-1].click().run()  # empty form
    assert "choose a destination" in app.error[0].value
    app.selectbox[0].set_value("gn:169897")
    inputs = {t.label: t for t in app.text_input}
    inputs["Source publisher"].input("Reuters")
    inputs["Source title"].input("Aid reaches Harasta")
    inputs["Recorded by"].input("Analyst A")
    app.text_area[0].input("Twelve trucks reached Harasta.")
    [d for d in app.date_input if d.label == "Date"][0].set_value(dt.date(2016, 7, 3))
    app.number_input[0].set_value(12)
    app.button[-1].click().run()
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value == "Delivery saved."
    again = run(AID)
    assert "Harasta" in again.dataframe[1].value["Destination"].tolist()
    _delete_the_newest_delivery()
    app.button[-1].click().run()  # the same delivery again, after someone deleted it
    assert not app.success and "has been deleted since" in app.warning[0].value


def _delete_the_newest_delivery() -> None:
    from frontline import store
    from frontline.config import load_settings

    engine = store.connect(load_settings().database_url)
    with store.transaction(engine) as conn:
        [entry] = store.audit_entries(conn, table="aid_deliveries", limit=1)
        store.delete(conn, "delivery", entry["id"], "Analyst B", "a duplicate")


PLACE = PROJECT_ROOT / "pages" / "3_Place.py"


def test_place_page_shows_history_events_and_sources():
    app = run(PLACE, place="fl:hamdan-air-base", date="2016-06-29")
    assert not app.exception
    assert "held by **Islamic State**" in app.markdown[0].value
    events = app.dataframe[0].value
    assert events["Event"].tolist() == ["captured", "entered", "captured"]
    assert events["Claimed by"].tolist()[2].startswith("Aamaq")
    assert app.query_params["place"] == "fl:hamdan-air-base"
    assert len(app.get("vega_lite_chart")) == 1


def test_place_page_waits_for_a_choice():
    app = run(PLACE)
    assert not app.exception and not app.dataframe
    app.selectbox(key="place").set_value("gn:167357").run()
    assert "besieged by **Syrian Democratic Forces**" in app.markdown[0].value


def test_map_page_compares_two_dates():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-30", since="2016-06-27")
    changes = app.dataframe[0].value.set_index("Place")
    assert changes.loc["Hamdan air base", "Change"] == "round_trip"
    assert changes.loc["Hamdan air base", "Passing through"] == "is:contested → is:held"
    assert changes.loc["Manbij", "Change"] == "changed"
    assert app.query_params["since"] == "2016-06-27"


PLACES = PROJECT_ROOT / "pages" / "4_Places.py"


def test_places_page_lists_candidates_and_says_when_nothing_fits():
    app = run(PLACES)
    assert not app.exception and not app.dataframe
    app.text_input(key="geo_query").input("Deir Ezzor").run()
    found = app.dataframe[0].value
    assert found.loc[0, "name"] == "Deir ez-Zor" and found.loc[0, "country"] == "SY"
    app.text_input(key="geo_query").input("Syrian Observatory for Human Rights").run()
    assert "not a place" in app.warning[0].value


@pytest.mark.parametrize("params", [
    {"date": "2016-06-28"},  # before any delivery
    {"date": "2999-01-01"},  # a future day in a link
    {"date": "2016-06-28", "since": "2016-06-30"},  # comparison after the day
])  # fmt: skip
def test_pages_survive_odd_links(params):
    for page in PAGES:
        app = run(page, **params)
        assert not app.exception, (page.name, [e.value for e in app.exception])


def test_moving_the_day_before_the_comparison_day_stops_comparing():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-30", since="2016-06-27")
    assert "Change" in app.dataframe[0].value
    app.sidebar.date_input[0].set_value(dt.date(2016, 6, 26)).run()
    assert not app.exception
    assert all("Change" not in d.value for d in app.dataframe)
    assert any("must come before" in c.value for c in app.caption)


def test_map_page_draws_estimated_areas_when_asked():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", layers="aid,provinces,areas")
    assert not app.exception
    assert "areas" in app.sidebar.multiselect[0].value


TIMELINE = PROJECT_ROOT / "pages" / "5_Timeline.py"


def test_timeline_filters_come_from_the_url_and_narrow_the_events():
    every = run(TIMELINE, date="2016-06-30")
    by_is = run(TIMELINE, date="2016-06-30", actors="is", types="captured")
    assert not by_is.exception
    count = lambda app: int(app.markdown[0].value.split("**")[1].split()[0])  # noqa: E731
    assert 0 < count(by_is) < count(every)
    table = by_is.dataframe[0].value
    assert set(table["Event"]) == {"captured"} and "Islamic State" in set(table["Actor"])
    assert by_is.multiselect(key="actors").value == ["is"]
    assert by_is.query_params["types"] == "captured"


def _charted(app: AppTest, field: str) -> pd.DataFrame:
    """The rows a page's chart with `field` among its encodings draws (AppTest has no element
    type for charts: their spec and Arrow data are read from the message)."""
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if field in json.dumps(spec.get("encoding", {})):
            (data,) = chart.proto.datasets
            return pa.ipc.open_stream(data.data.data).read_pandas()
    raise AssertionError(f"no chart encodes {field!r}")


def test_timeline_counts_a_convoy_to_two_towns_once():
    app = run(TIMELINE, date="2016-06-30")
    assert not app.exception
    weekly = _charted(app, "people").set_index("week")
    week = weekly.loc[pd.Timestamp("2016-06-27")]  # the Aid page and `frontline aid-totals` agree
    assert (week["trucks"], week["people"], week["deliveries"]) == (37, 20000, 3)


def test_aid_page_totals_by_week():
    app = run(AID, date="2016-07-15")
    app.radio(key="aid_totals_by").set_value("week").run()
    totals = next(d.value for d in app.dataframe if "convoys" in d.value).set_index("week")
    assert totals.loc["2016-06-27", ["trucks", "beneficiaries"]].tolist() == [37, 20000]


def test_map_page_filters_and_place_from_the_url():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-29", place="gn:167357",
              actors="sdf")  # fmt: skip
    assert not app.exception
    assert any(h.value == "Manbij" for h in app.subheader)  # the side panel
    assert app.multiselect(key="actors").value == ["sdf"]
    app.button(key="step_back").click().run()  # a month back
    assert "2016-05-29" in app.title[0].value


def test_play_takes_a_step_at_once_without_an_error():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-04-29")
    app.toggle(key="playing").set_value(True).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "2016-05-29" in app.title[0].value  # a month on
