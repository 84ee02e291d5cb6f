"""Writing many rows at once (frontline.store.rows) keeps what one row at a time wrote: the
audit trail's JSON and an import's raw rows are the same text as `json.dumps` made row by row;
rows inserted in bulk read back as SQLAlchemy's own inserts do, dates and times included, on
SQLite and PostgreSQL (COPY); a repeated id is refused as before; a lookup of many ids is one
query."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from frontline import model, store
from frontline.errors import StoreConflict
from frontline.seeding import open_store
from frontline.store import audit
from frontline.store import engine as store_engine
from frontline.store.rows import among, existing, insert_many, json_objects, update_many
from frontline.store.schema import SQL_TABLES, audit_log, imported_rows

TRICKY = ["plain", 'a "quote" and a \\ backslash', "Ḩamāh / حماة", "tab\there\nline",
          "\x00\x1f control", "emoji 🙂", "", "null"]  # fmt: skip
VALUES = [None, 0, -3, 2**62, True, False, 1.5, -0.0, 0.0, math.nan, math.inf, -math.inf,
          dt.date(2016, 3, 27), dt.datetime(2016, 3, 27, 10, 5, 1, 123),
          np.int64(7), np.float64(2.25), ["a", "b"], {"k": [1, None]}, *TRICKY]  # fmt: skip


def _columns(names: tuple[str, ...], rows: list[tuple]) -> dict[str, list]:
    return {n: [r[i] for r in rows] for i, n in enumerate(names)}


def test_json_objects_are_json_dumps_row_by_row():
    columns = {"first": VALUES, "Ḩ key": list(reversed(VALUES)), "third": VALUES[3:] + VALUES[:3]}
    rows = [dict(zip(columns, r, strict=True)) for r in zip(*columns.values(), strict=True)]
    expected = [json.dumps(r, ensure_ascii=False, default=audit._iso) for r in rows]
    assert json_objects(columns, default=audit._iso) == expected


def test_the_trail_of_many_rows_is_the_trail_of_each():
    events = SQL_TABLES["control_events"]
    names = [c.name for c in events.columns]
    rows = []
    for n, text in enumerate(TRICKY):
        row = dict.fromkeys(names)
        row.update(event_id=f"e{n}", quote=text, date=dt.date(2016, 1, n + 1),
                   source_ids=json.dumps([text, "s"], ensure_ascii=False),
                   claimed_by=json.dumps([]) if n % 2 else None,
                   deleted_at=dt.datetime(2020, 1, 1, 0, 0, n) if n % 3 else None)  # fmt: skip
        rows.append(row)
    columns = {n: [r[n] for r in rows] for n in names}
    assert audit.as_json_columns("control_events", columns) == [
        audit.as_json("control_events", r) for r in rows
    ]


@pytest.mark.store
def test_bulk_rows_read_back_as_sqlalchemy_wrote_them(settings, backend):
    engine = open_store(settings)
    at = dt.datetime(2026, 1, 2, 3, 4, 5, 678_000)
    entry = {"table_name": "t", "row_id": "r1", "action": "create", "actor": "A", "at": at,
             "before": None, "after": '{"a": "Ḩ"}', "reason": None}  # fmt: skip
    with store_engine.transaction(engine) as conn:
        conn.execute(audit_log.insert(), [{**entry, "row_id": "by sqlalchemy"}])
        insert_many(conn, audit_log, {k: [v] for k, v in {**entry, "row_id": "in bulk"}.items()})
    with engine.connect() as conn:
        found = conn.execute(sa.select(audit_log).where(audit_log.c.table_name == "t")).mappings()
        read = {r["row_id"]: {k: v for k, v in r.items() if k not in ("audit_id", "row_id")}
                for r in found}  # fmt: skip
    assert read["in bulk"] == read["by sqlalchemy"] and read["in bulk"]["at"] == at


@pytest.mark.store
def test_a_repeated_id_in_bulk_is_refused_and_nothing_is_kept(settings, backend):
    engine = open_store(settings)
    names = ("origin", "external_id", "table_name", "row_id", "imported_at", "imported_by")
    row = ("t", "X1", "control_events", "t:1", dt.datetime(2026, 1, 1), "A")
    with pytest.raises(StoreConflict), store_engine.transaction(engine) as conn:
        insert_many(conn, imported_rows, _columns(names, [row, ("t", "X2", *row[2:])]))
        insert_many(conn, imported_rows, _columns(names, [row]))
    with engine.connect() as conn:
        assert conn.execute(sa.select(imported_rows)).first() is None


@pytest.mark.store
def test_many_ids_are_found_and_updated_in_one_statement_each(settings, backend):
    engine = open_store(settings)
    names = ("origin", "external_id", "table_name", "row_id", "revision", "imported_at",
             "imported_by")  # fmt: skip
    rows = [("t", f"X{n}", "control_events", f"t:{n}", "1", dt.datetime(2026, 1, 1), "A")
            for n in range(3000)]  # fmt: skip
    wanted = [f"X{n}" for n in range(0, 3000, 3)] + ["nowhere", "Ḩ'\"%s?"]
    with store_engine.transaction(engine) as conn:
        insert_many(conn, imported_rows, _columns(names, rows))
        update_many(conn, imported_rows, ("origin", "external_id"), ["revision"],
                    [{"origin": "t", "external_id": "X3", "revision": "2"}])  # fmt: skip
        t = imported_rows.c
        found = dict(conn.execute(sa.select(t.external_id, t.revision)
                                  .where(among(conn, t.external_id, wanted))).all())  # fmt: skip
        assert existing(conn, imported_rows, "external_id", ["X5", "nowhere"]).keys() == {"X5"}
    assert sorted(found) == sorted(wanted[:-2]) and found["X3"] == "2" and found["X0"] == "1"


@pytest.mark.store
def test_a_value_of_another_type_is_stored_as_an_insert_would(settings, backend):
    """PostgreSQL's binary COPY takes only each column's own Python type: a number given for a
    text column goes in as text (the text COPY), as SQLAlchemy's INSERT would have put it."""
    engine = open_store(settings)
    names = ("origin", "external_id", "table_name", "row_id", "revision", "day", "imported_at",
             "imported_by")  # fmt: skip
    row = ("t", "X1", "control_events", "t:1", 1_600_000_000, dt.date(2016, 3, 27),
           dt.datetime(2026, 1, 1, 12), "A")  # fmt: skip
    with store_engine.transaction(engine) as conn:
        insert_many(conn, imported_rows, _columns(names, [row]))
    with engine.connect() as conn:
        stored = conn.execute(sa.select(imported_rows)).mappings().one()
    assert (stored["revision"], stored["day"]) == ("1600000000", dt.date(2016, 3, 27))


