"""`Gazetteer`: an offline geocoder with geopy's interface, for names as news writes them.

Stages, the first that finds anything wins: the whole query (light key), the name without its
descriptor words ("air base", "province", "west"), the same with vowels folded, the consonant
skeleton, then a fuzzy match
(rapidfuzz) over the names of Syria and Iraq. Candidates are ranked by the country hint, the kind
the descriptors ask for, Syria and Iraq first, population, and nearness to places already
resolved in the same document (`near`). Organisations, armed groups and weekdays are not places.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.distance import great_circle
from geopy.location import Location
from platformdirs import user_cache_path
from rapidfuzz import fuzz, process

from frontline.config import Settings, load_settings
from frontline.gazetteer import index as index_module
from frontline.gazetteer import keys
from frontline.gazetteer.online import CachedOnline, nominatim

LOW_CONFIDENCE = 90  # match scores below this are flagged
MAX_CANDIDATES = 10  # kept per query
FACILITIES = ("airbase", "border_crossing", "dam", "camp")
STAGE_SCORES = {"exact": 100, "name": 95, "vowels": 92, "skeleton": 88}


@dataclass(frozen=True)
class Candidate:
    """One place a query may mean, with how well the name matched and how it ranked."""

    record: int
    score: float  # name match quality, 0–100
    rank: float  # score plus the ranking bonuses


class Gazetteer:
    """Offline geocoder: `Gazetteer().geocode("Boukamal")` → a geopy `Location` or None."""

    def __init__(
        self,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
        online: CachedOnline | None = None,
    ) -> None:
        """The default offline index; `online` (see `online.nominatim`, or `from_settings`)
        answers only what the offline index cannot."""
        self.index = index_module.load(data_dir or load_settings().data_dir, cache_dir)
        self.online = online
        self._lookup = lru_cache(maxsize=65536)(self._candidates)

    @classmethod
    def from_settings(cls, settings: Settings) -> Gazetteer:
        """Offline, plus Nominatim when FRONTLINE_GEOCODER=nominatim."""
        online = None
        if settings.geocoder == "nominatim":
            cache = user_cache_path("frontline") / "nominatim"
            online = nominatim(settings.user_agent, cache)
        return cls(settings.data_dir, online=online)

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        near: Iterable[tuple[float, float]] = (),
        limit: int = 5,
    ) -> Location | list[Location] | None:
        """The best match (or up to `limit`, best first); None when nothing fits.

        `raw` holds place_id, name, kind, country, score, source and low_confidence.
        """
        countries = (country_codes,) if isinstance(country_codes, str) else country_codes
        found = self._lookup(query.strip(), tuple(c.upper() for c in countries or ()),
                             tuple(near))  # fmt: skip
        locations = list(found[: 1 if exactly_one else limit])
        if not locations and self.online and not self._not_a_place(query.strip()):
            answer = self.online.geocode(query.strip(), tuple(countries or ()))
            locations = [answer] if answer else []
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def _location(self, found: Candidate) -> Location:
        ix, i = self.index, found.record
        raw = {"place_id": ix.place_id[i], "name": ix.name[i], "kind": ix.kind[i],
               "country": ix.country[i], "lat": ix.lat[i], "lon": ix.lon[i],
               "score": round(found.score, 1), "source": ix.source[i],
               "low_confidence": found.score < LOW_CONFIDENCE}  # fmt: skip
        return Location(f"{ix.name[i]}, {ix.country[i]}", (ix.lat[i], ix.lon[i]), raw)

    def _candidates(
        self, text: str, countries: tuple[str, ...], near: tuple[tuple[float, float], ...]
    ) -> tuple[Location, ...]:
        """Locations best first (cached per query: treat them, and their `raw`, as read-only)."""
        query = keys.parse(text)
        whole = keys.light(text)
        core = whole if query.core == text else keys.light(query.core)
        if self._not_a_place(text, {whole, core}):
            return ()
        matches = self._match(query, whole, core)
        ranked = [
            Candidate(i, score, score + self._bonus(i, query, countries, near))
            for i, score in matches.items()
        ]
        best = sorted(ranked, key=lambda c: -c.rank)[:MAX_CANDIDATES]
        return tuple(self._location(c) for c in best)

    def _not_a_place(self, text: str, light_keys: set[str] | None = None) -> bool:
        """Empty, a bare descriptor ("air base"), or a listed organisation, group or weekday."""
        if not text or text.lower() in keys.KIND_WORDS:
            return True
        light_keys = light_keys or {keys.light(text), keys.light(keys.parse(text).core)}
        return bool(light_keys & self.index.not_places)

    def _match(self, query: keys.Query, whole: str, core: str) -> dict[int, float]:
        """Candidates of the first stage that finds any, each with that stage's score."""
        ix = self.index
        for stage, lookup, key in (
            ("exact", lambda k: ix.ids(ix.light, k), lambda: whole),
            ("name", lambda k: ix.ids(ix.light, k), lambda: core),
            ("vowels", ix.vowel_ids, lambda: keys.fold_vowels(core)),
            ("skeleton", lambda k: ix.ids(ix.skeleton, k), lambda: keys.skeleton(query.core)),
        ):
            found = lookup(k) if (k := key()) else ()
            if found:
                return dict.fromkeys(found, STAGE_SCORES[stage])
        fuzzy: dict[int, float] = {}
        if len(core) >= 4:
            for key, score, _ in process.extract(core, ix.fuzzy_keys, scorer=fuzz.ratio,
                                                 score_cutoff=85, limit=5):  # fmt: skip
                for i in ix.ids(ix.light, key):
                    fuzzy[i] = max(fuzzy.get(i, 0), score * 0.9)
        return fuzzy

    def _bonus(self, i: int, query: keys.Query, countries: tuple[str, ...],
               near: tuple[tuple[float, float], ...]) -> float:  # fmt: skip
        ix = self.index
        bonus = math.log10(ix.population[i] + 1)
        if countries:
            bonus += 15 if ix.country[i] in countries else -40
        bonus += 6 if ix.country[i] in index_module.REGION else 0
        if query.kind:
            bonus += 12 if ix.kind[i] == query.kind else -10
        elif ix.kind[i] in FACILITIES:
            bonus -= 3  # a bare name means the town before the air base named after it
        if near:
            km = min(great_circle((ix.lat[i], ix.lon[i]), p).km for p in near)
            bonus += 10 if km < 50 else 5 if km < 200 else 0
        return bonus


MATCH_FIELDS = ("name", "place_id", "lat", "lon", "country", "kind", "score", "source",
                "low_confidence")  # fmt: skip


def resolve_document(gazetteer: Gazetteer, queries: Iterable[tuple[str, str | None]]) -> list[dict]:
    """Resolve the names of one document in order, each helped by those resolved before it:
    `{"query": ..., "match": None | {name, place_id, lat, lon, country, kind, score, ...}}`."""
    near: list[tuple[float, float]] = []
    out = []
    for query, country in queries:
        found = gazetteer.geocode(query, country_codes=country, near=near[-10:])
        match = None
        if found is not None:
            match = {k: found.raw.get(k) for k in MATCH_FIELDS}
            match["lat"], match["lon"] = found.latitude, found.longitude
            near.append((found.latitude, found.longitude))
        out.append({"query": query, "match": match})
    return out


def candidates_table(gazetteer: Gazetteer, query: str, country: str | None = None) -> list[dict]:
    """Every candidate for `query`, best first, as rows (what the Places page shows)."""
    found = gazetteer.geocode(query, exactly_one=False, country_codes=country, limit=8) or []
    return [{k: loc.raw.get(k) for k in MATCH_FIELDS} for loc in found]
