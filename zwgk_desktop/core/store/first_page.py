"""The first page of a checklist, for the window's first paint while the whole checklist is read.

One indexed query (template items by position, their records by ``template_item_id``), which stops after
``limit`` rows instead of sorting the whole checklist: about a millisecond at 100,000 items against a
third of a second for the first page through :func:`query.load_rows`. SQLite workspaces read it with plain
``sqlite3`` (read-only); other databases, and any trouble, take ``Workspace.rows(limit=…)``.

:func:`peek` reads it at start-up before the workspace is opened (and before SQLAlchemy is imported: this
module imports none of it), only from a database that opening will not change: this version's schema
revision, no restore or transaction left to finish. Otherwise it returns None and the window waits for
the workspace, so it never shows rows of a database that is about to change.

Rows whose record points at an item of an older template version are not on this page; the full read
that follows has every row.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_desktop.core.fields import NAMES
from zwgk_desktop.core.store.query import RowBuilder
from zwgk_desktop.core.types import ItemRow

# CROSS JOIN fixes the join order for SQLite: walk ix_template_items_template_position, then look up each
# item's record through ix_item_records_template_item.
FIRST_PAGE_SQL = """
SELECT r.id, c.name, {fields}, r.status, r.due_date, r.assignee, r.note, t.position,
       (SELECT count(*) FROM evidence_links e WHERE e.record_id = r.id AND e.archived_at IS NULL),
       r.version
FROM checklists c
CROSS JOIN template_items t ON t.template_id = c.template_id
CROSS JOIN item_records r ON r.template_item_id = t.id
WHERE c.id = ? AND r.checklist_id = c.id AND r.archived_at IS NULL
ORDER BY t.position
LIMIT ?
""".format(fields=", ".join(f"t.{name}" for name in NAMES))  # the registry's, as RowBuilder takes them


def read_first_page(db_path: Path, checklist_id: str, limit: int) -> list[ItemRow] | None:
    """The first ``limit`` rows of a checklist in template order, or None when the database cannot be
    read this way (the caller then takes the normal path)."""
    try:
        con = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            values = con.execute(FIRST_PAGE_SQL, (checklist_id, limit)).fetchall()
        finally:
            con.close()
        build = RowBuilder()
        due_at = 3 + len(NAMES)  # after the id, the checklist, the fields and the status
        return [build(*v[:due_at], date.fromisoformat(v[due_at]) if v[due_at] else None, *v[due_at + 1:])
                for v in values]
    except (sqlite3.Error, ValueError, KeyError):
        return None


@dataclass(frozen=True)
class FirstPeek:
    """What the window paints before the workspace is opened: the checklist it will show, its first page
    and its counts, read from a database that opening will not change."""

    checklist_id: str
    name: str
    total: int
    rows: list[ItemRow]
    office: str


CHECKLISTS_SQL = "SELECT id, name FROM checklists WHERE archived_at IS NULL ORDER BY created_at"
TOTAL_SQL = "SELECT count(*) FROM item_records WHERE checklist_id = ? AND archived_at IS NULL"


def peek(data_dir: Path, prefer: str | None, limit: int) -> FirstPeek | None:
    """The first page of the checklist the window will open (``prefer`` when it is in use, else the
    newest), read with plain sqlite3 before SQLAlchemy is imported; None whenever the workspace must be
    opened first: no database, not SQLite, a schema revision other than this version's (it would be
    migrated, or refused), a restore or a transaction's files left to finish (``.journal/``), no
    checklist, or any trouble reading."""
    from zwgk_desktop.core.db.revision import HEAD_REVISION
    from zwgk_desktop.core.locations import DB_NAME
    from zwgk_desktop.core.restore_journal import journal_path

    data_dir = Path(data_dir)
    db = data_dir / DB_NAME
    try:
        if not db.is_file() or journal_path(data_dir).exists() or any((data_dir / ".journal").glob("*")):
            return None
        with db.open("rb") as head:
            if head.read(16) != b"SQLite format 3\x00":
                return None
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            if con.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD_REVISION,)]:
                return None
            infos = con.execute(CHECKLISTS_SQL).fetchall()
            if not infos:
                return None
            checklist_id, name = next(((i, n) for i, n in infos if i == prefer), infos[-1])
            total = con.execute(TOTAL_SQL, (checklist_id,)).fetchone()[0]
            office = con.execute("SELECT value FROM settings WHERE key = 'office'").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return None
    rows = read_first_page(db, checklist_id, limit)
    if rows is None:
        return None
    return FirstPeek(checklist_id, name, total, rows, office[0] if office else "")
