"""tasks.run_with_progress: off-thread work, progress, cancel and error reporting."""

from __future__ import annotations

import threading
import time

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton, QWidget

from zwgk_desktop.core.progress import Cancelled, ProgressFn, cancellable_progress
from zwgk_desktop.core.types import UserError
from zwgk_desktop.ui import tasks


def test_returns_value_from_worker_thread(qtbot):
    threads: list[threading.Thread] = []

    def work(progress, cancelled):
        threads.append(threading.current_thread())
        return 42

    assert tasks.run_with_progress(None, "测试", work) == 42
    assert threads and threads[0] is not threading.main_thread()


def test_progress_dialog_shows_and_counts(qtbot):
    values: list[tuple[int, int, str]] = []

    def look(dialog: tasks.TaskProgressDialog) -> None:
        values.append((dialog.value(), dialog.maximum(), dialog.labelText()))

    seen = on_modal(tasks.TaskProgressDialog, look)

    def work(progress, cancelled):
        for i in range(1, 9):
            progress(i, 8, f"第 {i} 步")
            time.sleep(0.08)
        return "ok"

    assert tasks.run_with_progress(None, "导入模板", work) == "ok"
    assert seen, "the progress dialog should appear for slow work"
    done, total, label = values[0]
    assert total == 8 and 1 <= done <= 8 and label.startswith("第 ")


def test_cancel_button_cancels(qtbot):
    def click_cancel(dialog: tasks.TaskProgressDialog) -> None:
        button = dialog.findChild(QPushButton, "cancelButton")
        assert button is not None and button.text() == "取消"
        button.click()

    seen = on_modal(tasks.TaskProgressDialog, click_cancel)
    stopped = threading.Event()

    def work(progress, cancelled):
        while not cancelled():
            progress(0, 0)
            time.sleep(0.02)
        stopped.set()
        raise Cancelled()

    assert tasks.run_with_progress(None, "导出", work) is None
    assert seen and stopped.is_set()


def test_work_that_finishes_despite_cancel_returns_its_result(qtbot):
    on_modal(tasks.TaskProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())

    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.02)
        return "already written"

    assert tasks.run_with_progress(None, "写入", work) == "already written"


def test_input_to_other_windows_is_blocked_until_dialog_shows(qtbot):
    from PySide6.QtWidgets import QPushButton as Button

    other = Button("导入")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    clicks: list[bool] = []
    other.clicked.connect(lambda: clicks.append(True))

    def work(progress, cancelled):
        time.sleep(0.2)
        return 1

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, lambda: qtbot.mouseClick(other, Qt.MouseButton.LeftButton))
    assert tasks.run_with_progress(None, "读取", work) == 1
    assert clicks == []
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert clicks == [True]


def test_cancelled_exception_returns_none(qtbot):
    on_modal(tasks.TaskProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())

    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.02)
        raise Cancelled()

    assert tasks.run_with_progress(None, "备份", work) is None


def test_user_error_is_shown_in_a_message_box(qtbot):
    texts: list[str] = []

    def close_box(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(QMessageBox, close_box)

    def work(progress, cancelled):
        raise UserError("文件“a.xlsx”无法读取")

    assert tasks.run_with_progress(None, "导入", work) is None
    assert texts == ["文件“a.xlsx”无法读取"]


def test_user_error_can_be_raised_to_the_caller(qtbot):
    def work(progress, cancelled):
        raise UserError("坏文件")

    with pytest.raises(UserError, match="坏文件"):
        tasks.run_with_progress(None, "导入", work, raise_user_errors=True)


def test_other_errors_are_reraised_in_gui_thread(qtbot):
    def work(progress, cancelled):
        raise ValueError("bug")

    with pytest.raises(ValueError, match="bug"):
        tasks.run_with_progress(None, "导入", work)


def test_not_cancellable_has_no_cancel_button(qtbot):
    buttons: list[object] = []
    on_modal(tasks.TaskProgressDialog, lambda d: buttons.append(d.findChild(QPushButton, "cancelButton")))

    def work(progress, cancelled):
        time.sleep(0.6)
        return 7

    assert tasks.run_with_progress(None, "写入", work, cancellable=False) == 7
    assert buttons == [None]


# --- the dialog of a finished task never comes back (issue 8.1) ---

def _visible_task_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.objectName() == "taskProgressDialog"]


def _run_inside_event_loop(fn) -> None:
    """Call ``fn`` from the application's main event loop, as a menu command is run."""
    app = QApplication.instance()

    def call() -> None:
        try:
            fn()
        finally:
            app.exit(0)  # not quit(): that closes every window first

    QTimer.singleShot(0, call)
    app.exec()


