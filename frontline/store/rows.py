"""Typed frames to SQL values and back, and writing and finding many rows at once: lists as JSON
text, dates as dates, every kind of missing value as NULL. Whole columns at a time, and one
statement however many rows, so a war's 100,000 events convert and land in moments: per-row
work in SQLAlchemy (binding each row's parameters) was most of a 100,000-event import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Sequence
from json.encoder import encode_basestring

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from frontline import model


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


def _sql_list(value: object, memo: dict) -> str:
    """A list cell as JSON text, each distinct list encoded once (a source list is shared by
    thousands of events; its items' types are in the key, as 1 and True are equal)."""
    try:
        key = (tuple(value), tuple(map(type, value))) if isinstance(value, list) else None
        if key in memo:
            return memo[key]
    except TypeError:  # a list of lists: encoded as it comes
        key = None
    text = json.dumps(_python(value) or [], ensure_ascii=False)
    if key is not None:
        memo[key] = text
    return text


def _sql_column(values: pd.Series, kind: str) -> list:
    """A typed column to SQL values (lists as JSON text, dates as dates, missing as None), the
    whole column at once: per-value conversion was most of a 100,000-event load."""
    if kind == "list":
        memo: dict = {}
        return [_sql_list(v, memo) for v in values]
    if kind == "date" and pd.api.types.is_datetime64_any_dtype(values):
        dates = values.dt.date
        return dates.astype(object).where(values.notna(), None).tolist()
    if kind == "date":
        return [_sql_date(v) for v in values]
    if isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
        return values.to_numpy(dtype=object, na_value=None).tolist()
    return values.astype(object).where(values.notna(), None).tolist()


def sql_columns(spec: model.Table, frame: pd.DataFrame) -> dict[str, list]:
    """The frame as SQL values, column by column in the model's order (missing ones None)."""
    return {
        c.name: _sql_column(frame[c.name], c.kind)
        if c.name in frame
        else ["[]" if c.kind == "list" else None] * len(frame)
        for c in spec.columns
    }


def sql_rows(spec: model.Table, frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as SQL values of the model's columns (missing columns as None)."""
    columns = sql_columns(spec, frame)
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def among(conn: Connection, column: sa.ColumnElement, ids: Sequence[str]) -> sa.ColumnElement:
    """`column IN ids` as one bound value however many text ids: a JSON array that SQLite
    unpacks with json_each, an array on PostgreSQL (`= ANY`). Both probe the column's index
    once per id; 200 queries of 500 bound keys each cost seconds in SQLAlchemy alone."""
    if conn.dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(None, list(ids), type_=postgresql.ARRAY(sa.Text)))
    values = sa.func.json_each(json.dumps(list(ids), ensure_ascii=False)).table_valued("value")
    return column.in_(sa.select(values.c.value))


def existing(conn: Connection, table: sa.Table, key: str, ids: list[str]) -> dict[str, dict]:
    """The stored rows among `ids` (deleted ones too)."""
    if not ids or conn.execute(sa.select(table.c[key]).limit(1)).first() is None:
        return {}  # nothing asked, or an empty table (the first load): nothing to look up
    names = [c.name for c in table.columns]
    at = names.index(key)
    query = sa.select(table).where(among(conn, table.c[key], ids))
    return {r[at]: dict(zip(names, r, strict=True)) for r in conn.execute(query).all()}


def insert_many(conn: Connection, table: sa.Table, columns: dict[str, Sequence]) -> None:
    """Insert rows given column by column (name → values) in one statement: PostgreSQL's COPY
    through psycopg, an executemany of plain tuples elsewhere. Values go through the column
    types' own conversions, so the rows read back exactly as SQLAlchemy would have written."""
    if not columns or not len(next(iter(columns.values()))):
        return
    names = list(columns)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        _copy(conn, table, columns)
        return
    marks = ", ".join(_mark(conn) for _ in names)
    sql = f"INSERT INTO {_quoted(conn, table.name)} ({_listed(conn, names)}) VALUES ({marks})"
    bound = [_converted(conn, table.c[n], v) for n, v in columns.items()]
    conn.exec_driver_sql(sql, list(zip(*bound, strict=True)))


def update_many(conn: Connection, table: sa.Table, key: str | Sequence[str],
                names: Sequence[str], rows: Sequence[dict]) -> None:  # fmt: skip
    """Set the `names` columns of each row (dicts holding them and the `key` columns) where
    its key is, in one executemany."""
    if not rows:
        return
    keys = [key] if isinstance(key, str) else list(key)
    sets = ", ".join(f"{_quoted(conn, n)} = {_mark(conn)}" for n in names)
    where = " AND ".join(f"{_quoted(conn, k)} = {_mark(conn)}" for k in keys)
    sql = f"UPDATE {_quoted(conn, table.name)} SET {sets} WHERE {where}"
    values = [[r.get(n) for r in rows] for n in names] + [[r[k] for r in rows] for k in keys]
    bound = [_converted(conn, table.c[n], v) for n, v in zip([*names, *keys], values, strict=True)]
    conn.exec_driver_sql(sql, list(zip(*bound, strict=True)))


# SQL types → (PostgreSQL's binary COPY type, the one Python type its values may have)
_BINARY = ((sa.BigInteger, "int8", int), (sa.Integer, "int4", int), (sa.Float, "float8", float),
           (sa.DateTime, "timestamp", dt.datetime), (sa.Date, "date", dt.date),
           (sa.String, "text", str))  # fmt: skip


def _copy(conn: Connection, table: sa.Table, columns: dict[str, Sequence]) -> None:
    """COPY … FROM STDIN on the transaction's own connection, in the binary format when every
    value is of its column's plain Python type (a third less time than text), else in text;
    a refusal leaves as the SQLAlchemy error the same INSERT would have raised (a repeated
    id: IntegrityError)."""
    import psycopg  # the driver of a postgresql+psycopg URL

    types = _binary_types([table.c[n] for n in columns], list(columns.values()))
    sql = f"COPY {_quoted(conn, table.name)} ({_listed(conn, list(columns))}) FROM STDIN"
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(sql + (" (FORMAT BINARY)" if types else "")) as copy:
            if types:
                copy.set_types(types)
            for row in zip(*columns.values(), strict=True):
                copy.write_row(row)
    except psycopg.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, psycopg.Error,
                                         dialect=conn.dialect) from exc  # fmt: skip
    finally:
        cursor.close()


