"""Where an ACLED event is: how far its point may lie from the registry's, and its country.

ACLED says how sure its point is (`geo_precision`) and names the country by name, numeric ISO,
ISO3 or (old exports) the Gleditsch–Ward number; the importer places the event with the
tolerance here and keeps the country as ISO-2, as the registry does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ACLED's geo_precision: 1 the town itself; 2 near a town, or a part of a region (the town named
# is the nearest); 3 only a larger region (its capital or centre named). How far the registry's
# point for the same name may lie from ACLED's and still be that place.
TOLERANCE_KM = {1: 10.0, 2: 25.0, 3: 50.0}


@dataclass(frozen=True)
class Country:
    """A country ACLED may name, under each of the codes its releases use for it."""

    name: str
    iso2: str
    iso: int  # ISO 3166 numeric, ACLED's `iso`
    iso3: str
    gwno: int | None  # Gleditsch–Ward number, the old exports' GWNO


COUNTRIES = tuple(Country(*c) for c in (
    ("Syria", "SY", 760, "SYR", 652), ("Iraq", "IQ", 368, "IRQ", 645),
    ("Turkey", "TR", 792, "TUR", 640), ("Lebanon", "LB", 422, "LBN", 660),
    ("Jordan", "JO", 400, "JOR", 663), ("Israel", "IL", 376, "ISR", 666),
    ("Palestine", "PS", 275, "PSE", None), ("Iran", "IR", 364, "IRN", 630),
    ("Saudi Arabia", "SA", 682, "SAU", 670), ("Kuwait", "KW", 414, "KWT", 690),
    ("Yemen", "YE", 887, "YEM", 679), ("Egypt", "EG", 818, "EGY", 651),
    ("Bahrain", "BH", 48, "BHR", 692), ("Qatar", "QA", 634, "QAT", 694),
    ("Oman", "OM", 512, "OMN", 698), ("United Arab Emirates", "AE", 784, "ARE", 696),
    ("Cyprus", "CY", 196, "CYP", 352),
))  # ACLED's Middle East, and the neighbours whose borders the map draws  # fmt: skip
_BY_NAME = {c.name.lower(): c for c in COUNTRIES} | {"türkiye": COUNTRIES[2],
                                                     "turkiye": COUNTRIES[2]}  # fmt: skip
_BY_CODE = {str(k): c for c in COUNTRIES for k in (c.iso, c.iso3, c.gwno) if k is not None}
BY_ISO2 = {c.iso2: c for c in COUNTRIES}


def country(name: str, iso: str = "", iso3: str = "", gwno: str = "", event_id: str = "") -> str:
    """The ISO-2 code of an event's country, from whichever of ACLED's fields say it (the name
    first; the event id's letters, SYR1234, last); "" when none is one Frontline knows."""
    found = _BY_NAME.get(name.strip().lower())
    for code in (iso, iso3, gwno, re.match(r"[A-Z]{3}", event_id.strip().upper())):
        if found is None and code:
            code = code.group(0) if isinstance(code, re.Match) else str(code).strip()
            found = _BY_CODE.get(code.removesuffix(".0").upper())
    return found.iso2 if found else ""
