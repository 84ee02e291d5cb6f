"""The place registry as one store sees it, and adding a gazetteer file to it.

The bundled registry (`gazetteer.all_places`) plus the places the store holds: rows users added
(`frontline places add`, imports) and bundled rows that gained names since. The loader, the
forms, the CLI and the geocoder all take places from here, so a place any of them knows can
carry events and deliveries.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import gazetteer, model, store, validation
from frontline.config import Settings
from frontline.errors import DataError, ValidationError
from frontline.gazetteer import Gazetteer, admin, formats, index, merge
from frontline.gazetteer.places import with_added
from frontline.store.reading import live_rows


def stored_places(engine: Engine) -> pd.DataFrame:
    """The live places of a store."""
    return live_rows(engine, model.PLACES)


def places(data_dir: Path, engine: Engine) -> pd.DataFrame:
    """Every place this store can use: the bundled registry and the store's own rows."""
    return with_added(gazetteer.all_places(data_dir), stored_places(engine))


def geocoder(settings: Settings, engine: Engine) -> Gazetteer:
    """The geocoder over the bundled index, with the places this store added on top (also
    remembered for `frontline geocode`, which does not open the store)."""
    remember_added(settings, engine)
    return Gazetteer.from_settings(settings)


def remember_added(settings: Settings, engine: Engine) -> None:
    """Write what the store adds to the registry to the geocoder's overlay: its own places, and
    the bundled places it holds with more names (the overlay's row replaces the bundled one)."""
    all_bundled = gazetteer.all_places(settings.data_dir)
    held = stored_places(engine)  # read once: both the merge and the test below need it
    rows = with_added(all_bundled, held)
    bundled, stored = all_bundled.set_index("place_id")["aliases"], set(held["place_id"])
    changed = [pid in stored and (pid not in bundled.index or aliases != bundled[pid])
               for pid, aliases in zip(rows["place_id"], rows["aliases"], strict=True)]  # fmt: skip
    rows = rows[changed]
    rows = rows.assign(population=rows["population"].fillna(0).astype(int),
                       admin1=rows["admin1"].fillna(""))  # fmt: skip
    index.save_overlay(settings.database_url, rows.to_dict("records"), settings.data_dir)


@dataclass
class Added:
    """What `add_file` did: counts by outcome, and the rejected rows (where, why)."""

    counts: Counter = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    format: str = ""


def add_file(path: Path, settings: Settings, engine: Engine, by: str,
             source: str | None = None) -> Added:  # fmt: skip
    """Read a gazetteer file and add its places (a bad row aborts, naming file, row and field;
    a file that cannot be read at all is refused with why, by `frontline.io.csvfile`'s rules).
    Rows without a country or governorate get them from the bundled boundaries; a row whose
    point lies outside the country it names is refused ("look swapped" where exchanging
    latitude and longitude would put it there) — in a GeoNames dump it is rejected instead,
    listed with the other rejected rows: one odd point of a published dump of tens of thousands
    should not keep the rest out."""
    try:
        read = formats.read_file(path, source)
    except DataError:
        raise
    except (ValueError, zipfile.BadZipFile, OSError) as exc:
        raise DataError(f"cannot read it as a gazetteer: {exc}", file=str(path)) from exc
    lines = [read.line(i) for i in range(len(read.places))]
    misplaced = validation.misplaced_points(read.places, str(path), settings.data_dir, lines)
    if misplaced and read.format != "geonames":
        raise ValidationError(misplaced)
    at = {line: i for i, line in enumerate(lines)}
    gone = {at[e.row] for e in misplaced}
    dropped = [(f"line {e.row}", f"{read.places.at[at[e.row], 'place_id']}: {e.reason}")
               for e in misplaced]  # fmt: skip
    read.places = read.places.drop(index=sorted(gone)).reset_index(drop=True)
    lines = [line for i, line in enumerate(lines) if i not in gone]  # one set, not one a row
    incoming = validation.coerce(model.PLACES, locate_countries(read.places, settings),
                                 origin=str(path), lines=lines)  # fmt: skip
    counts, refused = add_places(incoming, settings, engine, by)
    rejected = [(f"line {line}", why) for line, why in read.rejected] + dropped + refused
    counts["rejected"] = len(rejected)
    return Added(counts, rejected, read.format)


def locate_countries(frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Rows without a country or governorate given them from the bundled boundaries."""
    frame = frame.copy()
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    known = lat.notna() & lon.notna()  # a bad point is left for coerce to name
    countries, admin1 = admin.locate(settings.data_dir, lat[known], lon[known])
    for column, found in (("country", countries), ("admin1", admin1)):
        frame[column] = frame[column].astype(object)  # an all-empty column reads as float
        given = frame.loc[known, column].fillna("").astype(str)
        frame.loc[known, column] = given.where(given != "", pd.Series(found, index=given.index))
    return frame


def add_places(incoming: pd.DataFrame, settings: Settings, engine: Engine,
               by: str) -> tuple[Counter, list[tuple[str, str]]]:  # fmt: skip
    """Merge checked place rows into this store's registry and store the new and changed places
    in one audited transaction: what an importer calls for the locations it meets (an ACLED
    location joins with its source). Returns how many rows were added, merged or already
    known, and the rows refused (a known id given a far-off point) with why."""
    merged, outcomes = merge.merge(places(settings.data_dir, engine), incoming)
    touched = {o.into for o in outcomes if o.action in ("added", "merged")}
    rows = merged[merged["place_id"].isin(touched)].reset_index(drop=True)
    if not rows.empty:
        store.load(engine, {"places": model.typed(model.PLACES, rows)}, actor=by)
    remember_added(settings, engine)
    refused = [(o.place_id, o.into) for o in outcomes if o.action == "rejected"]
    return Counter(o.action for o in outcomes if o.action != "rejected"), refused
