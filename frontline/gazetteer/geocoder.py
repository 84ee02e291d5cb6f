"""`Gazetteer`: an offline geocoder with geopy's interface, for names as news writes them.

Candidates come from an id or p-code; else from the near-exact stages together — the whole
query (light key), the name without its descriptor words ("air base", "countryside of",
"village of", "west"), the same with vowels folded, and what sites are named after (when only a
loose one matched, with the vowel pattern's); else the vowel pattern; else the skeleton (both
ranked by likeness of spelling); else the name inside a longer phrase (`spans`: tried before
the loose stages when the phrase says where or what, "Qayyarah (Iraq)"); else a fuzzy match
over the names of Syria and Iraq. A country hint filters; it does not nudge. Candidates are
ranked by the kind the descriptors ask for, population, the kind a bare name usually means (the
town before the air base named after it), and nearness to places already resolved in the same
document (`near`). Never a confident wrong answer: an answer from a weak stage, of the wrong
kind, guessed from a phrase, loosely spelt abroad or with a namesake far away, a side of an area
(its point is not that side's), or with a different place ranked close behind it, is flagged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_path

from frontline.config import Settings, load_settings
from frontline.gazetteer import index as index_module
from frontline.gazetteer import keys, spans, vocabulary
from frontline.gazetteer.answers import geopy_classes
from frontline.gazetteer.distance import km, near_km
from frontline.gazetteer.ranking import (
    AMBIGUOUS,
    AREAS,
    CONTEXT_DECIDES,
    FAMILY,
    LOOSE_SPREAD,
    LOW_CONFIDENCE,
    MAX_CANDIDATES,
    NAMESAKE_KM,
    STAGE_SCORES,
    Candidate,
    kind_bonus,
    nearby_bonus,
)

if TYPE_CHECKING:
    from geopy.location import Location

    from frontline.gazetteer.online import CachedOnline



class Gazetteer:
    """Offline geocoder: `Gazetteer().geocode("Boukamal")` → a geopy `Location` or None."""

    def __init__(
        self,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
        online: CachedOnline | None = None,
        store_url: str | None = None,
    ) -> None:
        """The default offline index, with the places the store at `store_url` added; `online`
        (see `online.nominatim`, or `from_settings`) answers only what the index cannot."""
        data_dir = data_dir or load_settings().data_dir
        self.index = (index_module.load_for_store(data_dir, store_url, cache_dir) if store_url
                      else index_module.load(data_dir, cache_dir))  # fmt: skip
        self.online = online
        self._lookup = lru_cache(maxsize=65536)(self._candidates)
        self._located = lru_cache(maxsize=65536)(self._locations)
        self._static: dict[int, float] = {}  # record → the part of its bonus no query changes

    @classmethod
    def from_settings(cls, settings: Settings) -> Gazetteer:
        """Offline, plus Nominatim when FRONTLINE_GEOCODER=nominatim."""
        online = None
        if settings.geocoder == "nominatim":
            cache = user_cache_path("frontline") / "nominatim"
            from frontline.gazetteer.online import nominatim

            online = nominatim(settings.user_agent, cache)
        return cls(settings.data_dir, online=online, store_url=settings.database_url)

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
        countries = tuple(c.upper() for c in countries if c) if countries else ()
        locations = list(self._located(query.strip(), countries, tuple(near),
                                       1 if exactly_one else limit))  # fmt: skip
        if not locations and self.online and not self._not_a_place(query.strip()):
            answer = self.online.geocode(query.strip(), tuple(countries or ()))
            locations = [answer] if answer else []
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def _locations(self, query: str, countries: tuple[str, ...],
                   near: tuple[tuple[float, float], ...],
                   count: int) -> tuple[Location, ...]:  # fmt: skip
        """The matches as geopy Locations (cached too: building a Location costs more than
        answering a repeated query)."""
        location, point = geopy_classes()
        return tuple(location(f"{r['name']}, {r['country']}", point(r["lat"], r["lon"]), r)
                     for r in self._lookup(query, countries, near)[:count])  # fmt: skip

    def matches(self, query: str, countries: Sequence[str] = (),
                near: Iterable[tuple[float, float]] = ()) -> tuple[dict, ...]:  # fmt: skip
        """Candidates best first as plain dicts (MATCH_FIELDS): `geocode` without geopy's
        `Location` (cached per query: treat them as read-only)."""
        return self._lookup(query.strip(), tuple(c.upper() for c in countries if c), tuple(near))

    def _match_row(self, found: Candidate, low: bool) -> dict:
        ix, i = self.index, found.record
        return {"place_id": ix.place_id[i], "name": ix.name[i], "kind": ix.kind[i],
                "country": ix.country[i], "admin1": ix.admin1[i], "lat": ix.lat[i],
                "lon": ix.lon[i], "score": round(found.score, 1), "source": ix.source[i],
                "low_confidence": low}  # fmt: skip

    def _candidates(
        self, text: str, countries: tuple[str, ...], near: tuple[tuple[float, float], ...],
        inner: bool = False,
    ) -> tuple[dict, ...]:
        """Match rows best first (cached per query: treat them as read-only).
        A phrase that is no name is searched for one (`spans`), once, before a typo of it all."""
        text = keys.latin(text)  # Cyrillic: 'Алеппо' is looked up as 'Aleppo'
        query = keys.parse(text)
        whole = keys.light(text)
        core = whole if query.core == text else keys.light(query.core)
        if self._not_a_place(text, {whole, core}):
            return ()
        matches = self._match(text, query, whole, core, countries)
        loose = max(matches.values(), default=0) < STAGE_SCORES["vowels"]
        if not inner and (not matches or loose and spans.has_context(text)):
            phrase = self._inside_phrase(text, countries, near)  # "Qayyarah (Iraq)": its name
            if phrase:
                return phrase
        matches = matches or self._fuzzy(core, countries)
        if not matches and not inner:  # "a Kakai village, Ali Saray": the last guesses
            return self._inside_phrase(text, countries, near, last=True)
        ranked = sorted((self._candidate(i, score, query, near) for i, score in matches.items()),
                        key=lambda c: -c.rank)  # fmt: skip
        best = ranked[:MAX_CANDIDATES]
        return tuple(self._match_row(c, self._doubtful(c, ranked, query, countries))
                     for c in best)  # fmt: skip

    def _inside_phrase(self, text: str, countries: tuple[str, ...],
                       near: tuple[tuple[float, float], ...],
                       last: bool = False) -> tuple[dict, ...]:  # fmt: skip
        """The first head of the phrase that resolves, near the place its context names (the
        `last` guesses apart: a typo of the whole phrase is likelier than they are)."""
        for span in (s for s in spans.alternatives(text) if s.last == last):
            hint = countries or ((span.country,) if span.country else ())
            around = near
            if span.context:  # itself a phrase: "located thirty kilometers northeast of …"
                context = self._lookup(span.context, hint, ())
                if _settled(context):
                    around = (*near, (context[0]["lat"], context[0]["lon"]))
                elif span.last:  # "Qaryat Zuhur": no place named first, so no guess
                    continue
            found = self._lookup(span.head, hint, around, True)
            if found and not span.literal:  # a guess at which words are the name: flagged
                return tuple({**f, "low_confidence": True} for f in found)
            if found:
                return found
        return ()

    def _doubtful(self, found: Candidate, ranked: list[Candidate], query: keys.Query,
                  countries: tuple[str, ...]) -> bool:  # fmt: skip
        """Weak match; a side of an area; abroad, unasked, and only loosely spelt (Haffeh is not
        Haifa); not the kind asked for ("Baiji refinery" answered by the town); another place
        close behind — or anywhere behind an answer only a loose spelling reached (Nesriyya:
        Aleppo's Nisriyeh or Iraq's Nasiriyah), unless the document's places settle it."""
        if found.score < LOW_CONFIDENCE or (query.side and self.index.kind[found.record] in AREAS):
            return True
        abroad = self.index.country[found.record] not in index_module.REGION
        if abroad and not countries and found.score < STAGE_SCORES["exact"]:
            return True
        if query.kinds and self.index.kind[found.record] not in query.kinds:
            return True
        ix, here = self.index, (self.index.lat[found.record], self.index.lon[found.record])
        loose = found.score < STAGE_SCORES["name"]
        for other in ranked[:MAX_CANDIDATES]:  # best first
            if other.rank > found.rank or other.record == found.record:
                continue
            context = found.nearby - other.nearby  # nearness alone settles only what it must
            if context >= CONTEXT_DECIDES or (
                    not loose and found.rank - other.rank - context >= AMBIGUOUS):
                continue
            far = near_km(here, (ix.lat[other.record], ix.lon[other.record])) > NAMESAKE_KM
            if far and not self._nested(found.record, other.record):
                return True
        return False

    def _nested(self, a: int, b: int) -> bool:
        """A town and the governorate, district or sub-district named after it: one answer
        inside the other, not two places to choose between."""
        ix = self.index
        areas = {ix.kind[a], ix.kind[b]} & AREAS
        return bool(areas) and ix.kind[a] != ix.kind[b] and ix.admin1[a] == ix.admin1[b] != ""

    def _not_a_place(self, text: str, light_keys: set[str] | None = None) -> bool:
        """Empty, a bare descriptor ("air base", "مدينة"), or a listed organisation, group or
        weekday."""
        if not text or text.lower() in vocabulary.KIND_WORDS or text.lower() in vocabulary.PREFIXES:
            return True
        light_keys = light_keys or {keys.light(text), keys.light(keys.parse(text).core)}
        return bool(light_keys & self.index.not_places)

    def _match(self, text: str, query: keys.Query, whole: str, core: str,
               countries: tuple[str, ...]) -> dict[int, float]:  # fmt: skip
        """Candidates in the hinted countries, each with the score of the best stage that
        found it: an id or p-code alone; else every near-exact stage together (the whole
        query, the core name, its vowel-folded key), so that a town spelt one way is not hidden
        by an air base named after it the other way; else vowel pattern, else skeleton (the fuzzy
        stage and the phrase's name are `_candidates`' to try)."""
        ix = self.index
        if text.strip() in ix.by_id:
            return dict.fromkeys(self._usable([ix.by_id[text.strip()]], countries),
                                 STAGE_SCORES["exact"])  # fmt: skip
        found: dict[int, float] = {}
        bare = whole == core  # no descriptor words: the "name" stage would find the same
        folded = keys.vowels(query.core, core) if query.core else ""
        for stage, records in (
            ("exact", ix.ids(ix.light, whole)),
            ("name", () if bare else ix.ids(ix.light, core)),
            ("vowels", ix.vowel_ids(folded) if folded else ()),
        ):
            for i in self._usable(records, countries):
                found.setdefault(i, STAGE_SCORES[stage])
        named = {*ix.ids(ix.cores, whole), *(() if bare else ix.ids(ix.cores, core)),
                 *ix.ids(ix.cores, folded)}  # fmt: skip
        if query.kinds:  # the air base of a town matched by a name the base lacks
            named |= {s for i in list(found) if ix.kind[i] not in query.kinds
                      for s in ix.sites.get(i, ()) if ix.kind[s] in query.kinds}  # fmt: skip
        for i in self._usable(named, countries):
            asked = ix.kind[i] in query.kinds  # "Tiyas air base", not a bare "Euphrates"
            found.setdefault(i, STAGE_SCORES["name"] if asked else STAGE_SCORES["core"])
        if found and max(found.values()) >= STAGE_SCORES["name"]:
            return found
        latin = keys.romanised(query.core)  # an Arabic query meets Latin-only names too
        spelt = keys.fold_vowels(keys.light(latin) if latin else core) or core
        for stage, table, key in (("pattern", ix.pattern, keys.pattern(query.core)),
                                  ("skeleton", ix.skeleton, keys.skeleton(latin or query.core))):
            for i in self._usable(ix.ids(table, key), countries) if key else ():
                found.setdefault(i, STAGE_SCORES[stage] - LOOSE_SPREAD * (
                    1 - ix.closeness(i, spelt)))  # the nearest spelling first
            if found:  # a loose near-exact answer is weighed with its pattern's namesakes
                break
        return found

    def _usable(self, records: Iterable[int], countries: tuple[str, ...]) -> list[int]:
        ix = self.index
        if not countries:  # most queries: no hint, and no store shadowing a bundled record
            return [i for i in records if i not in ix.hidden] if ix.hidden else list(records)
        return [i for i in records if i not in ix.hidden and ix.country[i] in countries]

    def _fuzzy(self, core: str, countries: tuple[str, ...]) -> dict[int, float]:
        """Typos (`Index.typos`), scored below every exact stage so that the answer is flagged."""
        fuzzy: dict[int, float] = {}
        for key, score in self.index.typos(core):
            for i in self._usable(self.index.ids(self.index.light, key), countries):
                fuzzy[i] = max(fuzzy.get(i, 0), score * 0.9)
        return fuzzy

    def _candidate(self, i: int, score: float, query: keys.Query,
                   near: tuple[tuple[float, float], ...]) -> Candidate:  # fmt: skip
        nearby = 0.0
        if near:
            ix = self.index
            nearby = nearby_bonus(min(km((ix.lat[i], ix.lon[i]), p) for p in near))
        return Candidate(i, score, score + self._bonus(i, query) + nearby, nearby)

    def _bonus(self, i: int, query: keys.Query) -> float:
        ix = self.index
        bonus = self._static.get(i)
        if bonus is None:  # population, family and country: the same for every query
            bonus = math.log10(ix.population[i] + 1) + FAMILY.get(ix.source[i], 0)
            bonus = self._static[i] = bonus + (6 if ix.country[i] in index_module.REGION else 0)
        return bonus + kind_bonus(ix.kind[i], query.kinds)


def _settled(found: tuple[dict, ...]) -> bool:
    """A phrase's context names one place: answered confidently, or by a single exact name
    that only a guess at its words flagged."""
    return bool(found) and (not found[0]["low_confidence"] or len(found) == 1
                            and found[0]["score"] >= STAGE_SCORES["name"])  # fmt: skip