def _hold_next_dialog_open(qtbot, ms: int) -> list[list[str]]:
    """Open a modal dialog (as the import preview or a result box would) for ``ms`` and record, every
    100 ms, the titles of the visible top-level windows other than it."""
    seen: list[list[str]] = []
    box = QDialog()
    box.setWindowTitle("下一个对话框")
    qtbot.addWidget(box)

    def sample() -> None:
        seen.append([w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible() and w is not box])

    timer = QTimer(box)
    timer.timeout.connect(sample)
    timer.start(100)
    QTimer.singleShot(ms, box.accept)
    box.exec()
    timer.stop()
    return seen


@pytest.mark.parametrize("work_s", [0.0, 0.5])  # finished before the dialog showed / after it showed
@pytest.mark.parametrize("cancellable", [True, False])
def test_finished_task_dialog_never_reappears(qtbot, work_s, cancellable):
    def work(progress, cancelled):
        end = time.monotonic() + work_s
        while time.monotonic() < end:
            progress(1, 2, "正在读取…")
            time.sleep(0.02)
        progress(2, 2, "正在读取…")
        return "ok"

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    outcome: dict[str, object] = {}

    def menu_action() -> None:  # runs inside the event loop, as a menu command does
        outcome["result"] = tasks.run_with_progress(parent, "读取模板", work, cancellable=cancellable)
        outcome["after"] = _visible_task_dialogs()
        # QProgressDialog came back ~4 s after it was created, over the next modal dialog
        outcome["seen"] = _hold_next_dialog_open(qtbot, 4800)

    _run_inside_event_loop(menu_action)
    assert outcome["result"] == "ok"
    assert outcome["after"] == []
    seen = outcome["seen"]
    assert len(seen) > 30
    assert all(titles == [parent.windowTitle()] for titles in seen), seen


def test_late_progress_after_the_end_does_not_show_the_dialog(qtbot):
    """Progress reported by work that is winding down arrives after the end: ignored."""
    sink: list[ProgressFn] = []

    def work(progress, cancelled):
        sink.append(progress)
        time.sleep(0.4)
        return 1

    assert tasks.run_with_progress(None, "备份工作区", work) == 1
    sink[0](5, 10, "备份工作区… 50%")
    qtbot.wait(300)
    assert _visible_task_dialogs() == []


def test_escape_and_close_button_cancel_instead_of_hiding(qtbot):
    states: list[tuple[bool, str]] = []

    def press_escape_then_close(dialog: tasks.TaskProgressDialog) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        states.append((dialog.isVisible(), dialog.labelText()))
        dialog.close()  # the title-bar ✕
        states.append((dialog.isVisible(), dialog.labelText()))

    seen = on_modal(tasks.TaskProgressDialog, press_escape_then_close)

    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.02)
        time.sleep(0.3)  # winding down: the dialog stays up, saying so
        raise Cancelled()

    assert tasks.run_with_progress(None, "导出PDF报告", work) is None
    assert seen
    assert states == [(True, "正在取消…"), (True, "正在取消…")]
    assert _visible_task_dialogs() == []


def test_not_cancellable_says_so_and_ignores_escape(qtbot):
    looks: list[tuple[bool, str, bool]] = []

    def press_escape(dialog: tasks.TaskProgressDialog) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        note = dialog.findChild(QLabel, "taskNote")
        looks.append((dialog.isVisible(), note.text(), note.isVisible()))

    on_modal(tasks.TaskProgressDialog, press_escape)
    cancelled_seen: list[bool] = []

    def work(progress, cancelled):
        time.sleep(0.8)
        cancelled_seen.append(cancelled())
        return 3

    assert tasks.run_with_progress(None, "从备份恢复", work, cancellable=False) == 3
    assert looks == [(True, "这一步不能中途取消，完成后会自动关闭。", True)]
    assert cancelled_seen == [False]


def test_slow_cancel_explains_itself(qtbot, monkeypatch):
    monkeypatch.setattr(tasks, "STILL_CANCELLING_MS", 100)
    notes: list[str] = []
    on_modal(tasks.TaskProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())

    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.02)
        time.sleep(0.5)
        notes.append("done")
        return "written"

    def look() -> None:
        for w in _visible_task_dialogs():
            notes.append(w.findChild(QLabel, "taskNote").text())

    QTimer.singleShot(700, look)
    assert tasks.run_with_progress(None, "检查数据完整性", work) == "written"
    assert any("正在完成当前步骤" in n for n in notes), notes


def test_cancellable_progress_raises_once_cancelled(qtbot):
    on_modal(tasks.TaskProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())
    steps: list[int] = []

    def read_only_core_work(progress):  # a core function that only reports progress
        for i in range(10_000):
            progress(i, 10_000)
            steps.append(i)
            time.sleep(0.005)
        return "all"

    result = tasks.run_with_progress(
        None, "校验佐证材料", lambda p, c: read_only_core_work(cancellable_progress(p, c)))
    assert result is None and 0 < len(steps) < 10_000
