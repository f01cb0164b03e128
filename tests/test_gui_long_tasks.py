"""Every long task of the window, driven through its menu command, on the platform the suite runs on.

Marked ``xvfb``: ``tests/test_real_display.py`` runs these again on a real X server (Xvfb,
``QT_QPA_PLATFORM=xcb``), where a progress dialog that came back after its task had ended used to lock the
window although every offscreen test passed (issue 8.1). After each task, and again a few seconds after the
last one, no window but the main window may be visible, and the main window must take keyboard input.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from zwgk_desktop.core.services import examples
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import tasks
from zwgk_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


class ScriptedUser(QObject):
    """Answers every modal dialog but the progress dialog the way a clerk would go on: OK / 关闭.

    It records the window title of each dialog it answered, and of each progress dialog shown.
    """

    def __init__(self, dwell_ms: dict[str, int] | None = None) -> None:
        super().__init__()
        self.answered: list[str] = []
        self.progress_seen: list[str] = []
        # dialogs the clerk reads for a while before answering, and what showed up over them meanwhile
        self._dwell = dict(dwell_ms or {})
        self._reading: tuple[QWidget, float] | None = None
        self.over_dialogs: list[str] = []
        QApplication.instance().installEventFilter(self)
        self._timer = QTimer()
        self._timer.timeout.connect(self._poll)
        self._timer.start(30)

    def stop(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, tasks.TaskProgressDialog):
            self.progress_seen.append(watched.windowTitle())
        return False

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        for other in QApplication.topLevelWidgets():
            if isinstance(other, tasks.TaskProgressDialog) and other.isVisible() and self._reading:
                self.over_dialogs.append(f"{other.windowTitle()} over {self._reading[0].windowTitle()}")
        if w is None or not w.isVisible() or isinstance(w, tasks.TaskProgressDialog):
            return
        if w.windowTitle() in self._dwell:
            if self._reading is None or self._reading[0] is not w:
                self._reading = (w, time.monotonic() + self._dwell[w.windowTitle()] / 1000)
            if time.monotonic() < self._reading[1]:
                return
        self._reading = None
        self.answered.append(w.windowTitle())
        if isinstance(w, QMessageBox):
            button = w.escapeButton() or w.defaultButton() or w.buttons()[0]
            button.click()
        elif isinstance(w, QDialog):
            w.accept()


def run_as_menu_command(fn: Callable[[], object], timeout_s: float = 60) -> None:
    """Call ``fn`` from the application's main event loop (``QApplication.exec``), as a triggered menu
    action is. (From a plain ``QEventLoop`` Qt deletes objects sooner, which hid the returning dialog.)"""
    app = QApplication.instance()
    done: list[bool] = []

    def call() -> None:
        try:
            fn()
        finally:
            done.append(True)
            app.exit(0)  # not quit(): that closes every window first

    QTimer.singleShot(0, call)
    watchdog = QTimer()  # stopped afterwards: a stray exit() would end whatever loop runs then
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: app.exit(1))
    watchdog.start(int(timeout_s * 1000))
    try:
        app.exec()
    finally:
        watchdog.stop()
    assert done, "the command did not finish"


def stray_windows(win: QWidget) -> list[str]:
    return [f"{type(w).__name__}:{w.windowTitle()}" for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not win and w.isWindow() and not w.inherits("QMenu")]


def assert_window_free(qtbot, win: MainWindow, settle_ms: int = 200) -> None:
    qtbot.wait(settle_ms)
    assert win.isVisible()
    assert QApplication.activeModalWidget() is None
    assert stray_windows(win) == []


def assert_takes_keyboard_input(qtbot, win: MainWindow) -> None:
    """Type into the search field: through the X server with xdotool when there is one, else with QTest."""
    win.activateWindow()
    if QApplication.platformName() == "xcb":
        win.raise_()
    win.search_edit.clear()
    win.search_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search_edit, timeout=3000)
    if QApplication.platformName() == "xcb" and shutil.which("xdotool") and os.environ.get("DISPLAY"):
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)
        proc = subprocess.Popen(["xdotool", "type", "--delay", "30", "abc"])
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10_000)
    else:
        QTest.keyClicks(win.search_edit, "abc")
    qtbot.waitUntil(lambda: win.search_edit.text() == "abc", timeout=5000)
    win.search_edit.clear()


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 0)  # every task shows its progress dialog, however quick
    ws = Workspace.open(tmp_path / "ws")
    ws.update_settings(office="万善乡人民政府", clerk="张三")
    examples.load_example(ws)
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    ws.close()


def test_every_long_task_ends_with_a_free_window(qtbot, window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, fixtures_dir: Path) -> None:
    win = window
    out = tmp_path / "out"
    out.mkdir()
    save_as: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_as[-1]), ""))
    open_file: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(open_file[-1]), ""))
    from PySide6.QtGui import QDesktopServices
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    # the clerk reads the import preview and the first result box for a while: a finished task's
    # QProgressDialog came back over them about 4 s after the task had started
    user = ScriptedUser(dwell_ms={"导入模板": 4500, "报告已生成": 4500})
    try:
        steps: list[tuple[str, Callable[[], object]]] = []

        def export(kind: str, action) -> Callable[[], object]:
            def go() -> None:
                save_as.append(out / f"报告.{kind}")
                action.trigger()
            return go

        def backup() -> None:
            save_as.append(out / "备份.zip")
            win.act_backup.trigger()

        def restore() -> None:
            open_file.append(out / "备份.zip")
            win.act_restore.trigger()

        def import_template() -> None:
            open_file.append(fixtures_dir / "guanxian-2021-tasks.xlsx")
            win.act_import.trigger()

        def attach() -> None:
            from zwgk_desktop.ui.evidence_panel import attach_dropped_files

            evidence = out / "现场照片.txt"
            evidence.write_text("公示栏照片说明", encoding="utf-8")
            attach_dropped_files(win, win.ws, [win.model.row_at(0).id], [evidence])

        steps += [("导出PDF报告", export("pdf", win.act_export_pdf)),
                  ("导出Excel台账", export("xlsx", win.act_export_xlsx)),
                  ("打印", lambda: win.act_print.trigger()),
                  ("备份工作区", backup),
                  ("检查数据完整性", lambda: win.act_verify.trigger()),
                  ("添加佐证材料", attach),
                  ("从备份恢复", restore),
                  ("导入模板", import_template)]
        for name, step in steps:
            run_as_menu_command(step)
            assert_window_free(qtbot, win), name
        assert (out / "报告.pdf").stat().st_size > 0 and (out / "报告.xlsx").stat().st_size > 0
        assert len(user.progress_seen) >= len(steps), user.progress_seen
        assert user.over_dialogs == []
        for expected in ("报告已生成", "备份工作区", "检查数据完整性", "从备份恢复", "导入模板"):
            assert expected in user.answered, user.answered  # each flow reached its result
        # QProgressDialog's own timer brought a finished task's dialog back about 4 s later
        qtbot.wait(4500)
        assert_window_free(qtbot, win)
        assert_takes_keyboard_input(qtbot, win)
    finally:
        user.stop()


def test_cancel_and_escape_in_a_real_task_leave_the_window_free(qtbot, window: MainWindow, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """取消 on the PDF export, Esc on the backup: nothing written, dialog gone, window usable."""
    win = window
    from zwgk_desktop.core.reports import pdf as pdf_writer

    real_write = pdf_writer.write_pdf

    def slow_write(data, path, *, progress=None, cancelled=None):  # a big report: cancel arrives mid-way
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            progress(1, 100)
            time.sleep(0.02)
        return real_write(data, path, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(pdf_writer, "write_pdf", slow_write)
    target = tmp_path / "取消的报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    cancelled_via: list[str] = []
    user = ScriptedUser()

    def press_cancel() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, tasks.TaskProgressDialog) and w.isVisible():
                QTest.keyClick(w, Qt.Key.Key_Escape)
                cancelled_via.append(w.labelText())
                return
        QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(200, press_cancel)
    try:
        run_as_menu_command(win.act_export_pdf.trigger)
    finally:
        user.stop()
    assert cancelled_via == ["正在取消…"]
    assert not target.exists()
    assert "报告已生成" not in user.answered
    qtbot.wait(4500)
    assert_window_free(qtbot, win)
    assert_takes_keyboard_input(qtbot, win)
