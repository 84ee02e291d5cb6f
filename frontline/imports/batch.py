"""One import as one transaction, remembering which outside record made which of ours.

Outside datasets live on: ACLED revises events (a newer `timestamp`) and withdraws others
between exports. So each imported record is linked to its outside id and revision
(`imported_rows`): the same file twice adds nothing; a newer revision updates the record; a
record whose revision did not move is left alone, so an edit someone made in the app survives
a re-import of the same export. Records of the same origin, scope (country) and period that a
newer file lacks are listed as possibly withdrawn, and soft-deleted only when the person says
the file is the complete export (`sync`). All of it is audited under the importing person;
any error undoes the whole import. The links' own reads and writes are in `links`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection, Engine

from frontline import model, registry
from frontline.config import Settings
from frontline.imports import links as linked
from frontline.imports.links import Held, Links
from frontline.store import records
from frontline.store.engine import transaction
from frontline.store.schema import LOAD_ORDER

Progress = Callable[[str, int, int], None]
CHUNK = 10_000  # rows a write: progress moves, and no statement grows without bound


@dataclass
class Batch:
    """What an importer read: model tables (typed) and one link per outside record."""

    origin: str  # "acled", "hxl" …
    tables: dict[str, pd.DataFrame]
    links: pd.DataFrame  # links.LINK_COLUMNS; raw is the outside row as JSON text (or None)
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
    links = linked.normalised(batch.links)
    with transaction(engine) as conn:
        held = linked.held(conn, batch.origin, links["external_id"])
        fresh, older = _changed_links(links, held)
        tables = _changed_rows(batch.tables, links, fresh)
        counts = _save(conn, tables, by, report)
        linked.write(conn, batch.origin, linked.picked(links, fresh), by, held)
        _retire_moved(conn, linked.picked(links, fresh), held, by, batch.file)
        withdrawn = linked.withdrawn(conn, batch.origin, links,
                                     linked.as_stored(links, fresh, held))  # fmt: skip
        deleted = _retire(conn, withdrawn, by, batch.file) if sync else 0
    if _changed(counts.get("places")):
        registry.remember_added(settings, engine)  # the geocoder sees the new places
    return Summary(batch.file, counts, fresh.count(False) - older, sorted(withdrawn), deleted,
                   batch.places_matched, batch.places_added, batch.actors_added,
                   older)  # fmt: skip


def _changed(counts: dict[str, int] | None) -> bool:
    """Whether a save wrote any row: the geocoder's overlay is rebuilt only when the store's
    places moved (rebuilding it from the whole registry took seconds per import)."""
    return bool(counts) and any(counts[k] for k in ("added", "updated", "restored"))


def _changed_links(links: Links, held: Held) -> tuple[list[bool], int]:
    """True for a link new to the store or whose revision moved on; and how many are older
    than what the store holds — an earlier export imported after a later one must not put
    ACLED's revised figures back (revisions that are both whole numbers, ACLED's timestamps,
    compare as numbers; others only as equal or not). A link without a revision is always
    written: `records.save` then counts an unchanged row as unchanged."""
    fresh, older = [], 0
    for external, revision in zip(links["external_id"], links["revision"], strict=True):
        before = held[external][0] if external in held else "\0new"
        moved = revision is None or before != revision
        behind = moved and _older(revision, before)
        fresh.append(moved and not behind)
        older += behind
    return fresh, older


def _older(new: object, old: object) -> bool:
    return (isinstance(new, str) and isinstance(old, str) and new.isdigit() and old.isdigit()
            and int(new) < int(old))  # fmt: skip


def _changed_rows(tables: dict[str, pd.DataFrame], links: Links,
                  fresh: list[bool]) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The tables without the records whose outside revision the store already holds."""
    still: dict[str, set] = {}
    for table, row, new in zip(links["table_name"], links["row_id"], fresh, strict=True):
        if not new:
            still.setdefault(table, set()).add(row)
    out = {}
    for name, frame in tables.items():
        same = still.get(name)
        keep = [k not in same for k in frame[model.TABLES[name].key].tolist()] if same else None
        out[name] = frame[np.array(keep, dtype=bool)] if keep is not None else frame
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


def _retire_moved(conn: Connection, links: Links, held: Held, by: str, file: str) -> None:
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


def _retire(conn: Connection, withdrawn: dict[str, tuple[str, str]], by: str, file: str) -> int:
    """Soft-delete what a complete export no longer holds, table by table, audited."""
    reason = f"not in the complete export {file}"
    deleted = 0
    for table in sorted({t for t, _ in withdrawn.values()}):
        ids = sorted(r for t, r in withdrawn.values() if t == table)
        deleted += records.soft_delete(conn, table, ids, by, reason)
    return deleted