def _binary_types(columns: list[sa.Column], values: list[Sequence]) -> list[str] | None:
    """Each column's binary COPY type, or None when a value is not exactly its column's
    Python type (an int in a text column, a datetime in a date one: text COPY converts it as
    an INSERT would, binary would refuse it) or a time carries a zone."""
    types = []
    for column, cells in zip(columns, values, strict=True):
        found = next((t for t in _BINARY if isinstance(column.type, t[0])), None)
        if found is None or not all(v is None or type(v) is found[2] for v in cells):
            return None
        if found[2] is dt.datetime and any(v is not None and v.tzinfo for v in cells):
            return None
        types.append(found[1])
    return types


def _converted(conn: Connection, column: sa.Column, values: Sequence) -> Sequence:
    """A column's values through its type's bind conversion (SQLite's dates and times as the
    text SQLAlchemy writes), each distinct value once; as they are where the type has none."""
    convert = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    if convert is None:
        return values
    done: dict = {}
    try:
        return [done[v] if v in done else done.setdefault(v, convert(v)) for v in values]
    except TypeError:  # an unhashable value: converted one by one
        return [convert(v) for v in values]


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _listed(conn: Connection, names: Sequence[str]) -> str:
    return ", ".join(_quoted(conn, n) for n in names)


def json_objects(columns: dict[str, Sequence], default: Callable | None = None,
                 encoded: Collection[str] = ()) -> list[str]:  # fmt: skip
    """`json.dumps(row, ensure_ascii=False, default=default)` of each row of these columns
    (a dict of them in this key order), the same text, made a column at a time: each value
    other than text encoded once, text by the encoder's own function, each row put together
    by one format. The columns named in `encoded` hold JSON text already, written as is."""
    if not columns:
        return []
    form = "{" + ", ".join(encode_basestring(n).replace("%", "%%") + ": %s" for n in columns) + "}"
    cells = [values if name in encoded else _json_values(values, default)
             for name, values in columns.items()]  # fmt: skip
    return [form % parts for parts in zip(*cells, strict=True)]


def _json_values(values: Sequence, default: Callable | None) -> list[str]:
    """Each value as `json.dumps` writes it inside an object, each one but text once."""
    if all(type(v) is str for v in values):  # ids, names, quotes: most columns
        return list(map(encode_basestring, values))
    memo: dict[tuple, str] = {}
    out = []
    for value in values:
        kind = type(value)
        if kind is str:
            out.append(encode_basestring(value))
        elif value is None:
            out.append("null")
        elif kind is float or isinstance(value, list | dict):  # -0.0 == 0.0; lists unhashable
            out.append(json.dumps(value, ensure_ascii=False, default=default))
        else:
            try:
                text = memo.get((kind, value))
            except TypeError:  # unhashable: encoded as it comes
                out.append(_json_value(value, default))
                continue
            if text is None:
                text = memo[(kind, value)] = _json_value(value, default)
            out.append(text)
    return out


def _json_value(value: object, default: Callable | None) -> str:
    """One value as `json.dumps` writes it; a value JSON has no word for (a date) is what the
    encoder makes of `default(value)`, as the encoder itself does (without its set-up cost)."""
    if type(value) is int:
        return int.__repr__(value)
    native = (str, int, float, list, tuple, dict, type(None))
    if default is not None and not isinstance(value, native):
        value = default(value)
        if type(value) is str:
            return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False, default=default)


def from_json(values: list[str | None]) -> list[list]:
    """JSON lists back to lists, each distinct text parsed once (rows share a list until
    `model.typed` gives each its own copy)."""
    parsed: dict[str | None, list] = {}
    for value in values:
        if value not in parsed:
            parsed[value] = json.loads(value or "[]")
    return [parsed[value] for value in values]
