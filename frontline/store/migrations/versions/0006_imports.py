"""Imports: context events (what happened at a place without changing who holds it: ACLED's
battles, strikes, protests) and `imported_rows`, which outside record made which of ours, at
which revision — so a second import of the same export adds nothing, a newer one updates what
changed, and events a complete newer export no longer holds can be found.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "context_events",
        sa.Column("event_id", sa.Text(), primary_key=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.Text()),
        sa.Column("place_id", sa.Text(), nullable=False),
        sa.Column("place_name", sa.Text()),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text()),
        sa.Column("actor_id", sa.Text()),
        sa.Column("opponent_id", sa.Text()),
        sa.Column("fatalities", sa.BigInteger()),
        sa.Column("source_ids", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("deleted_at", sa.DateTime()),
        sa.Column("deleted_by", sa.Text()),
        sa.Column("deleted_reason", sa.Text()),
    )
    op.create_table(
        "imported_rows",
        sa.Column("origin", sa.Text(), primary_key=True),
        sa.Column("external_id", sa.Text(), primary_key=True),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_id", sa.Text(), nullable=False),
        sa.Column("revision", sa.Text()),
        sa.Column("scope", sa.Text()),
        sa.Column("day", sa.Date()),
        sa.Column("raw", sa.Text()),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
    )
    op.create_index("ix_imported_rows_row", "imported_rows", ["table_name", "row_id"])


def downgrade() -> None:
    op.drop_index("ix_imported_rows_row", "imported_rows")
    op.drop_table("imported_rows")
    op.drop_table("context_events")
