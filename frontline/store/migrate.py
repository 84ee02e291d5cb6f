"""Bring any store to the newest schema with Alembic: an empty one, one made before migrations
existed (it has `schema_info` and no `alembic_version`: it is stamped as revision 0001 first),
or one some revisions behind. The app and every CLI command call `upgrade` on start."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

SCRIPTS = Path(__file__).parent / "migrations"
FIRST = "0001"
_LOCK = 727_001  # a PostgreSQL advisory lock: two dashboards starting at once migrate in turn


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


@cache
def head() -> str:
    """The newest revision this version of Frontline knows."""
    return ScriptDirectory(str(SCRIPTS)).get_current_head()


def current(conn: Connection) -> str | None:
    """The revision a store is at (None: not under migrations yet)."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrate the store to head; returns (revision before, revision after)."""
    with engine.connect() as conn:
        if current(conn) == head():
            return head(), head()  # the common case on every start: one small query
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
        before = current(conn)
        config = _config(conn)
        if before is None and sa.inspect(conn).has_table("schema_info"):
            command.stamp(config, FIRST)  # made by create_all before migrations existed
            before = FIRST
        command.upgrade(config, "head")
        return before, current(conn) or head()
