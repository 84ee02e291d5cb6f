"""An HXL file as rows of text by field: the hashtag row found wherever it is, the bytes
decoded, the columns matched to the fields of `hxl_tags.TAGS`.

Hashtags are parsed and matched by `libhxl` (never by hand): a file from elsewhere may put its
hashtag row under a title row or a blank row, order its attributes differently
(`#org+impl+name`), or add ones we do not know — each column is taken by the field whose
hashtag it carries exactly, else by the first field whose hashtag it matches the libhxl way
(all the field's attributes present, none that tell its siblings apart: `#date+reported` is a
`#date`, `#date+precision` is not).

Bytes follow `frontline.io.csvfile`'s rules (UTF-8 with or without a byte-order mark, UTF-16
with one; anything else refused, naming the first bad byte), and the apostrophe our exports put
before a cell a spreadsheet would run is taken back. Every problem is named by the file, the row
as a spreadsheet shows it and the column's hashtag (`Sheet.error`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import hxl
import hxl.input
import hxl.model
import pandas as pd

from frontline.dates import parse_partial
from frontline.errors import DataError
from frontline.imports import hxl_tags
from frontline.imports.hxl_tags import TAGS, Tag
from frontline.io import csvfile

HASHTAG_ROWS = 25  # libhxl looks for the hashtag row this far down


@dataclass
class Sheet:
    """A file's data rows as text by field of the flat table ("" where blank or absent),
    with the row each came from (as a spreadsheet shows it: the first row is 1) and its
    tagged cells as written."""

    origin: str
    table: str
    cells: pd.DataFrame
    lines: list[int]
    raw: list[dict[str, str]]
    hashtags: dict[str, str]  # field → the hashtag of its column in this file
    hashtag_line: int

    def text(self, field: str) -> pd.Series:
        """A field's cells, "" for every row when the file has no column for it."""
        if field in self.cells:
            return self.cells[field].fillna("").astype(str)
        return pd.Series("", index=self.cells.index, dtype=object)

    def error(self, position: int, field: str, message: str) -> DataError:
        """A problem of one data row (by position), named by file, row and hashtag."""
        hashtag = self.hashtags.get(field) or hxl_tags.tag(self.table, field)
        return DataError(message, file=self.origin, row=self.lines[position], field=hashtag)


def load(path: Path, table: str) -> Sheet:
    """The file's rows under its hashtag row, blank rows left out, neutralised cells taken
    back; DataError when it cannot be read (`csvfile.read_text`) or has no hashtag row."""
    origin = str(path)
    rows = _csv_rows(csvfile.read_text(path), origin)
    data = hxl.data(hxl.input.ArrayInput(rows))
    try:
        columns = data.columns
    except hxl.input.HXLTagsNotFoundException as exc:
        raise DataError(f"no HXL hashtag row (#date, #loc+name …) in its first {HASHTAG_ROWS} "
                        "rows: is this an HXL file?", file=origin) from exc  # fmt: skip
    assigned, names = _assign(TAGS[table], columns), _names(columns)
    cells, lines, raw = [], [], []
    for row in data:
        values = [v if isinstance(v, str) else "" for v in row.values]
        if not "".join(values).strip():
            continue  # a blank row
        cells.append({f: values[i].strip() if i < len(values) else "" for f, i in assigned.items()})
        lines.append(row.source_row_number + 1)
        raw.append(_raw(names, values))
    frame = pd.DataFrame(cells, columns=list(assigned), dtype=object)
    return Sheet(origin, table, csvfile.unneutralise(frame), lines, raw,
                 {f: columns[i].display_tag for f, i in assigned.items()},
                 _hashtag_line(rows))  # fmt: skip


