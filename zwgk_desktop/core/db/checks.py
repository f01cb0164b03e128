"""Database-specific checks used by `check` (kept here: no SQLite-only SQL outside core/db)."""

from __future__ import annotations

from sqlalchemy import Connection


def foreign_key_violations(conn: Connection, limit: int = 50) -> list[tuple[str, object, str]]:
    """(table, row, referenced table) of rows that refer to a missing record. SQLite checks foreign keys
    only on connections that ask, so a row written by another tool can break one; a server enforces them
    on every write (none to find)."""
    if conn.dialect.name != "sqlite":
        return []
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(limit)
    return [(table, rowid, parent) for table, rowid, parent, _ in rows]
