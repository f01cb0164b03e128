"""Importing a template: pick the file, read it off-thread, preview, map columns, diff updates, commit.

Nothing is written to the workspace until the user presses 导入 / 应用更新.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.importing import NotChecklistError, SheetPreview, preview_file
from zwgk_desktop.core.importing.preview_rows import (
    PreviewItem,
    nothing_to_report,
    preview_items,
    reported_skips,
    template_notes,
)
from zwgk_desktop.core.messages import join_msgs
from zwgk_desktop.core.presenters.import_review import (
    OPEN_FILTER,
    SheetChoice,
    name_problem,
    supports_mapping,
    warning_rows,
)
from zwgk_desktop.core.progress import CancelledFn, ProgressFn
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.services.import_flow import ImportPreview
from zwgk_desktop.core.types import BadFileError, SkippedRow, TemplateKind
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import tasks
from zwgk_desktop.ui.diff_view import DiffView
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.mapping_dialog import MappingDialog
from zwgk_desktop.ui.row_table import RowTableModel, row_table_view
from zwgk_desktop.ui.screen_fit import fit_to_screen

ADJUST_MAPPING = 2  # ImportPreviewDialog result: the user wants to adjust the column mapping
AS_NEW_CHECKLIST = 3  # ImportPreviewDialog result: adopt the file as a separate checklist, not an update

_NOT_CHECKLIST_LABEL = QT_TRANSLATE_NOOP("ImportPreviewDialog", "不像清单的文件（按要求导入，请逐项核对）")
_KIND_LABELS = {  # translated where shown (ImportPreviewDialog.tr); QT_TRANSLATE_NOOP marks them for lupdate
    TemplateKind.NATIVE: QT_TRANSLATE_NOOP("ImportPreviewDialog", "本软件的清单格式"),
    TemplateKind.CATALOGUE: QT_TRANSLATE_NOOP("ImportPreviewDialog", "政务公开标准目录"),
    TemplateKind.TASKS: QT_TRANSLATE_NOOP("ImportPreviewDialog", "任务分解表"),
    TemplateKind.NOTICE: QT_TRANSLATE_NOOP("ImportPreviewDialog", "工作要点通知"),
}
# core.import_review.OPEN_FILTER, translated where the file dialog opens (tests check the two stay equal)
OPEN_FILTER_SOURCE = QT_TRANSLATE_NOOP("import_dialog", "模板文件 (*.xlsx *.xls *.xlsm *.ods *.csv *.txt *.docx)")


def _table(headers: list[str], object_name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _set_rows(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c > 0 and text.isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class ImportPreviewDialog(QDialog):
    """What the file holds and what importing it would do. Edits ``preview.name`` / ``preview.year`` on accept."""

    def __init__(self, preview: ImportPreview, *, existing_names: list[str], can_map: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self._existing_names = existing_names
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("更新清单") if preview.is_update else self.tr("导入模板"))
        fit_to_screen(self, 860, 640 if preview.is_update else 580)
        parsed = preview.parsed
        layout = QVBoxLayout(self)

        heading = QLabel(parsed.name)
        heading.setObjectName("templateName")
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        kind = (self.tr(_NOT_CHECKLIST_LABEL) if parsed.document_kind == "not_checklist"
                else self.tr(_KIND_LABELS.get(parsed.kind, parsed.kind.value)))
        facts = [kind,
                 self.tr("文件：{0}").format(parsed.source_file),
                 self.tr("共 {0} 个事项").format(len(parsed.items))]
        if parsed.issuer:
            facts.insert(1, self.tr("发布单位：{0}").format(parsed.issuer))
        sub = QLabel("　·　".join(facts))
        sub.setObjectName("templateFacts")
        sub.setStyleSheet("color: #5f6368;")
        sub.setWordWrap(True)
        layout.addWidget(sub)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name_edit = QLineEdit(preview.name)
        self.name_edit.setObjectName("nameEdit")
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(1999, 2100)
        self.year_spin.setSpecialValueText(self.tr("未指定"))
        self.year_spin.setValue(preview.year or 1999)
        self.year_spin.setMaximumWidth(120)
        if preview.is_update:
            self.name_edit.setReadOnly(True)
            self.year_spin.setEnabled(False)
            update_note = QLabel(self.tr("这是清单“{0}”所用模板的新版本。应用更新后，原有事项的办理状态、"
                                         "佐证材料和记录都会保留；模板中删去的事项会归档，不会删除，其中有办理记录的"
                                         "要逐项确认。请核对下面的变化：")
                                 .format(preview.name))
            update_note.setObjectName("updateNote")
            update_note.setWordWrap(True)
            layout.addWidget(update_note)
        form.addRow(self.tr("清单名称："), self.name_edit)
        form.addRow(self.tr("年度："), self.year_spin)
        if preview.is_update:
            self.name_edit.hide()
            self.year_spin.hide()
        else:
            layout.addLayout(form)
        self.name_problem = QLabel()
        self.name_problem.setObjectName("nameProblem")
        self.name_problem.setStyleSheet("color: #b3261e;")
        self.name_problem.hide()
        layout.addWidget(self.name_problem)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.diff_view: DiffView | None = None
        self.item_rows = preview_items(parsed)
        self._excluded: set[int] = set(preview.excluded)
        self.items_model = RowTableModel(
            [(self.tr("导入") if not preview.is_update else self.tr("序号"), lambda r: str(r.index + 1)),
             (self.tr("分类"), lambda r: r.path), (self.tr("事项"), lambda r: r.title),
             (self.tr("公开时限"), lambda r: r.deadline), (self.tr("识别为"), lambda r: core_text(r.deadline_meaning)),
             (self.tr("责任单位"), lambda r: r.owners), (self.tr("公开渠道"), lambda r: r.channels),
             (self.tr("提示"), lambda r: core_text(join_msgs("；", r.warnings)))],
            self.item_rows,
            checkable=None if preview.is_update else (lambda r: True),
            is_checked=lambda r: r.index not in self._excluded,
            set_checked=self._include, alert=lambda r: bool(r.warnings))
        self.items_view = row_table_view(self.items_model, "itemsTable", (64, 150, 220, 170, 190, 160, 130))
        if preview.plan is not None:
            self.diff_view = DiffView(preview.plan)
            self.diff_view.decisionsChanged.connect(self._check_ready)
            self.tabs.addTab(self.diff_view, self.tr("更新内容"))
            self.tabs.addTab(self.items_view, self.tr("新版事项 ({0})").format(len(self.item_rows)))
        else:
            self.tabs.addTab(self.items_view, "")
            self.counts_table = _table([self.tr("分类"), self.tr("事项数")], "categoryCounts")
            self.counts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.counts_table.horizontalHeader().setStretchLastSection(False)
            self.counts_table.setColumnWidth(1, 90)
            counts = preview.category_counts()
            _set_rows(self.counts_table, [(core_text(cat), str(n)) for cat, n in counts])
            self.tabs.addTab(self.counts_table, self.tr("各分类 ({0})").format(len(counts)))
        self.skipped = reported_skips(parsed)
        self.skipped_model = RowTableModel(
            [(self.tr("工作表"), lambda s: s.source.sheet),
             (self.tr("行"), lambda s: "" if s.source.row is None else str(s.source.row)),
             (self.tr("原因"), lambda s: _skip_reason(s)), (self.tr("内容"), lambda s: s.text)],
            self.skipped)
        self.skipped_view = row_table_view(self.skipped_model, "skippedTable", (140, 60, 220))
        self.tabs.addTab(self.skipped_view, self.tr("跳过的行 ({0})").format(len(self.skipped)))
        warnings = warning_rows(parsed)
        self.warnings_table = _table([self.tr("工作表"), self.tr("行"), self.tr("提示")], "warningsTable")
        self.warnings_table.setColumnWidth(0, 140)
        self.warnings_table.setColumnWidth(1, 60)
        _set_rows(self.warnings_table, [(w.sheet, w.row, core_text(w.message)) for w in warnings])
        if warnings:
            self.tabs.addTab(self.warnings_table, self.tr("读取时的提示 ({0})").format(len(warnings)))
        layout.addWidget(self.tabs, 1)

        flagged = sum(1 for r in self.item_rows if r.warnings)
        if nothing_to_report(parsed, self.item_rows):
            self.report_label = QLabel(self.tr("读取时没有发现问题。"))
            self.report_label.setObjectName("noWarnings")
            self.report_label.setStyleSheet("color: #188038;")
        else:
            parts = list(template_notes(parsed))
            if warnings:
                parts.append(self.tr("{0} 条读取提示").format(len(warnings)))
            if flagged:
                parts.append(self.tr("{0} 个事项有提示（红字）").format(flagged))
            if self.skipped:
                parts.append(self.tr("跳过了 {0} 行").format(len(self.skipped)))
            self.report_label = QLabel(self.tr("请核对：{0}。").format(core_text(join_msgs("，", parts))))
            self.report_label.setObjectName("readReport")
            self.report_label.setStyleSheet("color: #8a5a00;")
        self.report_label.setWordWrap(True)
        layout.addWidget(self.report_label)
        self.decision_problem = QLabel()
        self.decision_problem.setObjectName("decisionProblem")
        self.decision_problem.setStyleSheet("color: #b3261e;")
        self.decision_problem.setWordWrap(True)
        self.decision_problem.hide()
        layout.addWidget(self.decision_problem)

        bottom = QHBoxLayout()
        buttons = QDialogButtonBox()
        self.map_button = QPushButton(self.tr("调整列对应…"))
        self.map_button.setObjectName("mapButton")
        self.map_button.setEnabled(can_map)
        if not can_map:
            self.map_button.setToolTip(self.tr("通知正文按提纲拆分事项，不需要指定列。"))
        bottom.addWidget(self.map_button)
        bottom.addStretch(1)
        self.ok_button = buttons.addButton(self.tr("应用更新") if preview.is_update else self.tr("导入"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        self.map_button.clicked.connect(lambda: self.done(ADJUST_MAPPING))
        if preview.is_update:
            self.new_button = QPushButton(self.tr("作为新清单导入…"))
            self.new_button.setObjectName("asNewButton")
            self.new_button.setToolTip(self.tr("不更新“{0}”，而是另建一个清单（例如新年度的台账）。").format(preview.name))
            self.new_button.clicked.connect(lambda: self.done(AS_NEW_CHECKLIST))
            bottom.insertWidget(1, self.new_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.name_edit.textChanged.connect(self._check_ready)
        self._update_items_tab()
        self._check_ready()

    # --- items the clerk unticks (new checklists only)
    def _include(self, row: PreviewItem, on: bool) -> None:
        if on:
            self._excluded.discard(row.index)
        else:
            self._excluded.add(row.index)
        self._update_items_tab()
        self._check_ready()

    def excluded(self) -> set[int]:
        return set(self._excluded)

    def _update_items_tab(self) -> None:
        if self.preview.is_update:
            return
        total = len(self.item_rows)
        text = (self.tr("事项 ({0})").format(total) if not self._excluded
                else self.tr("事项 ({0}/{1} 已勾选)").format(total - len(self._excluded), total))
        self.tabs.setTabText(self.tabs.indexOf(self.items_view), text)

    # --- checks that keep 导入 / 应用更新 disabled
    def _problem(self) -> str:
        if self.preview.is_update:
            open_count = self.diff_view.unconfirmed() if self.diff_view is not None else 0
            if open_count:
                return self.tr("有 {0} 个将归档的事项有办理记录，请在“删除（将归档）”中逐项勾选“确认归档”后再应用更新。"
                               ).format(open_count)
            return ""
        problem = name_problem(self.name_edit.text(), self._existing_names)
        if problem:
            return problem
        if len(self._excluded) >= len(self.item_rows):
            return self.tr("没有勾选任何事项。")
        return ""

    def _check_ready(self) -> bool:
        problem = self._problem()
        label = self.decision_problem if self.preview.is_update else self.name_problem
        label.setText(core_text(problem))
        label.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        return not problem

    def accept(self) -> None:
        if not self._check_ready():
            return
        if not self.preview.is_update:
            self.preview.name = self.name_edit.text().strip()
            self.preview.year = self.year_spin.value() if self.year_spin.value() != self.year_spin.minimum() else None
            self.preview.exclude(self._excluded)
        super().accept()


def _skip_reason(row: SkippedRow) -> str:
    label = QCoreApplication.translate("ImportPreviewDialog", row.reason.label)
    return f"{label}：{core_text(row.detail)}" if row.detail else label


@dataclass
class _ReadResult:
    sheets: list[SheetPreview]
    preview: ImportPreview | None
    error: BadFileError | None


def _read(ws: Workspace, path: Path, mapping: dict[str, str] | None, want_sheets: bool,
          force: bool = False) -> _ReadResult:
    """Worker-thread part: the sheet previews (for mapping) and the import preview. Writes nothing."""
    sheets = preview_file(path) if want_sheets and supports_mapping(path) else []
    try:
        return _ReadResult(sheets, import_flow.prepare(ws, path, mapping=mapping, force=force), None)
    except NotChecklistError as exc:  # a report or summary: the clerk decides
        return _ReadResult(sheets, None, exc)
    except BadFileError as exc:
        if not sheets:
            raise
        return _ReadResult(sheets, None, exc)


def _read_task(ws: Workspace, path: Path, mapping: dict[str, str] | None, want_sheets: bool, force: bool,
               progress: ProgressFn, cancelled: CancelledFn) -> _ReadResult:
    progress(0, 0, QCoreApplication.translate("import_dialog", "正在读取“{0}”…").format(path.name))
    return _read(ws, path, mapping, want_sheets, force)


def confirm_not_checklist(parent: QWidget | None, error: BadFileError) -> bool:
    """Ask before importing a file that reads as a report or summary; No is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("import_dialog", "这份文件不像清单"),
                      error_text(error), QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(QCoreApplication.translate(
        "import_dialog", "工作总结、年度报告等文件的段落不是待办事项。确定仍要把它作为清单导入吗？"))
    force = box.addButton(QCoreApplication.translate("import_dialog", "仍然导入"), QMessageBox.ButtonRole.AcceptRole)
    force.setObjectName("forceImportButton")
    cancel = box.addButton(QCoreApplication.translate("import_dialog", "不导入"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    chosen = box.clickedButton() is force
    box.deleteLater()
    return chosen


def _commit_task(ws: Workspace, preview: ImportPreview,
                 progress: ProgressFn, cancelled: CancelledFn) -> str:
    count = len(preview.parsed.items) - len(preview.excluded)
    progress(0, 0, QCoreApplication.translate("import_dialog", "正在写入 {0} 个事项…").format(count))
    info, _counts = import_flow.commit(ws, preview)  # the plan carries the clerk's decisions
    return info.id


def ask_template_path(parent: QWidget | None) -> Path | None:
    file_name, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("import_dialog", "选择要导入的模板文件"), "", QCoreApplication.translate("import_dialog", OPEN_FILTER))
    return Path(file_name) if file_name else None


def _exec(dialog: QDialog) -> int:
    """Run a modal dialog and schedule its deletion (the caller reads its values first)."""
    code = dialog.exec()
    dialog.deleteLater()
    return code


def run_import(parent: QWidget | None, ws: Workspace, path: Path | None = None) -> str | None:
    """The whole import, driven by dialogs. Returns the new or updated checklist id, or None."""
    if path is None:
        path = ask_template_path(parent)
        if path is None:
            return None
    path = Path(path)
    mapping: dict[str, str] | None = None
    choices: list[SheetChoice] | None = None
    sheets: list[SheetPreview] = []
    asked_unsure = False
    force = False
    result: _ReadResult | None = None
    while True:
        if result is None:
            result = tasks.run_with_progress(parent, QCoreApplication.translate("import_dialog", "读取模板"),
                                             partial(_read_task, ws, path, mapping, not sheets, force))
            if result is None:
                return None
            sheets = result.sheets or sheets
        if isinstance(result.error, NotChecklistError):
            if not confirm_not_checklist(parent, result.error):
                return None
            force, result = True, None
            continue
        if result.preview is None:  # the columns could not be understood: let the user map them
            dialog = MappingDialog(sheets, choices=choices, message=str(result.error), file_name=path.name,
                                   parent=parent)
            if _exec(dialog) != QDialog.DialogCode.Accepted:
                return None
            choices, mapping, result = dialog.choices(), dialog.mapping(), None
            continue
        if not asked_unsure and mapping is None and any(s.unsure for s in sheets):
            asked_unsure = True
            dialog = MappingDialog(sheets, message=QCoreApplication.translate("import_dialog", "有些列没能可靠地识别，请核对每一列对应的字段。"),
                                   file_name=path.name, parent=parent)
            if _exec(dialog) == QDialog.DialogCode.Accepted and dialog.mapping():
                choices, mapping, result = dialog.choices(), dialog.mapping(), None
                continue
        preview = result.preview
        names = [c.name for c in ws.checklists()]
        dialog = ImportPreviewDialog(preview, existing_names=names, can_map=supports_mapping(path), parent=parent)
        code = _exec(dialog)
        if code == ADJUST_MAPPING:
            if not sheets:
                sheets = tasks.run_with_progress(parent, QCoreApplication.translate("import_dialog", "读取模板"),
                                                 lambda _p, _c: preview_file(path)) or []
                if not sheets:
                    continue
            mapping_dialog = MappingDialog(sheets, choices=choices, file_name=path.name, parent=parent)
            if _exec(mapping_dialog) == QDialog.DialogCode.Accepted:
                choices, mapping, result = mapping_dialog.choices(), mapping_dialog.mapping() or None, None
            continue
        if code == AS_NEW_CHECKLIST:
            result = _ReadResult(sheets, import_flow.as_new_checklist(ws, preview), None)
            continue
        if code != QDialog.DialogCode.Accepted:
            return None
        commit = partial(_commit_task, ws, preview)
        checklist_id = tasks.run_with_progress(parent, QCoreApplication.translate("import_dialog", "导入模板"), commit, cancellable=False)
        if checklist_id is not None:
            return checklist_id
        result = None  # a UserError (e.g. the name was taken meanwhile) was shown: read again, preview again
