"""Places a sentence names without naming them — for the document to resolve: a site by its
kind alone ("an air base", "the base", "the country's largest refinery"), counted places
named next ("two besieged towns"), plurals pointing back ("the two rebel-held areas"), "it"
after an event's verb ("IS fighters seized it") — and sites the registry names in plain words
("outposts to the south").
"""

from __future__ import annotations

import re

from frontline.gazetteer import Gazetteer
from frontline.ingest.places import AS_WRITTEN, SITE_WORDS, PlaceMention

_UNNAMED = re.compile(rf"\b(?P<det>an?|the|this|that)\s+"
                      rf"(?:(?:country|city|province|region)['’]s\s+)?"
                      rf"(?:(?:Syrian|Iraqi|Turkish|Kurdish|Russian|U\.S\.|major|large|small)\s+)?"
                      rf"(?:(?:besieged|strategic|key|nearby|vital|sprawling|\w+est|"
                      rf"military|rebel-held|government-held|[\w-]+-held|border|main|former)\s+)*"
                      rf"(?P<noun>{SITE_WORDS})\b(?!\s+of\b)", re.IGNORECASE)  # fmt: skip
# "two besieged Syrian towns near Damascus", named after ("The towns of Zamalka and Erbin")
_COUNTED = re.compile(r"(?<!\bthe\s)\b(?:two|three|four|five|six)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?P<noun>towns|villages|cities|suburbs|camps)\b(?!\s+of\b)",
                      re.IGNORECASE)  # fmt: skip
# "IS fighters seized it", "Iraqi forces retook it": the place the sentences are about
_IT = re.compile(r"\b(?:seized|stormed|entered|overran|besieged|shelled|bombed|attacked|captured|"
                 r"retook|recaptured|liberated|took|taken)\s+(?P<it>it)\b"
                 r"(?!\s+(?:upon|as|that|to|was|is|had|has)\b)")  # fmt: skip
_PLURAL = re.compile(r"\b(?:the\s+two|both(?:\s+the)?|the)\s+(?:[\w-]+\s+){0,2}"
                     r"(?P<noun>towns|areas|villages|cities|suburbs|neighbou?rhoods|places)\b"
                     r"(?!\s+of\s+(?:the\s+)?(?-i:[A-Z]))",
                     re.IGNORECASE)  # fmt: skip
_LOWER_SITE = re.compile(r"\b(?:other\s+|the\s+|several\s+|some\s+)?(?P<np>(?:outposts?|positions|"
                         r"checkpoints|hills|villages|farms)\s+(?:to\s+the\s+)?(?:north|south|"
                         r"east|west)(?:\s+of\s+[A-Z][\w'’-]+)?)", re.IGNORECASE)  # fmt: skip


def find(gazetteer: Gazetteer, text: str, offset: int, near: list[tuple[float, float]],
         named: list[PlaceMention]) -> list[PlaceMention]:  # fmt: skip
    """The sentence's named places with its references and plain-word sites added, in order."""
    text = text.translate(AS_WRITTEN)  # as `places` read it: offsets hold
    found = named + _lowercase_sites(gazetteer, text, offset, near, named)
    found += _references(text, offset, found)
    return sorted(found, key=lambda m: m.start)


def _lowercase_sites(gazetteer: Gazetteer, text: str, offset: int,
                     near: list[tuple[float, float]],
                     found: list[PlaceMention]) -> list[PlaceMention]:  # fmt: skip
    """Sites the registry names in words ("outposts to the south"), when it knows them."""
    out = []
    for match in _LOWER_SITE.finditer(text):
        start, end = offset + match.start("np"), offset + match.end("np")
        if any(m.start < end and start < m.end for m in found):
            continue
        answer = gazetteer.matches(match.group("np"), (), near[-10:])
        if answer and not answer[0]["low_confidence"]:
            out.append(PlaceMention(start, end, match.group("np"), dict(answer[0])))
    return out


def _references(text: str, offset: int, found: list[PlaceMention]) -> list[PlaceMention]:
    """Sites named by their kind alone, counted ones, plurals pointing back and "it" after an
    event's verb, as references for the document to resolve."""
    out = []
    for pattern, kind in ((_COUNTED, "counted"), (_UNNAMED, None), (_PLURAL, "plural"),
                          (_IT, "it")):
        for match in pattern.finditer(text):
            group = "it" if kind == "it" else 0
            start, end = offset + match.start(group), offset + match.end(group)
            if any(m.start < end and start < m.end for m in (*found, *out)):
                continue
            if kind in (None, "counted") and _apposed(text, offset, match.start(), found):
                continue  # "Moadamiyeh, a town near Damascus": the town is Moadamiyeh
            indefinite = kind is None and match.group("det").lower() in ("a", "an")
            out.append(PlaceMention(start, end, match.group(group), None,
                                    kind or match.group("noun").lower(),
                                    not indefinite))  # fmt: skip
    return out


def _apposed(text: str, offset: int, at: int, found: list[PlaceMention]) -> bool:
    """Whether a site word stands in apposition to the named place just before it."""
    return any(m.match and re.fullmatch(r"\s*,\s*", text[m.end - offset : at]) for m in found)