@pytest.mark.store
def test_a_save_audits_creates_and_updates_in_the_frame_order(settings, backend):
    engine = open_store(settings)

    def sources(*rows: tuple[str, str]) -> pd.DataFrame:
        return model.typed(model.SOURCES, pd.DataFrame([
            {"source_id": i, "publisher": p, "title": "t", "published_at": "2016-08-01",
             "published_at_precision": "day"} for i, p in rows]))  # fmt: skip

    store.load(engine, {"sources": sources(("t:a", "A"), ("t:b", "B"))}, actor="Analyst A")
    counts = store.load(engine, {"sources": sources(("t:a", "A, revised"), ("t:c", "C"),
                                                    ("t:b", "B"), ("t:d", "D"))},
                        actor="Analyst A")["sources"]  # fmt: skip
    assert (counts["added"], counts["updated"], counts["unchanged"]) == (2, 1, 1)
    with engine.connect() as conn:
        trail = store.audit_entries(conn, table="sources", by="Analyst A")[2:]
    assert [(e["id"], e["action"]) for e in trail] == [("t:a", "update"), ("t:c", "create"),
                                                      ("t:d", "create")]  # fmt: skip
    assert trail[0]["before"]["publisher"] == "A" and trail[0]["after"]["publisher"] == "A, revised"
