"""Turning raw text into checked tables: `coerce` turns raw rows (a CSV file, a form) into a
typed, validated DataFrame and reports every problem with its file, row and field;
`check_references` checks ids across tables. What the tables are lives in `frontline.model`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from frontline.dates import parse_partial
from frontline.errors import DataError, ValidationError
from frontline.gazetteer import admin
from frontline.io import csvfile
from frontline.model import LIST_SEPARATOR, TABLES, Column, Table, empty, typed


def _blank(value: object) -> bool:
    return (
        value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""
    )


def _parse(column: Column, value: object) -> object:
    """One raw value to its typed form; raises ValueError with a readable reason."""
    text = str(value).strip()
    if column.kind == "list":
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if column.kind == "int":
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text!r} is not a whole number")
        parsed: object = int(number)
    elif column.kind == "float":
        parsed = float(text)
    elif column.kind == "date":
        parsed = parse_partial(text)[0]
    else:
        parsed = text
    if column.choices and parsed not in column.choices:
        raise ValueError(f"{text!r} is not one of {', '.join(column.choices)}")
    if column.bounds and not column.bounds[0] <= float(parsed) <= column.bounds[1]:  # type: ignore[arg-type]
        raise ValueError(f"{text} is outside {column.bounds[0]:g}…{column.bounds[1]:g}")
    return parsed


def _precision_default(raw: dict, column: Column) -> str | None:
    """A precision left blank is read off its date's own form ('2014' → year)."""
    date_text = raw.get(column.name.removesuffix("_precision"))
    return None if _blank(date_text) else parse_partial(str(date_text))[1]


def _check_precision(raw: dict, column: Column, precision: str) -> None:
    """'2014' cannot be day-precise; '2016-06-15' can be a day or a week."""
    date_text = raw.get(column.name.removesuffix("_precision"))
    if _blank(date_text):
        return
    written = parse_partial(str(date_text))[1]
    allowed = {"day": ("day", "week"), "month": ("month",), "year": ("year",)}[written]
    if precision not in allowed:
        raise ValueError(f"precision {precision!r} does not fit the date {date_text!r}")


def _cell(column: Column, value: object, raw: Mapping) -> object:
    """One raw value to what its row stores (`raw` gives a precision its date); raises
    ValueError with a readable reason."""
    if column.kind == "precision":
        value = value if not _blank(value) else _precision_default(raw, column)
        if value is not None:
            _check_precision(raw, column, str(value).strip())
    if _blank(value):
        if column.required:
            raise ValueError("is required")
        return [] if column.kind == "list" else None
    parsed = _parse(column, value)
    if column.required and parsed == []:
        raise ValueError("needs at least one value")
    return parsed


def _coerce_row(table: Table, raw: dict, origin: str, line: int) -> tuple[dict, list[DataError]]:
    row: dict = {}
    errors: list[DataError] = []
    for column in table.columns:
        try:
            row[column.name] = _cell(column, raw.get(column.name), raw)
        except ValueError as exc:
            errors.append(DataError(str(exc), file=origin, row=line, field=column.name))
    return row, errors


_MISSING = object()


def _coerce_column(column: Column, values: list, dates: list | None) -> list:
    """A whole column at once, each distinct raw value (with its date, for a precision) parsed
    once: the fast path for valid data. Raises ValueError (or TypeError for an unhashable
    value) at the first problem, which the row-by-row path then reports in full."""
    date_name = column.name.removesuffix("_precision")
    memo: dict = {}
    out = []
    for value, date in zip(values, dates or [None] * len(values), strict=True):
        key = (type(value), value, type(date), date)  # 1 and 1.0 must not share an entry
        parsed = memo.get(key, _MISSING)
        if parsed is _MISSING:
            parsed = memo[key] = _cell(column, value, {date_name: date} if dates else {})
        out.append(parsed)
    return out


def _coerce_fast(table: Table, columns: dict[str, list]) -> pd.DataFrame | None:
    """Every column parsed at once, or None when any value is wrong or any id repeats."""
    out = {}
    try:
        for column in table.columns:
            dates = None
            if column.kind == "precision":
                dates = columns.get(column.name.removesuffix("_precision"))
            out[column.name] = _coerce_column(column, columns[column.name], dates)
    except (ValueError, TypeError):
        return None
    keys = out[table.key]
    if None in keys or len(set(keys)) != len(keys):
        return None
    return typed(table, pd.DataFrame(out, columns=table.names, dtype=object))


