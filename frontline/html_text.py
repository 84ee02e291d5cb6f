"""Tables and cards of text as escaped HTML, for the pages' quotes: a data grid cuts a quote to
one line, and Markdown would read a source's "[link](…)" or "**x**" as markup. Every header
and cell is escaped here, so text from sources shows literally; the frames come from
`labels.table` (already text)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

import pandas as pd

from frontline.labels import MISSING

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
            f'<td style="{st}">{escape(str(v))}</td>' for st, v in zip(styles, row, strict=True)
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


def _width(header: str, wide: set[str]) -> str:
    if header in wide:
        return "min-width:14em"
    return "white-space:nowrap" if header in WHOLE else ""


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark


def markdown_literal(text: str) -> str:
    """`text` for a place that renders Markdown (an expander's label): every ASCII punctuation
    mark backslash-escaped, so "**x** [link](http://evil)" reads exactly so."""
    return _PUNCTUATION.sub(r"\\\1", text)


def cards(
    frame: pd.DataFrame, heading: Iterable[str], body: str, footer: str,
    details: Iterable[str] = (),
) -> str:  # fmt: skip
    """`frame` (text, from `labels.table`) as one block per row, readable at any width where a
    table's columns would be cut: the `heading` columns on one line, the `body` column (a
    quote) in full, then each of the `details` columns as 'Header: value' when stated, and
    the `footer` column (its source) last; every value escaped."""
    heading, details = list(heading), list(details)
    blocks = []
    for row in frame.to_dict("records"):
        head = " · ".join(escape(row[c]) for c in heading if row.get(c, MISSING) != MISSING)
        said = [f"{escape(c)}: {escape(row[c])}" for c in details
                if row.get(c, MISSING) != MISSING]  # fmt: skip
        more = "".join(f'<div style="font-size:0.85rem">{line}</div>' for line in said)
        blocks.append(
            '<div style="padding:6px 0;border-bottom:1px solid rgba(128,128,128,.3)">'
            f"<div><b>{head}</b></div>"
            f'<div style="white-space:normal;overflow-wrap:break-word;margin:4px 0">'
            f"{escape(row.get(body, MISSING))}</div>{more}"
            f'<div style="font-size:0.85rem;opacity:.75">{escape(row.get(footer, MISSING))}</div>'
            "</div>"
        )
    return "".join(blocks)
