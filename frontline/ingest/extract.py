"""One sentence's events: each trigger with its place, actor, opponent and date, read from where
they stand around it in its clause.

A sentence is cut into clauses at ";", spaced dashes and the words that open another clause
("while", "when", "which", "that", "after"). Around a trigger of the "verb" form the actor is
the first one before it (not one that backs it: "backed by Russian air strikes"); a passive
trigger takes the actor after "by", "was driven out of" the opponent before it too; which
places are the event's is `placing`'s to say. A clause opened by "when" takes the date before
it ("since 2012, when … were besieged"). The date is the clause's own — the one after the
trigger and before the next ("overran … in 2014, and captured Ramadi the following year") —
else one earlier in the sentence, else the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from frontline.ingest import placing
from frontline.ingest import triggers as trigger_words
from frontline.ingest.actors import ActorMention
from frontline.ingest.dating import DateMention
from frontline.ingest.places import PlaceMention
from frontline.ingest.sentences import Sentence
from frontline.ingest.triggers import Trigger
from frontline.vocabulary import EventType

_BOUNDARY = re.compile(
    r";\s*|\s[—–]\s|,\s+(?=(?:while|whereas|but|when|which|where|after|before|as(?!\s+well\s+as)|who|"
    r"and then)\b)"
    r"|\s(?=(?:while|whereas|when|which|where|who|whose|after|before|that|but)\s)"
    r"|\s(?=since\s+(?:they|it|he|she|we|the|a|an|its|their)\b)",
    re.IGNORECASE,
)
_SUPPORT = re.compile(r"(?:backed|supported|helped|aided|assisted|joined|accompanied)\s+by\s+"
                      r"(?:[\w.'’-]+\s+){0,3}$|\b(?:with|alongside|and|of|from|against|by|to|"
                      r"for|on|than)\s+(?:the\s+)?$", re.IGNORECASE)  # fmt: skip
_DEFENDED = re.compile(r"\b(?:outskirts|edges?|approaches|gates|perimeter)\b|\b(?:an?|the)\s+"
                       r"(?:[\w-]+\s+){0,3}?(?:attack|assault|offensive|advance|incursion)s?\b",
                       re.I)  # fmt: skip
_PRONOUN = re.compile(r"\b(?:it|they|its forces|its fighters|their forces)\s+(?:(?:had|has|have|"
                      r"was|were|is|are|also|then|later|now|been|\w+ly)\s+){0,2}$",
                      re.IGNORECASE)  # fmt: skip
# A clause whose subject is the sentence's: "…, but struck back at Baiji", "and then took".
_ELLIPSIS = re.compile(r"\s*(?:but|and|and\s+then|then|yet)\s+(?:also\s+|later\s+|then\s+)?",
                       re.IGNORECASE)  # fmt: skip
_LATER = re.compile(r"\b(?:later|then|afterwards|subsequently|soon\s+after)\b", re.IGNORECASE)
_ASIDE_OPENERS = frozenset({"supported", "backed", "aided", "assisted", "helped", "joined",
                            "accompanied", "including", "along", "together", "alongside"})
_OPPONENT_AFTER = re.compile(r"^\s*(?:\S+\s+){0,12}?(?:from|against|on|to|by)\s+(?:the\s+)?$",
                             re.IGNORECASE)  # fmt: skip


@dataclass
class Event:
    """A trigger with the mentions that are its arguments (before the document resolves
    generic actors and references)."""

    kind: str
    event_type: str
    trigger: Trigger
    places: list[PlaceMention]
    actor: ActorMention | None
    opponent: ActorMention | None
    date: DateMention | None
    first_since: DateMention | None = None
    sentence: int = -1
    segment: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)


@dataclass
class Analysis:
    """What one sentence names, found before its events are read."""

    sentence: Sentence
    actors: list[ActorMention]
    places: list[PlaceMention]
    dates: list[DateMention]
    triggers: list[Trigger]
    segments: list[tuple[int, int, str]] = field(default_factory=list)
    topic: PlaceMention | None = None  # the offensive the report is about, for "the offensive"
    aid_before: bool = False  # a sentence just before speaks of aid: its "vehicles" are a convoy's
    told_before: DateMention | None = None  # the sentences' last date before: "later" follows it

    def __post_init__(self) -> None:
        self.segments = segments(self.sentence)


def segments(sentence: Sentence) -> list[tuple[int, int, str]]:
    """The sentence's clauses as (start, end, opening word), in cleaned-text offsets."""
    out, previous, opener = [], 0, ""
    for cut in _BOUNDARY.finditer(sentence.text):
        out.append((sentence.start + previous, sentence.start + cut.start(), opener))
        previous = cut.end()
        opener = (re.match(r"\s*(\w+)", sentence.text[previous:]) or [None, ""])[1].lower()
    out.append((sentence.start + previous, sentence.end, opener))
    return _without_asides([s for s in out if s[1] > s[0]], sentence)


