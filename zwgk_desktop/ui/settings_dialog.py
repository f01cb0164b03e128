"""设置: office name and the clerk who fills in the ledger."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QWidget

from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace


class SettingsDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self.ws = ws
        values = ws.settings()
        self.office_edit = QLineEdit(values.get("office", ""))
        self.office_edit.setObjectName("officeEdit")
        self.office_edit.setPlaceholderText(self.tr("例如：某某镇人民政府"))
        self.clerk_edit = QLineEdit(values.get("clerk", ""))
        self.clerk_edit.setObjectName("clerkEdit")
        self.clerk_edit.setPlaceholderText(self.tr("记入变更记录的姓名"))
        self.office_edit.setMinimumWidth(320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("单位名称"), self.office_edit)
        form.addRow(self.tr("填报人"), self.clerk_edit)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            self.ws.update_settings(office=self.office_edit.text(), clerk=self.clerk_edit.text())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存设置"), str(exc))
            return
        super().accept()
