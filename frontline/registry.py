"""The place registry as one store sees it, and adding a gazetteer file to it.

The bundled registry (`gazetteer.all_places`) plus the places the store holds: rows users added
(`frontline places add`, imports) and bundled rows that gained names since. The loader, the
forms, the CLI and the geocoder all take places from here, so a place any of them knows can
carry events and deliveries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import gazetteer, model, store, validation
from frontline.config import Settings
from frontline.gazetteer import Gazetteer, formats, index, merge
from frontline.gazetteer.places import with_added
from frontline.store.reading import _read


def stored_places(engine: Engine) -> pd.DataFrame:
    """The live places of a store."""
    with engine.connect() as conn:
        return _read(conn, model.PLACES)


def places(data_dir: Path, engine: Engine) -> pd.DataFrame:
    """Every place this store can use: the bundled registry and the store's own rows."""
    return with_added(gazetteer.all_places(data_dir), stored_places(engine))


def geocoder(settings: Settings, engine: Engine) -> Gazetteer:
    """The geocoder over the bundled index, with the places this store added on top (also
    remembered for `frontline geocode`, which does not open the store)."""
    remember_added(settings, engine)
    return Gazetteer.from_settings(settings)


def remember_added(settings: Settings, engine: Engine) -> None:
    """Write the store's own places (ids the bundled registry lacks) to the geocoder's overlay."""
    bundled = set(gazetteer.all_places(settings.data_dir)["place_id"])
    added = stored_places(engine)
    rows = added[~added["place_id"].isin(bundled)]
    rows = rows.assign(population=rows["population"].fillna(0).astype(int),
                       admin1=rows["admin1"].fillna(""))  # fmt: skip
    index.save_overlay(settings.database_url, rows.to_dict("records"))


@dataclass
class Added:
    """What `add_file` did: counts by outcome, and the rejected lines with their reasons."""

    counts: Counter = field(default_factory=Counter)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    format: str = ""


def add_file(path: Path, settings: Settings, engine: Engine, by: str,
             source: str | None = None) -> Added:  # fmt: skip
    """Read a gazetteer file and add its places (a bad row aborts, naming file, row and field)."""
    read = formats.read_file(path, source)
    incoming = validation.coerce(model.PLACES, read.places, origin=str(path))
    result = Added(add_places(incoming, settings, engine, by), read.rejected, read.format)
    result.counts["rejected"] = len(read.rejected)
    return result


def add_places(incoming: pd.DataFrame, settings: Settings, engine: Engine, by: str) -> Counter:
    """Merge checked place rows into this store's registry and store the new and changed places
    in one audited transaction: what an importer calls for the locations it meets (an ACLED
    location joins with its source). Returns how many rows were added, merged or unchanged."""
    merged, outcomes = merge.merge(places(settings.data_dir, engine), incoming)
    touched = {o.into for o in outcomes if o.action != "unchanged"}
    rows = merged[merged["place_id"].isin(touched)].reset_index(drop=True)
    if not rows.empty:
        store.load(engine, {"places": model.typed(model.PLACES, rows)}, actor=by)
    remember_added(settings, engine)
    return Counter(o.action for o in outcomes)