def _columns(table: Table, raw: pd.DataFrame | list[dict]) -> dict[str, list]:
    """Raw values by column (None where a column or a key is missing)."""
    if isinstance(raw, pd.DataFrame):
        empty_column = [None] * len(raw)
        return {n: raw[n].tolist() if n in raw else empty_column for n in table.names}
    return {n: [r.get(n) for r in raw] for n in table.names}


def coerce(table: Table, raw: pd.DataFrame | Iterable[dict], origin: str = "", *,
           lines: Sequence[int] | None = None) -> pd.DataFrame:  # fmt: skip
    """Raw text rows → a typed table, or ValidationError listing every bad file/row/field.

    Unknown columns are an error (a typo in a header would otherwise drop data silently).
    Row numbers count the header as line 1, as a spreadsheet shows them: each record's is
    `lines` when given, else the one a frame read by `frontline.io.csvfile` carries (a blank
    line it skipped still counts), else its position + 2. The table made carries them on
    (`csvfile.row_numbers`), so a later check of it (`future_dates`) names the same rows.
    """
    if not isinstance(raw, pd.DataFrame):
        raw = list(raw)
    from_file = lines is not None or (isinstance(raw, pd.DataFrame) and csvfile.LINES in raw.attrs)
    if lines is None:
        lines = csvfile.row_numbers(raw) if from_file else range(2, len(raw) + 2)
    elif len(lines) != len(raw):
        raise ValueError(f"{len(lines)} row numbers for {len(raw)} rows of {origin or 'input'}")
    out = _coerced(table, raw, origin, list(lines))
    return csvfile.with_lines(out, lines) if from_file else out


def _coerced(table: Table, raw: pd.DataFrame | list[dict], origin: str,
             lines: list[int]) -> pd.DataFrame:  # fmt: skip
    """`coerce` with each record's row number known."""
    if len(raw):
        first = raw.columns if isinstance(raw, pd.DataFrame) else raw[0]
        unique = not isinstance(raw, pd.DataFrame) or raw.columns.is_unique
        if unique and set(first) <= set(table.names):
            fast = _coerce_fast(table, _columns(table, raw))
            if fast is not None:
                return fast
    records = raw.to_dict("records") if isinstance(raw, pd.DataFrame) else raw
    errors: list[DataError] = []
    if records:
        unknown = sorted(set(records[0]) - set(table.names))
        errors += [DataError("unknown column", file=origin, row=1, field=c) for c in unknown]
    rows = []
    seen: dict[str, int] = {}
    for line, record in zip(lines, records, strict=True):
        row, row_errors = _coerce_row(table, record, origin, line)
        errors += row_errors
        key = row.get(table.key)
        if key is not None and key in seen:
            errors.append(DataError(f"duplicate id {key!r} (first on row {seen[key]})",
                                    file=origin, row=line, field=table.key))  # fmt: skip
        seen.setdefault(key, line)
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    return typed(table, pd.DataFrame(rows, columns=table.names))


def check_references(
    tables: dict[str, pd.DataFrame], origins: dict[str, str] | None = None
) -> None:
    """Every referenced id exists in the table it points to; raises ValidationError otherwise
    (rows named as their file numbers them: `csvfile.row_numbers`)."""
    origins = origins or {}
    errors: list[DataError] = []
    for name, frame in tables.items():
        for column in TABLES[name].columns:
            if not column.references or column.name not in frame:
                continue
            target, key = column.references.split(".")
            known = set(tables.get(target, empty(TABLES[target]))[key].dropna())
            if _all_known(frame[column.name], column.kind, known):
                continue
            lines = csvfile.row_numbers(frame)
            for line, value in zip(lines, frame[column.name], strict=True):
                values = value if isinstance(value, list) else [] if pd.isna(value) else [value]
                errors += [DataError(f"unknown {target} id {missing!r}",
                                     file=origins.get(name, name), row=line, field=column.name)
                           for missing in values if missing not in known]  # fmt: skip
    if errors:
        raise ValidationError(errors)


