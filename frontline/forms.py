"""Data entry: a delivery or a control event typed by a person (the Aid page's form, or
`frontline add`) becomes checked rows, or errors naming the field.

Ids are derived from content, so submitting the same form twice names one record (recorded
once: `frontline.recording`). The place must be one of the place registry's; dates run from
`EARLIEST` (the war's sources start in 2011) to today. A form takes what was typed — text for
counts, so that "2.5", "-5" or "2⁶³" reach these checks instead of being rounded or dropped by a
widget — and never changes a value: a count is a whole number within the store's bounds or a
problem. Each problem names its field, so the form can show it beside that field (`by_field`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pandas as pd

from frontline import model, validation
from frontline.auth import RESERVED
from frontline.errors import DataError, ValidationError
from frontline.typed import typed
from frontline.vocabulary import Precision, Status

FORM = "aid form"
EVENT_FORM = "event form"
EARLIEST = dt.date(2011, 1, 1)  # the first date a delivery, an event or a source may carry


def in_range(day: dt.date | None, today: dt.date) -> bool:
    """Whether `day` is a date a form takes: from EARLIEST to today."""
    return day is not None and EARLIEST <= day <= today


def by_field(error: ValidationError) -> dict[str, list[str]]:
    """The problems of a form by field name, each as the person reads it ('must be 0 or more')."""
    found: dict[str, list[str]] = {}
    for e in error.errors:
        found.setdefault(e.field, []).append(e.reason)
    return found


def _merged(first: list[DataError], then: list[DataError]) -> list[DataError]:
    """`first` (what could not be read), then the other checks of the fields still unnamed."""
    named = {e.field for e in first}
    return first + [e for e in then if e.field not in named]


@dataclass(frozen=True, kw_only=True)
class Cited:
    """What every form collects besides its fact: the source it comes from, and who records it."""

    publisher: str = ""
    title: str = ""
    url: str = ""
    published_at: dt.date | None = None
    quote: str = ""
    notes: str = ""
    recorded_by: str = ""


@dataclass(frozen=True, kw_only=True)
class DeliveryForm(Cited):
    """What the Aid page's form collects."""

    destination_id: str | None
    date: dt.date | str | None
    organisations: list[str] = field(default_factory=list)
    trucks: int | str | None = None  # as typed: "12", "1,200"; checked by `whole`
    beneficiaries: int | str | None = None
    items: list[str] = field(default_factory=list)
    convoy_id: str = ""


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _problems(form: DeliveryForm, places: pd.DataFrame, today: dt.date) -> list[DataError]:
    errors = []

    def bad(name: str, message: str) -> None:
        errors.append(DataError(message, file=FORM, field=name))

    if form.destination_id not in set(places["place_id"]):
        bad("destination", "choose a destination the gazetteer knows")
    if not in_range(form.date, today):
        bad("date", f"give the delivery's date, from {EARLIEST} to today")
    return errors + _cited_problems(form, today, FORM, "delivery")


def _cited_problems(form: Cited, today: dt.date, file: str, what: str) -> list[DataError]:
    """Who records it, and a source with a quote and no future date: asked of every form."""
    errors = []
    if not form.recorded_by.strip():
        errors.append(DataError(f"say who records this {what}", file=file, field="recorded_by"))
    elif form.recorded_by.strip().casefold() in RESERVED:  # its rows leave with the next load
        errors.append(DataError("is the curated loader's name, not a person's: give your own",
                                file=file, field="recorded_by"))  # fmt: skip
    for name in ("publisher", "title", "quote"):
        if not getattr(form, name).strip():
            errors.append(DataError(f"is required: every {what} carries its source", file=file,
                                    field=name))  # fmt: skip
    if form.published_at is not None and not in_range(form.published_at, today):
        errors.append(DataError(f"must be from {EARLIEST} to today", file=file,
                                field="published_at"))  # fmt: skip
    return errors


@dataclass(frozen=True, kw_only=True)
class EventForm(Cited):
    """A control event as `frontline add event` takes it."""

    place_id: str | None
    date: dt.date | str | None
    event_type: str
    actor_id: str | None = None
    opponent_id: str | None = None
    status: str = Status.REPORTED
    claimed_by: str = ""
    confirmed_by: str = ""
    place_name: str = ""


