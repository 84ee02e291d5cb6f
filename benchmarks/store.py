"""The store at war scale, on SQLite and on a throwaway PostgreSQL: migrate, load, reload, read
back, one audited delete and restore, one record's audit trail, and the start-up check a page
or a command pays each time — next to the naive way (a statement per row and per audit entry),
in the same run. Prints one JSON object; medians of --repeat runs.

    .venv/bin/python benchmarks/store.py --events 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from frontline import model, store
from frontline.config import PROJECT_ROOT
from frontline.io.dataset import read_dataset
from frontline.store import audit
from frontline.store.rows import sql_rows

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from postgres import TemporaryPostgres  # noqa: E402  (tests/postgres.py: the same server)


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def naive_load(engine: sa.Engine, tables: dict) -> None:
    """The baseline: one INSERT per row and one per audit entry, in one transaction."""
    at = audit.now()
    with engine.begin() as conn:
        for name in store.LOAD_ORDER:
            spec = model.TABLES[name]
            for row in sql_rows(spec, tables[name]):
                conn.execute(store.SQL_TABLES[name].insert().values(row))
                entry = audit.entry(name, row[spec.key], "create", "data/", at, None, row)
                conn.execute(store.audit_log.insert().values(entry))


def one_run(url: str, tables: dict, naive_url: str) -> dict[str, float]:
    engine = store.connect(url)
    event = tables["control_events"]["event_id"].iloc[len(tables["control_events"]) // 2]

    def edit() -> None:
        with store.transaction(engine) as conn:
            store.delete(conn, "event", event, "bench", "benchmark")
            store.restore(conn, "event", event, "bench")

    def trail() -> None:
        with engine.connect() as conn:
            store.audit_entries(conn, event)

    figures = {
        "upgrade_empty_s": _seconds(lambda: store.upgrade(engine)),
        "load_s": _seconds(lambda: store.load(engine, tables)),
        "reload_unchanged_s": _seconds(lambda: store.load(engine, tables, retire=True)),
        "read_tables_s": _seconds(lambda: store.read_tables(engine)),
        "delete_and_restore_s": _seconds(edit),
        "audit_of_one_record_s": _seconds(trail),
        "upgrade_at_head_s": _seconds(lambda: store.upgrade(engine)),
    }
    naive = store.connect(naive_url)
    store.upgrade(naive)
    figures["naive_load_s"] = _seconds(lambda: naive_load(naive, tables))
    engine.dispose()
    naive.dispose()
    return figures


@contextmanager
def backends(folder: Path) -> Iterator[dict[str, Callable[[], str]]]:
    """A maker of fresh store URLs per backend."""
    count = iter(range(10**6))
    with TemporaryPostgres.start() as server:
        yield {"sqlite": lambda: f"sqlite:///{folder}/store-{next(count)}.sqlite",
               "postgresql": server.create_database}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "make_synthetic.py"),
                        "--events", str(args.events), "--out", str(folder)],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        tables = read_dataset(folder / "data", folder / "seeds")
        result: dict = {"events": args.events, "repeat": args.repeat,
                        "rows": {n: len(t) for n, t in tables.items()},
                        "date": dt.date.today().isoformat()}  # fmt: skip
        with backends(folder) as make:
            for name, url in make.items():
                runs = [one_run(url(), tables, url()) for _ in range(args.repeat)]
                result[name] = {k: round(statistics.median(r[k] for r in runs), 3)
                                for k in runs[0]}  # fmt: skip
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
