"""A new workspace is created from the recorded head schema (no Alembic), identical to the migrations'."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from zwgk_desktop.core.db import head_schema, migrate
from zwgk_desktop.core.db.engine import make_engine
from zwgk_desktop.core.workspace import DB_NAME, Workspace


def _schema(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_recorded_schema_is_the_head_revision_and_equals_the_migrations(tmp_path: Path) -> None:
    assert head_schema.REVISION == migrate.HEAD_REVISION, "run: python -m zwgk_desktop.core.db.migrate"
    by_migrations = tmp_path / "migrated.sqlite"
    engine = make_engine(f"sqlite:///{by_migrations}")
    migrate._run_alembic(engine, "head")
    engine.dispose()
    ws = Workspace.open(tmp_path / "new")
    ws.close()
    assert _schema(tmp_path / "new" / DB_NAME) == _schema(by_migrations)
    with sqlite3.connect(tmp_path / "new" / DB_NAME) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(migrate.HEAD_REVISION,)]


def test_new_workspace_opens_without_alembic(tmp_path: Path) -> None:
    code = ("import sys\nfrom zwgk_desktop.core.workspace import Workspace\n"
            "Workspace.open(sys.argv[1]).close()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "ws")], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    ws = Workspace.open(tmp_path / "ws")  # and it opens again as an up-to-date workspace
    assert ws.settings()["office_id"]
    ws.close()


def test_stale_record_falls_back_to_the_migrations(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(head_schema, "REVISION", "0000")
    ws = Workspace.open(tmp_path / "ws")
    ws.close()
    engine = make_engine(f"sqlite:///{tmp_path / 'ws' / DB_NAME}")
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    engine.dispose()
