"""An online fallback, off unless configured: Nominatim through geopy, one request a second,
every answer cached on disk so that a name is asked for once.

Frontline never reaches the network on its own: set FRONTLINE_GEOCODER=nominatim (and
FRONTLINE_USER_AGENT to something that identifies you, as Nominatim's policy asks) to use it.
"""

from __future__ import annotations

import json
import shelve
from collections.abc import Callable
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

Lookup = Callable[..., Location | None]


class CachedOnline:
    """Asks `lookup` (a geopy geocode function) only for queries not answered before."""

    def __init__(self, lookup: Lookup, cache_file: Path) -> None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        self.lookup, self.cache_file = lookup, cache_file

    def geocode(self, query: str, country_codes: tuple[str, ...] = ()) -> Location | None:
        key = json.dumps([query, list(country_codes)])
        with shelve.open(str(self.cache_file)) as cache:
            if key not in cache:
                found = self.lookup(query, country_codes=list(country_codes) or None)
                cache[key] = None if found is None else (found.address, found.point[:2], found.raw)
            answer = cache[key]
        if answer is None:
            return None
        address, point, raw = answer
        return Location(address, point, {**raw, "source": "nominatim", "low_confidence": True})


def nominatim(user_agent: str, cache_file: Path) -> CachedOnline:
    """Nominatim behind geopy's RateLimiter (1 request a second), with a disk cache."""
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(user_agent=user_agent)
    return CachedOnline(RateLimiter(geocoder.geocode, min_delay_seconds=1.0), cache_file)
