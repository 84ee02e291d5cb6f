"""`frontline import acled` and `frontline export acled`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from frontline import registry
from frontline.cli.common import BY, DAY, edge, writer
from frontline.cli.exchange import OUTPUT, export_group, import_group, progress, write_output
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.exports import acled as acled_export
from frontline.imports import acled, batch
from frontline.io.export import to_csv
from frontline.seeding import open_store


@import_group.command("acled")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sync", is_flag=True,
              help="The file is ACLED's complete export of its countries and period: events "
                   "imported before that it no longer holds are deleted (audited), not only "
                   "listed as possibly withdrawn.")  # fmt: skip
@BY
@edge
def import_acled(file: Path, sync: bool, by: str | None) -> None:
    """Import an ACLED export (current, 2019–2023 or old upper-case columns). Territory
    sub-events become control events, every other event a context event; locations are
    matched on the registry (or added), actors through their aliases (or added). The same
    file twice changes nothing; a newer export updates the events ACLED revised."""
    settings = load_settings()
    engine = open_store(settings)
    who = writer(engine, by)
    click.echo(f"reading {file.name} …", err=True)
    read = acled.read(file, settings, engine, registry.geocoder(settings, engine))
    summary = batch.run(read, settings, engine, who, sync=sync, progress=progress)
    for line in summary.lines():
        click.echo(line)


@export_group.command("acled")
@click.option("--as-of", "as_of", type=DAY, help="Only events up to the end of this day.")
@OUTPUT
@edge
def export_acled(as_of: dt.datetime | None, output: Path) -> None:
    """Write the control and context events in ACLED's current columns: events imported from
    ACLED as ACLED had them (updated where they were edited here), the others in ACLED's
    words."""
    engine = open_store(load_settings())
    ds = Dataset.read(engine)
    rows = acled_export.table(ds, engine, as_of=as_of.date() if as_of else None)
    write_output(output, to_csv(rows), f"{len(rows):,} events")
