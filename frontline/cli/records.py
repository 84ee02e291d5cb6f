"""Commands that change the store or tell its story: `db upgrade`, `load`, `delete`,
`restore` (a deletion undone, or any version put back) and `audit` (filtered by record, table,
person, action and days). Each change is one transaction with its audit entries, recorded
under `common.writer`'s identity: the signed-in account once the store has accounts."""

from __future__ import annotations

import datetime as dt
import json

import click
import pandas as pd

from frontline import store
from frontline.cli.common import BY, DAY, edge, main, writer
from frontline.config import load_settings
from frontline.io.dataset import read_dataset
from frontline.io.export import to_csv, to_json
from frontline.seeding import open_store
from frontline.store import audit
from frontline.store.records import KINDS

KIND = click.Choice(["event", "delivery", "source"])
ANY_KIND = click.Choice(list(KINDS))  # a version of any record may be put back
TABLES = [*store.LOAD_ORDER, "users"]


@main.group()
def db() -> None:
    """The store's schema."""


@db.command()
@edge
def upgrade() -> None:
    """Bring the store (FRONTLINE_DATABASE_URL) to the newest schema."""
    engine = store.connect(load_settings().database_url)
    before, after = store.upgrade(engine)
    click.echo(f"store at {after}" + (f" (was {before or 'empty'})" if before != after else ""))


@main.command()
@click.option(
    "--confirm-deletions",
    is_flag=True,
    help="Go ahead when more than half of a table's rows would be soft-deleted.",
)
@edge
def load(confirm_deletions: bool) -> None:
    """Check data/ and seeds/ and bring the store in line: new and changed rows, and rows taken
    out of data/ soft-deleted (the row kept, the change in the audit log); entries made in the
    app, and records a person deleted, stay as they are. Recorded as "data/", but once the store
    has accounts only a signed-in editor may run it."""
    settings = load_settings()
    engine = store.connect(settings.database_url)
    store.upgrade(engine)
    writer(engine, None)  # refuses unless this may write; the rows stay data/'s
    tables = read_dataset(settings.data_dir, settings.seeds_dir)
    counts = store.load(engine, tables, retire=True, confirm_deletions=confirm_deletions)
    for table, c in counts.items():
        extra = "".join(f", {c[k]} {k.replace('_', ' ')}" for k in ("restored", "kept_deleted")
                        if c[k])  # fmt: skip
        click.echo(f"{table}: {c['added']} added, {c['updated']} updated, "
                   f"{c['deleted']} deleted, {c['unchanged']} unchanged{extra}")  # fmt: skip


@main.command()
@click.argument("kind", type=KIND)
@click.argument("record_id")
@BY
@click.option("--reason", required=True, help="Why: kept with the record and in the audit log.")
@edge
def delete(kind: str, record_id: str, by: str | None, reason: str) -> None:
    """Soft-delete a record: it leaves every page and report, and can be restored."""
    engine = open_store(load_settings())
    who = writer(engine, _given(by))
    with store.transaction(engine) as conn:
        store.delete(conn, kind, record_id, who, _named(reason, "--reason"))
    click.echo(f"deleted {kind} {record_id} (by {who}: {reason.strip()})")


@main.command()
@click.argument("kind", type=ANY_KIND)
@click.argument("record_id")
@click.option(
    "--version",
    "audit_id",
    type=int,
    default=None,
    help="Put back the state this audit entry left the record in (see "
    "`frontline audit RECORD_ID`); without it, undo the record's deletion.",
)
@BY
@click.option("--reason", required=True, help="Why: kept in the audit log.")
@edge
def restore(kind: str, record_id: str, audit_id: int | None, by: str | None, reason: str) -> None:
    """Bring a deleted record back, or (--version) any earlier version of a record."""
    engine = open_store(load_settings())
    who = writer(engine, _given(by))
    why = _named(reason, "--reason")
    with store.transaction(engine) as conn:
        if audit_id is None:
            store.undelete(conn, kind, record_id, who, why)
        else:
            store.restore_version(conn, kind, record_id, audit_id, who, why)
    done = "restored" if audit_id is None else f"restored version {audit_id} of"
    click.echo(f"{done} {kind} {record_id} (by {who}: {why})")


def _given(by: str | None) -> str | None:
    return None if by is None else _named(by, "--by")


def _named(value: str, option: str) -> str:
    if not value.strip():
        raise click.BadParameter("must not be empty", param_hint=option)
    return value.strip()


AUDIT_COLUMNS = ["audit_id", "at", "action", "table", "id", "by", "reason"]  # audit_id: --version
DEFAULT_LIMIT = 50


@main.command("audit")
@click.argument("record_id", required=False)
@click.option("--table", type=click.Choice(TABLES), default=None, help="Only this table's.")
@click.option("--kind", type=ANY_KIND, default=None, help="Only this kind of record's.")
@click.option("--by", "person", default=None, help="Only the changes this person made.")
@click.option(
    "--action", type=click.Choice(audit.ACTIONS), default=None, help="Only this kind of change."
)
@click.option("--since", type=DAY, default=None, help="From this UTC day (YYYY-MM-DD) on.")
@click.option("--until", type=DAY, default=None, help="Up to this UTC day, inclusive.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help=f"Only the newest N entries (default: all of a record's; {DEFAULT_LIMIT} otherwise).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
@edge
def audit_command(record_id: str | None, table: str | None, kind: str | None,
                  person: str | None, action: str | None, since: dt.datetime | None,
                  until: dt.datetime | None, limit: int | None, fmt: str) -> None:  # fmt: skip
    """Who created, changed, deleted and restored what, and when, oldest first (RECORD_ID: one
    record's); each option narrows the entries."""
    table = _table(table, kind)
    limit = limit or (None if record_id else DEFAULT_LIMIT)
    engine = open_store(load_settings())
    with engine.connect() as conn:
        found = store.audit_entries(conn, record_id, table, limit, by=person, action=action,
                                    since=since and since.date(),
                                    until=until and until.date())  # fmt: skip
    _print(found, fmt, record_id)
    if fmt == "text" and len(found) == limit == DEFAULT_LIMIT:
        click.echo(f"(the newest {limit}: --limit N for more)", err=True)


def _table(table: str | None, kind: str | None) -> str | None:
    named = None if kind is None else KINDS[kind]
    if table and named and table != named:
        raise click.UsageError(f"--kind {kind} is the table {named}, not {table}")
    return table or named


def _print(found: list[dict], fmt: str, record_id: str | None) -> None:
    if fmt == "json":
        click.echo(to_json(found))
        return
    table = pd.DataFrame(found, columns=[*AUDIT_COLUMNS, "before", "after"])
    if fmt == "csv":
        rows = table.assign(before=table["before"].map(json.dumps),
                            after=table["after"].map(json.dumps))  # fmt: skip
        click.echo(to_csv(rows), nl=False)
    elif table.empty:
        click.echo("no audit entries" + (f" for {record_id}" if record_id else ""))
    else:
        shown = table[AUDIT_COLUMNS].fillna("")
        shown["reason"] = shown["reason"].map(lambda r: r if len(r) <= 60 else r[:59] + "…")
        shown["changed"] = [", ".join(audit.changes(e)) if e["action"] != "create" else ""
                            for e in found]  # fmt: skip
        click.echo(shown.to_string(index=False))
