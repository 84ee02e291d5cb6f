"""Humanitarian organisations a sentence names, by the names the curated data gives them
(data/aid_deliveries.csv: "International Committee of the Red Cross;United Nations;Syrian Arab
Red Crescent"), whatever the report calls them ("the ICRC", "the U.N.", "SARC")."""

from __future__ import annotations

import re

# canonical name → the ways news writes it (longest tried first)
NAMES: dict[str, tuple[str, ...]] = {
    "International Committee of the Red Cross": (
        "International Committee of the Red Cross",
        "ICRC",
        "Red Cross",
    ),
    "Syrian Arab Red Crescent": (
        "Syrian Arab Red Crescent",
        "Syrian Red Crescent",
        "SARC",
        "Red Crescent",
    ),
    "United Nations": ("United Nations", "U.N.", "UN"),
    "World Food Programme": ("World Food Programme", "World Food Program", "WFP"),
    "UNICEF": ("UNICEF", "Unicef"),
    "UNHCR": ("UNHCR", "UN refugee agency", "U.N. refugee agency"),
    "OCHA": ("Office for the Coordination of Humanitarian Affairs", "OCHA"),
    "World Health Organization": ("World Health Organization", "WHO"),
    "Médecins Sans Frontières": ("Médecins Sans Frontières", "Doctors Without Borders", "MSF"),
    "Iraqi Red Crescent": ("Iraqi Red Crescent",),
    "Kurdish Red Crescent": ("Kurdish Red Crescent",),
    "Norwegian Refugee Council": ("Norwegian Refugee Council", "NRC"),
    "International Rescue Committee": ("International Rescue Committee", "IRC"),
    "UNRWA": ("UNRWA",),
}
_LOOKUP = {alias: name for name, aliases in NAMES.items() for alias in aliases}
_PATTERN = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(a) for a in sorted(_LOOKUP, key=len, reverse=True))
    + r")(?![\w])"
)
# A UN agency named after "the UN's" or "UN" is that agency, not the UN itself.
_AGENCY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:Office|World|refugee|humanitarian|agency|children)")


def find(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(canonical name, start, end) of each organisation named, in order, each name once."""
    found: list[tuple[str, int, int]] = []
    for match in _PATTERN.finditer(text):
        name = _LOOKUP[match.group()]
        if name == "United Nations" and _AGENCY_AFTER.match(text[match.end() : match.end() + 20]):
            continue
        if all(f[0] != name for f in found):
            found.append((name, offset + match.start(), offset + match.end()))
    return found
