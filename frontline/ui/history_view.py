"""The History page: who changed what, when and why, from the audit trail; a record's versions,
and (for an editor) any of them put back. The filters live in the URL, so "every change Analyst
A made last week" is a link to send. Each change is told field by field (old → new) as escaped
text, never read as Markdown or HTML. Restoring is a write like the forms': shown only when
`signin.writer` says this session may write, and recorded under that identity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

import streamlit as st
from sqlalchemy.engine import Connection

from frontline import store
from frontline.errors import FrontlineError
from frontline.html_text import bidi
from frontline.labels import MISSING
from frontline.store import audit
from frontline.store.versions import TABLE_KINDS
from frontline.ui import data, keys, signin
from frontline.ui.frame import PageContext

WIDGETS = dict(zip(keys.HISTORY_PARAMS, (keys.HISTORY_RECORD, keys.HISTORY_TABLE, keys.HISTORY_BY,
                                         keys.HISTORY_ACTION, keys.HISTORY_FROM, keys.HISTORY_TO),
                   strict=True))  # fmt: skip

TABLE_LABELS = {"control_events": "Events", "aid_deliveries": "Aid deliveries", "sources":
                "Sources", "places": "Places", "actors": "Actors", "users": "Accounts"}  # fmt: skip
ACTION_LABELS = dict(zip(audit.ACTIONS, ("created", "changed", "deleted", "restored"), strict=True))
LIMITS = (100, 500, 2000)
LONGEST = 200  # characters of a value shown in "what changed"; the versions show it in full
PLACE_COLUMNS = {"places": "place_id", "control_events": "place_id",
                 "aid_deliveries": "destination_place_id"}  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; None: any."""

    record: str | None
    table: str | None
    by: str | None
    action: str | None
    since: dt.date | None
    until: dt.date | None
    limit: int


def _seed() -> None:
    """Each filter's first value from the URL (a link opened), when the session lacks it."""
    for param, key in WIDGETS.items():
        if key in st.session_state or param not in st.query_params:
            continue
        value: object = st.query_params[param]
        if param in (keys.PARAM_FROM, keys.PARAM_TO):
            try:
                value = dt.date.fromisoformat(str(value))
            except ValueError:
                continue
        st.session_state[key] = value


def filters(ctx: PageContext) -> Filters:
    """The filter bar; the choices are also written to the URL."""
    _seed()
    with data.engine(ctx.settings).connect() as conn:
        people = audit.people(conn)
    for key, known in ((keys.HISTORY_BY, people), (keys.HISTORY_TABLE, TABLE_LABELS),
                       (keys.HISTORY_ACTION, ACTION_LABELS)):  # fmt: skip
        if st.session_state.get(key) not in ("", None, *known):  # a link's unknown value
            st.session_state[key] = ""
    first, second, third, fourth = st.columns(4)
    record = first.text_input("Record id", key=keys.HISTORY_RECORD, placeholder="Any record")
    table = first.selectbox("Kind of record", ["", *TABLE_LABELS], key=keys.HISTORY_TABLE,
                            format_func=lambda t: TABLE_LABELS.get(t, "Any kind"))  # fmt: skip
    by = second.selectbox("Changed by", ["", *people], key=keys.HISTORY_BY,
                          format_func=lambda p: p or "Anyone")  # fmt: skip
    action = second.selectbox("Change", ["", *ACTION_LABELS], key=keys.HISTORY_ACTION,
                              format_func=lambda a: ACTION_LABELS.get(a, "Any change"))  # fmt: skip
    since = third.date_input(
        "From (UTC day)", value=None, key=keys.HISTORY_FROM, format="YYYY-MM-DD"
    )
    until = third.date_input("To (UTC day)", value=None, key=keys.HISTORY_TO, format="YYYY-MM-DD")
    limit = fourth.selectbox("Show the newest", LIMITS, key=keys.HISTORY_LIMIT,
                         format_func=lambda n: f"{n} changes")  # fmt: skip
    chosen = {keys.PARAM_RECORD: record.strip(), keys.PARAM_TABLE: table, keys.PARAM_BY: by,
              keys.PARAM_ACTION: action, keys.PARAM_FROM: since and since.isoformat(),
              keys.PARAM_TO: until and until.isoformat()}  # fmt: skip
    for param, value in chosen.items():
        if value:
            st.query_params[param] = value
        else:
            st.query_params.pop(param, None)
    return Filters(record.strip() or None, table or None, by or None, action or None, since,
                   until, limit)  # fmt: skip


