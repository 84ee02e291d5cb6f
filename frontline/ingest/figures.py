"""The figures a report gives: trucks of a convoy, people it reached, a place's population,
hostages, fighters — with their offsets, and whether the number is approximate.

"37-truck convoy", "44 aid trucks", "nine lorries", "enough food … for 20,000 people",
"a population of about 12,500", "15 hostages", "several hundred rebels". A vague amount
("several hundred", "dozens of trucks") is kept as text with no value: a reviewer sees it, and
nothing counts it as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.ingest.triggers import holds

# Numbers written as words (also how `dating` counts a siege's years, `document` its towns).
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "a dozen": 12}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = r"(?:several|a few|a couple of|dozens of|hundreds of|thousands of|tens of thousands of)"
_QUALIFIER = (
    r"(?:about|around|some|nearly|almost|approximately|roughly|an estimated|more than|"
    r"as many as|as few as|over|up to|at least|at most|fewer than|less than|just over|just under)"
)
_NUMERAL = r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*(?:million|thousand))?"
_AMOUNT = (
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMERAL}|(?:{'|'.join(NUMBER_WORDS)})(?:\s+(?:hundred|thousand))?"
    rf"|{_VAGUE}(?:\s+(?:hundred|thousand))?|several\s+(?:hundred|thousand))"
)
_PEOPLE = r"(?:people|persons|residents|civilians|inhabitants|individuals|families|children)"
# People reached are counted in people: "aid for 2,200 families" is kept as families apart.
_PERSONS = r"(?:people|persons|residents|civilians|inhabitants|individuals|children)"
_TRUCKS = (
    rf"\b{_AMOUNT}[- ](?:(?:aid|relief|humanitarian|(?-i:[A-Z][\w.]*))[- ]){{0,3}}"
    rf"(?:trucks?|lorries|lorry|vehicles)\b"  # "13 Red Crescent trucks"
)
_LIVING = rf"\b{_AMOUNT}\s+{_PEOPLE}\s+(?:live|are living|are trapped|remain)\b"
_REACHED = (
    rf"\b(?:for|to last|sustain|reach(?:ed|ing)?|feed(?:ing)?|serv(?:e|ing)|assist(?:ing)?"
    rf"|help(?:ing)?|benefit(?:ing)?)\s+{_AMOUNT}\s+{_PERSONS}"
)
# "bringing aid to some 40,000 people", "assistance to about 8,000 residents"; "12,000
# people received food"
_AID_TO = (
    rf"\b(?:aid|assistance|supplies|food|relief|help|items|medicines?|rations|parcels|flour)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?to\s+(?:reach\s+)?{_AMOUNT}\s+{_PERSONS}"
)
_RECEIVED = (
    rf"\b{_AMOUNT}\s+{_PERSONS}\s+(?:(?:have|had)\s+)?(?:received|benefit+ed|(?:were|have\s+been|"
    rf"had\s+been)\s+reached|(?:are|were|is)\s+expected\s+to\s+(?:receive|benefit))\b"
)
_FIGHTERS = (
    rf"\b{_AMOUNT}\s+(?:[A-Z][\w.-]*\s+){{0,3}}(?:fighters|rebels|militants|troops|soldiers"
    rf"|jihadists|special forces)\b"
)
# (what, words one of which the sentence must hold, pattern)
_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern], ...] = (
    ("trucks", ("truck", "lorr", "vehicle"), re.compile(_TRUCKS, re.I)),
    ("population", ("population",), re.compile(rf"\bpopulation\s+of\s+{_AMOUNT}", re.I)),
    ("population", ("resident", "inhabitant"),
     re.compile(rf"(?:['’]s|\bits)\s+{_AMOUNT}\s+(?:residents|inhabitants)", re.I)),
    ("population", (" live", "living", "trapped", "remain"), re.compile(_LIVING, re.I)),
    ("beneficiaries", ("people", "person", "resident", "civilian", "inhabitant", "individual",
                       "famil", "children"), re.compile(_REACHED, re.I)),
    ("beneficiaries", ("people", "person", "resident", "civilian", "inhabitant", "individual",
                       "famil", "children"), re.compile(_AID_TO, re.I)),
    ("beneficiaries", ("received", "benefit", "reached", "receive"), re.compile(_RECEIVED, re.I)),
    ("families", ("famil",), re.compile(rf"\b{_AMOUNT}\s+(?:[\w-]+\s+)?families\b", re.I)),
    ("hostages", ("hostage", "captive", "prisoner"),
     re.compile(rf"\b{_AMOUNT}\s+(?:hostages|captives|prisoners)\b", re.I)),
    ("fighters", ("fighter", "rebel", "militant", "troops", "soldier", "jihadist",
                  "special forces"), re.compile(_FIGHTERS, re.I)),
)  # fmt: skip


_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r"|several|few|couple|dozens|"
                         r"hundreds|thousands)\b")  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """A stated figure: what it counts, its value (None when vague), whether approximate."""

    what: str
    value: int | None
    approximate: bool
    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"what": self.what, "value": self.value, "approximate": self.approximate,
                "text": self.text}  # fmt: skip


def find(text: str, offset: int) -> list[Figure]:
    """The figures of one sentence (`text` starts at `offset` in the cleaned text), each
    counted once (a number read as trucks is not read again as fighters)."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    if not _ANY_NUMBER.search(lowered):
        return found
    for what, words, pattern in _PATTERNS:
        if not holds(lowered, words):
            continue
        for match in pattern.finditer(text):
            span = match.span("n")
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            value, vague = _value(match.group("n"))
            approximate = vague or bool(match.group("q"))
            taken.append(span)
            found.append(Figure(what, value, approximate, match.group().strip(),
                                offset + match.start(), offset + match.end()))  # fmt: skip
    return sorted(found, key=lambda f: f.start)


def _value(amount: str) -> tuple[int | None, bool]:
    """'20,000' → 20000; 'nine' → 9; '4.5 million' → 4500000; 'several hundred' → None."""
    text = amount.lower().strip()
    if re.match(_VAGUE, text) or text.startswith("several"):
        return None, True
    scale = 1
    for word, factor in _SCALES.items():
        if text.endswith(word):
            scale, text = factor, text[: -len(word)].strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] * scale, False
    try:
        return int(round(float(text.replace(",", "")) * scale)), False
    except ValueError:
        return None, True
