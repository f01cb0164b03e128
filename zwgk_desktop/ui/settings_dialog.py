"""设置: office name, the clerk who fills in the ledger, and the interface language (per user, QSettings)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.errors import show_user_error
from zwgk_desktop.ui.i18n import error_text
from zwgk_desktop.ui.settings import store_language, stored_language


class SettingsDialog(QDialog):
    """:attr:`saved` is emitted once the workspace settings are written (the window then shows the new
    单位名称 in its title and as 本单位 in the unit filter, without a restart); :attr:`notice` carries a
    line for the window's status bar (a holiday arrangement saved from here)."""

    saved = Signal()
    notice = Signal(str)

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
        self._language = stored_language()
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
        form.addRow(self.tr("节假日安排"), self._holiday_row())
        form.addRow(buttons)

    def _holiday_row(self) -> QWidget:
        """Which years the workday calendar knows, and 节假日安排… to add next year's from the notice."""
        self.holiday_label = QLabel()
        self.holiday_label.setObjectName("holidayLabel")
        self._show_calendar_years()
        self.holiday_button = QPushButton(self.tr("节假日安排…"))
        self.holiday_button.setObjectName("holidayButton")
        self.holiday_button.clicked.connect(self.edit_holidays)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.holiday_label, 1)
        layout.addWidget(self.holiday_button)
        return row

    def _show_calendar_years(self) -> None:
        cal = self.ws.calendar
        self.holiday_label.setText(self.tr("已收录 %1—%2 年的放假安排")
                                   .replace("%1", str(cal.first_known_year or "")).replace("%2",
                                                                                        str(cal.last_known_year or "")))

    def edit_holidays(self) -> None:
        """Paste next year's notice; the dialog saves it at once (it does not wait for 确定)."""
        from zwgk_desktop.ui.holiday_notice_dialog import edit_holidays

        try:
            saved = edit_holidays(self, self.ws)
        except UserError as exc:
            show_user_error(self, exc)
            return
        if saved is not None:
            self.notice.emit(saved.status)
        self._show_calendar_years()

    def accept(self) -> None:
        try:
            self.ws.update_settings(office=self.office_edit.text(), clerk=self.clerk_edit.text())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存设置"), error_text(exc))
            return
        self.saved.emit()
        language = str(self.language_combo.currentData() or "")
        if language != self._language:
            store_language(language)
        super().accept()


class OfficeDialog(QDialog):
    """Asks for the 单位名称 a report needs (before the first report of a workspace); saved like 设置…."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeDialog")
        self.setWindowTitle(self.tr("单位名称"))
        self.ws = ws
        note = QLabel(self.tr("报告的封面和页眉要写上本单位的名称。请填写单位名称，它会保存在设置中，"
                              "以后可在“文件 → 设置…”中修改。"))
        note.setObjectName("officeNote")
        note.setWordWrap(True)
        self.office_edit = QLineEdit(ws.settings().get("office", ""))
        self.office_edit.setObjectName("officeEdit")
        self.office_edit.setPlaceholderText(self.tr("例如：某某镇人民政府"))
        self.office_edit.setMinimumWidth(320)
        self.problem = QLabel()
        self.problem.setObjectName("officeProblem")
        self.problem.setStyleSheet("color: #b71c1c")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("保存并继续"))
        ok.setObjectName("okButton")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("单位名称"), self.office_edit)
        form.addRow("", self.problem)
        form.addRow(buttons)

    def accept(self) -> None:
        name = self.office_edit.text().strip()
        if not name:
            self.problem.setText(self.tr("请填写单位名称。"))
            self.office_edit.setFocus()
            return
        try:
            self.ws.update_settings(office=name)
        except UserError as exc:
            self.problem.setText(error_text(exc))
            return
        super().accept()


def ensure_office(parent: QWidget | None, ws: Workspace) -> bool:
    """True when the 单位名称 is set, asking for it first when it is not; False when the user cancels."""
    if ws.settings().get("office", "").strip():
        return True
    dialog = OfficeDialog(ws, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
