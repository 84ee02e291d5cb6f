"""What a briefing says, as plain values: the situation at the end of a day, what changed since
an earlier one, aid in between and the quotes it rests on.

A briefing is read from the back of a room and printed one page per section, so every list is
short: the most telling rows first, then how many more there are ("and 12 more"). Every number
comes from the same report functions as the pages and the CLI (`frontline.report`, the totals
rule of `frontline.aid`), and every text stays plain text: the HTML template escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from frontline import aid, labels, report
from frontline.dataset import Dataset, days_past_evidence
from frontline.dates import format_partial
from frontline.errors import DataError
from frontline.html_text import bidi_closed
from frontline.vocabulary import EventType, State

LIST_ROWS = 8  # rows per table on the aid page
CHANGE_ROWS = 5  # rows per list of changes: six lists share one page
QUOTES = 4  # quotes on the sources' page
QUOTE_CHARS = 360  # a longer quote is cut at a word, the cut marked "[…]"
DEFAULT_SINCE_DAYS = 7  # with no comparison day given: a weekly briefing
QUOTE_WEIGHT = {  # which events' quotes a room hears first: those that move control
    EventType.CAPTURED: 3, EventType.LOST: 3, EventType.WITHDREW: 3, EventType.BESIEGED: 3,
    EventType.SIEGE_LIFTED: 3, EventType.ENTERED: 2, EventType.CONTESTED: 2,
    EventType.UNDER_SIEGE: 1, EventType.HELD: 1, EventType.ATTACKED: 0,
}  # fmt: skip
CHANGE_GROUPS = {  # the changes section's lists, in order, with their headings
    "changed_hands": "Changed hands",
    "round_trips": "Changed hands and back",
    "new_sieges": "New sieges",
    "sieges_lifted": "Sieges lifted",
    "other": "Other changes of state",
    "first_reported": "First reported (not known before: not a change)",
}


@dataclass(frozen=True)
class Listed:
    """The first rows of a longer list, and how many were left out."""

    rows: list[dict]
    more: int = 0

    @classmethod
    def of(cls, rows: list[dict], limit: int = LIST_ROWS) -> Listed:
        return cls(rows[:limit], max(0, len(rows) - limit))


@dataclass(frozen=True)
class Briefing:
    """One briefing's content (see `build`); `places` and `changed` feed the map."""

    as_of: dt.date
    since: dt.date
    filters: list[str]  # what the places were filtered to, as sentences ("" none)
    places: pd.DataFrame  # `report.map_places` of the day and filters
    changed: frozenset[str]  # places ringed on the map: changed, or changed and back
    first: frozenset[str]  # places first reported since the comparison day
    holders: list[dict]  # per actor: name, colour, held, besieged, contested
    changes: dict[str, Listed]  # by CHANGE_GROUPS
    aid: dict  # totals, destinations, longest without aid
    quotes: list[dict]
    notes: list[str] = field(default_factory=list)  # warnings for the audience (stale data)


def long_date(day: dt.date) -> str:
    """'30 June 2016': read aloud in a room, never mistaken for 06/30 or 30/06."""
    return f"{day.day} {day:%B %Y}"


def build(
    ds: Dataset,
    as_of: dt.date,
    since: dt.date | None = None,
    *,
    actors: frozenset[str] = frozenset(),
    types: frozenset[str] = frozenset(),
) -> Briefing:
    """The briefing for the end of `as_of`, with what changed since the end of `since` (by
    default DEFAULT_SINCE_DAYS before). `actors` and `types` filter the places as on the Map
    page (held, besieged or contested by one of the actors; with an event of one of the types
    in the window); every section then speaks of those places only."""
    since = since or as_of - dt.timedelta(days=DEFAULT_SINCE_DAYS)
    if since >= as_of:
        raise DataError(f"the comparison day {since} must come before {as_of}", field="since")
    places = report.map_places(ds, report.snapshot(ds, as_of), as_of, since=since,
                               actors=actors, types=types)  # fmt: skip
    shown = set(places["place_id"])
    found = {k: [r for r in rows if r["place_id"] in shown]
             for k, rows in report.changes(ds, since, as_of).items()}  # fmt: skip
    changes = _change_groups(found, ds.places_by_id["population"])
    return Briefing(
        as_of=as_of, since=since, filters=_filters(ds, actors, types), places=places,
        changed=frozenset(r["place_id"] for r in found["changed"] + found["round_trips"]),
        first=frozenset(r["place_id"] for r in found["first_reported"]),
        holders=_holders(ds, places), changes=changes,
        aid=_aid(ds, as_of, since, shown), quotes=_quotes(ds, as_of, since, shown, found),
        notes=_notes(ds, as_of),
    )  # fmt: skip


