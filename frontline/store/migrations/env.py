"""Alembic's entry point: migrations run on the connection `frontline.store.migrate` hands over
(there is no alembic.ini: the app and the CLI migrate their own store)."""

from __future__ import annotations

from alembic import context

from frontline.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
