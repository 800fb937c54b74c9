"""fetching: the fetch log, Internet Archive snapshots of dead links, the versions of
fetched document texts, and codings waiting for review after a text changed

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("declared_type", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("warc", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fetch_log_url_id", "fetch_log", ["url", "id"])
    op.create_table(
        "link_snapshots",
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("snapshot_at", sa.String(length=32), nullable=True),
        sa.Column("checked", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )
    op.create_table(
        "document_text_versions",
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("language_score", sa.Float(), nullable=True),
        sa.Column("created", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "version"),
    )
    op.create_table(
        "coding_reviews",
        sa.Column("coding_id", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("coding_id"),
    )
    op.create_index("ix_coding_reviews_document_id", "coding_reviews", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_coding_reviews_document_id", table_name="coding_reviews")
    op.drop_table("coding_reviews")
    op.drop_table("document_text_versions")
    op.drop_table("link_snapshots")
    op.drop_index("ix_fetch_log_url_id", table_name="fetch_log")
    op.drop_table("fetch_log")
