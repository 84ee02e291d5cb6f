"""A web page's text made readable for the rules: page chrome removed, glued words split.

Text copied from news pages carries menus ("Home News …"), the headline twice, comment prompts
("Please enter your comment!"), "report it here" notices and credit lines, and words that lost
the space between them when tags were stripped ("ISsaid", "PresidentBashar", "SyriaBEIRUT").
Every quote and offset a candidate gives refers to the cleaned text; `Cleaned.origin` maps each
of its characters back to the raw text, so a reviewer's tool can highlight either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole lines that are the page's, not the report's.
_CHROME = re.compile(
    r"^\s*(?:home\s*(?:[»>›|/]|news\b)|you are here\b|related(?: posts?| articles?| stories)?\s*$"
    r"|also read\b|read more\b|see also\b|share (?:this|on)\b|follow us\b|subscribe\b"
    r"|download for\b|sign up\b|advertisement\s*$|please enter your\b|leave a (?:reply|comment)"
    r"|you are commenting\b|fill in your details\b|log ?in\b|log out\b|your comment\s*$"
    r"|print edition\b|adjust font size\b|off the wire\b|comments?\s*\(?\d*\)?\s*$"
    r"|if you have any problems viewing\b|.*\breport it here\b|.*contributed to this report"
    r"|\(?(?:writing|reporting|editing) by\b|copyright\b|©|all rights reserved\b"
    r"|click (?:here|to)\b|tags?:|posted (?:on|in|by)\b|photo:|image:|video:)",
    re.IGNORECASE,
)
# Glued words: "ISsaid" (an acronym and a lowercase word), "PresidentBashar" (two capitalised
# words), "SyriaBEIRUT" (a word and a capitalised dateline).
_ACRONYM_WORD = re.compile(r"\b([A-Z]{2,})(?=[a-z]{2,}\b)")
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z](?:[a-z]|[A-Z]{2,}\b))")
# Names that really are written in one piece.
_KEEP_CAMEL = re.compile(
    r"^(?:Ma?c[A-Z]|De[A-Z]|Di[A-Z]|La[A-Z]|Le[A-Z]|Van[A-Z]|Al[A-Z]|YouTube|WhatsApp|"
    r"PowerPoint|JavaScript|LinkedIn|FaceBook|iPhone|iPad|eBay|TikTok|WordPress|PayPal)"
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}|[\t\u00a0\u2009\u202f]")


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text and, for each of its characters, its index in the raw text (one more
    entry for the end, so a span's end maps too)."""

    text: str
    origin: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the cleaned span [start, end) came from in the raw text."""
        return self.origin[start], self.origin[max(start, end - 1)] + (1 if end > start else 0)


class _Builder:
    """Accumulates output characters with the raw index each came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.origin: list[int] = []

    def keep(self, text: str, at: int) -> None:
        self.parts.append(text)
        self.origin.extend(range(at, at + len(text)))

    def insert(self, text: str, at: int) -> None:
        """Text that is not in the raw input (a space between glued words, a line break)."""
        self.parts.append(text)
        self.origin.extend([at] * len(text))

    def done(self, raw_length: int) -> Cleaned:
        text = "".join(self.parts)
        return Cleaned(text, (*self.origin, raw_length))


def clean(raw: str) -> Cleaned:
    """The report's own paragraphs, one a line separated by blank lines, with glued words
    split and runs of spaces single; chrome lines and repeated lines (a headline shown twice)
    dropped."""
    out = _Builder()
    seen: set[str] = set()
    position = 0
    first = True
    for line in raw.splitlines(keepends=True):
        at, position = position, position + len(line)
        body = line.rstrip("\r\n")
        stripped = body.strip()
        key = re.sub(r"\W+", " ", stripped.lower()).strip()
        if not stripped or _CHROME.match(stripped) or key in seen:
            continue
        seen.add(key)
        if not first:
            out.insert("\n\n", at)
        first = False
        lead = len(body) - len(body.lstrip())
        _line(out, stripped, at + lead)
    return out.done(len(raw))


def _line(out: _Builder, text: str, at: int) -> None:
    """One kept line: spaces collapsed, glued words split."""
    cuts = sorted({m.end() for m in _ACRONYM_WORD.finditer(text)} | _camel_cuts(text))
    previous = 0
    for cut in [*cuts, len(text)]:
        _spaced(out, text[previous:cut], at + previous)
        if cut < len(text):
            out.insert(" ", at + cut)
        previous = cut


def _camel_cuts(text: str) -> set[int]:
    """Positions inside a word where a lowercase letter meets a capital: "PresidentBashar",
    unless the word is a name written so (McGurk, DeMistura, YouTube)."""
    cuts = set()
    for word in re.finditer(r"[A-Za-z]{4,}", text):
        if _KEEP_CAMEL.match(word.group()):
            continue
        cuts |= {word.start() + m.start() for m in _CAMEL.finditer(word.group())}
    return cuts


def _spaced(out: _Builder, text: str, at: int) -> None:
    """Keep `text`, with each run of spaces and tabs written as one space (a single space is
    kept as it is, in one piece with its words)."""
    previous = 0
    for gap in _SPACES.finditer(text):
        out.keep(text[previous : gap.start()], at + previous)
        out.keep(" ", at + gap.start())
        previous = gap.end()
    out.keep(text[previous:], at + previous)
