"""Time `control.snapshot` on generated events against a naive row-by-row baseline.

Prints one JSON object: sizes, median seconds of each over --repeat runs, and the speed-up.
The naive baseline scans the whole table once per place (what a first page script would do).

    .venv/bin/python benchmarks/snapshot.py --events 20000 --places 2000
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd

from frontline import control, model

TYPES = ["captured", "held", "entered", "lost", "besieged", "attacked", "siege_lifted"]


def generate(events: int, places: int, actors: int = 12, seed: int = 7) -> pd.DataFrame:
    """Random but valid control events over six years, typed as the store returns them."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(events)],
            "date": pd.Timestamp("2011-01-01")
            + pd.to_timedelta(rng.integers(0, 2190, events), "D"),
            "date_precision": rng.choice(["day"] * 8 + ["month", "year"], events),
            "seq": rng.integers(0, 3, events),
            "place_id": [f"p{i}" for i in rng.integers(0, places, events)],
            "event_type": rng.choice(TYPES, events),
            "actor_id": [f"a{i}" for i in rng.integers(0, actors, events)],
            "opponent_id": [f"a{i}" for i in rng.integers(0, actors, events)],
            "status": rng.choice(["reported"] * 6 + ["confirmed", "claimed"], events),
            "source_ids": [["s"]] * events,
            "quote": "q",
        }
    )
    return model.typed(model.CONTROL_EVENTS, frame)


def naive(events: pd.DataFrame, as_of: str) -> dict[str, str | None]:
    """Controller per place, one full scan per place, rows applied one by one."""
    out = {}
    for place in events["place_id"].unique():
        controller = None
        rows = events[(events["place_id"] == place) & (events["date"] <= pd.Timestamp(as_of))]
        for _, e in rows.sort_values(["date", "seq"]).iterrows():
            if e["status"] == "claimed":
                continue
            if e["event_type"] in ("captured", "held"):
                controller = e["actor_id"]
            elif e["event_type"] == "lost":
                controller = e["opponent_id"]
        out[place] = controller
    return out


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    events = generate(args.events, args.places)
    as_of = "2014-06-30"
    ours = median_seconds(lambda: control.snapshot(events, as_of), args.repeat)
    base = median_seconds(lambda: naive(events, as_of), args.repeat)
    print(
        json.dumps(
            {
                "events": args.events,
                "places": args.places,
                "repeat": args.repeat,
                "snapshot_median_s": round(ours, 4),
                "naive_median_s": round(base, 4),
                "speedup": round(base / ours, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
