"""Window sizes that fit the screen: a 1366×768 laptop with a taskbar has about 1366×728 to show a window in."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 40)  # the window frame and title bar drawn around the widget


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height``, or less where its screen's free area is smaller, so its
    buttons are never below the screen's edge."""
    size = QSize(width, height)
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size() - FRAME_ALLOWANCE)
    widget.resize(size)
