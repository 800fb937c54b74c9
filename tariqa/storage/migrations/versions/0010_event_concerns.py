"""the format an announcement or decision concerns, without being one of its rounds; the
pages that show how far a group's material reaches

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("concerns_id", sa.String(128), nullable=True))
        batch.create_foreign_key(
            "fk_events_concerns_id_formats",
            "formats",
            ["concerns_id"],
            ["id"],
            deferrable=True,
            initially="DEFERRED",
        )
        batch.create_index("ix_events_concerns_id", ["concerns_id"])
    op.create_table(
        "group_sources",
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("group_id", "position"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_group_sources_url", "group_sources", ["url"])


def downgrade() -> None:
    op.drop_index("ix_group_sources_url", table_name="group_sources")
    op.drop_table("group_sources")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_concerns_id")
        batch.drop_constraint("fk_events_concerns_id_formats", type_="foreignkey")
        batch.drop_column("concerns_id")
