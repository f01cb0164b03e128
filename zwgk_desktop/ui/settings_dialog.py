"""设置: office name, the clerk who fills in the ledger, and the interface language (per user, QSettings)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.app import LANGUAGE_KEY
from zwgk_desktop.ui.main_window import app_settings


class SettingsDialog(QDialog):
    """:attr:`saved` is emitted once the workspace settings are written (the window then shows the new
    单位名称 in its title and as 本单位 in the unit filter, without a restart)."""

    saved = Signal()

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
        # each language is named in itself, so it can be found whatever the current language
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("跟随系统"), "")
        self.language_combo.addItem("中文", "zh")
        self.language_combo.addItem("English", "en")
        self._language = str(app_settings().value(LANGUAGE_KEY, "") or "")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(self._language)))
        language_note = QLabel(self.tr("更改语言后，下次启动本软件时生效。"))
        language_note.setObjectName("languageNote")
        language_note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("单位名称"), self.office_edit)
        form.addRow(self.tr("填报人"), self.clerk_edit)
        form.addRow(self.tr("语言 / Language"), self.language_combo)
        form.addRow("", language_note)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            self.ws.update_settings(office=self.office_edit.text(), clerk=self.clerk_edit.text())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存设置"), str(exc))
            return
        self.saved.emit()
        language = str(self.language_combo.currentData() or "")
        if language != self._language:
            settings = app_settings()
            if language:
                settings.setValue(LANGUAGE_KEY, language)
            else:
                settings.remove(LANGUAGE_KEY)
            settings.sync()
        super().accept()
