"""Writing records: save checked rows, retire what data/ no longer holds, delete and restore
one record. Each takes a `Connection` and writes its audit entries on it, so a caller puts a
whole import or edit in one transaction. Nothing is ever deleted for real, and no live record
is left citing a deleted one."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from frontline import model
from frontline.errors import StoreConflict, StoreInvalid, StoreNotFound
from frontline.store import audit, references
from frontline.store.engine import transaction
from frontline.store.rows import among, existing, insert_many, sql_columns, update_many
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
    """One table's rows, column by column: new ones inserted in one statement, stored ones
    compared row by row, every write audited in the frame's order."""
    table, at = SQL_TABLES[spec.name], audit.now()
    columns = sql_columns(spec, frame)
    keys = columns[spec.key]
    stored = existing(conn, table, spec.key, keys)
    new = [i for i, k in enumerate(keys) if k not in stored]
    inserts = columns if len(new) == len(keys) else {n: [v[i] for i in new]
                                                     for n, v in columns.items()}  # fmt: skip
    counts = dict.fromkeys(COUNTS, 0)
    counts["added"] = len(new)
    changes = _changes(spec, columns, stored, by, counts)
    updates = [after for _, _, _, after in changes]
    insert_many(conn, table, inserts)
    update_many(conn, table, spec.key, [c.name for c in table.columns], updates)
    cites = [spec.key, *(c.name for c in spec.columns if c.references)]
    written = {n: inserts[n] + [u[n] for u in updates] for n in cites}
    dead = references.dead_citations_in(conn, spec.name, written)
    if dead:
        _refuse(dead)
    audit.write_trail(conn, _trail(spec, by, at, new, inserts, changes))
    return counts


Change = tuple[int, str, dict, dict]  # (position in the frame, action, row before, row after)


def _changes(spec: model.Table, columns: dict[str, list], stored: dict[str, dict], by: str,
             counts: dict[str, int]) -> list[Change]:  # fmt: skip
    """The stored rows among `columns` that this save changes: an update of a live row that
    differs, a restore of one that `by` itself retired; a row someone else deleted stays so
    (kept_deleted), an equal one is left alone (unchanged). Counts each."""
    changes: list[Change] = []
    if not stored:
        return changes
    names = list(columns)
    for position, key in enumerate(columns[spec.key]):
        old = stored.get(key)
        if old is None:
            continue
        row = {n: columns[n][position] for n in names}
        if old["deleted_at"] is not None and old["deleted_by"] != by:
            counts["kept_deleted"] += 1
        elif old["deleted_at"] is None and {n: old[n] for n in spec.names} == row:
            counts["unchanged"] += 1
        else:
            action = "update" if old["deleted_at"] is None else "restore"
            changes.append((position, action, old, {**old, **row, **LIVE_MARKS}))
            counts["restored" if action == "restore" else "updated"] += 1
    return changes


def _trail(spec: model.Table, by: str, at: object, new: list[int], inserts: dict[str, list],
           changes: list[Change]) -> audit.Trail:  # fmt: skip
    """The audit entries of a save, in the frame's order: a create with the row after it,
    an update or restore with the row before and after (each encoded a column at a time)."""
    marks = {m: [None] * len(new) for m in LIVE_MARKS}
    created = audit.trail(spec.name, inserts[spec.key], ["create"] * len(new), by, at, None,
                          {**inserts, **marks})  # fmt: skip
    if not changes:
        return created
    olds, afters = [c[2] for c in changes], [c[3] for c in changes]
    changed = audit.trail(spec.name, [a[spec.key] for a in afters], [c[1] for c in changes],
                          by, at, {k: [o[k] for o in olds] for k in olds[0]},
                          {k: [a[k] for a in afters] for k in afters[0]})  # fmt: skip
    positions = [*new, *(c[0] for c in changes)]
    order = sorted(range(len(positions)), key=positions.__getitem__)
    joined = {c: created[c] + changed[c] for c in created}
    return {c: [values[i] for i in order] for c, values in joined.items()}


def _refuse_dead_citations(conn: Connection, table: str, rows: list[dict]) -> None:
    dead = references.dead_citations(conn, table, rows)
    if dead:
        _refuse(dead)


def _refuse(dead: list[str]) -> None:
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
    rows = {k: stored[k] for k in ids if k in stored and stored[k]["deleted_at"] is None}
    if not rows:
        return 0
    marks = _marks(at, by, reason)
    done = conn.execute(table.update().where(among(conn, table.c[spec.key], list(rows)),
                                             live(table)).values(marks))  # fmt: skip
    if done.rowcount != len(rows):
        raise StoreConflict(f"someone else changed these {spec.name} at the same moment; "
                            "nothing was saved: try again")  # fmt: skip
    olds = list(rows.values())
    before = {k: [o[k] for o in olds] for k in olds[0]}
    after = {**before, **{m: [v] * len(olds) for m, v in marks.items()}}
    audit.write_trail(conn, audit.trail(spec.name, list(rows), ["delete"] * len(olds), by, at,
                                        before, after, reason))  # fmt: skip
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
                            f"{row['deleted_at']:%Y-%m-%d %H:%M} UTC: "
                            f"{row['deleted_reason']})")  # fmt: skip
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
