"""The label registry: people-readable headers and values, one rule for every table."""

import datetime as dt
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from frontline import control, html_text, labels, report


@pytest.mark.parametrize(("name", "header"), [
    ("siege_start", "Siege start"),
    ("last_delivery", "Last delivery"),
    ("reported_first_since", "First since (reported)"),
    ("beneficiaries", "People reached"),
    ("something_new", "Something new"),  # not in the registry: still no underscore
])  # fmt: skip
def test_columns_read_as_words(name, header):
    assert labels.column(name) == header


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("counted_from", "siege_start", "siege start"),
    ("counted_from", "last_delivery", "last delivery"),
    ("kind", "border_crossing", "border crossing"),
    ("kind", "airbase", "air base"),
    ("event_type", "siege_lifted", "siege lifted"),
    ("place", "Hamdan air base", "Hamdan air base"),  # prose stays as written
    ("trucks", None, "—"),
    ("trucks", np.nan, "—"),
    ("trucks", pd.NA, "—"),
    ("date", pd.NaT, "—"),
    ("last_delivery", pd.NaT, "none on record"),
    ("trucks", np.int64(20000), "20,000"),
    ("trucks", 37.0, "37"),
    ("lat", 33.5, "33.50000"),
    ("items", ["food", "medical"], "food, medical"),
    ("items", [], "—"),
    ("date", pd.Timestamp("2016-06-29 00:00:00"), "2016-06-29"),
    ("date", dt.date(2016, 6, 29), "2016-06-29"),
    ("low_confidence", np.bool_(True), "yes"),
])  # fmt: skip
def test_values_read_as_words(name, value, shown):
    assert labels.value(name, value) == shown


def test_a_table_keeps_date_precision_and_shows_no_raw_code(seed):
    rows = report.access(seed, "2016-06-29")
    shown = labels.table(rows, labels.ACCESS)
    assert list(shown.columns) == [labels.column(c) for c in labels.ACCESS]
    zamalka = shown.set_index("Place").loc["Zamalka"]
    assert zamalka["Besieged since"] == "2012"  # known to the year: never 2012-01-01
    cells = " ".join(map(str, shown.to_numpy().ravel()))
    for raw in ("siege_start", "last_delivery", "None", "NaT", "nan", "00:00:00"):
        assert raw not in cells


def test_a_table_takes_its_own_headers_and_skips_absent_columns():
    frame = pd.DataFrame({"quote": ["a"], "sources": ["AP"]})
    shown = labels.table(frame, {"quote": "Source quote", "sources": "Source", "notes": "Notes"})
    assert list(shown.columns) == ["Source quote", "Source"]


def _snapshot_with_basis(seed, as_of: str) -> pd.DataFrame:
    """`report.snapshot` with `control.snapshot`'s `since_basis` beside `since` (the report
    table does not carry it yet)."""
    rows = report.snapshot(seed, as_of)
    if "since_basis" in rows.columns:
        return rows
    basis = control.snapshot(seed.control_events, as_of)[["place_id", "since_basis"]]
    return rows.merge(basis, on="place_id", how="left")


def test_a_first_report_reads_as_a_day_by_which_not_a_start(seed):
    """Fallujah was first known taken on 2016-06-29: the table must not read that as the day
    control began. Hamdan air base, taken back by IS that day, began then."""
    shown = labels.table(_snapshot_with_basis(seed, "2016-06-29"), labels.SNAPSHOT)
    since = shown.set_index("Place")["Since"]
    assert since["Al Fallujah"] == "2016-06-29 or earlier (first known)"
    assert since["Zamalka"] == "2012 or earlier (first known)"  # as precise as known
    assert since["Hamdan air base"] == "2016-06-29"
    assert since["Syria"] == labels.MISSING  # no state: no date, no wording
    assert shown.columns.tolist() == [labels.column(c) for c in labels.SNAPSHOT]