def _event_problems(form: EventForm, places: pd.DataFrame, today: dt.date) -> list[DataError]:
    errors = []
    for name, ok, message in (
        ("place", form.place_id in set(places["place_id"]), "name a place the registry knows"),
        ("date", in_range(form.date, today), f"give the event's date, from {EARLIEST} to today"),
        ("event_type", form.event_type in model.EVENT_TYPES,
         f"must be one of {', '.join(model.EVENT_TYPES)}"),
        ("status", form.status in model.STATUSES, f"must be one of {', '.join(model.STATUSES)}"),
        ("opponent", not form.actor_id or form.actor_id != form.opponent_id,
         "cannot be the actor itself"),
    ):  # fmt: skip
        if not ok:
            errors.append(DataError(message, file=EVENT_FORM, field=name))
    return errors + _cited_problems(form, today, EVENT_FORM, "event")


def _checked_source(form: Cited, day: dt.date, errors: list[DataError]) -> dict:
    """The form's source row (dated `day` when the source's own date is not given), once the
    form's `errors` are none (else ValidationError)."""
    if errors:
        raise ValidationError(errors)
    published = form.published_at or day
    return {"source_id": "src-" + _digest(form.publisher.strip(), form.title.strip(), published),
            "publisher": form.publisher.strip(), "title": form.title.strip(),
            "url": form.url.strip(), "published_at": published.isoformat()}  # fmt: skip


def event_rows(
    form: EventForm, places: pd.DataFrame, today: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """The source, place and event rows for the store; ValidationError if the form is wrong."""
    form, unread = typed(form, EVENT_FORM)
    errors = _merged(unread, _event_problems(form, places, today or dt.date.today()))
    source = _checked_source(form, form.date, errors)
    event = {
        "event_id": f"{form.place_id.split(':')[-1]}-{form.date}-{form.event_type}-"
                    + _digest(form.actor_id, form.opponent_id, source["source_id"]),
        "date": form.date.isoformat(), "date_precision": Precision.DAY,
        "place_id": form.place_id, "place_name": form.place_name.strip() or None,
        "event_type": form.event_type, "actor_id": form.actor_id, "opponent_id":
        form.opponent_id, "status": form.status, "claimed_by": form.claimed_by.strip(),
        "confirmed_by": form.confirmed_by.strip(), "source_ids": source["source_id"],
        "quote": form.quote.strip(), "notes": form.notes.strip(),
    }  # fmt: skip
    return {
        "sources": validation.coerce(model.SOURCES, [source], origin=EVENT_FORM),
        "places": places[places["place_id"] == form.place_id].reset_index(drop=True),
        "control_events": validation.coerce(model.CONTROL_EVENTS, [event], origin=EVENT_FORM),
    }


def delivery_rows(
    form: DeliveryForm, places: pd.DataFrame, today: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """The source, place and delivery rows for the store; ValidationError if the form is wrong."""
    form, unread = typed(form, FORM)
    errors = _merged(unread, _problems(form, places, today or dt.date.today()))
    source = _checked_source(form, form.date, errors)
    source_id = source["source_id"]
    convoy_id = form.convoy_id.strip() or "convoy-" + _digest(
        form.date, sorted(form.organisations), form.trucks, form.beneficiaries, source_id
    )
    delivery = {
        "delivery_id": f"aid-{form.date}-" + _digest(convoy_id, form.destination_id),
        "convoy_id": convoy_id, "date": form.date.isoformat(), "date_precision": Precision.DAY,
        "destination_place_id": form.destination_id,
        "organisations": model.LIST_SEPARATOR.join(form.organisations),
        "trucks": form.trucks, "beneficiaries": form.beneficiaries,
        "figures_scope": "destination", "items": model.LIST_SEPARATOR.join(form.items),
        "status": Status.REPORTED, "source_ids": source_id, "quote": form.quote.strip(),
        "notes": form.notes.strip(),
    }  # fmt: skip
    place = places[places["place_id"] == form.destination_id]
    return {
        "sources": validation.coerce(model.SOURCES, [source], origin=FORM),
        "places": place.reset_index(drop=True),
        "aid_deliveries": validation.coerce(model.AID_DELIVERIES, [delivery], origin=FORM),
    }
