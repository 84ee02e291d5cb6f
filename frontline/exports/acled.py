"""Events out in ACLED's current columns: for a tool that reads ACLED, or to move an ACLED-based
store's events to another store (`frontline import acled` reads the file back).

An event that came from ACLED goes back as ACLED had it (its row, kept at import in
`imported_rows.raw`), so every column ACLED had and Frontline has no place for (`interaction`,
`source_scale`, `tags` …) survives; only what Frontline's record now says differently (an editor
moved the date, changed the actor, corrected the notes) replaces ACLED's cells, and such a row
gets a new `timestamp` so a reader sees it revised. Every other event — typed in, from a report,
from HXL — is written from its record in ACLED's words (`acled_columns.DERIVED_TYPES`): what
ACLED's vocabulary cannot say (a siege) becomes its nearest kind, and its notes say what it was.
Text a spreadsheet would run is neutralised (`export.to_csv`); the importer reads it back.

The steps are modules of their own: whether a record still says what ACLED's row said
(`acled_compare`), a row from our record (`acled_derived`), an older release's row in the
current cells (`acled_current`); this one picks, per event, which it needs.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from frontline import model
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.exports.acled_compare import ACTORS, GROUPS, Comparer, parsed
from frontline.exports.acled_current import current, merged_tags
from frontline.exports.acled_derived import Deriver
from frontline.imports import acled as importer
from frontline.imports import acled_columns as columns
from frontline.io.export import to_csv
from frontline.store.schema import imported_rows

# What of the importer's reading of ACLED's row an older release's row is rewritten with.
KEPT = ("acled_day", "event_date", "event_type", "sub_event_type", "country")


def write(ds: Dataset, engine: Engine, as_of: dt.date | str | None = None) -> str:
    """Every live control and context event (up to `as_of` when given) as an ACLED CSV."""
    return to_csv(table(ds, engine, as_of))


def table(ds: Dataset, engine: Engine, as_of: dt.date | str | None = None) -> pd.DataFrame:
    """The rows `write` writes, as text cells in ACLED's current columns, by date."""
    raws = _raws(engine)
    writer = _Writer(ds, _admin1_names())
    rows = [*writer.rows(_upto(ds.control_events, as_of), "control_events", raws),
            *writer.rows(_upto(ds.context_events, as_of), "context_events", raws)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(columns.CURRENT), dtype=object)
    return frame.sort_values(["event_date", "event_id_cnty"], kind="stable", ignore_index=True)


def _upto(events: pd.DataFrame, as_of: dt.date | str | None) -> pd.DataFrame:
    return events if as_of is None else events[events["date"] <= model.as_date(as_of)]


def _raws(engine: Engine) -> dict[tuple[str, str], dict]:
    """(table, our id) → the ACLED row it was imported from, as that row was."""
    t = imported_rows.c
    query = sa.select(t.table_name, t.row_id, t.raw).where(t.origin == importer.ORIGIN,
                                                           t.raw.is_not(None))  # fmt: skip
    with engine.connect() as conn:
        return {(table, row): json.loads(raw) for table, row, raw in conn.execute(query)}


def _admin1_names() -> dict[str, str]:
    """Governorate code (SY.09) → its name, ACLED's admin1."""
    from frontline.gazetteer import all_places

    places = all_places(load_settings().data_dir)
    areas = places[places["kind"] == "admin1"]
    return dict(zip(areas["admin1"], areas["name"], strict=True))


class _Writer:
    """Rows of one Dataset in ACLED's columns."""

    def __init__(self, ds: Dataset, admin1: dict[str, str]) -> None:
        self.derive = Deriver(ds, admin1)  # a row from our record
        self.compare = Comparer(ds)  # whether our record still says what ACLED's row said
        self.stamp = str(int(time.time()))  # one revision time for every row this export edits

    def rows(self, events: pd.DataFrame, table: str,
             raws: dict[tuple[str, str], dict]) -> Iterator[dict]:  # fmt: skip
        """Each event's row: ACLED's own, updated where the record differs; else derived."""
        linked = [(table, e) in raws for e in events["event_id"].tolist()]
        imported = events[linked].reset_index(drop=True)
        if len(imported):
            given = [dict(raws[(table, e)]) for e in imported["event_id"].tolist()]
            raw = pd.DataFrame(given, dtype=object)
            raw = raw.reindex(columns=sorted(set(raw.columns) | set(columns.CURRENT)))
            was = parsed(raw.fillna(""))
            same = self.compare.same(imported, was, table)
            stale = np.flatnonzero(~same.to_numpy().all(axis=1))
            records = dict(zip(stale.tolist(), _records(imported.iloc[stale]), strict=True))
            keep = _records(was[list(KEPT)])
            flags = same.to_numpy().tolist()
            groups = [GROUPS[g] for g in same.columns]
            stale_rows = set(stale.tolist())
            for i, (row, old) in enumerate(zip(given, keep, strict=True)):
                changed = ([g for g, ok in zip(groups, flags[i], strict=True) if not ok]
                           if i in stale_rows else [])  # fmt: skip
                yield self._updated(records.get(i), table, row, old, changed)
        for record in _records(events[[not x for x in linked]]):
            yield self.derive.row(record, table)

    def _updated(self, record: dict | None, table: str, row: dict, was: dict,
                 changed: list[tuple[str, ...]]) -> dict:  # fmt: skip
        """ACLED's row with each group of cells our record now says otherwise replaced."""
        if changed:
            new = self.derive.row(record, table)
            if table == "control_events":  # our words in tags, read with actor1 as the gainer
                changed = [*changed, ACTORS]
            for group in changed:
                row.update({c: new[c] for c in group})
            row["tags"] = merged_tags(row.get("tags"), new["tags"])
        out = current(row, was)
        if changed:
            out["timestamp"] = self.stamp
        return out


def _records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as dicts, column by column (`to_dict` iterates arrow strings slowly);
    missing values as None."""
    names = list(frame.columns)
    cells = [[None if v is pd.NA or v is pd.NaT else v for v in frame[c].tolist()]
             for c in names]  # fmt: skip
    return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]
