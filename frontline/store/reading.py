"""Reading the store: live rows only. Deleted rows stay in their tables (and in the audit log),
but no engine, page or command ever sees them."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline import model
from frontline.store import audit
from frontline.store.rows import from_json
from frontline.store.schema import SQL_TABLES, live


def read_tables(source: Engine | Connection) -> dict[str, pd.DataFrame]:
    """Every table's live rows as a typed DataFrame, as the engines expect them."""
    if isinstance(source, Engine):
        return read_versioned(source)[1]
    return {name: _read(source, spec) for name, spec in model.TABLES.items()}


def read_versioned(engine: Engine) -> tuple[int, dict[str, pd.DataFrame]]:
    """The store's version and every table, from one view of the store: on PostgreSQL a
    repeatable-read transaction, so a change committed half-way through is in all of them or
    in none (and in the version with them)."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        return audit.version(conn), read_tables(conn)


def live_rows(engine: Engine, spec: model.Table) -> pd.DataFrame:
    """The live rows of one table (the place registry reads a store's places alone)."""
    with engine.connect() as conn:
        return _read(conn, spec)


def _read(conn: Connection, spec: model.Table) -> pd.DataFrame:
    table = SQL_TABLES[spec.name]
    rows = conn.execute(sa.select(*(table.c[n] for n in spec.names)).where(live(table))).all()
    if not rows:
        return model.empty(spec)
    columns = dict(zip(spec.names, map(list, zip(*rows, strict=True)), strict=True))
    for column in spec.columns:
        if column.kind == "list":
            columns[column.name] = from_json(columns[column.name])
    return model.typed(spec, pd.DataFrame(columns, columns=spec.names, dtype=object))


def version(engine: Engine) -> int:
    """A number that grows with every change to the store: the key of every cache."""
    with engine.connect() as conn:
        return audit.version(conn)
