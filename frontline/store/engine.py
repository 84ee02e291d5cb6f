"""Engines and transactions. Every write function of the store takes a `Connection`, so that
a caller composes a whole import, acceptance or edit, with its audit entries, in one
`with transaction(engine) as conn:` — all of it lands or none does. Database errors leave as
`StoreError`s that say what went wrong in words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline.errors import StoreConflict, StoreError, StoreInvalid
from frontline.store.schema import SQL_TABLES

WRITING = "frontline_writing"  # execution option of a `transaction`'s connection
BUSY_SECONDS = 30  # how long a SQLite writer waits for another one to finish
_BUSY_STATES = {"40001", "40P01", "55P03"}  # PostgreSQL: serialization, deadlock, lock wait


def connect(url: str) -> Engine:
    """An engine for `url` (sqlite:///…, postgresql+psycopg://…); a SQLite file's folder is
    created if missing. Nothing is opened until first use."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_SECONDS})  # wait, not fail
    _transactions_in_full(engine)
    return engine


def _transactions_in_full(engine: Engine) -> None:
    """Python's sqlite3 begins a transaction only before INSERT/UPDATE/DELETE, so a migration's
    CREATE and ALTER would commit one by one, and two reads in one block could see two states.
    SQLAlchemy's documented remedy: let SQLAlchemy say BEGIN itself, for every transaction.

    A `transaction` (a write) says BEGIN IMMEDIATE: it takes the write lock first, waiting
    for another writer up to BUSY_SECONDS. A deferred one that read and then writes cannot
    wait: SQLite answers "database is locked" at once when another writer got there first
    (no busy wait on a lock upgrade), and two editors saving at the same moment would see a
    raw error. Reads stay deferred: they take no write lock, so they queue behind no writer."""

    @sa.event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get(WRITING)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any error; on
    SQLite it holds the write lock from its first statement (see `_transactions_in_full`)."""
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITING: True})
            with conn.begin():
                yield conn
    except sa.exc.IntegrityError as exc:
        raise _integrity(exc) from exc
    except sa.exc.OperationalError as exc:
        if _busy(exc):
            raise StoreConflict("the store is busy: another change was being written for "
                                f"over {BUSY_SECONDS} seconds; nothing was saved: try again"
                                ) from exc  # fmt: skip
        raise StoreError(f"the store could not be written: {_first_line(exc)}") from exc
    except sa.exc.DataError as exc:  # e.g. a NUL character, which PostgreSQL text refuses
        raise StoreInvalid(f"a value the store cannot hold ({_first_line(exc)}); "
                           "nothing was saved") from exc  # fmt: skip
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"the store could not be written: {_first_line(exc)}") from exc


def _busy(exc: sa.exc.DBAPIError) -> bool:
    """Another writer held a lock too long: SQLite's "database is locked", or PostgreSQL's
    serialization failure, deadlock or lock wait timeout."""
    state = getattr(exc.orig, "sqlstate", None)
    return state in _BUSY_STATES or "database is locked" in str(exc.orig).lower()


def _first_line(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _integrity(exc: sa.exc.IntegrityError) -> StoreError:
    """A constraint the database enforced, in words: a missing value is invalid input, a
    repeated id is someone else's row written at the same moment."""
    text = _first_line(exc)
    lowered = text.lower()
    if "not null" in lowered or "null value" in lowered:
        return StoreInvalid(f"a required value is missing ({text}); nothing was saved")
    if "unique" in lowered or "duplicate key" in lowered:
        return StoreConflict(
            f"a record with this id was saved by someone else at the same moment ({text}); "
            "nothing was saved: reload and try again"
        )
    return StoreError(f"the store refused the change ({text}); nothing was saved")


def is_empty(source: Engine | Connection) -> bool:
    """True when no record table holds any row, deleted ones included: a new store."""
    if isinstance(source, Engine):
        with source.connect() as conn:
            return is_empty(conn)
    return not any(source.execute(sa.select(t).limit(1)).first() for t in SQL_TABLES.values())


_LOCK = 727_001  # a PostgreSQL advisory lock: instances starting at once migrate and seed in turn


def lock_for_setup(conn: Connection) -> None:
    """Hold the set-up lock until this transaction ends (PostgreSQL; SQLite serves one machine
    and locks the whole file on write)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})


def unreachable(url: str, exc: sa.exc.DBAPIError) -> StoreError:
    """A store that cannot be opened, named without its password."""
    shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    return StoreError(f"cannot open the store {shown}: {_first_line(exc)}")
