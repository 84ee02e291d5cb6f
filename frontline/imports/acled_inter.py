"""ACLED's actor types (its `inter` codes), the side each means in Frontline, and the colour of
an actor the registry does not know yet.

The inter code is all ACLED says of an actor's allegiance, so an unknown armed actor's side is
taken from it, refined by its name where the code lumps sides together (IS and the SDF are both
"rebel groups" to ACLED); rioters, protesters and civilians get no side, and so no actor.
"""

from __future__ import annotations

import re

import numpy as np

INTER_NAMES = {1: "State forces", 2: "Rebel group", 3: "Political militia",
               4: "Identity militia", 5: "Rioters", 6: "Protesters", 7: "Civilians",
               8: "External/Other forces"}  # fmt: skip
_INTER_TEXT = {name.lower(): code for code, name in INTER_NAMES.items()} | {
    "rebel groups": 2, "political militias": 3, "identity militias": 4, "external forces": 8,
    "other forces": 8, "state force": 1}  # fmt: skip
STATE, EXTERNAL = 1, 8
# An actor that holds ground: state forces, rebels, militias, outside forces. Rioters,
# protesters and civilians are named in events but never take or hold a place.
ARMED = frozenset({1, 2, 3, 4, 8})
SIDE_OF_INTER = {1: "government", 2: "opposition", 3: "opposition", 4: "opposition",
                 8: "foreign"}  # fmt: skip
# Names that say more than the inter code: ACLED codes IS and the Kurdish-led forces as rebel
# groups (2), where Frontline's sides tell them apart.
_SIDE_WORDS = (
    (re.compile(r"\bIS\b|Islamic State|ISIS|ISIL|Daesh|Al Qaeda|Nusra|Tahrir al[- ]Sham|"
                r"Hurras al[- ]Din|\bHTS\b", re.I), "jihadist"),
    (re.compile(r"\bSDF\b|Syrian Democratic Forces|\bYPG\b|\bYPJ\b|\bPKK\b|Kurdish|Peshmerga",
                re.I), "kurdish-led"),
    (re.compile(r"Coalition", re.I), "coalition"),
)  # fmt: skip
SIDE_INTER = {"government": 1, "opposition": 2, "jihadist": 2, "kurdish-led": 2,
              "coalition": 8, "foreign": 8}  # fmt: skip


def inter_code(value: object) -> int | None:
    """An inter code as a number, from "1", "1.0" (a spreadsheet's) or "State forces"; None if
    blank or unknown."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.0)?", text):
        code = int(float(text))
        return code if code in INTER_NAMES else None
    return _INTER_TEXT.get(text.lower())


def side(inter: int | None, name: str) -> str | None:
    """The side of an actor the registry does not know, from its inter code, refined by its
    name where the code lumps sides together; None for actors that hold no ground."""
    if inter not in ARMED or name.lower().startswith("unidentified"):
        return None
    if inter != STATE:
        for pattern, found in _SIDE_WORDS:
            if pattern.search(name):
                return found
    return SIDE_OF_INTER[inter]


# A colour for each side's new actors, picked by the actor's id so it stays the same from one
# import to the next (Okabe-Ito-like hues, apart from the curated actors' own).
SIDE_COLOURS = {
    "government": ("#A6402A", "#C8743D", "#8C2D19", "#E08A5C"),
    "opposition": ("#2E8B57", "#5FA777", "#1F6E43", "#7FB77E"),
    "jihadist": ("#3A3A3A", "#5C5C5C", "#262626", "#707070"),
    "kurdish-led": ("#C9B22A", "#E3CF55", "#A8921B", "#D8C45E"),
    "coalition": ("#A8578C", "#C486B0", "#8A3F70", "#D1A0C2"),
    "foreign": ("#B77B1F", "#D29A45", "#936012", "#E0B26B"),
}


def colour(actor_id: str, side_name: str) -> str:
    """A stable colour for a new actor of this side."""
    palette = SIDE_COLOURS.get(side_name, SIDE_COLOURS["opposition"])
    return palette[sum(actor_id.encode()) % len(palette)]
