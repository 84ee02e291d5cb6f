"""`frontline brief`: a briefing as one self-contained HTML file, the Briefing page's download."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from frontline import briefing, maps
from frontline.cli.common import DAY, main
from frontline.cli.common import dataset as _dataset
from frontline.cli.common import edge as _edge
from frontline.cli.reports import ACTORS, TYPES, chosen
from frontline.config import load_settings
from frontline.model import EVENT_TYPES


@main.command()
@click.option("--as-of", "as_of", type=DAY, required=True, help="The situation at its end.")
@click.option("--since", type=DAY, help="What changed since the end of this day (default: "
              f"{briefing.content.DEFAULT_SINCE_DAYS} days before --as-of).")  # fmt: skip
@click.option("--theme", type=click.Choice(briefing.THEMES), default="light", show_default=True)
@ACTORS
@TYPES
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), required=True,
              help="The HTML file to write ('-': standard output).")  # fmt: skip
@_edge
def brief(as_of: dt.datetime, since: dt.datetime | None, theme: str, actors: str | None,
          types: str | None, output: str) -> None:  # fmt: skip
    """A briefing for a screen or for print: the situation map at the end of a day, what changed
    since an earlier one, aid in between and the quotes it rests on, as one HTML file that opens
    with no network (arrow keys step through the sections; printing gives a page each)."""
    ds = _dataset()
    found = briefing.build(ds, as_of.date(), since.date() if since else None,
                           actors=chosen(actors, ds.actor_ids, "actors"),
                           types=chosen(types, set(EVENT_TYPES), "types"))  # fmt: skip
    html = briefing.document(ds, found, maps.boundaries(load_settings().data_dir), theme=theme)
    if output == "-":
        sys.stdout.write(html)
        return
    Path(output).write_text(html, encoding="utf-8")
    size = len(html.encode("utf-8")) / 1e6
    click.echo(f"wrote {output} ({size:.2f} MB): the situation at the end of {found.as_of}, "
               f"changes since the end of {found.since}", err=True)  # fmt: skip
