"""People-readable labels for what the pages' tables show: column names, coded values, missing
values, dates and populations — one rule each, in one place.

The tables of `frontline.report` keep machine names (`siege_start`, `border_crossing`,
`reported_first_since`), and so do the CSV and Excel downloads (their headers are what scripts
read). A page shows `table(frame, columns)`: the columns renamed, every value as text a person
reads ("siege start", "border crossing", "—" for nothing known), dates only as precise as known
(`report.dates_as_text`) and, where a date is only a day by which something was so, saying so
(`QUALIFIED`: "2016-06-29 or earlier (first known)"). No Streamlit here: the CLI and tests use
it too.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from frontline import report
from frontline.model import FIGURE_SCOPES

MISSING = "—"  # what a table shows for nothing known (never "None", "NaN" or "NaT")
NO_SOURCE = "no source"

COLUMNS: dict[str, str] = {
    # places and their state
    "place": "Place",
    "place_id": "Place id",
    "kind": "Kind",
    "controller": "Held by",
    "state": "State",
    "besieged_by": "Besieged by",
    "contested_by": "Contested by",
    "since": "Since",
    "since_basis": "Since (basis)",
    "confidence": "Confidence",
    "last_event_type": "Last event",
    "population": "Population",
    "country": "Country",
    "admin1": "Governorate",
    # events
    "date": "Date",
    "event_type": "Event",
    "actor": "Actor",
    "opponent": "Opponent",
    "status": "Status",
    "claimed_by": "Claimed by",
    "confirmed_by": "Confirmed by",
    "quote": "Quote",
    "sources": "Source",
    "notes": "Notes",
    # deliveries and access
    "destination": "Destination",
    "origin": "From",
    "organisations": "Organisations",
    "organisation": "Organisation",
    "trucks": "Trucks",
    "beneficiaries": "People reached",
    "deliveries": "Deliveries",
    "convoys": "Convoys",
    "week": "Week",
    "month": "Month",
    "figures_scope": "Figures for",
    "items": "Items",
    "reported_first_since": "First since (reported)",
    "previous_delivery": "Previous delivery on record",
    "verdict": "Data agree?",
    "besieged_since": "Besieged since",
    "last_delivery": "Last delivery",
    "days_without_aid": "Days without aid",
    "days_without_aid_reason": "Why no count",
    "counted_from": "Counted from",
    "population_source": "Population source",
}

DECIMALS = {"lat": 5, "lon": 5, "score": 2}  # numbers shown with fixed decimals, no separators

# What a missing value means where '—' would not say it.
MISSING_AS = {"last_delivery": "none on record", "previous_delivery": "none on record"}

# What each table shows, in order (machine names; `table` gives the headers).
SNAPSHOT = ["place", "kind", "controller", "state", "besieged_by", "since", "confidence",
            "last_event_type"]  # fmt: skip
AID = ["date", "destination", "organisations", "trucks", "beneficiaries", "figures_scope",
       "items", "reported_first_since"]  # fmt: skip
EVENTS = ["date", "event_type", "actor", "opponent", "status", "claimed_by", "confirmed_by",
          "quote", "sources", "notes"]  # fmt: skip
CARD_HEADS = ["date", "event_type", "actor", "status"]  # an event card's first line
ACCESS = ["place", "besieged_by", "besieged_since", "last_delivery", "days_without_aid",
          "counted_from", "population"]  # fmt: skip
FIRST_SINCE = ["place", "date", "reported_first_since", "previous_delivery", "verdict"]
# `report.changes_table`: its `kind` is the kind of change, not of place
CHANGES = {"kind": "Change", "place": "Place", "before_controller": "Held by before",
           "before_state": "State before", "after_controller": "Held by after",
           "after_state": "State after", "passing_through": "Passing through"}  # fmt: skip
FIRST_REPORTED = {"kind": "Change", "place": "Place", "after_controller": "Held by",
                  "after_state": "State"}  # fmt: skip

# Coded values a person would otherwise read as code, by column (a column not listed here
# still has its underscores turned to spaces).
VALUES: dict[str, dict[str, str]] = {
    "counted_from": {"siege_start": "siege start", "last_delivery": "last delivery"},
    "kind": {
        "airbase": "air base",
        "admin1": "governorate",
        "admin2": "district",
        "admin3": "sub-district",
    },  # fmt: skip
    "figures_scope": dict(zip(FIGURE_SCOPES, ("the whole convoy", "this place"), strict=True)),
    "verdict": {"agrees": "yes", "DISAGREES": "NO: the data disagree"},
    "since_basis": {
        "change": "began then",
        "first_report": "already so when first known",
        "observed": "reported so, start not stated",
    },
}

# A date that is not when something began, by the column saying why (`control.SINCE_BASES`):
# Fallujah, first known taken on 2016-06-29, reads "2016-06-29 or earlier (first known)" under
# "Since", never as the day control began. {} is the date as precise as known.
QUALIFIED: dict[str, tuple[str, dict[str, str]]] = {
    "since": ("since_basis", {"first_report": "{} or earlier (first known)",
                              "observed": "{} or earlier (start not stated)"}),
}  # fmt: skip


def column(name: str) -> str:
    """The header a person reads for the machine column `name` ('siege_start' → 'Siege start')."""
    if name in COLUMNS:
        return COLUMNS[name]
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def headers(names: Iterable[str]) -> dict[str, str]:
    """Machine name → header, for `names` in order (what `DataFrame.rename` takes)."""
    return {name: column(name) for name in names}


def is_missing(v: object) -> bool:
    """None, NaN, NaT and pd.NA alike (a list is a value, never missing)."""
    if v is None:
        return True
    if isinstance(v, str) or not pd.api.types.is_scalar(v):
        return False
    return bool(pd.isna(v))


def value(name: str, v: object) -> str:
    """The value `v` of column `name` as a person reads it: codes spelt out, lists joined,
    whole numbers with thousands separators, dates as days, nothing as '—'."""
    if isinstance(v, str):  # first: a table of 20,000 places words 20,000 names
        words = VALUES.get(name)
        if words and v in words:
            return words[v]
        return v.replace("_", " ") if "_" in v and _is_code(v) else v
    if is_missing(v):
        return MISSING_AS.get(name, MISSING)
    if isinstance(v, Iterable):
        words = [value(name, x) for x in v if not is_missing(x)]
        return ", ".join(words) if words else MISSING
    if isinstance(v, bool | np.bool_):
        return "yes" if v else "no"
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.date().isoformat()  # a date without its precision column is taken as a day
    if isinstance(v, dt.date):
        return v.isoformat()
    if name in DECIMALS and isinstance(v, numbers.Real):
        return f"{float(v):.{DECIMALS[name]}f}"
    if isinstance(v, numbers.Integral) or isinstance(v, numbers.Real) and float(v).is_integer():
        return f"{int(v):,}"
    if isinstance(v, numbers.Real):
        return f"{float(v):,.2f}"
    return str(v)


_CODE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # snake_case words: a code, never prose


def _is_code(text: str) -> bool:
    return bool(_CODE.match(text))


def table(frame: pd.DataFrame, columns: Iterable[str] | Mapping[str, str]) -> pd.DataFrame:
    """`columns` of `frame` (those it has) for display: dates as precise as known, every value
    as text (`value`), headers renamed (`column`, or the mapping's own header)."""
    wanted = list(columns)
    headers = dict(columns) if isinstance(columns, Mapping) else {}
    dated = _qualified(report.dates_as_text(frame))
    out = pd.DataFrame(index=range(len(frame)))
    for name in wanted:
        if name not in dated.columns:
            continue
        out[headers.get(name, column(name))] = _texts(name, dated[name])
    return out


def _qualified(dated: pd.DataFrame) -> pd.DataFrame:
    """`dated` (dates as text) with each QUALIFIED column's dates worded by its basis column,
    where the frame has both: a table shows "2016-06-29 or earlier (first known)" whether or
    not it shows the basis. Only the rows so qualified are worded one by one."""
    for name, (basis, forms) in QUALIFIED.items():
        if name not in dated.columns or basis not in dated.columns:
            continue
        form = dated[basis].map(forms)
        rows = form.notna() & ~dated[name].map(is_missing)
        if rows.any():
            pairs = zip(form[rows], dated.loc[rows, name], strict=True)
            dated[name] = dated[name].astype(object)
            dated.loc[rows, name] = [f.format(value(name, d)) for f, d in pairs]
    return dated


def _texts(name: str, values: pd.Series) -> list[str] | np.ndarray:
    """`value` of each of `values`, worked out once per distinct value (a table of 5,000 places
    holds a few dozen states and actors); lists, which cannot be counted so, one by one."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists of sources)
        return [value(name, v) for v in values]
    texts = np.array([value(name, u) for u in uniques] + [value(name, None)], dtype=object)
    return texts[codes]  # -1: missing, the last


def population(n: object, source: object) -> str:
    """A population with where it comes from: '68,888 (GeoNames cities15000)'; a figure without
    a source says so; no figure is '—'."""
    if is_missing(n):
        return MISSING
    where = population_source(source)
    return f"{int(n):,} ({where})"


_FROM = re.compile(r"population[^;]*?\bfrom (?:the )?([^;(.,]+)", re.IGNORECASE)


def population_source(source: object) -> str:
    """Who gave a place's population, in a few words, from the registry's `source` text: the
    source the text says the population is 'from', else the first source it names."""
    if is_missing(source) or not str(source).strip():
        return NO_SOURCE
    text = str(source)
    found = _FROM.search(text)
    if found:
        return found.group(1).strip()
    return re.split(r"[,;(]", text, maxsplit=1)[0].strip() or NO_SOURCE
