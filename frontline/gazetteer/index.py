"""The geocoder's index: built once from the place registry, kept in the user's cache folder as
one pickle named by a fingerprint of its inputs, so it is rebuilt when the registry changes.

Loading it imports neither pandas nor a database driver: a cold `frontline geocode` pays the
pickle and nothing else. Places added to a store join as an overlay (`extend`), which is small.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from platformdirs import user_cache_path

from frontline import names as names_module
from frontline.gazetteer import keys, vocabulary
from frontline.names import split_tag

REGION = ("SY", "IQ")  # the news this dataset covers
NOT_PLACES_FILE = "gazetteer/not_places.csv"
INPUTS = ("gazetteer/curated.csv", "gazetteer/admin1.csv", "gazetteer/registry.csv",
          "gazetteer/aliases.csv", "gazetteer/registry_aliases.csv", NOT_PLACES_FILE,
          "actors.csv")  # fmt: skip
SITE_KM = 30.0  # how far a site named after a place ("Tabqa Airbase") may stand from it
FAMILIES = {"fl": "curated", "gn": "geonames", "pc": "ocha", "wm": "wikipedia"}
# Scripts the news of the region is written in; names in other scripts are not indexed.
_INDEXED = re.compile(r"^[\sA-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff'’‘`ʿʾ.,()/&-]+$")


@dataclass
class Index:
    """Places as parallel lists, and name keys pointing at them."""

    place_id: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))  # arrays pickle as raw bytes
    lon: array = field(default_factory=lambda: array("d"))
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    population: array = field(default_factory=lambda: array("q"))
    source: list[str] = field(default_factory=list)  # the id family: curated, ocha …
    spelt: list[tuple[str, ...]] = field(default_factory=list)  # each record's names, vowel-folded
    # key → one record number, or a tuple of them (most keys name one place: no tuple to load)
    light: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    vowels: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # where ≠ light key
    skeleton: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    pattern: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # keys.pattern
    cores: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # see keys.variants
    sites: dict[int, tuple[int, ...]] = field(default_factory=dict)  # see `join_sites`
    by_id: dict[str, int] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)  # bundled records a store's row replaces
    not_places: frozenset[str] = frozenset()

    @staticmethod
    def ids(table: dict, key: str) -> tuple[int, ...]:
        found = table.get(key, ())
        return (found,) if isinstance(found, int) else found

    def vowel_ids(self, key: str) -> tuple[int, ...]:
        """Records whose vowel-folded key is `key` (stored apart only where it differs)."""
        return tuple(dict.fromkeys(self.ids(self.vowels, key) + self.ids(self.light, key)))

    def fuzzy_keys(self, key: str) -> list[str]:
        """Light keys of Syrian and Iraqi places that a ratio of 85 can match `key` with
        (2·common/(a+b) ≥ 0.85: within about 27 % of its length) and that begin with its letter
        (a typo seldom hits the first one), for typo matching: one slice of `_typo_table`."""
        found, order = self._typo_table
        spread = max(1, int(len(key) * 0.27) + 1)
        low = bisect_left(order, (key[0], len(key) - spread))
        return found[low:bisect_right(order, (key[0], len(key) + spread))]

    def typos(self, key: str) -> list[tuple[str, float]]:
        """The (at most five) light keys of the region a ratio of 85 joins to `key`, with their
        ratios: a typo's candidates (rapidfuzz, imported only when a query needs it)."""
        if len(key) < 5:
            return []
        from rapidfuzz import fuzz, process

        found = process.extract(key, self.fuzzy_keys(key), scorer=fuzz.ratio, score_cutoff=85,
                                limit=5)  # fmt: skip
        return [(k, score) for k, score, _ in found]

    @cached_property
    def _typo_table(self) -> tuple[list[str], list[tuple[str, int]]]:
        """The region's light keys sorted by first letter and length, built when first asked
        (a process that meets no typo never pays for it)."""
        region = {i for i, c in enumerate(self.country) if c in REGION}
        found = sorted((k for k, v in self.light.items()
                        if not region.isdisjoint((v,) if isinstance(v, int) else v)),
                       key=lambda k: (k[0], len(k)))  # fmt: skip
        return found, [(k[0], len(k)) for k in found]

    def closeness(self, i: int, vowel_key: str) -> float:
        """How near (0–1, rapidfuzz's ratio) the closest of record `i`'s names is to a query's
        vowel-folded key: among the places a loose key joins, Hammura is nearer 'Hamouriya'
        than Himar is, and Zabadin nearer 'Zebdin' than Zabadani."""
        from rapidfuzz.fuzz import ratio

        return max((ratio(vowel_key, k) for k in self.spelt[i]), default=0) / 100

    def add(self, row: dict) -> None:
        """Add a place under its name, its aliases (tags dropped) and the shorter names they
        contain, each under its light, vowel-folded, vowel-pattern and skeleton key."""
        i = len(self.place_id)
        for column in ("place_id", "name", "kind", "lat", "lon", "country", "population"):
            getattr(self, column).append(row[column])
        self.admin1.append(row.get("admin1") or "")
        self.source.append(FAMILIES.get(row["place_id"].partition(":")[0], "added"))
        self.by_id[row["place_id"]] = i
        names: set[str] = set()
        cores: set[str] = set()
        for alias in {split_tag(a)[0] for a in [row["name"], *row["aliases"]]}:
            if _INDEXED.match(alias):
                found_names, found_cores = keys.variants(alias)
                names |= found_names
                cores |= found_cores
        spelt: dict[str, None] = {}
        for name in names:
            light = keys.light(name)
            spelt[keys.fold_vowels(light) or light] = None  # folded once, as `closeness` reads
            vowels = keys.vowels(name)
            for table, key in ((self.light, light), (self.vowels, vowels if vowels != light
                               else ""), (self.skeleton, keys.skeleton(name)),
                               (self.pattern, keys.pattern(name))):  # fmt: skip
                self._put(table, key, i)
        self.spelt.append(tuple(k for k in spelt if k))
        for core in cores | {keys.unqualified(n) for n in names}:  # and "Khwein" of "Big Khwein"
            self._put(self.cores, keys.light(core), i)
            self._put(self.cores, keys.vowels(core), i)  # "Wadi al-Daif base": Wadi Daif
        for name in names:  # a Latin spelling of an Arabic name no source romanised so, and
            for spelling in (name, keys.unqualified(name)):  # a name without "Big", "Upper"
                self._put(self.skeleton, keys.arabic_skeleton(spelling), i)
            self._put(self.skeleton, keys.skeleton(keys.unqualified(name)), i)

    def join_sites(self) -> None:
        """Each place's sites: the air bases, crossings, fields … whose core is one of its
        names, within SITE_KM of it. 'مطار الطبقة العسكري' finds the town by its Arabic name and
        the air base through it (the base has only Latin names). Worked out from the key
        tables, so a store's places join it when `extend` runs it again."""
        from frontline.gazetteer.distance import near_km

        sites: dict[int, set[int]] = {}
        for key in self.cores:
            for s in self.ids(self.cores, key):
                if self.kind[s] not in vocabulary.FACILITIES:
                    continue
                for i in self.ids(self.light, key):
                    if i != s and near_km((self.lat[i], self.lon[i]),
                                          (self.lat[s], self.lon[s])) <= SITE_KM:  # fmt: skip
                        sites.setdefault(i, set()).add(s)
        self.sites = {i: tuple(sorted(found)) for i, found in sites.items()}

    def _put(self, table: dict, key: str, i: int) -> None:
        found = self.ids(table, key)
        if key and i not in found:
            table[key] = (*found, i) if found else i

    def extend(self, rows: list[dict]) -> None:
        """Places a store added (or holds with more names than the bundled row): the bundled
        record of the same id is shadowed, so the store's row answers."""
        for row in rows:
            old = self.by_id.get(row["place_id"])
            if old is not None:
                self.hidden.add(old)
            self.add(row)
        self.join_sites()
        self.__dict__.pop("_typo_table", None)


