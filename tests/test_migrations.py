"""Schema migrations: upgrade committed old databases, refuse newer ones, models match the scripts."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from zwgk_desktop.core.db import migrate
from zwgk_desktop.core.db.models import Base
from zwgk_desktop.core.types import Status
from zwgk_desktop.core.workspace import DB_NAME, Workspace

OLD = Path(__file__).parent / "data" / "old_workspaces"


def _dump(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as db:
        return list(db.iterdump())


def test_head_constant_matches_scripts() -> None:
    assert migrate.known_revisions()[0] == migrate.HEAD_REVISION


def test_models_match_migrations(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path)
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ws.close()
    assert diff == []


def test_upgrade_committed_0001_database_keeps_data_and_backs_up(tmp_path: Path) -> None:
    shutil.copy(OLD / "schema-0001.sqlite", tmp_path / DB_NAME)
    ws = Workspace.open(tmp_path)
    try:
        assert migrate.current_revision(ws.engine) == migrate.HEAD_REVISION
        backup = ws.last_migration_backup
        assert backup is not None and backup.parent == tmp_path / "backups"
        with sqlite3.connect(backup) as db:  # the backup is the old database, untouched
            assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert db.execute("SELECT count(*) FROM item_records").fetchone() == (3,)
        assert ws.settings()["office"] == "万善乡人民政府"
        info = ws.checklist("2025年社会救助")
        rows = ws.rows(info.id)
        assert [r.title for r in rows] == ["政策法规文件", "办事指南", "救助信息"]
        assert rows[0].status is Status.DONE and rows[0].assignee == "李红" and rows[0].note == "已在政府网站公开"
        assert rows[0].owners == ["县级政府民政部门", "乡镇政府（街道办事处）"]
        assert rows[2].status is Status.REWORK
        assert [h.field for h in ws.history(rows[0].id)] == ["status"]
        assert ws.verify_history() == []
        # new tables work on the upgraded database
        f = tmp_path / "proof.txt"
        f.write_text("证明", encoding="utf-8")
        ws.attach_files([rows[1].id], [f])
        assert ws.rows(info.id)[1].evidence_count == 1
    finally:
        ws.close()


@pytest.mark.parametrize("schema", ["0002", "0003", "0004", "0005", "0006"])
def test_committed_databases_open_with_evidence_and_publications(tmp_path: Path, schema: str) -> None:
    shutil.copy(OLD / f"schema-{schema}.sqlite", tmp_path / DB_NAME)
    ws = Workspace.open(tmp_path)
    try:
        assert migrate.current_revision(ws.engine) == migrate.HEAD_REVISION
        info = ws.checklist("2024年社会救助")
        rows = ws.rows(info.id)
        assert len(rows) == 12 and rows[3].status is Status.DONE and rows[3].assignee == "李红"
        assert [r.evidence_count for r in rows[3:5]] == [2, 1]
        assert [e.name for e in ws.evidence_for(rows[3].id)] == ["公示栏照片.jpg", "办事指南"]
        pub = ws.publications(rows[3].id)[0]
        assert (pub.due, pub.on_time) == (date(2024, 10, 16), True)  # 10 working days across National Day
        assert ws.verify_history() == []
        assert rows[3].version >= 1  # schema 0003 numbers record versions; older records start at 1
        assert ws.update_record(rows[3].id, note="升级后修改", expected_version=rows[3].version).version == \
            rows[3].version + 1
    finally:
        ws.close()


def test_every_schema_revision_has_a_committed_database() -> None:
    revisions = set(migrate.known_revisions())
    committed = {p.stem.removeprefix("schema-") for p in OLD.glob("schema-*.sqlite")}
    assert committed == revisions


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    shutil.copy(OLD / "schema-0001.sqlite", tmp_path / DB_NAME)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _dump(tmp_path / DB_NAME)
    with pytest.raises(migrate.NewerSchemaError, match="比本程序新"):
        Workspace.open(tmp_path)
    assert _dump(tmp_path / DB_NAME) == before
    assert not (tmp_path / "backups").exists()


def test_fresh_workspace_has_no_backup(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "new")
    assert ws.last_migration_backup is None
    assert ws.settings()["office_id"]
    ws.close()


def test_corrupt_database_is_a_clear_error_and_left_alone(tmp_path: Path) -> None:
    from zwgk_desktop.core.types import UserError

    db = tmp_path / DB_NAME
    db.write_bytes(b"this is not a database, just garbage " * 200)
    before = db.read_bytes()
    with pytest.raises(UserError, match="文件已损坏"):
        Workspace.open(tmp_path)
    assert db.read_bytes() == before


@pytest.mark.parametrize("schema", ["0003", "0004"])
def test_yearly_reports_table_after_upgrade(tmp_path: Path, schema: str) -> None:
    from zwgk_desktop.core.annual import store
    from zwgk_desktop.core.annual.model import AnnualReport

    shutil.copy(OLD / f"schema-{schema}.sqlite", tmp_path / DB_NAME)
    ws = Workspace.open(tmp_path)
    try:
        kept = store.get(ws, 2024)
        assert (kept is not None) == (schema == "0004")
        if kept is not None:  # made by make_current.py at 0004
            assert kept.report.table3["new_received"][6] == 2 and kept.report.table4["行政复议"][4] == 1
        saved = store.save(ws, AnnualReport(year=2025, office=""))
        assert saved.report.office == "万善乡人民政府" and saved.version == 1
        assert ws.verify_history() == []
    finally:
        ws.close()


def test_upgrade_to_0005_indexes_records_by_template_item(tmp_path: Path) -> None:
    shutil.copy(OLD / "schema-0004.sqlite", tmp_path / DB_NAME)
    Workspace.open(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM item_records WHERE template_item_id = 'x'").fetchall()
    assert any("ix_item_records_template_item" in str(row) for row in plan)


def test_new_ids_are_random_uuid4_text() -> None:
    import uuid

    from zwgk_desktop.core.db.models import new_id

    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        u = uuid.UUID(text)
        assert (u.version, u.variant, str(u)) == (4, uuid.RFC_4122, text)


def test_upgrade_to_0006_keeps_old_entries_readable_and_writes_compact_ones(tmp_path: Path) -> None:
    """A 0005 workspace (history entries in the old, escaped encoding) opens at 0006, checks clean, and
    an import there writes the compact ledger entry that 0006 marks."""
    from zwgk_desktop.core.importing import read_template

    shutil.copy(OLD / "schema-0005.sqlite", tmp_path / DB_NAME)
    ws = Workspace.open(tmp_path)
    try:
        assert migrate.current_revision(ws.engine) == "0006" == migrate.HEAD_REVISION
        only_the_photo = ["文件缺失" in p for p in ws.check().problems]  # the database alone was copied
        assert only_the_photo == [True]
        ws.import_new(read_template(Path(__file__).parent / "data" / "fixtures" / "shehui-jiuzhu-catalogue.xlsx"),
                      name="2025年社会救助", year=2025)
        assert ["文件缺失" in p for p in ws.check().problems] == [True]
    finally:
        ws.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        (after,) = db.execute("SELECT \"after\" FROM history WHERE entity = 'ledger' ORDER BY seq DESC LIMIT 1"
                              ).fetchone()
    assert "社会救助" in after  # Chinese unescaped: the encoding 0006 marks


def test_app_that_knows_only_0005_refuses_a_0006_workspace_untouched(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(OLD / "schema-0006.sqlite", tmp_path / DB_NAME)
    before = _dump(tmp_path / DB_NAME)
    known = [rev for rev in migrate.known_revisions() if rev != "0006"]  # the app as it was before 0006
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0005")
    monkeypatch.setattr(migrate, "known_revisions", lambda: known)
    with pytest.raises(migrate.NewerSchemaError, match="比本程序新"):
        Workspace.open(tmp_path)
    assert _dump(tmp_path / DB_NAME) == before
    assert not (tmp_path / "backups").exists()