def test_every_basis_of_since_reads_as_words():
    """Each of control's bases, as the date's wording or (shown as a column) a value."""
    frame = pd.DataFrame({"since": pd.to_datetime(["2016-01-05"] * 3 + [None]),
                          "since_precision": ["day", "day", "month", None],
                          "since_basis": [*control.SINCE_BASES, None]})  # fmt: skip
    shown = labels.table(frame, ["since", "since_basis"])
    assert shown["Since"].tolist() == ["2016-01-05", "2016-01-05 or earlier (first known)",
                                       "2016-01 or earlier (start not stated)", "—"]  # fmt: skip
    assert shown[labels.column("since_basis")].tolist() == [
        "began then", "already so when first known", "reported so, start not stated",
        "—"]  # fmt: skip
    assert labels.table(frame.drop(columns="since_basis"), ["since"])["Since"].tolist() == [
        "2016-01-05", "2016-01-05", "2016-01", "—"]  # fmt: skip


@pytest.mark.parametrize(("n", "source", "shown"), [
    (68888, "GeoNames cities15000 (CC BY 4.0), geonameid 167357; Natural Earth",
     "68,888 (GeoNames cities15000)"),
    (44661, "Wikipedia, 'Zamalka' (33°N; population 44,661 at the 2004 census), CC BY-SA",
     "44,661 (Wikipedia)"),
    (12500, "Approximate: the point of Harasta town (GeoNames 169897, CC BY 4.0); population "
            "about 12,500 from the AP report of 2016-06-29 (ICRC).",
     "12,500 (AP report of 2016-06-29)"),
    (5000, None, "5,000 (no source)"),
    (5000, "  ", "5,000 (no source)"),
    (pd.NA, "GeoNames", "—"),
])  # fmt: skip
def test_a_population_names_its_source(n, source, shown):
    assert labels.population(n, source) == shown


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.cells.append(data)


HOSTILE = '**x** [link](http://evil) <script>alert("1")</script> & <b>bold</b>'


def test_an_html_table_escapes_every_cell_and_header():
    frame = pd.DataFrame({"Quote <i>": [HOSTILE], "Place": ["Manbij"]})
    body = html_text.table(frame)
    parsed = _Cells()
    parsed.feed(body)
    assert HOSTILE in parsed.cells and "Quote <i>" in parsed.cells  # read back literally
    assert set(parsed.tags) <= {"div", "table", "thead", "tbody", "tr", "th", "td"}
    assert "white-space:normal" in body  # wraps, never one cut line


def test_markdown_literal_escapes_every_mark():
    text = html_text.markdown_literal("**x** [link](http://evil) :red[y] $z$")
    assert "\u2060\\/\\/" in text  # a word joiner: a bare address is no autolink either
    text = text.replace(html_text.WORD_JOINER, "")
    assert "\\*\\*x\\*\\*" in text and "\\[link\\]\\(http\\:\\/\\/evil\\)" in text
    assert "\\:red\\[y\\]" in text and "\\$z\\$" in text


def test_cards_escape_and_keep_the_whole_quote():
    frame = pd.DataFrame({"Date": ["2016-06-29"], "Event": ["held"], "Status": ["—"],
                          "Quote": [HOSTILE * 5], "Source": ["AP <i>"]})  # fmt: skip
    body = html_text.cards(frame, ["Date", "Event", "Status"], "Quote", "Source")
    parsed = _Cells()
    parsed.feed(body)
    assert HOSTILE * 5 in parsed.cells and "AP <i>" in parsed.cells
    assert "2016-06-29 · held" in parsed.cells  # nothing stated is left out of the heading
    assert set(parsed.tags) <= {"div", "b"}


def test_every_figures_scope_of_the_model_is_worded():
    from frontline.model import FIGURE_SCOPES

    assert [labels.value("figures_scope", s) for s in FIGURE_SCOPES] == ["the whole convoy",
                                                                        "this place"]  # fmt: skip