def entries_table(ctx: PageContext, chosen: Filters) -> None:
    """The entries the filters keep, newest first, with what each changed."""
    if chosen.since and chosen.until and chosen.since > chosen.until:
        st.warning(f"“From” ({chosen.since}) comes after “To” ({chosen.until}): no day is in "
                   "between. Swap them to see that range.")  # fmt: skip
        return
    with data.engine(ctx.settings).connect() as conn:
        found = store.audit_entries(conn, chosen.record, chosen.table, chosen.limit,
                                    by=chosen.by, action=chosen.action, since=chosen.since,
                                    until=chosen.until)[::-1]  # fmt: skip
    if not found:
        st.info("No change in the store matches these filters.")
        return
    more = f" (the newest {chosen.limit})" if len(found) == chosen.limit else ""
    st.caption(f"{len(found):,} change{'' if len(found) == 1 else 's'}{more}, newest first. "
               "Times are UTC.")
    st.html(_html(found))


def _html(found: list[dict]) -> str:
    """The entries as an HTML table: every value escaped (and its direction isolated), the
    record linked to its own history and to its place's page."""
    heads = ("When (UTC)", "Who", "Change", "Record", "Reason", "What changed")
    return _grid(heads, [(_when(e["at"]), bidi(e["by"]), escape(_action(e)), _record(e),
                          bidi(e["reason"] or MISSING), _changed(e)) for e in found])  # fmt: skip


# cells as rows of "Header: value" on a phone, where six columns would hide what changed
STYLE = ("<style>.fl-history td,.fl-history th{padding:4px 8px;vertical-align:top;text-align:left;"
         "border-bottom:1px solid rgba(128,128,128,.3)}@media (max-width:640px){.fl-history thead"
         "{display:none}.fl-history tr{display:block;border-bottom:1px solid rgba(128,128,128,.3);"
         "padding:4px 0}.fl-history td{display:block;border:0;padding:1px 4px}.fl-history td::"
         "before{content:attr(data-label) ': ';font-weight:600}}</style>")  # fmt: skip


