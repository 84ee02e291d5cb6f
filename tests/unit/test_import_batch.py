"""An import is one transaction that remembers outside ids: the same file twice adds nothing,
a newer revision updates, what a newer export lacks is listed and deleted only with sync, and a
failing import leaves nothing behind — places it would have added included (SQLite and
PostgreSQL). Locations join registry places by p-code, name near the point, or a new place."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from frontline import model, registry, store
from frontline.errors import StoreConflict
from frontline.imports import batch, locate, nearby
from frontline.seeding import open_store
from frontline.store.schema import imported_rows

pytestmark = pytest.mark.store
MANBIJ = "gn:167357"  # held by the seed store: these tests need no place of their own
SOURCE = {"source_id": "t:src", "publisher": "Test wire", "title": "Test report",
          "published_at": "2016-08-01", "published_at_precision": "day"}  # fmt: skip


def _event(n: int, place_id: str, day: str, kind: str = "captured") -> dict:
    return {"event_id": f"t:{n}", "date": day, "date_precision": "day", "place_id": place_id,
            "event_type": kind, "actor_id": "sdf", "status": "reported",
            "source_ids": ["t:src"], "quote": f"Event {n}."}  # fmt: skip


def _batch(events: list[dict], revisions: list[str], places: pd.DataFrame | None = None,
           sources: list[dict] | None = None) -> batch.Batch:  # fmt: skip
    tables = {"sources": model.typed(model.SOURCES, pd.DataFrame(sources or [SOURCE])),
              "control_events": model.typed(model.CONTROL_EVENTS,
                                            pd.DataFrame(events))}  # fmt: skip
    if places is not None:
        tables["places"] = places
    links = pd.DataFrame({"external_id": [e["event_id"].upper() for e in events],
                          "table_name": "control_events",
                          "row_id": [e["event_id"] for e in events], "revision": revisions,
                          "scope": "SY", "day": [e["date"] for e in events],
                          "raw": [json.dumps(e) for e in events]})  # fmt: skip
    return batch.Batch("test", tables, links, "export.csv")


def _live_events(engine) -> pd.DataFrame:
    events = store.read_tables(engine)["control_events"]
    return events[events["event_id"].str.startswith("t:")].set_index("event_id")


def test_same_file_twice_adds_nothing_and_a_newer_revision_updates(settings):
    engine = open_store(settings)
    events = [_event(1, MANBIJ, "2016-08-06"), _event(2, MANBIJ, "2016-08-12")]
    first = batch.run(_batch(events, ["100", "100"]), settings, engine, "Analyst A")
    assert first.counts["control_events"]["added"] == 2
    again = batch.run(_batch(events, ["100", "100"]), settings, engine, "Analyst A")
    assert again.left_alone == 2 and again.counts["control_events"]["added"] == 0
    assert again.counts["control_events"]["updated"] == 0
    revised = [events[0], {**events[1], "quote": "Event 2, revised."}]
    newer = batch.run(_batch(revised, ["100", "200"]), settings, engine, "Analyst A")
    assert newer.counts["control_events"]["updated"] == 1 and newer.left_alone == 1
    assert _live_events(engine).loc["t:2", "quote"] == "Event 2, revised."
    with engine.connect() as conn:
        held = dict(conn.execute(sa.select(imported_rows.c.external_id,
                                           imported_rows.c.revision)).all())  # fmt: skip
    assert held == {"T:1": "100", "T:2": "200"}


def test_an_edit_in_the_app_survives_a_reimport_of_the_same_revision(settings):
    engine = open_store(settings)
    events = [_event(1, MANBIJ, "2016-08-06")]
    batch.run(_batch(events, ["100"]), settings, engine, "Analyst A")
    edited = model.typed(model.CONTROL_EVENTS, pd.DataFrame([{**events[0], "quote": "Fixed."}]))
    store.load(engine, {"control_events": edited}, actor="Editor B")
    batch.run(_batch(events, ["100"]), settings, engine, "Analyst A")
    assert _live_events(engine).loc["t:1", "quote"] == "Fixed."


def test_missing_from_a_newer_export_is_listed_and_deleted_only_with_sync(settings):
    engine = open_store(settings)
    events = [_event(n, MANBIJ, f"2016-08-{n:02d}") for n in (1, 2, 3)]
    batch.run(_batch(events, ["1"] * 3), settings, engine, "Analyst A")
    later = [events[0], events[2]]
    kept = batch.run(_batch(later, ["1", "1"]), settings, engine, "Analyst A")
    assert kept.withdrawn == ["T:2"] and kept.deleted == 0
    assert "possibly withdrawn" in " ".join(kept.lines()) and "t:2" in _live_events(engine).index
    synced = batch.run(_batch(later, ["1", "1"]), settings, engine, "Analyst A", sync=True)
    assert synced.deleted == 1 and "t:2" not in _live_events(engine).index
    with engine.connect() as conn:
        entry = store.audit_entries(conn, row_id="t:2")[-1]
    assert entry["action"] == "delete" and entry["by"] == "Analyst A"
    assert "complete export" in entry["reason"]
    outside = batch.run(_batch([_event(9, MANBIJ, "2016-09-20")], ["1"]), settings, engine,
                        "Analyst A", sync=True)  # fmt: skip
    assert outside.deleted == 0, "a file of another period withdraws nothing"


def test_a_failing_import_leaves_no_event_link_or_place(settings, gazetteer):
    engine = open_store(settings)
    rows = pd.DataFrame({"name": ["Qaryat Testiyah"], "lat": [36.01], "lon": [38.52],
                         "country": ["SY"], "tolerance_km": [5.0]})  # fmt: skip
    found = locate.locate(rows, settings, engine, gazetteer, source="test file", id_prefix="t:")
    assert found.counts["added"] == 1 and found.place_ids[0].startswith("t:sy-")
    events = [_event(1, found.place_ids[0], "2016-08-06")]
    bad = _batch(events, ["1"], found.places, sources=[{**SOURCE, "source_id": "t:other"}])
    with pytest.raises(StoreConflict):
        batch.run(bad, settings, engine, "Analyst A")
    assert _live_events(engine).empty
    assert found.place_ids[0] not in set(registry.stored_places(engine)["place_id"])
    with engine.connect() as conn:
        assert conn.execute(sa.select(imported_rows)).first() is None


def test_locations_join_registry_places_by_name_near_the_point_or_by_pcode(settings, gazetteer):
    engine = open_store(settings)
    rows = pd.DataFrame({"name": ["Manbij", "Manbij", "Menbij", "", "Tall Testiyah"],
                         "lat": [36.5281, 36.5281, 36.52, None, 35.2],
                         "lon": [37.9549, 37.9549, 37.95, None, 40.1],
                         "pcode": ["", "", "", "C1801", ""], "country": "SY",
                         "tolerance_km": 10.0})  # fmt: skip
    found = locate.locate(rows, settings, engine, gazetteer, source="test file", id_prefix="t:")
    manbij = gazetteer.geocode("Manbij", country_codes="SY").raw["place_id"]
    assert list(found.place_ids[:3]) == [manbij] * 3
    assert found.place_ids[3] == gazetteer.geocode("C1801").raw["place_id"]
    assert found.place_ids[4].startswith("t:sy-") and found.counts["added"] == 1
    far = pd.DataFrame({"name": ["Manbij"], "lat": [33.0], "lon": [36.0], "country": ["SY"],
                        "tolerance_km": [5.0]})  # fmt: skip
    elsewhere = locate.locate(far, settings, engine, gazetteer, source="t", id_prefix="t:")
    assert elsewhere.place_ids[0] != manbij, "a namesake 400 km away is not Manbij"


def test_an_earlier_export_after_a_later_one_puts_nothing_back(settings):
    engine = open_store(settings)
    events = [_event(1, MANBIJ, "2016-08-06")]
    batch.run(_batch([{**events[0], "quote": "Revised."}], ["200"]), settings, engine, "A")
    earlier = batch.run(_batch(events, ["100"]), settings, engine, "A")
    assert earlier.older == 1 and earlier.counts["control_events"]["updated"] == 0
    assert _live_events(engine).loc["t:1", "quote"] == "Revised."
    assert "older than the store's" in " ".join(earlier.lines())


def test_a_revision_into_another_table_retires_the_record_it_left(settings):
    engine = open_store(settings)
    batch.run(_batch([_event(1, MANBIJ, "2016-08-06")], ["100"]), settings, engine, "A")
    clash = {"event_id": "t:ctx1", "date": "2016-08-06", "date_precision": "day",
             "place_id": MANBIJ, "event_type": "Battles", "source_ids": ["t:src"]}  # fmt: skip
    tables = {"sources": model.typed(model.SOURCES, pd.DataFrame([SOURCE])),
              "context_events": model.typed(model.CONTEXT_EVENTS,
                                            pd.DataFrame([clash]))}  # fmt: skip
    links = pd.DataFrame({"external_id": ["T:1"], "table_name": ["context_events"],
                          "row_id": ["t:ctx1"], "revision": ["200"], "scope": ["SY"],
                          "day": ["2016-08-06"], "raw": [None]})  # fmt: skip
    batch.run(batch.Batch("test", tables, links, "newer.csv"), settings, engine, "A")
    assert "t:1" not in _live_events(engine).index
    assert "t:ctx1" in set(store.read_tables(engine)["context_events"]["event_id"])


def test_the_merge_is_given_every_registry_row_an_incoming_place_could_be():
    """`nearby.reachable`: a populated place within a town's merge radius (and a margin) of an
    incoming village, a hill near an incoming hill, and a row holding an incoming id are
    given to the merge; farther ones, and kinds that never pair, are not."""
    known = pd.DataFrame({
        "place_id": ["near", "far", "base", "hill", "same-id", "far-town"],
        "lat": [36.0 + 9.5 / 111.2, 36.0 + 12.5 / 111.2, 36.0, 35.0, 30.0, 36.0],
        "lon": [38.0, 38.0, 38.0, 39.0 + 2.5 / 90.0, 30.0, 38.0 + 12.5 / 90.0],
        "kind": ["town", "village", "military_base", "hill", "village", "town"]})  # fmt: skip
    incoming = pd.DataFrame({"place_id": ["t:new", "t:hill", "same-id"],
                             "lat": [36.0, 35.0, 1.0], "lon": [38.0, 39.0, 1.0],
                             "kind": ["village", "hill", "village"]})  # fmt: skip
    kept = set(known["place_id"][nearby.reachable(known, incoming)])
    assert kept == {"near", "hill", "same-id"}
