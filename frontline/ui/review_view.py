"""The Review page: each queued article with its candidates' sentences highlighted, and for
each candidate its fields to correct before an editor accepts it — or rejects it, remembered.
Decisions call `frontline.review`, as `frontline review` does."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from frontline import review
from frontline.errors import FrontlineError
from frontline.html_text import bidi, bidi_closed, markdown_literal
from frontline.model import EVENT_TYPES, STATUSES
from frontline.ui import data, keys, signin
from frontline.ui.frame import PageContext

MARK = "background:#ffe58a;color:#111;padding:0 2px"  # the chosen candidate's sentence


def queue(ctx: PageContext) -> None:
    """Choose an article with pending candidates; show it and review its candidates."""
    engine = data.engine(ctx.settings)
    pending = review.listing(engine)
    if keys.REVIEW_DONE in st.session_state:
        st.success(st.session_state.pop(keys.REVIEW_DONE))
    if pending.empty:
        st.info(
            "Nothing awaits review. `frontline ingest FILE --published DAY --queue` puts a "
            "report's candidate events here."
        )
        return
    articles = _articles(pending)
    chosen = st.selectbox("Article", list(articles), format_func=articles.get)
    rows = {
        r["candidate_id"]: r for r in pending[pending["article_id"] == chosen].to_dict("records")
    }
    titles = {cid: _title(n, r["payload"]) for n, (cid, r) in enumerate(rows.items())}
    cid = st.selectbox("Candidate", list(titles), format_func=titles.get)
    who = signin.writer(ctx.settings)
    if who is None:
        st.caption("Sign in as an editor to accept or reject candidates.")
    p = rows[cid]["payload"]
    st.html(highlighted(review.article_of(engine, chosen)["text"], p.get("start"), p.get("end")))
    edits = _fields(ctx, cid, p, disabled=who is None)
    if who is not None:
        _decisions(ctx, cid, edits, who)


def _articles(pending: pd.DataFrame) -> dict[str, str]:
    counts = pending.groupby("article_id").size()
    first = pending.drop_duplicates("article_id").set_index("article_id")
    return {
        a: f"{bidi_closed(str(first.at[a, 'publisher'] or 'unknown'))}, "
        f"{first.at[a, 'published_at']:%Y-%m-%d} — {counts[a]} pending"
        for a in first.index
    }


def _title(n: int, p: dict) -> str:
    place = (p.get("place") or {}).get("name") or "no place found"
    return bidi_closed(
        f"{n + 1}. {p.get('kind')}: {p.get('event_type')} — {place}, {p.get('date')}"
    )


def highlighted(text: str, start: object, end: object, around: int = 600) -> str:
    """The candidate's sentence marked inside the article (escaped: an article is data), with
    up to `around` characters either side."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return f"<p>{bidi(text[: around * 2])}</p>"
    lo, hi = max(0, start - around), min(len(text), end + around)
    before = ("… " if lo else "") + html.escape(text[lo:start])
    after = html.escape(text[end:hi]) + (" …" if hi < len(text) else "")
    mark = f'<mark style="{MARK}">{html.escape(text[start:end])}</mark>'
    return f'<p dir="auto" style="line-height:1.6">{before}{mark}{after}</p>'


def _fields(ctx: PageContext, cid: str, p: dict, disabled: bool) -> dict:
    """The candidate's fields as widgets; only what the person changed is returned."""
    labels = data.place_labels(ctx.settings, ctx.version)
    actors = ctx.dataset.actor_names
    a, b, c = st.columns(3)
    proposed = (p.get("place") or {}).get("place_id")
    place = a.selectbox(
        "Place",
        sorted(labels, key=labels.get),
        format_func=labels.get,
        index=_index(sorted(labels, key=labels.get), proposed),
        placeholder="Type a place name",
        key=keys.review("place", cid),
        disabled=disabled,
    )
    actor = b.selectbox(
        "Actor",
        ["", *actors],
        format_func=lambda i: actors.get(i, "—"),
        index=_index(["", *actors], ctx.dataset.resolve_actor(str(p.get("actor") or "")) or ""),
        key=keys.review("actor", cid),
        disabled=disabled,
    )
    types = EVENT_TYPES if p.get("kind") == "control" else [p.get("event_type") or "delivered"]
    kind = c.selectbox(
        "Event type",
        types,
        index=_index(types, p.get("event_type")) or 0,
        key=keys.review("type", cid),
        disabled=disabled or p.get("kind") != "control",
    )
    day = a.date_input(
        "Date", value=_day(p.get("date")), key=keys.review("date", cid), disabled=disabled
    )
    status = b.selectbox(
        "Status",
        STATUSES,
        index=_index(STATUSES, p.get("status")) or 1,
        key=keys.review("status", cid),
        disabled=disabled,
    )
    c.caption(_figures(p))
    chosen = {
        "place_id": place,
        "actor": actor or None,
        "event_type": kind,
        "date": day.isoformat() if day else None,
        "status": status,
    }
    was = {
        "place_id": proposed,
        "actor": ctx.dataset.resolve_actor(str(p.get("actor") or "")) or p.get("actor"),
        "event_type": p.get("event_type"),
        "date": p.get("date"),
        "status": p.get("status"),
    }
    return {k: v for k, v in chosen.items() if v != was[k] and v is not None}


def _figures(p: dict) -> str:
    parts = [
        f"{p[k]:,} {w}"
        for k, w in (("trucks", "trucks"), ("beneficiaries", "people"))
        if isinstance(p.get(k), int)
    ]
    claimed = [
        f"{w} {p[k]}"
        for k, w in (("claimed_by", "claimed by"), ("confirmed_by", "confirmed by"))
        if p.get(k)
    ]
    return markdown_literal("; ".join(parts + claimed)) or " "


def _decisions(ctx: PageContext, cid: str, edits: dict, who: signin.Writer) -> None:
    a, b, c = st.columns([1, 1, 3])
    reason = c.text_input("Reason (for a rejection)", key=keys.review("reason", cid))
    if a.button("Accept", key=keys.review("accept", cid), type="primary"):
        _run(
            lambda: review.accept(
                data.engine(ctx.settings), ctx.settings, [cid], who.name, {cid: edits}
            ),
            "Accepted: it now counts.",
        )
    if b.button("Reject", key=keys.review("reject", cid)):
        _run(
            lambda: review.reject(data.engine(ctx.settings), cid, who.name, reason),
            "Rejected: it will not be asked again.",
        )


def _run(decide, done: str) -> None:
    try:
        decide()
    except FrontlineError as exc:
        st.error(markdown_literal(str(exc)))
        return
    st.session_state[keys.REVIEW_DONE] = done
    st.rerun()


def _index(options: list, value: object) -> int | None:
    return options.index(value) if value in options else None


def _day(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
