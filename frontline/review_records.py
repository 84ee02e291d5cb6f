"""What an accepted candidate becomes: a control event (changes of hands, sieges, attacks), an
aid delivery (one per destination, with the convoy's stated figures), or a context event (what
changes no hands), citing the article as a source record; checked by the model's rules, so a
candidate that cannot be a record says which field."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import gazetteer, model, registry, validation
from frontline.config import Settings
from frontline.errors import StoreInvalid, ValidationError
from frontline.gazetteer.places import with_added
from frontline.names import matching
from frontline.store.reading import live_rows

TABLE_OF = {"control": "control_events", "aid": "aid_deliveries", "other": "context_events"}


@dataclass(frozen=True)
class Lookups:
    """What turning candidates into records reads from the store, read once for a whole
    acceptance (the registry alone is 12,000 places): every usable place, the ids the store
    holds, its actors."""

    places: pd.DataFrame
    stored: frozenset[str]
    actors: pd.DataFrame


def lookups(settings: Settings, engine: Engine) -> Lookups:
    stored = registry.stored_places(engine)
    known = with_added(gazetteer.all_places(settings.data_dir), stored)
    return Lookups(known, frozenset(stored["place_id"]), live_rows(engine, model.ACTORS))


def tables(
    found: Lookups, candidate_id: str, payload: dict, article: dict
) -> dict[str, pd.DataFrame]:
    """The typed rows to save for one candidate: its record, the article's source, and its
    place when the store does not hold that registry place yet."""
    kind = payload.get("kind")
    if kind not in TABLE_OF:
        raise StoreInvalid(f"a candidate of kind {kind!r} cannot be accepted")
    place = _place(found.places, payload)
    source = _source(article)
    record = {"control": _control, "aid": _delivery, "other": _context}[kind](
        candidate_id, payload, place["place_id"], source["source_id"], found.actors
    )
    out = {"sources": [source], TABLE_OF[kind]: [record]}
    if place["place_id"] not in found.stored:
        out["places"] = [place]
    try:
        return {
            name: validation.coerce(model.TABLES[name], rows, origin=f"candidate {candidate_id}")
            for name, rows in out.items()
        }
    except ValidationError as exc:
        fields = "; ".join(f"{e.field}: {e.reason}" for e in exc.errors)
        raise StoreInvalid(
            f"candidate {candidate_id} cannot be saved as it is ({fields}): edit it first"
        ) from None


def ids(made: dict[str, pd.DataFrame]) -> list[str]:
    """The ids of the event or delivery records an acceptance made (not its source or place)."""
    return [
        str(i)
        for name in TABLE_OF.values()
        if name in made
        for i in made[name][model.TABLES[name].key]
    ]


def _place(known: pd.DataFrame, payload: dict) -> dict:
    chosen = payload.get("place_id") or (payload.get("place") or {}).get("place_id")
    if not chosen:
        raise StoreInvalid("this candidate has no place: choose one before accepting it")
    row = known[known["place_id"] == chosen]
    if row.empty:
        raise StoreInvalid(f"no place {chosen!r} in the registry: choose another")
    place = row.iloc[0].to_dict()
    place["aliases"] = model.LIST_SEPARATOR.join(place["aliases"])
    return {k: "" if _missing(v) else str(v) for k, v in place.items()}


def _source(article: dict) -> dict:
    return {
        "source_id": article["article_id"].replace("art:", "src:"),
        "publisher": article["publisher"] or "unknown publisher",
        "title": article["title"] or f"Report of {article['published_at']:%Y-%m-%d}",
        "url": article["url"] or "",
        "published_at": article["published_at"].isoformat(),
        "published_at_precision": "day",
        "notes": "read by frontline ingest; accepted from the review queue",
    }


def _actor(actors: pd.DataFrame, text: object, field: str) -> str:
    """An actor id from what the candidate or the reviewer says (id, name or alias)."""
    if _missing(text) or not str(text).strip():
        return ""
    found = matching(actors, "actor_id", str(text).strip())
    if len(found) != 1:
        raise StoreInvalid(f"{field} {str(text)[:60]!r} is not one known actor: choose one")
    return found.pop()


def _common(payload: dict, candidate_id: str, source_id: str) -> dict:
    return {
        "date": payload.get("date") or "",
        "date_precision": payload.get("date_precision") or "day",
        "source_ids": source_id,
        "quote": payload.get("quote") or "",
        "notes": f"review queue {candidate_id}",
    }


def _event(candidate_id: str, payload: dict, place_id: str, source_id: str,
           actors: pd.DataFrame, default_type: str) -> dict:  # fmt: skip
    """What a control event and a context event share."""
    return {
        "event_id": candidate_id.replace("cand:", "rev:"),
        **_common(payload, candidate_id, source_id),
        "place_id": place_id,
        "event_type": payload.get("event_type") or default_type,
        "actor_id": _actor(actors, payload.get("actor"), "actor"),
        "opponent_id": _actor(actors, payload.get("opponent"), "opponent"),
    }


def _control(
    candidate_id: str, payload: dict, place_id: str, source_id: str, actors: pd.DataFrame
) -> dict:
    return {
        **_event(candidate_id, payload, place_id, source_id, actors, ""),
        "status": payload.get("status") or "reported",
        "claimed_by": payload.get("claimed_by") or "",
        "confirmed_by": payload.get("confirmed_by") or "",
    }


def _delivery(
    candidate_id: str, payload: dict, place_id: str, source_id: str, actors: pd.DataFrame
) -> dict:
    organisations = payload.get("organisations") or []
    if isinstance(organisations, str):
        organisations = [organisations]
    return {
        "delivery_id": candidate_id.replace("cand:", "rev:"),
        "convoy_id": f"{source_id}:{payload.get('date') or ''}",  # one convoy a report a day
        **_common(payload, candidate_id, source_id),
        "destination_place_id": place_id,
        "organisations": model.LIST_SEPARATOR.join(map(str, organisations)),
        "trucks": _number(payload.get("trucks")),
        "beneficiaries": _number(payload.get("beneficiaries")),
        "figures_scope": "convoy",
        "status": payload.get("status") or "reported",
        "reported_first_since": payload.get("first_since") or "",
    }


def _context(
    candidate_id: str, payload: dict, place_id: str, source_id: str, actors: pd.DataFrame
) -> dict:
    return _event(candidate_id, payload, place_id, source_id, actors, "other")


def _number(value: object) -> str:
    return "" if _missing(value) else str(value)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str | list | dict) and pd.isna(value))
