"""`frontline geocode`: kept apart from the other commands so that a cold run imports neither
pandas nor a database driver (`frontline.entry` dispatches to it directly)."""

from __future__ import annotations

import gc
import json

import click

from frontline.config import load_settings
from frontline.errors import FrontlineError
from frontline.gazetteer import Gazetteer
from frontline.gazetteer.documents import resolve_document


@click.command()
@click.argument("queries", nargs=-1)
@click.option("--country", help="ISO 3166-1 alpha-2 hint for every query, e.g. SY.")
@click.option("--input", "input_file", type=click.File(encoding="utf-8"),
              help="One query a line, optionally a TAB and a country hint.")  # fmt: skip
def geocode(queries: tuple[str, ...], country: str | None, input_file) -> None:
    """Resolve place names offline; one JSON object a line: {"query", "match"}. A country hint
    filters; a weak or ambiguous answer says so (`low_confidence`)."""
    pairs = [(q, country) for q in queries]
    if input_file is not None:
        for line in input_file:
            text, _, hint = line.rstrip("\n").partition("\t")
            if text.strip():
                pairs.append((text.strip(), hint.strip() or country))
    if not pairs:
        raise click.UsageError("give QUERY arguments or --input FILE")
    try:
        gazetteer = Gazetteer.from_settings(load_settings())
    except FrontlineError as exc:
        raise click.ClickException(str(exc)) from exc
    gc.freeze()  # the index's long-lived objects: no need for the collector to walk them again
    for row in resolve_document(gazetteer, pairs):
        click.echo(json.dumps(row, ensure_ascii=False))
