"""ACLED's rows as Frontline's events, and the links that let a newer export revise them.

The territory sub-events become control events with the actor who gained the place and the one
who lost it; every other event is a context event (ACLED's type, fatalities and notes), shown
beside control but never changing it. Each event gets one link: ACLED's `event_id_cnty` at its
`timestamp`, with the country and day a complete newer export covers, and the row itself for the
export back.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd

from frontline import model
from frontline.imports import acled_columns as columns
from frontline.vocabulary import EventType, Status

ID_PREFIX = "acled:"


def _notes(rows: pd.DataFrame) -> list[str]:
    """What ACLED said of the event that our columns do not hold: its actors as ACLED names
    them (those that are no registry actor included), associates, precision."""
    out = []
    names = ("sub_event_type", "event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
             "fatalities", "geo_precision", "precision")  # fmt: skip
    for sub, kind, one, with_one, two, with_two, deaths, geo, when in zip(
            *(rows[n].tolist() for n in names), strict=True):  # fmt: skip
        who = one + (f" (with {with_one})" if with_one else "")
        if two:
            who += f" vs {two}" + (f" (with {with_two})" if with_two else "")
        toll = "" if deaths is None or deaths is pd.NA else f"; {deaths} fatalities"
        out.append(
            f"ACLED {sub or kind}: {who}{toll}; location precision {geo}, date to the {when}"
        )
    return out


def quotes(rows: pd.DataFrame) -> pd.Series:
    """ACLED's notes, the event's own words; a row without notes says so."""
    fallback = (
        "(no notes in ACLED) "
        + rows["sub_event_type"].where(rows["sub_event_type"] != "", rows["event_type"])
        + " at "
        + rows["location"]
    )
    return rows["notes"].where(rows["notes"] != "", fallback)


def control_events(rows: pd.DataFrame) -> pd.DataFrame:
    """Territory sub-events as control events: the gainer captured (or holds) the place. A row
    of Frontline's own export says its event type and status in `tags`; its actor1 is the one
    who gained the place (the opponent of an event that says who lost or left it)."""
    kind = rows["sub_event_type"].map({k: t.event_type.value for k, t in
                                       columns.TERRITORY.items()})  # fmt: skip
    tagged = rows["tag_type"] != ""
    kind = kind.where(~tagged, rows["tag_type"])
    reverse = rows["tag_type"].isin([EventType.LOST.value, EventType.WITHDREW.value])
    actor = rows["gainer_id"].where(~tagged, rows["actor_id"].where(~reverse, rows["opponent_id"]))
    opponent = rows["loser_id"].where(
        ~tagged, rows["opponent_id"].where(~reverse, rows["actor_id"])
    )
    status = rows["tag_status"].where(rows["tag_status"] != "", Status.REPORTED.value)
    frame = pd.DataFrame({
        "event_id": ID_PREFIX + rows["external_id"], "date": rows["date"],
        "date_precision": rows["precision"], "seq": None, "date_text": rows["event_date"],
        "place_id": rows["place_id"], "place_name": rows["location"], "event_type": kind,
        "actor_id": actor, "opponent_id": opponent,
        "status": status, "claimed_by": None, "confirmed_by": None,
        "source_ids": [[s] for s in rows["source_id"]], "quote": quotes(rows),
        "notes": _notes(rows),
    })  # fmt: skip
    return model.typed(model.CONTROL_EVENTS, frame)


def context_events(rows: pd.DataFrame) -> pd.DataFrame:
    """Every other event, kept in ACLED's own words beside control."""
    frame = pd.DataFrame({
        "event_id": ID_PREFIX + rows["external_id"], "date": rows["date"],
        "date_precision": rows["precision"], "place_id": rows["place_id"],
        "place_name": rows["location"], "event_type": rows["event_type"],
        "sub_event_type": rows["sub_event_type"].where(rows["sub_event_type"] != "", None),
        "actor_id": rows["actor_id"], "opponent_id": rows["opponent_id"],
        "fatalities": rows["fatalities"], "source_ids": [[s] for s in rows["source_id"]],
        "quote": quotes(rows), "notes": _notes(rows),
    })  # fmt: skip
    return model.typed(model.CONTEXT_EVENTS, frame)


def links(rows: pd.DataFrame, text: pd.DataFrame, control: pd.Series) -> pd.DataFrame:
    """One link per event: ACLED's id at its revision (the timestamp, or the row's digest in an
    old export without one), the country and day a newer export covers, and the row as JSON."""
    names = list(text.columns)
    cells = zip(*(text[c].tolist() for c in names), strict=True)  # to_dict iterates slowly
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps, set up once
    raw = [encode(dict(zip(names, r, strict=True))) for r in cells]
    revision = [stamp or "sha1:" + hashlib.sha1(r.encode()).hexdigest()
                for stamp, r in zip(rows["timestamp"].tolist(), raw, strict=True)]  # fmt: skip
    ids = rows["external_id"].tolist()
    return pd.DataFrame({  # plain objects, not arrow strings: the batch reads them row by row
        "external_id": ids,
        "table_name": np.where(control, "control_events", "context_events").tolist(),
        "row_id": [ID_PREFIX + i for i in ids], "revision": revision,
        "scope": rows["country"].tolist(), "day": rows["date"].dt.date.tolist(), "raw": raw,
    }, dtype=object)  # fmt: skip