def _filters(ds: Dataset, actors: frozenset[str], types: frozenset[str]) -> list[str]:
    names = ds.actor_names
    out = []
    if actors:
        out.append("Places held, besieged or contested by "
                   + ", ".join(sorted(bidi_closed(names.get(a, a)) for a in actors)))  # fmt: skip
    if types:
        out.append("Places with events of type "
                   + ", ".join(sorted(labels.value("event_type", t) for t in types)))  # fmt: skip
    return out


def _notes(ds: Dataset, as_of: dt.date) -> list[str]:
    """Say when the day lies far past the newest evidence (the Map page's rule): the map
    then shows the last known states."""
    days = days_past_evidence(ds.span, as_of)
    if days is None:
        return []
    return [f"The newest evidence in the data is from {long_date(ds.span[1])}, {days:,} days "
            "earlier: states are the last known, and may have changed since."]  # fmt: skip


def _holders(ds: Dataset, places: pd.DataFrame) -> list[dict]:
    """Per actor with any place: how many places it holds, besieges and contests."""
    known = places[~places["pending"]]
    counts = {
        "held": known["controller_id"].value_counts(),
        "besieged": known.loc[known["state"] == State.BESIEGED, "besieged_by_id"].value_counts(),
        "contested": known.loc[known["state"] == State.CONTESTED, "contested_by_id"].value_counts(),
    }
    rows = []
    for actor in ds.actors.itertuples():
        figures = {k: int(v.get(actor.actor_id, 0)) for k, v in counts.items()}
        if any(figures.values()):
            rows.append({"name": actor.name, "color": actor.color, **figures})
    return sorted(rows, key=lambda r: -r["held"])


def _state(side: dict) -> str:
    """'Islamic State (held)'; a side with no holder stated says so."""
    return f"{side['controller'] or 'holder not stated'} ({side['state']})"


def _change_groups(found: dict[str, list[dict]], population: pd.Series) -> dict[str, Listed]:
    """`report.changes` sorted into what a room asks: who took what, sieges begun and lifted,
    places that changed and came back, first reports; in each, the places where most people
    live first (a city before a checkpoint), then by name."""
    groups: dict[str, list[dict]] = {k: [] for k in CHANGE_GROUPS}
    for r in found["changed"]:
        before, after = r["before"], r["after"]
        row = {"place": r["place"], "place_id": r["place_id"], "before": _state(before),
               "after": _state(after)}  # fmt: skip
        if before["controller_id"] != after["controller_id"]:
            groups["changed_hands"].append(row)
        elif after["state"] == State.BESIEGED:
            groups["new_sieges"].append(row)
        elif before["state"] == State.BESIEGED:
            groups["sieges_lifted"].append(row)
        else:
            groups["other"].append(row)
    for r in found["round_trips"]:
        groups["round_trips"].append({"place": r["place"], "place_id": r["place_id"],
                                      "before": _state(r["before"]),
                                      "after": " → ".join(r["passing_through"])})  # fmt: skip
    for r in found["first_reported"]:
        groups["first_reported"].append({"place": r["place"], "place_id": r["place_id"],
                                         "before": "", "after": _state(r["after"])})  # fmt: skip

    def telling(row: dict) -> tuple:
        people = population.get(row["place_id"])
        return (-(people if pd.notna(people) else -1), row["place"] or "")

    return {k: Listed.of(sorted(v, key=telling), CHANGE_ROWS) for k, v in groups.items()}


