"""A UserError raised by a command of the window is shown as a warning box with its Chinese message."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from zwgk_desktop.core.types import UserError
from zwgk_desktop.ui.i18n import error_text

F = TypeVar("F", bound=Callable[..., Any])


def show_user_error(parent: QWidget | None, exc: UserError) -> None:
    while QApplication.overrideCursor() is not None:
        QApplication.restoreOverrideCursor()
    QMessageBox.warning(parent, QCoreApplication.translate("MainWindow", "提示"), error_text(exc))


def user_errors(command: F) -> F:
    """Show a UserError raised by ``command`` (a window method, or a function whose first argument is the
    parent widget) and return None instead."""

    @wraps(command)
    def wrapper(parent: QWidget | None, *args: Any, **kwargs: Any) -> Any:
        try:
            return command(parent, *args, **kwargs)
        except UserError as exc:
            show_user_error(parent, exc)
            return None

    return wrapper  # type: ignore[return-value]
