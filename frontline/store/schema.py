"""The SQL schema the newest migration leaves, generated from `frontline.model`.

Migrations (`migrations/versions`) say how a store gets here; `tests/unit/test_migrations.py`
upgrades empty SQLite and PostgreSQL stores and compares them with this metadata, so the two
cannot drift apart. Every record table carries the soft-delete columns: nothing is deleted for
real, a deleted row keeps who deleted it, when and why.
"""

from __future__ import annotations

import sqlalchemy as sa

from frontline import model

LOAD_ORDER = ("sources", "actors", "places", "control_events", "aid_deliveries", "context_events")
SOFT_DELETE = ("deleted_at", "deleted_by", "deleted_reason")
_SQL_TYPES = {
    "str": sa.Text,
    "choice": sa.Text,
    "precision": sa.Text,
    "list": sa.Text,  # JSON text: one schema for SQLite and PostgreSQL
    "int": sa.BigInteger,
    "float": sa.Float,
    "date": sa.Date,
}

metadata = sa.MetaData()


def _record_table(spec: model.Table) -> sa.Table:
    columns = [
        sa.Column(c.name, _SQL_TYPES[c.kind](), primary_key=c.name == spec.key,
                  nullable=not c.required)
        for c in spec.columns
    ]  # fmt: skip
    return sa.Table(
        spec.name,
        metadata,
        *columns,
        sa.Column("deleted_at", sa.DateTime()),  # UTC; NULL while the row is live
        sa.Column("deleted_by", sa.Text()),
        sa.Column("deleted_reason", sa.Text()),
    )


SQL_TABLES = {name: _record_table(spec) for name, spec in model.TABLES.items()}
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("row_id", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),  # create | update | delete | restore
    sa.Column("actor", sa.Text, nullable=False),  # who: a person's name, or "data/" for loads
    sa.Column("at", sa.DateTime, nullable=False),  # UTC
    sa.Column("before", sa.Text),  # the row before the change, as JSON (none for a create)
    sa.Column("after", sa.Text),  # the row after it, as JSON
    sa.Column("reason", sa.Text),  # why, when the person said (deletes)
    sa.Index("ix_audit_log_row_id", "row_id"),
    sa.Index("ix_audit_log_actor", "actor", "audit_id"),  # whose changes, newest first (0005)
    sa.Index("ix_audit_log_at", "at"),  # which days (0005)
)
users = sa.Table(
    "users",  # accounts of a team that signs in (frontline.auth); none: a single-user laptop
    metadata,
    sa.Column("name", sa.Text, primary_key=True),  # a local name, or an OIDC account's e-mail
    sa.Column("role", sa.Text, nullable=False),  # viewer | editor | admin
    sa.Column("password_hash", sa.Text),  # argon2id; NULL for an account that signs in by OIDC
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("disabled_at", sa.DateTime),  # UTC; a disabled account signs in no more
)
imported_rows = sa.Table(
    "imported_rows",  # which outside record made which of ours (frontline.imports.batch)
    metadata,
    sa.Column("origin", sa.Text, primary_key=True),  # the dataset family: "acled", "hxl" …
    sa.Column("external_id", sa.Text, primary_key=True),  # its id there: ACLED's event_id_cnty
    sa.Column("table_name", sa.Text, nullable=False),  # where ours lives
    sa.Column("row_id", sa.Text, nullable=False),  # our record's id in that table
    sa.Column("revision", sa.Text),  # the outside record's version (ACLED's timestamp)
    sa.Column("scope", sa.Text),  # what a complete export of it covers: ACLED's country
    sa.Column("day", sa.Date),  # its date, for "missing from a newer export of that period"
    sa.Column("raw", sa.Text),  # the outside row as JSON, for exporting it back unchanged
    sa.Column("imported_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("imported_by", sa.Text, nullable=False),
    sa.Index("ix_imported_rows_row", "table_name", "row_id"),
)
articles = sa.Table(
    "articles",  # reports read by `frontline ingest --queue`, whose candidates await review
    metadata,
    sa.Column("article_id", sa.Text, primary_key=True),  # from its address, else its text
    sa.Column("publisher", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published_at", sa.Date, nullable=False),
    sa.Column("text", sa.Text, nullable=False),  # the cleaned text candidates' offsets point in
    sa.Column("queued_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("queued_by", sa.Text, nullable=False),
)
candidates = sa.Table(
    "candidates",  # proposed events; none counts until a person accepts it (frontline.review)
    metadata,
    sa.Column("candidate_id", sa.Text, primary_key=True),  # stable: the same fact, the same id
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),  # its order in the article
    sa.Column("payload", sa.Text, nullable=False),  # the candidate as `frontline ingest` prints it
    sa.Column("status", sa.Text, nullable=False),  # pending | accepted | rejected
    sa.Column("decided_by", sa.Text),
    sa.Column("decided_at", sa.DateTime),  # UTC
    sa.Column("reason", sa.Text),  # why rejected, when the person said
    sa.Column("record_ids", sa.Text),  # JSON: the records an acceptance made
    sa.Index("ix_candidates_status", "status", "article_id"),
)
store_version = sa.Table(
    "store_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),  # moves with every batch of audit entries
)


def live(table: sa.Table) -> sa.ColumnElement[bool]:
    """The condition that keeps a table's rows that are not deleted."""
    return table.c.deleted_at.is_(None)
