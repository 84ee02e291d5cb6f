"""Issue 13 leftover: HXL dates beyond ISO (frontline.imports.hxl_dates). Each form HDX files
write is read at its precision; day or month first is decided per column (a first number
above 12: day first; a second: month first; both: refused naming file, rows and column;
neither: day first); a date that does not exist is refused with its row; a two-digit year is
not guessed. One file through the real import into a SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontline import registry, store
from frontline.dates import parse_partial
from frontline.errors import DataError, ValidationError
from frontline.imports import batch, hxl_dates, hxl_sheet
from frontline.imports import hxl as hxl_import
from frontline.seeding import open_store

HEADER = "Date,Location,P-code,Agencies,Trucks,First since\n"
HASHTAGS = "#date,#loc+name,#loc+code,#org+name,#indicator+trucks,#date+first_since\n"


def _file(tmp_path: Path, dates: list[str], first_since: list[str] | None = None,
          name: str = "convoys.csv") -> Path:  # fmt: skip
    """An HXL deliveries file of one Madaya convoy per date (row 3 is the first), of 101,
    102 … trucks."""
    since = first_since or [""] * len(dates)
    rows = "".join(f'"{d}",Madaya,C2450,WFP,{n + 101},"{s}"\n'
                   for n, (d, s) in enumerate(zip(dates, since, strict=True)))  # fmt: skip
    path = tmp_path / name
    path.write_text(HEADER + HASHTAGS + rows, encoding="utf-8")
    return path


def _dates(tmp_path: Path, dates: list[str], field: str = "date",
           **kw) -> tuple[list[str], list[DataError]]:  # fmt: skip
    sheet = hxl_sheet.load(_file(tmp_path, dates, **kw), "deliveries")
    errors = hxl_dates.normalise(sheet)
    return sheet.cells[field].tolist(), errors


@pytest.mark.parametrize(
    ("written", "iso", "precision"),
    [
        ("15/03/2016", "2016-03-15", "day"),
        ("15-03-2016", "2016-03-15", "day"),
        ("15.03.2016", "2016-03-15", "day"),
        ("2016/03/15", "2016-03-15", "day"),
        ("2016/3/5", "2016-03-05", "day"),
        ("15 March 2016", "2016-03-15", "day"),
        ("15 Mar 2016", "2016-03-15", "day"),
        ("15-Mar-2016", "2016-03-15", "day"),
        ("15th Sept 2016", "2016-09-15", "day"),
        ("March 15, 2016", "2016-03-15", "day"),
        ("15/03/2016 10:30", "2016-03-15", "day"),
        ("March 2016", "2016-03", "month"),
        ("mar 2016", "2016-03", "month"),
        ("03/2016", "2016-03", "month"),
        ("2016/03", "2016-03", "month"),
    ],
)
def test_each_form_is_read_at_its_precision(tmp_path, written, iso, precision):
    values, errors = _dates(tmp_path, [written])
    assert (values, errors) == ([iso], [])
    assert parse_partial(values[0])[1] == precision


def test_iso_cells_stay_exactly_as_written(tmp_path):
    iso = ["2016-03-15", "2016-03", "2016", "2016-03-15T10:00:00"]
    assert _dates(tmp_path, iso) == (iso, [])


@pytest.mark.parametrize("written", ["Mar-16", "15/03/16", "15 March", "15 Marzo 2016", "soon"])
def test_what_cannot_be_told_apart_is_left_for_the_check_to_refuse(tmp_path, written):
    assert _dates(tmp_path, [written]) == ([written], [])


def test_a_day_first_column(tmp_path):
    values, errors = _dates(tmp_path, ["01/02/2016", "15/03/2016", "2016-04-01"])
    assert (values, errors) == (["2016-02-01", "2016-03-15", "2016-04-01"], [])


def test_a_month_first_column(tmp_path):
    values, errors = _dates(tmp_path, ["01/02/2016", "03/15/2016", "12/31/2016"])
    assert (values, errors) == (["2016-01-02", "2016-03-15", "2016-12-31"], [])


def test_a_column_that_says_neither_is_read_day_first(tmp_path):
    values, errors = _dates(tmp_path, ["01/02/2016", "11/01/2016"])
    assert (values, errors) == (["2016-02-01", "2016-01-11"], [])


def test_each_column_decides_its_own_order(tmp_path):
    sheet = hxl_sheet.load(_file(tmp_path, ["01/02/2016", "03/15/2016"],
                                 first_since=["01/02/2015", "15/03/2015"]), "deliveries")
    assert hxl_dates.normalise(sheet) == []
    assert sheet.cells["date"].tolist() == ["2016-01-02", "2016-03-15"], "month first"
    assert sheet.cells["reported_first_since"].tolist() == ["2015-02-01", "2015-03-15"]


def test_a_column_written_both_ways_is_refused_naming_file_rows_and_column(tmp_path):
    _, errors = _dates(tmp_path, ["01/02/2016", "15/03/2016", "2016-04-01", "03/15/2016"])
    assert [(e.row, e.field) for e in errors] == [(6, "#date")]
    assert errors[0].file.endswith("convoys.csv")
    assert "15/03/2016, row 4" in errors[0].reason and "03/15/2016, row 6" in errors[0].reason


def test_a_date_that_does_not_exist_is_refused_with_its_row(tmp_path):
    values, errors = _dates(tmp_path, ["01/02/2016", "31/02/2016", "2016-02-30", "31 Apr 2016"])
    assert [(e.row, e.field) for e in errors] == [(4, "#date"), (5, "#date"), (6, "#date")]
    assert "February 2016 has no day 31" in errors[0].reason and "day first" in errors[0].reason
    assert "April 2016 has no day 31" in errors[2].reason
    assert values[1:] == ["31/02/2016", "2016-02-30", "31 Apr 2016"], "left as written"
    _, errors = _dates(tmp_path, ["02/13/2016", "01/13/2016"])
    assert errors == [], "month first: 13 is the day"
    _, errors = _dates(tmp_path, ["03/2016", "13/2016"])
    assert [(e.row, e.field) for e in errors] == [(4, "#date")] and "no month 13" in str(errors)


def _import(path: Path, settings, engine) -> batch.Summary:
    read = hxl_import.read(path, "deliveries", settings, engine,
                           registry.geocoder(settings, engine))  # fmt: skip
    return batch.run(read, settings, engine, "Analyst A")


def test_an_hdx_file_of_other_dates_imports_into_a_store(tmp_path, settings):
    engine = open_store(settings)
    assert settings.database_url.startswith("sqlite")
    before = len(store.read_tables(engine)["aid_deliveries"])
    path = _file(tmp_path, ["15/01/2016", "March 2016", "1 April 2016"],
                 first_since=["01/10/2015", "", ""], name="hdx_convoys.csv")  # fmt: skip
    summary = _import(path, settings, engine)
    assert summary.counts["aid_deliveries"]["added"] == 3
    stored = store.read_tables(engine)["aid_deliveries"]
    mine = stored[stored["trucks"].isin([101, 102, 103])].sort_values("trucks")
    assert len(stored) == before + 3
    assert [d.date().isoformat() for d in mine["date"]] == ["2016-01-15", "2016-03-01",
                                                          "2016-04-01"]  # fmt: skip
    assert list(mine["date_precision"]) == ["day", "month", "day"]
    assert mine["reported_first_since"].iloc[0].date().isoformat() == "2015-10-01", "day first"
    assert _import(path, settings, engine).left_alone == 3, "read the same way again"
    bad = _file(tmp_path, ["15/01/2016", "01/15/2016"], name="both_ways.csv")
    with pytest.raises(DataError) as refused:
        _import(bad, settings, engine)
    assert not isinstance(refused.value, ValidationError)
    assert (refused.value.row, refused.value.field) == (4, "#date")
    assert refused.value.file.endswith("both_ways.csv")
    assert len(store.read_tables(engine)["aid_deliveries"]) == before + 3, "nothing written"


def test_a_list_of_sources_dates_is_read_item_by_item(tmp_path):
    """`source_date` holds one date per source: each item rewritten, the order decided over
    all of them (15/03 makes the column day first, so 03/04 is the 3rd of April)."""
    path = tmp_path / "sourced.csv"
    path.write_text("Date,Location,Trucks,Source,Source date\n"
                    "#date,#loc+name,#indicator+trucks,#meta+source,#meta+source+date\n"
                    '2016-03-20,Madaya,10,"AP;Reuters","15/03/2016;03/04/2016"\n'
                    '2016-03-21,Madaya,11,"AP",2016-03-21\n', encoding="utf-8")  # fmt: skip
    sheet = hxl_sheet.load(path, "deliveries")
    assert hxl_dates.normalise(sheet) == []
    assert sheet.cells["source_date"].tolist() == ["2016-03-15;2016-04-03", "2016-03-21"]
    path.write_text(path.read_text(encoding="utf-8").replace("03/04/2016", "31/02/2016"),
                    encoding="utf-8")  # fmt: skip
    sheet = hxl_sheet.load(path, "deliveries")
    [error] = hxl_dates.normalise(sheet)
    assert (error.row, error.field) == (3, "#meta+source+date") and "31/02/2016" in str(error)
