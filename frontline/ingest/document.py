"""One report read as a whole: its sentences' mentions found in order, then what only the
document can settle — which actor "the rebels" or "the army" means, which place "an air base",
"the base" or "the two rebel-held areas" points to, and where "the offensive" is.

Names are resolved in reading order, each helped by those before it (the places already met
narrow the next place; the actors already met say who "the rebels" are), as a reader does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from frontline.gazetteer import Gazetteer
from frontline.ingest import actors as actor_module
from frontline.ingest import (
    attribution,
    dating,
    extract,
    figures,
    organisations,
    places,
    placing,
    references,
)
from frontline.ingest import sentences as sentence_module
from frontline.ingest import triggers as trigger_module
from frontline.ingest.cleaning import Cleaned, clean
from frontline.ingest.places import PlaceMention

# The registry kinds a site word can point to: a facility's as the geocoder reads it, and the
# parts of a town that "the suburb", "the enclave", "the pocket" can be.
_PARTS = {"district", "neighbourhood"}
_KINDS = {**places.SITE_KINDS, "town": {"town"}, "city": {"town"}, "village": {"village"},
          "suburb": {"town", *_PARTS}, "district": _PARTS, "neighbourhood": _PARTS,
          "neighborhood": _PARTS, "enclave": {"town", "region", *_PARTS},
          "pocket": {"town", "village", "region", *_PARTS}}  # fmt: skip
_GENERIC_SITES = frozenset({"town", "city", "village", "suburb", "district", "neighbourhood",
                            "neighborhood", "area", "region", "province"})
_OFFENSIVE = re.compile(r"^\s*(?:['’]s\s+)?(?:offensive|campaign|operation|assault|battle)\b", re.I)


@dataclass(frozen=True)
class Report:
    """A report's text and what is known of it."""

    text: str
    published: dt.date
    publisher: str = ""
    url: str = ""


@dataclass
class Read:
    """A report as read: its cleaned text, sentences, their analyses, sources, figures and
    organisations, and its events."""

    report: Report
    cleaned: Cleaned
    sentences: list[sentence_module.Sentence]
    analyses: list[extract.Analysis]
    sources: list[list[attribution.Source]]
    figures: list[list[figures.Figure]]
    organisations: list[list[tuple[str, int, int]]]
    events: list[extract.Event]
    publisher: str


def read(report: Report, gazetteer: Gazetteer, registry: actor_module.Registry) -> Read:
    """Find every mention, resolve what the document settles, and read the events."""
    cleaned = clean(report.text)
    text = cleaned.text
    found = sentence_module.split(text)
    body = [s for s in found if not s.headline]
    first = body[0].text if body else ""
    paragraph_start = text[text.rfind("\n", 0, body[0].start) + 1 :] if body else ""
    publisher = (report.publisher or sentence_module.dateline(paragraph_start)
                 or sentence_module.dateline(first) or "")  # fmt: skip
    near: list[tuple[float, float]] = []
    hint = _country_named(text)
    analyses, sources, numbers, orgs = [], [], [], []
    cited: list[attribution.Source] = []
    for sentence in body:
        mentions = registry.find(sentence.text, sentence.start)
        skip = [(a.start, a.end) for a in mentions]
        named = places.find(gazetteer, sentence.text, sentence.start, near, skip, hint)
        located = references.find(gazetteer, sentence.text, sentence.start, near, named)
        words = trigger_module.find(sentence.text, sentence.start)
        dates = dating.find(sentence.text, sentence.start, report.published)
        analyses.append(extract.Analysis(sentence, mentions, located, dates, words))
        said = attribution.find(sentence.text, sentence.start, cited)
        cited += said
        sources.append(said)
        numbers.append(figures.find(sentence.text, sentence.start))
        orgs.append(organisations.find(sentence.text, sentence.start))
    told, aid = None, [trigger_module.aid_clause(a.sentence.text) for a in analyses]
    for i, analysis in enumerate(analyses):
        analysis.aid_before = any(aid[max(0, i - 2) : i])
        analysis.told_before = told
        told = next((d for d in reversed(analysis.dates) if d.role == "at"), told)
    country = _country(analyses)
    _resolve_actors(analyses, registry, country)
    _resolve_references(analyses, text)
    _topics(analyses, text)
    events = [e for a in analyses for e in extract.events(a, text)]
    return Read(report, cleaned, body, analyses, sources, numbers, orgs, events, publisher)


def _country_named(text: str) -> str | None:
    """The country the report's words are about ("Iraqi forces", "in Iraq"), when one is named
    at least twice as often as the other."""
    iraq = len(re.findall(r"\bIraq(?:i|is|['’]s)?\b", text))
    syria = len(re.findall(r"\bSyria(?:n|ns|['’]s)?\b", text))
    if iraq >= 2 and iraq >= 2 * syria:
        return "IQ"
    return "SY" if syria >= 2 and syria >= 2 * iraq else None


def _country(analyses: list[extract.Analysis]) -> str | None:
    """The country most of the document's sure places are in."""
    counts = Counter(p.match["country"] for a in analyses for p in a.places
                     if p.match and not p.match["low_confidence"]
                     and p.match["country"] in ("SY", "IQ"))  # fmt: skip
    return counts.most_common(1)[0][0] if counts else None