def _all_known(values: pd.Series, kind: str, known: set) -> bool:
    """The quick test that every id (or list item) in a column is known."""
    if kind == "list":
        return all(isinstance(items, list) and all(v in known for v in items) for items in values)
    try:
        return bool(values.dropna().isin(known).all())
    except TypeError:  # unhashable values: the row-by-row check says which
        return False


def future_dates(table: Table, frame: pd.DataFrame, origin: str,
                 today: dt.date | None = None) -> list[DataError]:  # fmt: skip
    """Dates after today in a table of facts: a typo (2061 for 2016) or a row written ahead of
    events. "Today" is the date in the world's latest time zone (UTC+14), so a fact dated today
    anywhere on Earth passes whatever the machine's clock zone. Dates before the conflict
    (forms refuse those before 2011) are allowed here: data/ may hold older history. Rows are
    named as their file numbers them (`csvfile.row_numbers`)."""
    latest = today or (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()
    lines = csvfile.row_numbers(frame)
    errors = []
    for column in (c for c in table.columns if c.kind == "date" and c.name in frame):
        late = frame[column.name].reset_index(drop=True).dropna()  # labels: positions
        late = late[late.dt.date > latest]
        errors += [DataError(f"{day.date()} is in the future (after {latest})", file=origin,
                             row=lines[int(p)], field=column.name)
                   for p, day in late.items()]  # fmt: skip
    return errors


# How far (in degrees) a point may lie outside the country its row names: the 1:10m provinces of
# Syria and Iraq follow the border within a kilometre (a border crossing sits on the line), the
# 1:110m outlines of the neighbours lose whole coasts (Gaza lies 0.7° off them).
NEAR_BORDER = {"SY": 0.1, "IQ": 0.1}
NEAR_COARSE_BORDER = 1.0


def misplaced_points(frame: pd.DataFrame, origin: str, data_dir: Path,
                     lines: Iterable[int] | None = None) -> list[DataError]:  # fmt: skip
    """Rows whose point lies outside the country they name (by the bundled boundaries): "look
    swapped" when latitude and longitude exchanged would put it there, "outside SY" otherwise.
    Rows of a country the boundaries do not hold, or without a usable point, are not judged
    (the bounds of -90…90 and -180…180 are `coerce`'s). Rows are named by `lines`, else as
    their file numbers them (`csvfile.row_numbers`)."""
    shapes = _countries(data_dir)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(float)
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(float)
    country = frame["country"].fillna("").astype(str).str.strip().str.upper().to_numpy()
    lines = list(lines) if lines is not None else csvfile.row_numbers(frame)
    errors = []
    for code in sorted(set(country) & set(shapes)):
        rows = np.flatnonzero((country == code) & np.isfinite(lat) & np.isfinite(lon))
        slack = NEAR_BORDER.get(code, NEAR_COARSE_BORDER)
        off = shapely.distance(shapely.points(lon[rows], lat[rows]), shapes[code]) > slack
        swapped = shapely.distance(shapely.points(lat[rows], lon[rows]), shapes[code]) <= slack
        for r, is_off, is_swapped in zip(rows, off, swapped, strict=True):
            if not is_off:
                continue
            why = (
                f"latitude and longitude look swapped: {lon[r]:g}, {lat[r]:g} lies in {code}"
                if is_swapped
                else f"the point {lat[r]:g}, {lon[r]:g} lies outside {code}"
            )
            errors.append(DataError(why, file=origin, row=lines[r], field="lat"))
    return errors


@cache
def _countries(data_dir: Path) -> dict[str, object]:
    """Each country's outline: Syria's and Iraq's from their 1:10m governorates, the others'
    from the 1:110m countries."""
    parts: dict[str, list] = {}
    for name, key in ((admin.COUNTRIES, "iso_a2"), (admin.PROVINCES, "gn_a1_code")):
        path = data_dir / name
        if path.exists():
            for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
                code = str(feature["properties"][key])[:2]
                parts.setdefault(code, []).append(shape(feature["geometry"]))
    return {code: shapely.union_all(shapes) for code, shapes in parts.items()}
