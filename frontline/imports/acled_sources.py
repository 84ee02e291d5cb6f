"""One source per distinct ACLED `source` text.

What an event rests on is what ACLED coded it from: its publisher is that text, dated by the
earliest event of the import citing it, under an id stable from one import to the next (so a
newer export cites the same source).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from frontline import model
from frontline.gazetteer.formats import slug
from frontline.imports.acled_rows import mapped

SOURCE_PREFIX = "acled-source:"


def source_ids(texts: pd.Series) -> pd.Series:
    """A stable id per distinct ACLED source text."""
    return mapped(texts, lambda t: SOURCE_PREFIX + _short(slug(t or "none")) + "-"
                   + hashlib.sha1(t.encode()).hexdigest()[:8])  # fmt: skip


def _short(text: str) -> str:
    return text[:40].rstrip("-")


def sources_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One source per distinct ACLED `source` text: what ACLED coded its events from."""
    first = rows.groupby("source_id", sort=False).agg(
        text=("source", "first"), published_at=("date", "min")
    )
    frame = pd.DataFrame({
        "source_id": first.index,
        "publisher": [t or "ACLED (no source named)" for t in first["text"]],
        "title": [f"Events as coded by ACLED from {t or 'sources it does not name'}"
                  for t in first["text"]],
        "dateline": None, "url": None,
        "published_at": first["published_at"].to_numpy(), "published_at_precision": "day",
        "text_path": None,
        "notes": "ACLED's `source` field: what ACLED coded these events from; dated by the "
                 "earliest event of the import citing it",
    })  # fmt: skip
    return model.typed(model.SOURCES, frame)