def _without_asides(found: list[tuple[int, int, str]],
                    sentence: Sentence) -> list[tuple[int, int, str]]:  # fmt: skip
    """A clause between two dashes that only says who helped ("the Tiger Forces – supported by
    allied factions – recaptured …") joins the clauses on either side: one subject, one verb."""
    out = list(found)
    for k in range(len(out) - 2, 0, -1):
        start, end, opener = out[k]
        after = sentence.text[end - sentence.start : out[k + 1][0] - sentence.start]
        before = sentence.text[out[k - 1][1] - sentence.start : start - sentence.start]
        if opener in _ASIDE_OPENERS and re.search("[—–]", before) and re.search("[—–]", after):
            out[k - 1 : k + 2] = [(out[k - 1][0], out[k + 1][1], out[k - 1][2])]
    return out


def events(analysis: Analysis, text: str) -> list[Event]:
    """The events the sentence states, one per trigger that has a place."""
    found = []
    for trigger in analysis.triggers:
        segment = next(s for s in analysis.segments if s[0] <= trigger.start < s[1])
        clause = text[segment[0] : segment[1]]
        rest = text[trigger.end : analysis.sentence.end]
        if not trigger_words.realised(clause, trigger.start - segment[0], trigger, rest):
            continue
        event = _event(analysis, text, trigger, segment)
        if event is not None:
            found.append(event)
    return found


def _event(analysis: Analysis, text: str, trigger: Trigger,
           segment: tuple[int, int, str]) -> Event | None:  # fmt: skip
    kind, event_type = trigger.kind, trigger.event_type
    clause = text[segment[0] : segment[1]]
    if kind == "aid" and not (trigger_words.aid_clause(clause) or analysis.aid_before
                              and re.search(r"\bvehicles\b", clause, re.I)):  # fmt: skip
        return None
    if event_type == EventType.ENTERED and (trigger_words.aid_clause(
            text[segment[0] : trigger.start]) or trigger_words.aid_clause(clause) and not any(
            segment[0] <= a.start < trigger.start and a.role == "agent" for a in analysis.actors)):
        kind, event_type = "aid", "delivered"  # "a convoy entered"; "we are entering X delivering"
    inside = [p for p in analysis.places if segment[0] <= p.start < segment[1]]
    places = placing.places(trigger, inside, text, analysis, segment)
    if not places:
        return None
    if trigger.form == "from" and _DEFENDED.search(text[trigger.end : places[0].start]):
        event_type = EventType.HELD
    actors = [a for a in analysis.actors if segment[0] <= a.start < segment[1]]
    actor = _actor(trigger, actors, text, analysis) if kind == "control" else None
    opponent = _opponent(trigger, actors, actor, text, places) if kind == "control" else None
    date, first = _date(analysis, trigger, segment, event_type)
    if event_type == EventType.BESIEGED and date is None:
        event_type = EventType.UNDER_SIEGE  # "have besieged Manbij": a siege seen, not begun
    elif event_type == EventType.UNDER_SIEGE and trigger.form == "passive" and date and (
            date.role == "since"):  # "…, blockaded by regime forces since early 2012"
        event_type = EventType.BESIEGED
    return Event(kind, str(event_type), trigger, places, actor, opponent, date, first,
                 analysis.sentence.index, segment[:2])  # fmt: skip


def _actor(trigger: Trigger, actors: list[ActorMention], text: str,
           analysis: Analysis) -> ActorMention | None:  # fmt: skip
    """Who did it: the one the words hold ("under ISIS control", "regime-besieged"); after "by"
    for a passive, after "to" or "of" for "fell to", "fell into the hands of"; else the first
    actor before the trigger that is not backing it nor inside a relative clause closed before
    the verb ("IS, which fights government forces, stormed"), else the subject a "but" clause
    shares, else "it" of the speaker before."""
    agents = [a for a in actors if a.role == "agent"]
    if trigger.form in ("under", "apposed"):
        return _named_with(trigger, agents if trigger.form == "under" else actors, text)
    if trigger.form in ("passive", "fell", "expelled"):
        word = "(?:to|of)" if trigger.form == "fell" else "by"
        for a in agents:
            if a.start >= trigger.end and re.search(rf"\b{word}\s+(?:\S+\s+){{0,2}}$",
                                                    text[trigger.start:a.start]):  # fmt: skip
                return a
        return None
    segment = next(s for s in analysis.segments if s[0] <= trigger.start < s[1])
    relative = segment[2] in ("which", "who")
    closed = relative and re.search(r",\s*$", text[segment[0] : trigger.start])
    for a in agents:  # "The group, which is fighting government forces, stormed": not those
        if (a.end <= trigger.start and not closed
                and not _SUPPORT.search(text[max(0, a.start - 40) : a.start])):  # fmt: skip
            return a
    if relative:  # "the Islamic State, which overran the city"; "IS, which …, stormed"
        earlier = [a for a in analysis.actors if a.role == "agent" and a.end <= segment[0]]
        if earlier and segment[0] - earlier[-1].end <= 4:
            return earlier[-1]
        if closed:
            return None
    if _ELLIPSIS.fullmatch(text[segment[0] : trigger.start]):  # "IS lost Tikrit, but struck back"
        return next((a for a in analysis.actors if a.role == "agent"
                     and a.end <= analysis.segments[0][1]), None)  # fmt: skip
    if _PRONOUN.search(text[max(0, trigger.start - 25) : trigger.start]):
        earlier = [a for a in analysis.actors if a.end <= trigger.start and a.role == "agent"]
        return earlier[-1] if earlier else None
    return None


