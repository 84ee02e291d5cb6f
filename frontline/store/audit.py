"""The audit trail: every create, update, delete and restore, with who, when, why, and the row
before and after it. Written in the same transaction as the change it records."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
from frontline.store.rows import insert_many, json_objects
from frontline.store.schema import SOFT_DELETE, audit_log, store_version

MARKS = frozenset(SOFT_DELETE)
COLUMNS = ("table_name", "row_id", "action", "actor", "at", "before", "after", "reason")


def now() -> dt.datetime:
    """The time of a change, in UTC (stored without a zone, read back as UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _lists(table: str) -> set[str]:
    spec = model.TABLES.get(table)
    return {c.name for c in spec.columns if c.kind == "list"} if spec else set()


def as_json(table: str, row: dict | None) -> str | None:
    """A row as JSON a person can read: list columns as lists, not as their JSON text."""
    if row is None:
        return None
    lists = _lists(table)
    plain = {k: json.loads(v) if k in lists and isinstance(v, str) else v for k, v in row.items()}
    return json.dumps(plain, default=_iso, ensure_ascii=False)


def as_json_columns(table: str, columns: dict[str, Sequence]) -> list[str]:
    """`as_json` of each row of these columns (a dict of them in this key order), the same
    text, a column at a time: a 100,000-row import encodes its trail in a moment, not in
    seconds. A list column's distinct texts are read and written back once each."""
    lists = _lists(table) & set(columns)
    plain = {name: _lists_as_json(values) if name in lists else values
             for name, values in columns.items()}  # fmt: skip
    return json_objects(plain, default=_iso, encoded=lists)


def _lists_as_json(values: Sequence) -> list[str]:
    """A list column's cells as `as_json` writes them: a text parsed and encoded back."""
    memo: dict[str, str] = {}
    out = []
    for value in values:
        if isinstance(value, str):
            if value not in memo:
                memo[value] = json.dumps(json.loads(value), default=_iso, ensure_ascii=False)
            out.append(memo[value])
        else:
            out.append(json.dumps(value, default=_iso, ensure_ascii=False))
    return out


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


Trail = dict[str, list]  # COLUMNS → one value per entry: many entries, ready for one insert


def trail(table: str, row_ids: Sequence[str], actions: Sequence[str], by: str,
          at: dt.datetime, before: dict[str, Sequence] | None, after: dict[str, Sequence],
          reason: str | None = None) -> Trail:  # fmt: skip
    """`entry` of many rows of one table, column by column: their rows before (None: creates)
    and after given column by column, the JSON made a column at a time."""
    afters = as_json_columns(table, after)
    n = len(afters)
    befores = [None] * n if before is None else as_json_columns(table, before)
    return {"table_name": [table] * n, "row_id": list(row_ids), "action": list(actions),
            "actor": [by] * n, "at": [at] * n, "before": befores, "after": afters,
            "reason": [reason] * n}  # fmt: skip


def write(conn: Connection, entries: list[dict]) -> None:
    """Record changes (in one statement however many) and move the store's version."""
    write_trail(conn, {c: [e.get(c) for e in entries] for c in COLUMNS})


def write_trail(conn: Connection, entries: Trail) -> None:
    """`write` of entries given column by column. The counter's row lock makes concurrent
    writers on PostgreSQL move it in the order they commit."""
    if entries["row_id"]:
        insert_many(conn, audit_log, entries)
        conn.execute(store_version.update().values(n=store_version.c.n + 1))


ACTIONS = ("create", "update", "delete", "restore")


def entries(
    conn: Connection, row_id: str | None = None, table: str | None = None, limit: int | None = None,
    *, by: str | None = None, action: str | None = None, since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict]:  # fmt: skip
    """Audit entries, oldest first (the newest `limit` when given), narrowed to one record id,
    one table, one person (`by`), one action and the UTC days `since` to `until` (both
    inclusive), each given or not. `before` and `after` come back as dicts. Record, person and
    day have indexes (0005), so a rare one's entries are found among 100,000 without reading
    them all; a table or an action is common enough that reading newest first finds N soon."""
    query = sa.select(audit_log).where(*_conditions(row_id, table, by, action, since, until))
    query = query.order_by(audit_log.c.audit_id.desc())
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query).mappings())[::-1]
    return [_readable(r) for r in rows]


def _conditions(row_id: str | None, table: str | None, by: str | None, action: str | None,
                since: dt.date | None, until: dt.date | None) -> list:  # fmt: skip
    c = audit_log.c
    wanted = [(row_id, c.row_id), (table, c.table_name), (by, c.actor), (action, c.action)]
    out = [column == value for value, column in wanted if value is not None]
    if since is not None:
        out.append(c.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:  # the whole of that day
        out.append(c.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    return out


def entry_of(conn: Connection, audit_id: int) -> dict | None:
    """One audit entry by its id (as `entries` gives them), or None."""
    row = conn.execute(sa.select(audit_log).where(audit_log.c.audit_id == audit_id)).mappings()
    found = row.first()
    return None if found is None else _readable(found)


def people(conn: Connection) -> list[str]:
    """Everyone who has changed the store (and "data/"), for a filter's choices."""
    query = sa.select(audit_log.c.actor).distinct().order_by(audit_log.c.actor)
    return [r for (r,) in conn.execute(query)]


def changes(entry: dict) -> dict[str, tuple[object, object]]:
    """What an entry changed: each field whose value differs between `before` and `after`, as
    (old, new). The soft-delete marks are left out (the action and the reason say them); a
    create has no before, so every stated field is new."""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    names = [*after, *(n for n in before if n not in after)]
    return {n: (before.get(n), after.get(n)) for n in names
            if n not in MARKS and before.get(n) != after.get(n)}  # fmt: skip


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
