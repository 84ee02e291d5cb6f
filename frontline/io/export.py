"""Tables out as JSON records or CSV, with dates as ISO text and lists kept as lists (JSON) or
';'-joined (CSV), and missing values as null/empty — never NaN."""

from __future__ import annotations

import io
import json

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


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=2)


def to_csv(frame: pd.DataFrame) -> str:
    rows = [
        {k: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()}
        for r in records(frame)
    ]
    return pd.DataFrame(rows, columns=frame.columns).to_csv(index=False, lineterminator="\n")


def to_excel(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An .xlsx workbook (openpyxl) with the same cells as the CSV export."""
    buffer = io.BytesIO()
    rows = pd.read_csv(io.StringIO(to_csv(frame)), dtype=str, keep_default_na=False)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        rows.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()
