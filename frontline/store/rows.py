"""Typed frames to SQL values and back: lists as JSON text, dates as dates, every kind of
missing value as NULL. Whole columns at a time, so a war's 100,000 events convert in moments."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model

KEYS_PER_QUERY = 500


def _python(value: object) -> object:
    """A plain Python value: None for every kind of missing value, numpy scalars unwrapped."""
    if isinstance(value, list | tuple):
        return [_python(v) for v in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _sql_date(value: object) -> dt.date | None:
    value = None if value is pd.NaT else value  # NaT is a datetime too
    if isinstance(value, dt.datetime):  # a Timestamp too
        return value.date()
    value = _python(value)
    if value is None or type(value) is dt.date:
        return value
    return dt.date.fromisoformat(str(value))


def _sql_column(values: pd.Series, kind: str) -> list:
    """A typed column to SQL values (lists as JSON text, dates as dates, missing as None), the
    whole column at once: per-value conversion was most of a 100,000-event load."""
    if kind == "list":
        return [json.dumps(_python(v) or [], ensure_ascii=False) for v in values]
    if kind == "date" and pd.api.types.is_datetime64_any_dtype(values):
        dates = values.dt.date
        return dates.astype(object).where(values.notna(), None).tolist()
    if kind == "date":
        return [_sql_date(v) for v in values]
    if isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
        return values.to_numpy(dtype=object, na_value=None).tolist()
    return values.astype(object).where(values.notna(), None).tolist()


def sql_rows(spec: model.Table, frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as SQL values of the model's columns (missing columns as None)."""
    columns = {
        c.name: _sql_column(frame[c.name], c.kind)
        if c.name in frame
        else ["[]" if c.kind == "list" else None] * len(frame)
        for c in spec.columns
    }
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def existing(conn: Connection, table: sa.Table, key: str, ids: list[str]) -> dict[str, dict]:
    """The stored rows among `ids` (deleted ones too), a few hundred keys a query."""
    found: dict[str, dict] = {}
    if conn.execute(sa.select(table.c[key]).limit(1)).first() is None:
        return found  # an empty table (the first load): nothing to look up
    names = [c.name for c in table.columns]
    at = names.index(key)
    for start in range(0, len(ids), KEYS_PER_QUERY):
        query = sa.select(table).where(table.c[key].in_(ids[start : start + KEYS_PER_QUERY]))
        found.update({r[at]: dict(zip(names, r, strict=True)) for r in conn.execute(query).all()})
    return found


def from_json(values: list[str | None]) -> list[list]:
    """JSON lists back to lists, each distinct text parsed once (rows share a list until
    `model.typed` gives each its own copy)."""
    parsed: dict[str | None, list] = {}
    for value in values:
        if value not in parsed:
            parsed[value] = json.loads(value or "[]")
    return [parsed[value] for value in values]
