"""Where an imported row happened: a place of the registry, or a new place that joins it.

An outside file names a place its own way (ACLED's "Manbij" with its point, an HDX row's
p-code, a name alone) and the registry already holds most of them under another spelling, so
each distinct location is tried, in this order: its p-code; the geocoder (country filtered,
ranked near the file's point, accepted only within the row's tolerance of it); the registry's
merge rule (a matching name key within a short distance, `gazetteer.merge`). Only what none of
them places becomes a new place, with its source named, so the next import of the same location
finds it. A location with neither a known name nor a point cannot be placed: the caller names
the row.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model, registry
from frontline.config import Settings
from frontline.gazetteer import Gazetteer, all_places, merge
from frontline.gazetteer.distance import km
from frontline.gazetteer.formats import slug
from frontline.imports import nearby

KEY = ("name", "lat", "lon", "country", "pcode", "admin1")
DEFAULTS = {"lat": math.nan, "lon": math.nan, "country": "", "pcode": "", "kind": "town",
            "admin1": "", "tolerance_km": 10.0}  # fmt: skip


@dataclass
class Located:
    """Each row's place (aligned with the rows; "" where none), the registry rows the import
    stores (new places, and places that gained this file's spelling), and how many of the
    distinct locations were matched or added."""

    place_ids: pd.Series
    places: pd.DataFrame
    counts: Counter = field(default_factory=Counter)


def locate(rows: pd.DataFrame, settings: Settings, engine: Engine, gazetteer: Gazetteer, *,
           source: str, id_prefix: str) -> Located:  # fmt: skip
    """Place every row (see the module's docstring); nothing is written here — the import
    stores `Located.places` in its own transaction, so a refused file adds no place either."""
    rows = _complete(rows)
    distinct = rows.drop_duplicates(list(KEY)).reset_index(drop=True)
    found: dict[tuple, str] = {}
    incoming = []
    for loc in distinct.to_dict("records"):
        place_id = _known(loc, gazetteer)
        if place_id:
            found[_key(loc)] = place_id
        elif _has_point(loc):
            incoming.append(_new_row(loc, source, id_prefix))
    matched = len(found)
    bundled, stored = all_places(settings.data_dir), registry.stored_places(engine)
    places, counts = _merged(incoming, settings, bundled, stored, found)
    counts["matched"] += matched
    ids = pd.Series([found.get(_key(r), "") for r in rows.to_dict("records")], index=rows.index)
    return Located(ids, _with_unstored(places, bundled, stored, set(found.values())), counts)


def _with_unstored(places: pd.DataFrame, bundled: pd.DataFrame, stored: pd.DataFrame,
                   used: set[str]) -> pd.DataFrame:  # fmt: skip
    """The rows to store, with the bundled registry places the import uses that the store
    does not hold yet (a store holds the places its records cite)."""
    held = set(stored["place_id"]) | set(places["place_id"])
    wanted = bundled[bundled["place_id"].isin(used - held)]
    if wanted.empty:
        return places
    wanted = model.typed(model.PLACES, wanted.reset_index(drop=True))
    return pd.concat([places, wanted], ignore_index=True) if len(places) else wanted


def _complete(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.copy()
    for column, default in DEFAULTS.items():
        rows[column] = rows[column].fillna(default) if column in rows else default
    for column in ("name", "country", "pcode", "admin1", "kind"):
        rows[column] = rows[column].astype(str).str.strip()
    rows["country"] = rows["country"].str.upper()
    rows["lat"] = pd.to_numeric(rows["lat"], errors="coerce")
    rows["lon"] = pd.to_numeric(rows["lon"], errors="coerce")
    return rows


def _key(loc: dict) -> tuple:
    return tuple("" if isinstance(loc[k], float) and math.isnan(loc[k]) else loc[k] for k in KEY)


def _has_point(loc: dict) -> bool:
    return not (math.isnan(loc["lat"]) or math.isnan(loc["lon"])) and bool(loc["name"])


def _known(loc: dict, gazetteer: Gazetteer) -> str:
    """The registry place of a p-code, or of the name near the point (within tolerance); a
    name without a point only when the geocoder is confident."""
    countries = (loc["country"],) if loc["country"] else ()
    if loc["pcode"]:
        for match in gazetteer.matches(loc["pcode"], countries):
            return match["place_id"]
    if not loc["name"]:
        return ""
    point = (loc["lat"], loc["lon"]) if _has_point(loc) else None
    matches = gazetteer.matches(loc["name"], countries, near=(point,) if point else ())
    for match in matches:
        if point is None:
            return "" if match["low_confidence"] else match["place_id"]
        if km(point, (match["lat"], match["lon"])) <= loc["tolerance_km"]:
            return match["place_id"]
    return ""


def _new_row(loc: dict, source: str, id_prefix: str) -> dict:
    """A registry row for a location no source had: its id from country, governorate and name
    (stable from one import to the next), and its point once more only when two such share an
    id, so namesakes stay two places."""
    parts = [p for p in (loc["country"].lower(), slug(loc["admin1"]) if loc["admin1"] else "",
                         slug(loc["name"])) if p]  # fmt: skip
    return {"place_id": id_prefix + "-".join(parts), "name": loc["name"], "kind": loc["kind"]
            if loc["kind"] in model.PLACE_KINDS else "town", "lat": round(loc["lat"], 5),
            "lon": round(loc["lon"], 5), "country": loc["country"], "admin1": "", "admin2": "",
            "admin3": "", "population": None, "aliases": [], "source": source,
            "_key": _key(loc)}  # fmt: skip


def _merged(incoming: list[dict], settings: Settings, bundled: pd.DataFrame,
            stored: pd.DataFrame, found: dict) -> tuple[pd.DataFrame, Counter]:  # fmt: skip
    """Merge the new locations into the registry (one rule with `frontline places add`:
    a matching name within a short distance is the same place) and note where each went;
    return the rows to store and the counts (merged: joined a registry place; added: new).
    The merge is given only the registry rows an incoming one could be (`nearby`)."""
    counts: Counter = Counter()
    if not incoming:
        return model.empty(model.PLACES), counts
    _distinct_ids(incoming, nearby.points(bundled, stored))
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "_key"} for r in incoming])
    frame = model.typed(model.PLACES, registry.locate_countries(frame, settings))
    merged, outcomes = merge.merge(nearby.candidates(bundled, stored, frame), frame)
    touched = set()
    for row, outcome in zip(incoming, outcomes, strict=True):
        found[row["_key"]] = outcome.into
        counts["added" if outcome.action == "added" else "merged"] += 1
        if outcome.action in ("added", "merged"):
            touched.add(outcome.into)
    rows = merged[merged["place_id"].isin(touched)].reset_index(drop=True)
    return model.typed(model.PLACES, rows), counts


def _distinct_ids(incoming: list[dict], known: pd.DataFrame) -> None:
    """A new location whose id another place far away already has (namesakes in one
    governorate, in this file or an earlier one) gets its point in its id."""
    seen = {pid: (lat, lon) for pid, lat, lon in
            known[["place_id", "lat", "lon"]].itertuples(index=False)}  # fmt: skip
    for row in incoming:
        point = (row["lat"], row["lon"])
        first = seen.setdefault(row["place_id"], point)
        if first != point and km(first, point) > merge.POPULATED_KM:
            row["place_id"] += f"-{abs(row['lat']):.3f}-{abs(row['lon']):.3f}".replace(".", "")
            seen.setdefault(row["place_id"], point)
