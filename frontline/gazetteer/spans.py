"""Place names inside the phrases news wraps them in, for when the whole phrase is no name.

"Hajin in the eastern province of Deir Ezzor", "the Turkish border town of Kilis", "Anbar's
Ar-Rutbah", "Tal Afar, a town west of the city", "KOBANI, Syria", "bajarê Qamişlo",
"مدينة محردة بريف حماة": each gives the name to look up (the head) and, where the phrase says
it, a place around it (the context: a governorate, a town, a country) that narrows the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontline.gazetteer.vocabulary import DEMONYMS, HILL_OR_RUIN

COUNTRIES = {"syria": "SY", "iraq": "IQ", "turkey": "TR", "türkiye": "TR", "lebanon": "LB",
             "jordan": "JO", "iran": "IR", "israel": "IL"}  # fmt: skip
# Where the context starts: after these the phrase says where the place is, not what it is.
_CONTEXT = re.compile(
    r",|;|\s\(|\s[–—-]\s|\s(?:in|near|outside|at|on|inside|within|located|lies|which|that|"
    r"controlled|held|close to|along|next to|with|im|bei|nahe|près de|perto de|vicino a|"
    r"nei pressi di|(?:north|south|east|west|north-?west|north-?east|"
    r"south-?west|south-?east)(?:ern)? of|of the)\s|/|\s(?:and|und|û|و)\s"
    r"|\s(?:في|بريف|بمنطقة|شمال|جنوب|شرق|غرب|قرب|مع|شمالي|جنوبي|شرقي|غربي|اقصى)\s"
    r"|\sو(?=[\u0621-\u064a]{2})",  # و: "and"
    re.IGNORECASE,
)
# Words a phrase opens with that are not the name: Kurdish, German and Arabic kind words too.
_LEAD = {"bajarê", "bajarokê", "gundê", "gundên", "navçeya", "nahyeya", "nahiya", "kampa",
         "stadt", "dorf", "مدينة", "بلدة", "قرية", "مخيم", "حي", "منطقة", "ناحية",
         # the mountain, valley or plain a place is named by ("Jabal Bafloun": Baflune mountain)
         "jabal", "jebel", "jabel", "wadi", "sahl", "جبل", "وادي", "سهل",
         *HILL_OR_RUIN}  # fmt: skip
_KIND_OF = re.compile(r"(?<!\S)(?!(?:{})\s)([A-Z]\S*\s+)(neighbou?rhood|district|camp|area)\s+of\s+"
                      .format("|".join(DEMONYMS)), re.I)  # not "the Palestinian camp of Yarmouk"
# The name after "of", keeping a kind word before it ("province of Salahuddin").
_KINDS_OF = "province|governorate|district|village|town|city|camp"
_AFTER_OF = re.compile(rf"(?:\b(?=(?:{_KINDS_OF}|countryside) of\b)|\b(?:of|de|di|von)\s+)"
                       r"(?=[a-zA-Z\u0600-\u06ff])")
_KIND_THEN_OF = re.compile(rf"\b(?:{_KINDS_OF}) of\s+\S")  # "Salaheddine city of al-Shirqat"
_NAME_START = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž\u0600-\u06ffʿ‘'\"”“]")
# "Anbar's Ar-Rutbah", and in a Turkish phrase "Şam'ın Cobar mahallesi": the owner (an
# apostrophe in an Arabic name, "Ma'in", "Rabi'a", is the name's own)
_POSSESSIVE = re.compile(r"^(\S+)[’']s$")
_TURKISH_OWNER = re.compile(r"^(\S+)[’']n?[ıiuü]n$")
_TURKISH_KIND = re.compile(r"\s(?:mahalle|belde|köy|ilçe|kasaba|kent|vilayet)\S*$", re.I)
_HELD = re.compile(r"\S-(?:held|controlled|besieged|run)$")  # "the Islamic State-held …"
_QUOTED = re.compile(r"\s[”“\"]([^”“\"]+)[”“\"](?=\s|$)")


@dataclass(frozen=True)
class Span:
    """A name to look up, with the context phrase around it (empty when none)."""

    head: str
    context: str = ""
    country: str | None = None
    literal: bool = True  # the phrase's first words as written; else a guess at the name
    last: bool = False  # tried only after a typo of the whole phrase is (`_after`)


def has_context(text: str) -> bool:
    """The phrase says where or what beyond a name ("Qayyarah (Iraq)", "Hajin in …"): its
    name is looked for in it before loose spellings of the whole are."""
    return bool(_CONTEXT.search(text) or _KIND_THEN_OF.search(text))


@lru_cache(maxsize=4096)
def alternatives(text: str) -> tuple[Span, ...]:
    """Heads to try, most literal first; each keeps what the phrase says about where it is
    (cached: the geocoder asks twice of a phrase that resolves late)."""
    quoted = _QUOTED.search(text)  # 'Ayn al-Arab "Kobani" City': the name, and the other name
    if quoted:
        return (*alternatives(_QUOTED.sub(" ", text)), Span(quoted.group(1), literal=False))
    text = re.sub(r"[”“\"]", "", text).strip()
    text = _KIND_OF.sub(r"\1\2, ", text)  # "Sheikh Maqsoud neighbourhood of Aleppo"
    parts = _CONTEXT.split(text, maxsplit=1)
    head, rest = parts[0].strip(), (parts[1].strip(" )") if len(parts) > 1 else "")
    country = _country(rest) or _country(text)
    found: list[Span] = []
    first = [(head, rest), *_trimmed(head, rest)]
    for n, (candidate, context) in enumerate((*first, *_after(text, head, rest, country))):
        if candidate and candidate != text and all(s.head != candidate for s in found):
            found.append(Span(candidate, context, country, literal=n == 0, last=n >= len(first)))
    return tuple(found)


def _after(text: str, head: str, rest: str, country: str | None) -> list[tuple[str, str]]:
    """Names after the head, tried last: another name in brackets ("Qabr Essit camp (Sayyida
    Zeinab)"), the name after a description ("a Kakai village, Ali Saray"), and the head without
    its first word when that word is a place ("the Damascus Jobar neighborhood": the geocoder
    tries a `last` span with a context only when the context resolves)."""
    out = [(inner, "") for inner in re.findall(r"\(([^)]+)\)", text)]
    nameless = not any(_NAME_START.match(w) for w in head.split())
    if rest and not country and _NAME_START.match(rest) and ("," in text or nameless):
        out.append((rest, ""))  # "located ten kilometers north of Qamrin": Qamrin
    words = head.split()
    named = [n for n, w in enumerate(words) if _NAME_START.match(w)]
    if len(named) > 1:  # the kind words after the name stay: "Jobar neighborhood"
        out.append((" ".join(words[named[0] + 1:]), words[named[0]]))
    return out


def _trimmed(head: str, rest: str) -> list[tuple[str, str]]:
    """The head without leading words that are not the name ("nearby", "oil town of",
    "Syria's eastern" → "eastern …" keeps the side) and without trailing lowercase words."""
    words = head.split()
    out = []
    lead = 0
    owned = _TURKISH_OWNER if _TURKISH_KIND.search(head) else _POSSESSIVE
    while lead < len(words) - 1 and (words[lead].lower() in _LEAD
                                      or not _NAME_START.match(words[lead])
                                      or owned.match(words[lead])):  # fmt: skip
        lead += 1
    held = [n for n, w in enumerate(words[:-1]) if _HELD.search(w)]
    lead = max(lead, held[-1] + 1) if held else lead
    owner = [owned.match(w).group(1) for w in words[:lead] if owned.match(w)]
    context = " ".join(owner) or rest
    if lead:
        out.append((" ".join(words[lead:]), context))
    tail = len(words)
    while tail > lead + 1 and not _NAME_START.match(words[tail - 1]):
        tail -= 1
    if tail < len(words):
        out.append((" ".join(words[lead:tail]), context))
    after = _AFTER_OF.split(head)
    if len(after) > 1:  # "Turkish border town of Kilis", "Salaheddine city of al-Shirqat"
        out.insert(0, (after[-1], rest or after[0].strip()))  # the name after "of" first
    runs = re.findall(r"(?:[A-Z][\w'‘’ʿ-]*\s?)+", head)
    if len(runs) > 1:  # "Diyala capital Baquba": the last run of capitalised words
        out.append((runs[-1].strip(), " ".join(r.strip() for r in runs[:-1])))
    return out


def _country(text: str) -> str | None:
    for word in re.findall(r"[\w']+", text.lower()):
        word = word.removesuffix("'s")
        if word in COUNTRIES:
            return COUNTRIES[word]
        if word in {"syrian", "iraqi", "turkish"}:
            return {"syrian": "SY", "iraqi": "IQ", "turkish": "TR"}[word]
    return None
