"""One import as one transaction, remembering which outside record made which of ours.

Outside datasets live on: ACLED revises events (a newer `timestamp`) and withdraws others
between exports. So each imported record is linked to its outside id and revision
(`imported_rows`): the same file twice adds nothing; a newer revision updates the record; a
record whose revision did not move is left alone, so an edit someone made in the app survives
a re-import of the same export. Records of the same origin, scope (country) and period that a
newer file lacks are listed as possibly withdrawn, and soft-deleted only when the person says
the file is the complete export (`sync`). All of it is audited under the importing person;
any error undoes the whole import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline import model, registry
from frontline.config import Settings
from frontline.store import audit, records
from frontline.store.engine import transaction
from frontline.store.rows import existing
from frontline.store.schema import LOAD_ORDER, SQL_TABLES, imported_rows

Progress = Callable[[str, int, int], None]
CHUNK = 5_000  # rows a write: progress moves, and no statement grows without bound
LINK_COLUMNS = ("external_id", "table_name", "row_id", "revision", "scope", "day", "raw")
KEYS_PER_QUERY = 500


@dataclass
class Batch:
    """What an importer read: model tables (typed) and one link per outside record."""

    origin: str  # "acled", "hxl" …
    tables: dict[str, pd.DataFrame]
    links: pd.DataFrame  # LINK_COLUMNS; raw is the outside row as JSON text (or None)
    file: str
    places_matched: int = 0
    places_added: int = 0
    actors_added: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """What an import did, for the terminal and the page."""

    file: str
    counts: dict[str, dict[str, int]]
    left_alone: int  # outside records whose revision this store already holds
    withdrawn: list[str]  # outside ids of the same scope and period that the file lacks
    deleted: int
    places_matched: int
    places_added: int
    actors_added: list[str]
    older: int = 0  # outside records this store holds at a later revision: kept as they are

    def lines(self) -> list[str]:
        """The summary as a person reads it."""
        added = sum(c.get("added", 0) for c in self.counts.values())
        updated = sum(c.get("updated", 0) + c.get("restored", 0) for c in self.counts.values())
        by_table = ", ".join(f"{n} {t.replace('_', ' ')}" for t, c in self.counts.items()
                             if (n := c.get("added", 0)) and t in EVENT_TABLES)  # fmt: skip
        out = [f"{self.file}: {added:,} records added ({by_table or 'no events'}), {updated:,} "
               f"updated, {self.left_alone:,} already held at this revision"]  # fmt: skip
        if self.older:
            out.append(f"{self.older:,} records are older than the store's (an earlier export): "
                       "the newer ones are kept")  # fmt: skip
        out.append(f"places: {self.places_matched:,} matched in the registry, "
                   f"{self.places_added:,} added")  # fmt: skip
        if self.actors_added:
            shown = ", ".join(self.actors_added[:10])
            more = f" and {len(self.actors_added) - 10} more" if len(self.actors_added) > 10 else ""
            out.append(f"actors added: {shown}{more}")
        if self.withdrawn and not self.deleted:
            out.append(
                f"possibly withdrawn: {len(self.withdrawn):,} records of the same "
                "countries and period are not in this file (kept; import it as the "
                "complete export to delete them): " + ", ".join(self.withdrawn[:10])
            )
        elif self.deleted:
            out.append(f"deleted: {self.deleted:,} records not in this complete export")
        return out


EVENT_TABLES = ("control_events", "context_events", "aid_deliveries")


def run(batch: Batch, settings: Settings, engine: Engine, by: str, *, sync: bool = False,
        progress: Progress | None = None) -> Summary:  # fmt: skip
    """Write `batch` as `by` in one transaction (see the module's docstring)."""
    report = progress or (lambda stage, done, total: None)
    links = _normalised(batch.links)
    with transaction(engine) as conn:
        held = _held(conn, batch.origin, list(links["external_id"]))
        fresh, older = _changed_links(links, held)
        tables = _changed_rows(batch.tables, links, fresh)
        counts = _save(conn, tables, by, report)
        _link(conn, batch.origin, links[fresh], by, held)
        _retire_moved(conn, links[fresh], held, by, batch.file)
        withdrawn = _withdrawn(conn, batch.origin, links)
        deleted = _retire(conn, withdrawn, by, batch.file) if sync else 0
    if not batch.tables.get("places", pd.DataFrame()).empty:
        registry.remember_added(settings, engine)  # the geocoder sees the new places
    return Summary(batch.file, counts, int((~fresh).sum()) - older, sorted(withdrawn), deleted,
                   batch.places_matched, batch.places_added, batch.actors_added,
                   older)  # fmt: skip


def _normalised(links: pd.DataFrame) -> pd.DataFrame:
    """Ids and revisions as text, days as dates (what the SQL columns take)."""
    links = links.reindex(columns=list(LINK_COLUMNS))
    text = lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)  # noqa: E731
    days = pd.to_datetime(links["day"], errors="coerce")
    return links.assign(external_id=links["external_id"].astype(str),
                        revision=links["revision"].map(text), scope=links["scope"].map(text),
                        day=days.dt.date.astype(object).where(days.notna(), None))  # fmt: skip


Held = dict[str, tuple[str | None, str, str]]  # outside id → (revision, table, our id)


def _held(conn: Connection, origin: str, ids: list[str]) -> Held:
    """What this store holds of each outside id it has imported before."""
    held: Held = {}
    t = imported_rows.c
    for start in range(0, len(ids), KEYS_PER_QUERY):
        chunk = ids[start : start + KEYS_PER_QUERY]
        query = sa.select(t.external_id, t.revision, t.table_name, t.row_id).where(
            t.origin == origin, t.external_id.in_(chunk))  # fmt: skip
        held.update({e: (rev, table, row) for e, rev, table, row in conn.execute(query).all()})
    return held


