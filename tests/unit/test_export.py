import datetime as dt
import io

import openpyxl
import pandas as pd

from frontline import charts, report
from frontline.io import export


def _sheet(frame: pd.DataFrame) -> dict[str, list]:
    """The workbook's cells by header, as openpyxl reads them back."""
    ws = openpyxl.load_workbook(io.BytesIO(export.to_excel(frame))).active
    header, *rows = list(ws.iter_rows())
    return {h.value: [r[i] for r in rows] for i, h in enumerate(header)}


def test_excel_has_the_csv_columns_and_text(seed):
    rows = report.deliveries(seed)
    cells = _sheet(rows)
    csv = pd.read_csv(io.StringIO(export.to_csv(rows)), dtype=str, keep_default_na=False)
    assert list(cells) == list(csv.columns)  # machine names, as scripts read them
    assert "Syrian Arab Red Crescent" in cells["organisations"][0].value
    assert [c.value for c in cells["delivery_id"]] == csv["delivery_id"].tolist()


def test_excel_numbers_are_numbers_and_whole_numbers_integers(seed):
    cells = _sheet(report.deliveries(seed))
    trucks = [c for c in cells["trucks"] if c.value is not None]
    assert trucks and all(c.data_type == "n" and c.value == 37 for c in trucks)
    assert all(isinstance(c.value, int) for c in trucks)  # 37, never "37.0"
    assert all(c.data_type == "n" for c in cells["lat"])


def test_excel_dates_are_dates_shown_only_as_precisely_as_known(seed):
    rows = report.deliveries(seed)
    cells = _sheet(rows)
    first_since = [c for c in cells["reported_first_since"] if c.value is not None]
    assert first_since and all(c.is_date and c.value.date() == dt.date(2012, 1, 1)
                               for c in first_since)  # fmt: skip
    assert {c.number_format for c in first_since} == {"yyyy"}  # reads 2012, not 2012-01-01
    assert {c.value for c in cells["reported_first_since_precision"] if c.value} == {"year"}
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in cells["date"])


def test_excel_text_that_looks_like_a_formula_stays_text():
    frame = pd.DataFrame({"quote": ['=HYPERLINK("http://evil","x")', "+1", "-2+3", "@SUM(A1)",
                                    "plain"], "trucks": [1, 2, 3, 4, 5]})  # fmt: skip
    cells = _sheet(frame)
    assert [c.value for c in cells["quote"]] == frame["quote"].tolist()
    assert all(c.data_type == "s" for c in cells["quote"])
    assert [c.quotePrefix for c in cells["quote"]] == [True, True, True, True, False]


def test_csv_text_that_looks_like_a_formula_is_neutralised():
    """A spreadsheet opening the CSV shows these as text, never runs them; numbers stay."""
    quotes = ['=cmd|\' /C calc\'!A0', '=HYPERLINK("http://evil","x")', "+1", "-2+3",
              "@SUM(A1)", "\tx", "plain", "a=b"]  # fmt: skip
    frame = pd.DataFrame({"quote": quotes, "trucks": [-1, 2, 3, 4, 5, 6, 7, 8],
                          "items": [["=1", "food"]] + [[]] * 7})  # fmt: skip
    back = pd.read_csv(io.StringIO(export.to_csv(frame)), dtype=str, keep_default_na=False)
    assert back["quote"].tolist() == [f"'{q}" for q in quotes[:6]] + ["plain", "a=b"]
    assert back["trucks"].tolist()[:2] == ["-1", "2"]  # a number is never text
    assert back["items"][0] == "'=1;food"


def test_excel_takes_any_text_and_says_where_it_cut():
    """A Word soft return or another control character never breaks the download; a quote
    longer than a cell holds is cut with a word, not silently."""
    long = "word " * 20_000  # 100,000 characters
    frame = pd.DataFrame({"quote": ["line\x0bbreak", "bell\x07", long, "plain"]})
    cells = [c.value for c in _sheet(frame)["quote"]]
    assert cells[0] == "line\nbreak" and cells[1] == "bell\ufffd" and cells[3] == "plain"
    assert len(cells[2]) == export.EXCEL_CELL_CHARS
    assert cells[2].startswith("word word") and cells[2].endswith(
        "[…cut: Excel holds 32,767 characters of 100,000; the CSV has all]")


def test_json_has_no_nan(seed):
    text = export.to_json(report.deliveries(seed))
    assert "NaN" not in text and '"origin": null' in text


def test_timeline_has_a_point_per_delivery(seed):
    spec = charts.deliveries_timeline(report.deliveries(seed)).to_dict()
    values = [v for rows in spec["datasets"].values() for v in rows]  # one dataset per layer
    assert len(values) == 3 and {v["destination"] for v in values} >= {"west Harasta"}
