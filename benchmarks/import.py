"""An ACLED import at the size of a whole war: 100,000 synthetic events written in ACLED's current
export format, at more than 5,000 distinct locations, imported into a fresh SQLite store and a
fresh PostgreSQL (started as the tests start theirs), then imported again (it should add nothing).

The locations are the registry's own towns and villages of Syria and Iraq, under their names or
one of their Latin-script aliases, each point moved by up to ~1 km (ACLED's points are not the
registry's), plus invented villages the registry lacks, so that new places are added too. Actors
are ACLED's names of the curated actors, invented armed groups (added as new actors), civilians
and protesters; about 5 % of the events are territory changes (control events), the rest context.

Each import runs in its own process, so that its peak resident memory is its own; the figures
are the import's (read, check, place, save) without the interpreter's start. Prints one JSON
object. The goal (issue 13): 100,000 rows in at most 30 s on this 2-core machine.

    .venv/bin/python benchmarks/import.py                   # 100,000 rows, both backends
    .venv/bin/python benchmarks/import.py --rows 20000 --backends sqlite
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontline.config import PROJECT_ROOT
from frontline.imports.acled_columns import CURRENT

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from postgres import TemporaryPostgres  # noqa: E402  (tests/postgres.py: the same server)

KNOWN_ACTORS = [("Military Forces of Syria (2000-)", "State forces", "SY"),
                ("Military Forces of Iraq (2014-)", "State forces", "IQ"),
                ("IS (Islamic State)", "Rebel group", ""),
                ("SDF: Syrian Democratic Forces", "Rebel group", "SY"),
                ("Military Forces of Russia (2000-)", "External/Other forces", "SY"),
                ("New Syrian Army", "Rebel group", "SY")]  # fmt: skip
SUB_EVENTS = [  # (event type, sub-event type, weight)
    ("Battles", "Armed clash", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
    ("Explosions/Remote violence", "Air/drone strike", 15),
    ("Violence against civilians", "Attack", 10),
    ("Protests", "Peaceful protest", 10),
    ("Riots", "Mob violence", 3),
    ("Strategic developments", "Looting/property destruction", 2),
    ("Battles", "Government regains territory", 3),
    ("Battles", "Non-state actor overtakes territory", 3),
    ("Strategic developments", "Non-violent transfer of territory", 2),
    ("Strategic developments", "Headquarters or base established", 2),
]
PUBLISHERS = ["Syrian Observatory for Human Rights", "SANA", "Reuters", "AFP", "Enab Baladi",
              "Shaam News Network", "ANHA", "Al Sumaria", "Rudaw", "Shafaq News", "Iraqi News",
              "Step News Agency", "Deir Ezzor 24", "Qasioun News", "Xinhua", "AP"]  # fmt: skip
COUNTRY = {"SY": ("Syria", "760", "SYR"), "IQ": ("Iraq", "368", "IRQ")}


def locations(rng: random.Random, wanted: int, invented: int) -> list[dict]:
    """Registry towns and villages of Syria and Iraq (some under an alias), and invented ones."""
    from frontline.config import load_settings
    from frontline.gazetteer import all_places

    places = all_places(load_settings().data_dir)
    places = places[places["country"].isin(list(COUNTRY))
                    & places["kind"].isin(["town", "village", "neighbourhood"])]  # fmt: skip
    chosen = places.sample(n=min(wanted, len(places)), random_state=rng.randrange(10**6))
    out = []
    for row in chosen.itertuples(index=False):
        latin = [a for a in row.aliases if "@" not in a and a.isascii() and len(a) > 3]
        name = rng.choice(latin) if latin and rng.random() < 0.2 else row.name
        out.append({"location": name, "country": row.country, "admin1": "",
                    "lat": row.lat + rng.uniform(-0.008, 0.008),
                    "lon": row.lon + rng.uniform(-0.008, 0.008)})  # fmt: skip
    for n in range(invented):
        out.append({"location": f"Khirbat Synthetic {n}", "country": "SY", "admin1": "",
                    "lat": rng.uniform(33.0, 36.8), "lon": rng.uniform(36.5, 41.5)})  # fmt: skip
    return out


def write_file(path: Path, rows: int, seed: int = 13) -> dict:
    """ACLED's current columns, `rows` events; returns what went in."""
    rng = random.Random(seed)
    where = locations(rng, wanted=6000, invented=300)
    groups = [(f"Liwa al-Synthetic {n}", "Rebel group", "SY") for n in range(150)]
    armed = KNOWN_ACTORS + groups
    sources = ["; ".join(rng.sample(PUBLISHERS, rng.randint(1, 2))) for _ in range(600)]
    kinds = [(k, s) for k, s, w in SUB_EVENTS for _ in range(w)]
    start = dt.date(2012, 1, 1).toordinal()
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(CURRENT)
        for n in range(rows):
            place = where[n % len(where)] if n < len(where) else rng.choice(where)
            name, code, iso3 = COUNTRY[place["country"]]
            kind, sub = rng.choice(kinds)
            day = dt.date.fromordinal(start + rng.randrange(4380))
            if kind in ("Protests", "Riots"):
                actor1, inter1, actor2, inter2 = (f"Protesters ({name})", "Protesters", "", "")
            else:
                actor1, inter1, _ = rng.choice(armed)
                actor2, inter2, _ = (rng.choice(armed) if rng.random() < 0.7
                                     else (f"Civilians ({name})", "Civilians", ""))  # fmt: skip
            deaths = rng.choice([0, 0, 0, 1, 2, 3, 5, 12])
            out.writerow([f"{iso3}{n + 1}", day.isoformat(), day.year, rng.choice([1, 1, 1, 2, 3]),
                          "Political violence", kind, sub, actor1, "", inter1, actor2, "", inter2,
                          f"{inter1}-{inter2}" if inter2 else f"{inter1} only", "", code,
                          "Middle East", name, place["admin1"], "", "", place["location"],
                          f"{place['lat']:.4f}", f"{place['lon']:.4f}", rng.choice([1, 1, 2]),
                          rng.choice(sources), "National",
                          f"On {day:%d %B %Y}, {actor1} and {actor2 or 'unknown'} were involved "
                          f"in {sub.lower()} in {place['location']}. {deaths} reported killed.",
                          deaths, "", 1_600_000_000 + n])  # fmt: skip
    return {"rows": rows, "distinct_locations": len(where), "invented_locations": 300,
            "invented_actors": len(groups)}  # fmt: skip