def _changed_links(links: pd.DataFrame, held: Held) -> tuple[pd.Series, int]:
    """True for a link new to the store or whose revision moved on; and how many are older
    than what the store holds — an earlier export imported after a later one must not put
    ACLED's revised figures back (revisions that are both whole numbers, ACLED's timestamps,
    compare as numbers; others only as equal or not). A link without a revision is always
    written: `records.save` then counts an unchanged row as unchanged."""
    before = links["external_id"].map(lambda i: held[i][0] if i in held else "\0new")
    moved = links["revision"].isna() | (before != links["revision"])
    older = moved & pd.Series([_older(new, old) for new, old in zip(links["revision"], before,
                                                                     strict=True)],
                                index=links.index)  # fmt: skip
    return moved & ~older, int(older.sum())


def _older(new: object, old: object) -> bool:
    return (isinstance(new, str) and isinstance(old, str) and new.isdigit() and old.isdigit()
            and int(new) < int(old))  # fmt: skip


def _changed_rows(tables: dict[str, pd.DataFrame], links: pd.DataFrame,
                  fresh: pd.Series) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The tables without the records whose outside revision the store already holds."""
    still = links[~fresh]
    out = {}
    for name, frame in tables.items():
        same = set(still.loc[still["table_name"] == name, "row_id"])
        key = model.TABLES[name].key
        out[name] = frame[~frame[key].isin(same)] if same else frame
    return out


def _save(conn: Connection, tables: dict[str, pd.DataFrame], by: str,
          report: Progress) -> dict[str, dict[str, int]]:  # fmt: skip
    """`records.save` table by table in reference order, a chunk at a time."""
    total = sum(len(f) for f in tables.values())
    done, counts = 0, {}
    for name in (n for n in LOAD_ORDER if n in tables):
        frame = tables[name]
        counts[name] = dict.fromkeys(records.COUNTS, 0)
        for start in range(0, max(len(frame), 1), CHUNK):
            part = records.save(conn, {name: frame.iloc[start : start + CHUNK]}, by)[name]
            counts[name] = {k: counts[name][k] + part[k] for k in counts[name]}
            done += len(frame.iloc[start : start + CHUNK])
            report(f"saving {name.replace('_', ' ')}", done, total)
    return counts


def _link(conn: Connection, origin: str, links: pd.DataFrame, by: str, held: Held) -> None:
    """Insert the new links and move the revised ones to their new revision."""
    at = audit.now()
    columns = [[_plain(v) for v in links[c]] for c in LINK_COLUMNS]  # column-wise: 20× faster
    rows = [{**dict(zip(LINK_COLUMNS, values, strict=True)), "origin": origin, "imported_at": at,
             "imported_by": by} for values in zip(*columns, strict=True)]  # fmt: skip
    new = [r for r in rows if r["external_id"] not in held]
    old = [{**r, "_origin": origin, "_id": r["external_id"]} for r in rows
           if r["external_id"] in held]  # fmt: skip
    if new:
        conn.execute(imported_rows.insert(), new)
    if old:
        t, names = imported_rows.c, (*LINK_COLUMNS, "imported_at", "imported_by")
        same = (t.origin == sa.bindparam("_origin")) & (t.external_id == sa.bindparam("_id"))
        conn.execute(imported_rows.update().where(same)
                     .values({c: sa.bindparam(c) for c in names}), old)  # fmt: skip


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (not isinstance(value, str | dict | list)
                                            and pd.isna(value)):  # fmt: skip
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _retire_moved(conn: Connection, links: pd.DataFrame, held: Held, by: str, file: str) -> None:
    """A revision that moves an outside record to another table (ACLED recoding a territory
    change as an armed clash) retires our record in the table it left: it is a new record in
    the other, and the old one would still say what the source no longer says."""
    moved: dict[str, list[str]] = {}
    for external, table, row in zip(links["external_id"], links["table_name"], links["row_id"],
                                    strict=True):  # fmt: skip
        if external in held and (held[external][1], held[external][2]) != (table, row):
            moved.setdefault(held[external][1], []).append(held[external][2])
    for table, ids in moved.items():
        records.soft_delete(conn, table, sorted(ids), by, f"revised into another table by {file}")


def _withdrawn(conn: Connection, origin: str, links: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Outside id → (table, our id) of live records this origin imported before, in the
    file's scopes and between its first and last day, that the file no longer holds."""
    days = links["day"].dropna()
    if days.empty or links["scope"].isna().all():
        return {}
    t = imported_rows.c
    query = sa.select(t.external_id, t.table_name, t.row_id).where(
        t.origin == origin, t.scope.in_(sorted(set(links["scope"].dropna()))),
        t.day >= days.min(), t.day <= days.max())  # fmt: skip
    present = set(links["external_id"])
    gone = {e: (table, row) for e, table, row in conn.execute(query).all() if e not in present}
    live = set()
    for table in {t for t, _ in gone.values()}:
        spec = model.TABLES[table]
        stored = existing(conn, SQL_TABLES[table], spec.key,
                          [r for t, r in gone.values() if t == table])  # fmt: skip
        live |= {(table, k) for k, row in stored.items() if row["deleted_at"] is None}
    return {e: v for e, v in gone.items() if v in live}


def _retire(conn: Connection, withdrawn: dict[str, tuple[str, str]], by: str, file: str) -> int:
    """Soft-delete what a complete export no longer holds, table by table, audited."""
    reason = f"not in the complete export {file}"
    deleted = 0
    for table in sorted({t for t, _ in withdrawn.values()}):
        ids = sorted(r for t, r in withdrawn.values() if t == table)
        deleted += records.soft_delete(conn, table, ids, by, reason)
    return deleted
