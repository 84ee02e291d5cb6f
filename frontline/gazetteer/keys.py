"""Keys for matching names across transliterations, and the parse that takes the descriptor words
(`vocabulary`) off a query.

Four keys per name: a light one (`names.fold`: diacritics, ‘ayn/hamza marks, hyphens, a leading
article, ou→u, doubled letters) for near-exact matches, one with vowels folded (e→a, o→u, y→i),
and a skeleton (articles anywhere, vowels and the semi-vowels w/y dropped, q→k, a final h
dropped) that makes Deir ez-Zor, Deir Ezzor and Dayr az Zawr one key. Skeleton matches score
lower and are not used for very short names. Between the last two, a vowel pattern
(`pattern`): the skeleton with each written vowel kept as one mark and the feminine or nisba
ending folded, so that Hamouriya meets Hammura and Sbeneh Sbeineh, but not Hamra or Sabuniyeh
(the skeleton joins all four: a vowel written or not is what tells them apart).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frontline.gazetteer.vocabulary import (
    DEMONYMS,
    KIND_WORDS,
    LEADING_ARTICLES,
    PREFIXES,
    QUALIFIERS,
    SIDES,
)
from frontline.names import ARTICLES, fold

MIN_SKELETON = 3
_VOWEL_FOLD = str.maketrans("eoy", "aui")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_LETTERS = frozenset("aeiou")
_ASCII_WORDS = re.compile(r"[a-z0-9]+")  # the words of `_plain_words`, for an ASCII name


@dataclass(frozen=True)
class Query:
    """A name with its descriptor words taken off."""

    text: str
    core: str
    kinds: tuple[str, ...]  # the kinds the descriptors ask for, best first; () for any
    side: str | None  # "west" of "west Harasta": kept for callers; the answer is the place itself


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


# Arabic letters as the consonants a Latin spelling writes for them (vowel letters, hamza and
# ‘ayn write nothing a skeleton keeps): the skeleton of 'معضمية الشام' meets 'Moadamiyat al-Sham'.
_ROMAN = str.maketrans({"ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
                        "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
                        "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
                        "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ا": "a",
                        "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "", "ئ": "", "ع": "",
                        "\u0640": "",
                        # Kurdish (Sorani) and Persian letters
                        "ی": "y", "ک": "k", "گ": "g", "چ": "ch", "پ": "p", "ژ": "zh", "ڤ": "v",
                        "ڕ": "r", "ڵ": "l", "ە": "a", "ێ": "e", "ۆ": "o", "ھ": "h"})  # fmt: skip
_TA_MARBUTA = re.compile(r"ة(?=\s+\S)")  # -at before the next word of the name, else -a




def unqualified(name: str) -> str:
    """The name without a qualifier word at either end ('' when it has none, or is one word)."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in QUALIFIERS:
        return " ".join(words[1:])
    if len(words) > 1 and words[-1].lower() in QUALIFIERS:
        return " ".join(words[:-1])
    return ""


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def latin(text: str) -> str:
    """Text in Cyrillic in Latin letters ('Алеппо' → 'Aleppo', 'Дейр-Салиба' → 'Deir-Saliba',
    by Unidecode, imported only then); other text as it is. Russian wire copy names Syria's
    places in their Arabic form, so its Latin letters meet the registry's spellings."""
    if not _CYRILLIC.search(text):
        return text
    from unidecode import unidecode

    return unidecode(text)


def romanised(name: str) -> str:
    """A name in Arabic script in Latin consonants ('' for other names): the article goes,
    tā' marbūṭa is -at inside the name and -a at its end ('هنيدة' → 'hnyda')."""
    if not re.search(r"[\u0621-\u06d5]", name):
        return ""
    words = [w.removeprefix("ال") for w in _TA_MARBUTA.sub("ت", name).replace("ة", "a").split()]
    return " ".join(w.translate(_ROMAN) for w in words)


def arabic_skeleton(name: str) -> str:
    """The Latin skeleton of a name in Arabic script ('' for other names): `romanised`, then
    `skeleton` as for Latin — 'هنيدة' meets 'Hunaydah', a name no source wrote in Arabic."""
    letters = romanised(name)
    return skeleton(letters) if letters else ""


_ENDING = re.compile(r"(?:i?y|i)?[ae]h?$")  # -iyya, -iyeh, -iya, -ia, -eh, -ah, -a, -e
_VOWEL_RUN = re.compile(r"[aeiouwy]+")
_KAFR = re.compile(r"^ka?fa?r")  # Kafr, Kfar, Kafar: one Arabic word, vocalised three ways
MIN_PATTERN = 3  # consonants: "Hama" and "Homs" are too short for a key this loose


