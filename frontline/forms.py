"""Data entry: a delivery typed by a person becomes checked rows, or errors naming the field.

Ids are derived from content, so submitting the same form twice stores one delivery. The
destination must resolve through the offline gazetteer; the date may not be in the future.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pandas as pd

from frontline import model, validation
from frontline.errors import DataError, ValidationError
from frontline.vocabulary import Precision, Status

FORM = "aid form"


@dataclass(frozen=True)
class DeliveryForm:
    """What the Aid page's form collects."""

    destination_id: str | None
    date: dt.date | None
    organisations: list[str] = field(default_factory=list)
    trucks: int | None = None
    beneficiaries: int | None = None
    items: list[str] = field(default_factory=list)
    convoy_id: str = ""
    publisher: str = ""
    title: str = ""
    url: str = ""
    published_at: dt.date | None = None
    quote: str = ""
    notes: str = ""
    recorded_by: str = ""


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _problems(form: DeliveryForm, places: pd.DataFrame, today: dt.date) -> list[DataError]:
    errors = []

    def bad(name: str, message: str) -> None:
        errors.append(DataError(message, file=FORM, field=name))

    if form.destination_id not in set(places["place_id"]):
        bad("destination", "choose a destination the gazetteer knows")
    if form.date is None or form.date > today:
        bad("date", "give the delivery's date, not in the future")
    for name in ("trucks", "beneficiaries"):
        value = getattr(form, name)
        if value is not None and (int(value) != value or value < 0):
            bad(name, "must be a whole number, 0 or more")
    if not form.recorded_by.strip():
        bad("recorded_by", "say who records this delivery")
    for name in ("publisher", "title", "quote"):
        if not getattr(form, name).strip():
            bad(name, "is required: every delivery carries its source")
    if form.published_at is not None and form.published_at > today:
        bad("published_at", "cannot be in the future")
    return errors


def delivery_rows(
    form: DeliveryForm, places: pd.DataFrame, today: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """The source, place and delivery rows for the store; ValidationError if the form is wrong."""
    errors = _problems(form, places, today or dt.date.today())
    if errors:
        raise ValidationError(errors)
    published = form.published_at or form.date
    source_id = "src-" + _digest(form.publisher.strip(), form.title.strip(), published)
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
    source = {"source_id": source_id, "publisher": form.publisher.strip(),
              "title": form.title.strip(), "url": form.url.strip(),
              "published_at": published.isoformat()}  # fmt: skip
    place = places[places["place_id"] == form.destination_id]
    return {
        "sources": validation.coerce(model.SOURCES, [source], origin=FORM),
        "places": place.reset_index(drop=True),
        "aid_deliveries": validation.coerce(model.AID_DELIVERIES, [delivery], origin=FORM),
    }