def child(url: str, file: Path) -> None:
    """One import in this process: its seconds (read, save) and peak resident memory."""
    os.environ["FRONTLINE_DATABASE_URL"] = url
    from frontline import registry
    from frontline.config import load_settings
    from frontline.imports import acled, batch
    from frontline.seeding import open_store

    settings = load_settings()
    started = time.perf_counter()
    engine = open_store(settings)
    geocoder = registry.geocoder(settings, engine)
    opened = time.perf_counter()
    read = acled.read(file, settings, engine, geocoder)
    done_reading = time.perf_counter()
    summary = batch.run(read, settings, engine, "benchmark")
    finished = time.perf_counter()
    added = sum(c.get("added", 0) for c in summary.counts.values())
    print(json.dumps({
        "seconds": round(finished - opened, 2), "read_s": round(done_reading - opened, 2),
        "save_s": round(finished - done_reading, 2), "open_store_s": round(opened - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "records_added": added, "left_alone": summary.left_alone,
        "places_added": summary.places_added, "actors_added": len(summary.actors_added),
        "events": {t: summary.counts[t].get("added", 0) for t in ("control_events",
                                                                  "context_events")},
    }))  # fmt: skip


def _run_child(url: str, file: Path, env: dict) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", url, str(file)], env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        file = folder / "acled.csv"
        result: dict = {"date": dt.date.today().isoformat(), **write_file(file, args.rows),
                        "file_mb": round(file.stat().st_size / 2**20, 1)}  # fmt: skip
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
        warm = f"sqlite:///{folder}/warm.sqlite"  # builds the geocoder's index once, untimed
        subprocess.run([sys.executable, "-c", "from frontline import registry; "
                        "from frontline.config import load_settings; "
                        "from frontline.seeding import open_store; s = load_settings(); "
                        "registry.geocoder(s, open_store(s))"],
                       env={**env, "FRONTLINE_DATABASE_URL": warm}, check=True)  # fmt: skip
        wanted = args.backends.split(",")
        server = TemporaryPostgres.start() if "postgresql" in wanted else None
        try:
            for name in wanted:
                url = (f"sqlite:///{folder}/{name}.sqlite" if name == "sqlite"
                       else server.create_database())  # fmt: skip
                first, again = (_run_child(url, file, env) for _ in range(2))
                for figures in (first, again):
                    figures["rows_per_s"] = round(args.rows / figures["seconds"])
                result[name] = {"first_import": first, "same_file_again": again}
        finally:
            if server:
                server.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