def _grid(heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A table of cells already made HTML (every data value escaped by the caller)."""
    body = "".join("<tr>" + "".join(f'<td data-label="{escape(h)}">{c}</td>'
                                    for h, c in zip(heads, row, strict=True)) + "</tr>"
                   for row in rows)  # fmt: skip
    return (f'{STYLE}<div class="fl-table fl-history" style="overflow-x:auto"><table style="'
            'border-collapse:collapse;width:100%;font-size:0.9rem;overflow-wrap:break-word">'
            f"<thead><tr>{''.join(f'<th>{escape(h)}</th>' for h in heads)}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")  # fmt: skip


def _when(at: str) -> str:
    return f'<span style="white-space:nowrap">{escape(at[:19].replace("T", " "))}</span>'


def _action(e: dict) -> str:  # an entry's or a version's
    return ACTION_LABELS.get(e["action"], e["action"])


def _record(e: dict) -> str:
    kind = TABLE_LABELS.get(e["table"], e["table"])
    own = urlencode({keys.PARAM_RECORD: e["id"], keys.PARAM_TABLE: e["table"]})
    links = [f'<a href="?{escape(own)}" target="_self">{bidi(e["id"])}</a>']
    place = (e["after"] or e["before"] or {}).get(PLACE_COLUMNS.get(e["table"], ""))
    if place:
        page = urlencode({"place": place})
        links.append(f'<a href="/Place?{escape(page)}" target="_self">place page</a>')
    return f'<span style="opacity:.7">{escape(kind)}</span><br>' + " · ".join(links)


WHOLE = {"create": "new record", "delete": "the whole record, off every page",
         "restore": "the whole record, back on the pages"}  # fmt: skip


def _changed(e: dict) -> str:
    """Each field the change moved, old (greyed) → new; a create, delete or restore that moved
    no field says what it did to the whole record."""
    lines = [f'<b>{escape(name)}</b>: <span style="opacity:.6">{bidi(_value(old))}</span> → '
             f"{bidi(_value(new))}" for name, (old, new) in audit.changes(e).items()]  # fmt: skip
    if e["action"] == "create" or not lines:
        return escape(WHOLE.get(e["action"], "no field"))
    return "<br>".join(lines)


def _value(value: object) -> str:
    if value is None or value == "" or value == []:
        return MISSING
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def history(ctx: PageContext) -> None:
    """The page: filters, what the last restore did, the entries, the record's versions."""
    chosen = filters(ctx)
    entries_table(ctx, chosen)
    if chosen.record:
        versions(ctx, chosen)


def versions(ctx: PageContext, chosen: Filters) -> None:
    """The versions of the record the filters name (one record of one kind), and, for a
    session that may write, a form to put one back."""
    record = chosen.record or ""
    with data.engine(ctx.settings).connect() as conn:
        tables = {e["table"] for e in store.audit_entries(conn, record, chosen.table)}
        tables = sorted(tables & set(TABLE_KINDS))
        if len(tables) != 1:
            if len(tables) > 1:
                st.info("Several kinds of record have this id: choose one to see its versions.")
            return
        kind = TABLE_KINDS[tables[0]]
        states = store.versions(conn, kind, record)
    if not states:
        return
    st.subheader(f"Versions of {kind} {record}")
    now = next((v for v in reversed(states) if v["current"]), states[-1])
    rows = [{"action": "update", "before": now["row"], "after": v["row"]} for v in states]
    st.caption("Each state the record has had, oldest first, and how it differs from the "
               "record now.")  # fmt: skip
    st.html(_versions_html(states, rows))
    done = st.session_state.pop(keys.HISTORY_DONE, None)
    if done:  # where the reader clicked, with the change as the newest entry above
        st.success(done)
    who = signin.writer(ctx.settings)
    if who is not None:
        _restore_form(ctx, kind, record, states, who)


def _versions_html(states: list[dict], rows: list[dict]) -> str:
    heads = ("Version", "When (UTC)", "Who", "Change", "State", "Differs from now")
    cells = []
    for v, row in zip(states, rows, strict=True):
        state = ("deleted" if v["deleted"] else "live") + (" · now" if v["current"] else "")
        differs = "<br>".join(f"<b>{escape(n)}</b>: {bidi(_value(new))}"
                              for n, (_, new) in audit.changes(row).items())  # fmt: skip
        differs = differs or (MISSING if v["current"] else "its state only")
        cells.append((escape(str(v["audit_id"])), _when(v["at"]), bidi(v["by"]),
                      escape(_action(v)), escape(state), differs))  # fmt: skip
    return _grid(heads, cells)


def _restore_form(ctx: PageContext, kind: str, record: str, states: list[dict],
                  who: signin.Writer) -> None:  # fmt: skip
    """Restore (a deleted record, as it was) and Restore this version (any other state), each
    asking why; on a single-user laptop also who restores."""
    choices = {v["audit_id"]: v for v in states if not v["current"]}
    if states[-1]["deleted"] and states[-1]["current"]:
        with st.form(keys.HISTORY_UNDELETE, clear_on_submit=True):
            st.markdown(f"**This {kind} is deleted.** Bring it back as it was:")
            reason = st.text_input("Why restore it", max_chars=2000, key=keys.HISTORY_WHY_BACK)
            by = _who(who, keys.HISTORY_WHO_BACK)
            if st.form_submit_button("Restore"):
                _run(ctx, f"restored {kind} {record}", reason, by,
                     lambda c, b: store.undelete(c, kind, record, b, reason))  # fmt: skip
    if not choices:
        return
    with st.form(keys.HISTORY_RESTORE, clear_on_submit=True):
        picked = st.selectbox("Version", list(choices), key=keys.HISTORY_VERSION,
                              format_func=lambda a: _version_label(choices[a]))  # fmt: skip
        reason = st.text_input("Why restore this version", max_chars=2000, key=keys.HISTORY_WHY)
        by = _who(who, keys.HISTORY_WHO)
        if st.form_submit_button("Restore this version"):
            _run(ctx, f"restored version {picked} of {kind} {record}", reason, by,
                 lambda c, b: store.restore_version(c, kind, record, picked, b,
                                                    reason))  # fmt: skip


def _who(who: signin.Writer, key: str) -> str:
    """Who restores: typed on a single-user laptop (the system user by default), else the
    signed-in name."""
    return st.text_input("Restored by", value=who.name, key=key) if who.typed else who.name


def _version_label(v: dict) -> str:
    state = " (deleted)" if v["deleted"] else ""
    return f"{v['audit_id']}: {v['at'][:19].replace('T', ' ')}, {_action(v)} by {v['by']}{state}"


def _run(ctx: PageContext, done: str, reason: str, by: str,
         change: Callable[[Connection, str], dict]) -> None:  # fmt: skip
    """One restore in one transaction; its outcome said after the rerun, or an error box."""
    if not reason.strip() or not by.strip():
        st.error("Say why, and who restores: both are kept in the audit trail.")
        return
    try:
        with store.transaction(data.engine(ctx.settings)) as conn:
            change(conn, by.strip())
    except FrontlineError as exc:
        st.error(f"Nothing was restored: {exc}")
        return
    st.session_state[keys.HISTORY_DONE] = (
        f"Done: {done}, recorded under {by.strip()}. The change is the newest entry "
        "in the table above, with what it changed.")  # fmt: skip
    st.rerun()
