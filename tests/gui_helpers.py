"""Helpers for driving modal dialogs in GUI tests like a user would."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

_generation = [0]


@pytest.fixture(autouse=True)
def stop_modal_watchers():
    """Import this into a test module: watchers of one test never act on the dialogs of the next."""
    yield
    _generation[0] += 1


def on_modal(cls: type[QWidget], action: Callable[[QWidget], None], *, timeout_ms: int = 10_000,
             name: str | None = None) -> list[QWidget]:
    """When a visible modal widget of ``cls`` (optionally with objectName ``name``) appears, run ``action``.

    Returns a list that receives the widget once it was seen, so the test can assert it appeared.
    """
    seen: list[QWidget] = []
    generation = _generation[0]
    deadline = time.monotonic() + timeout_ms / 1000

    def poll() -> None:
        if generation != _generation[0]:
            return
        w = QApplication.activeModalWidget()
        if isinstance(w, cls) and w.isVisible() and (name is None or w.objectName() == name):
            seen.append(w)
            action(w)
            return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def grab_png(widget: QWidget, path: str) -> None:
    """Save a screenshot of ``widget`` (used while developing, to look at dialogs)."""
    widget.grab().save(path)


def show_main_window(qtbot, ws, *, activate: bool = False):  # noqa: ANN001, ANN201 - pytest-qt's qtbot
    """The main window on ``ws`` as a clerk sees it on a 1366×768 screen: shown, exposed (and active)."""
    from zwgk_desktop.ui.main_window import MainWindow

    window = MainWindow(ws, persist=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    if activate:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window
