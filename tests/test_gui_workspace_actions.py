"""The 文件-menu commands (ui/workspace_actions.py) as the clerk reaches them: the grouped menu with its
shortcuts, commands that check first and return what they did, and files dropped on the item table, which
the drop handler only records (the attach runs afterwards, from the event loop, behind a progress dialog)."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import pytest
from gui_helpers import on_modal, show_main_window, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QEvent, QMimeData, QObject, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from zwgk_desktop.core.services import examples
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource
from zwgk_desktop.ui import tasks, workspace_actions
from zwgk_desktop.ui.fonts import install_cjk_font
from zwgk_desktop.ui.item_model import Column
from zwgk_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: QApplication):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    install_cjk_font(qapp)
    yield


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.update_settings(office="万善乡人民政府", clerk="张三")
    examples.load_example(workspace, resource("examples"))
    yield workspace
    workspace.close()


@pytest.fixture
def win(qtbot, ws: Workspace) -> MainWindow:
    return show_main_window(qtbot, ws)


def _texts(menu: QMenu) -> list[str]:
    return [a.text() if not a.isSeparator() else "—" for a in menu.actions()]


def _submenu(menu: QMenu, title: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if a.text() == title)


# --- the menu ---

def test_file_menu_is_grouped_and_keeps_every_command_and_shortcut(win: MainWindow) -> None:
    file_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "文件(&F)")
    assert _texts(file_menu) == ["导入模板…", "载入示例", "—", "导出(&E)", "打印…", "政府信息公开工作年度报告…", "—",
                                 "导入报送包…", "县级汇总…", "—", "备份、恢复与检查(&B)", "—", "设置…",
                                 "导入节假日安排…", "—", "退出"]
    assert _texts(_submenu(file_menu, "导出(&E)")) == ["导出PDF报告…", "导出Excel台账…", "导出模板…", "—",
                                                      "导出报送包…", "导出佐证材料包…"]
    assert _texts(_submenu(file_menu, "备份、恢复与检查(&B)")) == ["备份工作区…", "从备份恢复…", "—", "检查数据完整性…",
                                                              "核对报告或备份的数据校验码…"]
    # the 18 commands of the former flat menu, each once
    names = []
    for menu in (file_menu, _submenu(file_menu, "导出(&E)"), _submenu(file_menu, "备份、恢复与检查(&B)")):
        names += [a.objectName() for a in menu.actions() if not a.isSeparator() and a.menu() is None]
    assert sorted(names) == sorted([
        "actImport", "actExample", "actExportTemplate", "actExportPdf", "actExportXlsx", "actPrint", "actAnnual",
        "actExportPackage", "actImportPackages", "actRollup", "actEvidencePack", "actBackup", "actRestore",
        "actSettings", "actCalendar", "actVerify", "actCheckAgainst", "actQuit"])
    shortcuts = {a.objectName(): a.shortcut() for a in win.findChildren(type(win.act_import)) if a.objectName()}
    assert shortcuts["actImport"] == QKeySequence(QKeySequence.StandardKey.Open)
    assert shortcuts["actPrint"] == QKeySequence(QKeySequence.StandardKey.Print)
    assert shortcuts["actQuit"] == QKeySequence(QKeySequence.StandardKey.Quit)
    assert shortcuts["actPaste"] == QKeySequence(QKeySequence.StandardKey.Paste)


def test_ctrl_o_still_opens_the_import(qtbot, win: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from zwgk_desktop.ui import import_dialog

    opened: list[bool] = []
    monkeypatch.setattr(import_dialog, "run_import", lambda parent, ws_, path=None: opened.append(True))
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]


# --- commands: validate first, return what they did ---

def test_backup_check_and_restore_return_their_results(qtbot, win: MainWindow, ws: Workspace,
                                                       tmp_path: Path) -> None:
    boxes: list[str] = []
    on_modal(QMessageBox, lambda box: (boxes.append(box.text()), box.accept()))
    info = workspace_actions.create_backup(win, ws, path=tmp_path / "备份.zip")
    assert info is not None and info.path == tmp_path / "备份.zip" and info.files >= 1
    assert boxes[-1].startswith("已备份到：")

    on_modal(QMessageBox, lambda box: (boxes.append(box.text()), box.accept()))
    result = workspace_actions.check_data(win, ws)
    assert result is not None and result.ok and result.head is not None
    assert boxes[-1].startswith("数据完整")

    first = ws.rows(win.current_checklist().id)[0]
    ws.update_record(first.id, status="rework")
    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        on_modal(QMessageBox, lambda done: (boxes.append(done.text()), done.accept()))

    on_modal(QMessageBox, yes)
    restored = workspace_actions.restore_backup(win, ws, path=info.path)
    assert asked and asked[0].startswith("用备份（万善乡人民政府，")
    assert restored is not None and restored.workspace is ws and restored.aside is not None
    assert ws.row(first.id).status.value == "todo"  # as it was when backed up
    assert boxes[-1].startswith("已从备份恢复。")


def test_a_command_refused_before_it_asks_anything(qtbot, ws: Workspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No checklist open: 导出报送包 says so at once, without a file dialog."""
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    warnings_: list[str] = []
    on_modal(QMessageBox, lambda box: (warnings_.append(box.text()), box.accept()))
    assert workspace_actions.export_package(None, ws, None) is None
    assert warnings_ == ["请先导入或选择一个事项清单。"] and asked == []
    assert not list(tmp_path.glob("*.zip"))


