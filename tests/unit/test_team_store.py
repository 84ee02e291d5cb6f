"""A team on one PostgreSQL server: instances that start together, people who edit the same
record at the same moment. Real concurrent connections to the session's throwaway server."""

import threading
import time

import pytest
import sqlalchemy as sa

from frontline import store
from frontline.errors import StoreConflict
from frontline.seeding import open_store

EVENT = "hamdan-2016-06-29-is-recaptured"


@pytest.fixture
def backend() -> str:
    """These are PostgreSQL's cases: SQLite serves one machine and locks its whole file."""
    return "postgresql"


def _in_threads(*work) -> list:
    """Run each callable in its own thread; their results or the exceptions they raised."""
    out: list = [None] * len(work)

    def run(i: int) -> None:
        try:
            out[i] = work[i]()
        except Exception as exc:  # noqa: BLE001 — the test inspects it
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def test_instances_starting_together_seed_the_store_once(settings, seed_tables):
    results = _in_threads(*(lambda: open_store(settings) for _ in range(3)))
    assert all(isinstance(r, sa.Engine) for r in results), results
    tables = store.read_tables(results[0])
    assert len(tables["control_events"]) == len(seed_tables["control_events"])  # once, not 3×
    with results[0].connect() as conn:
        creates = [e for e in store.audit_entries(conn, EVENT) if e["action"] == "create"]
    assert len(creates) == 1


def test_two_people_deleting_one_record_at_once_one_is_told(settings):
    engine = open_store(settings)
    first_done = threading.Event()

    def first() -> str:
        with store.transaction(engine) as conn:
            store.delete(conn, "event", EVENT, "A", "mine")
            first_done.set()
            time.sleep(0.5)  # the other person's delete arrives while this one is open
        return "deleted"

    def second() -> str:
        first_done.wait(10)
        with store.transaction(engine) as conn:
            store.delete(conn, "event", EVENT, "B", "theirs")
        return "deleted"

    results = _in_threads(first, second)
    assert results[0] == "deleted"
    assert isinstance(results[1], StoreConflict), results[1]
    with engine.connect() as conn:
        deletes = [(e["by"], e["reason"]) for e in store.audit_entries(conn, EVENT)
                   if e["action"] == "delete"]  # fmt: skip
    assert deletes == [("A", "mine")]


def test_a_change_committed_later_still_moves_the_version(settings):
    """Transactions commit out of the order they began in. Whatever version a reader sees, the
    tables it reads with it must hold every change counted so far: with the newest audit id
    as the version, the quick change's id already counted the slow one that had not landed."""
    engine = open_store(settings)
    started = threading.Event()
    seen: list = []

    def slow() -> None:
        with store.transaction(engine) as conn:
            store.delete(conn, "event", EVENT, "A", "slow")  # takes its audit id first
            started.set()
            time.sleep(0.5)

    def quick() -> None:
        started.wait(10)
        with store.transaction(engine) as conn:
            delivery = store.read_tables(conn)["aid_deliveries"]["delivery_id"].iloc[0]
            store.delete(conn, "delivery", delivery, "B", "quick")
        seen.append(store.read_versioned(engine))

    before = store.version(engine)
    _in_threads(slow, quick)
    version, tables = seen[0]
    assert version == before + 2 == store.version(engine)
    assert EVENT not in set(tables["control_events"]["event_id"])  # the slow change is in it
