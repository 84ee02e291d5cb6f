"""The store: SQLAlchemy Core over SQLite by default, PostgreSQL for a team (any SQLAlchemy
URL). Schema from `frontline.model` (`schema`), brought to head by Alembic (`migrate`); writes
take a `Connection` (`records`) so callers compose them in one `transaction`; reads see live
rows only (`reading`); every change is in the audit log (`audit`), and any version it keeps
can be put back (`versions`)."""

from frontline.store.audit import entries as audit_entries
from frontline.store.engine import connect, is_empty, lock_for_setup, transaction
from frontline.store.migrate import upgrade
from frontline.store.reading import read_tables, read_versioned, version
from frontline.store.records import delete, load, restore, save
from frontline.store.schema import LOAD_ORDER, SQL_TABLES, audit_log, metadata
from frontline.store.versions import restore_version, undelete, versions

__all__ = [
    "LOAD_ORDER", "SQL_TABLES", "audit_entries", "audit_log", "connect", "delete",
    "is_empty", "load", "lock_for_setup", "metadata", "read_tables", "read_versioned", "restore",
    "restore_version", "save", "transaction", "undelete", "upgrade", "version", "versions",
]  # fmt: skip
