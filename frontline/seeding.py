"""Opening the store for the app and the CLI: brought to the newest schema, and filled from the
curated data/ and seeds/ when it holds nothing yet. Kept out of `frontline.store`, which knows
nothing of files."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from frontline import store
from frontline.config import Settings
from frontline.io.dataset import read_dataset


def open_store(settings: Settings) -> Engine:
    """The one set-up call of the app and the CLI: schema at head, data/ loaded if empty."""
    engine = store.connect(settings.database_url)
    store.upgrade(engine)
    if store.is_empty(engine):
        tables = read_dataset(settings.data_dir, settings.seeds_dir)
        with store.transaction(engine) as conn:
            store.lock_for_setup(conn)  # another instance may be seeding the same store now
            if store.is_empty(conn):
                store.save(conn, tables, "data/")
    return engine
