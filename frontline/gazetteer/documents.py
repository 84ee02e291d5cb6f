"""Many names at once: a document's names resolved in order, each helped by those before it,
and every candidate of one name as rows (what the Places page shows)."""

from __future__ import annotations

from collections.abc import Iterable

from frontline.gazetteer.answers import MATCH_FIELDS
from frontline.gazetteer.geocoder import Gazetteer


def resolve_document(gazetteer: Gazetteer, queries: Iterable[tuple[str, str | None]]) -> list[dict]:
    """Resolve the names of one document, each helped by the other places it names: those
    resolved before it, and those after it that resolve confidently on their own (a village
    named first in a list is placed by the ones that follow it).
    `{"query": ..., "match": None | {name, place_id, lat, lon, country, kind, score, ...}}`."""
    queries = [(query, (country,) if country else ()) for query, country in queries]
    alone = [gazetteer.matches(query, hint) for query, hint in queries]
    sure = [(m[0]["lat"], m[0]["lon"]) if m and not m[0]["low_confidence"] else None
            for m in alone]  # fmt: skip
    near: list[tuple[float, float]] = []
    out = []
    for n, (query, hint) in enumerate(queries):
        after = [p for p in sure[n + 1:] if p is not None] if sure[n] is None else []
        found = gazetteer.matches(query, hint, (*near[-10:], *after[:5]))
        match = dict(found[0]) if found else None
        if match is None and gazetteer.online:  # only then is geopy imported
            answer = gazetteer.geocode(query, country_codes=hint)
            if answer is not None:
                match = {k: answer.raw.get(k) for k in MATCH_FIELDS}
                match["lat"], match["lon"] = answer.latitude, answer.longitude
        if match is not None:
            match = {k: match.get(k) for k in MATCH_FIELDS}
            near.append((match["lat"], match["lon"]))
        out.append({"query": query, "match": match})
    return out


def candidates_table(gazetteer: Gazetteer, query: str, country: str | None = None) -> list[dict]:
    """Every candidate for `query`, best first, as rows (what the Places page shows)."""
    found = gazetteer.geocode(query, exactly_one=False, country_codes=country, limit=8) or []
    return [{k: loc.raw.get(k) for k in MATCH_FIELDS} for loc in found]
