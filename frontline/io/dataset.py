"""Read the curated dataset (data/ and seeds/) into typed, cross-checked tables.

Curated CSV is checked harder than a schema can: every quote must appear in the source it cites,
every relative date ("two weeks ago") must resolve to the stored date against the source's
dateline, and every place name as written must be a name the place is known by.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from frontline import gazetteer, model, validation
from frontline.dates import resolve
from frontline.errors import DataError, ValidationError
from frontline.gazetteer.places import FILES
from frontline.io import csvfile
from frontline.names import fold

QUOTE_JOIN = " … "  # one quote may join several sentences of its source


def read_sources(seeds_dir: Path) -> pd.DataFrame:
    """The seeds' metadata files are the sources table (text_path relative to seeds/); a source
    dated in the future is refused with its file."""
    paths = sorted(seeds_dir.glob("*.json"))
    rows = [_json(p) for p in paths]
    sources = validation.coerce(model.SOURCES, rows, origin=str(seeds_dir / "*.json"))
    errors = validation.future_dates(model.SOURCES, sources, "")
    if errors:  # one file per row: name the file, not a row number
        raise ValidationError([DataError(e.reason, file=str(paths[e.row - 2]), field=e.field)
                               for e in errors])  # fmt: skip
    return sources


def _json(path: Path) -> dict:
    try:
        row = json.loads(csvfile.read_text(path))
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=str(path),
                        row=exc.lineno) from exc  # fmt: skip
    if not isinstance(row, dict):
        raise DataError("a source file holds one JSON object", file=str(path))
    return row


def read_csv(table: model.Table, data_dir: Path) -> pd.DataFrame:
    """One curated CSV, read by the rules of `frontline.io.csvfile` (UTF-8, commas, every column
    of the table and no other), coerced to its table; dates after today refused."""
    path = data_dir / table.file
    if not path.exists():
        raise DataError("file not found", file=str(path))
    raw = csvfile.read_text_table(path, table.names)
    frame = validation.coerce(table, raw, origin=str(path))
    errors = validation.future_dates(table, frame, str(path))
    if errors:
        raise ValidationError(errors)
    return frame


def read_dataset(data_dir: Path, seeds_dir: Path) -> dict[str, pd.DataFrame]:
    """All five tables, checked: raises ValidationError naming file, row and field."""
    tables = {
        "sources": read_sources(seeds_dir),
        "actors": read_csv(model.ACTORS, data_dir),
        "control_events": read_csv(model.CONTROL_EVENTS, data_dir),
        "aid_deliveries": read_csv(model.AID_DELIVERIES, data_dir),
    }
    tables["places"] = used_places(_registry(data_dir), tables)
    origins = {t.name: str(data_dir / t.file) for t in model.TABLES.values() if t.file}
    validation.check_references(tables, origins)
    check_against_sources(tables, source_texts(tables["sources"], seeds_dir), origins)
    return tables


def _registry(data_dir: Path) -> pd.DataFrame:
    """The bundled registry, its hand-curated rows' points checked against their countries.
    A gazetteer file that breaks the reading rules of `frontline.io.csvfile` is refused by
    them, naming the file (the registry's own reader would give pandas' error, or a cascade
    of unknown columns for a file separated by ';')."""
    try:
        places = gazetteer.all_places(data_dir)
    except (DataError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError,
            KeyError, ValueError) as exc:  # fmt: skip
        for name in FILES:
            csvfile.read_raw(data_dir / name)  # raises, naming the file, where one breaks a rule
        if isinstance(exc, DataError):
            raise
        raise DataError(f"cannot read the gazetteer: {exc}", file=str(data_dir)) from exc
    curated = gazetteer.curated_places(data_dir)  # its rows, as the file numbers them
    errors = validation.misplaced_points(curated, str(data_dir / model.PLACES.file), data_dir)
    if errors:
        raise ValidationError(errors)
    return places


def source_texts(sources: pd.DataFrame, seeds_dir: Path) -> dict[str, str]:
    """Each source's text, whitespace squashed, by source id."""
    paths = sources.set_index("source_id")["text_path"].dropna()
    return {sid: _squash(csvfile.read_text(seeds_dir / p)) for sid, p in paths.items()}


