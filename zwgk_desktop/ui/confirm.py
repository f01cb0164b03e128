"""One confirmation box for actions that change or remove the clerk's data: 取消 is the default and Esc."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, *, icon: QMessageBox.Icon, title: str, text: str, details: str,
            action: str, role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
            name: str = "") -> bool:
    """True when the clerk pressed ``action``; 取消, Esc and closing the box say no."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if name:
        box.setObjectName(name)
    box.setInformativeText(details)
    yes = box.addButton(action, role)
    cancel = box.addButton(QCoreApplication.translate("confirm", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    confirmed = box.clickedButton() is yes
    box.deleteLater()
    return confirmed
