"""The ONE hashtag map of HXL in and out: which field of the flat table each column holds,
under which hashtag and header.

Writing and reading both take their columns from `TAGS`, so what `hxl_write` puts in a column
is what `hxl_read` takes from it, and an export read back into an empty store gives the same
deliveries and events. A field may list other hashtags files from elsewhere use for it
(`also`); the reader tries those after the exact ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontline import model
from frontline.errors import DataError

ORIGIN = "hxl"  # the links' origin: one family for every HXL file


@dataclass(frozen=True)
class Tag:
    """One column: the field of the flat table, its hashtag (written, and matched first when
    read), its header text, and other hashtags files from elsewhere use for it."""

    field: str
    hashtag: str
    header: str
    also: tuple[str, ...] = ()


def _place(prefix: str, end: str, label: str) -> tuple[Tag, ...]:
    """A place's columns; `end` is the attribute of a second place on the row (`+origin`)."""
    return (
        Tag(f"{prefix}place", f"#loc+name{end}", f"{label}"),
        Tag(f"{prefix}pcode", f"#loc+code{end}", f"{label}: p-code"),
        Tag(f"{prefix}lat", f"#geo+lat{end}", f"{label}: latitude"),
        Tag(f"{prefix}lon", f"#geo+lon{end}", f"{label}: longitude"),
    )


PLACE = (
    *_place("", "", "Place"),
    Tag("place_name", "#loc+name+reported", "Place as reported"),
    Tag("kind", "#loc+type", "Kind of place"),
    Tag("admin1", "#adm1+name", "Governorate"),
    Tag("country", "#country+code", "Country (ISO 3166 alpha-2)"),
)
DATE = (
    Tag("date", "#date", "Date"),
    Tag("date_precision", "#date+precision", "Date precision"),
    Tag("date_text", "#date+text", "Date as reported"),
)
SOURCE = (
    Tag("source_ids", "#meta+source+id", "Source IDs"),
    Tag("source", "#meta+source", "Source"),
    Tag("source_title", "#meta+source+title", "Source title"),
    Tag("source_date", "#meta+source+date", "Source published"),
    Tag("source_url", "#meta+url", "Source URL"),
    Tag("status", "#status", "Status"),
    Tag("quote", "#description+quote", "Quote", also=("#description",)),
    Tag("notes", "#description+notes", "Notes"),
)
TAGS: dict[str, tuple[Tag, ...]] = {
    "deliveries": (
        Tag("delivery_id", "#meta+id", "Delivery ID"),
        Tag("convoy_id", "#meta+id+convoy", "Convoy ID"),
        *DATE,
        *PLACE,
        *_place("origin_", "+origin", "Origin"),
        Tag("organisations", "#org+name", "Organisations"),
        Tag("trucks", "#indicator+trucks", "Trucks"),
        Tag("beneficiaries", "#reached", "People reached"),
        Tag("figures_scope", "#indicator+scope", "Figures for (convoy or destination)"),
        Tag("items", "#item+type", "Items"),
        Tag("reported_first_since", "#date+first_since", "First delivery since"),
        Tag(
            "reported_first_since_precision",
            "#date+first_since+precision",
            "First delivery since: precision",
        ),  # fmt: skip
        *SOURCE,
    ),
    "events": (
        Tag("event_id", "#meta+id", "Event ID", also=("#event+id", "#event+code")),
        *DATE,
        Tag("seq", "#meta+seq", "Order within the day"),
        *PLACE,
        Tag("event_type", "#event+type", "Event type"),
        Tag("actor", "#group+name", "Armed group", also=("#group+name+first",)),
        Tag("actor_id", "#group+code", "Armed group ID"),
        Tag("actor_side", "#group+type", "Armed group side"),
        Tag("opponent", "#group+name+opponent", "Opponent", also=("#group+name+second",)),
        Tag("opponent_id", "#group+code+opponent", "Opponent ID"),
        Tag("opponent_side", "#group+type+opponent", "Opponent side"),
        Tag("claimed_by", "#meta+claimed_by", "Claimed by"),
        Tag("confirmed_by", "#meta+confirmed_by", "Confirmed by"),
        *SOURCE,
    ),
}
TABLE_OF = {"deliveries": model.AID_DELIVERIES, "events": model.CONTROL_EVENTS}
ID_FIELD = {"deliveries": "delivery_id", "events": "event_id"}


def tag(table: str, field: str) -> str:
    """A field's own hashtag, for naming a column in a message when the file has none."""
    return next(t.hashtag for t in TAGS[table] if t.field == field)


def check_table(table: str) -> None:
    """Refuse a table HXL does not carry before any work is done, naming the ones it does."""
    if table not in TAGS:
        raise DataError(f"unknown table {table!r}: one of {', '.join(TAGS)}")