def pattern(name: str) -> str:
    """'Hamouriya', 'Hammoriyya', 'Hammura' → 'hamar'; 'Hamra' → 'hamr'; 'Kafaroweid' and
    'Kafr Oweid' → 'kfrad'. Vowel letters (w and y among them) become one 'a' a run, the
    feminine or nisba ending goes; '' when fewer than three consonants are left."""
    words = [w for w in _plain_words(name) if w not in ARTICLES]
    words = [w[2:] if w.startswith(("al", "el")) and len(w) > 4 else w for w in words]
    text = _DOUBLED.sub(r"\1", "".join(words).replace("q", "k").replace("dh", "d"))
    text = _VOWEL_RUN.sub("a", _ENDING.sub("", text))
    text = _KAFR.sub("kfr", text)
    return text if len(text) - text.count("a") >= MIN_PATTERN else ""


def light(name: str) -> str:
    """The near-exact key (see `names.fold`), with a final h after a vowel dropped."""
    key = fold(name)
    return key[:-1] if key[-2:-1] in _VOWEL_LETTERS and key.endswith("h") else key


def vowels(name: str, light_key: str | None = None) -> str:
    """The light key with vowels folded (e→a, o→u, y→i) and articles inside the name dropped:
    Beiji and Baiji, Dayr and Deir, Ma'arrat an-Nu'man and Maarat al-Numan meet. A name with
    no article inside it folds its light key (pass it when known: the geocoder's hot path)."""
    if name.isascii() and (name.isalnum() or ARTICLES.isdisjoint(_ASCII_WORDS.findall(
            name.lower().replace("'", "").replace("`", ""))[1:])):  # fmt: skip
        return fold_vowels(light(name) if light_key is None else light_key)
    return _vowels_by_words(name)


def _vowels_by_words(name: str) -> str:
    """`vowels` the long way, word by word (tests check the short way against it)."""
    words = _plain_words(name)
    inner = [w for k, w in enumerate(words) if k == 0 or w not in ARTICLES]
    return fold_vowels(light(" ".join(inner))) if words else ""


def fold_vowels(light_key: str) -> str:
    """`vowels` of a name whose light key is already known."""
    key = light_key.replace("ch", "sh").translate(_VOWEL_FOLD)  # French "Choghour"
    return _DOUBLED.sub(r"\1", key) if len(key) >= 4 else ""


def slash_names(part: str) -> list[str]:
    """'Khazum/Hazzum/Soltukar' is three names, 'Nasib / Jaber border crossing' two; 'Tuweinan
    oil/gas field' one (a piece that starts in lower case is no name of its own)."""
    pieces = [p.strip() for p in part.split("/")]
    named = all(p[:1].isupper() or not p[:1].isascii() for p in pieces if p)
    return pieces if named else [part]


def variants(name: str) -> tuple[set[str], set[str]]:
    """The names a name holds, and the cores they leave without their kind words.

    Names: 'Tiyas Air Base (T4)' is also 'T4'; 'Deir ez-Zor Airport / Air Base' also 'Deir ez-Zor
    Airport'. Cores: 'Tiyas' and 'Deir ez-Zor' — and 'Tal Abyad' of 'Tal Abyad / Akçakale border
    crossing', the town the crossing is named after. A core is what the site is named after, not
    its name: it answers a query that asks for that kind ("Tiyas air base"), never a bare one."""
    with_kind = bool(parse(name).kinds)
    names = {name, *re.findall(r"\(([^)]+)\)", name)}
    cores = set()
    for part in list(names):
        for piece in (p.strip(" /") for p in slash_names(re.sub(r"\([^)]*\)", "", part))):
            (names if parse(piece).kinds or not with_kind else cores).add(piece)
    cores |= {parse(n).core for n in names}
    names = {n for n in names if n and n.lower() not in KIND_WORDS}
    return names, {c for c in cores - names if c and c.lower() not in KIND_WORDS}


_DESCRIPTOR_WORDS = frozenset({w for p in [*KIND_WORDS, *PREFIXES] for w in p.split()}
                              | set(SIDES) | DEMONYMS | LEADING_ARTICLES)


_CLITIC = re.compile(r"(?<!\S)[بوف](?=ال)|(?<!\S)[بولف](?=(?:{})(?!\S))".format(
    "|".join(w for w in PREFIXES if not w.isascii())))  # fmt: skip
