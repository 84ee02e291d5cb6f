"""Migrations: an empty store and a store made before migrations both reach head, and head is
exactly the schema the model describes (on SQLite and PostgreSQL)."""

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from frontline import store
from frontline.cli import main
from frontline.store import migrate

pytestmark = pytest.mark.store
DATA = Path(__file__).parents[1] / "data"


def _differences(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), store.metadata)


def test_an_empty_store_upgrades_to_the_model(isolated_store):
    engine = store.connect(isolated_store)
    assert store.upgrade(engine) == (None, migrate.head())
    assert _differences(engine) == []
    assert store.upgrade(engine) == (migrate.head(), migrate.head())  # again: nothing to do


def _old_store(engine: sa.Engine) -> None:
    """A store as ddfb88d's `create_all` made it, before migrations (its DDL, dumped from that
    code, in tests/data/): a version row, no alembic_version; one event and its 'insert'
    audit entry."""
    ddl = (DATA / f"store_before_migrations.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    with engine.begin() as conn:
        for statement in ddl.split(";"):
            if "CREATE" in statement:
                conn.execute(sa.text(statement))
        conn.execute(sa.text("INSERT INTO schema_info (version) VALUES (1)"))
        conn.execute(sa.text(
            "INSERT INTO control_events (event_id, date, place_id, event_type, status, "
            "source_ids, quote) VALUES ('old-1', '2016-06-29', 'fl:x', 'captured', 'reported', "
            "'[\"s\"]', 'q')"))  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO audit_log (table_name, row_id, action, actor, at) "
                    "VALUES ('control_events', 'old-1', 'insert', 'data/', :at)"),
            {"at": dt.datetime(2026, 1, 1)},
        )  # fmt: skip


def test_a_store_from_before_migrations_keeps_its_rows(isolated_store):
    engine = store.connect(isolated_store)
    _old_store(engine)
    assert store.upgrade(engine) == (migrate.FIRST, migrate.head())
    assert _differences(engine) == []
    with engine.connect() as conn:
        events = store.read_tables(conn)["control_events"]
        assert events["event_id"].tolist() == ["old-1"]
        [entry] = store.audit_entries(conn, "old-1")
    assert (entry["action"], entry["by"]) == ("create", "data/")


def test_db_upgrade_command(isolated_store):
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"store at {migrate.head()} (was empty)"
    again = CliRunner().invoke(main, ["db", "upgrade"])
    assert again.output.strip() == f"store at {migrate.head()}"


def test_schema_changes_roll_back_with_their_transaction(isolated_store):
    """A migration that fails half-way leaves nothing behind (on SQLite too, whose Python
    driver would otherwise commit each CREATE and ALTER on its own)."""
    engine = store.connect(isolated_store)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("the migration fails here")
    assert not sa.inspect(engine).has_table("half_done")


def test_the_head_constant_is_alembics_head():
    """`migrate.HEAD` lets every start compare revisions without importing Alembic; a new
    revision must move it."""
    from alembic.script import ScriptDirectory

    assert migrate.HEAD == ScriptDirectory(str(migrate.SCRIPTS)).get_current_head()