def used_places(places: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Only the gazetteer places that events or deliveries name: the rest stay in the gazetteer."""
    events, aid = tables["control_events"], tables["aid_deliveries"]
    used = (
        set(events["place_id"])
        | set(aid["destination_place_id"])
        | set(aid["origin_place_id"].dropna())
    )
    return places[places["place_id"].isin(used)].reset_index(drop=True)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_against_sources(
    tables: dict[str, pd.DataFrame], texts: dict[str, str], origins: dict[str, str]
) -> None:
    """Quotes, relative dates and place names must agree with the sources they cite."""
    sources = tables["sources"].set_index("source_id")
    places = _PlaceNames(tables["places"].set_index("place_id"))
    errors: list[DataError] = []
    for name, place_column in (
        ("control_events", "place_id"),
        ("aid_deliveries", "destination_place_id"),
    ):
        origin = origins.get(name, name)
        frame = tables[name]
        columns = ["source_ids", "quote", "date_text", "date", "date_precision", "place_name"]
        rows = frame[[*columns, place_column]].to_dict("records")
        for line, row in zip(csvfile.row_numbers(frame), rows, strict=True):  # blank lines too
            errors += _check_quote(row, texts, origin, line)
            errors += _check_date_text(row, sources, origin, line)
            errors += places.check(row, row[place_column], origin, line)
    if errors:
        raise ValidationError(errors)


class _PlaceNames:
    """Each place's known names folded once, and each name as written folded once: a big
    dataset names the same places thousands of times."""

    def __init__(self, places: pd.DataFrame) -> None:
        self.places = places
        self.known: dict[str, set[str]] = {}
        self.folded: dict[str, str] = {}

    def check(self, row: dict, place_id: str, origin: str, line: int) -> list[DataError]:
        written = row["place_name"]
        if pd.isna(written):
            return []
        if place_id not in self.known:
            self.known[place_id] = gazetteer.known_names(self.places.loc[place_id])
        if written not in self.folded:
            self.folded[written] = fold(written)
        if self.folded[written] in self.known[place_id]:
            return []
        return _check_place_name(row, self.places.loc[place_id], origin, line)


def _check_quote(row: dict, texts: dict[str, str], origin: str, line: int) -> list[DataError]:
    cited = [texts[s] for s in row["source_ids"] if s in texts]
    if not cited:
        return []
    missing = [
        part
        for part in row["quote"].split(QUOTE_JOIN.strip())
        if not any(_squash(part) in text for text in cited)
    ]
    return [
        DataError(
            f"quote not found in its source: {part.strip()[:60]!r}",
            file=origin,
            row=line,
            field="quote",
        )
        for part in missing
    ]


def _check_date_text(row: dict, sources: pd.DataFrame, origin: str, line: int) -> list[DataError]:
    if pd.isna(row["date_text"]):
        return []
    anchor = sources.loc[row["source_ids"][0], "published_at"].date()
    try:
        date, precision = resolve(row["date_text"], anchor)
    except ValueError as exc:
        return [DataError(str(exc), file=origin, row=line, field="date_text")]
    stored = (row["date"].date(), row["date_precision"])
    if (date, precision) != stored:
        return [
            DataError(
                f"{row['date_text']!r} resolves to {date} ({precision}) against the "
                f"dateline {anchor}, not {stored[0]} ({stored[1]})",
                file=origin,
                row=line,
                field="date",
            )
        ]
    return []


def _check_place_name(row: dict, place: pd.Series, origin: str, line: int) -> list[DataError]:
    written = row["place_name"]
    if pd.isna(written) or fold(written) in gazetteer.known_names(place):
        return []
    return [
        DataError(
            f"{written!r} is not a known name of {place.name} ({place['name']})",
            file=origin,
            row=line,
            field="place_name",
        )
    ]
