"""Reading a text table someone else wrote: the one set of rules for every CSV Frontline reads
(the curated data/ files, `frontline places add` files), so that each bad file is refused the
same way, with the file named, and never reaches pandas as a traceback.

The rules, in the order they are applied:

- **Bytes**: an empty file (0 bytes, or only blank lines) and a binary file (a PNG, a zip or an
  .xlsx renamed .csv, a PDF, any NUL byte) are refused.
- **Encoding**: UTF-8, with or without a byte-order mark, is read. UTF-16 *with* a byte-order
  mark is read too: the mark makes it unambiguous (Excel's "Unicode text" writes it). Anything
  else that is not valid UTF-8 (latin-1, cp1252, UTF-16 without a mark) is refused, naming the
  line and byte of the first bad byte: guessing an encoding would silently turn `Raqqa’s` or
  `Ḩamāh` into other letters, and a wrong name is worse than a refused file.
- **Delimiter**: the header is parsed with `,`, `;`, tab and `|`; if another one splits it into
  more columns than the comma does, the file is refused as "separated by ';', not ','" (a
  spreadsheet set to a European locale writes `;`), instead of a cascade of missing columns.
- **Shape**: a header cell repeated or blank, and a row with more or fewer cells than the header,
  are refused with their row (rows are counted as a spreadsheet shows them: the header is 1).
- **Row numbers**: blank lines are left out but still counted, so each record keeps the row a
  spreadsheet shows it on; a frame read here carries them (`attrs["lines"]`, `row_numbers`), and
  whoever names a bad row of it later (`validation.coerce`) names that row, not its position.
- **Neutralised cells**: Frontline's own CSV export (`frontline.io.export.to_csv`) writes an
  apostrophe before a cell that starts with `=`, `+`, `-`, `@`, a tab or a return, so that a
  spreadsheet does not run it. A cell that is exactly `'` followed by one of those characters is
  read back without the apostrophe, so an export read back is the data it was written from (a
  real value never starts with an apostrophe followed by `=`). Checks of what such text may be
  (a place name that is a formula) are made on the raw cells, before this step
  (`raw_formulas`); an export neutralises the text again on its way out.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Collection, Iterable
from pathlib import Path

import pandas as pd

from frontline.errors import DataError

DELIMITERS = (",", ";", "\t", "|")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what export.to_csv puts behind a "'"
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive (or an .xlsx workbook)",
    b"%PDF": "a PDF", b"\x1f\x8b": "a gzip archive", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"\xd0\xcf\x11\xe0": "an old Excel (.xls) workbook",
}  # fmt: skip
# `text.splitlines()[0]` without splitting a whole war's file to read its header line
_FIRST_LINE = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*")
_SPELLED = {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}
LINES = "lines"  # the key of a frame's row numbers in its `attrs`


class Lines(tuple):
    """Each record's row as a spreadsheet numbers it, as a frame's `attrs["lines"]` holds them.
    pandas deep-copies `attrs` on every operation (a column taken, a rename, a copy): a plain
    tuple of a war's million rows would cost a quarter of a second each time, so this
    immutable one is shared, not copied."""

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> Lines:
        return self


def row_numbers(frame: pd.DataFrame) -> list[int]:
    """Each row's number in its file: the `attrs["lines"]` a frame read here carries (and the
    table `validation.coerce` made of it), else its position + 2 (the rows straight under a
    header). Numbers that no longer fit the frame (rows dropped since) are not used."""
    lines = frame.attrs.get(LINES)
    if lines is not None and len(lines) == len(frame):
        return list(lines)
    return list(range(2, len(frame) + 2))


def with_lines(frame: pd.DataFrame, lines: Iterable[int]) -> pd.DataFrame:
    """`frame` carrying `lines` as its row numbers (in place; returned for chaining)."""
    frame.attrs[LINES] = Lines(lines)
    return frame


def read_text(path: Path) -> str:
    """A text file's content by the encoding rules above; DataError naming the file otherwise
    (an empty file too: no file Frontline reads means anything empty)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot be read: {exc.strerror or exc}", file=str(path)) from exc
    text = decode(data, str(path))
    if not text or text.isspace():  # a byte-order mark and blank lines, nothing else
        raise DataError("the file is empty: a CSV needs at least a header line", file=str(path))
    return text


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (a BOM dropped), UTF-16 with its BOM; binary and anything else
    refused, naming the first bad line and byte."""
    if not data or data.isspace():
        raise DataError("the file is empty: a CSV needs at least a header line", file=origin)
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DataError(f"this is {what}, not a CSV text file", file=origin)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _no_nul(data.decode("utf-16"), origin)
        except UnicodeDecodeError as exc:
            raise DataError(f"broken UTF-16 at byte {exc.start}: save it as UTF-8",
                            file=origin) from exc  # fmt: skip
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        raise DataError(f"a NUL byte at line {line} (byte {at}): this "
                        "is a binary file, or UTF-16 without its byte-order mark; save it as "
                        "UTF-8 CSV", file=origin)  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"cannot read it, not UTF-8: byte 0x{data[exc.start]:02X} at line "
                        f"{line} (byte {exc.start}) is no UTF-8 text (latin-1 or Windows-1252?);"
                        " save it as UTF-8 (Excel: 'CSV UTF-8')", file=origin) from exc  # fmt: skip


def _no_nul(text: str, origin: str) -> str:
    if "\x00" in text:
        raise DataError("a NUL character in the text: this is not a CSV text file", file=origin)
    return text


def read_raw(path: Path) -> pd.DataFrame:
    """A CSV as text cells exactly as written (neutralised cells still neutralised), its shape
    checked: the reader of every rule but the last. Header-only gives an empty frame. Each
    record's row is in `attrs["lines"]` (`row_numbers`)."""
    header, body, lines = _records(path)
    return with_lines(pd.DataFrame(body, columns=header, dtype=object), lines)


