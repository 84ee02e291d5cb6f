"""Commands that change the store: load data/, and (soon) delete, restore and audit."""

from __future__ import annotations

import click

from frontline import store
from frontline.cli.common import edge, main
from frontline.config import load_settings
from frontline.io.dataset import read_dataset


@main.command()
@edge
def load() -> None:
    """Check data/ and seeds/ and bring the store in line: new and changed rows, and rows taken
    out of data/ (deleted, with the old row kept in the audit log); entries made in the app stay."""
    settings = load_settings()
    engine = store.connect(settings.database_url)
    store.create_schema(engine)
    counts = store.load(engine, read_dataset(settings.data_dir, settings.seeds_dir), prune=True)
    for table, c in counts.items():
        click.echo(f"{table}: {c['added']} added, {c['updated']} updated, "
                   f"{c['deleted']} deleted, {c['unchanged']} unchanged")  # fmt: skip
