"""`frontline import …` and `frontline export …`: files in other tools' formats in and out.

An import is one transaction (`frontline.imports.batch`): a bad row stops it with the file,
row and field named, and nothing is written. Progress goes to stderr, the summary to stdout, so
a script can keep the summary and a person still sees the import move.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from frontline import registry
from frontline.cli.common import BY, DAY, dataset, edge, main, writer
from frontline.config import load_settings
from frontline.exports import geojson
from frontline.imports import batch, hxl
from frontline.seeding import open_store

TABLES = click.Choice(sorted(hxl.TAGS))
OUTPUT = click.option("-o", "--output", "output", required=True,
                      type=click.Path(dir_okay=False, writable=True, allow_dash=True,
                                      path_type=Path),
                      help="The file to write ('-': standard output).")  # fmt: skip


@main.group("import")
def import_group() -> None:
    """Bring records in from another tool's file (one transaction: all or nothing)."""


@main.group("export")
def export_group() -> None:
    """Write records out in another tool's format."""


def progress(stage: str, done: int, total: int) -> None:
    """An import's progress on stderr, one line rewritten in place (`batch.Progress`)."""
    end = "\n" if done >= total else ""
    click.echo(f"\r{stage}: {done:,} of {total:,}{end}", err=True, nl=False)


def write_output(output: Path, text: str, what: str) -> None:
    """`text` to the file (or stdout for '-'), as UTF-8 with its line ends kept; a line on
    stderr says what was written where."""
    if str(output) == "-":
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8", newline="")
    click.echo(f"wrote {what} to {output}", err=True)


@import_group.command("hxl")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--table", type=TABLES, required=True,
              help="What the rows are: aid deliveries or control events.")  # fmt: skip
@BY
@edge
def import_hxl(file: Path, table: str, by: str | None) -> None:
    """Import an HXL CSV (a header row, then hashtags: #date, #loc+name, #loc+code, #geo+lat,
    #geo+lon, #org+name, #group+name …; the hashtag row may come after title or blank rows).
    Places are matched on the registry by p-code, then by name near the point, or added."""
    settings = load_settings()
    engine = open_store(settings)
    who = writer(engine, by)
    click.echo(f"reading {file.name} …", err=True)
    read = hxl.read(file, table, settings, engine, registry.geocoder(settings, engine))
    summary = batch.run(read, settings, engine, who, progress=progress)
    for line in summary.lines():
        click.echo(line)


@export_group.command("hxl")
@click.option("--table", type=TABLES, default="deliveries", show_default=True,
              help="Aid deliveries or control events.")  # fmt: skip
@OUTPUT
@edge
def export_hxl(table: str, output: Path) -> None:
    """Write the deliveries (or control events) as HXL CSV: a header row, the hashtag row,
    then one row per record; formula-like cells behind an apostrophe."""
    ds = dataset()
    text = hxl.write(ds, table, data_dir=load_settings().data_dir)
    count = len(ds.aid_deliveries if table == "deliveries" else ds.control_events)
    write_output(output, text, f"{count:,} {table}")


@export_group.command("geojson")
@click.option("--what", type=click.Choice(["snapshot", "deliveries", "areas"]),
              default="snapshot", show_default=True,
              help="Places and who holds them; aid deliveries; or estimated areas.")  # fmt: skip
@click.option("--as-of", "as_of", type=DAY,
              help="The day (snapshot, areas; default: the last day in the data).")  # fmt: skip
@OUTPUT
@edge
def export_geojson(what: str, as_of: dt.datetime | None, output: Path) -> None:
    """Write GeoJSON (RFC 7946: longitude, latitude; dates as ISO text in the properties)."""
    ds = dataset()
    day = as_of.date() if as_of else (ds.span[1] if ds.span else dt.date.today())
    if what == "deliveries":
        collection = geojson.deliveries(ds)
    elif what == "areas":
        collection = geojson.areas(ds, day)
    else:
        collection = geojson.snapshot(ds, day)
    if what != "deliveries" and not as_of:
        click.echo(f"as of {day.isoformat()} (the last day in the data)", err=True)
    if collection.get("description") and not collection["features"]:
        click.echo(collection["description"], err=True)
    write_output(output, geojson.dumps(collection), f"{len(collection['features']):,} features")
