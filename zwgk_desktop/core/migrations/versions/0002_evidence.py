"""Evidence, evidence links and publication records.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("stored_path", sa.String(255), nullable=False),
        sa.Column("original_name", sa.String(1024), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(128), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("added_at", TZ, nullable=False),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.Column("archived_at", TZ, nullable=True),
    )
    op.create_index("ix_evidence_sha256", "evidence", ["sha256"])
    op.create_table(
        "evidence_links",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("evidence_id", sa.String(36), sa.ForeignKey("evidence.id"), nullable=False),
        sa.Column("record_id", sa.String(36), sa.ForeignKey("item_records.id"), nullable=False),
        sa.Column("linked_at", TZ, nullable=False),
        sa.Column("archived_at", TZ, nullable=True),
        sa.UniqueConstraint("evidence_id", "record_id"),
    )
    op.create_index("ix_evidence_links_record", "evidence_links", ["record_id"])
    op.create_table(
        "publications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36), sa.ForeignKey("item_records.id"), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(255), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("formed_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("archived_at", TZ, nullable=True),
    )
    op.create_index("ix_publications_record", "publications", ["record_id"])


def downgrade() -> None:
    op.drop_table("publications")
    op.drop_table("evidence_links")
    op.drop_table("evidence")
