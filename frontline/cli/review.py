"""`frontline review`: the queue of candidate events read from reports (`frontline ingest
--queue`) — list them, accept one (with edits) or reject one. The same functions as the Review
page (`frontline.review`)."""

from __future__ import annotations

import click

from frontline import review
from frontline.cli.common import BY, FORMAT, edge, emit, main, writer
from frontline.config import load_settings
from frontline.seeding import open_store

SHOWN = ("candidate_id", "status", "kind", "event_type", "date", "place", "actor", "quote",
         "publisher", "url", "decided_by", "reason")  # fmt: skip


@main.group("review")
def review_group() -> None:
    """Candidate events awaiting a person's decision; none counts until accepted."""


@review_group.command("list")
@click.option("--status", type=click.Choice([review.PENDING, review.ACCEPTED, review.REJECTED]),
              default=review.PENDING, show_default=True)  # fmt: skip
@FORMAT
@edge
def list_command(status: str, fmt: str) -> None:
    """The queue's candidates in article order."""
    rows = review.listing(open_store(load_settings()), status=status)
    for column in ("kind", "event_type", "date", "actor", "quote"):
        rows[column] = [p.get(column) for p in rows["payload"]]
    rows["place"] = [(p.get("place") or {}).get("name") for p in rows["payload"]]
    emit(rows.reindex(columns=list(SHOWN)), fmt)


@review_group.command()
@click.argument("candidate_id")
@click.option("--place", "place_id", help="The place's registry id (frontline geocode finds it).")
@click.option("--actor", help="Who acted: an actor's id, name or alias.")
@click.option("--opponent", help="Against whom.")
@click.option("--event-type", "event_type", help="Another event type.")
@click.option("--date", help="Another day, YYYY-MM-DD.")
@click.option("--status", help="claimed, reported, confirmed or disputed.")
@BY
@edge
def accept(candidate_id: str, by: str | None, **edits: str | None) -> None:
    """Accept a candidate: it becomes a record citing its article, audited under you."""
    settings = load_settings()
    engine = open_store(settings)
    who = writer(engine, by)
    chosen = {k: v for k, v in edits.items() if v is not None}
    made = review.accept(engine, settings, [candidate_id], who, {candidate_id: chosen})
    click.echo(f"accepted {candidate_id} as {', '.join(made[candidate_id])} (by {who})")


@review_group.command()
@click.argument("candidate_id")
@click.option("--reason", default="", help="Why: kept with the decision and in the audit log.")
@BY
@edge
def reject(candidate_id: str, by: str | None, reason: str) -> None:
    """Reject a candidate; remembered, so re-ingesting its article does not ask again."""
    engine = open_store(load_settings())
    who = writer(engine, by)
    review.reject(engine, candidate_id, who, reason)
    click.echo(f"rejected {candidate_id} (by {who})")
