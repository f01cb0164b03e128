"""检查数据完整性 in the window shows what `zwgk check` finds (one core function): records changed behind
the app's back, and whether the history still holds a report's or a backup's 数据校验码."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from zwgk_desktop.core.services.backup import create_backup
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.main_window import MainWindow


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.update_settings(office="万善乡人民政府")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=t, path=["最低生活保障"])
                                                              for t in ("办事指南", "审核信息")]))
    rid = workspace.rows(workspace.checklist().id)[0].id
    workspace.update_record(rid, status="done", note="已公开")
    yield workspace
    workspace.close()


def _window(qtbot, ws: Workspace, tmp_path: Path) -> MainWindow:
    win = MainWindow(ws, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def _boxes() -> list[tuple[QMessageBox.Icon, str, str, str]]:
    boxes: list[tuple[QMessageBox.Icon, str, str, str]] = []
    on_modal(QMessageBox, lambda box: (boxes.append((box.icon(), box.text(), box.informativeText(),
                                                     box.detailedText())), box.accept()))
    return boxes


def _menu_action(win: MainWindow, text: str):  # noqa: ANN202
    """文件 → 备份、恢复与检查 → ``text``."""
    file_menu = next(a.menu() for a in win.menuBar().actions() if a.text().startswith("文件"))
    submenu = next(a.menu() for a in file_menu.actions() if a.text().startswith("备份、恢复与检查"))
    return next(a for a in submenu.actions() if a.text() == text)


def test_check_in_the_window_reports_a_record_changed_behind_its_back(qtbot, ws: Workspace,
                                                                     tmp_path: Path) -> None:
    win = _window(qtbot, ws, tmp_path)
    boxes = _boxes()
    _menu_action(win, "检查数据完整性…").trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    icon, text, info, _ = boxes[-1]
    assert icon == QMessageBox.Icon.Information and "各条记录与变更记录一致" in text and "当前数据校验码：" in info

    conn = sqlite3.connect(ws.db_path)
    conn.execute("UPDATE item_records SET status = 'todo'")
    conn.commit()
    conn.close()
    boxes = _boxes()
    _menu_action(win, "检查数据完整性…").trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    icon, text, _, details = boxes[-1]
    assert icon == QMessageBox.Icon.Warning and "发现 1 个问题" in text
    assert "事项“办事指南”" in details and "状态与变更记录不符：记录为“已完成”，现为“待办”" in details


def test_window_checks_a_backup_and_a_report_chosen_in_the_file_dialog(qtbot, ws: Workspace, tmp_path: Path,
                                                                       monkeypatch) -> None:
    backup = create_backup(ws, tmp_path / "备份.zip").path
    win = _window(qtbot, ws, tmp_path)
    ws.update_record(ws.rows(ws.checklist().id)[1].id, note="之后的修改")
    chosen: list[str] = []

    def choose(*args):  # noqa: ANN002, ANN202 - QFileDialog.getOpenFileName as the clerk answers it
        chosen.append(args[-1])
        return str(backup), args[-1]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    boxes = _boxes()
    _menu_action(win, "核对报告或备份的数据校验码…").trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert "*.pdf" in chosen[0] and "*.zip" in chosen[0]
    icon, _, info, _ = boxes[-1]
    assert icon == QMessageBox.Icon.Information
    assert "备份“备份.zip”的数据校验码" in info and "仍在变更记录中：之后又有 2 条变更记录" in info

    conn = sqlite3.connect(ws.db_path)
    conn.execute("DELETE FROM history WHERE seq > 3")  # the history cut back to before the backup
    conn.commit()
    conn.close()
    boxes = _boxes()
    _menu_action(win, "核对报告或备份的数据校验码…").trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    icon, _, _, details = boxes[-1]
    assert icon == QMessageBox.Icon.Warning and "不在当前的变更记录中" in details
