"""Report commands: the same functions as the pages, printed as JSON or CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

import click
import pandas as pd

from frontline import aid, report, timeline
from frontline.cli.common import DAY, FORMAT, main
from frontline.cli.common import dataset as _dataset
from frontline.cli.common import edge as _edge
from frontline.cli.common import emit as _emit
from frontline.errors import DataError
from frontline.io.export import to_csv, to_json
from frontline.model import EVENT_TYPES


@main.command()
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    required=True,
    help="The day: the state at its end.",
)
@FORMAT
@_edge
def snapshot(as_of: dt.datetime, fmt: str) -> None:
    """The state of every place at the end of a day."""
    _emit(report.snapshot(_dataset(), as_of.date()), fmt)


@main.command("aid")
@click.option("--place", help="Only deliveries to this place (name, any known spelling, or id).")
@click.option("--since", type=DAY, help="Only deliveries on or after this day.")
@FORMAT
@_edge
def aid_command(place: str | None, since: dt.datetime | None, fmt: str) -> None:
    """Aid deliveries, one row per convoy destination."""
    _emit(report.deliveries(_dataset(), place, since=since.date() if since else None), fmt)


@main.command()
@click.option("--as-of", "as_of", type=DAY, required=True, help="The day: sieges at its end.")
@FORMAT
@_edge
def access(as_of: dt.datetime, fmt: str) -> None:
    """Besieged places: by whom, their last aid delivery and how many days without aid."""
    _emit(report.access(_dataset(), as_of.date()), fmt)


@main.command()
@click.option("--since", type=DAY, required=True, help="The first day: the state at its end.")
@click.option("--until", type=DAY, required=True, help="The last day: the state at its end.")
@FORMAT
@_edge
def changes(since: dt.datetime, until: dt.datetime, fmt: str) -> None:
    """Places whose controller or state changed between two days; apart, places first reported
    in between (nothing was known of them before) and round trips (changed and came back)."""
    found = report.changes(_dataset(), since.date(), until.date())
    if fmt == "json":
        click.echo(to_json(found))
    else:
        click.echo(to_csv(report.changes_table(found)), nl=False)


@main.command()
@click.argument("place")
@FORMAT
@_edge
def history(place: str, fmt: str) -> None:
    """One place's control intervals and events (PLACE: any known spelling, or an id)."""
    found = report.history(_dataset(), place)
    if fmt == "json":
        click.echo(to_json(found))
    else:
        click.echo(to_csv(pd.DataFrame(found["intervals"])), nl=False)


def chosen(text: str | None, allowed: Set[str], field: str) -> frozenset[str]:
    """A comma-separated option as a set; a value not in `allowed` is an error naming it."""
    picked = frozenset(v.strip() for v in (text or "").split(",") if v.strip())
    unknown = sorted(picked - allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise DataError(f"unknown {field}: {', '.join(unknown)} (known: {known})", field=field)
    return picked


ACTORS = click.option(
    "--actors", help="Comma-separated actor ids (holding, besieging, contesting)."
)
TYPES = click.option("--types", help="Comma-separated event types, e.g. captured,besieged.")


@main.command("map-places")
@click.option("--as-of", "as_of", type=DAY, required=True, help="The day: the map at its end.")
@click.option("--since", type=DAY, help="With --types: only events after the end of this day.")
@ACTORS
@TYPES
@FORMAT
@_edge
def map_places(as_of: dt.datetime, since: dt.datetime | None, actors: str | None,
               types: str | None, fmt: str) -> None:  # fmt: skip
    """The places the Map page draws for a day and filters, with events and deliveries so far."""
    ds, day = _dataset(), as_of.date()
    _emit(report.map_places(ds, report.snapshot(ds, day), day,
                            since=since.date() if since else None,
                            actors=chosen(actors, ds.actor_ids, "actors"),
                            types=chosen(types, set(EVENT_TYPES), "types")), fmt)  # fmt: skip


@main.command()
@click.option("--until", type=DAY, help="Only events up to the end of this day.")
@ACTORS
@TYPES
@FORMAT
@_edge
def weekly(until: dt.datetime | None, actors: str | None, types: str | None, fmt: str) -> None:
    """Events per week and type, as the Timeline page charts them (weeks start on Monday)."""
    ds = _dataset()
    events = timeline.select(ds.control_events, chosen(actors, ds.actor_ids, "actors"),
                             chosen(types, set(EVENT_TYPES), "types"),
                             until=until.date() if until else None)  # fmt: skip
    _emit(timeline.weekly_events(events), fmt)


@main.command("aid-totals")
@click.option(
    "--by",
    "by",
    type=click.Choice(aid.TOTAL_BY),
    required=True,
    help="One row per week (its Monday), month, organisation or destination.",
)
@click.option("--since", type=DAY, help="Only deliveries on or after this day.")
@click.option("--until", type=DAY, help="Only deliveries on or before this day.")
@FORMAT
@_edge
def aid_totals(by: str, since: dt.datetime | None, until: dt.datetime | None, fmt: str) -> None:
    """Deliveries, convoys, trucks and people reached, totalled as the Aid page and the Timeline
    total them: a convoy's figures count once."""
    if since and until and since > until:
        raise DataError(f"--since {since.date()} comes after --until {until.date()}",
                        field="since")  # fmt: skip
    ds = _dataset()
    rows = aid.select(ds.aid_deliveries, since=since.date() if since else None,
                      until=until.date() if until else None)  # fmt: skip
    _emit(report.totals(ds, by, rows), fmt)
