"""The review queue of news ingestion: the articles read and the candidate events proposed
from them, each pending until a person accepts (it becomes records, audited under them) or
rejects it (remembered, so a re-ingested article does not ask again).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", sa.Text(), primary_key=True),
        sa.Column("publisher", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published_at", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("queued_by", sa.Text(), nullable=False),
    )
    op.create_table(
        "candidates",
        sa.Column("candidate_id", sa.Text(), primary_key=True),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text()),
        sa.Column("decided_at", sa.DateTime()),
        sa.Column("reason", sa.Text()),
        sa.Column("record_ids", sa.Text()),
    )
    op.create_index("ix_candidates_status", "candidates", ["status", "article_id"])


def downgrade() -> None:
    op.drop_index("ix_candidates_status", "candidates")
    op.drop_table("candidates")
    op.drop_table("articles")
