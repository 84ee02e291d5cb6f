"""The audit trail: every create, update, delete and restore, with who, when, why, and the row
before and after it. Written in the same transaction as the change it records."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
from frontline.store.schema import audit_log, store_version


def now() -> dt.datetime:
    """The time of a change, in UTC (stored without a zone, read back as UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def as_json(table: str, row: dict | None) -> str | None:
    """A row as JSON a person can read: list columns as lists, not as their JSON text."""
    if row is None:
        return None
    spec = model.TABLES.get(table)
    lists = {c.name for c in spec.columns if c.kind == "list"} if spec else set()
    plain = {k: json.loads(v) if k in lists and isinstance(v, str) else v for k, v in row.items()}
    return json.dumps(plain, default=_iso, ensure_ascii=False)


def _iso(value: object) -> str:
    """Times as ISO text in UTC (as `at` is), dates as ISO dates."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC).isoformat(timespec="seconds")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def entry(table: str, row_id: str, action: str, by: str, at: dt.datetime,
          before: dict | None, after: dict | None, reason: str | None = None) -> dict:  # fmt: skip
    """One audit row, ready for a bulk insert."""
    return {"table_name": table, "row_id": row_id, "action": action, "actor": by, "at": at,
            "before": as_json(table, before), "after": as_json(table, after),
            "reason": reason}  # fmt: skip


def write(conn: Connection, entries: list[dict]) -> None:
    """Record changes and move the store's version. The counter's row lock makes concurrent
    writers on PostgreSQL move it in the order they commit."""
    if entries:
        conn.execute(audit_log.insert(), entries)
        conn.execute(store_version.update().values(n=store_version.c.n + 1))


def entries(
    conn: Connection, row_id: str | None = None, table: str | None = None, limit: int | None = None
) -> list[dict]:
    """Audit entries, oldest first (the newest `limit` when given): of one record id, of one
    table, or of everything. `before` and `after` come back as dicts."""
    query = sa.select(audit_log)
    if row_id is not None:
        query = query.where(audit_log.c.row_id == row_id)
    if table is not None:
        query = query.where(audit_log.c.table_name == table)
    query = query.order_by(audit_log.c.audit_id.desc())
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query).mappings())[::-1]
    return [_readable(r) for r in rows]


def _readable(row: sa.RowMapping) -> dict:
    return {
        "audit_id": row["audit_id"],
        "action": row["action"],
        "table": row["table_name"],
        "id": row["row_id"],
        "by": row["actor"],
        "at": row["at"].replace(tzinfo=dt.UTC).isoformat(timespec="seconds"),
        "reason": row["reason"],
        "before": None if row["before"] is None else json.loads(row["before"]),
        "after": None if row["after"] is None else json.loads(row["after"]),
    }


def created_by(conn: Connection, table: str, by: str) -> set[str]:
    """Ids of the rows of `table` that `by` created (data/ retires only its own rows)."""
    query = sa.select(audit_log.c.row_id).where(
        audit_log.c.table_name == table, audit_log.c.actor == by, audit_log.c.action == "create"
    )
    return {r for (r,) in conn.execute(query)}


def version(conn: Connection) -> int:
    """A number that moves with every committed change: caches keyed by it never serve stale
    data."""
    return conn.execute(sa.select(store_version.c.n)).scalar() or 0