def _named_with(trigger: Trigger, actors: list[ActorMention], text: str) -> ActorMention | None:
    """The actor the trigger's words hold ("under ISIS control", "regime-besieged towns"), or
    the one right after "of" ("under the control of Iraqi forces")."""
    inside = next((a for a in actors if trigger.start <= a.start and a.end <= trigger.end), None)
    if inside or trigger.form != "under":
        return inside
    return next((a for a in actors if a.role == "agent" and a.start >= trigger.end
                 and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[trigger.end : a.start])),
                None)  # fmt: skip


def _opponent(trigger: Trigger, actors: list[ActorMention], actor: ActorMention | None,
              text: str, places: list[PlaceMention]) -> ActorMention | None:  # fmt: skip
    """Whom it was done to: a holder ("rebel-held"), the subject of "was driven out of", the
    object of "repelled", or the actor after "from", "against" or "on"."""
    for a in actors:
        if a.role == "holder" and a is not actor:
            return a
    for a in actors:  # "drove IS militants out of Rutba"
        if a.role == "agent" and a is not actor and trigger.start < a.start < trigger.end:
            return a
    if trigger.form == "expelled":  # "IS was driven out of Manbij": IS lost it
        return next((a for a in reversed(actors) if a.role == "agent" and a.end <= trigger.start
                     and a is not actor), None)  # fmt: skip
    for a in actors:
        if a is actor or a.role != "agent" or a.start < trigger.end:
            continue
        gap = text[trigger.end : a.start]
        if trigger.form == "from" and not re.search(r"\bfrom\b", gap):
            return a
        if _OPPONENT_AFTER.match(gap):
            return a
    return None


def _date(analysis: Analysis, trigger: Trigger, segment: tuple[int, int, str],
          event_type: str) -> tuple[DateMention | None, DateMention | None]:  # fmt: skip
    """The event's date and, for aid, its "first since"."""
    dates = analysis.dates
    first = next((d for d in dates if d.role == "first_since"), None)
    own = [d for d in dates if segment[0] <= d.start < segment[1] and d.role != "first_since"]
    if event_type == EventType.BESIEGED:  # "the first delivery since a siege began in 2012"
        own = [d for d in dates if segment[0] <= d.start < segment[1]]
    if own:
        return _own_date(analysis, trigger, own), first
    if segment[2] == "when":
        earlier = [d for d in dates if d.end <= segment[0]]
        if earlier:
            return earlier[-1], None
    if trigger.form == "noun":
        later = next((s for s in analysis.segments if s[0] >= segment[1]), None)
        if later and later[2] == "which":
            found = [d for d in dates if later[0] <= d.start < later[1]]
            if found:
                return found[0], first
    earlier = [d for d in dates if d.end <= trigger.start and d.role == "at"]
    opening = analysis.sentence.text[: trigger.start - analysis.sentence.start]
    if not earlier and _LATER.search(opening):  # "… on Wednesday. 35 vehicles later arrived"
        return analysis.told_before, first
    return (earlier[-1] if earlier else None), first


def _own_date(analysis: Analysis, trigger: Trigger, own: list[DateMention]) -> DateMention:
    """Of the clause's dates, the one this trigger's words hold: after it and before the next
    trigger ("overran … in 2014, and captured Ramadi the following year"), else after the
    trigger before it, else the nearest."""
    others = [t for t in analysis.triggers if t is not trigger]
    following = min((t.start for t in others if t.start >= trigger.end), default=None)
    preceding = max((t.end for t in others if t.end <= trigger.start), default=-1)
    mine = [d for d in own if d.start >= trigger.end and (following is None or d.end <= following)]
    if not mine:
        mine = [d for d in own if preceding <= d.start and d.end <= trigger.start]
    return min(mine or own, key=lambda d: abs(d.start - trigger.start))
