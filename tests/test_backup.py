"""One-file backups: create while working, verify every hash, restore next to the old workspace."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.db import migrate
from zwgk_desktop.core.services import backup
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, UserError
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.update_settings(office="万善乡人民政府")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                              for i in range(3)]))
    rid = workspace.rows(workspace.checklist().id)[0].id
    workspace.update_record(rid, status="done", note="已公开")
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    workspace.attach_files([rid], [photo])
    (workspace.calendar_dir).mkdir(parents=True, exist_ok=True)
    (workspace.calendar_dir / "2027.json").write_text(
        '{"year": 2027, "holidays": ["2027-10-01/2027-10-07"], "workdays": ["2027-10-09"]}', encoding="utf-8")
    yield workspace
    workspace.close()


def test_backup_verify_restore_round_trip(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "备份.zip"
    info = backup.create_backup(ws, out)
    assert (info.office, info.schema, info.files) == ("万善乡人民政府", migrate.HEAD_REVISION, 3)
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert {"manifest.json", "zwgk.sqlite", "calendar/2027.json"} <= names
    assert any(n.startswith("evidence/") for n in names)
    assert backup.verify_backup(out) == []

    ws.update_record(ws.rows(ws.checklist().id)[1].id, status="rework")  # work after the backup
    ws.close()
    aside = backup.restore_backup(out, ws.data_dir)
    assert aside is not None and (aside / "zwgk.sqlite").is_file()  # the previous workspace is kept
    with Workspace.open(ws.data_dir) as restored:
        rows = restored.rows(restored.checklist().id)
        assert (rows[0].status, rows[0].note, rows[0].evidence_count) == (Status.DONE, "已公开", 1)
        assert rows[1].status is Status.TODO
        assert restored.verify_evidence() == (1, [])
        assert restored.calendar.last_known_year == 2027
        assert restored.verify_history() == []


def test_compressed_evidence_is_stored_and_hashed_as_written(ws: Workspace, tmp_path: Path) -> None:
    import hashlib

    rid = ws.rows(ws.checklist().id)[1].id
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40_000)  # 10 MB: more than one copy block
    text = tmp_path / "说明.txt"
    text.write_text("公开说明\n" * 2000, encoding="utf-8")
    ws.attach_files([rid], [scan, text])
    out = tmp_path / "备份.zip"
    backup.create_backup(ws, out)
    with zipfile.ZipFile(out) as zf:
        manifest = {f["name"]: f for f in json.loads(zf.read("manifest.json"))["files"]}
        kinds = {Path(i.filename).suffix: i.compress_type for i in zf.infolist() if i.filename != "manifest.json"}
        for name, entry in manifest.items():
            data = zf.read(name)
            assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    assert kinds[".pdf"] == kinds[".jpg"] == zipfile.ZIP_STORED  # already compressed: stored as is
    assert kinds[".txt"] == kinds[".sqlite"] == kinds[".json"] == zipfile.ZIP_DEFLATED
    assert manifest[next(n for n in manifest if n.endswith(".pdf"))]["sha256"] == \
        hashlib.sha256(scan.read_bytes()).hexdigest()
    assert backup.verify_backup(out) == []


def test_tampered_backup_is_refused_and_nothing_changes(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "备份.zip"
    backup.create_backup(ws, out)
    bad = tmp_path / "被改过.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"tampered" if item.filename.startswith("evidence/") else data)
    problems = backup.verify_backup(bad)
    assert len(problems) == 1 and "SHA-256" in problems[0]
    before = sorted(p.name for p in ws.data_dir.parent.iterdir())
    with pytest.raises(UserError, match="校验未通过"):
        backup.restore_backup(bad, ws.data_dir)
    assert sorted(p.name for p in ws.data_dir.parent.iterdir()) == before
    not_a_backup = tmp_path / "别的.zip"
    with zipfile.ZipFile(not_a_backup, "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(UserError, match="不是 zwgk-desktop 的备份"):
        backup.verify_backup(not_a_backup)


def test_cli_backup_commands(ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(ws.data_dir)
    out = tmp_path / "cli.zip"
    assert main(["--data-dir", data, "backup", "create", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == 3
    assert main(["backup", "verify", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    target = tmp_path / "新电脑"
    assert main(["--data-dir", str(target), "backup", "restore", str(out)]) == 1  # asks for --yes
    assert not target.exists()
    assert main(["--data-dir", str(target), "backup", "restore", str(out), "--yes"]) == 0
    assert "1 个清单" in capsys.readouterr().out


def test_restore_into_an_open_workspace_keeps_the_object_usable(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "备份.zip"
    backup.create_backup(ws, out)
    rid = ws.rows(ws.checklist().id)[2].id
    ws.update_record(rid, status="rework", note="备份之后的修改")
    aside = backup.restore_into(ws, out)
    assert ws.row(rid).status is Status.TODO  # the same object now shows the restored data
    with Workspace.open(aside) as old:  # and the work done after the backup is kept aside
        assert old.row(rid).note == "备份之后的修改"


def test_cli_restores_over_a_damaged_workspace(ws: Workspace, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "备份.zip"
    backup.create_backup(ws, out)
    ws.close()
    (ws.data_dir / "zwgk.sqlite").write_bytes(b"garbage" * 100)
    for leftover in ("zwgk.sqlite-wal", "zwgk.sqlite-shm"):
        (ws.data_dir / leftover).unlink(missing_ok=True)
    assert main(["--data-dir", str(ws.data_dir), "items"]) == 1
    assert main(["--data-dir", str(ws.data_dir), "backup", "restore", str(out), "--yes"]) == 0
    assert "原工作区已保留为" in capsys.readouterr().out
    with Workspace.open(ws.data_dir) as restored:
        assert restored.rows(restored.checklist().id)[0].note == "已公开"
