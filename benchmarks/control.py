"""Time the control engine on a war-sized synthetic dataset against a naive baseline.

Generates --events control events over --places places and 12 actors across six years, then
prints one JSON object: the seconds to code and order the events once (`control.index`), median
seconds of `snapshot` and `changes` on that index over --repeat runs (and of a snapshot that
indexes from scratch), the peak memory they allocate (tracemalloc), the process's peak resident
size before the baseline runs, and the same snapshot answered by a naive row-by-row Python loop
(checked to agree) in the same run.

    .venv/bin/python benchmarks/control.py                 # 1,000,000 events, 50,000 places
    .venv/bin/python benchmarks/control.py --events 20000 --places 2000
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

from frontline import control, model

TYPES = ["captured", "held", "entered", "lost", "besieged", "attacked", "siege_lifted",
         "withdrew", "contested"]  # fmt: skip


def generate(events: int, places: int, actors: int = 12, seed: int = 7) -> pd.DataFrame:
    """Random but valid control events over six years, typed as the store returns them."""
    rng = np.random.default_rng(seed)
    actor_ids = np.array([f"actor-{i}" for i in range(actors)], dtype=object)

    def pick(values: list[str]) -> np.ndarray:
        return rng.choice(np.array(values, dtype=object), events)

    frame = pd.DataFrame({
        "event_id": [f"e{i:07d}" for i in range(events)],
        "date": pd.Timestamp("2011-01-01") + pd.to_timedelta(rng.integers(0, 2190, events), "D"),
        "date_precision": pick(["day"] * 8 + ["month", "year"]),
        "seq": rng.integers(0, 3, events),
        "place_id": np.array([f"p{i}" for i in range(places)], dtype=object)[
            rng.integers(0, places, events)],
        "event_type": pick(TYPES),
        "actor_id": actor_ids[rng.integers(0, actors, events)],
        "opponent_id": actor_ids[rng.integers(0, actors, events)],
        "status": pick(["reported"] * 6 + ["confirmed", "claimed"]),
        "source_ids": [["s"]] * events,
        "quote": "q",
    })  # fmt: skip
    return model.typed(model.CONTROL_EVENTS, frame)


def naive_snapshot(events: pd.DataFrame, as_of: str) -> dict[str, control.State]:
    """The same states, one Python step per event over rows sorted in Python."""
    day = pd.Timestamp(as_of)
    rows = sorted(
        (r for r in events.itertuples(index=False) if r.date <= day),
        key=lambda r: (r.place_id, r.date, r.seq, r.event_id),
    )
    states: dict[str, control.State] = {}
    for r in rows:
        if r.status in control.UNSETTLED:
            continue
        actor = None if pd.isna(r.actor_id) else r.actor_id
        opponent = None if pd.isna(r.opponent_id) else r.opponent_id
        states[r.place_id] = control.step(states.get(r.place_id, control.UNKNOWN), r.event_type,
                                          actor, opponent)  # fmt: skip
    return states


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(func) -> int:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    events = generate(args.events, args.places)
    as_of, since = "2014-06-30", "2013-06-30"
    start = time.perf_counter()
    coded = control.index(events)  # coded and ordered once, as an app would keep it
    result = {
        "events": args.events, "places": args.places, "repeat": args.repeat,
        "index_s": round(time.perf_counter() - start, 3),
        "snapshot_median_s": round(median_seconds(
            lambda: control.snapshot(events, as_of, coded), args.repeat), 3),
        "changes_median_s": round(median_seconds(
            lambda: control.changes(events, since, as_of, coded), args.repeat), 3),
        "snapshot_unindexed_median_s": round(median_seconds(
            lambda: control.snapshot(events, as_of), args.repeat), 3),
        "snapshot_peak_mb": round(
            peak_bytes(lambda: control.snapshot(events, as_of, coded)) / 2**20, 1),
        "changes_peak_mb": round(
            peak_bytes(lambda: control.changes(events, since, as_of, coded)) / 2**20, 1),
        "index_peak_mb": round(peak_bytes(lambda: control.index(events)) / 2**20, 1),
        # the whole process so far: the generated events themselves included
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }  # fmt: skip
    snap = control.snapshot(events, as_of, coded)
    naive = naive_snapshot(events, as_of)  # last: its Python objects would swell the peak
    result["naive_agrees"] = all(
        naive.get(r.place_id, control.UNKNOWN)[:2]
        == (None if pd.isna(r.controller_id) else r.controller_id, r.state)
        for r in snap.itertuples()
    )
    result["naive_snapshot_median_s"] = round(
        median_seconds(lambda: naive_snapshot(events, as_of), max(1, args.repeat // 3)), 3
    )
    result["speedup_vs_naive"] = round(
        result["naive_snapshot_median_s"] / result["snapshot_median_s"], 1
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
