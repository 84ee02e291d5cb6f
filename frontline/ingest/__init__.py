"""News ingestion: a report's text becomes candidate control and aid events, each with the
sentence it came from, who claimed it and who confirmed it, for a person to review.

    from frontline.ingest import Report, ingest
    candidates = ingest(Report(text, published=dt.date(2016, 6, 29), publisher="AP"))

Rules only, no model: `cleaning` (page chrome, glued words, offsets back to the raw text),
`sentences`, `places` (through the place registry) and `references` (places named by their
kind, counted, plural or "it"), `actors` (through the actor registry),
`triggers` (event words), `dating`, `figures`, `organisations`, `attribution` (sources and
status), `extract` (one sentence's events), `document` (what only the whole report settles),
`build` (candidates), `merging` (one event from several sentences or reports).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from frontline.gazetteer import Gazetteer
from frontline.ingest import actors, build, document, merging
from frontline.ingest.candidates import JSON_FIELDS, Candidate, Evidence
from frontline.ingest.document import Report

__all__ = ["JSON_FIELDS", "Candidate", "Evidence", "Report", "ingest", "ingest_many", "read"]


def ingest(report: Report, gazetteer: Gazetteer | None = None,
           data_dir: Path | None = None) -> list[Candidate]:  # fmt: skip
    """One report's candidate events, in the order the report first states them."""
    return read(report, gazetteer, data_dir)[1]


def read(report: Report, gazetteer: Gazetteer | None = None,
         data_dir: Path | None = None) -> tuple[str, list[Candidate]]:  # fmt: skip
    """The report's cleaned text — where the candidates' offsets point, what the review queue
    keeps to show each sentence in place — and its candidates."""
    gazetteer, registry = _tools(gazetteer, data_dir)
    done = document.read(report, gazetteer, registry)
    return done.cleaned.text, build.candidates(done, registry)


def ingest_many(reports: Iterable[Report], gazetteer: Gazetteer | None = None,
                data_dir: Path | None = None) -> list[Candidate]:  # fmt: skip
    """Several reports' candidates, the same event from several of them merged into one with
    all their sources (an independent one raising its status)."""
    gazetteer, registry = _tools(gazetteer, data_dir)
    each = [build.candidates(document.read(r, gazetteer, registry), registry) for r in reports]
    return merging.across(each, registry)


def _tools(gazetteer: Gazetteer | None, data_dir: Path | None) -> tuple[Gazetteer, actors.Registry]:
    from frontline.config import load_settings

    folder = data_dir or load_settings().data_dir
    return gazetteer or Gazetteer(folder), actors.load(folder)
