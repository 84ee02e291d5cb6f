"""The same event told more than once becomes one candidate with several sources.

Within a report ("IS militants repelled the New Syrian from an air base" and, further down,
"the New Syrian forces were unable to keep the base") and across reports (the AP and the
Reuters story of the same day), candidates of the same kind, type, place and date whose actors
agree (or one is unknown, or one is the other's parent) merge; a withdrawal and a capture of
the same place on the same day by the other side are one change of hands. The merged
candidate's status is settled again from all its sources: an independent source corroborating a
partisan claim confirms it; another report that only repeats the same claimant does not.
"""

from __future__ import annotations

import datetime as dt

from frontline.ingest import attribution
from frontline.ingest.actors import Registry
from frontline.ingest.attribution import Source
from frontline.ingest.candidates import Candidate

_LOSSES = ("withdrew", "lost")
_RETOLD_DAYS = 7


def within(candidates: list[Candidate], registry: Registry) -> list[Candidate]:
    """One report's candidates with repeats merged, in the order first stated."""
    kept: list[Candidate] = []
    for candidate in candidates:
        target = _target(kept, candidate, registry, _RETOLD_DAYS)
        if target is None:
            kept.append(candidate)
        else:
            absorb(target, candidate)
    for candidate in kept:
        settle(candidate, registry)
    return kept


def across(reports: list[list[Candidate]], registry: Registry) -> list[Candidate]:
    """Several reports' candidates merged: each report that cites no one stands as its own
    source (its publisher), so that two independent reports corroborate each other."""
    kept: list[Candidate] = []
    for candidates in reports:
        for candidate in candidates:
            if not candidate.sources and candidate.publishers:
                voice = Source(candidate.publishers[0], None, "reported")
                candidate.sources = [(voice, "neutral")]
            target = _target(kept, candidate, registry)
            if target is None:
                kept.append(candidate)
            else:
                absorb(target, candidate)
    for candidate in kept:
        settle(candidate, registry)
    return kept


def _target(kept: list[Candidate], candidate: Candidate, registry: Registry,
            days: int = 2) -> Candidate | None:  # fmt: skip
    for other in kept:
        if _same(other, candidate, registry, days):
            return other
    for other in kept:
        if _complement(other, candidate):
            return other
    return None


def _same(a: Candidate, b: Candidate, registry: Registry, days: int = 2) -> bool:
    return (a.kind == b.kind and a.event_type == b.event_type and _place(a) == _place(b)
            and _place(a) is not None and _same_day(a, b, days)
            and _compatible(a.actor, b.actor, registry))  # fmt: skip


def _same_day(a: Candidate, b: Candidate, days: int = 2) -> bool:
    """The same date; or, when one gives only its report's dateline ("aid convoys have reached
    Madaya", on or before that day), a day the other states up to `days` before it: two
    across reports, a week within one (a report retelling its own event in a later sentence,
    "the army had taken the town", speaks of the day its lead gave)."""
    if a.date == b.date:
        return True
    if a.date_stated == b.date_stated or a.date_precision != "day" or b.date_precision != "day":
        return False
    stated, undated = (a, b) if a.date_stated else (b, a)
    gap = dt.date.fromisoformat(undated.date) - dt.date.fromisoformat(stated.date)
    return dt.timedelta(0) <= gap <= dt.timedelta(days=days)


def _complement(a: Candidate, b: Candidate) -> bool:
    """A capture by one side and a withdrawal or loss by the other, same place and day."""
    pair = {a.event_type, b.event_type}
    if _place(a) is None or _place(a) != _place(b) or not _same_day(a, b) or len(pair) != 2:
        return False
    if "captured" not in pair or not pair & set(_LOSSES):
        return False
    capture, loss = (a, b) if a.event_type == "captured" else (b, a)
    return capture.actor != loss.actor and capture.opponent in (None, loss.actor)


def absorb(target: Candidate, other: Candidate) -> None:
    """Add `other`'s sentences, sources and figures to `target` (a capture keeps its type)."""
    if target.event_type in _LOSSES and other.event_type == "captured":
        target.event_type, target.actor, target.opponent = "captured", other.actor, target.actor
    elif target.event_type == "captured" and other.event_type in _LOSSES:
        target.opponent = target.opponent or other.actor
    if other.date_stated and not target.date_stated:  # the day a report states, not a dateline
        target.date, target.date_precision, target.date_stated = (
            other.date,
            other.date_precision,
            True,
        )
    for name in ("actor", "opponent", "trucks", "beneficiaries", "first_since",
                 "first_since_precision"):  # fmt: skip
        if getattr(target, name) is None:
            setattr(target, name, getattr(other, name))
    target.organisations += [o for o in other.organisations if o not in target.organisations]
    target.figures += [f for f in other.figures if f not in target.figures]
    seen = {(e.url, e.publisher, e.start) for e in target.evidence}
    target.evidence += [e for e in other.evidence if (e.url, e.publisher, e.start) not in seen]
    names = {s.name for s, _ in target.sources}
    target.sources += [(s, k) for s, k in other.sources if s.name not in names]
    target.publishers += [p for p in other.publishers if p not in target.publishers]


def settle(candidate: Candidate, registry: Registry) -> None:
    """Status, claimed_by and confirmed_by from the candidate's sources, their stances taken
    anew against its (possibly merged) actor and opponent."""
    actor_side = _side(candidate.actor, registry)
    opponent_side = _side(candidate.opponent, registry)
    candidate.sources = [(s, attribution.stance(s, candidate.event_type, actor_side,
                                                opponent_side))
                         for s, _ in candidate.sources]  # fmt: skip
    candidate.status = attribution.status(candidate.sources)
    names = [s.name for s, _ in candidate.sources]
    candidate.claimed_by = names[0] if names else None
    candidate.confirmed_by = "; ".join(names[1:]) or None


def _side(actor_id: str | None, registry: Registry) -> str | None:
    actor = registry.actors.get(actor_id or "")
    return actor.side if actor else None


def _place(candidate: Candidate) -> str | None:
    return candidate.place["place_id"] if candidate.place else None


def _compatible(a: str | None, b: str | None, registry: Registry) -> bool:
    """The same actor, an unknown one, or one the other's parent (the NSA is of the rebels)."""
    if a is None or b is None or a == b:
        return True
    parent = {x.actor_id: x.parent for x in registry.actors.values()}
    return parent.get(a) == b or parent.get(b) == a