def read_columns(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """`read_raw` as plain lists, column by column, and the row each record is as a
    spreadsheet numbers it (the header is 1; a blank line skipped is still a row there, so a
    record after one is named by its own number, not the one before): what a reader of a
    whole war's rows works on, and names a bad row by."""
    header, body, lines = _records(path)
    columns = [list(c) for c in zip(*body, strict=True)] if body else [[] for _ in header]
    return header, columns, lines


def _records(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the records (blank lines left out) and each record's row number."""
    origin = str(path)
    text = read_text(path)
    _check_delimiter(text, origin)
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(rows)]
        _check_header(header, origin)
        body, lines = [], []
        for line, row in enumerate(rows, start=2):
            if len(row) <= 1 and not "".join(row).strip():
                continue  # a blank line (a spreadsheet's last one)
            if len(row) != len(header):
                raise DataError(f"{len(row)} cells, but the header has {len(header)}",
                                file=origin, row=line)  # fmt: skip
            body.append(row)
            lines.append(line)
    except csv.Error as exc:
        raise DataError(f"not a well-formed CSV: {exc}", file=origin,
                        row=rows.line_num or None) from exc  # fmt: skip
    return header, body, lines


def _check_delimiter(text: str, origin: str) -> None:
    first = _FIRST_LINE.match(text.lstrip("\ufeff")).group() if text and not text.isspace() else ""
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    if best != "," and counts[best] > counts[","]:
        raise DataError(f"this file is separated by {_SPELLED[best]}, not ',': save it as CSV "
                        "with commas (or change the list separator of the spreadsheet)",
                        file=origin, row=1)  # fmt: skip


def _check_header(header: list[str], origin: str) -> None:
    for number, name in enumerate(header, start=1):
        if not name:
            raise DataError(f"column {number} of the header has no name", file=origin, row=1)
        if header.index(name) != number - 1:
            raise DataError(f"column {name!r} appears twice in the header", file=origin, row=1)


def check_columns(found: Iterable[str], origin: str, *, required: Collection[str],
                  allowed: Collection[str]) -> None:  # fmt: skip
    """Refuse a header that lacks a `required` column or has one not `allowed`, listing them.

    Extra columns are refused, not ignored: a typo (`quotes`, `countyr`) would otherwise drop
    that column's data for every row without a word, and the file's author is the one person
    who can say what the column was meant to be."""
    found = list(found)
    missing = [c for c in required if c not in found]
    unknown = [c for c in found if c not in allowed]
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)} (known: "
                        f"{', '.join(allowed)})")  # fmt: skip
    if problems:
        raise DataError("; ".join(problems), file=origin, row=1)


def raw_formulas(frame: pd.DataFrame, columns: Iterable[str], origin: str) -> None:
    """Refuse a raw cell of `columns` that a spreadsheet would run as a formula (`=cmd|…`,
    `@SUM(…)`): such a value came out of a spreadsheet unprotected, or was put there to be run.
    Its neutralised form `'=cmd|…` is not refused: that is our export's text, read back."""
    lines = row_numbers(frame)
    for column in columns:
        if column not in frame:
            continue
        for line, value in zip(lines, frame[column].tolist(), strict=True):
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                raise DataError(f"{value[:30]!r} would run as a spreadsheet formula",
                                file=origin, row=line, field=column)  # fmt: skip


def unneutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Each cell `'` + a formula start read back as the text it was (the apostrophe dropped);
    the row numbers kept (`DataFrame.map` keeps `attrs`)."""
    return frame.map(unneutralised) if len(frame) else frame


def unneutralised(value: object) -> object:
    """One cell `'` + a formula start read back as the text it was; any other as it is."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and \
            value[1:].startswith(FORMULA_STARTS):  # fmt: skip
        return value[1:]
    return value


def read_text_table(path: Path, expected: Collection[str] | None = None) -> pd.DataFrame:
    """A CSV by every rule above, as text cells, each record's row in `attrs["lines"]`: with
    `expected`, its header must hold exactly those columns (any order)."""
    frame = read_raw(path)
    if expected is not None:
        check_columns(frame.columns, str(path), required=list(expected), allowed=list(expected))
    return unneutralise(frame)
