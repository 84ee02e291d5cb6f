"""The shareable part of a view (date, step, layers, filters, comparison date, place) to and from
the URL, and what to tell a reader about the view's day.

Pure functions, so a link's meaning is pinned by a round-trip test and a bad link degrades to the
defaults instead of failing the page; `date_note` says when it did, and `stale_note` when the day
shown lies far past the newest evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from frontline.dataset import days_past_evidence
from frontline.dates import STEPS
from frontline.model import EVENT_TYPES
from frontline.ui import keys

LAYERS = ("aid", "provinces", "areas", "context")
# estimated areas and other events (ACLED's battles, strikes …: the Map's context layer) only
# when asked for
DEFAULT_LAYERS = frozenset({"aid", "provinces"})
DEFAULT_STEP = "month"  # the date player's step


@dataclass(frozen=True)
class ViewState:
    """What a person would want a link to keep."""

    as_of: dt.date
    layers: frozenset[str] = DEFAULT_LAYERS
    since: dt.date | None = None  # compare with the end of this day
    place: str | None = None  # the place a page is about
    # the filters: places these actors hold, besiege or contest; with events of these types
    actors: frozenset[str] = frozenset()  # empty: all
    types: frozenset[str] = frozenset()  # empty: all
    step: str = DEFAULT_STEP  # the date player's step: one of dates.STEPS


def encode(view: ViewState) -> dict[str, str]:
    params = {keys.PARAM_DATE: view.as_of.isoformat(),
              keys.PARAM_LAYERS: ",".join(sorted(view.layers)),
              keys.PARAM_STEP: view.step}  # fmt: skip
    if view.since:
        params[keys.PARAM_SINCE] = view.since.isoformat()
    if view.place:
        params[keys.PARAM_PLACE] = view.place
    for param, chosen in ((keys.PARAM_ACTORS, view.actors), (keys.PARAM_TYPES, view.types)):
        if chosen:
            params[param] = ",".join(sorted(chosen))
    return params


def _set(params: Mapping[str, str], key: str, allowed: Callable[[str], bool]) -> frozenset[str]:
    return frozenset(x for x in params.get(key, "").split(",") if x and allowed(x))


def _place(place: str | None, known: Collection[str] | None) -> str | None:
    return place if place and (known is None or place in known) else None


def _day(params: Mapping[str, str], key: str, default: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(params[key])
    except (KeyError, ValueError):
        return default


EARLIEST = dt.date(1900, 1, 1)


def decode(
    params: Mapping[str, str],
    default: ViewState,
    today: dt.date | None = None,
    actor_ids: Collection[str] = (),
    place_ids: Collection[str] | None = None,
) -> ViewState:
    """Read what is valid in `params`; anything missing, malformed or out of range (a future
    day, a comparison day not before the day, an actor not in `actor_ids`, a place not in
    `place_ids` when given, an unknown event type) keeps its default or is dropped."""
    today = today or dt.date.today()
    if keys.PARAM_LAYERS in params:
        layers = _set(params, keys.PARAM_LAYERS, LAYERS.__contains__)
    else:
        layers = default.layers
    as_of = _day(params, keys.PARAM_DATE, default.as_of) or default.as_of
    as_of = as_of if EARLIEST <= as_of <= today else default.as_of
    since = _day(params, keys.PARAM_SINCE, default.since)
    step = params.get(keys.PARAM_STEP, default.step)
    return ViewState(
        as_of=as_of,
        layers=layers,
        since=since if since and EARLIEST <= since < as_of else None,
        place=_place(params.get(keys.PARAM_PLACE), place_ids) or default.place,
        actors=_set(params, keys.PARAM_ACTORS, set(actor_ids).__contains__),
        types=_set(params, keys.PARAM_TYPES, EVENT_TYPES.__contains__),
        step=step if step in STEPS else default.step,
    )


def date_note(
    params: Mapping[str, str], view: ViewState, span: tuple[dt.date, dt.date] | None
) -> str | None:
    """What a reader must be told about a link's `date=`: that it was not a date or not a day
    the map can show (and so was swapped for the one shown), or that it lies outside the data's
    `span`. None when the link named no date, one inside the data, or one at most
    STALE_AFTER_DAYS after its newest evidence (the day after a report is what a link to "now"
    names; `stale_note` has the one rule for how far past is too far)."""
    raw = params.get(keys.PARAM_DATE)
    if raw is None:
        return None
    data = f"the data run from {span[0]} to {span[1]}" if span else "the data hold no dates"
    try:
        asked = dt.date.fromisoformat(raw)
    except ValueError:
        return f"The link's date {raw!r} is not a date (YYYY-MM-DD); showing {view.as_of}."
    if asked != view.as_of:
        return (f"The link's date {asked} is outside the days the map can show ({EARLIEST} to "
                f"today; {data}); showing {view.as_of}.")  # fmt: skip
    if not span or span[0] <= asked <= span[1]:
        return None
    if asked > span[1] and days_past_evidence(span, asked) is None:
        return None  # soon after the newest evidence: "now", as a report day is read
    return f"The link's date {asked} is outside the data ({data}); showing {asked} as asked."


def stale_note(view: ViewState, span: tuple[dt.date, dt.date] | None) -> str | None:
    """A warning when the day shown is more than STALE_AFTER_DAYS after the newest evidence
    anywhere in the data: the map then shows the last known states, which may be out of date."""
    days = days_past_evidence(span, view.as_of)
    if days is None:
        return None
    return (f"The newest evidence is from {span[1]}, {days:,} days before {view.as_of}: the map "
            "shows the last known states, which may have changed since.")  # fmt: skip
