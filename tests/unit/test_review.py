"""The review queue: candidates count only once accepted (then as records citing the article,
audited under the reviewer, in one transaction); a rejection is remembered across re-ingests;
a decided candidate cannot be decided again; a candidate that cannot be a record changes
nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline import review, store
from frontline.errors import StoreConflict, StoreInvalid
from frontline.seeding import open_store

pytestmark = pytest.mark.store
TEXT = ("Syrian government forces took the village of Testiyah on Tuesday, a monitor said. "
        "A convoy of 12 trucks reached Madaya, the first since April.")  # fmt: skip
ARTICLE = review.Article(TEXT, dt.date(2016, 9, 8), "Test wire", "Village taken",
                         "https://example.org/report")  # fmt: skip
MADAYA = "pc:C2450"


def _candidates() -> list[dict]:
    control = {"kind": "control", "event_type": "captured", "date": "2016-09-06",
               "date_precision": "day", "place": {"name": "Manbij", "place_id": "gn:167357",
               "lat": 36.5, "lon": 37.9}, "actor": "Syrian government forces", "opponent": None,
               "status": "reported", "claimed_by": None, "confirmed_by": None, "trucks": None,
               "beneficiaries": None, "organisations": [], "quote": TEXT[:81], "start": 0,
               "end": 81}  # fmt: skip
    aid = {**control, "kind": "aid", "event_type": "delivered", "place": None, "actor": None,
           "trucks": 12, "organisations": ["SARC"], "quote": TEXT[82:], "start": 82,
           "end": len(TEXT)}  # fmt: skip
    return [control, aid]


def _records(engine, table: str) -> list[dict]:
    frame = store.read_tables(engine)[table]
    key = "event_id" if "event_id" in frame else "delivery_id"
    return frame[frame[key].str.startswith("rev:")].to_dict("records")


def test_nothing_counts_until_accepted_then_records_cite_the_article(settings):
    engine = open_store(settings)
    queued = review.queue(engine, ARTICLE, _candidates(), "Analyst A")
    assert len(queued.added) == 2 and _records(engine, "control_events") == []
    pending = review.listing(engine)
    assert list(pending["candidate_id"]) == queued.added
    made = review.accept(engine, settings, [queued.added[0]], "Reviewer B")
    [event] = _records(engine, "control_events")
    assert made[queued.added[0]] == [event["event_id"]]
    assert (event["place_id"], event["actor_id"], event["event_type"]) == (
        "gn:167357", "syrian-government", "captured")
    sources = store.read_tables(engine)["sources"].set_index("source_id")
    assert sources.loc[event["source_ids"][0], "url"] == "https://example.org/report"
    with engine.connect() as conn:
        trail = store.audit_entries(conn, by="Reviewer B")
    assert {(e["table"], e["action"]) for e in trail} >= {
        ("control_events", "create"), ("sources", "create"), ("candidates", "update")}


def test_an_edit_supplies_the_place_and_the_destination_joins_the_store(settings):
    engine = open_store(settings)
    aid_id = review.queue(engine, ARTICLE, _candidates(), "Analyst A").added[1]
    with pytest.raises(StoreInvalid, match="no place"):
        review.accept(engine, settings, [aid_id], "Reviewer B")
    assert _records(engine, "aid_deliveries") == []
    review.accept(engine, settings, [aid_id], "Reviewer B", {aid_id: {"place_id": MADAYA}})
    [delivery] = _records(engine, "aid_deliveries")
    assert (delivery["destination_place_id"], delivery["trucks"]) == (MADAYA, 12)
    assert MADAYA in set(store.read_tables(engine)["places"]["place_id"])


def test_a_rejection_is_remembered_and_nothing_is_decided_twice(settings):
    engine = open_store(settings)
    first, second = review.queue(engine, ARTICLE, _candidates(), "Analyst A").added
    review.reject(engine, first, "Reviewer B", "the monitor retracted it")
    again = review.queue(engine, ARTICLE, _candidates(), "Analyst A")
    assert again.added == [] and again.decided == [first] and again.pending == [second]
    with pytest.raises(StoreConflict, match="already rejected by Reviewer B"):
        review.accept(engine, settings, [first], "Reviewer C")
    rejected = review.listing(engine, status="rejected")
    assert list(rejected["reason"]) == ["the monitor retracted it"]


def test_a_bad_edit_or_an_unknown_actor_saves_nothing(settings):
    engine = open_store(settings)
    control_id, aid_id = review.queue(engine, ARTICLE, _candidates(), "Analyst A").added
    with pytest.raises(StoreInvalid, match="actor"):
        review.accept(engine, settings, [control_id], "B", {control_id: {"actor": "Nobody Band"}})
    with pytest.raises(StoreInvalid, match="event_type"):
        edits = {control_id: {"event_type": "conquered"}, aid_id: {"place_id": MADAYA}}
        review.accept(engine, settings, [control_id, aid_id], "B", edits)
    assert _records(engine, "control_events") == [] and _records(engine, "aid_deliveries") == []
    assert len(review.listing(engine)) == 2, "both still pending: the batch was undone"


def test_the_cli_lists_accepts_with_an_edit_and_rejects(settings):
    import json

    from click.testing import CliRunner

    from frontline.cli import main

    engine = open_store(settings)
    control_id, aid_id = review.queue(engine, ARTICLE, _candidates(), "Analyst A").added
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["review", "list"]).output)
    assert [(r["candidate_id"], r["kind"]) for r in listed] == [(control_id, "control"),
                                                               (aid_id, "aid")]  # fmt: skip
    done = runner.invoke(main, ["review", "accept", aid_id, "--place", MADAYA, "--by", "B"])
    assert done.exit_code == 0 and "accepted" in done.output, done.output
    refused = runner.invoke(main, ["review", "accept", aid_id, "--by", "B"])
    assert refused.exit_code == 1 and "already accepted" in refused.output
    runner.invoke(main, ["review", "reject", control_id, "--reason", "duplicate", "--by", "B"])
    assert json.loads(runner.invoke(main, ["review", "list"]).output) == []


def test_ingest_queue_and_accept_all_on_the_seed(settings):
    """`frontline ingest --queue` puts the seed's candidates in the queue (stdout still only
    the JSON); again, nothing new; `--accept-all` makes records of those that can be."""
    import json

    from click.testing import CliRunner

    from frontline.cli import main
    from frontline.config import PROJECT_ROOT

    seed = str(PROJECT_ROOT / "seeds" / "000_6aaf4593ca1a5acc.txt")
    args = ["ingest", seed, "--published", "2016-06-29", "--by", "Analyst A"]
    runner = CliRunner()
    first = runner.invoke(main, [*args, "--queue"])
    assert first.exit_code == 0, first.output
    printed = json.loads(first.stdout)
    assert f"queued {len(printed)} new" in first.stderr
    engine = open_store(settings)
    queued = review.listing(engine)
    assert len(queued) == len(printed) and set(queued["publisher"]) == {"Associated Press"}
    again = runner.invoke(main, [*args, "--queue"])
    assert "queued 0 new" in again.stderr
    accepted = runner.invoke(main, [*args, "--accept-all"])
    assert "accepted" in accepted.stderr, accepted.stderr
    made = _records(engine, "control_events")
    assert made and all(e["notes"].startswith("review queue") for e in made)
