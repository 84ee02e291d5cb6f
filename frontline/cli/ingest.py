"""`frontline ingest`: a news report's text → candidate control and aid events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from frontline.cli.common import BY, DAY, edge, main, writer
from frontline.config import Settings, load_settings
from frontline.errors import DataError, StoreInvalid


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
@click.option(
    "--queue",
    is_flag=True,
    help="Also put the candidates in the review queue "
    "(the Review page, `frontline review`); none counts until someone accepts it.",
)
@click.option(
    "--accept-all",
    is_flag=True,
    help="Queue them and accept every one that can be "
    "a record as it stands (no review); the others stay in the queue.",
)
@BY
@edge
def ingest_command(file: Path, published: dt.datetime, publisher: str, url: str, fmt: str,
                   queue: bool, accept_all: bool, by: str | None) -> None:  # fmt: skip
    """Read a report (a text file, '-' for standard input) and print the control and aid
    events it states as candidates for review: a JSON list, each with its sentence and offsets
    in the cleaned text, who claimed and who confirmed it. Nothing is recorded unless --queue
    or --accept-all (what they did is told on stderr). Offline: places resolve through the
    place registry only."""
    from frontline.gazetteer import Gazetteer
    from frontline.ingest import Report, read

    text = click.get_text_stream("stdin").read() if str(file) == "-" else _read(file)
    settings = load_settings()
    gazetteer = Gazetteer(settings.data_dir, store_url=settings.database_url)
    report = Report(text, published.date(), publisher, url)
    cleaned, found = read(report, gazetteer, settings.data_dir)
    rows = [c.to_json() | c.details() for c in found]
    if queue or accept_all:
        _queue(settings, report, cleaned, rows, by, accept_all)
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2))


def _queue(settings: Settings, report, cleaned: str, rows: list[dict], by: str | None,
           accept_all: bool) -> None:  # fmt: skip
    """Queue the candidates; with `accept_all`, accept each that can be a record as it is."""
    from frontline import review
    from frontline.seeding import open_store

    engine = open_store(settings)
    who = writer(engine, by)
    named = (e.get("publisher") for r in rows for e in r.get("evidence", []))
    publisher = report.publisher or next((p for p in named if p), "")  # the dateline's agency
    article = review.Article(cleaned, report.published, publisher, "", report.url)
    done = review.queue(engine, article, rows, who)
    click.echo(f"queued {len(done.added)} new candidate(s) for review ({len(done.pending)} "
               f"already pending, {len(done.decided)} decided before)", err=True)  # fmt: skip
    if not accept_all:
        return
    accepted, left = 0, []
    for candidate_id in done.added + done.pending:
        try:
            review.accept(engine, settings, [candidate_id], who)
            accepted += 1
        except StoreInvalid as exc:
            left.append(f"{candidate_id}: {exc}")
    click.echo(f"accepted {accepted}; left in the queue {len(left)}", err=True)
    for line in left:
        click.echo(f"  {line}", err=True)


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{file}: not UTF-8 text ({exc.reason})") from exc
