"""HXL in: a file's deliveries or control events as an import batch for `batch.run`.

Reading is in steps, each its own module: the sheet (`hxl_sheet`: hashtag row, bytes, columns),
places (`hxl_places`), armed groups (`hxl_actors`), sources (`hxl_sources`), then the records,
checked by `validation.coerce` like any other input, and one link per row (`hxl_ids`: outside
id, record id, revision). Dates written otherwise than ISO (`15/03/2016`, `15 March 2016`) are
rewritten as ISO first (`hxl_dates`: day or month first decided per column, day first when
nothing in the column says). Every row is checked before anything is written: one bad row is a
DataError naming the file, the row as a spreadsheet shows it and the hashtag; several are a
ValidationError listing them all, each once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model
from frontline.config import Settings
from frontline.errors import DataError, ValidationError
from frontline.gazetteer import Gazetteer
from frontline.imports import hxl_dates, hxl_ids
from frontline.imports.batch import Batch
from frontline.imports.hxl_actors import Actors, armed_groups
from frontline.imports.hxl_places import Placed, place_rows
from frontline.imports.hxl_sheet import Sheet, date_text, load, missing_columns
from frontline.imports.hxl_sources import cited_sources
from frontline.imports.hxl_tags import ORIGIN, TABLE_OF, check_table
from frontline.validation import coerce


def read(path: Path, table: str, settings: Settings, engine: Engine,
         gazetteer: Gazetteer) -> Batch:  # fmt: skip
    """A HXL file's deliveries or control events (`table`: "deliveries" | "events") as an
    import batch: places found on the registry (p-code first, then name near the point) or
    added, armed groups matched to the store's actors (or added when the file gives their
    side), a source record for each cited source the store lacks, and a link per row (its
    outside id and revision, `hxl_ids`). Nothing is written: `batch.run` does."""
    check_table(table)
    sheet = load(path, table)
    errors = missing_columns(sheet)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationError(errors)
    errors = hxl_dates.normalise(sheet)  # 15/03/2016, 15 March 2016 … as ISO, before anything
    outside, ids = hxl_ids.ids(sheet)
    located = place_rows(sheet, settings, engine, gazetteer, errors)
    actors = armed_groups(sheet, engine, errors) if table == "events" else Actors()
    sources, cited = cited_sources(sheet, engine, errors)
    spec = TABLE_OF[table]
    records = _checked(sheet, spec, _model_rows(sheet, ids, located, actors.ids, cited), errors)
    if errors:
        errors.sort(key=lambda e: (e.row or 0, e.field))
        raise errors[0] if len(errors) == 1 else ValidationError(errors)
    tables = {"places": located.places, "actors": actors.added, "sources": sources,
              spec.name: records}  # fmt: skip
    return Batch(ORIGIN, tables, hxl_ids.links(sheet, outside, records), sheet.origin,
                 places_matched=located.counts["matched"], places_added=located.counts["added"],
                 actors_added=list(actors.added["name"]))  # fmt: skip


def _quote(sheet: Sheet, position: int) -> str:
    """What a row says, for a file without a quote: its cells by hashtag, as written."""
    cells = "; ".join(f"{k} {v}" for k, v in sheet.raw[position].items() if k.startswith("#"))
    return f"{Path(sheet.origin).name}, row {sheet.lines[position]}: {cells}"


def _model_rows(sheet: Sheet, ids: list[str], placed: Placed, actors: dict[str, list[str | None]],
                cited: list[list[str]]) -> list[dict]:  # fmt: skip
    """The records as raw text by model column, for `validation.coerce` to check."""

    def text(field: str) -> list[str]:
        return sheet.text(field).tolist()

    date = [date_text(t) or t for t in text("date")]
    reported = text("place_name") if "place_name" in sheet.cells else text("place")
    common = {"date": date, "date_precision": text("date_precision"),
              "date_text": text("date_text"), "place_name": reported,
              "status": [s or "reported" for s in text("status")],
              "source_ids": [model.LIST_SEPARATOR.join(c) for c in cited],
              "quote": [q or _quote(sheet, p) for p, q in enumerate(text("quote"))],
              "notes": text("notes")}  # fmt: skip
    if sheet.table == "deliveries":
        first = [date_text(t) or t for t in text("reported_first_since")]
        columns = {"delivery_id": ids, "convoy_id": [c or i for c, i in
                                                      zip(text("convoy_id"), ids, strict=True)],
                   "origin_place_id": placed.ids["origin_"],
                   "destination_place_id": placed.ids[""], "reported_first_since": first,
                   **{f: text(f) for f in ("organisations", "trucks", "beneficiaries",
                                           "figures_scope", "items",
                                           "reported_first_since_precision")}}  # fmt: skip
    else:
        columns = {"event_id": ids, "seq": text("seq"), "place_id": placed.ids[""],
                   "event_type": text("event_type"), "actor_id": actors["actor"],
                   "opponent_id": actors["opponent"], "claimed_by": text("claimed_by"),
                   "confirmed_by": text("confirmed_by")}  # fmt: skip
    merged = {**common, **columns}
    return [{k: v[p] for k, v in merged.items()} for p in range(len(sheet.cells))]


_FIELD_OF = {"destination_place_id": "place", "origin_place_id": "origin_place",
             "place_id": "place", "actor_id": "actor", "opponent_id": "opponent",
             "delivery_id": "delivery_id", "event_id": "event_id"}  # fmt: skip


def _checked(sheet: Sheet, spec: model.Table, rows: list[dict],
             errors: list[DataError]) -> pd.DataFrame:  # fmt: skip
    """The records typed by `validation.coerce`, its problems renamed to the file's rows and
    hashtags. A problem of a value the file does not hold (a precision read off a bad date, a
    place left blank because it could not be placed) is named only when nothing else on its
    row explains it."""
    try:
        return coerce(spec, rows, origin=sheet.origin)
    except ValidationError as exc:
        found = []
        for e in exc.errors:
            field = _FIELD_OF.get(e.field, e.field)
            derived = field not in sheet.cells or (field in _FIELD_OF.values()
                                                   and e.reason == "is required")  # fmt: skip
            found.append((sheet.error((e.row or 2) - 2, field, e.reason), derived))
        seen = {(e.row, e.field) for e in errors}
        troubled = {e.row for e in errors} | {e.row for e, derived in found if not derived}
        for error, derived in found:
            if (error.row, error.field) not in seen and not (derived and error.row in troubled):
                errors.append(error)
        return model.empty(spec)
