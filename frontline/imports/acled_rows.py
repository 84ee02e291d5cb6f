"""An ACLED file's cells as text under the current release's column names.

The file is read by the rules every CSV follows here (`frontline.io.csvfile`: encodings,
delimiters, shape) and its header normalised across ACLED's releases (`acled_columns`); every
later step works on plain, stripped text cells, so a check compares what the file says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from frontline.imports import acled_columns as columns
from frontline.io import csvfile


def read_rows(path: Path) -> tuple[pd.DataFrame, columns.Header]:
    """The file's cells as text under the current release's column names (neutralised cells,
    `'=…`, read back as written), and how its header read. A row's index is its number in
    the file less 2 (the header is row 1), blank lines counted, so `index + 2` names it."""
    header, cells, lines = csvfile.read_columns(path)
    head = columns.header(header, str(path))
    # plain str objects, stripped once: iterated faster than arrow strings, compared as given
    text = pd.DataFrame({head.names[c]: list(map(str.strip, _unneutralised(values)))
                         for c, values in zip(header, cells, strict=True)},
                        index=_numbered(lines), dtype=object)  # fmt: skip
    for name in columns.CURRENT:
        if name not in text:
            text[name] = ""
    return text, head


def _numbered(lines: list[int]) -> pd.Index:
    """Row numbers less 2, as the index: 0, 1, 2 … unless a blank line was skipped."""
    if not lines or lines[-1] == len(lines) + 1:
        return pd.RangeIndex(len(lines))
    return pd.Index([line - 2 for line in lines], dtype="int64")


def _unneutralised(cells: list[str]) -> list[str]:
    """`csvfile.unneutralise` of a column's cells: only a cell that starts with an apostrophe
    can change, so a column without one is passed as it is (a whole ACLED file cell by cell
    would cost seconds)."""
    joined = "\0".join(cells)
    if not joined.startswith("'") and "\0'" not in joined:
        return cells
    return [csvfile.unneutralised(c) if c[:1] == "'" else c for c in cells]


def mapped(values: pd.Series, function: Callable) -> pd.Series:
    """`values.map(function)`, calling it once per distinct value (ACLED repeats its words)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return (
        pd.Series([function(u) for u in uniques], dtype=object).take(codes).set_axis(values.index)
    )