_TO_THE = re.compile(r"(?<!\S)لل(?=\S\S)")  # li- + al-: 'للرقة' is 'to al-Raqqa'


def arabic_words(text: str) -> str:
    """Arabic writes "in", "and", "to" on the word: 'بمدينة حلب' is 'in the city of Aleppo',
    'بالرقة' 'in Raqqa', 'للرقة' 'to Raqqa'. The letter goes where a descriptor or the article
    follows it (a name that merely begins with one of those letters keeps it)."""
    return _TO_THE.sub("ال", _CLITIC.sub("", text)) if not text.isascii() else text


_PARSE_MARKS = frozenset(",'’\"“”«»")  # a possessive, a list, a name in quotes: parse it
_ELISION = re.compile(r"(?<![^\s(])([dlDL])[’'](?=[A-Za-z])")
_QUOTES = re.compile(r"[\"“”«»]")  # round a name after a kind word: 'مدينة “الشدادي”'


def parse(text: str) -> Query:
    """`parse_words`, skipped for the many names that hold no descriptor word."""
    if not text.isascii():
        plain = arabic_words(text)
        query = parse_words(plain) if plain != text else None
        if query:
            return Query(text=text, core=query.core, kinds=query.kinds, side=query.side)
    words = text.lower().split()
    if _DESCRIPTOR_WORDS.isdisjoint(words) and _PARSE_MARKS.isdisjoint(text):
        return Query(text=text, core=text.strip(), kinds=(), side=None)
    return parse_words(text)


def _by_word(phrases: dict[str, tuple[str, ...]], at: int) -> dict:
    """Phrases by their first (at=0) or last (at=-1) word, longest first, each as words."""
    found: dict[str, list] = {}
    for phrase, kinds in sorted(phrases.items(), key=lambda kv: -len(kv[0].split())):
        found.setdefault(phrase.split()[at], []).append((tuple(phrase.split()), kinds))
    return found


_BY_FIRST, _BY_LAST = _by_word(PREFIXES, 0), _by_word(KIND_WORDS, -1)


def _strip(lowered: list[str], at_end: bool) -> tuple[int, tuple[str, ...] | None]:
    """How many words a descriptor phrase takes at the start (or end), and its kinds."""
    table = _BY_LAST if at_end else _BY_FIRST
    for words, kinds in table.get(lowered[-1 if at_end else 0], ()):
        size = len(words)
        part = lowered[-size:] if at_end else lowered[:size]
        if len(lowered) > size and tuple(part) == words:
            return size, kinds
    return 0, None


def parse_words(text: str) -> Query:
    """Take descriptor words off a query: 'Hamdan air base' → core 'Hamdan', kinds (airbase,);
    'the western countryside of Idlib' → core 'Idlib', kinds (admin1, admin2, town), side west;
    "Boukamal's southern edge" → core 'Boukamal', side south."""
    text = _ELISION.sub(r"\1e ", text)  # French: "la province d'Al-Anbar"
    opening = _QUOTES.search(text)  # 'مدينة “الشدادي”', not 'Ayn al-Arab "Kobani" City'
    if opening and set(text[:opening.start()].lower().split()) <= _DESCRIPTOR_WORDS:
        text = _QUOTES.sub("", text)
    words = re.sub(r"[’']s\b", "", text.strip()).replace(",", " ").split()
    lowered = [w.lower().strip(".") for w in words]
    kinds: tuple[str, ...] | None = None
    side = None
    while lowered:
        before = len(words)
        if len(lowered) > 1 and (lowered[0] in LEADING_ARTICLES or lowered[0] in DEMONYMS):
            words, lowered = words[1:], lowered[1:]
        if len(lowered) > 1 and lowered[0] in SIDES:
            side, words, lowered = SIDES[lowered[0]], words[1:], lowered[1:]
        for at_end in (False, True):
            size, found = _strip(lowered, at_end) if lowered else (0, None)
            if size:
                words, lowered = (words[:-size], lowered[:-size]) if at_end else (
                    words[size:], lowered[size:])
                kinds = found if kinds is None else kinds
        if len(lowered) > 1 and lowered[-1] in SIDES:  # "Aleppo countryside, southern"
            side, words, lowered = SIDES[lowered[-1]], words[:-1], lowered[:-1]
        if len(words) == before:
            break
    return Query(text=text, core=" ".join(words), kinds=kinds or (), side=side)
