"""Commands that change the store or tell its story: `db upgrade`, `load`, `delete`,
`restore` and `audit`. Each change is one transaction with its audit entries."""

from __future__ import annotations

import json

import click
import pandas as pd

from frontline import store
from frontline.cli.common import edge, main
from frontline.config import load_settings
from frontline.io.dataset import read_dataset
from frontline.io.export import to_csv, to_json
from frontline.seeding import open_store

KIND = click.Choice(["event", "delivery", "source"])
BY = click.option("--by", required=True, help="Who makes the change (a person's name).")


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
@edge
def load() -> None:
    """Check data/ and seeds/ and bring the store in line: new and changed rows, and rows taken
    out of data/ soft-deleted (the row kept, the change in the audit log); entries made in the
    app, and records a person deleted, stay as they are."""
    settings = load_settings()
    engine = store.connect(settings.database_url)
    store.upgrade(engine)
    tables = read_dataset(settings.data_dir, settings.seeds_dir)
    for table, c in store.load(engine, tables, retire=True).items():
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
def delete(kind: str, record_id: str, by: str, reason: str) -> None:
    """Soft-delete a record: it leaves every page and report, and can be restored."""
    engine = open_store(load_settings())
    with store.transaction(engine) as conn:
        store.delete(conn, kind, record_id, _named(by, "--by"), _named(reason, "--reason"))
    click.echo(f"deleted {kind} {record_id} (by {by.strip()}: {reason.strip()})")


@main.command()
@click.argument("kind", type=KIND)
@click.argument("record_id")
@BY
@edge
def restore(kind: str, record_id: str, by: str) -> None:
    """Bring a deleted record back."""
    engine = open_store(load_settings())
    with store.transaction(engine) as conn:
        store.restore(conn, kind, record_id, by=_named(by, "--by"))
    click.echo(f"restored {kind} {record_id} (by {by.strip()})")


def _named(value: str, option: str) -> str:
    if not value.strip():
        raise click.BadParameter("must not be empty", param_hint=option)
    return value.strip()


AUDIT_COLUMNS = ["at", "action", "table", "id", "by", "reason"]


@main.command()
@click.argument("record_id", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the newest N entries (default: all of a record's; 50 otherwise).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
@edge
def audit(record_id: str | None, limit: int | None, fmt: str) -> None:
    """Who created, changed, deleted and restored what, and when (RECORD_ID: one record's)."""
    engine = open_store(load_settings())
    with engine.connect() as conn:
        found = store.audit_entries(conn, record_id, limit=limit or (None if record_id else 50))
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
        click.echo(shown.to_string(index=False))
