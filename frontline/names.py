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
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[\s-]+|^ال")
_VOWELS = (("ou", "u"), ("oo", "u"), ("ee", "i"))
_NOT_LETTERS = re.compile(r"[^a-z0-9\u0621-\u064a\s-]")  # Arabic letters are kept
_SEPARATORS = re.compile(r"[\s-]+")
_DOUBLED = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """Fold a name to a comparison key: 'Al-Bukamal', 'Boukamal' and 'Bukamal' give 'bukamal';
    in Arabic script, hamza seats, short vowels, tā' marbūṭa and the article fold too
    ('البوكمال' and 'بوكمال' meet)."""
    if name.isascii():  # most queries: no accents to take off
        text = name.translate(_MARKS).lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_MARKS).lower()
        text = text.translate(_ARABIC_FOLD)
    text = _NOT_LETTERS.sub(" ", text)
    text = _ARTICLE.sub("", text.strip())
    text = _SEPARATORS.sub("", text)  # 'ez-Zor' and 'Ezzor' meet once the letters are joined
    for old, new in _VOWELS:
        text = text.replace(old, new)
    return _DOUBLED.sub(r"\1", text)


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
