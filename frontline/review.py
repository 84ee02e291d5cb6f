"""The review queue: candidate events read from reports wait here until a person decides.

`frontline ingest --queue` puts an article and its candidates in the store; nothing they say
counts until a person accepts one — it then becomes records (a control event, a delivery, or a
context event for what changes no hands) citing the article as their source, in one
transaction, audited under that person. A rejection is remembered: a candidate's id comes from
the article and the fact it states, so re-ingesting the same article asks nothing again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontline import review_records
from frontline.config import Settings
from frontline.errors import StoreConflict, StoreInvalid, StoreNotFound
from frontline.store import audit, records
from frontline.store.engine import transaction
from frontline.store.schema import articles, candidates

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
EDITABLE = (
    "place_id",
    "actor",
    "opponent",
    "date",
    "date_precision",
    "event_type",
    "status",
    "trucks",
    "beneficiaries",
    "organisations",
    "claimed_by",
    "confirmed_by",
)


@dataclass(frozen=True)
class Article:
    """A report as ingested: who published it, when, where, and its cleaned text."""

    text: str
    published: dt.date
    publisher: str = ""
    title: str = ""
    url: str = ""

    @property
    def article_id(self) -> str:
        basis = self.url.strip() or self.text
        return "art:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Queued:
    """What queueing did: new candidates, ones still pending, ones decided before (asked not
    again)."""

    article_id: str
    added: list[str]
    pending: list[str]
    decided: list[str]


def candidate_id(article_id: str, candidate: dict) -> str:
    """The same fact of the same article has the same id, whatever run found it: what, where,
    when, who against whom, and the sentence."""
    place = (candidate.get("place") or {}).get("place_id") or ""
    fact = [
        article_id,
        place,
        *(
            candidate.get(k)
            for k in ("kind", "event_type", "date", "actor", "opponent", "quote", "start")
        ),
    ]
    return "cand:" + hashlib.sha256(json.dumps(fact).encode("utf-8")).hexdigest()[:16]


def queue(engine: Engine, article: Article, found: list[dict], by: str) -> Queued:
    """Put `article` and its candidates (`frontline ingest`'s JSON objects) in the queue, in
    one transaction; a candidate already there — pending or decided — is left as it is."""
    aid = article.article_id
    unique = {candidate_id(aid, c): c for c in reversed(found)}  # a fact stated twice: once
    ids, found = list(reversed(unique)), list(reversed(unique.values()))
    with transaction(engine) as conn:
        if (
            conn.execute(
                sa.select(articles.c.article_id).where(articles.c.article_id == aid)
            ).first()
            is None
        ):
            conn.execute(
                articles.insert().values(
                    article_id=aid,
                    publisher=article.publisher,
                    title=article.title,
                    url=article.url,
                    published_at=article.published,
                    text=article.text,
                    queued_at=audit.now(),
                    queued_by=by,
                )
            )
        known = dict(
            conn.execute(
                sa.select(candidates.c.candidate_id, candidates.c.status).where(
                    candidates.c.candidate_id.in_(ids)
                )
            ).all()
        )
        new = [
            {
                "candidate_id": i,
                "article_id": aid,
                "position": n,
                "status": PENDING,
                "payload": json.dumps(c, ensure_ascii=False),
            }
            for n, (i, c) in enumerate(zip(ids, found, strict=True))
            if i not in known
        ]
        if new:
            conn.execute(candidates.insert(), new)
    return Queued(
        aid,
        [r["candidate_id"] for r in new],
        [i for i in ids if known.get(i) == PENDING],
        [i for i in ids if known.get(i) in (ACCEPTED, REJECTED)],
    )


def listing(
    engine: Engine, status: str | None = PENDING, article_id: str | None = None
) -> pd.DataFrame:
    """The queue's candidates (pending by default), in article order, payloads as dicts."""
    c = candidates.c
    query = sa.select(
        candidates, articles.c.publisher, articles.c.published_at, articles.c.url
    ).join(articles, articles.c.article_id == c.article_id)
    if status:
        query = query.where(c.status == status)
    if article_id:
        query = query.where(c.article_id == article_id)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query.order_by(c.article_id, c.position)).mappings()]
    for row in rows:
        row["payload"] = json.loads(row["payload"])
    return pd.DataFrame(rows, columns=[*candidates.c.keys(), "publisher", "published_at", "url"])


