"""Date expressions of a sentence, resolved against the report's dateline with a precision.

"on Wednesday", "earlier in the day", "two weeks ago", "since September", "since 2012", "in its
2014 blitz", "on March 27, 2016": each is found with its offsets, resolved by
`frontline.dates.resolve` (the same rule the curated data is checked with: a weekday is the
latest on or before the dateline, a month without a year the latest before it), and given a
role — a plain date, the start of a state that goes on ("since"), or the last time something
happened before ("for the first time since 2012"), which dates no event of the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from frontline.dates import resolve
from frontline.ingest.figures import NUMBER_WORDS

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|"
          r"dec\.)")  # fmt: skip
_NUMBER = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
_LEAD = (
    r"(?:(?:on|in|since|by|until|from|during|of|its|the|early|late|mid-?|earlier|last|this)\s+)*"
)
_UNIT_NOUNS = (
    r"people|persons|residents|civilians|families|trucks|lorries|fighters|troops|"
    r"soldiers|militants|rebels|children|tonnes|tons|km|kilometres|kilometers|miles"
)
_EXPRESSION = re.compile(
    rf"\b(?:{_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago"
    rf"|(?:earlier|later)\s+in\s+the\s+day|earlier\s+today|yesterday|today|tonight"
    rf"|(?:this|last)\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)"
    rf"|{_LEAD}{_WEEKDAY}(?:['’]s)?(?:\s+(?:night|morning|evening|afternoon))?"
    rf"|{_LEAD}(?:{_MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH})(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_LEAD}{_MONTH}(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_LEAD}(?:19|20)\d\d(?!\d|,\d)(?!\s+(?:{_UNIT_NOUNS})\b))",
    re.IGNORECASE,
)
_SIEGE_WORDS = re.compile(r"siege|besieged|blockade", re.IGNORECASE)
_COUNT_WORDS = {"a": 1, "an": 1, **NUMBER_WORDS}
_COUNT = "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r"|\d{1,2}"
_ABOUT = r"(?:(?:nearly|almost|more\s+than|over|about|some)\s+)?"
_LASTED = re.compile(
    rf"\b{_ABOUT}(?P<n>{_COUNT})[- ](?P<u>year|month|week|day)s?[- ](?:long\s+)?"
    rf"(?=(?:siege|blockade|encirclement)\b)|\b(?P<u2>week|month|year)long\s+(?=(?:siege|"
    rf"blockade)\b)|(?<=\bfor\s){_ABOUT}(?P<n2>{_COUNT})\s+(?P<u3>year|month)s?\b",
    re.IGNORECASE)  # fmt: skip
_COUNTING = re.compile(r"\b(?:for\s+the\s+(?:\w+)\s+time|twice|once|\w+\s+times)\s+$",
                       re.IGNORECASE)  # fmt: skip
_FIRST = re.compile(r"\bfirst\b(?:(?!\bwhen\b)[^;]){0,70}$", re.IGNORECASE)
_SINCE_START = re.compile(r"\bsince\s+(?:the\s+)?(?:beginning|start)\b[^;]{0,40}$", re.IGNORECASE)
_FILLER = re.compile(r"^(?:on|in|by|until|from|during|of|its|the|early|late|mid-?|last(?=\s+"
                     rf"{_MONTH}))\s*", re.IGNORECASE)  # fmt: skip


# A cheap first look: most sentences name no date at all.
_ANY_DATE = re.compile(rf"(?:19|20)\d\d|\b{_WEEKDAY}|\b{_MONTH}|\bago\b|today|yesterday|tonight|"
                       rf"\bin\s+the\s+day|\b(?:this|last)\s+(?:week|month|year)",
                       re.IGNORECASE)  # fmt: skip


# "the following year", "a month later", "the year before".
_RELATIVE = re.compile(r"\b(?:the\s+(?P<dir>following|next|previous|preceding)\s+"
                       r"(?P<unit>year|month)|an?\s+(?P<unit2>year|month)\s+(?P<dir2>later|"
                       r"earlier)|the\s+(?P<unit3>year|month)\s+(?P<dir3>after|before))\b",
                       re.I)  # fmt: skip
_FORWARD = frozenset({"following", "next", "later", "after"})


@dataclass(frozen=True)
class DateMention:
    """A date expression: its span in the cleaned text, the date and precision it resolves to
    against the dateline, and its role: "at", "since" or "first_since"."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str
    role: str = "at"

    def iso(self) -> str:
        """The date written to its precision ("2014", "2015-09", "2016-06-29")."""
        width = {"year": 4, "month": 7}.get(self.precision, 10)
        return self.date.isoformat()[:width]


