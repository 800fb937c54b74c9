"""API tokens: when each was last used, and labels unique per user

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_used", sa.String(length=32), nullable=True))
    # Labels were not unique before: a repeated one gets its token's id, "script (4)".
    conn = op.get_bind()
    rows = list(conn.execute(sa.text("SELECT id, user_id, label FROM api_tokens ORDER BY id")))
    taken = {(user_id, label) for _, user_id, label in rows}
    seen: set[tuple[int, str]] = set()
    for token_id, user_id, label in rows:
        if (user_id, label) in seen:
            new, n = label, 0
            while (user_id, new) in taken:
                suffix = f" ({token_id})" if n == 0 else f" ({token_id}-{n})"
                new, n = label[: 200 - len(suffix)] + suffix, n + 1
            conn.execute(sa.text("UPDATE api_tokens SET label = :label WHERE id = :id"), {"label": new, "id": token_id})
            taken.add((user_id, new))
        seen.add((user_id, label))
    op.create_index("ux_api_tokens_user_label", "api_tokens", ["user_id", "label"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_api_tokens_user_label", table_name="api_tokens")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("last_used")
