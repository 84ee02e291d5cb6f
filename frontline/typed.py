"""A form's values as typed, each checked for its kind: text, an id, a date, a list of names,
a whole number. Nothing is rounded, clamped or replaced: a value is taken as given or named as
a problem ("2.5 is not a whole number"), so a widget's or a caller's slip never becomes a
different fact in the store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import numbers
import re
from typing import TypeVar

from frontline import model
from frontline.errors import DataError

F = TypeVar("F")
# The loader's bounds (model.AID_DELIVERIES), so the form and `frontline load` agree: 100,000
# trucks and 1,000,000,000 people are beyond any real delivery yet far inside the store's
# BigInteger; a figure past them is a slip of the keyboard, named, never stored.
STORE_MAX = 2**63 - 1  # the store's BigInteger
LIMITS = {c.name: int(c.bounds[1]) for c in model.AID_DELIVERIES.columns
          if c.kind == "int" and c.bounds}  # fmt: skip
_WHOLE = re.compile(r"[+-]?(?:\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)")  # 1200, 1,200, 1 200
_SHOWN = re.compile(r"[0-9.,+\-eE ]{1,24}")  # a typed count echoed in a message: no markup
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole(value: object, limit: int = STORE_MAX) -> int | None:
    """A count as typed (text or number) as an int, None when blank; ValueError saying why
    not ("2.5 is not a whole number", "must be 0 or more", "is over 100,000"). Digits may be
    grouped by threes ("1,200"), in any digit script Python reads (Arabic-Indic too)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | numbers.Real):
        raise ValueError("is not a whole number")
    if isinstance(value, str):
        number = _typed_whole(value.strip(), limit)
    elif isinstance(value, numbers.Integral):
        number = int(value)
    elif math.isfinite(value) and float(value).is_integer():
        number = int(value)
    else:
        raise ValueError(f"{value} is not a whole number")
    if number < 0:
        raise ValueError("must be 0 or more")
    if number > min(limit, STORE_MAX):
        raise _over(limit)
    return number


def _over(limit: int) -> ValueError:
    if limit >= STORE_MAX:
        return ValueError(f"is over the largest count the store holds ({STORE_MAX:,})")
    return ValueError(f"is over {limit:,}, more than any delivery carries: check the figure")


def _typed_whole(text: str, limit: int) -> int:
    """Typed digits to an int; the text is echoed in the message only when it cannot carry
    markup (messages are shown as Markdown)."""
    if _WHOLE.fullmatch(text):
        digits = re.sub(r"[, \u00a0\u202f]", "", text)
        if len(digits.lstrip("+-").lstrip("0")) > 25:  # past any limit; int() of 5,000 digits fails
            raise _over(limit)
        return int(digits)
    if _SHOWN.fullmatch(text):
        raise ValueError(f"{text} is not a whole number")
    raise ValueError("is not a whole number (digits only, e.g. 12)")


def _text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be text")
    if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
        raise ValueError("holds a character the store cannot keep (NUL or a broken one)")
    return value


def _id(value: object) -> str | None:
    return _text(value).strip() or None


def _day(value: object) -> dt.date | None:
    """A date as given: a date, or text as YYYY-MM-DD (a time of day is not a date)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("is not a date (YYYY-MM-DD)")


def _names(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of names")
    return [_text(v) for v in value]


_KINDS = {"destination_id": _id, "place_id": _id, "actor_id": _id, "opponent_id": _id,
          "date": _day, "published_at": _day, "organisations": _names, "items": _names,
          "trucks": lambda v: whole(v, LIMITS["trucks"]),
          "beneficiaries": lambda v: whole(v, LIMITS["beneficiaries"])}  # fmt: skip
FIELDS = {"destination_id": "destination", "place_id": "place", "actor_id": "actor",
          "opponent_id": "opponent"}  # how errors name a field  # fmt: skip
_EMPTY = {_text: "", _names: []}  # what a field that cannot be read holds meanwhile


def typed(form: F, file: str) -> tuple[F, list[DataError]]:
    """The form with each value of its kind (text, id, date, names, whole number), or the
    problems of those that are not; a value is taken as given, never rounded or replaced."""
    clean, errors = {}, []
    for f in dataclasses.fields(form):
        parse = _KINDS.get(f.name, _text)
        try:
            clean[f.name] = parse(getattr(form, f.name))
        except ValueError as exc:
            errors.append(DataError(str(exc), file=file, field=FIELDS.get(f.name, f.name)))
            clean[f.name] = _EMPTY.get(parse)  # None for an id, a date or a count
    return dataclasses.replace(form, **clean), errors
