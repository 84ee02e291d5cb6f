"""Places a sentence names, resolved through the place registry with the document's other
places as context.

A name is a run of capitalised words ("Hamdan", "Deir ez-Zor", "Abu al-Duhur"), with the
direction word before it that some names carry ("west Harasta", "eastern Ghouta") and the site
word after it ("air base", "border crossing", "dam", "area"); a possessive is dropped
("Boukamal's southern edge" → Boukamal). Each is looked up by `Gazetteer.matches`, nearest to
the places already resolved in the same document — as `resolve_document` does — and kept when
the answer is sure, or when the words around it say it is a place ("the town of …", "in …").
Sites named by their kind alone, plurals and "it" are `references`' to find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frontline.gazetteer import Gazetteer, distance, vocabulary

# "a-Dar" (ad-Dar) and "Deir e-Zor" (ez-Zor): the article assimilated, as Syria Direct and ISW write
_PARTICLE = r"(?:al|el|ad|ash|as|at|az|an|ar|ez|es|ed|ul|bin|ibn|a|e)"
_WORD = (rf"(?:[A-Z][\w'’ʿ]*(?:-[\w'’ʿ]+)*|{_PARTICLE}-[\w'’ʿ]+(?:-[\w'’ʿ]+)*"
         rf"|\d{{1,3}}(?:st|nd|rd|th)?"
         rf"(?=\s+[A-Z]))")  # fmt: skip
_DIRECTION = (r"(?:(?:north|south|east|west|northern|southern|eastern|western|north-?western|"
              r"north-?eastern|south-?western|south-?eastern|central|upper|lower|"
              r"old)\s+)")  # fmt: skip
SITE_WORDS = (r"air ?base|airbase|airport|military airport|air ?field|airfield|border crossing|"
              r"crossing|dam|refugee camp|camp|district|neighbou?rhood|province|governorate|"
              r"countryside|area|region|refinery|oil ?fields?|gas ?fields?|military base|base|"
              r"checkpoint|hill|mountains?|city|town|village|suburb|valley|plain|desert|highway|"
              r"bridge|quarter|prison|brigade base|military academy|enclave|pocket")  # fmt: skip
# "Jisr al Shughur": an article written apart, between two capitalised words
_APART = r"(?:al|el|ash|ad|ar|as|az|at|an|ez)\s+(?=[A-Z])"
_NAME = re.compile(rf"(?P<dir>{_DIRECTION})?(?P<name>{_WORD}(?:\s+(?:of\s+|{_APART})?{_WORD})*)"
                   rf"(?P<site>\s+(?:{SITE_WORDS}|towns|villages|cities)\b)?")  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s$")
_NEARBY = re.compile(r"\b(?:nearby|neighbou?ring|adjacent|surrounding)\s+(?:(?:village|town)\s+"
                     r"of\s+)?(?:the\s+)?$", re.IGNORECASE)  # "Dabiq's neighbouring village of"
_NEARBY_KM = 40.0
_PERSON = re.compile(r"(?:(?:the|The)\s+)?(?:Prime\s+Minister|President|General|Gen\.|Colonel|"
                     r"Col\.|Brigadier|Major|Lieutenant|Lt\.|Sheikh|King|Emir|Minister)\s+[A-Z]")
# Characters that hide a name: "#Madaya" (a hashtag), "Dar al‑Kabira" (a non-breaking hyphen).
AS_WRITTEN = str.maketrans({"#": " ", "\u2010": "-", "\u2011": "-"})
_PROVINCE_OF = re.compile(r"(?P<of>\b(?:province|governorate)\s+of\s+(?:the\s+)?)$", re.IGNORECASE)
_NOT_NAMES = frozenset(
    "the a an it he she they we this that these those there his her its their meanwhile further "
    "earlier later but and or also yet still some many most several both after before since when "
    "while as in on at by for from with without of to into near under over monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december syrian iraqi turkish kurdish russian lebanese sunni "
    "shiite shi'ite shia arab arabs american iranian islamic british french yazidi christian "
    "alawite western eastern northern southern president minister col gen lt brig maj sgt "
    "spokesman spokeswoman state media the u.s u.n us un assad al-assad bashar".split()
)
# Words before a person's name ("rebel spokesman Mozahem al-Saloum", "Col. Chris Garver").
_TITLE_WORDS = frozenset("spokesman spokeswoman spokesperson president chief col. gen. brig. lt. "
                         "maj. minister commander official writer director head envoy secretary "
                         "general leader emir correspondent adviser reporter".split())  # fmt: skip
_CUE = re.compile(rf"(?:\b(?:town|city|village|villages|suburb|district|province|governorate|"
                  rf"countryside|neighbou?rhood|region|area|towns|cities|camp|outskirts)\s+of|"
                  rf"\b(?:in|into|near|outside|around|to|enter(?:s|ed|ing)?|reach(?:es|ed|ing)?|toward|"
                  rf"towards))"
                  rf"\s+(?:the\s+)?(?:{_DIRECTION})?$", re.IGNORECASE)  # fmt: skip
COUNTRIES = {"syria": "SY", "iraq": "IQ"}
_OWNER = {w: re.compile(rf"\b{w}['’]s\s+(?:\w+\s+)?$") for w in COUNTRIES}
_SPOKESMAN_AFTER = re.compile(r",\s+(?:a|an|the)\s+\w*\s*spokes")
# "the Damascus suburb of Douma", "the Aleppo district of Sheikh Maqsoud": the place named
# first only says where the second lies (it still helps resolve it, as context).
_OWNER_OF = re.compile(rf"\s+of\s+(?:the\s+)?(?:{_DIRECTION})?(?!Syria\b|Iraq\b)[A-Z]")
# Names listed together ("Foah and Kafraya", "Madaya, Zabadani"); how far apart two listed
# places may lie for a doubtful name to be taken as the one beside its sure partner.
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)")
_BESIDE_KM = 25.0
# Site words that name one kind of facility, as the geocoder reads them (`vocabulary.KIND_WORDS`; a
# town is too common a word to tell a spelling).
SITE_KINDS = {word: frozenset(kinds) for word, kinds in vocabulary.KIND_WORDS.items()
              if kinds and set(kinds) <= vocabulary.FACILITIES}
SITE_KINDS["brigade base"] = frozenset({"military_base"})
_OWNER_SITE = re.compile(r"\s+(?:suburb|district|neighbou?rhood|quarter|towns?|city|cities|"
                         r"villages?|province|governorate|countryside|region|area)$")  # fmt: skip


@dataclass(frozen=True)
class PlaceMention:
    """A place named, or referred to, in the text. `match` is the registry's answer (name,
    place_id, lat, lon, kind, country, low_confidence) or None; `refers` is set for a
    reference to resolve from the document: the site's kind word ("base", "town") or
    "plural"."""

    start: int
    end: int
    text: str
    match: dict | None
    refers: str | None = None
    definite: bool = True
    owner: str | None = None  # the place named as containing it ("the Damascus suburb of")

    @property
    def place_id(self) -> str | None:
        return self.match["place_id"] if self.match else None


def find(gazetteer: Gazetteer, text: str, offset: int, near: list[tuple[float, float]],
         skip: list[tuple[int, int]], hint: str | None = None) -> list[PlaceMention]:  # fmt: skip
    """The places of one sentence, resolved in order; `near` (points resolved so far in the
    document) grows with each sure answer; spans in `skip` (actors) are never places; `hint`
    is the country the report is about, which settles a doubtful name between namesakes."""
    text = text.translate(AS_WRITTEN)  # same length: offsets hold
    found: list[PlaceMention] = []
    # "the Damascus suburb" waiting for "of Douma" (its match None: the first was the place,
    # and what follows "of" only contains it)
    pending: PlaceMention | None = None
    for match in _NAME.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(a < end and start < b for a, b in skip):
            continue
        partner = found[-1] if found and _LISTED.fullmatch(
            text[found[-1].end - offset : match.start()]) else None  # fmt: skip
        mention = _resolve(gazetteer, text, match, offset, (near, hint), partner)
        if mention is None:
            continue
        if not mention.match["low_confidence"]:
            near.append((mention.match["lat"], mention.match["lon"]))
        if pending is not None and mention.start - pending.end < 30:
            if pending.match is not None:  # the first was the container: this is the place
                found.append(replace(mention, owner=pending.text))
        elif _owner(text, match):
            pending = mention if _container(mention, match) else replace(mention, match=None)
            if pending.match is None:  # "al-Qusour district of Homs": al-Qusour, in Homs
                found.append(mention)
            continue
        else:
            found.append(mention)
        pending = None
    return found


def _container(first: PlaceMention, match: re.Match) -> bool:
    """Of "<first> <site word> of <second>", whether the first only says where the second
    lies: "the Damascus suburb of Douma", "the Idlib town of Saraqeb" — unless the first is
    itself a part of that kind ("the Baba Amr district of Homs": Baba Amr, in Homs)."""
    word = match.group("site").strip().lower()
    parts = word in ("district", "neighbourhood", "neighborhood", "quarter", "suburb")
    return not (parts and first.match["kind"] in ("neighbourhood", "district"))


def _owner(text: str, match: re.Match) -> bool:
    """Whether the name with its site word only says where the next place lies."""
    site = match.group("site")
    return bool(site and _OWNER_SITE.match(site) and _OWNER_OF.match(text, match.end()))


def _resolve(gazetteer: Gazetteer, text: str, match: re.Match, offset: int,
             context: tuple[list[tuple[float, float]], str | None],
             partner: PlaceMention | None = None) -> PlaceMention | None:  # fmt: skip
    """The first sure answer among the name with its direction and site words, with its
    site word, and alone; a doubtful one only where the words around say it is a place, or
    where it is listed with a sure place that lies beside it ("the towns of Foah and
    Kafraya": the Kafraya 3 km from Foah)."""
    near, hint = context
    if _PERSON.match(match.group("name")):
        return None  # "Prime Minister Nouri al-Maliki"
    start, name = _trimmed(match.start("name"), match.group("name"))
    inner = re.search(r"['’]s\s+(?=\S)", name)  # "Aleppo's Hanano district": Hanano, near Aleppo
    if inner:
        owner = gazetteer.matches(name[: inner.start()], (), near[-10:])
        if owner and not owner[0]["low_confidence"]:
            near = [*near, (owner[0]["lat"], owner[0]["lon"])]
        start, name = start + inner.end(), name[inner.end() :]
    possessive = bool(_POSSESSIVE.search(name))
    name = _POSSESSIVE.sub("", name)
    if not name or name.lower() in _NOT_NAMES or not re.search(r"[a-z]{2}|[A-Z]{3}", name):
        return None
    before = text[max(0, start - 40) : start]
    last = before.rstrip(" ,").rsplit(None, 1)[-1].lower() if before.strip(" ,") else ""
    if last in _TITLE_WORDS or _SPOKESMAN_AFTER.match(text, match.end()):
        return None
    end = start + len(name)
    spans = []
    if match.group("dir") and start == match.start("name"):
        spans.append((match.start("dir"), end))
    if match.group("site") and not possessive:
        spans.insert(0, (start, match.end()))
    spans.append((start, end))
    province = _PROVINCE_OF.search(before)
    if province and start == match.start("name"):  # "the province of Raqqa": the province
        spans.insert(0, (start - len(before) + province.start("of"), end))
    cue = bool(_CUE.search(text[max(0, spans[0][0] - 40) : spans[0][0]]))
    country = _country(text, match)
    for a, b in spans:
        query = _POSSESSIVE.sub("", text[a:b])
        found = gazetteer.matches(query, (country,) if country else (), near[-10:])
        if found and found[0]["low_confidence"] and hint and found[0]["country"] != hint:
            found = gazetteer.matches(query, (hint,), near[-10:]) or found  # Iraq's Hawija
        if found and near and _NEARBY.search(before):  # not the namesake 150 km away
            found = sorted((f for f in found
                            if distance.km(near[-1], (f["lat"], f["lon"])) <= _NEARBY_KM),
                           key=lambda f: distance.km(near[-1], (f["lat"], f["lon"])))[:1]
            if not found:
                return None
        if found and _acceptable(found[0], cue, partner, match.group("site") if b == match.end()
                                 else None):  # fmt: skip
            return PlaceMention(offset + a, offset + a + len(query), query, dict(found[0]))
    return None


def _acceptable(answer: dict, cue: bool, partner: PlaceMention | None,
                site: str | None) -> bool:  # fmt: skip
    """A sure answer; a doubtful one where the words say it is a place, it is listed beside a
    sure one, or the site word it was asked with is its kind."""
    return (not answer["low_confidence"] or cue or _beside(answer, partner)
            or _site_agrees(answer, site))  # fmt: skip


def _site_agrees(answer: dict, site: str | None) -> bool:
    """A site the words name by its kind that the registry's answer is ("Kweiris air base":
    the Kuweires Air Base, however spelt)."""
    word = re.sub(r"\s+", " ", (site or "").strip().lower())
    return answer["kind"] in SITE_KINDS.get(word, ())


def _beside(answer: dict, partner: PlaceMention | None) -> bool:
    if partner is None or partner.match is None or partner.match["low_confidence"]:
        return False
    here, there = (answer["lat"], answer["lon"]), (partner.match["lat"], partner.match["lon"])
    return distance.km(here, there) <= _BESIDE_KM


def _trimmed(start: int, name: str) -> tuple[int, str]:
    """The name without leading words that are none ("The Boukamal offensive")."""
    while True:
        first, _, rest = name.partition(" ")
        if not rest or first.lower().rstrip(".") not in _NOT_NAMES:
            return start, name
        start, name = start + len(first) + 1, rest


def _country(text: str, match: re.Match) -> str | None:
    """A country the words state: "Syria's Deir Ezzor", "Kobani, Syria"."""
    before = text[max(0, match.start() - 30) : match.start()].lower()
    after = text[match.end() : match.end() + 8].lower()
    for word, code in COUNTRIES.items():
        if after.startswith(f", {word}") or word in before and _OWNER[word].search(before):
            return code
    return None