def test_restore_declined_changes_nothing(qtbot, win: MainWindow, ws: Workspace, tmp_path: Path) -> None:
    on_modal(QMessageBox, lambda box: box.accept())
    info = workspace_actions.create_backup(win, ws, path=tmp_path / "备份.zip")
    record = win.detail.record_id()
    on_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click())
    assert win.restore_backup(info.path) is False
    assert win.detail.record_id() == record  # the window let go of nothing
    assert not [p for p in ws.data_dir.parent.iterdir() if "恢复前" in p.name]


# --- drops: recorded by the handler, attached from the event loop ---

def _drop(win: MainWindow, row: int, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = win.table.visualRect(win.model.index(row, Column.TITLE)).center()
    with warnings.catch_warnings():  # the QPoint constructors are the only ones PySide6 offers
        warnings.simplefilter("ignore", DeprecationWarning)
        args = (pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(win.table.viewport(), QDragEnterEvent(*args))
        QApplication.sendEvent(win.table.viewport(), QDragMoveEvent(*args))
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win.table.viewport(), drop)
    return drop


class _ProgressDialogs(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, tasks.TaskProgressDialog):
            self.shown.append(watched.windowTitle())
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


def test_two_quick_drops_are_queued_and_attached_in_turn_off_the_gui_thread(
        qtbot, win: MainWindow, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 0)  # each attach shows its progress dialog
    photo = tmp_path / "公示栏照片.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the notice board")
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("第三次会议纪要", encoding="utf-8")
    notice = tmp_path / "公告.txt"
    notice.write_text("已张贴", encoding="utf-8")
    first, second = win.model.row_at(0).id, win.model.row_at(3).id

    attach_threads: list[tuple[list[str], bool]] = []
    real_attach = Workspace.attach_files

    def watched_attach(self: Workspace, record_ids, paths, **kwargs):  # noqa: ANN001, ANN202 - the real attach
        attach_threads.append((list(record_ids), threading.current_thread() is threading.main_thread()))
        return real_attach(self, record_ids, paths, **kwargs)

    monkeypatch.setattr(Workspace, "attach_files", watched_attach)
    dialogs = _ProgressDialogs()
    try:
        # two drops, one right after the other: neither handler attaches anything before it returns
        assert _drop(win, 0, [photo, minutes]).isAccepted()
        assert _drop(win, 3, [notice]).isAccepted()
        assert attach_threads == []
        assert ws.evidence_for(first) == [] and ws.evidence_for(second) == []

        qtbot.waitUntil(lambda: len(ws.evidence_for(second)) == 1, timeout=15_000)
    finally:
        dialogs.stop()
    assert attach_threads == [([first], False), ([second], False)]  # in the order dropped, in a worker thread
    assert dialogs.shown == ["添加佐证材料", "添加佐证材料"]
    assert sorted(e.name for e in ws.evidence_for(first)) == ["会议纪要.txt", "公示栏照片.jpg"]
    assert [e.name for e in ws.evidence_for(second)] == ["公告.txt"]
    assert win.table.take_drops() == []
    assert win.model.data(win.model.index(0, Column.EVIDENCE)) == 2
    assert "“公告.txt”" in win.statusBar().currentMessage()


def test_a_drop_whose_file_vanished_is_refused_in_words(qtbot, win: MainWindow, ws: Workspace,
                                                        tmp_path: Path) -> None:
    gone = tmp_path / "已删除.txt"
    gone.write_text("x", encoding="utf-8")
    record = win.model.row_at(1).id
    shown: list[str] = []
    assert _drop(win, 1, [gone]).isAccepted()
    gone.unlink()  # removed between the drop and the attach
    on_modal(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "已删除.txt" in shown[0]
    assert ws.evidence_for(record) == []
