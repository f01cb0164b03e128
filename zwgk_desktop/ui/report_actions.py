"""Report menu actions: export the PDF self-check report or the Excel ledger, and print the report.

Each action first asks for the 单位名称 when none is set (saved to the settings; 取消 aborts), then asks for the scope (全部事项 / 一个分类 / 一个责任单位), then where to save, generates off the
GUI thread with progress and 取消 (a cancelled export leaves no file: the writers write atomically), and
finally offers to open the file or its folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.presenters.report_options import (
    SCOPE_ALL,
    SCOPE_CATEGORY,
    SCOPE_OWNER,
    ReportScope,
    default_file_name,
    scope_choices,
    with_suffix,
)
from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn
from zwgk_desktop.core.types import ItemRow
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import tasks

Writer = Callable[..., Path]
_last_folder: Path | None = None


class ReportOptionsDialog(QDialog):
    """Scope of a report: all items, one top-level category or one responsible unit."""

    def __init__(self, ws: Workspace, checklist_id: str, title: str, parent: QWidget | None = None,
                 rows: Sequence[ItemRow] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportOptionsDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        info = ws.checklist(checklist_id)
        choices = scope_choices(ws.rows(info.id) if rows is None else rows)
        layout = QVBoxLayout(self)
        heading = QLabel(info.name)
        heading.setObjectName("dialogTitle")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("报告包含哪些事项：")))

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.all_radio = QRadioButton(self.tr("全部事项（{0} 项）").format(info.total))
        self.all_radio.setObjectName("scopeAll")
        self.category_radio = QRadioButton(self.tr("一个分类："))
        self.category_radio.setObjectName("scopeCategory")
        self.owner_radio = QRadioButton(self.tr("一个责任单位："))
        self.owner_radio.setObjectName("scopeOwner")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        for name, total in choices.categories:
            self.category_combo.addItem(self.tr("{0}（{1} 项）").format(name, total), name)
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("ownerCombo")
        self.owner_combo.setEditable(False)
        for owner in choices.owners:
            self.owner_combo.addItem(owner, owner)
        self.category_radio.setEnabled(bool(choices.categories))
        self.owner_radio.setEnabled(bool(choices.owners))
        group = QButtonGroup(self)
        for radio in (self.all_radio, self.category_radio, self.owner_radio):
            group.addButton(radio)
        grid.addWidget(self.all_radio, 0, 0, 1, 2)
        grid.addWidget(self.category_radio, 1, 0)
        grid.addWidget(self.category_combo, 1, 1)
        grid.addWidget(self.owner_radio, 2, 0)
        grid.addWidget(self.owner_combo, 2, 1)
        layout.addLayout(grid)
        self.all_radio.setChecked(True)
        group.buttonToggled.connect(self._sync)
        self.category_combo.activated.connect(lambda _i: self.category_radio.setChecked(True))
        self.owner_combo.activated.connect(lambda _i: self.owner_radio.setChecked(True))
        self._sync()

        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("下一步…"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("okButton")
        ok.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def _sync(self) -> None:
        self.category_combo.setEnabled(self.category_radio.isChecked())
        self.owner_combo.setEnabled(self.owner_radio.isChecked())

    def scope(self) -> ReportScope:
        if self.category_radio.isChecked() and self.category_combo.currentData():
            return ReportScope(SCOPE_CATEGORY, self.category_combo.currentData())
        if self.owner_radio.isChecked() and self.owner_combo.currentData():
            return ReportScope(SCOPE_OWNER, self.owner_combo.currentData())
        return ReportScope(SCOPE_ALL)


def ask_scope(parent: QWidget | None, ws: Workspace, checklist_id: str, title: str,
              rows: Sequence[ItemRow] | None = None) -> ReportScope | None:
    dialog = ReportOptionsDialog(ws, checklist_id, title, parent, rows)
    try:
        return dialog.scope() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def _start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
    global _last_folder
    name, _ = QFileDialog.getSaveFileName(parent, title, str(_start_folder() / suggested), file_filter)
    if not name:
        return None
    path = Path(with_suffix(name, suffix))
    _last_folder = path.parent
    return path


def _generate(ws: Workspace, checklist_id: str, scope: ReportScope, rows: Sequence[ItemRow] | None, path: Path,
              writer: Writer, progress: ProgressFn, cancelled: CancelledFn) -> Path:
    from zwgk_desktop.core.services.report_input import build_report_data

    progress(0, 0, QCoreApplication.translate("report_actions", "正在汇总事项、佐证材料和公开记录…"))
    data = build_report_data(ws, checklist_id, category=scope.category, owner=scope.owner, rows=rows)
    if cancelled():
        raise Cancelled()
    total = len(data.items)

    def report(done: int, total_: int) -> None:
        progress(done, total_ or total, QCoreApplication.translate("report_actions", "正在生成报告：{0} / {1} 个事项").format(done, total_ or total))

    return writer(data, path, progress=report, cancelled=cancelled)


def offer_open(parent: QWidget | None, path: Path) -> None:
    """Saved: 打开文件 / 打开所在文件夹 / 关闭."""
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("report_actions", "报告已生成"), QCoreApplication.translate("report_actions", "报告已保存到：\n{0}").format(path),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("reportDoneBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_file = box.addButton(QCoreApplication.translate("report_actions", "打开文件"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(QCoreApplication.translate("report_actions", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(QCoreApplication.translate("report_actions", "关闭"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.setEscapeButton(close)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def ensure_office(parent: QWidget | None, ws: Workspace) -> bool:
    """The report needs the 单位名称: ask for it (and save it) when it is not set yet."""
    from zwgk_desktop.ui.settings_dialog import ensure_office as ask

    return ask(parent, ws)


def _export(parent: QWidget | None, ws: Workspace, checklist_id: str, *, title: str, suffix: str,
            file_filter: str, writer: Writer, path: Path | None, rows: Sequence[ItemRow] | None) -> Path | None:
    if not ensure_office(parent, ws):
        return None
    scope = ask_scope(parent, ws, checklist_id, title, rows)
    if scope is None:
        return None
    if path is None:
        suggested = default_file_name(ws.checklist(checklist_id).name, scope, suffix)
        path = ask_save_path(parent, title, suggested, file_filter, suffix)
        if path is None:
            return None
    done = tasks.run_with_progress(parent, title, partial(_generate, ws, checklist_id, scope, rows, Path(path), writer))
    if done is None:
        return None
    offer_open(parent, Path(path))
    return Path(path)


def export_pdf(parent: QWidget | None, ws: Workspace, checklist_id: str, *, path: Path | None = None,
               rows: Sequence[ItemRow] | None = None) -> Path | None:
    """导出 PDF 报告. Returns the written file, or None (cancelled or failed; the error was shown).
    ``rows``: the checklist's rows the caller already holds (the window's), so they are not read again."""
    from zwgk_desktop.core.reports.pdf import write_pdf

    return _export(parent, ws, checklist_id, title=QCoreApplication.translate("report_actions", "导出 PDF 报告"), suffix=".pdf",
                   file_filter=QCoreApplication.translate("report_actions", "PDF 文件 (*.pdf)"), writer=write_pdf, path=path, rows=rows)


def export_xlsx(parent: QWidget | None, ws: Workspace, checklist_id: str, *,
                path: Path | None = None, rows: Sequence[ItemRow] | None = None) -> Path | None:
    """导出 Excel 台账. Returns the written file, or None."""
    from zwgk_desktop.core.reports.xlsx import write_xlsx

    return _export(parent, ws, checklist_id, title=QCoreApplication.translate("report_actions", "导出 Excel 台账"), suffix=".xlsx",
                   file_filter=QCoreApplication.translate("report_actions", "Excel 工作簿 (*.xlsx)"), writer=write_xlsx, path=path, rows=rows)


def _generate_and_render(ws: Workspace, checklist_id: str, scope: ReportScope, rows: Sequence[ItemRow] | None,
                         path: Path, progress: ProgressFn, cancelled: CancelledFn) -> list:
    from zwgk_desktop.core.reports.pdf import write_pdf
    from zwgk_desktop.ui.print_preview import render_pages

    _generate(ws, checklist_id, scope, rows, path, write_pdf, progress, cancelled)
    return render_pages(path, progress, cancelled)


def print_report(parent: QWidget | None, ws: Workspace, checklist_id: str, *,
                 rows: Sequence[ItemRow] | None = None) -> bool:
    """打印报告: generate the PDF to a temp file, render it, show the print preview. True if printed."""
    from zwgk_desktop.ui.print_preview import ReportPrintPreview

    title = QCoreApplication.translate("report_actions", "打印报告")
    if not ensure_office(parent, ws):
        return False
    scope = ask_scope(parent, ws, checklist_id, title, rows)
    if scope is None:
        return False
    folder = Path(tempfile.mkdtemp(prefix="zwgk-print-"))
    try:
        pdf = folder / "report.pdf"
        images = tasks.run_with_progress(parent, title,
                                         partial(_generate_and_render, ws, checklist_id, scope, rows, pdf))
        if not images:
            return False
        name = default_file_name(ws.checklist(checklist_id).name, scope, "")
        preview = ReportPrintPreview(images, name, parent)
        try:
            return preview.exec() == QDialog.DialogCode.Accepted
        finally:
            preview.deleteLater()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
