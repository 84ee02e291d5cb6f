"""Recording a fact a person typed (the Aid page's form, `frontline add`): create-only.

A form's record has an id made from its content, so a second submission of the same delivery
names the same record. `store.save` would update that record — a resubmission with another
quote would overwrite the first while the page said "already recorded". Here, in one
transaction, a record whose id the store holds (live or deleted) is never written: the person
is told when and by whom it was recorded, and what of theirs differs. The source and place the
record cites are added when new and left as they are when known (a form does not edit them).

Two people submitting the same record at the same moment get one record: on SQLite the write
transaction takes the lock first (`BEGIN IMMEDIATE`), so the second sees the first's record; on
PostgreSQL the second's insert meets the first's key and fails (StoreConflict), and is then
answered as a resubmission.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from frontline import labels, model
from frontline.errors import StoreConflict
from frontline.store import audit, transaction
from frontline.store.records import save
from frontline.store.rows import existing, sql_rows
from frontline.store.schema import SQL_TABLES

RECORDS = {"aid_deliveries": "delivery", "control_events": "event"}  # what a form records
ATTEMPTS = 3  # a clash on a shared new source or place is retried: it exists by then


@dataclass(frozen=True)
class Outcome:
    """What came of a submission: `created`, or the record already held (`deleted` since,
    perhaps), with the fields the submission gives otherwise (`differs`)."""

    kind: str  # delivery | event
    row_id: str
    created: bool
    recorded_by: str | None = None
    recorded_at: str | None = None  # "2026-05-01 10:02 UTC"
    deleted: bool = False
    differs: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """What to tell the person, in a sentence or two."""
        if self.created:
            return f"{self.kind.capitalize()} saved."
        when = f" on {self.recorded_at}" if self.recorded_at else ""
        who = f" by {self.recorded_by}" if self.recorded_by else ""
        text = f"This {self.kind} was already recorded{when}{who}; nothing was saved."
        if self.deleted:
            text += (f" It has been deleted since: `frontline restore {self.kind} "
                     f"{self.row_id}` brings it back (`frontline audit` says by whom "
                     "and why).")  # fmt: skip
        if self.differs:
            text += (f" What you entered differs in {', '.join(self.differs)}: the recorded "
                     "version stands.")  # fmt: skip
        return text


def record(engine: Engine, rows: dict[str, pd.DataFrame], by: str) -> Outcome:
    """Store a form's rows (`forms.delivery_rows` / `event_rows`) as `by` unless their record
    exists; one transaction, create-only. A StoreConflict that is not a clash with the same
    record (a deleted source, say) reaches the caller."""
    for attempt in range(ATTEMPTS):
        try:
            with transaction(engine) as conn:
                return _record(conn, rows, by)
        except StoreConflict:
            with engine.connect() as conn:
                held = _held(conn, rows)
            if held is not None:
                return held
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _record(conn: Connection, rows: dict[str, pd.DataFrame], by: str) -> Outcome:
    held = _held(conn, rows)
    if held is not None:
        return held
    table, spec, _ = _the_record(rows)
    counts = save(conn, _new_only(conn, rows), by)
    if not counts[table]["added"]:
        # PostgreSQL reads what committed before each statement: another editor's record landed
        # between `_held` and `save`, which then compared (or updated) it. Undo, and answer as
        # a resubmission (`record` catches this).
        raise StoreConflict(f"this {RECORDS[table]} was recorded by someone else at the same "
                            "moment; nothing was saved")  # fmt: skip
    return Outcome(RECORDS[table], str(rows[table][spec.key].iloc[0]), created=True)


def _the_record(rows: dict[str, pd.DataFrame]) -> tuple[str, model.Table, dict]:
    [table] = [t for t in RECORDS if t in rows]
    spec = model.TABLES[table]
    return table, spec, sql_rows(spec, rows[table])[0]


def _held(conn: Connection, rows: dict[str, pd.DataFrame]) -> Outcome | None:
    """The record as the store holds it (live or deleted), with who recorded it; None when new."""
    table, spec, row = _the_record(rows)
    row_id = row[spec.key]
    stored = existing(conn, SQL_TABLES[table], spec.key, [row_id]).get(row_id)
    if stored is None:
        return None
    trail = audit.entries(conn, row_id=row_id, table=table)
    created = next((e for e in trail if e["action"] == "create"), None)
    differs = tuple(labels.column(n).lower() for n in spec.names
                    if n != spec.key and stored.get(n) != row.get(n))  # fmt: skip
    return Outcome(
        RECORDS[table], row_id, created=False,
        recorded_by=created["by"] if created else None,
        recorded_at=_shown(created["at"]) if created else None,
        deleted=stored["deleted_at"] is not None, differs=differs,
    )  # fmt: skip


def _shown(at: str) -> str:
    """An audit time (ISO, UTC) as a person reads it: 2026-05-01 10:02 UTC."""
    return at[:16].replace("T", " ") + " UTC"


def _new_only(conn: Connection, rows: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The rows to write: the record, and its source and place only when the store has none
    by their id (a known one is cited as it stands, not edited by a form)."""
    kept = {}
    for name, frame in rows.items():
        if name in RECORDS or frame.empty:
            kept[name] = frame
            continue
        key = model.TABLES[name].key
        known = existing(conn, SQL_TABLES[name], key, [str(k) for k in frame[key]])
        kept[name] = frame[~frame[key].astype(str).isin(known)].reset_index(drop=True)
    return kept
