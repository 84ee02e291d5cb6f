"""Soft deletes on every record, and an audit trail that keeps the row after each change.

Every record table gains `deleted_at`, `deleted_by` and `deleted_reason`; `audit_log` gains
`after` and `reason`, an index on `row_id`, and speaks of create/update/delete/restore
(`insert` entries become `create`). The version row is replaced by Alembic's own table, and
`store_version` holds one counter that every write moves, in commit order (the newest audit id
could not: on PostgreSQL transactions commit out of the order they take ids in, so a cache keyed
by it could miss a change for good).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RECORDS = ("sources", "actors", "places", "control_events", "aid_deliveries")


def upgrade() -> None:
    for name in RECORDS:
        with op.batch_alter_table(name) as table:
            table.add_column(sa.Column("deleted_at", sa.DateTime()))
            table.add_column(sa.Column("deleted_by", sa.Text()))
            table.add_column(sa.Column("deleted_reason", sa.Text()))
    with op.batch_alter_table("audit_log") as table:
        table.add_column(sa.Column("after", sa.Text()))
        table.add_column(sa.Column("reason", sa.Text()))
    op.create_index("ix_audit_log_row_id", "audit_log", ["row_id"])
    op.execute("UPDATE audit_log SET action = 'create' WHERE action = 'insert'")
    op.drop_table("schema_info")
    op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO store_version (id, n) "
               "SELECT 1, COALESCE(MAX(audit_id), 0) FROM audit_log")  # fmt: skip


def downgrade() -> None:
    op.drop_table("store_version")
    op.create_table("schema_info", sa.Column("version", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO schema_info (version) VALUES (1)")
    op.execute("UPDATE audit_log SET action = 'insert' WHERE action = 'create'")
    op.drop_index("ix_audit_log_row_id", "audit_log")
    with op.batch_alter_table("audit_log") as table:
        table.drop_column("reason")
        table.drop_column("after")
    for name in RECORDS:
        with op.batch_alter_table(name) as table:
            for column in ("deleted_reason", "deleted_by", "deleted_at"):
                table.drop_column(column)
