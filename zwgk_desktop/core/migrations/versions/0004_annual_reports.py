"""Yearly reports (政府信息公开工作年度报告): one per office and year.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "annual_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("office", sa.String(255), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("source_file", sa.String(1024), nullable=False),
        sa.Column("record_id", sa.String(36), sa.ForeignKey("item_records.id"), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", TZ, nullable=True),
        sa.UniqueConstraint("office", "year"),
    )


def downgrade() -> None:
    op.drop_table("annual_reports")
