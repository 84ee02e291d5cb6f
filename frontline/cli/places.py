"""Commands of the place registry and data entry: `places add`, `add event`, `add delivery`.

Places are named as a person or a source would (any spelling the geocoder resolves, a p-code or
an id); a name the geocoder is unsure of is refused with its alternatives, never guessed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click
import pandas as pd
from sqlalchemy.engine import Engine

from frontline import forms, recording, registry
from frontline.cli.common import BY, DAY, edge, main, writer
from frontline.config import Settings, load_settings
from frontline.errors import DataError, StoreConflict, ValidationError
from frontline.gazetteer import Gazetteer
from frontline.seeding import open_store
from frontline.vocabulary import Status


@main.group("places")
def places_group() -> None:
    """The place registry."""


@places_group.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@BY
@click.option("--source", help="How to cite the file (default: its name).")
@edge
def places_add(file: Path, by: str | None, source: str | None) -> None:
    """Add a gazetteer: a GeoNames dump (SY.zip, SY.txt), an OCHA COD table or a CSV of name,
    lat, lon[, kind, country]. Places already known gain the file's names; the rest join."""
    settings = load_settings()
    engine = open_store(settings)
    result = registry.add_file(file, settings, engine, writer(engine, by), source)
    c = result.counts
    click.echo(f"{file.name} ({result.format}): {c['added']} added, {c['merged']} merged "
               f"into known places, {c['unchanged']} already known, "
               f"{c['rejected']} rejected")  # fmt: skip
    for where, reason in result.rejected[:20]:
        click.echo(f"  {where}: {reason}")
    if len(result.rejected) > 20:
        click.echo(f"  … and {len(result.rejected) - 20} more")


@main.group("add")
def add_group() -> None:
    """Record a fact, checked as the app's forms check it."""


def _place(geocoder: Gazetteer, name: str, country: str | None) -> str:
    found = geocoder.geocode(name, exactly_one=False, country_codes=country, limit=4)
    if not found:
        raise ValidationError([DataError(f"{name!r} is no place the registry knows",
                                         file="command line", field="place")])  # fmt: skip
    if found[0].raw["low_confidence"]:
        options = "; ".join(f"{f.raw['name']} ({f.raw['place_id']}, {f.raw['kind']}, "
                            f"{f.raw['country']})" for f in found)  # fmt: skip
        raise ValidationError([DataError(f"{name!r} is ambiguous or a weak match: give the id "
                                         f"of one of {options}", file="command line",
                                         field="place")])  # fmt: skip
    return found[0].raw["place_id"]


SOURCE = [
    click.option("--publisher", required=True), click.option("--title", required=True),
    click.option("--url", default=""), click.option("--published", type=DAY),
    click.option("--quote", required=True, help="The sentence of the source that says it."),
]  # fmt: skip


def _with_source(func: Callable) -> Callable:
    for option in reversed(SOURCE):
        func = option(func)
    return func


def _context(place: str, country: str | None, by: str | None
             ) -> tuple[Settings, Engine, str, str, pd.DataFrame]:  # fmt: skip
    """The store, who records (signed in first: a refused identity reads nothing more), the
    place's id and the registry's places."""
    settings = load_settings()
    engine = open_store(settings)
    who = writer(engine, by)
    pid = _place(registry.geocoder(settings, engine), place, country)
    return settings, engine, who, pid, registry.places(settings.data_dir, engine)


def _recorded(outcome: recording.Outcome, place_id: str) -> None:
    """Created, or the same record again (exit 0); a resubmission that differs, or one of a
    deleted record, did not do what was asked (StoreConflict: exit 1)."""
    if outcome.created:
        click.echo(f"recorded {outcome.row_id} at {place_id}")
    elif outcome.differs or outcome.deleted:
        raise StoreConflict(outcome.message)
    else:
        click.echo(outcome.message)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@add_group.command("event")
@click.option("--place", required=True, help="Any name the geocoder resolves, or a place id.")
@click.option("--country", help="Country hint for the place (SY, IQ …).")
@click.option("--date", "day", type=DAY, required=True)
@click.option("--type", "event_type", required=True, help="captured, entered, besieged …")
@click.option("--actor", help="Actor id (actors.csv).")
@click.option("--opponent", help="Opponent actor id.")
@click.option("--status", default=Status.REPORTED, show_default=True)
@click.option("--claimed-by", default="")
@click.option("--confirmed-by", default="")
@_with_source
@BY
@edge
def add_event(place: str, country: str | None, day: dt.datetime, event_type: str,
              actor: str | None, opponent: str | None, status: str, claimed_by: str,
              confirmed_by: str, publisher: str, title: str, url: str,
              published: dt.datetime | None, quote: str, by: str | None) -> None:  # fmt: skip
    """Record a control event at any place of the registry (once: a resubmission is told
    when and by whom it was recorded)."""
    settings, engine, who, pid, known = _context(place, country, by)
    form = forms.EventForm(
        place_id=pid, date=_day(day), event_type=event_type, actor_id=actor,
        opponent_id=opponent, status=status, claimed_by=claimed_by, confirmed_by=confirmed_by,
        place_name=place, publisher=publisher, title=title, url=url,
        published_at=_day(published), quote=quote, recorded_by=who,
    )  # fmt: skip
    _recorded(recording.record(engine, forms.event_rows(form, known), who), pid)


@add_group.command("delivery")
@click.option("--place", required=True, help="The destination: any name or a place id.")
@click.option("--country", help="Country hint for the place (SY, IQ …).")
@click.option("--date", "day", type=DAY, required=True)
@click.option("--organisation", "organisations", multiple=True)
@click.option("--trucks", help="A whole number, as the form takes it.")
@click.option("--people", help="People reached: a whole number.")
@click.option("--item", "items", multiple=True)
@_with_source
@BY
@edge
def add_delivery(place: str, country: str | None, day: dt.datetime,
                 organisations: tuple[str, ...], trucks: str | None, people: str | None,
                 items: tuple[str, ...], publisher: str, title: str, url: str,
                 published: dt.datetime | None, quote: str, by: str | None) -> None:  # fmt: skip
    """Record an aid delivery to any place of the registry (once: a resubmission is told
    when and by whom it was recorded)."""
    settings, engine, who, pid, known = _context(place, country, by)
    form = forms.DeliveryForm(
        destination_id=pid, date=_day(day), organisations=list(organisations), trucks=trucks,
        beneficiaries=people, items=list(items), publisher=publisher, title=title, url=url,
        published_at=_day(published), quote=quote, recorded_by=who,
    )  # fmt: skip
    _recorded(recording.record(engine, forms.delivery_rows(form, known), who), pid)
