"""Run slow work off the GUI thread behind a modal progress dialog with a 取消 button.

The work function gets two callbacks it may call from the worker thread:

* ``progress(done, total, text="")`` – ``total <= 0`` keeps the bar indeterminate; ``text`` replaces the label;
* ``cancelled()`` – True once the user pressed 取消; the work should then stop soon (return or raise).

The worker never touches widgets: progress travels to the GUI thread through a queued signal. A
:class:`~zwgk_desktop.core.types.UserError` is shown as a message box in the GUI thread (or re-raised for
callers that want to handle it); any other exception is re-raised in the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from zwgk_desktop.core.types import UserError

T = TypeVar("T")


class ProgressFn(Protocol):
    def __call__(self, done: int, total: int, text: str = "") -> None: ...


CancelledFn = Callable[[], bool]

SHOW_AFTER_MS = 300  # quick work finishes without the dialog flashing
_MIN_INTERVAL = 0.05  # seconds between progress signals; the GUI cannot show more anyway


class Cancelled(Exception):
    """Raise from work functions that notice ``cancelled()``; run_with_progress then returns None."""


def _is_cancellation(exc: BaseException) -> bool:
    if isinstance(exc, Cancelled):
        return True
    try:
        from zwgk_desktop.core.reports import ReportCancelled
    except ImportError:  # pragma: no cover - reports package not importable
        return False
    return isinstance(exc, ReportCancelled)


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
    """Lives in the GUI thread: updates the dialog and sets the cancel flag."""

    def __init__(self, dialog: QProgressDialog, cancel_flag: threading.Event) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.cancel_flag = cancel_flag

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        if self.cancel_flag.is_set():
            return
        if text:
            self.dialog.setLabelText(text)
        if total > 0:
            if self.dialog.maximum() != total:
                self.dialog.setRange(0, total)
            self.dialog.setValue(min(max(done, 0), total))
        elif self.dialog.maximum() != 0:
            self.dialog.setRange(0, 0)

    @Slot()
    def on_cancel(self) -> None:
        if self.cancel_flag.is_set():
            return
        self.cancel_flag.set()
        self.dialog.setLabelText(QCoreApplication.translate("tasks", "正在取消…"))
        button = self.dialog.findChild(QWidget, "cancelButton")
        if button is not None:
            button.setEnabled(False)


def _make_dialog(parent: QWidget | None, title: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setObjectName("taskProgressDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(title + QCoreApplication.translate("tasks", "，请稍候…"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.setRange(0, 0)  # indeterminate until the work reports a total
    if cancellable:
        button = QPushButton(QCoreApplication.translate("tasks", "取消"), dialog)
        button.setObjectName("cancelButton")
        dialog.setCancelButton(button)
    else:
        dialog.setCancelButton(None)
    # Keep the dialog up while the work winds down: the default cancel() would hide it at once.
    dialog.canceled.disconnect(dialog.cancel)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    return dialog


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal warning box with a Chinese message."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessageBox")
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("tasks", "确定"))
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
    :class:`Cancelled`, ``ReportCancelled`` or a UserError after the cancel) or when a :class:`UserError` was
    shown. Work that finishes although 取消 was pressed returns its result: it is done, callers should know.
    With ``raise_user_errors`` the UserError is re-raised instead of shown. With ``cancellable=False`` (a
    database transaction that must run to its end) there is no 取消 button. Other exceptions are re-raised
    in the calling (GUI) thread.
    """
    cancel_flag = threading.Event()
    dialog = _make_dialog(parent, title, cancellable)
    controller = _Controller(dialog, cancel_flag)
    worker = _Worker(fn, cancel_flag)
    worker.progressed.connect(controller.on_progress, Qt.ConnectionType.QueuedConnection)
    if cancellable:
        dialog.canceled.connect(controller.on_cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    app = QCoreApplication.instance()
    blocker = _InputBlocker()
    app.installEventFilter(blocker)

    def show() -> None:
        app.removeEventFilter(blocker)
        dialog.show()

    show_timer = QTimer(dialog)
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
        dialog.hide()
        dialog.deleteLater()
        worker.deleteLater()
    error = worker.error
    if error is None:
        return worker.result
    if _is_cancellation(error) or (cancel_flag.is_set() and isinstance(error, UserError)):
        return None
    if isinstance(error, UserError) and not raise_user_errors:
        show_error(parent, title, str(error))
        return None
    raise error
