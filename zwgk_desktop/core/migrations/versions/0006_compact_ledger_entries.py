"""Mark the compact encoding of the history's ledger entries; the tables do not change.

From this revision a ledger entry written by an import holds its rows column by column, with repeated
values coded once, and JSON columns keep Chinese unescaped. A version of the app that knows only
revision 0005 would misread such an entry (it would report every imported record as differing from the
history), so the revision number moves on: that version refuses the workspace as newer instead, and
leaves it untouched. Entries written before this revision stay as they are and are still read.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # the revision number is the mark


def downgrade() -> None:
    pass  # entries already written in the compact encoding stay so: only a 0006-aware app reads them
