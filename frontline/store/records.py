"""Writing records: save checked rows, retire what data/ no longer holds, delete and restore
one record. Each takes a `Connection` and writes its audit entries on it, so a caller puts a
whole import or edit in one transaction. Nothing is ever deleted for real, and no live record
is left citing a deleted one."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline import model
from frontline.errors import StoreConflict, StoreInvalid, StoreNotFound
from frontline.store import audit, references
from frontline.store.engine import transaction
from frontline.store.rows import existing, sql_rows
from frontline.store.schema import LOAD_ORDER, SOFT_DELETE, SQL_TABLES, live

KINDS = {"event": "control_events", "delivery": "aid_deliveries", "source": "sources",
         "place": "places", "actor": "actors", "context": "context_events"}  # fmt: skip
COUNTS = ("added", "updated", "unchanged", "deleted", "restored", "kept_deleted")
MAX_REASON = 2000  # characters: a reason is a sentence, not a document
LIVE_MARKS = dict.fromkeys(SOFT_DELETE)
# data/'s own lists, whose rows a load may not retire while records cite them; a place is not
# among them: data/ holds the places its events use, so one an app-entered delivery still goes
# to simply stays
CURATED = ("actors", "sources")


def _marks(at: object, by: str, reason: str) -> dict:
    return dict(zip(SOFT_DELETE, (at, by, reason), strict=True))


def save(conn: Connection, tables: dict[str, pd.DataFrame], by: str) -> dict[str, dict[str, int]]:
    """Insert new rows and update changed ones, as `by`, table by table in reference order.

    A row someone deleted stays deleted (counted as kept_deleted); one that `by` itself
    retired comes back (restored) — data/ putting a fact back undoes its own retirement. A row
    written that cites a deleted record is refused (StoreConflict): restore that one first."""
    return {name: _save_table(conn, model.TABLES[name], tables[name], by)
            for name in LOAD_ORDER if name in tables}  # fmt: skip


def _save_table(conn: Connection, spec: model.Table, frame: pd.DataFrame, by: str) -> dict:
    table, at = SQL_TABLES[spec.name], audit.now()
    rows = sql_rows(spec, frame)
    stored = existing(conn, table, spec.key, [r[spec.key] for r in rows])
    counts = dict.fromkeys(COUNTS, 0)
    inserts, updates, log = [], [], []
    for row in rows:
        row_id, old = row[spec.key], stored.get(row[spec.key])
        if old is None:
            inserts.append(row)
            log.append(audit.entry(spec.name, row_id, "create", by, at, None,
                                   {**row, **LIVE_MARKS}))  # fmt: skip
            counts["added"] += 1
        elif old["deleted_at"] is not None and old["deleted_by"] != by:
            counts["kept_deleted"] += 1
        elif old["deleted_at"] is None and {n: old[n] for n in spec.names} == row:
            counts["unchanged"] += 1
        else:
            action = "update" if old["deleted_at"] is None else "restore"
            updates.append({**old, **row, **LIVE_MARKS})
            log.append(audit.entry(spec.name, row_id, action, by, at, old, updates[-1]))
            counts["restored" if action == "restore" else "updated"] += 1
    _write(conn, spec, inserts, updates)
    _refuse_dead_citations(conn, spec.name, inserts + updates)
    audit.write(conn, log)
    return counts


def _write(conn: Connection, spec: model.Table, inserts: list[dict], updates: list[dict]) -> None:
    """executemany: one statement per kind of change, not one per row."""
    table = SQL_TABLES[spec.name]
    if inserts:
        conn.execute(table.insert(), inserts)
    if updates:
        names = [c.name for c in table.columns]
        statement = (table.update().where(table.c[spec.key] == sa.bindparam("_key"))
                     .values({n: sa.bindparam(n) for n in names}))  # fmt: skip
        conn.execute(statement, [{**{n: u.get(n) for n in names}, "_key": u[spec.key]}
                                 for u in updates])  # fmt: skip


def _refuse_dead_citations(conn: Connection, table: str, rows: list[dict]) -> None:
    dead = references.dead_citations(conn, table, rows)
    if dead:
        raise StoreConflict(f"{'; '.join(dead)}, deleted or missing: restore it first, or "
                            "leave these rows out; nothing was saved")  # fmt: skip


class DeletionsUnconfirmed(StoreConflict):
    """A load would soft-delete more than half of a table's live rows: most likely a file cut
    short (a header-only CSV, a filter left on in a spreadsheet), not a curation. Refused
    unless the caller confirms (`confirm_deletions`, `frontline load --confirm-deletions`)."""


def retire_missing(
    conn: Connection, tables: dict[str, pd.DataFrame], by: str, reason: str,
    confirm_deletions: bool = False,
) -> dict[str, int]:  # fmt: skip
    """Soft-delete the live rows `by` created that `tables` no longer hold (facts taken out of
    data/), newest tables first, so events go before the places they name; a place that live
    records still cite (one an app-entered delivery goes to) stays, and an actor or source they
    cite refuses the load (StoreConflict naming them). Taking more than half
    of a table's live rows of `by` needs `confirm_deletions` (DeletionsUnconfirmed otherwise)."""
    retired = {}
    for name in reversed(LOAD_ORDER):
        if name not in tables:
            continue
        spec = model.TABLES[name]
        created = audit.created_by(conn, name, by)
        gone = created - set(tables[name][spec.key])
        still_cited = gone & references.cited(conn, name)
        if still_cited and name in CURATED:
            _refuse_orphans(conn, name, sorted(still_cited))
        gone -= still_cited
        if gone and not confirm_deletions:
            _refuse_mass_deletion(conn, spec, created, gone, by)
        retired[name] = _soft_delete(conn, spec, sorted(gone), by, reason)
    return retired


