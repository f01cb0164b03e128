"""Run slow work off the GUI thread behind a modal progress dialog with a 取消 button.

The work function gets the two callbacks of ``core/progress.py`` and may call them from the worker thread:

* ``progress(done, total, text="")`` – ``total <= 0`` keeps the bar indeterminate; ``text`` replaces the label;
* ``cancelled()`` – True once the user pressed 取消 (or Esc); the work should then stop soon (return, or raise
  :class:`~zwgk_desktop.core.progress.Cancelled`).

The worker never touches widgets: progress travels to the GUI thread through a queued signal. A
:class:`~zwgk_desktop.core.types.UserError` is shown as a message box in the GUI thread (or re-raised for
callers that want to handle it); any other exception is re-raised in the GUI thread.

The dialog is our own :class:`TaskProgressDialog`, not ``QProgressDialog``: that one shows itself again from
its own minimum-duration timer (4 s after construction) and from ``setValue`` while hidden, so a dialog of a
task that had already ended came back over the next window and locked the application. Ours is shown only by
our timer, only while the task runs, and can never be shown again once the task has ended.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.messages import message_of
from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn
from zwgk_desktop.core.types import UserError
from zwgk_desktop.ui.i18n import core_text

__all__ = ["TaskProgressDialog", "run_with_progress", "show_error"]

T = TypeVar("T")

SHOW_AFTER_MS = 300  # quick work finishes without the dialog flashing
STILL_CANCELLING_MS = 3000  # after this long, say that the current step is being finished first
_MIN_INTERVAL = 0.05  # seconds between progress signals; the GUI cannot show more anyway


def _tr(text: str) -> str:
    return QCoreApplication.translate("tasks", text)


class TaskProgressDialog(QDialog):
    """Label, progress bar and 取消 for one running task.

    It closes only when the task ends (:meth:`finish`); 取消, Esc and the title-bar ✕ ask the task to stop
    instead. A task that cannot be stopped says so in the dialog, and Esc / ✕ do nothing there.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setMinimumWidth(420)
        self._cancellable = cancellable
        self._finished = False
        self._cancelling = False

        self._label = QLabel(title + _tr("，请稍候…"), self)
        self._label.setObjectName("taskLabel")
        self._label.setWordWrap(True)
        self._bar = QProgressBar(self)
        self._bar.setObjectName("taskBar")
        self._bar.setRange(0, 0)  # indeterminate until the work reports a total
        self._note = QLabel(self)
        self._note.setObjectName("taskNote")
        self._note.setWordWrap(True)
        self._note.setStyleSheet("color: palette(mid);")
        self._note.setVisible(not cancellable)
        if not cancellable:
            self._note.setText(_tr("这一步不能中途取消，完成后会自动关闭。"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        layout.addWidget(self._note)
        self._button: QPushButton | None = None
        if cancellable:
            self._button = QPushButton(_tr("取消"), self)
            self._button.setObjectName("cancelButton")
            self._button.setAutoDefault(False)
            self._button.clicked.connect(self.request_cancel)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self._button)
            layout.addLayout(row)
        self._slow_cancel = QTimer(self)
        self._slow_cancel.setSingleShot(True)
        self._slow_cancel.timeout.connect(self._say_still_cancelling)

    # --- the QProgressDialog-like surface tests and callers use ---
    def labelText(self) -> str:  # noqa: N802 - Qt naming
        return self._label.text()

    def setLabelText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._label.setText(text)

    def value(self) -> int:
        return self._bar.value()

    def maximum(self) -> int:
        return self._bar.maximum()

    def setRange(self, low: int, high: int) -> None:  # noqa: N802 - Qt naming
        self._bar.setRange(low, high)

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt naming
        self._bar.setValue(value)

    def is_cancelling(self) -> bool:
        return self._cancelling

    def is_finished(self) -> bool:
        return self._finished

    # --- behaviour ---
    @Slot()
    def request_cancel(self) -> None:
        if not self._cancellable or self._cancelling or self._finished:
            return
        self._cancelling = True
        self._label.setText(_tr("正在取消…"))
        if self._button is not None:
            self._button.setEnabled(False)
        self._slow_cancel.start(STILL_CANCELLING_MS)
        self.cancel_requested.emit()

    def _say_still_cancelling(self) -> None:
        if not self._finished:
            self._note.setText(_tr("正在完成当前步骤，完成后立即停止，已完成的部分不会丢失。"))
            self._note.setVisible(True)

    def show_while_running(self) -> None:
        """Show the dialog, unless the task has ended in the meantime."""
        if not self._finished:
            self.show()

    def finish(self) -> None:
        """The task ended: hide for good. Nothing can show this dialog again."""
        self._finished = True
        self._slow_cancel.stop()
        self.hide()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API
        if visible and self._finished:
            return  # a finished task's dialog never comes back
        super().setVisible(visible)

    def reject(self) -> None:  # Esc
        self.request_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            self.request_cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._finished:
            event.accept()
            return
        event.ignore()  # the title-bar ✕ is a request to cancel, not a way to leave a task running unseen
        self.request_cancel()


class _Worker(QThread):
    """Runs ``fn`` in its own thread; reports progress by signal, keeps the outcome in attributes."""

    progressed = Signal(int, int, str)

    def __init__(self, fn: Callable[[ProgressFn, CancelledFn], Any], cancel_flag: threading.Event,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = cancel_flag
        self._last_emit = 0.0
        self._last_value: tuple[int, int, str] | None = None
        self.result: Any = None
        self.error: BaseException | None = None

    def _progress(self, done: int, total: int, text: str = "") -> None:
        value = (int(done), int(total), text or "")
        if value == self._last_value:
            return
        now = time.monotonic()
        final = total > 0 and done >= total
        if now - self._last_emit < _MIN_INTERVAL and not final:
            return  # at most ~20 updates a second reach the GUI thread
        self._last_emit = now
        self._last_value = value
        self.progressed.emit(*value)

    def run(self) -> None:
        try:
            self.result = self._fn(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed over to the GUI thread
            self.error = exc


class _Controller(QObject):
    """Lives in the GUI thread: updates the dialog from progress signals."""

    def __init__(self, dialog: TaskProgressDialog, cancel_flag: threading.Event) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.cancel_flag = cancel_flag

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        if self.cancel_flag.is_set() or self.dialog.is_finished():
            return
        if text:
            self.dialog.setLabelText(text)
        if total > 0:
            if self.dialog.maximum() != total:
                self.dialog.setRange(0, total)
            self.dialog.setValue(min(max(done, 0), total))
        elif self.dialog.maximum() != 0:
            self.dialog.setRange(0, 0)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal warning box with a Chinese message."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, core_text(message), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessageBox")
    box.button(QMessageBox.StandardButton.Ok).setText(_tr("确定"))
    box.exec()


class _InputBlocker(QObject):
    """Swallows user input to other windows while the dialog is not shown yet (its first 300 ms), so a
    double click cannot start the same action twice."""

    _BLOCKED = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                          QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                          QEvent.Type.Wheel, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
                          QEvent.Type.Drop})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        return event.type() in self._BLOCKED


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[ProgressFn, CancelledFn], T], *,
                      raise_user_errors: bool = False, cancellable: bool = True) -> T | None:
    """Run ``fn(progress, cancelled)`` in a worker thread behind a modal progress dialog.

    Returns what ``fn`` returned, or None when it stopped because the user pressed 取消 (by raising
    :class:`~zwgk_desktop.core.progress.Cancelled`, or another UserError after the cancel) or when a :class:`UserError` was
    shown. Work that finishes although 取消 was pressed returns its result: it is done, callers should know.
    With ``raise_user_errors`` the UserError is re-raised instead of shown. With ``cancellable=False`` (a
    database transaction that must run to its end) there is no 取消 button and the dialog says so. Other
    exceptions are re-raised in the calling (GUI) thread. The dialog is gone for good when this returns.
    """
    cancel_flag = threading.Event()
    dialog = TaskProgressDialog(parent, title, cancellable)
    controller = _Controller(dialog, cancel_flag)
    worker = _Worker(fn, cancel_flag)
    worker.progressed.connect(controller.on_progress, Qt.ConnectionType.QueuedConnection)
    dialog.cancel_requested.connect(cancel_flag.set)
    loop = QEventLoop()
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    app = QCoreApplication.instance()
    blocker = _InputBlocker()
    app.installEventFilter(blocker)

    def show() -> None:
        app.removeEventFilter(blocker)
        dialog.show_while_running()

    show_timer = QTimer()
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(show)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        show_timer.start(SHOW_AFTER_MS)
        worker.start()
        if not worker.isFinished():
            loop.exec()
        worker.wait()
    finally:
        show_timer.stop()
        app.removeEventFilter(blocker)
        QGuiApplication.restoreOverrideCursor()
        worker.progressed.disconnect(controller.on_progress)
        dialog.finish()
        dialog.setParent(None)  # no longer a child window of ``parent`` whatever happens to deleteLater
        dialog.deleteLater()
        worker.deleteLater()
    error = worker.error
    if error is None:
        return worker.result
    if isinstance(error, Cancelled) or (cancel_flag.is_set() and isinstance(error, UserError)):
        return None
    if isinstance(error, UserError) and not raise_user_errors:
        show_error(parent, title, message_of(error))
        return None
    raise error
