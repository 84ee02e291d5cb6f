"""A read report's events as candidates: one per event and place (a convoy to Zamalka and Irbin
is two deliveries with the convoy's figures), with what neighbouring sentences add.

A sentence that states no event of its own can still speak of the one before: "The 37-truck
convoy organized by the ICRC, the U.N. and the SARC carried enough food … for 20,000 people"
gives the previous sentence's deliveries their trucks, people and organisations; "IS said it
seized 15 hostages" gives IS's event before it its hostages; "The Observatory … confirmed the
account" confirms the events of the sentence it follows ("… denied the claim" disputes them).
"The besieged suburb" records a siege only where the report dates none for that place. A
control event with neither actor nor opponent says too little to review ("airstrikes in both
Syria and Iraq"), unless it is a siege (dated, seen in passing or lifted), an attack the text
puts on a named place ("Douma was shelled"), or its actor is a group the registry lacks,
named ("peshmerga forces recaptured the dam": the reviewer sees the name, `actor_text`, and
the actor stays null).
"""

from __future__ import annotations

import re

from frontline.ingest import merging
from frontline.ingest.actors import Registry
from frontline.ingest.attribution import CONCEDING, DENYING
from frontline.ingest.candidates import Candidate, Evidence
from frontline.ingest.dating import dateline_mention
from frontline.ingest.document import Read
from frontline.ingest.extract import Event
from frontline.ingest.places import PlaceMention
from frontline.ingest.triggers import aid_clause

_MILITARY = re.compile(r"command|military|army|ministry|defen[cs]e|forces|pentagon|centcom|"
                       r"coalition", re.IGNORECASE)  # fmt: skip
_AID_FIGURES = {"trucks", "beneficiaries", "population", "families"}
# An actor fought, not fighting: "battles with Islamic State", "an offensive against IS".
_FOUGHT = re.compile(r"\b(?:with|against|from|targeting|fighting|on)\s+(?:the\s+)?$", re.I)
# A sentence about "the convoy" speaks of the report's last delivery, however far back.
_THE_CONVOY = re.compile(r"\b(?:the|this|that|\w+['’]s)\s+(?:[\w'’-]+\s+){0,2}?(?:convoys?|"
                         r"shipment|delivery|(?:air)?drop)\b", re.IGNORECASE)  # fmt: skip
# A clause whose subject is no actor: a gerund opening the sentence ("Capturing the town of
# Tadef enables the army …"), or the operation itself ("The operation … breached the city").
_SUBJECTLESS = re.compile(r"\s*(?:(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?(?:operation|"
                          r"offensive|campaign|assault|push|drive|advance)\b[^.;]*)?$",
                          re.IGNORECASE)  # fmt: skip
_ACCOUNT = re.compile(r"\b(?:confirmed|acknowledged|corroborated|denied|disputed|rejected)\s+"
                      r"(?:the|this|that|these|those|his|her|their)?\s*(?:account|report|reports|"
                      r"claims?|information|advance|news)\b|\b(?:confirmed|corroborated|denied)\s+"
                      r"(?:it|this)\b", re.I)  # fmt: skip


def candidates(read: Read, registry: Registry) -> list[Candidate]:
    """The report's candidates, merged where it tells one event twice, statuses settled."""
    position = {s.index: i for i, s in enumerate(read.sentences)}
    by_sentence: dict[int, list[Candidate]] = {}
    attacked: set[int] = set()  # "Douma was shelled": the place's attack, whoever shelled it
    for event in read.events:
        i = position[event.sentence]
        seen = set()
        for place in event.places:
            if place.place_id is None or place.place_id in seen:
                continue
            seen.add(place.place_id)
            found = _candidate(read, i, event, place, registry)
            by_sentence.setdefault(i, []).append(found)
            if event.trigger.form == "passive" and event.event_type == "attacked":
                attacked.add(id(found))
    _carried(read, by_sentence)
    found = [c for i in sorted(by_sentence) for c in by_sentence[i]
             if _says_enough(c) or id(c) in attacked]  # fmt: skip
    return merging.within(_without_repeated_sieges(found), registry)


def _says_enough(c: Candidate) -> bool:
    """Aid; or a control event with an actor or opponent, one named if unregistered, or a
    siege seen in passing (see the module's docstring)."""
    return bool(c.kind != "control" or c.actor or c.opponent or c.actor_text
                or c.event_type in ("besieged", "under_siege", "siege_lifted"))  # fmt: skip


def _candidate(read: Read, i: int, event: Event, place: PlaceMention,
               registry: Registry) -> Candidate:  # fmt: skip
    sentence = read.sentences[i]
    date = event.date or dateline_mention(read.report.published)
    actor = event.actor.actor_id if event.actor else None
    if (actor is None and event.event_type in ("captured", "entered")
            and (event.trigger.form == "noun" or _SUBJECTLESS.match(
                read.cleaned.text[sentence.start : event.trigger.start]))):  # fmt: skip
        actor = _recent_actor(read, i, event)
    match = place.match or {}
    if actor is None and event.event_type == "attacked":
        actor = _speaker_side(read, i, registry, match.get("country"))
    opponent = event.opponent.actor_id if event.opponent else None
    name = match.get("name") if place.refers else place.text
    spans = [(s.start, s.end) for s in read.sources[i]]
    aid = event.kind == "aid"
    numbers = [f for f in read.figures[i] if (f.what in _AID_FIGURES) == aid]
    return Candidate(
        kind=event.kind, event_type=event.event_type, date=date.iso(),
        date_precision=date.precision,
        place={"name": name, "place_id": match.get("place_id"), "lat": match.get("lat"),
               "lon": match.get("lon")},
        actor=actor, opponent=opponent if opponent != actor else None,
        status="reported", claimed_by=None, confirmed_by=None,
        trucks=_value(numbers, "trucks") if aid else None,
        beneficiaries=_value(numbers, "beneficiaries") if aid else None,
        organisations=[o for o, a, b in read.organisations[i]
                       if aid and not any(x <= a < y for x, y in spans)],
        quote=sentence.text, start=sentence.start, end=sentence.end,
        first_since=event.first_since.iso() if aid and event.first_since else None,
        first_since_precision=event.first_since.precision if aid and event.first_since else None,
        figures=numbers, evidence=[_evidence(read, i)],
        sources=[(s, "") for s in read.sources[i]], publishers=[read.publisher] if read.publisher
        else [], sentence=sentence.index, date_stated=event.date is not None,
        actor_text=event.actor.text if event.actor and not actor else None,
    )  # fmt: skip


