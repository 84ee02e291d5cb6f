"""The embedded store: SQLAlchemy Core over SQLite by default, any SQLAlchemy URL otherwise.

The SQL schema is generated from `frontline.model`, so the two cannot drift apart. Loading is a
transaction: all rows land or none do. Rows are keyed by their stable ids, so loading the same
data twice adds nothing; a row whose content changed is updated. `audit_log` records every insert
and update with who made it, when, and the row as it was before (nothing is overwritten without a
trace).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline import model

SCHEMA_VERSION = 1
LOAD_ORDER = ("sources", "actors", "places", "control_events", "aid_deliveries")
_SQL_TYPES = {
    "str": sa.Text,
    "choice": sa.Text,
    "precision": sa.Text,
    "list": sa.Text,
    "int": sa.BigInteger,
    "float": sa.Float,
    "date": sa.Date,
}

metadata = sa.MetaData()
SQL_TABLES = {
    name: sa.Table(
        name,
        metadata,
        *(
            sa.Column(
                c.name,
                _SQL_TYPES[c.kind](),
                primary_key=c.name == spec.key,
                nullable=not c.required,
            )
            for c in spec.columns
        ),
    )
    for name, spec in model.TABLES.items()
}
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("row_id", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),  # insert | update | delete
    sa.Column("actor", sa.Text, nullable=False),  # who: a person's name, or "data/" for loads
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("before", sa.Text),  # the row before an update or a delete, as JSON
)
_KEYS_PER_QUERY = 500
schema_info = sa.Table("schema_info", metadata, sa.Column("version", sa.Integer, primary_key=True))


def connect(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created if missing."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(url)


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)
    with engine.begin() as conn:
        if conn.execute(sa.select(schema_info.c.version)).first() is None:
            conn.execute(schema_info.insert().values(version=SCHEMA_VERSION))


def is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not any(conn.execute(sa.select(t).limit(1)).first() for t in SQL_TABLES.values())


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
    """A typed column to SQL values (lists as JSON text, dates as dates), all at once."""
    if kind == "list":
        return [json.dumps(_python(v) or [], ensure_ascii=False) for v in values]
    if kind == "date":
        return [_sql_date(v) for v in values]
    return [_python(v) for v in values.tolist()]


def _sql_rows(spec: model.Table, frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as SQL values (missing columns as None)."""
    columns = {
        c.name: _sql_column(frame[c.name], c.kind)
        if c.name in frame
        else ["[]" if c.kind == "list" else None] * len(frame)
        for c in spec.columns
    }
    names = list(columns)
    rows = zip(*columns.values(), strict=True)
    return [dict(zip(names, values, strict=True)) for values in rows]


def _existing(conn: Connection, table: sa.Table, key: str, ids: list[str]) -> dict[str, dict]:
    """The stored rows among `ids`, fetched a few hundred keys at a time."""
    found: dict[str, dict] = {}
    if conn.execute(sa.select(table.c[key]).limit(1)).first() is None:
        return found  # an empty table (the first load): nothing to look up
    for start in range(0, len(ids), _KEYS_PER_QUERY):
        chunk = ids[start : start + _KEYS_PER_QUERY]
        query = sa.select(table).where(table.c[key].in_(chunk))
        found.update({r[key]: dict(r) for r in conn.execute(query).mappings()})
    return found


def _upsert(conn: Connection, spec: model.Table, frame: pd.DataFrame, actor: str) -> dict[str, int]:
    table = SQL_TABLES[spec.name]
    rows = _sql_rows(spec, frame)
    existing = _existing(conn, table, spec.key, [r[spec.key] for r in rows])
    counts = {"added": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    audit = {"table_name": spec.name, "actor": actor,
             "at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}  # fmt: skip
    inserts, updates, log = [], [], []
    for row in rows:
        row_id, before = row[spec.key], existing.get(row[spec.key])
        if before == row:
            counts["unchanged"] += 1
        elif before is None:
            inserts.append(row)
            log.append({**audit, "row_id": row_id, "action": "insert", "before": None})
            counts["added"] += 1
        else:
            updates.append({**row, "_key": row_id})
            old = json.dumps(before, default=str, ensure_ascii=False)
            log.append({**audit, "row_id": row_id, "action": "update", "before": old})
            counts["updated"] += 1
    # executemany: one statement per kind of change, not one per row (the same rows, the same
    # audit entries in the same order; a failing row still fails the whole load)
    if inserts:
        conn.execute(table.insert(), inserts)
    if updates:
        statement = (
            table.update()
            .where(table.c[spec.key] == sa.bindparam("_key"))
            .values({c.name: sa.bindparam(c.name) for c in table.columns})
        )
        conn.execute(statement, updates)
    if log:
        conn.execute(audit_log.insert(), log)
    return counts


def _prune(conn: Connection, spec: model.Table, frame: pd.DataFrame, actor: str) -> int:
    """Delete the rows `actor` once inserted that `frame` no longer has (a fact taken out of
    data/); rows others entered stay. Each deletion is audited with the row as it was."""
    table = SQL_TABLES[spec.name]
    query = sa.select(audit_log.c.row_id).where(
        audit_log.c.table_name == spec.name, audit_log.c.actor == actor,
        audit_log.c.action == "insert")  # fmt: skip
    gone = {r for (r,) in conn.execute(query)} - set(frame[spec.key])
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stale = _existing(conn, table, spec.key, sorted(gone))
    for row_id, before in stale.items():
        conn.execute(table.delete().where(table.c[spec.key] == row_id))
        conn.execute(audit_log.insert().values(
            table_name=spec.name, actor=actor, at=now, row_id=row_id, action="delete",
            before=json.dumps(before, default=str, ensure_ascii=False)))  # fmt: skip
    return len(stale)


def load(
    engine: Engine, tables: dict[str, pd.DataFrame], actor: str = "data/", prune: bool = False
) -> dict[str, dict[str, int]]:
    """Load checked tables in one transaction, as `actor`: added/updated/unchanged (and, with
    `prune`, deleted: rows `actor` loaded before that the tables no longer hold) per table."""
    with engine.begin() as conn:
        counts = {}
        for name in (n for n in LOAD_ORDER if n in tables):
            counts[name] = _upsert(conn, model.TABLES[name], tables[name], actor)
            if prune:
                counts[name]["deleted"] = _prune(conn, model.TABLES[name], tables[name], actor)
        return counts


def read_tables(engine: Engine) -> dict[str, pd.DataFrame]:
    """Every table as a typed DataFrame, as the engines expect them."""
    out = {}
    with engine.connect() as conn:
        for name, spec in model.TABLES.items():
            rows = conn.execute(sa.select(*(SQL_TABLES[name].c[n] for n in spec.names))).all()
            columns = dict(zip(spec.names, map(list, zip(*rows, strict=True)), strict=True))
            for column in spec.columns:
                if column.kind == "list" and rows:
                    columns[column.name] = _from_json(columns[column.name])
            frame = pd.DataFrame(columns or None, columns=spec.names, dtype=object)
            out[name] = model.typed(spec, frame)
    return out


def _from_json(values: list[str | None]) -> list[list]:
    """JSON lists back to lists, each distinct text parsed once (rows share a list until
    `model.typed` gives each its own copy)."""
    parsed: dict[str | None, list] = {}
    for value in values:
        if value not in parsed:
            parsed[value] = json.loads(value or "[]")
    return [parsed[value] for value in values]


def version(engine: Engine) -> int:
    """A number that grows with every change to the store (the newest audit entry): caches of
    tables and of anything computed from them are keyed by it, so they never serve stale data."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(audit_log.c.audit_id))).scalar() or 0