def _resolve_actors(analyses: list[extract.Analysis], registry: actor_module.Registry,
                    country: str | None) -> None:  # fmt: skip
    """Generic mentions as the actor of their side met most recently (see `actors`)."""
    recent: list[str] = []
    for analysis in analyses:
        resolved = []
        here = _country([analysis]) or country
        for mention in analysis.actors:
            if mention.side is not None:
                mention = registry.resolve_generic(mention, recent, here)
            elif mention.actor_id and mention.role == "agent":
                recent.append(mention.actor_id)
            resolved.append(mention)
        analysis.actors = resolved


def _resolve_references(analyses: list[extract.Analysis], text: str) -> None:
    """ "an air base", "the base", "the two rebel-held areas" as the places they point to."""
    named = [(i, p) for i, a in enumerate(analyses) for p in a.places if p.match]
    for i, analysis in enumerate(analyses):
        out = []
        for mention in analysis.places:
            if mention.refers == "plural":
                out += _plural(analyses, i, mention, text)
            elif mention.refers == "counted":
                out += _counted(analyses, i, mention, text)
            elif mention.refers == "it":
                out += _topic(analyses, i, mention)
            elif mention.refers:
                out.append(_site(named, mention))
            else:
                out.append(mention)
        analysis.places = [m for m in out if m.match or m.refers not in ("plural", "counted", "it")]


def _site(named: list[tuple[int, PlaceMention]], mention: PlaceMention) -> PlaceMention:
    """A site named by its kind: the document's place of that kind — or named with that word,
    "the camp" after "the Yarmouk refugee camp" — named last before it, else first after it;
    an indefinite one ("an air base") only when the document has one."""
    kinds = _KINDS.get(mention.refers or "", set())
    word = re.compile(rf"\b{re.escape(mention.refers or '')}s?$", re.I)
    by_word = kinds and mention.refers not in _GENERIC_SITES  # "the camp", not "the area"
    same = [p for _, p in named if p.match["kind"] in kinds or by_word and word.search(p.text)]
    if not same:
        return mention
    if not mention.definite:
        ids = {p.place_id for p in same}
        return replace(mention, match=same[0].match) if len(ids) == 1 else mention
    before = [p for p in same if p.end <= mention.start]
    chosen = before[-1] if before else same[0]
    return replace(mention, match=chosen.match)


def _plural(analyses: list[extract.Analysis], i: int, mention: PlaceMention,
            text: str) -> list[PlaceMention]:  # fmt: skip
    """ "The two towns": the places joined last before it, in this sentence or the one before;
    each is given the reference's span, for it is what this clause names."""
    for analysis in (analyses[i], analyses[i - 1] if i else None):
        if analysis is None:
            continue
        before = [p for p in analysis.places if p.match and p.end <= mention.start]
        groups = _groups(before, text)
        if groups and len(groups[-1]) >= 2:
            return [replace(mention, match=p.match) for p in groups[-1]]
    return []


def _counted(analyses: list[extract.Analysis], i: int, mention: PlaceMention,
             text: str) -> list[PlaceMention]:  # fmt: skip
    """ "Two besieged towns": the first group of as many places named after it, in this
    sentence or the next ("… entered two besieged towns. The towns of Zamalka and Erbin …")."""
    count = figures.NUMBER_WORDS[mention.text.split()[0].lower()]
    # "two towns in Idlib province -- A and B": the container's apposition (`placing`) instead
    contained = re.match(r"\s+(?:in|inside|within)\s(?!(?:the\s+)?(?:Syria|Iraq)\b)",
                         text[mention.end : mention.end + 20])  # fmt: skip
    for analysis in analyses[i + 1 if contained else i : i + 2]:
        after = [p for p in analysis.places if p.match and p.start >= mention.end]
        group = next((g for g in _groups(after, text) if len(g) == count), None)
        if group:
            return [replace(mention, match=p.match) for p in group]
    return []


def _topic(analyses: list[extract.Analysis], i: int, mention: PlaceMention) -> list[PlaceMention]:
    """ "Seized it": the place the sentence opened with, else the one the sentence before
    opened with ("The Baiji refinery … when IS seized it"; "Iraqi forces retook it")."""
    for analysis, before in ((analyses[i], True), (analyses[i - 1] if i else None, False)):
        if analysis is None:
            continue
        named = [p for p in analysis.places if p.match and not p.refers
                 and (not before or p.end <= mention.start)]  # fmt: skip
        if named:
            return [replace(mention, match=named[0].match)]
    return []


def _groups(ordered: list[PlaceMention], text: str) -> list[list[PlaceMention]]:
    out: list[list[PlaceMention]] = []
    for place in ordered:
        if out and placing.JOIN.match(text[out[-1][-1].end : place.start]):
            out[-1].append(place)
        else:
            out.append([place])
    return out


def _topics(analyses: list[extract.Analysis], text: str) -> None:
    """Each sentence's "the offensive": the place of the last "<place> offensive" before it."""
    topic = None
    for analysis in analyses:
        analysis.topic = topic
        for place in analysis.places:
            if _OFFENSIVE.match(text[place.end : place.end + 30]):
                topic = place
