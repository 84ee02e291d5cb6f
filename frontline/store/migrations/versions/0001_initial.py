"""The schema as it stood before migrations: five record tables, the audit log, a version row.

Written out as it was (not generated from `frontline.model`), so that this revision never changes
when the model does; later revisions say what changed.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("source_id", sa.Text(), primary_key=True),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("dateline", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published_at", sa.Date(), nullable=False),
        sa.Column("published_at_precision", sa.Text()),
        sa.Column("text_path", sa.Text()),
        sa.Column("notes", sa.Text()),
    )
    op.create_table(
        "actors",
        sa.Column("actor_id", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.Text()),
        sa.Column("color", sa.Text(), nullable=False),
        sa.Column("side", sa.Text(), nullable=False),
        sa.Column("parent", sa.Text()),
        sa.Column("source", sa.Text()),
    )
    op.create_table(
        "places",
        sa.Column("place_id", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("admin1", sa.Text()),
        sa.Column("population", sa.BigInteger()),
        sa.Column("aliases", sa.Text()),
        sa.Column("source", sa.Text(), nullable=False),
    )
    op.create_table(
        "control_events",
        sa.Column("event_id", sa.Text(), primary_key=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.Text()),
        sa.Column("seq", sa.BigInteger()),
        sa.Column("date_text", sa.Text()),
        sa.Column("place_id", sa.Text(), nullable=False),
        sa.Column("place_name", sa.Text()),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Text()),
        sa.Column("opponent_id", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.Text()),
        sa.Column("confirmed_by", sa.Text()),
        sa.Column("source_ids", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text()),
    )
    op.create_table(
        "aid_deliveries",
        sa.Column("delivery_id", sa.Text(), primary_key=True),
        sa.Column("convoy_id", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.Text()),
        sa.Column("date_text", sa.Text()),
        sa.Column("origin_place_id", sa.Text()),
        sa.Column("destination_place_id", sa.Text(), nullable=False),
        sa.Column("place_name", sa.Text()),
        sa.Column("organisations", sa.Text()),
        sa.Column("trucks", sa.BigInteger()),
        sa.Column("beneficiaries", sa.BigInteger()),
        sa.Column("figures_scope", sa.Text()),
        sa.Column("items", sa.Text()),
        sa.Column("reported_first_since", sa.Date()),
        sa.Column("reported_first_since_precision", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("source_ids", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text()),
    )
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_id", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("before", sa.Text()),
    )
    op.create_table(
        "schema_info",
        sa.Column("version", sa.Integer(), primary_key=True),
    )


def downgrade() -> None:
    for name in ("schema_info", "audit_log", "aid_deliveries", "control_events", "places",
                 "actors", "sources"):  # fmt: skip
        op.drop_table(name)
