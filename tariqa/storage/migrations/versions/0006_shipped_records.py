"""the shipped version of each reference record last loaded, so that init keeps local edits

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
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
        "shipped_records",
        sa.Column("collection", sa.String(32), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("release", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("collection", "key"),
    )


def downgrade() -> None:
    op.drop_table("shipped_records")
