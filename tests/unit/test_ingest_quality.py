"""Ingestion's precision and recall per fact type against hand labels (tests/data/ingest/): the
seed, the real reports used while writing the rules ("dev") and those kept out of that work
("heldout"). Floors sit a little under what was measured, so that a regression fails; the
figures themselves come from `benchmarks/ingest.py`."""

from __future__ import annotations

import pytest

from frontline.config import PROJECT_ROOT
from frontline.ingest import evaluation

GOLD = PROJECT_ROOT / "tests" / "data" / "ingest"
# [precision, recall] floors per kind and field (None: nothing to measure).
FLOORS = {
    "seed": {
        "control": {"facts": [0.9, 0.7], "place": [0.9, 0.75], "actor": [0.9, 0.65],
                    "date": [0.9, 0.7], "type": [0.9, 0.7]},
        "aid": {"facts": [0.9, 0.9], "place": [0.9, 0.9], "date": [0.9, 0.9],
                "type": [0.9, 0.9], "trucks": [0.9, 0.9], "beneficiaries": [0.9, 0.9]},
    },
    "dev": {
        "control": {"facts": [0.9, 0.8], "place": [0.9, 0.85], "actor": [0.9, 0.8],
                    "date": [0.9, 0.8], "type": [0.9, 0.8]},
        "aid": {"facts": [0.9, 0.9], "place": [0.9, 0.9], "date": [0.9, 0.9],
                "type": [0.9, 0.9], "trucks": [0.9, 0.9], "beneficiaries": [None, None]},
    },
    "heldout": {
        "control": {"facts": [0.4, 0.25], "place": [0.4, 0.25], "actor": [0.6, 0.4],
                    "date": [0.55, 0.35], "type": [0.6, 0.4]},
        "aid": {"facts": [0.4, 0.3], "place": [0.4, 0.3], "date": [0.65, 0.5],
                "type": [0.65, 0.5], "trucks": [None, None], "beneficiaries": [None, None]},
    },
}  # fmt: skip


def _reports(split: str) -> list[evaluation.GoldReport]:
    if split == "seed":
        return evaluation.load(GOLD / "seed_gold.json", PROJECT_ROOT)
    return [r for r in evaluation.load(GOLD / "real_reports.json", PROJECT_ROOT)
            if r.split == split]  # fmt: skip


def test_the_real_set_is_at_least_ten_reports_of_2014_to_2018_each_with_its_address():
    reports = _reports("dev") + _reports("heldout")
    assert len(reports) >= 10 and len(_reports("heldout")) >= 5
    for r in reports:
        assert r.report.url.startswith("http") and 2014 <= r.report.published.year <= 2018
        text = r.report.text
        assert all(q in text for f in r.facts for q in f["quotes"]), r.id


@pytest.mark.parametrize("split", list(FLOORS))
def test_precision_and_recall_per_fact_type_stay_above_their_floors(gazetteer, split):
    reports = _reports(split)
    scores = evaluation.summary(evaluation.score(reports, evaluation.run(reports, gazetteer)))
    below = {}
    for kind, fields in FLOORS[split].items():
        for name, floors in fields.items():
            for measured, floor, what in zip(scores[kind][name], floors, ("precision", "recall"),
                                             strict=True):  # fmt: skip
                if floor is not None and (measured is None or measured < floor):
                    below[f"{kind} {name} {what}"] = (measured, floor)
    assert below == {}


def test_the_scorer_counts_a_wrong_place_against_both_precision_and_recall(gazetteer):
    reports = _reports("seed")
    found = evaluation.run(reports, gazetteer)
    for candidate in found[0]:
        if candidate.kind == "aid":
            candidate.place = {**candidate.place, "place_id": "gn:0"}
    aid = evaluation.score(reports, found)["aid"]
    assert aid["place"]["precision"] == 0.0 and aid["place"]["recall"] == 0.0
    assert aid["trucks"]["precision"] == 1.0  # the other fields still agree
