"""An import's links (`imported_rows`): which outside record made which of ours, as plain
lists the import reads value by value, and their reads and writes in its transaction: what the
store holds of a file's ids, the new and revised links written in one statement each, and the
records of the same scope and period that a newer file no longer holds (`batch`)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontline import model
from frontline.store import audit
from frontline.store.rows import among, insert_many, update_many
from frontline.store.schema import SQL_TABLES, imported_rows, live

LINK_COLUMNS = ("external_id", "table_name", "row_id", "revision", "scope", "day", "raw")
Links = dict[str, list]  # LINK_COLUMNS → one plain value per outside record


def normalised(links: pd.DataFrame) -> Links:
    """Ids and revisions as text, days as dates (what the SQL columns take), as plain lists:
    the batch reads them value by value."""
    links = links.reindex(columns=list(LINK_COLUMNS))
    out = {c: _plain_column(links[c].tolist()) for c in ("table_name", "row_id", "raw")}
    return {**out, "external_id": links["external_id"].astype(str).tolist(),
            "revision": [_text(v) for v in links["revision"].tolist()],
            "scope": [_text(v) for v in links["scope"].tolist()],
            "day": _days(links["day"].tolist())}  # fmt: skip


def _days(values: list) -> list:
    """Days as dates (None where none); dates already (ACLED's) are taken as they are."""
    if all(v is None or type(v) is dt.date for v in values):
        return values
    days = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce")
    return days.dt.date.astype(object).where(days.notna(), None).tolist()


def _text(value: object) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _plain_column(values: list) -> list:
    return [v if type(v) is str else _plain(v) for v in values]


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (not isinstance(value, str | dict | list)
                                            and pd.isna(value)):  # fmt: skip
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def picked(links: Links, wanted: list[bool]) -> Links:
    """The links where `wanted` holds."""
    return {c: [v for v, w in zip(values, wanted, strict=True) if w] for c, values in links.items()}


Held = dict[str, tuple]  # outside id → (revision, table, our id, scope, day) as stored


def held(conn: Connection, origin: str, ids: list[str]) -> Held:
    """What this store holds of each outside id it has imported before (one query)."""
    t = imported_rows.c
    query = sa.select(t.external_id, t.revision, t.table_name, t.row_id, t.scope, t.day).where(
        t.origin == origin, among(conn, t.external_id, ids))  # fmt: skip
    return {e: tuple(rest) for e, *rest in conn.execute(query).all()}


def write(conn: Connection, origin: str, links: Links, by: str, held: Held) -> None:
    """Insert the new links and move the revised ones to their new revision (one statement
    each)."""
    at = audit.now()
    new = [e not in held for e in links["external_id"]]
    added = picked(links, new)
    n = len(added["external_id"])
    insert_many(conn, imported_rows, {**added, "origin": [origin] * n, "imported_at": [at] * n,
                                      "imported_by": [by] * n})  # fmt: skip
    revised = picked(links, [not x for x in new])
    names = [*LINK_COLUMNS, "imported_at", "imported_by"]
    rows = [{**dict(zip(LINK_COLUMNS, values, strict=True)), "origin": origin, "imported_at": at,
             "imported_by": by}
            for values in zip(*(revised[c] for c in LINK_COLUMNS), strict=True)]  # fmt: skip
    update_many(conn, imported_rows, ("origin", "external_id"), names, rows)


def as_stored(links: Links, fresh: list[bool], held: Held) -> dict[str, tuple]:
    """Each outside id's (scope, day) as the store holds them once this import is written:
    the file's for a link written now, the held one's for a link left as it was."""
    rows = zip(links["external_id"], links["scope"], links["day"], fresh, strict=True)
    return {e: (scope, day) if new else held[e][3:5] for e, scope, day, new in rows}


def withdrawn(conn: Connection, origin: str, links: Links,
               stored: dict[str, tuple]) -> dict[str, tuple[str, str]]:  # fmt: skip
    """Outside id → (table, our id) of live records this origin imported before, in the
    file's scopes and between its first and last day, that the file no longer holds. The
    links of that scope and period are counted first: when they are this file's own (every
    re-import of the same export), none is missing and none is read."""
    days = [d for d in links["day"] if d is not None]
    scopes = sorted({s for s in links["scope"] if s is not None})
    if not days or not scopes:
        return {}
    t = imported_rows.c
    first, last = min(days), max(days)
    period = (t.origin == origin, t.scope.in_(scopes), t.day >= first, t.day <= last)
    own = sum(1 for scope, day in stored.values()
              if scope in scopes and day is not None and first <= day <= last)  # fmt: skip
    if conn.execute(sa.select(sa.func.count()).where(*period)).scalar() == own:
        return {}
    missing = [e for e in conn.execute(sa.select(t.external_id).where(*period)).scalars()
               if e not in stored]  # fmt: skip
    if not missing:
        return {}
    query = sa.select(t.external_id, t.table_name, t.row_id).where(
        *period, among(conn, t.external_id, missing))  # fmt: skip
    gone = {e: (table, row) for e, table, row in conn.execute(query).all()}
    live_ids = set()
    for table in {t for t, _ in gone.values()}:
        sql = SQL_TABLES[table]
        key = sql.c[model.TABLES[table].key]
        ids = [r for t, r in gone.values() if t == table]
        query = sa.select(key).where(among(conn, key, ids), live(sql))
        live_ids |= {(table, k) for k in conn.execute(query).scalars()}
    return {e: v for e, v in gone.items() if v in live_ids}