def _records(data_dir: Path) -> list[dict]:
    """The registry's rows as plain dicts (pandas is imported here, only when building)."""
    from frontline.gazetteer.places import all_places

    places = all_places(data_dir)
    places["population"] = places["population"].fillna(0).astype(int)
    places["admin1"] = places["admin1"].fillna("")
    return places.to_dict("records")


def build(data_dir: Path) -> Index:
    """Read the registry and build the index (seconds; cached by `load`)."""
    index = Index()
    for row in _records(data_dir):
        index.add(row)
    index.join_sites()
    index.not_places = frozenset(keys.light(n) for n in _not_places(data_dir))
    return index


def _not_places(data_dir: Path) -> list[str]:
    """Organisations, armed groups and words that news puts where a place could stand."""
    import pandas as pd

    from frontline.io.csvfile import read_text_table
    from frontline.model import ACTORS
    from frontline.validation import coerce

    listed = pd.read_csv(data_dir / NOT_PLACES_FILE, dtype=str)["name"].tolist()
    path = data_dir / ACTORS.file
    actors = coerce(ACTORS, read_text_table(path), origin=str(path))  # rows as the file's
    return listed + actors["name"].tolist() + [a for row in actors["aliases"] for a in row]


def fingerprint(data_dir: Path) -> str:
    """Changes whenever an input file's bytes do, or the code that turns names into keys."""
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((data_dir / name).read_bytes())
    for module in (keys, vocabulary, names_module, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def load(data_dir: Path, cache_dir: Path | None = None, stamp: str | None = None) -> Index:
    """The cached index for these inputs, built (and cached) first if missing; `stamp` is
    their `fingerprint` when the caller has it already (hashing them costs a few ms)."""
    folder = cache_dir or user_cache_path("frontline")
    path = folder / f"gazetteer-{stamp or fingerprint(data_dir)}.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    index = build(data_dir)
    _dump(path, index)
    return index


def _overlay_path(database_url: str, cache_dir: Path | None = None) -> Path:
    """One overlay per store: a SQLite file by its absolute path, a server by its URL."""
    if database_url.startswith("sqlite:///") and not database_url.startswith("sqlite:////"):
        database_url = f"sqlite:///{Path(database_url[len('sqlite:///'):]).resolve()}"
    key = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return (cache_dir or user_cache_path("frontline")) / f"added-places-{key}.pickle"


def save_overlay(database_url: str, rows: list[dict], data_dir: Path,
                 cache_dir: Path | None = None) -> None:  # fmt: skip
    """Keep, for one store, the bundled index with the places the store adds already indexed,
    where a cold geocoder finds it without opening the store (written whenever a command or the
    app reads the store's places; rewritten only when those rows changed)."""
    path = _overlay_path(database_url, cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    bundled = fingerprint(data_dir)
    stamp = hashlib.sha256(pickle.dumps((bundled, rows))).hexdigest()
    sidecar = path.with_suffix(".stamp")
    if sidecar.exists() and sidecar.read_text() == stamp:
        return
    if not rows:
        path.unlink(missing_ok=True)
    else:
        index = load(data_dir, cache_dir, bundled)
        index.extend(rows)
        _dump(path, (bundled, index))
    sidecar.write_text(stamp)


def load_for_store(data_dir: Path, database_url: str, cache_dir: Path | None = None) -> Index:
    """The store's overlay index when it was built on the current bundled index, else that."""
    path, bundled = _overlay_path(database_url, cache_dir), fingerprint(data_dir)
    if path.exists():
        with path.open("rb") as f:
            built_on, index = pickle.load(f)
        if built_on == bundled:
            return index
    return load(data_dir, cache_dir, bundled)


def _dump(path: Path, value: object) -> None:
    """Write a pickle atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, path)
