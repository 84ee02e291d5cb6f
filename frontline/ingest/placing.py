"""Which of a clause's places is an event's place — and which only frame it.

Around a trigger of the "verb" form the place is the first one after it, with those joined to
it by "and", commas or "much of" ("Zamalka and Irbin", "Anbar and much of Nineveh"); a passive
trigger takes the places before it; a relative clause with no place of its own takes the ones it
hangs on ("the towns of A and B, in X province, which are besieged": A and B, not X).

A place can stand in the clause without being where the event happened, and then the event has
no place of its own (a candidate needs one, so none is proposed rather than a wrong one):

- a landmark: "overran areas north and west of Baghdad", "a town close to Damascus", "villages
  30 km east of Homs", "a hilltop overlooking Rastan" (strikes keep it: "air strikes near the
  dam" are located by it);
- a container of unnamed places: "delivered aid to two towns in Rural Damascus", or of a part
  the registry does not know ("al-Waer district of Homs") — unless the places follow in
  apposition ("… in Rural Damascus -- A and B"), each kept only where it lies in the
  container's province;
- somewhere in it: "the northern part of Homs province", "besieged areas of Syria", "the
  countryside of north Homs", "people in Al Waer in the Homs area" (a name the registry lacks,
  in the place that follows); a country is the place of strikes only ("airstrikes in Iraq and
  Syria");
- a destination of a withdrawal: "the militants withdrew to Deir ez-Zor province" says where
  they went, not the place they left ("withdrew from Hit" does).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from frontline.gazetteer.ranking import AREAS
from frontline.ingest.places import PlaceMention
from frontline.ingest.triggers import Trigger
from frontline.vocabulary import EventType

if TYPE_CHECKING:
    from frontline.ingest.extract import Analysis

_R = re.IGNORECASE
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_PART = r"(?:(?:much|most|parts?|all|large\s+parts|swathes|areas)\s+of\s+(?:the\s+)?)"
JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+|\s*&\s*"
                  r"|\s+(?:along|together)\s+with\s+|\s+at\s+the\s+same\s+time\s+as\s+)"
                  r"(?:the\s+|other\s+)?(?:neighbou?ring\s+|nearby\s+|adjacent\s+)?"
                  rf"(?:{_COMPASS}\s+)?"
                  rf"{_PART}?"
                  r"(?:(?:towns?|villages?|cities|city|areas?|suburbs?|neighbou?rhoods?)\s+of\s+)?$",
                  _R)  # fmt: skip
# "Madaya near the border with Lebanon and the Shi'ite villages of Kefraya", "16 raids on the
# city of Raqqa and several more on the town of Tabqa"
_JOIN_KIND = re.compile(r"^[^;:()]{0,60}\band\s+(?:[\w'’-]+\s+){0,4}(?:towns?|villages?|cities|"
                        r"city|areas?|suburbs?|neighbou?rhoods?|districts?|camps?)\s+of\s+"
                        r"(?:the\s+)?$", _R)  # fmt: skip
_NOUN_PLACE = re.compile(r"^\s*(?:on|in|of|against|near|around|across|over|targeting|for|at|"
                         r"to\s+(?:re)?(?:take|capture|recapture|seize)|aimed\s+at\s+(?:re)?"
                         r"(?:taking|capturing|liberating|seizing))\b|\b(?:on|in|near|at|"
                         r"around|against)\s+(?:the\s+)?$", _R)  # fmt: skip
# "a two-month siege imposed by the Islamic State on the northern Shiite Turkmen town of Amerli"
_IMPOSED_ON = re.compile(r"\s*(?:imposed|laid)\s+(?:by\s+[^,;.]{1,40}?\s+)?on\s+[^,;.]{0,60}$", _R)
LOCATIVE = re.compile(rf"\b(?:in|near|outside|around|inside|close to|{_COMPASS}\s+of)\s+"
                      rf"(?:the\s+)?(?:(?:{_COMPASS}|central)\s+)?$", _R)  # fmt: skip
_DISTANCE = r"(?:\d[\d,.]*|a\s+few|several|some)\s*(?:-\s*)?(?:km|kilometres|kilometers|miles)"
_LANDMARK = re.compile(
    rf"(?:\b{_COMPASS}(?:\s*(?:,|and|or|,\s*and)\s*{_COMPASS})*\s+of|\bnear(?:\s+to)?|\boutside"
    rf"|\bclose\s+to|\bnot\s+far\s+from|\boverlooking|\bfacing"
    rf"|\bon\s+the\s+(?:road|highway|way)\s+to|\btowards?"
    rf"|\b{_DISTANCE}\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?(?:(?:provincial\s+)?(?:capital|city|"
    rf"town|village)(?:\s+of)?,?\s+)?$", _R)  # fmt: skip
_CONTAINER = re.compile(r"\b(?:(?:towns|villages|cities|suburbs|neighbou?rhoods|districts|camps|"
                        r"communities|localities)(?:\s+[\w-]+){0,4}?|town|village|city|suburb|"
                        r"neighbou?rhood|camp)\s+(?:in|inside|within)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
                        _R)  # "villages and towns held by other rebels in Aleppo" # fmt: skip
# "al-Waer district of Homs": a part of Homs the registry does not know, not Homs.
_NAMED_PART = re.compile(r"(?:\b[A-Z][\w'’-]*|\b(?:al|el|ad|ash|as|ar|az)-[\w'’-]+)\s+"
                         r"(?:district|neighbou?rhood|quarter|suburb|camp|area)\s+of\s+"
                         r"(?:the\s+)?$")  # fmt: skip
_ASIDE = re.compile(rf"\s*(?:near|in|inside|outside|close\s+to|not\s+far\s+from|along|on|at|"
                    rf"{_COMPASS}\s+of|{_DISTANCE})\b", _R)  # fmt: skip
_APPOSITION = re.compile(r"^\s*(?:--|[—–:,(])\s*$")
_DESTINATION = re.compile(r"\b(?:to|towards?|into|for)\b", _R)
_AID_SUBJECT = re.compile(r"^\s+(?:aid\s+|relief\s+|humanitarian\s+)?(?:convoys?|deliver(?:y|ies)|"
                          r"shipments?)\s+(?:(?:has|have|had|was|were|also|then|finally)\s+)*$",
                          _R)  # fmt: skip
# "Hanano was the first Aleppo neighbourhood to fall": Aleppo says what Hanano is a part of
_ATTRIBUTE = re.compile(r"\s+(?:neighbou?rhoods?|districts?|suburbs?|quarters?)\b(?!\s+of\b)", _R)
# "Fuah and Kafraya, two towns …", "Rastan, an opposition-held town under siege"
_APPOSED = re.compile(r"^\s*,\s*(?:(?:an?|the|two|three|four|five|both|other|several)\s+)*"
                      r"(?:[\w'’-]+\s+){0,3}?$", _R)  # fmt: skip
# A name the registry lacks, located in the place that follows: "for 35,000 people in Al Waer in
# the Homs area" is not Homs; nor is "the town of a-Dar al-Kabeer in the countryside of …".
_UNKNOWN_IN = re.compile(
    r"\b(?:in|into|to|of|at|entered|reached)\s+(?:the\s+)?(?:(?:town|city|village|suburb|"
    r"district|neighbou?rhood|camp)\s+of\s+)?(?-i:[A-Z][\w'’-]*|(?:a|al|el|ad|ash|as|ar|az)-"
    r"[\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]*|(?:al|el|ad|ash|as|ar|az)-[\w'’-]+)){0,3}\s+(?:in|"
    r"inside|within)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?$", _R)  # fmt: skip
# "the northern part of Homs province", "areas of Syria": somewhere in it, not it
_AREA_OF = re.compile(rf"\b(?:(?:{_COMPASS}|central|other)\s+)?(?:parts?|areas?|pockets?|"
                      r"regions?)\s+(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+)?$", _R)  # fmt: skip
_AREAS = AREAS | {"country"}  # the geocoder's areas: an event "in parts of" them is not at them
# "an attack on areas south and west of Kirkuk": around the city, not on it
_AREAS_AROUND = re.compile(rf"\b(?:areas|villages|positions|parts)\s+{_COMPASS}"
                           rf"(?:\s*(?:,|and|or)\s*{_COMPASS})*\s+of\s+(?:the\s+)?$", _R)
_HELD_AREAS = re.compile(r"\b[\w]+-(?:held|controlled)\s+(?:areas|parts|neighbou?rhoods)\s+of\s+"
                         r"(?:the\s+)?$", _R)  # "rebel-held areas of Homs": some of its quarters
_COUNTRYSIDE = re.compile(rf"\bcountryside\s+of\s+(?:the\s+)?(?:{_COMPASS}\s+)?$|(?-i:\brural)\s+$",
                          _R)  # fmt: skip
_CONTAINER_AFTER = re.compile(r"^\s*,?\s*(?:in|inside|near|outside)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
                              _R)  # fmt: skip


def places(trigger: Trigger, inside: list[PlaceMention], text: str, analysis: Analysis,
           segment: tuple[int, int, str]) -> list[PlaceMention]:  # fmt: skip
    """The trigger's place and those joined to it; none when the words name a place the
    registry does not know ("reached a rebel-held town north of Damascus" is not Damascus),
    or only a place that frames the event (see the module's docstring)."""
    found = _places(trigger, inside, text, analysis, segment)
    if trigger.event_type == EventType.ATTACKED:  # "airstrikes in Iraq and Syria" are located
        return found
    return [p for p in found if (p.match or {}).get("kind") != "country"]


def _places(trigger: Trigger, inside: list[PlaceMention], text: str, analysis: Analysis,
            segment: tuple[int, int, str]) -> list[PlaceMention]:  # fmt: skip
    after = _without_possessors([p for p in inside if p.start >= trigger.end], text)
    before = [p for p in inside if p.end <= trigger.start]
    relative = segment[2] in ("which", "who", "where", "whose") or segment[2] == "that" and any(
        0 <= segment[0] - p.end <= 2 for p in analysis.places)  # "the towns of A and B that …"
    if trigger.form == "apposed":  # "Madaya and Zabadani, two regime-besieged towns"
        if before and _APPOSED.match(text[before[-1].end : trigger.start]):
            return _known(_back(before, text))
        trigger = replace(trigger, form="adjective")
    if trigger.form in ("passive", "fell", "under"):
        before = _subjects(before, text, segment[0])
        if before:
            return _known(_back(before, text))
        return _antecedent(analysis, segment, text) if relative else []
    if trigger.form == "noun":
        return _noun(trigger, after, before, text, analysis)
    if trigger.form == "adjective":
        around = [p for p in inside if p.start <= trigger.start and trigger.end <= p.end]
        if around:  # "entered two besieged towns" named later: the places it points to
            return _known(around)
        if not after or after[0].start - trigger.end > 40:
            return []
        return _framed(trigger, _group(after, text), text, analysis)
    if after:
        return _framed(trigger, _group(after, text), text, analysis)
    if before and _AID_SUBJECT.match(text[before[-1].end : trigger.start]):
        return _known([before[-1]])  # "the Daraya convoy delivered medicine"
    return _antecedent(analysis, segment, text) if relative else []


def _noun(trigger: Trigger, after: list[PlaceMention], before: list[PlaceMention], text: str,
          analysis: Analysis) -> list[PlaceMention]:  # fmt: skip
    gap = text[trigger.end : after[0].start] if after else ""
    if after and (_NOUN_PLACE.search(gap) and len(gap.split()) <= 9 or _IMPOSED_ON.match(gap)
                  or trigger.text.lower().endswith(" of")
                  and re.fullmatch(r"\s*(?:the\s+)?", gap)):  # fmt: skip
        return _framed(trigger, _group(after, text), text, analysis)
    if before and re.fullmatch(r"\s*(?:['’]s\s+)?", text[before[-1].end : trigger.start]):
        return _known([before[-1]])  # "the Boukamal offensive"
    if trigger.event_type == EventType.BESIEGED:  # "entered Daraya, … since a siege began"
        earlier = [p for p in analysis.places if p.end <= trigger.start]
        return _known(earlier[-1:])
    if analysis.topic and re.match(r"(?:offensive|campaign|operation)$", trigger.text, re.I):
        return [analysis.topic]  # "the offensive, which began on Tuesday"
    return []


def _framed(trigger: Trigger, group: list[PlaceMention], text: str,
            analysis: Analysis) -> list[PlaceMention]:  # fmt: skip
    """The group after the trigger, unless its head only frames the event: a landmark, a
    container of unnamed places (its named places in apposition instead), a destination."""
    head = group[0]
    gap = text[trigger.end : head.start]
    if trigger.event_type != EventType.ATTACKED and _LANDMARK.search(gap):
        return []
    if _somewhere_in(head, gap) or _ATTRIBUTE.match(text, head.end):
        return []  # "captured one Homs neighbourhood after another": not Homs
    if trigger.event_type == EventType.WITHDREW and _destination(trigger, gap):
        return []
    if head.owner is None and _NAMED_PART.search(gap):
        return []
    if _CONTAINER.search(gap):
        return _apposition(group[-1], head, analysis, text)
    return _known(group)


def _somewhere_in(head: PlaceMention, gap: str) -> bool:
    """Whether the words before the place say the event was somewhere in it, not at it: a
    name the registry lacks located in it, "the northern part of" a province or country, "the
    countryside of" anything."""
    if _UNKNOWN_IN.search(gap) or _COUNTRYSIDE.search(gap) or _AREAS_AROUND.search(gap):
        return True
    if not (head.match and _AREA_OF.search(gap)):
        return False
    return head.match["kind"] in _AREAS or bool(_HELD_AREAS.search(gap))


def _subjects(before: list[PlaceMention], text: str, start: int) -> list[PlaceMention]:
    """The places before a passive that can be its subject: not one located by a word ("in
    northern Homs and southern Hama", both), set off as an aside (by commas or brackets: "The
    town of Douma (12 km away from Damascus), held by"), nor an attribute ("the first Aleppo
    neighbourhood to fall")."""
    kept: list[PlaceMention] = []
    located = False
    for i, p in enumerate(before):
        joined = i and JOIN.match(text[before[i - 1].end : p.start])
        located = bool(LOCATIVE.search(text[max(0, p.start - 30) : p.start])
                       or located and joined)  # fmt: skip
        bracketed = text.rfind("(", start, p.start) > text.rfind(")", start, p.start)
        if not (located or bracketed or _aside(p, text, start) or _ATTRIBUTE.match(text, p.end)):
            kept.append(p)
    return kept


def _aside(place: PlaceMention, text: str, start: int) -> bool:
    """A place in a phrase set off by commas that locates the subject, not the subject: "The
    town, near the borders with Jordan and Syria, had been held by IS"."""
    comma = text.rfind(",", start, place.start)
    return comma >= 0 and bool(_ASIDE.match(text, comma + 1, place.start))


def _destination(trigger: Trigger, gap: str) -> bool:
    """ "withdrew to …": where they went; "withdrew from …", "pulled out of …": where from."""
    if re.search(r"\b(?:from|of)\s*$", trigger.text, _R) or re.match(r"\s*(?:from|of)\b", gap):
        return False
    return bool(_DESTINATION.search(gap))


def _apposition(last: PlaceMention, container: PlaceMention, analysis: Analysis,
                text: str) -> list[PlaceMention]:  # fmt: skip
    """ "two towns in Rural Damascus -- A and B": A and B, those of them that lie in the
    container's province; nothing when no names follow."""
    following = [p for p in analysis.places if p.start >= last.end]
    if not following or not _APPOSITION.match(text[last.end : following[0].start]):
        return []
    province = (container.match or {}).get("admin1")
    named = _known(_group(following, text))
    return [p for p in named if not province or p.match.get("admin1") in (province, None)]


def _known(group: list[PlaceMention]) -> list[PlaceMention]:
    """A group that opens with a place the registry does not know names no known place."""
    return group if group and group[0].match else []


def _antecedent(analysis: Analysis, segment: tuple[int, int, str],
                text: str) -> list[PlaceMention]:  # fmt: skip
    """The places a relative clause hangs on ("an air base which …"), past a container set
    off between them ("the towns of A and B, in X province, which …")."""
    previous = [p for p in analysis.places if p.end <= segment[0]]
    if (len(previous) > 1 and not text[previous[-1].end : segment[0]].strip(" ,")
            and _CONTAINER_AFTER.match(text[previous[-2].end : previous[-1].start])):  # fmt: skip
        previous = previous[:-1]
    if not previous:
        return []
    group = _back(previous, text)
    if _somewhere_in(group[0], text[max(0, group[0].start - 60) : group[0].start]):
        return []  # "rebel-held areas of Homs city that have been under siege": not the city
    return _known(group)


def _without_possessors(after: list[PlaceMention], text: str) -> list[PlaceMention]:
    """ "Iraq's strategic Mosul dam": the country that owns the place is not the place."""
    return [p for i, p in enumerate(after)
            if not (re.match(r"['’]s\b", text[p.end:p.end + 2]) and i + 1 < len(after)
                    and after[i + 1].start - p.end <= 30)]  # fmt: skip


def _group(ordered: list[PlaceMention], text: str) -> list[PlaceMention]:
    """The first place and those joined to it by "and", commas or "as well as"."""
    group = [ordered[0]]
    for place in ordered[1:]:
        gap = text[group[-1].end : place.start]
        if place.start != group[-1].start and not (JOIN.match(gap) or _JOIN_KIND.search(gap)):
            break
        group.append(place)
    return group


def _back(before: list[PlaceMention], text: str) -> list[PlaceMention]:
    """For a passive trigger: the places joined to the last one before it, in order."""
    group = [before[-1]]
    for place in reversed(before[:-1]):
        if place.start != group[0].start and not JOIN.match(text[place.end : group[0].start]):
            break
        group.insert(0, place)
    return group