def _csv_rows(text: str, origin: str) -> list[list[str]]:
    """The CSV's records, split on the delimiter that shows a hashtag row (a spreadsheet set
    to a European locale writes ';'); by commas when none does."""
    first: list[list[str]] | None = None
    for delimiter in csvfile.DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                   strict=True))  # fmt: skip
        except csv.Error as exc:
            if delimiter == ",":
                raise DataError(f"not a well-formed CSV: {exc}", file=origin) from exc
            continue
        first = rows if first is None else first
        if _hashtag_line(rows):
            return rows
    return first or []


def _hashtag_line(rows: list[list[str]]) -> int:
    """The row (1 = the first) that libhxl takes for the hashtag row, or 0."""
    for index, row in enumerate(rows[:HASHTAG_ROWS]):
        if hxl.model.Column.parse_list(row) is not None:
            return index + 1
    return 0


def _names(columns: Sequence[hxl.model.Column]) -> list[str]:
    """Each column's name in a link's raw row: its hashtag, or its header when untagged."""
    return [c.display_tag or (c.header or "").strip() for c in columns]


def _raw(names: list[str], values: list[str]) -> dict[str, str]:
    """The row's filled cells as written, by column name (the first of a repeated one)."""
    out: dict[str, str] = {}
    for name, value in zip(names, values, strict=False):
        if name and name not in out and value.strip():
            out[name] = value
    return out


def _assign(tags: tuple[Tag, ...], columns: Sequence[hxl.model.Column]) -> dict[str, int]:
    """Field → column index: exact hashtags first (attributes in any order), then the other
    hashtags a field lists (`also`), then libhxl's matching with the attributes that tell a
    field's siblings apart excluded. A column serves one field."""
    passes = (
        [(t.field, [hxl.model.TagPattern.parse(t.hashtag + "!")]) for t in tags],
        [(t.field, [hxl.model.TagPattern.parse(a + "!") for a in t.also]) for t in tags],
        [(t.field, [_loose(t, tags)]) for t in tags],
    )
    taken: dict[str, int] = {}
    for patterns in passes:
        for field, tried in patterns:
            free = [i for i, c in enumerate(columns) if c.tag and i not in taken.values()]
            found = next((i for p in tried for i in free if p.match(columns[i])), None)
            if field not in taken and found is not None:
                taken[field] = found
    return taken


def _loose(tag: Tag, tags: tuple[Tag, ...]) -> hxl.model.TagPattern:
    """The field's hashtag without the attributes of its siblings (the fields of the same
    hashtag): `#date-precision-text-first_since`."""
    own = hxl.model.Column.parse(tag.hashtag)
    others: set[str] = set()
    for other in tags:
        column = hxl.model.Column.parse(other.hashtag)
        if other is not tag and column.tag == own.tag:
            others |= column.attributes - own.attributes
    return hxl.model.TagPattern(own.tag, include_attributes=sorted(own.attributes),
                                exclude_attributes=sorted(others))  # fmt: skip


REQUIRED = {"deliveries": ("date",), "events": ("date", "event_type")}
PLACE_FIELDS = ("place", "pcode", "lat")


def missing_columns(sheet: Sheet) -> list[DataError]:
    """A column a record cannot do without, named at the hashtag row."""
    needed = [
        (f, hxl_tags.tag(sheet.table, f)) for f in REQUIRED[sheet.table] if f not in sheet.cells
    ]
    if not any(f in sheet.cells for f in PLACE_FIELDS):
        needed.append(("place", "#loc+name (or #loc+code, or #geo+lat and #geo+lon)"))
    return [DataError(f"no {hashtag} column: each row needs one", file=sheet.origin,
                      row=sheet.hashtag_line or None) for _, hashtag in needed]  # fmt: skip


@lru_cache(maxsize=65_536)  # a file of a war has thousands of rows a day, not of days
def date_text(text: str) -> str:
    """An ISO date cell as `parse_partial` reads it: an ISO time after the day dropped; ""
    when it is no ISO date (the record's check names it). The other ways files write dates
    (`15/03/2016`, `15 March 2016`) are made ISO before, by `hxl_dates.normalise`."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    try:
        parse_partial(text)
    except ValueError:
        return ""
    return text
