"""indexes that serve events in their reading order (date, then id), paged

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_date_id", "events", ["date", "id"])
    op.create_index("ix_events_group_date_id", "events", ["group_id", "date", "id"])
    op.drop_index("ix_events_group_date", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_group_date", "events", ["group_id", "date"])
    op.drop_index("ix_events_group_date_id", table_name="events")
    op.drop_index("ix_events_date_id", table_name="events")
