"""回收站: a clerk finds an item dropped by a template update and a removed photo, and restores both."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.archive_dialog import ArchiveDialog
from zwgk_desktop.ui.main_window import MainWindow


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    items = [ParsedItem(title=t, path=["最低生活保障"]) for t in ("办事指南", "审核信息", "资金发放")]
    info = workspace.import_new(ParsedTemplate(name="目录", items=items))
    rows = workspace.rows(info.id)
    workspace.update_record(rows[2].id, status="doing", note="正在核对名单")
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg")
    ev = workspace.attach_files([rows[0].id], [photo])[0]
    workspace.archive_evidence(ev.id, rows[0].id)
    plan = workspace.plan_update(info.id, ParsedTemplate(name="目录", items=items[:2]))
    plan.confirm_archive(rows[2].id)  # it holds work: archived only when confirmed
    workspace.apply_update(plan)
    yield workspace
    workspace.close()


def test_restore_item_and_evidence(qtbot, ws: Workspace) -> None:
    dialog = ArchiveDialog(ws, ws.checklist().id)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(0) == "已归档事项（1）" and dialog.tabs.tabText(1) == "已移除的佐证材料（1）"
    table = dialog.items_table
    assert [table.item(0, c).text() for c in (0, 2, 3, 4)] == ["资金发放", "进行中", "正在核对名单", "模板更新中删除"]
    dialog.restore_button.click()
    assert "请先选择" in dialog.problem.text()
    table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 0 and dialog.tabs.tabText(0) == "已归档事项（0）"
    restored = {r.title: r for r in ws.rows(ws.checklist().id)}["资金发放"]
    assert (restored.status, restored.note) == (Status.DOING, "正在核对名单")

    dialog.tabs.setCurrentIndex(1)
    assert dialog.evidence_table.item(0, 0).text() == "公示照片.jpg"
    assert dialog.evidence_table.item(0, 1).text() == "办事指南"
    dialog.evidence_table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.evidence_table.rowCount() == 0
    assert ws.rows(ws.checklist().id)[0].evidence_count == 1


def test_archive_from_the_menu_refreshes_the_table(qtbot, ws: Workspace, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings=settings)
    qtbot.addWidget(win)
    assert win.model.rowCount() == 2

    def restore(dialog: ArchiveDialog) -> None:
        dialog.items_table.selectRow(0)
        dialog.findChild(QPushButton, "restoreButton").click()
        dialog.reject()

    seen = on_modal(ArchiveDialog, restore)
    win.act_archive.trigger()
    assert seen and win.model.rowCount() == 3


def test_import_holiday_calendar_from_the_menu(qtbot, ws: Workspace, tmp_path: Path) -> None:
    import json

    from PySide6.QtWidgets import QMessageBox

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings=settings)
    qtbot.addWidget(win)
    f = tmp_path / "2027年放假安排.json"
    f.write_text(json.dumps({"year": 2027, "holidays": ["2027-10-01/2027-10-07"], "workdays": ["2027-10-09"]}),
                 encoding="utf-8")
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    win.import_calendar(f)
    assert texts and "2027" in texts[0]
    assert ws.calendar.last_known_year == 2027 and (ws.calendar_dir / f.name).is_file()


def test_my_items_filter_uses_the_office_name(qtbot, tmp_path: Path, fixtures_dir: Path) -> None:
    """A township clerk picks 本单位 and sees the tasks naming 万善乡 or a township group (16 of 38)."""
    from zwgk_desktop.core.services import import_flow

    with Workspace.open(tmp_path / "ws") as workspace:
        workspace.update_settings(office="万善乡人民政府")
        import_flow.commit(workspace, import_flow.prepare(workspace, fixtures_dir / "guanxian-2021-tasks.xlsx"))
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        win = MainWindow(workspace, settings=settings)
        qtbot.addWidget(win)
        assert win.owner_filter.itemText(1) == "本单位（万善乡人民政府）"
        win.owner_filter.setCurrentIndex(1)
        win.apply_filter()
        assert win.model.rowCount() == 16
        win.owner_filter.setCurrentIndex(0)
        win.apply_filter()
        assert win.model.rowCount() == 38
        win.close()


def test_verify_evidence_from_the_menu_reports_an_altered_file(qtbot, ws: Workspace, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    rid = ws.rows(ws.checklist().id)[1].id
    info = ws.attach_files([rid], [tmp_path / "公示照片.jpg"])[0]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings=settings)
    qtbot.addWidget(win)
    texts: list[tuple[str, str]] = []
    on_modal(QMessageBox, lambda box: (texts.append((box.text(), box.detailedText())), box.accept()))
    win.act_verify.trigger()
    assert texts[-1][0] == "数据完整：数据库检查通过，变更记录校验链完整，各条记录与变更记录一致，1 个佐证文件的 SHA-256 一致。"
    info.path.write_bytes(b"changed")
    on_modal(QMessageBox, lambda box: (texts.append((box.text(), box.detailedText())), box.accept()))
    win.act_verify.trigger()
    assert texts[-1][0].startswith("发现 1 个问题（已校验 1 个佐证文件）") and "公示照片.jpg" in texts[-1][1]


def test_backup_and_restore_from_the_window(qtbot, ws: Workspace, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings=settings)
    qtbot.addWidget(win)
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    out = win.create_backup(tmp_path / "备份.zip")
    assert out is not None and out.is_file() and "已备份到" in texts[-1]

    first = ws.rows(ws.checklist().id)[0]
    ws.update_record(first.id, status="rework", note="备份后改的")

    def answer_yes_then_ok(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        on_modal(QMessageBox, lambda done: (texts.append(done.text()), done.accept()))

    on_modal(QMessageBox, answer_yes_then_ok)
    assert win.restore_backup(out) is True
    assert "替换当前工作区" in texts[-2] and texts[-1].startswith("已从备份恢复。原工作区已保留在")
    assert ws.row(first.id).status is not Status.REWORK
    assert win.model.rowCount() == 2  # the restored checklist is shown


def test_damaged_workspace_at_start_offers_restore(qtbot, ws: Workspace, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from zwgk_desktop.core.services import backup
    from zwgk_desktop.ui.app import offer_restore

    out = tmp_path / "备份.zip"
    backup.create_backup(ws, out)
    ws.close()
    (ws.data_dir / "zwgk.sqlite").write_bytes(b"garbage" * 100)

    def choose_restore(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "从备份恢复…").click()

    on_modal(QMessageBox, choose_restore)
    restored = offer_restore(ws.data_dir, "数据库文件已损坏", backup_file=out)
    assert isinstance(restored, Workspace)
    try:
        checklist_id = restored.checklist().id
        assert [r.title for r in restored.rows(checklist_id)] == ["办事指南", "审核信息"]
        assert restored.archived_items(checklist_id)[0].row.note == "正在核对名单"
        assert any(p.name.startswith("ws-恢复前-") for p in ws.data_dir.parent.iterdir())
    finally:
        restored.close()
