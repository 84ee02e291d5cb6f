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
    `'=…`, read back as written), and how its header read."""
    raw = csvfile.read_raw(path)
    head = columns.header(raw.columns, str(path))
    raw = _unneutralised(raw)
    # plain str objects, stripped once: iterated faster than arrow strings, compared as given
    text = pd.DataFrame({head.names[c]: [v.strip() for v in raw[c].tolist()] for c in raw},
                        index=raw.index, dtype=object)  # fmt: skip
    for name in columns.CURRENT:
        if name not in text:
            text[name] = ""
    return text, head


def _unneutralised(raw: pd.DataFrame) -> pd.DataFrame:
    """`csvfile.unneutralise` of the rows holding a cell that starts with an apostrophe (the
    only ones it can change: a whole ACLED file cell by cell would cost seconds)."""
    quoted = pd.Series(False, index=raw.index)
    for column in raw.columns:
        cells = raw[column].tolist()
        if "\0'" in "\0" + "\0".join(cells):  # some cell of this column starts with "'"
            quoted |= raw[column].str.startswith("'").fillna(False).astype(bool)
    if quoted.any():
        raw = raw.copy()
        raw.loc[quoted] = csvfile.unneutralise(raw.loc[quoted]).to_numpy()
    return raw


def mapped(values: pd.Series, function: Callable) -> pd.Series:
    """`values.map(function)`, calling it once per distinct value (ACLED repeats its words)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return (
        pd.Series([function(u) for u in uniques], dtype=object).take(codes).set_axis(values.index)
    )
