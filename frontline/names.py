"""Folding of place and actor names, so that news spellings compare equal to gazetteer names.

Transliterations of Arabic names differ in diacritics, ‘ayn and hamza marks, hyphens, the article
(al-, el-, ad-, ash- …) and vowels (Boukamal, Al-Bukamal): folding removes those differences.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_MARKS = str.maketrans("", "", "‘’ʿʾ`'ʼ´\u0640")  # and the Arabic tatweel
_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
# Latin letters Unicode does not decompose, which would otherwise be dropped (Turkish
# 'Ceylanpınar' must meet 'Ceylanpinar')
_LATIN_FOLD = str.maketrans({"ı": "i", "ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d",
                             "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h"})  # fmt: skip
# The Arabic article as transliterations write it: al-/el-, and assimilated to a "sun letter"
# (ad-, ash-, esh-, en- …). One table: `fold` strips it first, `gazetteer.keys` anywhere.
ARTICLES = frozenset({"al", "el"} | {v + c for v in "ae" for c in (
    "t", "th", "d", "dh", "r", "z", "s", "sh", "n")})  # fmt: skip
_ARTICLE = re.compile(rf"^(?:{'|'.join(sorted(ARTICLES, key=len, reverse=True))})[\s-]+|^ال")
_VOWELS = (("ou", "u"), ("oo", "u"), ("ee", "i"))
_NOT_LETTERS = re.compile(r"[^a-z0-9\u0621-\u064a\s-]")  # Arabic letters are kept
_SEPARATORS = re.compile(r"[\s-]+")
_DOUBLED = re.compile(r"(.)\1+")
# The same folding for plain ASCII in one translate: marks dropped, letters lowered, anything
# else a space (most queries are ASCII: the geocoder folds thousands a second).
_ASCII = str.maketrans({**{chr(c): " " for c in range(128)},
                        **{chr(c): chr(c) for c in (*range(48, 58), *range(97, 123))},
                        **{chr(c): chr(c + 32) for c in range(65, 91)},
                        "-": "-", " ": " ", "'": None, "`": None})  # fmt: skip


def fold(name: str) -> str:
    """Fold a name to a comparison key: 'Al-Bukamal', 'Boukamal' and 'Bukamal' give 'bukamal';
    in Arabic script, hamza seats, short vowels, tā' marbūṭa and the article fold too
    ('البوكمال' and 'بوكمال' meet)."""
    return _fold_ascii(name) if name.isascii() else _fold_unicode(name)


def _fold_unicode(name: str) -> str:
    """`fold` for any script (tests check the ASCII short way against it)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_MARKS).lower()
    text = _NOT_LETTERS.sub(" ", text.translate(_LATIN_FOLD).translate(_ARABIC_FOLD))
    text = _ARTICLE.sub("", text.strip())
    text = _SEPARATORS.sub("", text)  # 'ez-Zor' and 'Ezzor' meet once the letters are joined
    return _vowels_and_doubles(text)


def _fold_ascii(name: str) -> str:
    """`fold` of an ASCII name, without Unicode normalisation and with one regex."""
    text = name.translate(_ASCII).strip()
    first = text.split(" ", 1)[0].split("-", 1)[0]
    if first in ARTICLES and len(first) < len(text):
        text = text[len(first):].lstrip(" -")
    return _vowels_and_doubles(text.replace(" ", "").replace("-", ""))


def _vowels_and_doubles(text: str) -> str:
    """ou/oo/ee folded and doubled letters single, until nothing changes: 'oou' gives 'u' at
    once, so a folded name folds to itself."""
    while True:
        for old, new in _VOWELS:
            text = text.replace(old, new)
        text = _DOUBLED.sub(r"\1", text)
        if not any(old in text for old, _ in _VOWELS):
            return text


def split_tag(alias: str) -> tuple[str, str]:
    """An alias and its language tag: 'زملكا@ar' → ('زملكا', 'ar'); 'C1597@pcode' → ('C1597',
    'pcode'); an untagged alias has the tag ''. The one place the registry's tags are read."""
    name, at, tag = alias.rpartition("@")
    return (name, tag) if at else (alias, "")


def plain(name: str) -> str:
    """Drop diacritics and ‘ayn/hamza marks for display: 'Ālbū Kamāl' → 'Albu Kamal'."""
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_MARKS).strip()


def matching(rows: pd.DataFrame, key: str, query: str) -> set[str]:
    """Ids (column `key`) of the rows whose id, name or any alias is `query`, spelling folded:
    how places and actors are looked up by what a person or a source calls them."""
    folded = fold(query)
    return {
        row[key]
        for row in rows[[key, "name", "aliases"]].to_dict("records")
        if query == row[key]
        or folded in {fold(n) for n in [row[key], row["name"], *row["aliases"]]}
    }
