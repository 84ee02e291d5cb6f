"""The dates of an HXL file as ISO text, whatever way its spreadsheet wrote them.

Files on HDX carry ISO dates (`2016-03-15`, `2016-03`, `2016`, `2016-03-15T10:00`), but also
`15/03/2016`, `03/15/2016`, `15-03-2016`, `15.03.2016`, `2016/03/15`, `03/2016`, `15 March 2016`,
`15-Mar-2016`, `March 15, 2016` and `March 2016` (English month names, whole or cut to three
letters). Each is read at the precision it is written with (a day, a month, a year) and
rewritten as the ISO text the rest of the import reads (`dates.parse_partial`).

**Day or month first** is decided per column, never per cell: a column whose cells have a first
number above 12 (`15/03/2016`) is day first, one with a second number above 12 (`03/15/2016`) is
month first, one with both is refused (naming the file, a row of each kind and the column), and
one with neither (`11/01/2016` alone) is read **day first**, the convention outside the United
States and of most humanitarian files. A date that does not exist (`31/02/2016`) is refused
with its file, row and column, never moved to a neighbouring day.

Not read, and named by the record's check as no date: a two-digit year (`15/03/16`, `Mar-16`:
the day and the year cannot be told apart), a month name without a year (`15 March`), other
languages' month names.

Why regular expressions and `datetime.date`, not `dateparser` (which `dates.resolve` uses for
news): the order must be decided over a whole column, so each cell's numbers are needed before
any is read as a date; dateparser decides per cell, takes `Mar-16` for the 16th of March of the
current year, fills a missing day or year from today, and says nothing of the precision. One
pattern per form, cached per distinct cell, reads a war's file in milliseconds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from frontline.errors import DataError
from frontline.imports.hxl_sheet import Sheet, date_text

DATE_FIELDS = ("date", "reported_first_since", "source_date")  # the columns that hold dates
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month_name>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[AaPp][Mm]|[+-]\d{2}:?\d{2}))?)?"
_FORMS = (  # (pattern, order of its first two numbers: "?" until the column says)
    (re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}{_TIME}"), "?"),
    (re.compile(rf"{_YEAR}(?P<sep>[/.-])(?P<a>\d{{1,2}})(?P=sep)(?P<b>\d{{1,2}}){_TIME}"), "ymd"),
    (re.compile(rf"(?P<a>\d{{1,2}})[/.-]{_YEAR}"), "my"),
    (re.compile(rf"{_YEAR}[/.-](?P<a>\d{{1,2}})"), "my"),
    (re.compile(rf"{_DAY}[\s/-]+{_MONTH}[\s/-]+{_YEAR}{_TIME}", re.IGNORECASE), "named"),
    (re.compile(rf"{_MONTH}[\s/-]+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE), "named"),
    (re.compile(rf"{_MONTH}[\s/-]+{_YEAR}", re.IGNORECASE), "named"),
)


class Written(NamedTuple):
    """A cell's date parts as written: `a` and `b` are the first two numbers of a
    day-month-year cell whose order the column decides (order "?")."""

    order: str  # "?", "ymd", "my" or "named"
    year: int
    a: int = 0
    b: int = 0
    day: int | None = None  # the day of a named month, when written


@lru_cache(maxsize=65_536)  # a war's file repeats its days thousands of times
def written(text: str) -> Written | None:
    """The parts of a date cell in one of the forms above; None for any other text (an ISO
    date among them: `date_text` reads those)."""
    text = text.strip()
    for pattern, order in _FORMS:
        found = pattern.fullmatch(text)
        if not found:
            continue
        parts = found.groupdict()
        if order != "named":
            return Written(order, int(parts["year"]), int(parts["a"]), int(parts.get("b") or 0))
        month = _MONTHS.get(parts["month_name"].lower())
        if month is None:
            return None
        day = int(parts["day"]) if parts.get("day") else None
        return Written(order, int(parts["year"]), month, 0, day)
    return None


def evidence(cell: Written) -> str | None:
    """What one cell says of its column's order: "dmy" for a first number that can only be a
    day (13–31), "mdy" for a second one, None otherwise (both ≤ 12, or no such cell)."""
    if cell.order != "?" or (cell.a > 12 and cell.b > 12):
        return None
    return "dmy" if 12 < cell.a <= 31 else "mdy" if 12 < cell.b <= 31 else None


def iso(cell: Written, order: str) -> str:
    """The cell as ISO text at its precision; ValueError naming what does not exist."""
    if cell.order == "?":
        day, month = (cell.a, cell.b) if order == "dmy" else (cell.b, cell.a)
    elif cell.order == "ymd":
        month, day = cell.a, cell.b
    else:
        month, day = cell.a, cell.day
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if day is not None:
        last = calendar.monthrange(cell.year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{calendar.month_name[month]} {cell.year} has no day {day} "
                             f"(it has {last} days)")  # fmt: skip
        return dt.date(cell.year, month, day).isoformat()
    return f"{cell.year:04d}-{month:02d}"


_ORDER_WORDS = {"dmy": "day first", "mdy": "month first"}


def read_column(sheet: Sheet, field: str) -> tuple[list[str], list[DataError]]:
    """One column's cells with each date not already ISO rewritten as ISO, and the problems:
    an order both ways, a date that does not exist. A cell that is no date at all is left as
    written, for the record's check to name; an ISO one is left exactly as written. A list
    column (`source_date`: one date per source, `15/03/2016;20/03/2016`) is read item by item,
    its order decided over all the items."""
    cells = sheet.text(field).tolist()
    items = [_items(c, field) for c in cells]
    found = [[None if date_text(x) else written(x) for x in its] for its in items]
    seen: dict[str, int] = {}
    for position, cell in ((p, c) for p, its in enumerate(found) for c in its if c):
        said = evidence(cell)
        if said:
            seen.setdefault(said, position)
    errors = []
    if len(seen) == 2:
        day, month = seen["dmy"], seen["mdy"]
        why = (f"this column writes dates day first ({cells[day].strip()}, row "
               f"{sheet.lines[day]}) and month first ({cells[month].strip()}, row "
               f"{sheet.lines[month]}): write them one way, or as ISO 2016-03-15")  # fmt: skip
        errors.append(sheet.error(max(day, month), field, why))
    order = next(iter(seen), "dmy")  # neither: day first, as most files outside the US write
    out = []
    for position, (text, its, cells_found) in enumerate(zip(cells, items, found, strict=True)):
        if not any(cells_found):
            out.append(text)
            continue
        rewritten, problem = _rewritten(its, cells_found, order if len(seen) < 2 else None)
        if problem:
            errors.append(sheet.error(position, field, problem))
        out.append(rewritten if problem is None else text)
    return out, errors


def _items(cell: str, field: str) -> list[str]:
    """A cell's dates: the items of a list cell of sources' dates, else the cell itself."""
    return cell.split(";") if field == "source_date" and "\\" not in cell else [cell]


def _rewritten(items: list[str], found: list[Written | None],
               order: str | None) -> tuple[str, str | None]:  # fmt: skip
    """The items as ISO, joined as they came; or the problem with the first that is no date
    (`order` None: the column was refused both ways, each item read by its own evidence)."""
    out = []
    for text, cell in zip(items, found, strict=True):
        if cell is None:
            out.append(text)
            continue
        own = order or evidence(cell) or "dmy"
        try:
            out.append(iso(cell, own))
        except ValueError as exc:
            how = f", read {_ORDER_WORDS[own]}" if cell.order == "?" else ""
            return "", f"{text.strip()!r} is not a date{how}: {exc}"
    return ";".join(out), None


def normalise(sheet: Sheet) -> list[DataError]:
    """Every date column of the sheet rewritten in place as ISO text (see the module's
    docstring); the problems found, each naming the file, the row and the column."""
    errors: list[DataError] = []
    for field in DATE_FIELDS:
        if field in sheet.cells:
            values, problems = read_column(sheet, field)
            sheet.cells[field] = values
            errors += problems
    return errors
