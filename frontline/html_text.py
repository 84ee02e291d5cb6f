"""Tables and cards of text as escaped HTML, for the pages' quotes: a data grid cuts a quote to
one line, and Markdown would read a source's "[link](…)" or "**x**" as markup. Every header
and cell is escaped here, so text from sources shows literally; the frames come from
`labels.table` (already text)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

WIDE = ("Quote", "Source quote", "Notes")  # the columns of prose: they get the room
WHOLE = ("Date",)  # never broken across lines ('2016-' above '06-29' misreads)


def table(frame: pd.DataFrame, wide: Iterable[str] = WIDE) -> str:
    """`frame` (already text, e.g. from `labels.table`) as an HTML table whose cells wrap in full:
    every header and cell escaped, so text from sources shows literally (never as Markdown or
    HTML); the `wide` columns get the room, and a narrow screen scrolls the table sideways."""
    cell = "padding:4px 8px;vertical-align:top;border-bottom:1px solid rgba(128,128,128,.3)"
    styles = [f"{cell};{_width(str(c), set(wide))}" for c in frame.columns]
    head = "".join(
        f'<th style="{style};text-align:left">{escape(str(c))}</th>'
        for style, c in zip(styles, frame.columns, strict=True)
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td style="{st}">{folded(str(v))}</td>' for st, v in zip(styles, row, strict=True)
        )
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        '<div class="fl-table" style="overflow-x:auto">'
        '<table style="border-collapse:collapse;width:100%;font-size:0.9rem;'
        'overflow-wrap:break-word;word-break:normal;white-space:normal">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


FOLD_AT = 2_000  # characters of a quote shown at once: a 100,000-character one would bury the page


_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape_all(values: pd.Series) -> pd.Series:
    """`html.escape` of every text of a column, in pyarrow (& first, as `escape` does): the
    map escapes 20,000 place names on every step of the day. Missing values stay missing."""
    text = pa.array(values.astype(object), type=pa.string(), from_pandas=True)
    for char, entity in _ESCAPES:
        text = pc.replace_substring(text, char, entity)
    return pd.Series(text.to_pandas(), index=values.index, dtype=object)


def folded(text: str, at: int = FOLD_AT) -> str:
    """`text` escaped, its direction isolated (`bidi`); past `at` characters the rest is folded
    away behind a line that says how much more there is, so one huge quote leaves the page
    readable and still shows in full when asked."""
    if len(text) <= at:
        return bidi(text)
    rest = len(text) - at
    return (
        f"{bidi(text[:at] + '…')}"
        f'<details style="margin-top:4px"><summary style="cursor:pointer">'
        f"{rest:,} more characters ({len(text):,} in all): show the whole text</summary>"
        f"{bidi(text[at:])}</details>"
    )


def _width(header: str, wide: set[str]) -> str:
    if header in wide:
        return "min-width:14em"
    return "white-space:nowrap" if header in WHOLE else ""


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark
# Where GitHub-flavoured Markdown turns bare text into a link ("http://…", "www.…", "a@b.c"):
# it matches after backslash escapes are read, so only a change to the text itself stops it.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"  # invisible, and no letter of a web address or an e-mail address
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI: closed by PDI (U+2069)


def bidi_closed(text: str) -> str:
    """`text` with every direction mark it opens closed at its end, so that a right-to-left
    override in a name (U+202E) reorders only that name, never the words a page writes after it
    ("held by X, since 2016-06-21" read backwards). For plain text (labels, templates); HTML
    gets `bidi`. Text without such marks is returned as it is."""
    opened = sum(map(text.count, _EMBEDDINGS)), sum(map(text.count, _ISOLATES))
    return text + "\u2069" * opened[1] + "\u202c" * opened[0] if any(opened) else text


# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko …, presentation forms) and marks
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202a-\u202e"
                            "\u2066-\u2069]")  # fmt: skip


def bidi(text: object) -> str:
    """`text` escaped and, when it holds right-to-left letters or direction marks, in a `<bdi>`:
    its direction isolated from the words around it ("held by منبج, since 2016" keeps its
    order). Left-to-right text needs no isolation and gets none."""
    text = escape(bidi_closed(str(text)))
    return f"<bdi>{text}</bdi>" if _RIGHT_TO_LEFT.search(text) else text


def markdown_literal(text: str) -> str:
    """`text` for a place that renders Markdown (an expander's label, a heading): every ASCII
    punctuation mark backslash-escaped, so "**x** [link](http://evil)" reads exactly so; a word
    joiner after "://", "www" and "@", so a bare address is no link either; direction marks
    closed (`bidi_closed`)."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, bidi_closed(text)))


def cards(
    frame: pd.DataFrame, heading: Iterable[str], body: str, footer: str,
    details: Iterable[str] = (),
) -> str:  # fmt: skip
    """`frame` (text, from `labels.table`) as one block per row, readable at any width where a
    table's columns would be cut: the `heading` columns on one line, the `body` column (a
    quote) in full, then each of the `details` columns as 'Header: value' when stated, and
    the `footer` column (its source) last; every value escaped."""
    from frontline.labels import MISSING  # here: labels → report → this module's bidi_closed

    heading, details = list(heading), list(details)
    blocks = []
    for row in frame.to_dict("records"):
        head = " · ".join(bidi(row[c]) for c in heading if row.get(c, MISSING) != MISSING)
        said = [f"{escape(c)}: {bidi(row[c])}" for c in details
                if row.get(c, MISSING) != MISSING]  # fmt: skip
        more = "".join(f'<div style="font-size:0.85rem">{line}</div>' for line in said)
        blocks.append(
            '<div style="padding:6px 0;border-bottom:1px solid rgba(128,128,128,.3)">'
            f"<div><b>{head}</b></div>"
            f'<div style="white-space:normal;overflow-wrap:break-word;margin:4px 0">'
            f"{folded(row.get(body, MISSING))}</div>{more}"
            f'<div style="font-size:0.85rem;opacity:.75">{bidi(row.get(footer, MISSING))}</div>'
            "</div>"
        )
    return "".join(blocks)
