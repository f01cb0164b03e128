"""tasks.run_with_progress: off-thread work, progress, cancel and error reporting."""

from __future__ import annotations

import threading
import time

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

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

    def look(dialog: QProgressDialog) -> None:
        values.append((dialog.value(), dialog.maximum(), dialog.labelText()))

    seen = on_modal(QProgressDialog, look)

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
    def click_cancel(dialog: QProgressDialog) -> None:
        button = dialog.findChild(QPushButton, "cancelButton")
        assert button is not None and button.text() == "取消"
        button.click()

    seen = on_modal(QProgressDialog, click_cancel)
    stopped = threading.Event()

    def work(progress, cancelled):
        while not cancelled():
            progress(0, 0)
            time.sleep(0.02)
        stopped.set()
        raise tasks.Cancelled()

    assert tasks.run_with_progress(None, "导出", work) is None
    assert seen and stopped.is_set()


def test_work_that_finishes_despite_cancel_returns_its_result(qtbot):
    on_modal(QProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())

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
    on_modal(QProgressDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())

    def work(progress, cancelled):
        while not cancelled():
            time.sleep(0.02)
        raise tasks.Cancelled()

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
    on_modal(QProgressDialog, lambda d: buttons.append(d.findChild(QPushButton, "cancelButton")))

    def work(progress, cancelled):
        time.sleep(0.6)
        return 7

    assert tasks.run_with_progress(None, "写入", work, cancellable=False) == 7
    assert buttons == [None]
