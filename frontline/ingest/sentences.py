"""Sentences of the cleaned text, each with its character offsets and paragraph.

A sentence ends at ., ! or ? (a closing quote or bracket may follow) before a space and a
capital, digit or quote — not after the abbreviations news is full of (U.S., U.N., Col., Gen.,
Lt., Jan.) or an initial — and always at a paragraph break. A dateline ("BEIRUT (AP) — ") opens
the first paragraph without being part of its first sentence; it names the publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "u.s u.n u.k u.a.e e.u col gen lt brig maj sgt capt adm cmdr gov sen rep dr mr mrs ms st no "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m e.g i.e vs approx est govt dept "
    "mt ft inc corp co ltd jr sr prof rev".split()
)
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(A-Z0-9])")
# "BEIRUT (AP) — ", "Syria BEIRUT (AP) — ", "DAMASCUS, Syria (Reuters) - ", "BAGHDAD — ".
_DATELINE = re.compile(
    r"^(?:[A-Z][a-z]+ )?[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]{2,})*(?:, [A-Z][A-Za-z.]+)*"
    r"(?: \((?P<agency>AP|Reuters|AFP|dpa|Xinhua|UPI|Anadolu|SANA)\))?\s*[—–-]{1,2}\s+"
)
AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "Reuters": "Reuters",
            "dpa": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "UPI": "UPI",
            "Anadolu": "Anadolu Agency", "SANA": "SANA"}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, where it lies in the cleaned text, its paragraph's number."""

    text: str
    start: int
    end: int
    paragraph: int
    index: int = 0

    @property
    def headline(self) -> bool:
        """A line with no closing punctuation (a headline or caption), not a sentence."""
        return not self.text.rstrip("\"”’')").endswith((".", "!", "?"))


def split(text: str) -> list[Sentence]:
    """Every sentence of `text` in order (paragraphs are separated by blank lines)."""
    found: list[Sentence] = []
    position = 0
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        at = text.index(paragraph, position) if paragraph else position
        position = at + len(paragraph)
        for start, end in _spans(paragraph):
            found.append(Sentence(paragraph[start:end], at + start, at + end, number, len(found)))
    return found


def dateline(text: str) -> str | None:
    """The news agency a dateline names ("BEIRUT (AP) —" → Associated Press), if any."""
    match = _DATELINE.match(text)
    agency = match.group("agency") if match else None
    return AGENCIES.get(agency) if agency else None


def _spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, the dateline left out of the first."""
    start = 0
    match = _DATELINE.match(paragraph)
    if match and match.end() < len(paragraph):
        start = match.end()
    spans = []
    for end in _END.finditer(paragraph, start):
        if _abbreviation(paragraph, end.start()):
            continue
        spans.append((start, end.end()))
        start = end.end()
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return [s for s in spans if paragraph[s[0] : s[1]].strip()]


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if token in _ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha()  # "Robert J. Smith", "the U.S."
