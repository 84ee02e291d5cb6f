"""What each HXL row cites: the source records behind it, and a record for each the store lacks.

Our export writes a row's sources as parallel lists (`#meta+source+id` with publisher, title,
date and url), so a read-back keeps every source; an HDX file usually names only a publisher
and a report URL, so each distinct pair becomes one source (its id a hash of the pair, the same
in every file); a file that cites nothing is itself the source, so no record is left without
one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model
from frontline.dates import parse_partial
from frontline.errors import DataError, ValidationError
from frontline.gazetteer.formats import slug
from frontline.imports.hxl_sheet import Sheet, date_text
from frontline.store.reading import live_rows
from frontline.validation import coerce


def _split(cell: str) -> list[str]:
    """A list cell of our export: items split on ';' (not on an escaped '\\;'), unescaped."""
    items, current, escaped = [], [], False
    for char in cell:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == model.LIST_SEPARATOR:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items


def cited_sources(sheet: Sheet, engine: Engine,
             errors: list[DataError]) -> tuple[pd.DataFrame, list[list[str]]]:  # fmt: skip
    """Each row's source ids, and a source record for each the store lacks: from the row's
    `#meta+source+id` (with the parallel publisher, title, date and url lists our export
    writes), else one source per distinct `#meta+source` and `#meta+url`, else the file
    itself. A source's date, when the file gives none, is its latest citing row's."""
    held = set(live_rows(engine, model.SOURCES)["source_id"])
    found: dict[str, dict] = {}
    cited: list[list[str]] = []
    dates = [date_text(t) for t in sheet.text("date")]
    columns = {f: sheet.text(f).tolist() for f in SOURCE_CELLS}
    for position in range(len(sheet.cells)):
        ids = []
        for source in _row_sources({f: v[position] for f, v in columns.items()}, sheet.origin):
            ids.append(source["source_id"])
            if source["source_id"] in held:
                continue
            known = found.setdefault(source["source_id"], {**source, "_rows": []})
            known["_rows"].append(position)
        cited.append(ids)
    rows = [_source_record(s, dates, sheet) for s in found.values()]
    try:
        frame = coerce(model.SOURCES, [r for r, _ in rows] or [], origin=sheet.origin)
    except ValidationError as exc:
        for error in exc.errors:
            first = rows[error.row - 2][1]
            errors.append(sheet.error(first, _SOURCE_FIELDS.get(error.field, "source"),
                                      f"source {rows[error.row - 2][0]['source_id']!r}: "
                                      f"{error.reason}"))  # fmt: skip
        frame = model.empty(model.SOURCES)
    return (frame if rows else model.empty(model.SOURCES)), cited


_SOURCE_FIELDS = {"publisher": "source", "title": "source_title", "url": "source_url",
                  "published_at": "source_date",
                  "published_at_precision": "source_date"}  # fmt: skip


SOURCE_CELLS = ("source_ids", "source", "source_title", "source_date", "source_url")


def _row_sources(cell: dict[str, str], origin: str) -> list[dict]:
    """The sources one row cites (its SOURCE_CELLS), as partial source records."""
    if cell["source_ids"]:
        ids = [i for i in _split(cell["source_ids"]) if i]
        lists = {f: _split(cell[f]) for f in ("source", "source_title", "source_date",
                                               "source_url")}  # fmt: skip
        pick = lambda f, k: lists[f][k] if len(lists[f]) == len(ids) else ""  # noqa: E731
        return [{"source_id": i, "publisher": pick("source", k), "title": pick("source_title", k),
                 "date": pick("source_date", k), "url": pick("source_url", k)}
                for k, i in enumerate(ids)]  # fmt: skip
    publisher, url = cell["source"], cell["source_url"]
    if not publisher and not url:  # the file is the source
        name = Path(origin).name
        return [{"source_id": f"hxl-file-{slug(name)[:40]}", "publisher": "HXL file",
                 "title": f"{name} (no #meta+source)", "date": "", "url": ""}]  # fmt: skip
    digest = hashlib.sha256(f"{publisher}\n{url}".encode()).hexdigest()[:12]
    return [
        {
            "source_id": f"hxl-{slug(publisher)[:40]}-{digest}",
            "publisher": publisher,
            "title": cell["source_title"],
            "date": cell["source_date"],
            "url": url,
        }
    ]


def _source_record(source: dict, dates: list[str], sheet: Sheet) -> tuple[dict, int]:
    """A partial source as the sources table takes it, and the first row citing it."""
    rows = source["_rows"]
    publisher = source["publisher"] or _host(source["url"]) or "unknown publisher"
    date = date_text(source["date"]) or max((dates[r] for r in rows if dates[r]),
                                             key=lambda d: parse_partial(d)[0],
                                             default="")  # fmt: skip
    title = source["title"] or f"{publisher}, as cited in {Path(sheet.origin).name}"
    return ({"source_id": source["source_id"], "publisher": publisher, "title": title,
             "url": source["url"] or None, "published_at": date or None,
             "notes": f"From the HXL file {Path(sheet.origin).name}."}, rows[0])  # fmt: skip


def _host(url: str) -> str:
    found = re.match(r"^[a-z]+://([^/?#]+)", url.strip(), re.IGNORECASE)
    return found.group(1) if found else ""
