"""Keys for matching names across transliterations, and the descriptor words around them.

Three keys per name: a light one (`names.fold`: diacritics, ‘ayn/hamza marks, hyphens, a leading
article, ou→u, doubled letters) for near-exact matches, one with vowels folded (e→a, o→u, y→i),
and a skeleton (articles anywhere, vowels and the semi-vowels w/y dropped, q→k, a final h
dropped) that makes Deir ez-Zor, Deir Ezzor and Dayr az Zawr one key. Skeleton matches score
lower and are not used for very short names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frontline.names import fold

ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "et"}
# Descriptor words: they say what kind of place is meant and are not part of its name.
KIND_WORDS = {
    "province": "admin1", "governorate": "admin1", "muhafazat": "admin1",
    "air base": "airbase", "airbase": "airbase", "airport": "airbase", "airfield": "airbase",
    "military airport": "airbase", "border crossing": "border_crossing",
    "crossing": "border_crossing", "border post": "border_crossing", "dam": "dam", "camp": "camp",
    "refugee camp": "camp",
}  # fmt: skip
PHRASES = sorted(KIND_WORDS.items(), key=lambda kv: -len(kv[0]))  # longest first
_LAST_WORDS = {phrase.split()[-1] for phrase in KIND_WORDS}
SIDE_WORDS = {"west", "western", "east", "eastern", "north", "northern", "south", "southern"}
MIN_SKELETON = 3
_VOWEL_FOLD = str.maketrans("eoy", "aui")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@dataclass(frozen=True)
class Query:
    """A name with its descriptor words taken off."""

    text: str
    core: str
    kind: str | None
    side: str | None


def _plain_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", re.sub(r"[‘’ʿʾ`'ʼ´]", "", text))


def skeleton(name: str) -> str:
    """'Deir ez-Zor', 'Deir Ezzor', 'Dayr az Zawr' → 'drzr'; '' when too short to trust."""
    words = [w for w in _plain_words(name) if w not in ARTICLES]
    words = [w[2:] if w.startswith(("al", "el")) and len(w) > 4 else w for w in words]
    text = "".join(re.sub(r"(?<=[aeiou])h$", "", w) for w in words)
    text = re.sub(r"[aeiouwy]", "", text.replace("q", "k").replace("dh", "d"))
    text = re.sub(r"(.)\1+", r"\1", text)
    return text if len(text) >= MIN_SKELETON else ""


def light(name: str) -> str:
    """The near-exact key (see `names.fold`), with a final h after a vowel dropped."""
    return _FINAL_H.sub("", fold(name))


def vowels(name: str) -> str:
    """The light key with vowels folded (e→a, o→u, y→i): Beiji and Baiji, Dayr and Deir meet."""
    return fold_vowels(light(name))


def fold_vowels(light_key: str) -> str:
    """`vowels` of a name whose light key is already known."""
    key = light_key.translate(_VOWEL_FOLD)
    return _DOUBLED.sub(r"\1", key) if len(key) >= 4 else ""


def variants(name: str) -> set[str]:
    """A curated name and the shorter names it contains: 'Tiyas Air Base (T4)' also answers to
    'T4' and 'Tiyas'; 'Deir ez-Zor Airport / Air Base' to 'Deir ez-Zor Airport' and 'Deir ez-Zor'.
    """
    parts = {name, *re.findall(r"\(([^)]+)\)", name)}
    parts |= {p.strip() for part in list(parts) for p in re.sub(r"\([^)]*\)", "", part).split("/")}
    found = {v.strip(" /") for p in parts if p for v in (p, parse(p).core)}
    return {v for v in found if v and v.lower() not in KIND_WORDS}


def parse(text: str) -> Query:
    """Take descriptor words off a query: 'Hamdan air base' → core 'Hamdan', kind airbase."""
    words = text.strip().split()
    kind = side = None
    lowered = [w.lower().strip(",.") for w in words]
    for phrase, phrase_kind in PHRASES if lowered and lowered[-1] in _LAST_WORDS else ():
        size = len(phrase.split())
        if len(lowered) > size and " ".join(lowered[-size:]) == phrase:
            words, lowered, kind = words[:-size], lowered[:-size], phrase_kind
            break
    if len(lowered) > 1 and lowered[0] in SIDE_WORDS:
        side, words = lowered[0], words[1:]
    return Query(text=text, core=" ".join(words), kind=kind, side=side)
