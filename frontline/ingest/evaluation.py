"""Precision and recall of ingestion against hand-labelled reports, per fact type.

A gold file (JSON) lists reports — the seed by its file, real reports by the sentences needed
and their address — each with the facts a person read in it: kind, event type, place id, actor,
date and precision, and the words of the sentence(s) stating it (`quotes`). A candidate is paired
with a fact of its kind when one of its sentences holds one of the fact's quotes (the best
agreeing pair first, each used once). Then, per kind (control, aid):

- `facts`: a pair is right when place and event type agree; precision over all candidates,
  recall over all facts;
- each field (place, actor, date, type, and trucks and beneficiaries for aid): right where the
  pair agrees; precision over the candidates that give the field, recall over the facts that do.

A gold value may be a list of acceptable answers (a town or the district named after it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from frontline.gazetteer import Gazetteer
from frontline.ingest import Report, ingest
from frontline.ingest.candidates import Candidate

KINDS = ("control", "aid")
FIELDS = {"control": ("place", "actor", "date", "type"),
          "aid": ("place", "date", "type", "trucks", "beneficiaries")}  # fmt: skip


@dataclass(frozen=True)
class GoldReport:
    """One labelled report: what to ingest and the facts it states."""

    id: str
    split: str
    report: Report
    facts: tuple[dict, ...]


def load(path: Path, root: Path) -> list[GoldReport]:
    """The reports of a gold file; a report's `file` is read from under `root`, else its
    `sentences` are its text (one paragraph each)."""
    out = []
    for item in json.loads(path.read_text(encoding="utf-8"))["reports"]:
        if "file" in item:
            text = (root / item["file"]).read_text(encoding="utf-8")
        else:
            text = "\n\n".join(item["sentences"])
        report = Report(text, dt.date.fromisoformat(item["published"]),
                        item.get("publisher", ""), item.get("url", ""))  # fmt: skip
        out.append(GoldReport(item["id"], item.get("split", "seed"), report,
                              tuple(item["facts"])))  # fmt: skip
    return out


def run(reports: list[GoldReport], gazetteer: Gazetteer) -> list[list[Candidate]]:
    """Each report's candidates."""
    return [ingest(r.report, gazetteer) for r in reports]


def score(reports: list[GoldReport], found: list[list[Candidate]]) -> dict:
    """Precision and recall per kind and field over these reports (see the docstring)."""
    counts = {k: {f: [0, 0, 0] for f in ("facts", *FIELDS[k])} for k in KINDS}
    for gold, candidates in zip(reports, found, strict=True):
        for kind in KINDS:
            facts = [f for f in gold.facts if f["kind"] == kind]
            mine = [c for c in candidates if c.kind == kind]
            pairs = _pairs(facts, mine)
            table = counts[kind]
            table["facts"][0] += sum(_agrees(f, c, "place") and _agrees(f, c, "type")
                                     for f, c in pairs)  # fmt: skip
            table["facts"][1] += len(mine)
            table["facts"][2] += len(facts)
            for name in FIELDS[kind]:
                table[name][0] += sum(_agrees(f, c, name) for f, c in pairs)
                table[name][1] += sum(_value(c, name) is not None for c in mine)
                table[name][2] += sum(_expected(f, name) is not None for f in facts)
    return {kind: {name: _ratios(*numbers) for name, numbers in table.items()}
            for kind, table in counts.items()}  # fmt: skip


def _ratios(right: int, predicted: int, expected: int) -> dict:
    return {"precision": round(right / predicted, 3) if predicted else None,
            "recall": round(right / expected, 3) if expected else None,
            "right": right, "candidates": predicted, "gold": expected}  # fmt: skip


def _pairs(facts: list[dict], mine: list[Candidate]) -> list[tuple[dict, Candidate]]:
    """Fact–candidate pairs that share a sentence, the best agreeing first, each used once."""
    options = []
    for i, fact in enumerate(facts):
        for j, candidate in enumerate(mine):
            if any(q in e.quote for q in fact["quotes"] for e in candidate.evidence):
                weight = (4 * _agrees(fact, candidate, "place") + 2 * _agrees(fact, candidate,
                          "type") + _agrees(fact, candidate, "actor")
                          + _agrees(fact, candidate, "date"))  # fmt: skip
                options.append((-weight, i, j))
    used_f, used_c, pairs = set(), set(), []
    for _, i, j in sorted(options):
        if i not in used_f and j not in used_c:
            used_f.add(i)
            used_c.add(j)
            pairs.append((facts[i], mine[j]))
    return pairs


def _value(candidate: Candidate, name: str) -> object:
    if name == "place":
        return candidate.place["place_id"] if candidate.place else None
    if name == "type":
        return candidate.event_type
    if name == "date":
        return (candidate.date, candidate.date_precision) if candidate.date else None
    return getattr(candidate, name)


def _expected(fact: dict, name: str) -> object:
    if name == "type":
        return fact["event_type"]
    if name == "date":
        date = fact.get("date")
        if not date:
            return None
        return date, fact.get("date_precision") or {4: "year", 7: "month"}.get(len(date), "day")
    return fact.get(name)


def _agrees(fact: dict, candidate: Candidate, name: str) -> bool:
    want, got = _expected(fact, name), _value(candidate, name)
    if want is None or got is None:
        return False
    if isinstance(want, list) and not isinstance(got, tuple):
        return got in want
    return want == got


def summary(scores: dict) -> dict:
    """The scores as {kind: {field: [precision, recall]}}, for printing and floors."""
    return {kind: {name: [v["precision"], v["recall"]] for name, v in table.items()}
            for kind, table in scores.items()}  # fmt: skip
