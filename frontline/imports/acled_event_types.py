"""ACLED's event types across its releases, which of them change who holds a place, and the
words Frontline adds in `tags` for what ACLED's vocabulary cannot say.

Old releases wrote a territory change as an event type of its own ("Battle-Government regains
territory"); the current one as a sub-event. Both are read into the current pair here, and the
territory sub-events mapped to our event types (and back, for the export).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from frontline.vocabulary import EventType

# Old releases' event types → the current (event_type, sub_event_type), where one maps onto one.
OLD_EVENT_TYPES = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles",
                                                   "Non-state actor overtakes territory"),
    "headquarters or base established": ("Strategic developments",
                                         "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments",
                                          "Non-violent transfer of territory"),
    "remote violence": ("Explosions/Remote violence", ""),
    "violence against civilians": ("Violence against civilians", ""),
    "strategic development": ("Strategic developments", ""),
}  # fmt: skip


@dataclass(frozen=True)
class Territory:
    """What a territory sub-event does to control: our event type, and whether the actor who
    gains the place must be a state force (True), a non-state one (False) or either (None)."""

    event_type: EventType
    gainer_is_state: bool | None


# The sub-events that change who holds a place; every other one is context. A place taken is
# `captured` by its gainer from the other side; a base established is `held` by the group (it
# holds the place from then: another holder loses it, the same holder is restated).
TERRITORY = {
    "Government regains territory": Territory(EventType.CAPTURED, True),
    "Non-state actor overtakes territory": Territory(EventType.CAPTURED, False),
    "Non-violent transfer of territory": Territory(EventType.CAPTURED, None),
    "Headquarters or base established": Territory(EventType.HELD, None),
}
# The reverse, for an export of events that did not come from ACLED: the nearest of ACLED's
# words (a siege or a holder restated is none of its sub-events), with our own words in `tags`.
DERIVED_TYPES = {
    EventType.CAPTURED: ("Battles", "Non-state actor overtakes territory"),
    EventType.LOST: ("Battles", "Non-state actor overtakes territory"),
    EventType.WITHDREW: ("Strategic developments", "Non-violent transfer of territory"),
    EventType.HELD: ("Strategic developments", "Other"),
    EventType.ENTERED: ("Battles", "Armed clash"),
    EventType.CONTESTED: ("Battles", "Armed clash"),
    EventType.ATTACKED: ("Battles", "Armed clash"),
    EventType.BESIEGED: ("Strategic developments", "Other"),
    EventType.UNDER_SIEGE: ("Strategic developments", "Other"),
    EventType.SIEGE_LIFTED: ("Strategic developments", "Other"),
}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def event_types(event_type: pd.Series, sub_event_type: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each row's (event type, sub-event type) in the current release's words: an old row's
    single event type split where it maps onto one pair, else kept as it was written."""
    kind = event_type.fillna("").astype(str).str.strip()
    sub = sub_event_type.fillna("").astype(str).str.strip()
    old = kind.str.lower().map(OLD_EVENT_TYPES)
    known = old.notna() & (sub == "")
    if known.any():
        kind = kind.where(~known, old[known].str[0])
        sub = sub.where(~known, old[known].str[1])
    return kind, sub


# ACLED's `tags` is free text of "name=value" parts separated by ";" (crowd size=around 200).
# Frontline's export adds what ACLED's columns cannot hold, so that its file read back gives the
# same events: our event type (a siege, a holder restated), a claim's status, a year precision.
TAG_TYPE, TAG_STATUS, TAG_PRECISION = ("frontline event type", "frontline status",
                                       "frontline date precision")  # fmt: skip


def tags(text: str) -> dict[str, str]:
    """`tags` as name → value (parts without "=" left out)."""
    parts = (part.partition("=") for part in str(text or "").split(";"))
    return {name.strip().lower(): value.strip() for name, eq, value in parts if eq}


def disorder_types(text: str) -> list[str]:
    """`disorder_type` may hold several values: "Political violence; Demonstrations"."""
    return [part.strip() for part in str(text or "").split(";") if part.strip()]
