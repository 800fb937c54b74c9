"""indexes that serve every filter of the events list in reading order, and each event's
date and filter columns beside its states, so a filter by state (with any other filter)
reads one index in date order

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: (name, leading column): each index leads with one filter column, then the reading
#: order (date, id), then the other filter columns, so that a second filter is checked
#: in the index without reading the row.
FILTERS = (
    ("ix_events_track_date_id", "track"),
    ("ix_events_level_date_id", "level"),
    ("ix_events_kind_date_id", "kind"),
    ("ix_events_format_date_id", "format_id"),
)
REST = ("group_id", "format_id", "track", "level", "kind")
#: The event's columns copied beside each of its states.
STATE_COLUMNS = ("date", *REST)


def upgrade() -> None:
    for name, column in FILTERS:
        op.create_index(name, "events", [column, "date", "id", *(c for c in REST if c != column)])
    op.drop_index("ix_events_format_id", table_name="events")
    for column in STATE_COLUMNS:
        op.add_column("event_states", sa.Column(column, sa.Date() if column == "date" else sa.String(64), nullable=True))
    copied = ", ".join(STATE_COLUMNS)
    op.execute(
        f"UPDATE event_states SET ({copied}) = (SELECT {copied} FROM events e WHERE e.id = event_states.event_id)"
    )
    # SQLite changes NOT NULL only by copying the table (kept WITHOUT ROWID, as it was made)
    with op.batch_alter_table("event_states", table_kwargs={"sqlite_with_rowid": False}) as batch:
        for column, kind in (("date", sa.Date()), ("group_id", sa.String(64)), ("track", sa.String(40))):
            batch.alter_column(column, existing_type=kind, nullable=False, type_=kind)
        for column in ("level", "kind"):
            batch.alter_column(column, existing_type=sa.String(64), nullable=False, type_=sa.String(40 if column == "level" else 16))
        batch.alter_column("format_id", existing_type=sa.String(64), type_=sa.String(128))
    op.create_index("ix_event_states_state_date_event", "event_states", ["state", "date", "event_id", *REST])
    op.drop_index("ix_event_states_state", table_name="event_states")


def downgrade() -> None:
    op.create_index("ix_event_states_state", "event_states", ["state"])
    op.drop_index("ix_event_states_state_date_event", table_name="event_states")
    with op.batch_alter_table("event_states", table_kwargs={"sqlite_with_rowid": False}) as batch:
        for column in STATE_COLUMNS:
            batch.drop_column(column)
    op.create_index("ix_events_format_id", "events", ["format_id"])
    for name, _ in FILTERS:
        op.drop_index(name, table_name="events")
