"""Which live records cite which: read off the model's `references`, so one rule decides what
may be deleted (nothing others still cite) and restored (nothing it cites is deleted)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
from frontline.store.rows import among
from frontline.store.schema import SQL_TABLES, live

# target table → (citing table, column, is a list column)
INCOMING: dict[str, list[tuple[str, str, bool]]] = {}
for _spec in model.TABLES.values():
    for _column in _spec.columns:
        if _column.references:
            _target = _column.references.split(".")[0]
            INCOMING.setdefault(_target, []).append(
                (_spec.name, _column.name, _column.kind == "list")
            )


def _values(text_or_value: object, is_list: bool) -> list:
    if text_or_value is None:
        return []
    return json.loads(text_or_value) if is_list else [text_or_value]


def citing(conn: Connection, table: str, row_id: str, limit: int = 5) -> list[str]:
    """Up to `limit` live records that cite `row_id` of `table`, as 'table id'."""
    found: list[str] = []
    for source, column, is_list in INCOMING.get(table, []):
        sql = SQL_TABLES[source]
        key = sql.c[model.TABLES[source].key]
        # the JSON text as stored (non-ASCII kept), LIKE's wildcards and escapes taken literally
        needle = json.dumps(row_id, ensure_ascii=False)
        test = (sql.c[column].contains(needle, autoescape=True) if is_list
                else sql.c[column] == row_id)  # fmt: skip
        query = sa.select(key, sql.c[column]).where(live(sql), test)
        for other, value in conn.execute(query):
            if row_id in _values(value, is_list) and (source, other) != (table, row_id):
                found.append(f"{model.TABLES[source].name} {other}")
    return found[:limit]


def cited(conn: Connection, table: str) -> set[str]:
    """Every id of `table` that some live record cites."""
    out: set[str] = set()
    for source, column, is_list in INCOMING.get(table, []):
        sql = SQL_TABLES[source]
        query = sa.select(sql.c[column]).where(live(sql)).distinct()
        for (value,) in conn.execute(query):
            out.update(_values(value, is_list))
    return out


def dead_citations(conn: Connection, table: str, rows: list[dict], limit: int = 5) -> list[str]:
    """What `rows` of `table` (SQL values) cite that is deleted or missing, as
    'table id cites target id', at most `limit`; a few queries however many rows."""
    spec = model.TABLES[table]
    names = [spec.key, *(c.name for c in spec.columns if c.references)]
    return dead_citations_in(conn, table, {n: [r[n] for r in rows] for n in names}, limit)


def dead_citations_in(conn: Connection, table: str, columns: Mapping[str, Sequence],
                      limit: int = 5) -> list[str]:  # fmt: skip
    """`dead_citations` of rows given column by column (SQL values): one query per cited
    table, each list text read once."""
    dead: list[str] = []
    keys = columns[model.TABLES[table].key]
    for column in model.TABLES[table].columns:
        if not column.references:
            continue
        target, key = column.references.split(".")
        cited_by = _cited_by(columns[column.name], keys, column.kind == "list")
        alive = _live_ids(conn, SQL_TABLES[target], key, sorted(cited_by))
        dead += [f"{table} {cited_by[i]} cites {target} {i}" for i in cited_by if i not in alive]
    return dead[:limit]


def _cited_by(values: Sequence, keys: Sequence, is_list: bool) -> dict:
    """Each id these values cite → the first row citing it."""
    cited_by: dict = {}
    parsed: dict = {}
    for value, row_id in zip(values, keys, strict=True):
        if value is None:
            continue
        if not is_list:
            cited_by.setdefault(value, row_id)
            continue
        if value not in parsed:
            parsed[value] = _values(value, True)
        for one in parsed[value]:
            cited_by.setdefault(one, row_id)
    return cited_by


def _live_ids(conn: Connection, table: sa.Table, key: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    query = sa.select(table.c[key]).where(among(conn, table.c[key], ids), live(table))
    return {r for (r,) in conn.execute(query)}