def _aid(ds: Dataset, as_of: dt.date, since: dt.date, shown: set[str]) -> dict:
    """Deliveries after the end of `since` up to `as_of` to the places shown: totals (the one
    rule), the deliveries (those a source calls the first since some time first, then the
    largest), and the besieged places longest without aid."""
    rows = report.deliveries(ds, since=since + dt.timedelta(days=1), until=as_of)
    rows = rows[rows["destination_id"].isin(shown)]
    window = ds.aid_deliveries[ds.aid_deliveries["delivery_id"].isin(rows["delivery_id"])]
    notable = rows.assign(stated=rows["reported_first_since"].notna(),
                          size=rows["trucks"].fillna(-1))  # fmt: skip
    notable = notable.sort_values(["stated", "size", "date", "destination"],
                                  ascending=[False, False, False, True])  # fmt: skip
    shown_rows = labels.table(notable.head(LIST_ROWS), labels.AID)  # only what a page holds
    access = report.access(ds, as_of)
    access = access[access["place_id"].isin(shown)]
    access = access.sort_values("days_without_aid", ascending=False, na_position="last")
    longest = [{"place": r.place, "besieged_by": labels.value("besieged_by", r.besieged_by),
                "days": labels.value("days_without_aid", r.days_without_aid),
                "last": labels.value("last_delivery", r.last_delivery),
                "why": "" if pd.notna(r.days_without_aid) else r.days_without_aid_reason}
               for r in access.itertuples()]  # fmt: skip
    return {
        "totals": {k: labels.value(k, v) for k, v in aid.overall(window).items()},
        # so that "37 trucks" is not read as every convoy's figure
        "without_figures": int((window["trucks"].isna() & window["beneficiaries"].isna()).sum()),
        "organisations": sorted({o for orgs in rows["organisations"] for o in orgs}),
        "deliveries": Listed(shown_rows.to_dict("records"), max(0, len(rows) - LIST_ROWS)),
        "longest": Listed.of(longest),
    }


def _quotes(ds: Dataset, as_of: dt.date, since: dt.date, shown: set[str],
            found: dict[str, list[dict]]) -> list[dict]:  # fmt: skip
    """The sourced quotes behind the window's events at the places shown: those at places that
    changed hands first, then those of events that move control (QUOTE_WEIGHT), newest first;
    one card per quote (with every place it is about), each with who claimed it, who confirmed
    it and its source."""
    events = ds.control_events
    window = events[(events["date"] > pd.Timestamp(since)) & (events["date"] <= pd.Timestamp(as_of))
                    & events["place_id"].isin(shown)]  # fmt: skip
    moved = {r["place_id"] for key in ("changed", "round_trips") for r in found[key]}
    ranked = window.assign(moved=window["place_id"].isin(moved),
                           weight=window["event_type"].map(QUOTE_WEIGHT).fillna(0))  # fmt: skip
    ranked = ranked.sort_values(["moved", "weight", "date", "seq"],
                                ascending=[False, False, False, True])  # fmt: skip
    shown_quotes = ranked["quote"].drop_duplicates().head(QUOTES)  # a year holds thousands
    rows = report.event_rows(ds, ranked[ranked["quote"].isin(shown_quotes)])
    sources = ds.sources.set_index("source_id")
    cards: dict[str, dict] = {}
    for r in rows.itertuples():
        card = cards.setdefault(r.quote, _card(sources, r))
        what = f"{r.place}: {_what(r)}"
        if what not in card["what"]:
            card["what"].append(what)
    return list(cards.values())


def _what(r) -> str:
    """'New Syrian Army entered (claimed)'; a siege observed reads 'under siege by …'."""
    actor = r.actor if isinstance(r.actor, str) else None
    if r.event_type == EventType.UNDER_SIEGE:
        return f"under siege{f' by {actor}' if actor else ''} ({r.status})"
    return f"{actor or 'actor not stated'} {labels.value('event_type', r.event_type)} ({r.status})"


def _card(sources: pd.DataFrame, r) -> dict:
    """A quote with its date, who claimed and confirmed it, and its sources (`sources` by id)."""
    cited = [f"{sources.at[s, 'publisher']}, {long_date(sources.at[s, 'published_at'].date())}: "
             f"{sources.at[s, 'title']}" for s in r.source_ids if s in sources.index]  # fmt: skip
    return {
        "quote": _shortened(r.quote),
        "date": format_partial(r.date.date(), r.date_precision),
        "what": [],
        "claimed_by": labels.value("claimed_by", r.claimed_by),
        "confirmed_by": labels.value("confirmed_by", r.confirmed_by),
        "sources": cited or [labels.NO_SOURCE],
    }


def _shortened(quote: str) -> str:
    """A quote a slide can hold: cut at a word past QUOTE_CHARS, the cut shown as '[…]'."""
    if len(quote) <= QUOTE_CHARS:
        return quote
    return quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " […]"