def _refuse_orphans(conn: Connection, table: str, ids: list[str]) -> None:
    """A curated actor or source taken out of data/ while other records cite it: the load is
    refused with those records named, rather than leave them citing what data/ dropped."""
    named = [f"{table} {i} (cited by {', '.join(references.citing(conn, table, i, limit=3))})"
             for i in ids[:5]]  # fmt: skip
    more = f" and {len(ids) - 5} more" if len(ids) > 5 else ""
    raise StoreConflict(f"data/ no longer has {'; '.join(named)}{more}; nothing was saved: put "
                        "them back in data/, or change or delete the records that cite them "
                        "first")  # fmt: skip


def _refuse_mass_deletion(conn: Connection, spec: model.Table, created: set, gone: set,
                          by: str) -> None:  # fmt: skip
    stored = existing(conn, SQL_TABLES[spec.name], spec.key, sorted(created))
    live_ids = {k for k, row in stored.items() if row["deleted_at"] is None}
    leaving = len(gone & live_ids)
    if leaving * 2 > len(live_ids):
        raise DeletionsUnconfirmed(
            f"{spec.name}: this would delete {leaving} of the {len(live_ids)} live rows {by} "
            "created (more than half), as if the file were cut short; nothing was saved. If "
            "they really were taken out, confirm the deletions (frontline load "
            "--confirm-deletions)"
        )


def _soft_delete(conn: Connection, spec: model.Table, ids: list[str], by: str,
                 reason: str) -> int:  # fmt: skip
    table, at = SQL_TABLES[spec.name], audit.now()
    stored = existing(conn, table, spec.key, ids)
    rows = {k: v for k, v in stored.items() if v["deleted_at"] is None}
    if not rows:
        return 0
    marks = _marks(at, by, reason)
    done = conn.execute(table.update().where(table.c[spec.key].in_(list(rows)), live(table))
                        .values(marks))  # fmt: skip
    if done.rowcount != len(rows):
        raise StoreConflict(f"someone else changed these {spec.name} at the same moment; "
                            "nothing was saved: try again")  # fmt: skip
    audit.write(conn, [audit.entry(spec.name, k, "delete", by, at, old, {**old, **marks}, reason)
                       for k, old in rows.items()])  # fmt: skip
    return len(rows)


