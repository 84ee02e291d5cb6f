"""Every state a record has had, read off the audit trail, and putting one of them back.

The trail keeps each change's row before and after (`audit`), so a record's versions are the
`after` of its entries, oldest first. Restoring one is a change like any other: the record's
row is made equal to that version, live, in the caller's transaction, audited with before,
after, who and why — nothing is overwritten that the trail does not keep. The rules of
`records` hold here too: a version that cites a deleted record is refused (one rule,
`references.dead_citations`), and so is a restore that would change nothing.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
from frontline.errors import StoreConflict, StoreNotFound
from frontline.store import audit
from frontline.store.records import (
    KINDS,
    LIVE_MARKS,
    _check_reason,
    _one,
    _refuse_dead_citations,
)
from frontline.store.schema import SOFT_DELETE, SQL_TABLES

TABLE_KINDS = {table: kind for kind, table in KINDS.items()}  # control_events → event


def versions(conn: Connection, kind: str, row_id: str) -> list[dict]:
    """Each state the record has had, oldest first: audit_id, at, by, action, reason, `row`
    (the record after that change, as the trail keeps it), `deleted` (that state was a
    deleted one) and `current` (the record reads so now). Entries written before the trail
    kept the row after a change hold no state and are left out."""
    spec, row = _one(conn, kind, row_id)
    now = _view(spec, row)
    return [
        {"audit_id": e["audit_id"], "at": e["at"], "by": e["by"], "action": e["action"],
         "reason": e["reason"], "row": e["after"],
         "deleted": e["after"].get("deleted_at") is not None,
         "current": _view(spec, _target(spec, e["after"], row, live=False)) == now}
        for e in audit.entries(conn, row_id, spec.name) if e["after"] is not None
    ]  # fmt: skip


def restore_version(conn: Connection, kind: str, row_id: str, audit_id: int, by: str,
                    reason: str) -> dict:  # fmt: skip
    """Make the record equal to the state audit entry `audit_id` left it in, and live; audited
    as an update (a restore when the record was deleted) with the reason "restored version of
    <at> (audit N): <reason>". Refused: an entry of another record or none (StoreNotFound), a
    version citing a deleted record, or one the record already equals (StoreConflict).
    Returns the row as it now stands."""
    _check_reason(reason)
    spec, row = _locked(conn, kind, row_id)
    entry = _entry(conn, audit_id)
    if (entry["table"], entry["id"]) != (spec.name, row_id):
        raise StoreNotFound(f"audit entry {audit_id} is of {entry['table']} {entry['id']}, not "
                            f"of {kind} {row_id!r}: nothing was restored")  # fmt: skip
    if entry["after"] is None:
        raise StoreConflict(f"audit entry {audit_id} keeps no row after its change (written "
                            "before the trail kept one): nothing was restored")  # fmt: skip
    target = _target(spec, entry["after"], row, live=True)
    if row["deleted_at"] is None and _view(spec, target) == _view(spec, row):
        raise StoreConflict(f"{kind} {row_id!r} already reads as the version of {entry['at']} "
                            f"(audit {audit_id}): nothing to restore")  # fmt: skip
    why = f"restored version of {entry['at']} (audit {audit_id}): {reason.strip()}"
    return _put(conn, spec, row, target, by, why)


def undelete(conn: Connection, kind: str, row_id: str, by: str, reason: str | None = None) -> dict:
    """Bring a deleted record back as it was, audited with the reason given (what
    `records.restore` does, with a reason); refused while it is live or cites a deleted
    record."""
    if reason is not None:
        _check_reason(reason)
    spec, row = _locked(conn, kind, row_id)
    if row["deleted_at"] is None:
        raise StoreConflict(f"{kind} {row_id!r} is not deleted")
    return _put(conn, spec, row, {**row, **LIVE_MARKS}, by, reason.strip() if reason else None)


def _put(conn: Connection, spec: model.Table, row: dict, target: dict, by: str,
         reason: str | None) -> dict:  # fmt: skip
    _refuse_dead_citations(conn, spec.name, [target])
    table = SQL_TABLES[spec.name]
    changed = {k: v for k, v in target.items() if k != spec.key}
    conn.execute(table.update().where(table.c[spec.key] == row[spec.key]).values(changed))
    action = "update" if row["deleted_at"] is None else "restore"
    audit.write(conn, [audit.entry(spec.name, row[spec.key], action, by, audit.now(), row,
                                   target, reason)])  # fmt: skip
    return target


def _locked(conn: Connection, kind: str, row_id: str) -> tuple[model.Table, dict]:
    """The record's row, locked until the transaction ends on PostgreSQL (SQLite's write
    transaction holds the whole store already), so the `before` audited is what was
    overwritten."""
    spec, _ = _one(conn, kind, row_id)
    table = SQL_TABLES[spec.name]
    query = sa.select(table).where(table.c[spec.key] == row_id).with_for_update()
    return spec, dict(conn.execute(query).mappings().one())


def _entry(conn: Connection, audit_id: int) -> dict:
    found = audit.entry_of(conn, audit_id)
    if found is None:
        raise StoreNotFound(f"no audit entry {audit_id}")
    return found


def _target(spec: model.Table, state: dict, row: dict, live: bool) -> dict:
    """The row (SQL values) that `state`, an audit entry's JSON, describes; a column the
    entry does not name (added by a later migration) keeps the row's value."""
    out = dict(row)
    for column in spec.columns:
        if column.name in state:
            out[column.name] = _sql(column, state[column.name])
    for mark in SOFT_DELETE:
        out[mark] = None if live else _sql_mark(mark, state.get(mark))
    return out


def _sql(column: model.Column, value: object) -> object:
    if column.kind == "list":
        return value if isinstance(value, str) else json.dumps(value or [], ensure_ascii=False)
    if value is None:
        return None
    if column.kind == "date":
        return dt.date.fromisoformat(str(value)[:10])
    return {"int": int, "float": float}.get(column.kind, str)(value)


def _sql_mark(mark: str, value: object) -> object:
    if mark == "deleted_at" and isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    return value


def _view(spec: model.Table, row: dict) -> dict:
    """A row as the trail writes it (lists as lists, dates as text), whether it is deleted:
    what two states are compared by."""
    shown = json.loads(audit.as_json(spec.name, {n: row[n] for n in spec.names}) or "{}")
    return {**shown, "deleted": row["deleted_at"] is not None}
