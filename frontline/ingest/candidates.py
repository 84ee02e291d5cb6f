"""A candidate event: what a report states happened, where, by whom, on what day, who says so —
with the sentence it came from — for a person to accept, edit or reject.

`to_json()` gives exactly the fields of issue 14's JSON; `details()` adds what the review needs
beyond them (the first delivery since, the figures, every sentence and source behind a merged
candidate). Offsets are those of the cleaned text of the report the quote comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from frontline.ingest.attribution import Source
from frontline.ingest.figures import Figure

JSON_FIELDS = ("kind", "event_type", "date", "date_precision", "place", "actor", "opponent",
               "status", "claimed_by", "confirmed_by", "trucks", "beneficiaries",
               "organisations", "quote", "start", "end")  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """A sentence behind a candidate, in the report it comes from."""

    quote: str
    start: int
    end: int
    publisher: str = ""
    url: str = ""
    published: str = ""

    def to_json(self) -> dict:
        return {"quote": self.quote, "start": self.start, "end": self.end,
                "publisher": self.publisher, "url": self.url,
                "published": self.published}  # fmt: skip


@dataclass
class Candidate:
    """One proposed control, aid or other event (see the module's docstring)."""

    kind: str  # control | aid | other
    event_type: str  # an EventType word, or "delivered"
    date: str | None  # ISO, as precise as known ("2014", "2015-09", "2016-06-29")
    date_precision: str | None
    place: dict | None  # {name, place_id, lat, lon}
    actor: str | None  # actor registry ids
    opponent: str | None
    status: str
    claimed_by: str | None
    confirmed_by: str | None  # several joined with "; ", as the store keeps them
    trucks: int | None
    beneficiaries: int | None
    organisations: list[str]
    quote: str
    start: int
    end: int
    first_since: str | None = None  # aid: the last delivery before ("first since 2012")
    first_since_precision: str | None = None
    figures: list[Figure] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[tuple[Source, str]] = field(default_factory=list)  # with their stances
    publishers: list[str] = field(default_factory=list)
    sentence: int = -1  # the quote's sentence number in its report
    date_stated: bool = True  # False: the report's dateline, for an event it does not date
    actor_text: str | None = None  # the actor as written, where the registry lacks it

    def to_json(self) -> dict:
        """The issue's JSON object, and nothing else."""
        return {name: getattr(self, name) for name in JSON_FIELDS} | {
            "organisations": list(self.organisations),
            "place": dict(self.place) if self.place else None,
        }

    def details(self) -> dict:
        """What the review shows beyond the issue's fields."""
        return {
            "first_since": self.first_since,
            "first_since_precision": self.first_since_precision,
            "actor_text": self.actor_text,
            "figures": [f.to_json() for f in self.figures],
            "evidence": [e.to_json() for e in self.evidence],
            "sources": [
                {"name": s.name, "side": s.side, "verb": s.verb, "stance": stance}
                for s, stance in self.sources
            ],  # fmt: skip
        }
