"""Places carry their admin chain below the governorate: `admin2` (district) and `admin3`
(sub-district), as the OCHA and GeoNames sources of the place registry give them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places") as table:
        table.add_column(sa.Column("admin2", sa.Text()))
        table.add_column(sa.Column("admin3", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("places") as table:
        table.drop_column("admin3")
        table.drop_column("admin2")
