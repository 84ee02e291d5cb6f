"""The shareable part of a view (date, layers) to and from URL query parameters.

Pure functions, so a link's meaning is pinned by a round-trip test and a bad link degrades to the
defaults instead of failing the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

LAYERS = ("aid", "provinces")


@dataclass(frozen=True)
class ViewState:
    """What a person would want a link to keep."""

    as_of: dt.date
    layers: frozenset[str] = field(default_factory=lambda: frozenset(LAYERS))


def encode(view: ViewState) -> dict[str, str]:
    return {"date": view.as_of.isoformat(), "layers": ",".join(sorted(view.layers))}


def decode(params: Mapping[str, str], default: ViewState) -> ViewState:
    """Read what is valid in `params`; anything missing or malformed keeps its default."""
    try:
        as_of = dt.date.fromisoformat(params["date"])
    except (KeyError, ValueError):
        as_of = default.as_of
    if "layers" in params:
        layers = frozenset(x for x in params["layers"].split(",") if x in LAYERS)
    else:
        layers = default.layers
    return ViewState(as_of=as_of, layers=layers)
