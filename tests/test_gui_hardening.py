"""The window on a tampered workspace and a crafted backup: the clerk is told, in Chinese, and nothing
outside the workspace is read, copied or replaced."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from zwgk_desktop.core.services import backup
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.main_window import MainWindow


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=t, path=["最低生活保障"])
                                                              for t in ("办事指南", "审核信息")]))
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg")
    workspace.attach_files([workspace.rows(workspace.checklist().id)[0].id], [photo])
    yield workspace
    workspace.close()


def _window(qtbot, ws: Workspace, tmp_path: Path) -> MainWindow:
    win = MainWindow(ws, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    return win


def test_window_backup_names_a_tampered_evidence_path_and_check_reports_it(qtbot, ws: Workspace,
                                                                          tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("别人的文件", encoding="utf-8")
    conn = sqlite3.connect(ws.db_path)
    conn.execute("UPDATE evidence SET stored_path = ?", ("../../outside.txt",))
    conn.commit()
    conn.close()
    win = _window(qtbot, ws, tmp_path)
    boxes: list[tuple[QMessageBox.Icon, str, str]] = []
    on_modal(QMessageBox, lambda box: (boxes.append((box.icon(), box.text(), box.detailedText())), box.accept()))
    out = win.create_backup(tmp_path / "备份.zip")
    assert out is not None
    icon, text, _ = boxes[-1]
    assert icon == QMessageBox.Icon.Warning and "以下文件未备份" in text and "公示照片.jpg" in text
    with zipfile.ZipFile(out) as zf:
        assert not any("outside" in n for n in zf.namelist())
    on_modal(QMessageBox, lambda box: (boxes.append((box.icon(), box.text(), box.detailedText())), box.accept()))
    win.act_verify.trigger()
    assert "发现" in boxes[-1][1] and "不是本程序写入的位置" in boxes[-1][2]
    assert outside.read_text(encoding="utf-8") == "别人的文件"


def test_window_refuses_a_backup_from_a_newer_version(qtbot, ws: Workspace, tmp_path: Path) -> None:
    import hashlib
    import json

    good = backup.create_backup(ws, tmp_path / "好.zip").path
    db = tmp_path / "newer.sqlite"
    with zipfile.ZipFile(good) as zf:
        db.write_bytes(zf.read("zwgk.sqlite"))
        manifest = json.loads(zf.read("manifest.json"))
        members = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    members["zwgk.sqlite"] = db.read_bytes()
    for entry in manifest["files"]:
        if entry["name"] == "zwgk.sqlite":
            entry.update(size=len(members["zwgk.sqlite"]), sha256=hashlib.sha256(members["zwgk.sqlite"]).hexdigest())
    crafted = tmp_path / "新版本.zip"
    with zipfile.ZipFile(crafted, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
        zf.writestr("manifest.json", json.dumps(manifest))

    win = _window(qtbot, ws, tmp_path)
    texts: list[str] = []

    def answer_yes_then_ok(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        on_modal(QMessageBox, lambda done: (texts.append(done.text()), done.accept()))

    on_modal(QMessageBox, answer_yes_then_ok)
    assert not win.restore_backup(crafted)
    assert "比本程序新" in texts[-1] and "未做任何更改" in texts[-1]
    assert win.model.rowCount() == 2 and len(ws.rows(ws.checklist().id)) == 2  # still the same workspace
    assert sorted(p.name for p in ws.data_dir.parent.iterdir() if p.name.startswith((".ws", "ws-"))) == []


def test_opening_evidence_with_a_tampered_path_is_refused(qtbot, ws: Workspace, tmp_path: Path,
                                                          monkeypatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QPushButton

    from zwgk_desktop.ui.evidence_panel import EvidencePanel

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    conn = sqlite3.connect(ws.db_path)
    conn.execute("UPDATE evidence SET stored_path = ?", ("/etc/passwd",))
    conn.commit()
    conn.close()
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_record(ws.rows(ws.checklist().id)[0].id)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    qtbot.mouseClick(panel.findChild(QPushButton, "openButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(texts))
    assert "存储位置不合规" in texts[0] and "公示照片.jpg" in texts[0]
    assert opened == []
