"""ACLED's dates across its releases, and the date precision each means in Frontline's words.

ACLED writes a day three ways over its releases (2016-03-27, 27 March 2016, 27/03/2016) and says
with `time_precision` how much of it is known; the importer checks the rows with these and the
export writes Frontline's precision back as ACLED's code.
"""

from __future__ import annotations

import pandas as pd

from frontline.vocabulary import Precision

DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d-%B-%Y",
    "%d-%b-%Y",
)  # current API/export; 2019-2023; old (day first, as ACLED writes)
# ACLED's time_precision: 1 the day is known; 2 only the week (or weekend); 3 only the month.
PRECISIONS = {1: Precision.DAY.value, 2: Precision.WEEK.value, 3: Precision.MONTH.value}
TIME_PRECISION = {Precision.DAY.value: 1, Precision.WEEK.value: 2, Precision.MONTH.value: 3,
                  Precision.YEAR.value: 3}  # ACLED has nothing coarser than a month  # fmt: skip


def parse_dates(text: pd.Series) -> pd.Series:
    """ACLED's dates in any release's format as datetime64[s] (NaT where none fits)."""
    text = text.fillna("").astype(str).str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    for form in DATE_FORMATS:
        todo = out.isna() & (text != "")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=form, errors="coerce")
    return out


def our_dates(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """A date as Frontline keeps it for its precision: a month- (or year-) precise date is the
    period's first day (a vague fact is never sorted after a precise one of the same period,
    `frontline.dates`); a week-precise date keeps ACLED's day inside that week."""
    out = dates.copy()
    for name, period in ((Precision.MONTH.value, "M"), (Precision.YEAR.value, "Y")):
        vague = (precision == name) & dates.notna()
        if vague.any():
            out[vague] = dates[vague].dt.to_period(period).dt.start_time.astype("datetime64[s]")
    return out
