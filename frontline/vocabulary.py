"""The words of the data, each defined once with its integer code: event types, statuses,
control states, date precisions and confidences.

Every user draws from here: the model's choices (`model.EVENT_TYPES`, `model.STATUSES`,
`dates.PRECISIONS`), both control engines (`control.step` by name, `control_arrays` by code),
the charts' sort order and the map's JavaScript, which receives the codes by name in its JSON.
A word added here is one every part knows, or a test fails (`tests/unit/test_vocabulary.py`).

A member is a `str` (`EventType.CAPTURED == "captured"`), so tables keep plain text; `.code` is
its small integer for numpy arrays and compact JSON. Codes run 0, 1, 2, … in the order members
are defined, so `names()` indexed by a code gives the word back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from frontline.errors import DataError


class Coded(StrEnum):
    """A word with an integer code, and the lookups between the two."""

    def __new__(cls, value: str, code: int) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._code = code
        return member

    @property
    def code(self) -> int:
        """This word's integer code (its index into `names()`)."""
        return self._code

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every word as plain text, in code order: `names()[member.code] == member`."""
        return tuple(m.value for m in sorted(cls, key=lambda m: m.code))

    @classmethod
    def codes(cls) -> dict[str, int]:
        """Word → code, the table that travels to the browser."""
        return {m.value: m.code for m in cls}

    @classmethod
    def parse(cls, value: object, field: str = "") -> Self:
        """The member named `value`, or a DataError that names the value and the choices."""
        try:
            return cls(value)
        except ValueError:
            raise DataError(
                f"unknown {cls._label()} {value!r}: one of {', '.join(cls.names())}", field=field
            ) from None

    @classmethod
    def _label(cls) -> str:
        """'EventType' → 'event type', for messages."""
        return "".join(f" {c.lower()}" if c.isupper() else c for c in cls.__name__).strip()


class EventType(Coded):
    """What a source says happened at a place (README, "Control semantics")."""

    CAPTURED = "captured", 0
    ENTERED = "entered", 1
    WITHDREW = "withdrew", 2
    LOST = "lost", 3
    BESIEGED = "besieged", 4
    SIEGE_LIFTED = "siege_lifted", 5
    CONTESTED = "contested", 6
    ATTACKED = "attacked", 7
    HELD = "held", 8
    # "Reported besieged on D": the place is under siege by then, its siege began at a time no
    # source gives. Both engines apply it as `besieged`; only the siege's start differs (unknown,
    # so days without aid cannot be counted from it: `sieges.days_without_aid`).
    UNDER_SIEGE = "under_siege", 9


# An observation that a siege is on, never the start of one.
SIEGE_OBSERVED: tuple[EventType, ...] = (EventType.UNDER_SIEGE,)


class Status(Coded):
    """How far a source stands behind an event; claims (`UNSETTLED`) never change control."""

    CLAIMED = "claimed", 0
    REPORTED = "reported", 1
    CONFIRMED = "confirmed", 2
    DISPUTED = "disputed", 3


UNSETTLED: tuple[Status, ...] = (Status.CLAIMED, Status.DISPUTED)


class State(Coded):
    """How a place is held on a day; the order is the charts' and the map's."""

    HELD = "held", 0
    CONTESTED = "contested", 1
    BESIEGED = "besieged", 2
    UNKNOWN = "unknown", 3


class Precision(Coded):
    """How exactly a date is known; a fact known to the year is never taken for one day."""

    DAY = "day", 0
    WEEK = "week", 1
    MONTH = "month", 2
    YEAR = "year", 3


class Confidence(Coded):
    """How well the state of a place rests on its evidence (the snapshot's `confidence`)."""

    APPROXIMATE = "approximate", 0  # the deciding event is dated only to a week, month or year
    CONFIRMED = "confirmed", 1
    REPORTED = "reported", 2
    UNKNOWN = "unknown", 3  # no event has decided the state


VOCABULARIES: tuple[type[Coded], ...] = (EventType, Status, State, Precision, Confidence)
