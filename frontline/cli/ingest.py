"""`frontline ingest`: a news report's text → candidate control and aid events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from frontline.cli.common import DAY, edge, main
from frontline.config import load_settings
from frontline.errors import DataError


@main.command("ingest")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True,
                                        path_type=Path))  # fmt: skip
@click.option("--published", type=DAY, required=True, help="The report's dateline: relative "
              "dates (\"on Wednesday\", \"two weeks ago\") resolve against it.")  # fmt: skip
@click.option("--publisher", default="", help="Who published it (default: the agency its "
              "dateline names, e.g. \"BEIRUT (AP) —\").")  # fmt: skip
@click.option("--url", default="", help="The report's address.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format.")  # fmt: skip
@edge
def ingest_command(file: Path, published: dt.datetime, publisher: str, url: str,
                   fmt: str) -> None:  # fmt: skip
    """Read a report (a text file, '-' for standard input) and print the control and aid
    events it states as candidates for review: a JSON list, each with its sentence and offsets
    in the cleaned text, who claimed and who confirmed it. Nothing is recorded. Offline: places
    resolve through the place registry only."""
    from frontline.gazetteer import Gazetteer
    from frontline.ingest import Report, ingest

    text = click.get_text_stream("stdin").read() if str(file) == "-" else _read(file)
    settings = load_settings()
    gazetteer = Gazetteer(settings.data_dir, store_url=settings.database_url)
    report = Report(text, published.date(), publisher, url)
    found = ingest(report, gazetteer, settings.data_dir)
    rows = [c.to_json() | c.details() for c in found]
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2))


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{file}: not UTF-8 text ({exc.reason})") from exc