def article_of(engine: Engine, article_id: str) -> dict:
    """The queued article, its text included (where candidates' offsets point)."""
    with engine.connect() as conn:
        row = (
            conn.execute(sa.select(articles).where(articles.c.article_id == article_id))
            .mappings()
            .first()
        )
    if row is None:
        raise StoreNotFound(f"no queued article {article_id!r}")
    return dict(row)


def accept(
    engine: Engine,
    settings: Settings,
    ids: list[str],
    by: str,
    edits: dict[str, dict] | None = None,
) -> dict[str, list[str]]:
    """Accept candidates (each with the person's edits: EDITABLE fields) in one transaction:
    their records and the article's source saved under `by`, the candidates marked accepted.
    A candidate no longer pending is refused (StoreConflict), one that cannot become a record
    (no place, an unknown actor) is refused naming the field (StoreInvalid) — nothing saved.
    Returns each candidate's new record ids."""
    edits = edits or {}
    with transaction(engine) as conn:
        rows = [_pending(conn, i) for i in ids]
        found = review_records.lookups(settings, engine)
        made = {}
        for row in rows:
            payload = {**row["payload"], **_checked_edits(edits.get(row["candidate_id"], {}))}
            article = dict(
                conn.execute(sa.select(articles).where(articles.c.article_id == row["article_id"]))
                .mappings()
                .one()
            )
            tables = review_records.tables(found, row["candidate_id"], payload, article)
            records.save(conn, tables, by)
            made[row["candidate_id"]] = review_records.ids(tables)
            _decide(conn, row, ACCEPTED, by, None, payload, made[row["candidate_id"]])
        return made


def reject(engine: Engine, candidate_id_: str, by: str, reason: str = "") -> None:
    """Reject a pending candidate; remembered, so the same fact is not asked again."""
    with transaction(engine) as conn:
        row = _pending(conn, candidate_id_)
        _decide(conn, row, REJECTED, by, reason.strip()[:2000] or None, row["payload"], [])


def _pending(conn: Connection, candidate_id_: str) -> dict:
    row = (
        conn.execute(sa.select(candidates).where(candidates.c.candidate_id == candidate_id_))
        .mappings()
        .first()
    )
    if row is None:
        raise StoreNotFound(f"no candidate {candidate_id_!r} in the review queue")
    if row["status"] != PENDING:
        raise StoreConflict(
            f"candidate {candidate_id_} was already {row['status']} by "
            f"{row['decided_by']} on {row['decided_at']:%Y-%m-%d %H:%M} UTC"
        )
    return {**row, "payload": json.loads(row["payload"])}


def _checked_edits(edit: dict) -> dict:
    unknown = set(edit) - set(EDITABLE)
    if unknown:
        raise StoreInvalid(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    return edit


def _decide(
    conn: Connection,
    row: dict,
    status: str,
    by: str,
    reason: str | None,
    payload: dict,
    made: list[str],
) -> None:
    """Mark the decision (only while still pending: a second reviewer at the same moment is
    refused) and audit it."""
    at = audit.now()
    values = {
        "status": status,
        "decided_by": by,
        "decided_at": at,
        "reason": reason,
        "payload": json.dumps(payload, ensure_ascii=False),
        "record_ids": json.dumps(made),
    }
    done = conn.execute(
        candidates.update()
        .where(candidates.c.candidate_id == row["candidate_id"], candidates.c.status == PENDING)
        .values(values)
    )
    if done.rowcount != 1:
        raise StoreConflict(
            f"candidate {row['candidate_id']} was decided by someone else at the "
            "same moment; nothing was saved"
        )
    before = {"status": PENDING, "payload": row["payload"]}
    after = {"status": status, "payload": payload, "record_ids": made, "reason": reason}
    audit.write(
        conn,
        [audit.entry("candidates", row["candidate_id"], "update", by, at, before, after, reason)],
    )
