"""Time the context layer's work on a war-sized synthetic set of context events (issue 13,
point 6) against a naive per-row loop.

Generates --events context events (ACLED's event types, fatalities with some unstated, a tenth
dated only to the month) over --places places across six years, then prints one JSON object:
median seconds over --repeat runs of `context.window` + `context.per_place` for the map's
default window (30 days), of `per_place` over every event (the worst case: a window holding the
whole war), of the map layer's data and its JSON (`maps.context.context_data`, `script_json`),
of one place's events for the Place page (`context.at_place`), and the same window's summary by
a naive row-by-row Python loop (checked to agree), with the speed-up.

    .venv/bin/python benchmarks/context.py                 # 1,000,000 events, 20,000 places
    .venv/bin/python benchmarks/context.py --events 50000 --places 2000
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from frontline import context, model
from frontline.maps import context as context_map
from frontline.maps.rendering import script_json

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
         "Riots", "Strategic developments"]  # fmt: skip
DAY = "2014-06-30"


def generate(events: int, places: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random but valid context events over six years, and their places, typed as stored."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"p{i}" for i in range(places)], dtype=object)
    place_rows = pd.DataFrame({"place_id": ids, "name": [f"Place {i}" for i in range(places)],
                               "kind": "town", "lat": rng.uniform(32, 37.5, places),
                               "lon": rng.uniform(35.5, 45, places)})  # fmt: skip
    precision = rng.choice(np.array(["day"] * 9 + ["month"], dtype=object), events)
    dates = pd.Timestamp("2011-01-01") + pd.to_timedelta(rng.integers(0, 2190, events), "D")
    dates = dates.where(precision == "day", dates.to_period("M").start_time)
    deaths = pd.array(rng.poisson(1.5, events), dtype="Int64")
    deaths[rng.random(events) < 0.05] = pd.NA
    frame = pd.DataFrame({
        "event_id": [f"c{i:07d}" for i in range(events)], "date": dates,
        "date_precision": precision,
        "place_id": ids[np.minimum(rng.zipf(1.3, events) - 1, places - 1)],  # a few busy fronts
        "event_type": rng.choice(np.array(TYPES, dtype=object), events),
        "fatalities": deaths, "source_ids": [["s"]] * events,
    })  # fmt: skip
    return model.typed(model.CONTEXT_EVENTS, frame), place_rows.set_index("place_id")


def naive(events: pd.DataFrame, day: str, days: int = context.WINDOW_DAYS) -> dict[str, dict]:
    """The same summary, one Python step per event."""
    end = pd.Timestamp(day) + pd.Timedelta(days=1)
    start = end - pd.Timedelta(days=days)
    out: dict[str, dict] = defaultdict(lambda: {"events": 0, "fatalities": 0, "types": Counter(),
                                                "newest": None})  # fmt: skip
    for r in events.itertuples(index=False):
        if not start <= r.date < end:
            continue
        place = out[r.place_id]
        place["events"] += 1
        place["fatalities"] += 0 if pd.isna(r.fatalities) else int(r.fatalities)
        place["types"][r.event_type] += 1
        if place["newest"] is None or r.date > place["newest"]:
            place["newest"] = r.date
    return out


def agrees(summary: pd.DataFrame, slow: dict[str, dict]) -> bool:
    if len(summary) != len(slow):
        return False
    for r in summary.itertuples():
        s = slow[r.place_id]
        types = " · ".join(f"{t} {n}" for t, n in sorted(s["types"].items(),
                                                          key=lambda x: (-x[1], x[0])))  # fmt: skip
        if (r.events, r.fatalities, r.types, r.newest) != (s["events"], s["fatalities"], types,
                                                           s["newest"]):  # fmt: skip
            return False
    return True


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    events, places = generate(args.events, args.places)
    summary = context.per_place(context.window(events, DAY))
    data = context_map.context_data(summary, places, DAY)
    busiest = summary["place_id"].iloc[0]
    r = args.repeat
    result = {
        "events": args.events, "places": args.places, "repeat": r, "day": DAY,
        "window_days": context.WINDOW_DAYS, "window_events": int(summary["events"].sum()),
        "window_places": len(summary),
        "window_summary_median_s": round(median_seconds(
            lambda: context.per_place(context.window(events, DAY)), r), 4),
        "whole_war_summary_median_s": round(median_seconds(
            lambda: context.per_place(events), r), 4),
        "map_data_median_s": round(median_seconds(
            lambda: context_map.context_data(summary, places, DAY), r), 4),
        "map_json_median_s": round(median_seconds(lambda: script_json(data), r), 4),
        "map_json_kb": round(len(script_json(data).encode()) / 1024),
        "place_events_median_s": round(median_seconds(
            lambda: context.at_place(events, busiest), r), 4),
        "busiest_place_events": int((events["place_id"] == busiest).sum()),
    }  # fmt: skip
    slow = naive(events, DAY)
    result["naive_agrees"] = agrees(summary, slow)
    result["naive_window_summary_median_s"] = round(
        median_seconds(lambda: naive(events, DAY), max(1, r // 3)), 3
    )
    result["speedup_vs_naive"] = round(
        result["naive_window_summary_median_s"] / result["window_summary_median_s"], 1
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