def _evidence(read: Read, i: int) -> Evidence:
    s = read.sentences[i]
    return Evidence(s.text, s.start, s.end, read.publisher, read.report.url,
                    read.report.published.isoformat())  # fmt: skip


def _value(numbers: list, what: str) -> int | None:
    return next((f.value for f in numbers if f.what == what and f.value is not None), None)


def _recent_actor(read: Read, i: int, event: Event) -> str | None:
    """For an event whose clause names no actor ("enabling the takeover of the base"): the
    actor of the latest advance told before it, in its sentence or the three before ("The army
    captured a town … following battles with IS. Capturing the town of Tadef enables …": the
    army; not IS's capture of 2014 told in between), else the actor named last."""
    position, text = {s.index: k for k, s in enumerate(read.sentences)}, read.cleaned.text
    advances = [o for o in read.events if i - 3 <= position[o.sentence] <= i and o is not event
                and o.actor and o.actor.actor_id and o.event_type in ("captured", "entered")
                and (position[o.sentence] < i or o.trigger.end <= event.trigger.start)]
    if advances:
        latest = max(advances, key=lambda o: o.date.date if o.date else read.report.published)
        return latest.actor.actor_id
    for j in range(i, max(-1, i - 3), -1):
        mentions = [a for a in read.analyses[j].actors if a.role == "agent" and a.actor_id
                    and (j < i or a.end <= event.trigger.start)
                    and not _FOUGHT.search(text[max(0, a.start - 20) : a.start])]  # fmt: skip
        if mentions:
            return mentions[-1].actor_id
    return None


def _speaker_side(read: Read, i: int, registry: Registry, country: str | None) -> str | None:
    """For strikes no actor is named for, cited from a military ("U.S. Central Command said
    … jets carried out 14 strikes"): that military's registry actor."""
    for source in read.sources[i]:
        if source.side and _MILITARY.search(source.name):
            side = [a for a in registry.actors.values() if a.side == source.side]
            if len(side) > 1:
                side = [a for a in side if a.country == country]
            if len(side) == 1:
                return side[0].actor_id
    return None


def _carried(read: Read, by_sentence: dict[int, list[Candidate]]) -> None:
    """What event-less sentences add to the sentence before them that has candidates."""
    for i, sentence in enumerate(read.sentences):
        if i in by_sentence:
            continue
        if _THE_CONVOY.search(sentence.text) and (read.figures[i] or read.organisations[i]):
            delivered = [j for j in by_sentence if j < i
                         and any(c.kind == "aid" for c in by_sentence[j])]  # fmt: skip
            if delivered and max(delivered) < i - 3:
                _add_aid(read, i, [c for c in by_sentence[max(delivered)] if c.kind == "aid"])
        earlier = [j for j in by_sentence if i - 3 <= j < i]
        if not earlier:
            continue
        target = by_sentence[max(earlier)]
        if aid_clause(sentence.text) and (read.figures[i] or read.organisations[i]):
            _add_aid(read, i, [c for c in target if c.kind == "aid"])
        _add_control_figures(read, i, [c for c in target if c.kind == "control"])
        if _ACCOUNT.search(sentence.text):
            confirming = [s for s in read.sources[i] if s.verb in CONCEDING | DENYING]
            for candidate in target:
                candidate.sources += [(s, "") for s in confirming
                                      if all(s.name != t.name
                                             for t, _ in candidate.sources)]  # fmt: skip
                candidate.evidence.append(_evidence(read, i))


def _add_aid(read: Read, i: int, aid: list[Candidate]) -> None:
    numbers = [f for f in read.figures[i] if f.what in _AID_FIGURES]
    spans = [(s.start, s.end) for s in read.sources[i]]
    for candidate in aid:
        candidate.trucks = candidate.trucks or _value(numbers, "trucks")
        candidate.beneficiaries = candidate.beneficiaries or _value(numbers, "beneficiaries")
        candidate.figures += numbers
        candidate.organisations += [o for o, a, _ in read.organisations[i]
                                    if o not in candidate.organisations
                                    and not any(x <= a < y for x, y in spans)]  # fmt: skip
        candidate.evidence.append(_evidence(read, i))


def _add_control_figures(read: Read, i: int, control: list[Candidate]) -> None:
    """Hostages or fighters a side says it took, for that side's event just before."""
    numbers = [f for f in read.figures[i] if f.what not in _AID_FIGURES]
    subject = next((a.actor_id for a in read.analyses[i].actors if a.role == "agent"), None)
    for candidate in control:
        if numbers and subject and candidate.actor == subject:
            candidate.figures += numbers
            candidate.evidence.append(_evidence(read, i))


def _without_repeated_sieges(found: list[Candidate]) -> list[Candidate]:
    """A place said to be "besieged" only in passing, when the report dates its siege."""
    dated = {c.place["place_id"] for c in found if c.event_type in ("besieged", "siege_lifted")}
    return [c for c in found if c.event_type != "under_siege" or c.place["place_id"] not in dated]
