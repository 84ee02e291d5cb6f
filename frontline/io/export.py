"""Tables out as JSON records or CSV, with dates as ISO text and lists kept as lists (JSON) or
';'-joined (CSV), and missing values as null/empty — never NaN."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd

from frontline.model import LIST_SEPARATOR


def _plain(value: object) -> object:
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Plain Python records, ready for json.dumps."""
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def to_json(value: pd.DataFrame | dict | list) -> str:
    """The one way Frontline writes JSON: a frame as plain records (None for every missing
    value, dates as ISO text), and `allow_nan=False`, so a NaN or Infinity that slipped
    through is an error here rather than output no JSON parser accepts."""
    plain = records(value) if isinstance(value, pd.DataFrame) else value
    return json.dumps(plain, ensure_ascii=False, indent=2, allow_nan=False)


def to_csv(frame: pd.DataFrame) -> str:
    """CSV of `frame`: lists ';'-joined, nothing missing written as NaN, and text a spreadsheet
    would run as a formula (`=cmd|…`, `+`, `-`, `@`, a tab or return first) behind an apostrophe,
    as OWASP advises for CSV injection: Excel then shows the text, and a script sees the "'"."""
    rows = [{k: _csv_value(v) for k, v in r.items()} for r in records(frame)]
    # object cells: a whole-number column with a gap (Int64 days without aid) stays "16", not 16.0
    table = pd.DataFrame(rows, columns=frame.columns, dtype=object)
    return table.to_csv(index=False, lineterminator="\n")


def to_excel(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An .xlsx workbook (openpyxl) of `frame` with typed cells, as a spreadsheet reads them:
    numbers as numbers (whole numbers as integers), dates as dates shown only as precisely as
    their `<column>_precision` beside them says (a year-only date reads 2012), lists joined
    with ';' (the CSV's rule), and text that a spreadsheet would take for a formula kept text."""
    from openpyxl import Workbook  # an extra's import: only when a workbook is asked for

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]  # Excel's limit
    ws.append([str(c) for c in frame.columns])
    precisions = {c: frame[f"{c}_precision"] for c in frame.columns
                  if f"{c}_precision" in frame.columns}  # fmt: skip
    for r, row in enumerate(records(frame), start=2):
        for c, (name, value) in enumerate(row.items(), start=1):
            cell = ws.cell(row=r, column=c, value=_excel_value(value, name in precisions))
            if name in precisions and isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMATS.get(precisions[name].iloc[r - 2], "yyyy-mm-dd")
            elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # never a formula
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


DATE_FORMATS = {"year": "yyyy", "month": "yyyy-mm", "week": "yyyy-mm-dd", "day": "yyyy-mm-dd"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel and others read as a formula


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


EXCEL_CELL_CHARS = 32_767  # the most text an Excel cell holds
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what a worksheet cannot hold


def _excel_value(value: object, dated: bool) -> object:
    """A record's value as an Excel cell takes it: ISO dates of dated columns as dates, lists
    joined, numbers as they are, text made writable (`_excel_text`)."""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    if dated and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return _excel_text(value) if isinstance(value, str) else value


def _excel_text(text: str) -> str:
    """Text an Excel cell can hold, so that one odd quote never breaks a download: Word's soft
    return (vertical tab) and a form feed become line breaks, any other control character a
    visible '�'; text past Excel's 32,767 characters is cut, and the cell says so."""
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    text = _CONTROL.sub("\ufffd", text)
    if len(text) <= EXCEL_CELL_CHARS:
        return text
    note = f" […cut: Excel holds {EXCEL_CELL_CHARS:,} characters of {len(text):,}; the CSV has all]"
    return text[: EXCEL_CELL_CHARS - len(note)] + note
