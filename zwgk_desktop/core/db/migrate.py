"""Schema versions: upgrade at start, after a backup copy; refuse databases from a newer app."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from zwgk_desktop.core.db.revision import HEAD_REVISION
from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# HEAD_REVISION (db/revision.py): a start-up on an up-to-date database needs no Alembic import at all.


class NewerSchemaError(UserError):
    pass


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [rev.revision for rev in script.walk_revisions()]


def snapshot_sqlite(db_path: Path, target: Path) -> None:
    """A consistent copy (committed WAL content included) through SQLite's backup API; others may keep
    reading and writing meanwhile."""
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(db_path: Path, backup_dir: Path, label: str) -> Path:
    """A snapshot into ``backup_dir``, written atomically."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite"
    with atomic_path(target) as tmp:
        snapshot_sqlite(db_path, tmp)
    return target


def upgrade(engine: Engine, *, db_path: Path | None = None, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to HEAD_REVISION. Returns the backup made before migrating, if any."""
    rev = current_revision(engine)
    if rev == HEAD_REVISION:
        return None
    if rev is not None and rev not in known_revisions():
        raise NewerSchemaError(
            msg("工作区数据库的版本（{rev}）比本程序新，可能是用更新版本的 zwgk-desktop 创建的。为保护数据，本程序不会打开它，请安装最新版本后再试。", rev=rev)
        )
    backup = None
    if rev is not None and db_path is not None and backup_dir is not None:
        backup = backup_sqlite(db_path, backup_dir, f"before-upgrade-from-{rev}")
    _run_alembic(engine, "head")
    return backup


def _run_alembic(engine: Engine, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine.dialect.name == "sqlite":
        # batch migrations copy tables: foreign keys must be off on the migrating connection, and the
        # pragma only takes effect outside a transaction, so it gets a connection of its own
        from zwgk_desktop.core.db.engine import make_engine

        engine = make_engine(engine.url.render_as_string(hide_password=False), foreign_keys=False)
    try:
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            conn.commit()
    finally:
        if engine.dialect.name == "sqlite":
            engine.dispose()
