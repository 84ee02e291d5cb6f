"""How the geocoder weighs its candidates: what each matching stage scores, how a place's kind,
size, source and the document's other places raise or lower it, and how close behind another
place may rank before the answer is flagged. Numbers only: `geocoder` applies them.
"""

from __future__ import annotations

from typing import NamedTuple

LOW_CONFIDENCE = 90  # match scores below this are flagged
AMBIGUOUS = 3.0  # a different place ranked this close behind the best one flags it
CONTEXT_DECIDES = 10.0  # one namesake by the document's other places, the other far off
NAMESAKE_KM = 15.0  # candidates farther apart than this are different places
MAX_CANDIDATES = 10  # kept per query
LOOSE_SPREAD = 30  # a pattern or skeleton match loses this much at no likeness of spelling
STAGE_SCORES = {"exact": 100, "name": 95, "vowels": 92, "pattern": 90, "skeleton": 88,
                "core": 85}  # what a site is named after, asked for bare: flagged  # fmt: skip
# What a bare name most often means in the news, as a ranking bonus.
BARE_KIND = {"town": 3, "admin1": 2, "village": 0, "region": 0, "country": 8, "camp": -1,
             "neighbourhood": -1, "district": -1, "admin2": -2, "admin3": -2}  # fmt: skip
AREAS = frozenset({"admin1", "admin2", "admin3", "region"})
FACILITY = -6  # air bases, crossings, dams … named after a town
FAMILY = {"curated": 1.0, "geonames": 0.5, "ocha": 0.5}  # more-checked sources break ties


class Candidate(NamedTuple):
    """One place a query may mean, with how well the name matched and how it ranked (a tuple:
    thousands are made a second)."""

    record: int
    score: float  # name match quality, 0–100
    rank: float  # score plus the ranking bonuses
    nearby: float = 0.0  # the part of the bonus the document's other places gave


def kind_bonus(kind: str, asked: tuple[str, ...]) -> float:
    """The kind's part of a candidate's rank: the kinds the descriptors ask for, best first;
    else — none asked, or none of them found — what a bare name most often means."""
    if not asked:
        return BARE_KIND.get(kind, FACILITY)
    if kind in asked:
        return 12 - 3 * asked.index(kind)
    return -10 + BARE_KIND.get(kind, FACILITY)  # none asked for: the town, as if bare


def nearby_bonus(closest_km: float) -> float:
    """What the document's other places give a candidate this far from the nearest of them."""
    return 10.0 if closest_km < 50 else 5.0 if closest_km < 200 else 0.0
