"""Measure news ingestion: precision and recall per fact type on the seed's gold labels, on the
real reports the rules were written from (all of them, and each collection round alone), on
the held-out reports, and on all real reports together; and articles per second.

Prints one JSON object. Speed is timed in a process whose place index is already loaded, over
every gold article (the seed and the real reports' excerpts): first each once with the
geocoder's and the date resolver's caches empty ("cold"), then the set again `--rounds` times
("warm": names and dates seen before answer from the caches, as in a long-running app); and
over the seed alone, a whole wire story. Wall time and CPU time are given apart.

    .venv/bin/python benchmarks/ingest.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import time

from frontline.config import PROJECT_ROOT
from frontline.gazetteer import Gazetteer
from frontline.ingest import dating, evaluation, ingest

GOLD = PROJECT_ROOT / "tests" / "data" / "ingest"


def quality(gazetteer: Gazetteer) -> dict:
    """Scores on the seed, the development reports (and each round of them), the held-out
    reports and all real reports."""
    seed = evaluation.load(GOLD / "seed_gold.json", PROJECT_ROOT)
    dev = evaluation.load(GOLD / "real_reports.json", PROJECT_ROOT)
    heldout = evaluation.load(GOLD / "heldout_reports.json", PROJECT_ROOT)
    rounds = {r["id"]: r["round"] for r in json.loads(
        (GOLD / "real_reports.json").read_text(encoding="utf-8"))["reports"]}  # fmt: skip
    sets = {"seed": seed, "real_dev": dev}
    for n in sorted(set(rounds.values())):
        sets[f"real_dev_round{n}"] = [r for r in dev if rounds[r.id] == n]
    sets |= {"real_heldout": heldout, "real_all": dev + heldout}
    out = {}
    for name, reports in sets.items():
        found = evaluation.run(reports, gazetteer)
        out[name] = {"reports": len(reports), "facts": sum(len(r.facts) for r in reports),
                     "scores": evaluation.summary(evaluation.score(reports, found))}  # fmt: skip
    return out


def speed(gazetteer: Gazetteer, rounds: int) -> dict:
    """Articles a second: every gold article with cold caches, then warm; and the seed alone
    (a whole 3,700-character wire story). Wall time and this process's CPU time apart: the
    machine is shared, and CPU time is what ingestion itself costs."""
    reports = [r.report for r in evaluation.load(GOLD / "seed_gold.json", PROJECT_ROOT)]
    for name in ("real_reports.json", "heldout_reports.json"):
        reports += [r.report for r in evaluation.load(GOLD / name, PROJECT_ROOT)]
    ingest(reports[0], gazetteer)  # imports dateparser and builds the typo table once
    gazetteer._lookup.cache_clear()
    gazetteer._located.cache_clear()
    dating._resolved.cache_clear()
    cold = _timed(lambda: [ingest(r, gazetteer) for r in reports])
    warm = _timed(lambda: [ingest(r, gazetteer) for _ in range(rounds) for r in reports])
    seed = _timed(lambda: [ingest(reports[0], gazetteer) for _ in range(rounds * 4)])
    rate = {"articles": len(reports), "mean_characters": sum(len(r.text) for r in reports)
            // len(reports), "seed_characters": len(reports[0].text)}  # fmt: skip
    for name, (wall, cpu), count in (("cold", cold, len(reports)),
                                     ("warm", warm, len(reports) * rounds),
                                     ("seed", seed, rounds * 4)):  # fmt: skip
        rate[f"{name}_articles_per_second_wall"] = round(count / wall, 1)
        rate[f"{name}_articles_per_second_cpu"] = round(count / cpu, 1)
    return rate


def _timed(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    gazetteer = Gazetteer()
    print(json.dumps({"quality": quality(gazetteer), "speed": speed(gazetteer, args.rounds)},
                     indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
