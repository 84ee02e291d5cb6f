"""Bring any store to the newest schema with Alembic: an empty one, one made before migrations
existed (it has `schema_info` and no `alembic_version`: it is stamped as revision 0001 first),
or one some revisions behind. The app and every CLI command call `upgrade` on start."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline.errors import StoreError
from frontline.store.engine import lock_for_setup, unreachable

SCRIPTS = Path(__file__).parent / "migrations"
FIRST = "0001"
HEAD = "0007"  # the newest revision; tests/unit/test_migrations.py pins it to Alembic's head


def _config(conn: Connection):  # alembic.config.Config; Alembic is imported only to migrate
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


@cache
def _known() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory(str(SCRIPTS)).walk_revisions())


def head() -> str:
    """The newest revision this version of Frontline knows."""
    return HEAD


def current(conn: Connection) -> str | None:
    """The revision a store is at (None: not under migrations yet), read with one query and
    no Alembic import: every command and every app start asks it."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrate the store to head; returns (revision before, revision after). A store at a
    revision this Frontline does not know (a newer one's) is refused, not touched."""
    try:
        with engine.connect() as conn:
            found = current(conn)
    except sa.exc.DBAPIError as exc:
        raise unreachable(str(engine.url), exc) from exc
    if found == head():
        return found, found  # the common case on every start: one small query
    if found is not None and found not in _known():
        raise StoreError(f"the store is at revision {found}, which this version of Frontline "
                         f"does not know (its newest is {head()}): upgrade Frontline")  # fmt: skip
    try:
        return _migrate(engine)
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"migrating the store to {head()} failed, nothing was changed: "
                         f"{str(exc.orig or exc).strip().splitlines()[0]}") from exc


def _migrate(engine: Engine) -> tuple[str | None, str]:
    from alembic import command

    with engine.begin() as conn:
        lock_for_setup(conn)
        before = current(conn)
        config = _config(conn)
        if before is None and sa.inspect(conn).has_table("schema_info"):
            command.stamp(config, FIRST)  # made by create_all before migrations existed
            before = FIRST
        command.upgrade(config, "head")
        return before, current(conn) or head()
