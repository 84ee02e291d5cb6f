"""Which live records cite which: read off the model's `references`, so one rule decides what
may be deleted (nothing others still cite) and restored (nothing it cites is deleted)."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
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
        test = sql.c[column].contains(json.dumps(row_id)) if is_list else sql.c[column] == row_id
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


def dead_targets(conn: Connection, table: str, row: dict) -> list[str]:
    """The records `row` cites that are deleted or missing, as 'table id'."""
    dead = []
    for column in model.TABLES[table].columns:
        if not column.references:
            continue
        target, key = column.references.split(".")
        ids = _values(row[column.name], column.kind == "list")
        if not ids:
            continue
        sql = SQL_TABLES[target]
        query = sa.select(sql.c[key]).where(sql.c[key].in_(ids), live(sql))
        alive = {r for (r,) in conn.execute(query)}
        dead += [f"{target} {i}" for i in ids if i not in alive]
    return dead