def soft_delete(conn: Connection, table: str, ids: list[str], by: str, reason: str) -> int:
    """Soft-delete the live rows among `ids` of `table`, audited with who and why: what an
    import's sync does with records a complete export no longer holds. Returns how many."""
    _check_reason(reason)
    return _soft_delete(conn, model.TABLES[table], ids, by, reason)


def _one(conn: Connection, kind: str, row_id: str) -> tuple[model.Table, dict]:
    if kind not in KINDS:
        raise StoreNotFound(f"unknown kind of record {kind!r} (known: {', '.join(KINDS)})")
    spec = model.TABLES[KINDS[kind]]
    row = existing(conn, SQL_TABLES[spec.name], spec.key, [row_id]).get(row_id)
    if row is None:
        raise StoreNotFound(f"no {kind} with id {row_id!r}")
    return spec, row


def _check_reason(reason: str) -> None:
    if not reason.strip() or "\x00" in reason or len(reason) > MAX_REASON:
        raise StoreInvalid(f"a reason is one to {MAX_REASON:,} characters of text "
                           f"(this one has {len(reason):,})")  # fmt: skip


def delete(conn: Connection, kind: str, row_id: str, by: str, reason: str) -> dict:
    """Soft-delete one record (kind: event, delivery, source, place, actor), audited with who
    and why; refused while live records cite it. Returns the row as it now stands."""
    _check_reason(reason)
    spec, row = _one(conn, kind, row_id)
    if row["deleted_at"] is not None:
        raise StoreConflict(f"{kind} {row_id!r} is already deleted (by {row['deleted_by']} on "
                            f"{row['deleted_at']:%Y-%m-%d %H:%M} UTC: {row['deleted_reason']})")
    cited_by = references.citing(conn, spec.name, row_id)
    if cited_by:
        raise StoreConflict(f"{kind} {row_id!r} is still cited by {', '.join(cited_by)}: "
                            "delete or change those first")  # fmt: skip
    _soft_delete(conn, spec, [row_id], by, reason)
    return _one(conn, kind, row_id)[1]


def restore(conn: Connection, kind: str, row_id: str, by: str) -> dict:
    """Bring a deleted record back, audited; refused while a record it cites is deleted."""
    spec, row = _one(conn, kind, row_id)
    if row["deleted_at"] is None:
        raise StoreConflict(f"{kind} {row_id!r} is not deleted")
    _refuse_dead_citations(conn, spec.name, [row])
    table, at = SQL_TABLES[spec.name], audit.now()
    key = table.c[spec.key]
    done = conn.execute(table.update().where(key == row_id, ~live(table)).values(LIVE_MARKS))
    if done.rowcount != 1:
        raise StoreConflict(f"{kind} {row_id!r} was restored by someone else at the same moment")
    audit.write(conn, [audit.entry(spec.name, row_id, "restore", by, at, row,
                                   {**row, **LIVE_MARKS})])  # fmt: skip
    return {**row, **LIVE_MARKS}


def load(
    engine: Engine, tables: dict[str, pd.DataFrame], actor: str = "data/",
    retire: bool = False, confirm_deletions: bool = False,
) -> dict[str, dict[str, int]]:  # fmt: skip
    """Save checked tables in one transaction, as `actor`; with `retire`, also soft-delete the
    rows `actor` created that the tables no longer hold (what `frontline load` does). A retire
    that would take more than half of a table's live rows is refused (DeletionsUnconfirmed,
    the whole load undone) unless `confirm_deletions`."""
    with transaction(engine) as conn:
        counts = save(conn, tables, actor)
        if retire:
            retired = retire_missing(conn, tables, actor, "taken out of data/",
                                     confirm_deletions=confirm_deletions)  # fmt: skip
            for name, n in retired.items():
                counts[name]["deleted"] = n
        return counts