def find(text: str, offset: int, dateline: dt.date) -> list[DateMention]:
    """The date expressions of one sentence (`text` starts at `offset` in the cleaned text)."""
    found: list[DateMention] = []
    if not _ANY_DATE.search(text):
        return _lasted(text, offset, dateline) if _SIEGE_WORDS.search(text) else found
    for match in _EXPRESSION.finditer(text):
        phrase = match.group().strip()
        resolved = _resolved(_normal(phrase), dateline)
        if resolved is None:
            continue
        date, precision = resolved
        if date > dateline:  # a report never dates an event after its own day
            continue
        before = text[max(0, match.start() - 120) : match.start()]
        if _COUNTING.search(before) and not phrase.lower().startswith("since"):  # how often
            continue
        if (
            found
            and found[-1].precision == "day"
            and re.fullmatch(r",?\s*", before[-2:])
            and re.fullmatch(_LEAD + _WEEKDAY, found[-1].text, re.IGNORECASE)
        ):
            found.pop()  # "Sunday, Dec. 27, 2015": the weekday names the date that follows
        found.append(DateMention(offset + match.start(), offset + match.end(), phrase, date,
                                 precision, _role(phrase, before)))  # fmt: skip
    if found and _RELATIVE.search(text):
        found = _relative(text, offset, dateline, found)
    if _SIEGE_WORDS.search(text):
        found = sorted(found + _lasted(text, offset, dateline), key=lambda d: d.start)
    return found


def _lasted(text: str, offset: int, dateline: dt.date) -> list[DateMention]:
    """ "a two-month siege", "after a weeklong siege", "besieged … for three years": the
    siege's start, counted back from the dateline (a year, month or week as precise as the
    count), as a "since" date."""
    out = []
    for match in _LASTED.finditer(text):
        count = match.group("n") or match.group("n2") or "one"
        n = int(count) if count.isdigit() else _COUNT_WORDS[count.lower()]
        unit = (match.group("u") or match.group("u2") or match.group("u3")).lower()
        if unit == "year":
            date, precision = dt.date(dateline.year - n, 1, 1), "year"
        elif unit == "month":
            months = dateline.year * 12 + dateline.month - 1 - n
            date, precision = dt.date(months // 12, months % 12 + 1, 1), "month"
        else:
            date = dateline - dt.timedelta(days=n * (7 if unit == "week" else 1))
            precision = "week" if unit == "week" else "day"
        out.append(DateMention(offset + match.start(), offset + match.end(), match.group(),
                               date, precision, "since"))  # fmt: skip
    return out


def _relative(text: str, offset: int, dateline: dt.date,
              found: list[DateMention]) -> list[DateMention]:  # fmt: skip
    """ "in 2014, and Ramadi the following year": a year or month counted from the date
    the sentence gave last before it (never after the dateline)."""
    out = list(found)
    for match in _RELATIVE.finditer(text):
        earlier = [d for d in out if d.end <= offset + match.start() and d.role != "first_since"]
        if not earlier:
            continue
        unit = (match.group("unit") or match.group("unit2") or match.group("unit3")).lower()
        way = (match.group("dir") or match.group("dir2") or match.group("dir3")).lower()
        base, step = earlier[-1], 1 if way in _FORWARD else -1
        if unit == "year":
            date, precision = dt.date(base.date.year + step, 1, 1), "year"
        elif base.precision in ("month", "day"):
            month = base.date.year * 12 + base.date.month - 1 + step
            date, precision = dt.date(month // 12, month % 12 + 1, 1), "month"
        else:
            continue
        if date <= dateline:
            out.append(DateMention(offset + match.start(), offset + match.end(), match.group(),
                                   date, precision, "at"))  # fmt: skip
    return sorted(out, key=lambda d: d.start)


def _role(phrase: str, before: str) -> str:
    """ "first_since" after "for the first time since", "the first delivery since a siege
    began in"; "since" for the start of what goes on ("since 2012", "since the beginning of
    the siege in November 2012"); else "at"."""
    first = _FIRST.search(before)
    since = phrase.lower().startswith("since")
    if first and (since or re.search(r"\bsince\b", before[first.start() :], re.I)):
        return "first_since"
    if since or _SINCE_START.search(before):
        return "since"
    return "at"


def _normal(phrase: str) -> str:
    """The expression as `frontline.dates.resolve` takes it: leading prepositions, "early",
    "late" and "last" before a month dropped, a weekday's "'s", "night" or "morning" too."""
    text = phrase.lower()
    if text.startswith("since "):
        text = text[6:]
    while _FILLER.match(text):
        text = _FILLER.sub("", text, count=1)
    text = re.sub(r"['’]s\b|\s+(?:night|morning|evening|afternoon)$", "", text)
    text = re.sub(r"\b(?:earlier|later)\s+in\s+the\s+day|earlier\s+today|tonight", "today", text)
    text = re.sub(r"^earlier\s+(?=" + _WEEKDAY + ")", "", text)
    text = re.sub(r"^earlier\s+this\b", "this", text)
    return text.replace("sept.", "sep.").strip()


@lru_cache(maxsize=4096)
def _resolved(expression: str, dateline: dt.date) -> tuple[dt.date, str] | None:
    """`frontline.dates.resolve`, None where it cannot (cached: reports repeat their dates)."""
    if not expression:
        return None
    try:
        return resolve(expression, dateline)
    except ValueError:
        return None


def dateline_mention(dateline: dt.date) -> DateMention:
    """The report's own day, for an event the sentence does not date ("have taken Fallujah":
    on or before the dateline)."""
    return DateMention(-1, -1, "", dateline, "day", "dateline")
