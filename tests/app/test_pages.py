"""Every page runs under Streamlit's AppTest without an exception, and shows what it should."""

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from frontline import labels
from frontline.config import PROJECT_ROOT
from frontline.ui.frame import PAGE_LINKS  # the sidebar's links (AppTest runs one page)

PAGES = [PROJECT_ROOT / "dashboard.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]


def run(page: Path, **params: str) -> AppTest:
    app = AppTest.from_file(str(page), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


class _Tables(HTMLParser):
    """The tables of `st.html` bodies, as the browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(app: AppTest) -> list[pd.DataFrame]:
    """Every table the page shows as HTML (quotes wrapped in full), header row as columns."""
    parser = _Tables()
    for block in app.get("html"):
        parser.feed(block.proto.body)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables if rows]


def shown_tables(app: AppTest) -> list[pd.DataFrame]:
    """Every table a page shows: st.dataframe's and the HTML ones."""
    return [d.value for d in app.dataframe] + html_tables(app)


def html_text(app: AppTest) -> str:
    """What the page's `st.html` blocks say, tags dropped, as a person reads it."""
    parser = _Text()
    for block in app.get("html"):
        parser.feed(block.proto.body)
    return "".join(parser.parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def says_what_it_shows(app: AppTest) -> bool:
    """A title, or (the Briefing, full screen) the headings of the briefing it shows."""
    return bool(app.title) or any("<h1>" in f.proto.srcdoc for f in app.get("iframe"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_runs_without_exception(page):
    app = run(page)
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error and says_what_it_shows(app)


def test_the_overview_names_itself_and_sources_every_delivery():
    app = run(PAGES[0])
    assert PAGE_LINKS[0][1] == "Overview"  # never the file's name, "dashboard"
    config = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "showSidebarNavigation = false" in config  # Streamlit's own list is hidden
    deliveries = next(d.value for d in app.dataframe if "Trucks" in d.value.columns)
    assert (deliveries["Source"] != labels.MISSING).all(), deliveries["Source"]


def test_home_shows_the_report_day_situation(seed):
    app = run(PAGES[0])
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Besieged"] == "4" and metrics["Aid deliveries"] == "3"
    table = app.dataframe[0].value
    assert table.set_index("Place").loc["Manbij", "Besieged by"] == "Syrian Democratic Forces"
    kinds = seed.places.set_index("place_id")["kind"]
    countries = set(seed.places[kinds.isin(["country", "region"]).to_numpy()]["name"])
    assert countries and not countries & set(table["Place"])  # context, not places held
    assert int(metrics["Places tracked"]) == len(kinds) - len(countries)


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
    access = html_tables(app)[0].set_index("Place")
    assert access.loc["Zamalka", "Days without aid"] == "16"
    app.multiselect(key="aid_places").set_value(["Irbin"]).run()
    assert html_tables(app)[1]["Destination"].tolist() == ["Irbin"]
    tables = [d.value for d in app.dataframe]
    verdicts = next(t for t in tables if "Data agree?" in t)["Data agree?"].tolist()
    assert verdicts == ["yes", "yes"]
    totals = next(t for t in tables if "Convoys" in t).set_index("Organisation")
    assert totals.loc["United Nations", "Trucks"] == "37"


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
    inputs["Trucks"].input("12")
    app.button[-1].click().run()
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value == "Delivery saved."
    again = run(AID)
    assert "Harasta" in html_tables(again)[1]["Destination"].tolist()
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
    shown = html_text(app)
    assert "held by Islamic State" in shown
    assert "2014 · captured · Islamic State · reported" in shown  # a year-only date as a year
    assert "2016-06-29 · entered · New Syrian Army" in shown
    assert "Claimed by: Aamaq" in shown
    assert app.query_params["place"] == "fl:hamdan-air-base"
    assert len(app.get("vega_lite_chart")) == 1


def test_place_page_waits_for_a_choice():
    app = run(PLACE)
    assert not app.exception and not app.dataframe
    app.selectbox(key="place").set_value("gn:167357").run()
    text = html_text(app)
    assert "besieged by Syrian Democratic Forces" in text
    # the report saw Manbij besieged on 29 June, its first report: it does not say since when
    assert "since 2016-06-29 or earlier (first known)" in text


def test_map_page_compares_two_dates():
    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-30", since="2016-06-27")
    changes = app.dataframe[0].value.set_index("Place")
    assert changes.loc["Hamdan air base", "Change"] == "round trip"
    passing = changes.loc["Hamdan air base", "Passing through"]  # the NSA held it for a while
    assert passing == ("Islamic State (contested) → New Syrian Army (held) → Islamic State (held)")
    assert "Manbij" not in changes.index  # first reported on 29 June: listed apart
    first = app.dataframe[1].value.set_index("Place")
    assert first.loc["Manbij", "Change"] == "first reported"
    assert app.query_params["since"] == "2016-06-27"


PLACES = PROJECT_ROOT / "pages" / "4_Places.py"


def test_places_page_lists_candidates_and_says_when_nothing_fits():
    app = run(PLACES)
    assert not app.exception and not app.dataframe
    app.text_input(key="geo_query").input("Deir Ezzor").run()
    found = app.dataframe[0].value
    assert found.loc[0, "Name"] == "Deir ez-Zor" and found.loc[0, "Country"] == "SY"
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
    (table,) = html_tables(by_is)  # quotes in full: an HTML table, not a data grid
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
    totals = next(d.value for d in app.dataframe if "Convoys" in d.value).set_index("Week")
    assert totals.loc["2016-06-27", ["Trucks", "People reached"]].tolist() == ["37", "20,000"]


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


RAW = ("siege_start", "last_delivery", "border_crossing", "reported_first_since", "00:00:00",
       "figures_scope", "_precision")  # fmt: skip
EMPTY = {"None", "nan", "NaN", "NaT", "<NA>", ""}


def _raw_codes(table: pd.DataFrame) -> list[str]:
    cells = [str(c) for c in table.columns] + [str(v) for v in table.to_numpy().ravel()]
    return [c for c in cells if c in EMPTY or any(code in c for code in RAW)]


@pytest.mark.parametrize(("page", "params"), [
    (PAGES[0], {"date": "2016-06-29"}),
    (PROJECT_ROOT / "pages" / "1_Map.py", {"date": "2016-06-29", "place": "gn:167357"}),
    (AID, {"date": "2016-06-29"}),
    (PLACE, {"date": "2016-06-29", "place": "fl:hamdan-air-base"}),
    (PLACE, {"date": "2016-06-29", "place": "fl:qaim-border-crossing"}),
    (PROJECT_ROOT / "pages" / "1_Map.py", {"date": "2016-06-30", "since": "2016-06-27"}),
    (TIMELINE, {"date": "2016-06-30"}),
])  # fmt: skip
def test_no_table_shows_a_raw_code_or_an_empty_marker(page, params):
    app = run(page, **params)
    tables = shown_tables(app)
    found = {name: bad for t in tables if (bad := _raw_codes(t)) for name in [str(list(t))]}
    assert found == {}
    text = html_text(app)  # the evidence blocks too
    assert text or tables  # something was read
    assert [code for code in RAW if code in text] == []


def test_days_without_aid_for_a_siege_of_unknown_start_is_unknown_with_its_reason(seed):
    from frontline import report

    app = run(AID, date="2016-06-29")
    access = html_tables(app)[0].set_index("Place")
    rows = report.access(seed, "2016-06-29").set_index("place")
    days = access.loc["Manbij", "Days without aid"]
    assert pd.isna(rows.loc["Manbij", "days_without_aid"])  # no count: the start is not known
    reason = rows.loc["Manbij", "days_without_aid_reason"]
    assert reason == ("siege start not known: first reported besieged on 2016-06-29; "
                      "no delivery recorded")  # fmt: skip
    assert days == f"unknown: {reason}"
    assert access.loc["Manbij", "Population"] == "68,888 (GeoNames cities15000)"
    for place, shown in access["Population"].items():  # every figure names its source
        assert shown == "—" or shown.endswith(")") and "(" in shown, (place, shown)


def _fill_form(app: AppTest, **changes) -> AppTest:
    values = {"destination": "gn:169897", "date": dt.date(2016, 7, 3), "trucks": 12,
              "publisher": "Reuters", "title": "Aid reaches Harasta",
              "quote": "Twelve trucks reached Harasta.", "who": "Analyst A", **changes}  # fmt: skip
    app.selectbox[0].set_value(values["destination"])
    inputs = {t.label: t for t in app.text_input}
    inputs["Source publisher"].input(values["publisher"])
    inputs["Source title"].input(values["title"])
    inputs["Recorded by"].input(values["who"])
    app.text_area[0].input(values["quote"])
    dates = {d.label: d for d in app.date_input}
    dates["Date"].set_value(values["date"])
    if "published" in values:
        dates["Source date"].set_value(values["published"])
    inputs["Trucks"].input(str(values["trucks"]))
    return app.button[-1].click().run()


def test_the_form_takes_dates_back_to_2011_and_a_source_dated_2016():
    app = run(AID)
    dates = {d.label: d for d in app.date_input}
    assert dates["Source date"].min <= dt.date(2011, 1, 1) and dates["Date"].min <= dt.date(
        2011, 1, 1
    )
    app = _fill_form(app, published=dt.date(2016, 6, 29), title="A 2016 source")
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value == "Delivery saved."


def _next_to(app: AppTest, label: str):
    """The element shown right under the widget labelled `label` (in its column)."""
    for column in app.columns:
        children = list(column.children.values())
        for i, child in enumerate(children):
            if getattr(child, "label", None) == label:
                return children[i + 1] if i + 1 < len(children) else None
    raise AssertionError(f"no widget {label!r} in a column")


def test_negative_trucks_are_named_beside_the_field_and_nothing_is_saved():
    app = _fill_form(run(AID), trucks=-5)
    beside = _next_to(app, "Trucks")
    assert beside is not None and beside.type == "error"
    assert beside.value == "trucks: must be 0 or more"
    assert not app.success
    assert _next_to(app, "Destination").type != "error"  # only the field that is wrong


def test_an_empty_form_names_each_field_beside_it():
    app = run(AID)
    app.button[-1].click().run()
    assert "choose a destination" in _next_to(app, "Destination").value
    assert "is required" in _next_to(app, "Source publisher").value


def test_the_actor_filter_narrows_the_table_under_the_map():
    every = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-29")
    by_is = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-29", actors="is")
    table = lambda app: next(d.value for d in app.dataframe if "Held by" in d.value)  # noqa: E731
    all_places, is_places = table(every), table(by_is)
    assert 0 < len(is_places) < len(all_places)
    assert set(is_places["Place"]) < set(all_places["Place"])
    assert (is_places[["Held by", "Besieged by"]] == "Islamic State").any(axis=1).sum() >= len(
        is_places
    ) - 1  # the one left is contested by IS (a column the table does not show)


HOSTILE = "**x** [link](http://evil) <script>alert(1)</script> :red[y] $z$"


def test_a_hostile_quote_is_shown_literally_never_as_markdown_or_html():
    app = _fill_form(run(AID), quote=HOSTILE, title="A hostile quote", destination="gn:169897")
    assert app.success, [e.value for e in app.error]
    app = run(AID, date=dt.date.today().isoformat())
    quotes = [q for t in html_tables(app) if "Source quote" in t for q in t["Source quote"]]
    assert HOSTILE in quotes
    bodies = "".join(b.proto.body for b in app.get("html"))
    assert "<script>" not in bodies and "http://evil" not in bodies.replace(
        "[link](http://evil)", ""
    )
    assert not any("evil" in m.value for m in app.markdown)


def test_the_place_page_shows_each_source_in_full_with_its_address():
    app = run(PLACE, place="fl:hamdan-air-base", date="2016-06-29")
    [expander] = [e for e in app.expander if "Associated Press" in e.label]
    text = "".join(b.proto.body for b in expander.get("html"))
    seed_text = (PROJECT_ROOT / "seeds" / "000_6aaf4593ca1a5acc.txt").read_text(encoding="utf-8")
    last_line = [line for line in seed_text.splitlines() if line.strip()][-1].strip()
    assert "Address:" in text and last_line.split()[0] in text  # the whole text, to its end


def test_the_side_panel_shows_every_quote_and_status_in_full(seed):
    from frontline import report

    app = run(PROJECT_ROOT / "pages" / "1_Map.py", date="2016-06-29", place="gn:167357")
    shown = html_text(app)
    events = report.place_events(seed, "gn:167357")
    assert len(events) > 0
    for quote, status in zip(events["quote"], events["status"], strict=True):
        assert quote in shown and status in shown


MAP = PROJECT_ROOT / "pages" / "1_Map.py"


def _warnings(app: AppTest) -> list[str]:
    return [w.value for w in app.warning]


def test_a_links_day_the_map_cannot_show_is_said_beside_the_day_shown():
    app = run(MAP, date="2999-01-01")
    assert not app.exception
    (note,) = [w for w in _warnings(app) if w.startswith("The link's date 2999-01-01")]
    assert "showing 2016-06-29" in note and "2016-06-29" in app.title[0].value


def test_a_day_far_past_the_newest_evidence_is_warned_of_on_the_map():
    app = run(MAP, date="2017-01-01")  # 186 days after the seed's last report
    assert any(w.startswith("The newest evidence is from 2016-06-29, 186 days") for w in
               _warnings(app))  # fmt: skip
    near = run(MAP, date="2016-06-30")  # the day after the report: "now", nothing to say
    assert _warnings(near) == []


def test_the_step_comes_from_the_link_and_stays_in_it():
    app = run(MAP, date="2016-06-29", step="week")
    assert app.selectbox(key="step").value == "week"
    app.button(key="step_back").click().run()
    assert "2016-06-22" in app.title[0].value  # a week back
    assert app.query_params["step"] == "week" and app.query_params["date"] == "2016-06-22"


def test_estimated_areas_are_off_unless_asked_for():
    app = run(MAP, date="2016-06-29")
    assert "areas" not in app.sidebar.multiselect[0].value
    assert not [c for c in app.caption if "Estimated areas" in c.value]
    asked = run(MAP, date="2016-06-29", layers="aid,provinces,areas")
    assert [c for c in asked.caption if c.value.startswith("Estimated areas:")]
