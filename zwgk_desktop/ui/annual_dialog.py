"""年度报告: the yearly report's window, over zwgk_desktop.core.annual.

Tables 二, 三 and 四 laid out as printed (merged headers from the same grids as every output), every 总计
computed and read-only, last year's 结转下年度 carried into 上年结转 and last year's 现行有效 shown as the
base, each finding marked at its cell as the clerk types (the list below jumps to the cell), parts 一/五/六
as text with 起草 from the ledger, 保存 (one transaction with its history entry), 导出 (PDF, Word, 网页,
Excel, JSON), checking a report file or a folder of them, and 登记发布 on the linked catalogue item.

An imported report keeps its printed totals: they are shown with the computed value where the two differ,
and only the clerk's 改用计算的总计 replaces them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QBrush, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.annual import deadline, drafting, outputs, render_html, service, store
from zwgk_desktop.core.annual._render_common import (
    T2_RULE_ROWS,
    T2_SINGLE_BLOCKS,
    table2_grid,
    table3_grid,
    table4_grid,
)
from zwgk_desktop.core.annual.checks import ERROR, Finding, check
from zwgk_desktop.core.annual.model import (
    SECTION_TITLES,
    T2_DOC_COLUMNS,
    T2_DOC_ROWS,
    T2_FEE_ROW,
    T3_COLUMNS,
    T3_KEYS,
    T4_COLUMNS,
    T4_GROUPS,
    AnnualReport,
    in_force_base,
    new_report,
    t3_full_label,
    with_totals,
)
from zwgk_desktop.core.types import ItemRow, UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.annual_check_dialog import AnnualCheckDialog, FolderSummaryDialog
from zwgk_desktop.ui.annual_grid import (
    COMPUTED_BRUSH,
    ERROR_BRUSH,
    LEVEL_ROLE,
    WARNING_BRUSH,
    GridTable,
)
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.screen_fit import fit_to_screen
from zwgk_desktop.ui.tasks import run_with_progress

__all__ = ["ERROR_BRUSH", "WARNING_BRUSH", "AnnualReportDialog"]

TEXT_PARTS = ("一", "五", "六")
T2_SINGLE_ROWS = tuple(label for _t, _h, labels in T2_SINGLE_BLOCKS for label in labels)
# format -> (file filter, suffix)
EXPORTS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF (*.pdf)", ".pdf"),
    "docx": ("Word (*.docx)", ".docx"),
    "html": ("HTML (*.html)", ".html"),
    "xlsx": ("Excel (*.xlsx)", ".xlsx"),
    "json": ("JSON (*.json)", ".json"),
}


def _cell_value(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _t2_values() -> dict[tuple[str, int], tuple[int, int]]:
    """Table 二's value cells by (row label, column index), from its printed grid."""
    grid = table2_grid(None)
    rows = {c.row: c.text for c in grid.cells if c.kind == "label"}
    return {(rows[c.row], c.col - 1): (c.row, c.col) for c in grid.cells if c.kind == "value"}


def _t3_values() -> dict[tuple[str, int], tuple[int, int]]:
    head = table3_grid(None).header_rows
    return {(key, k): (head + i, 3 + k) for i, key in enumerate(T3_KEYS) for k in range(7)}


def _t4_values() -> dict[tuple[str, int], tuple[int, int]]:
    return {(group, i): (3, 5 * g + i) for g, group in enumerate(T4_GROUPS) for i in range(5)}


def computed_cells() -> list[tuple[str, str, int]]:
    """(table, row key, column) of every 总计 the form computes."""
    cells = [("三", key, 6) for key in T3_KEYS]
    cells += [("三", "total_processed", c) for c in range(6)]
    cells += [("四", group, 4) for group in T4_GROUPS]
    return cells


class AnnualReportDialog(QDialog):
    def __init__(self, ws: Workspace, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualReportDialog")
        self.setWindowTitle(self.tr("政府信息公开工作年度报告"))
        self.ws = ws
        self.office = ws.settings()["office"]
        self._loading = False
        self.version: int | None = None
        self.keep_printed = False  # an imported report: its printed totals are kept
        self.source_file = ""
        self.findings: list[Finding] = []

        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("annualYear")
        self.year_spin.setRange(2019, 2100)
        self.year_spin.setValue(year or date.today().year - 1)
        self.due_label = QLabel()
        self.due_label.setObjectName("annualDue")
        self.link_label = QLabel()
        self.link_label.setObjectName("annualLink")
        self.base_label = QLabel()
        self.base_label.setObjectName("annualBase")
        self.publish_button = QPushButton(self.tr("登记发布…"))
        self.publish_button.setObjectName("annualPublish")
        self.publish_button.setToolTip(self.tr("在关联的清单事项上记录年度报告的发布"))
        self.publish_button.clicked.connect(self.record_publication)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报告年度")))
        top.addWidget(self.year_spin)
        top.addWidget(self.due_label)
        top.addWidget(self.link_label, 1)
        top.addWidget(self.publish_button)

        self.t2 = GridTable(table2_grid(None), _t2_values())
        self.t2.setObjectName("annualTable2")
        self.t3 = GridTable(table3_grid(None), _t3_values())
        self.t3.setObjectName("annualTable3")
        self.t4 = GridTable(table4_grid(None), _t4_values())
        self.t4.setObjectName("annualTable4")
        self.tables = {"二": self.t2, "三": self.t3, "四": self.t4}

        self.texts: dict[str, QPlainTextEdit] = {}
        self.draft_buttons: dict[str, QPushButton] = {}
        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        for key in TEXT_PARTS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"annualSection{'一二三四五六'.index(key) + 1}")
            edit.textChanged.connect(self._recheck)
            button = QPushButton(self.tr("从台账起草"))
            button.setObjectName(f"annualDraft{'一二三四五六'.index(key) + 1}")
            button.setToolTip(self.tr("按本年度的台账记录起草这一部分（可再修改）"))
            button.clicked.connect(lambda _=False, k=key: self.draft(k))
            head = QHBoxLayout()
            head.addWidget(QLabel(f"{key}、{SECTION_TITLES[key]}"), 1)
            head.addWidget(button)
            text_layout.addLayout(head)
            text_layout.addWidget(edit)
            self.texts[key] = edit
            self.draft_buttons[key] = button
        tab2 = QWidget()
        tab2_layout = QVBoxLayout(tab2)
        tab2_layout.addWidget(self.t2, 1)
        tab2_layout.addWidget(self.base_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(text_tab, self.tr("一、五、六 文字"))
        self.tabs.addTab(tab2, self.tr("二、主动公开"))
        self.tabs.addTab(self.t3, self.tr("三、申请情况"))
        self.tabs.addTab(self.t4, self.tr("四、复议诉讼"))
        self.tab_of = {"二": tab2, "三": self.t3, "四": self.t4}

        # an imported report's printed totals
        self.printed_bar = QFrame()
        self.printed_bar.setObjectName("annualPrintedBar")
        self.printed_bar.setStyleSheet("#annualPrintedBar { background: #fff3cd; border-radius: 4px; }")
        self.printed_label = QLabel()
        self.printed_label.setObjectName("annualPrintedText")
        self.printed_label.setWordWrap(True)
        self.use_computed_button = QPushButton(self.tr("改用计算的总计"))
        self.use_computed_button.setObjectName("annualUseComputed")
        self.use_computed_button.clicked.connect(self.use_computed_totals)
        bar_layout = QHBoxLayout(self.printed_bar)
        bar_layout.setContentsMargins(8, 4, 8, 4)
        bar_layout.addWidget(self.printed_label, 1)
        bar_layout.addWidget(self.use_computed_button)
        self.printed_bar.hide()

        self.findings_list = QListWidget()
        self.findings_list.setObjectName("annualFindings")
        self.findings_list.setMaximumHeight(130)
        self.findings_list.setToolTip(self.tr("点击一条检查结果，跳到它所在的单元格"))
        self.findings_list.itemClicked.connect(self._go_to_finding)
        self.findings_list.itemActivated.connect(self._go_to_finding)
        self.status_label = QLabel()
        self.status_label.setObjectName("annualStatus")

        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.setObjectName("annualExport")
        export_menu = QMenu(self.export_button)
        self.export_actions = {}
        labels = {"pdf": "PDF…", "docx": self.tr("Word (.docx)…"), "html": self.tr("网页 (HTML)…"),
                  "xlsx": self.tr("Excel (.xlsx)…"), "json": "JSON…"}
        for fmt in EXPORTS:
            action = export_menu.addAction(labels[fmt])
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        export_menu.addSeparator()
        self.copy_html_action = export_menu.addAction(self.tr("复制网页代码到剪贴板"))
        self.copy_html_action.triggered.connect(self.copy_html)
        self.export_button.setMenu(export_menu)
        self.check_file_button = QPushButton(self.tr("检查报告文件…"))
        self.check_file_button.setObjectName("annualCheckFile")
        self.check_file_button.setToolTip(self.tr("打开一份年度报告（json、xlsx、docx、html、pdf）检查，可导入为本单位的报告"))
        self.check_file_button.clicked.connect(self.check_file)
        self.check_folder_button = QPushButton(self.tr("检查文件夹…"))
        self.check_folder_button.setObjectName("annualCheckFolder")
        self.check_folder_button.clicked.connect(self.check_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.close_asking)
        self.buttons = buttons
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.check_file_button)
        bottom.addWidget(self.check_folder_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.printed_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel(self.tr("检查结果（点击跳到单元格）")))
        layout.addWidget(self.findings_list)
        layout.addLayout(bottom)
        fit_to_screen(self, 1180, 760)

        self.dirty = False  # edits not saved yet
        self._loaded_year = self.year_spin.value()
        for table in self.tables.values():
            table.itemChanged.connect(self._recheck)
            table.itemChanged.connect(self._mark_dirty)
        for edit in self.texts.values():
            edit.textChanged.connect(self._mark_dirty)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.load()

    # --- unsaved edits ---
    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True

    def _discard_ok(self) -> bool:
        """True when there is nothing unsaved, or the clerk agrees to drop it."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("未保存的修改"), self.tr("{year}年报告有未保存的修改。放弃这些修改吗？").format(
                year=self._loaded_year),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _year_changed(self, year: int) -> None:
        if year == self._loaded_year:
            return
        if not self._discard_ok():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._loaded_year)
            self.year_spin.blockSignals(False)
            return
        self.load()

    def close_asking(self) -> None:
        """关闭 / Esc: unsaved edits are dropped only after a confirmation."""
        if self._discard_ok():
            self.reject()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close_asking()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        """The title-bar ✕ asks too: typed figures are never dropped without a word."""
        if self.isVisible() and not self._discard_ok():
            event.ignore()
            return
        super().closeEvent(event)

    # --- loading and reading back ---
    def _previous(self, year: int) -> AnnualReport | None:
        found = store.get(self.ws, year - 1, self.office) if self.office else None
        return found.report if found else None

    def load(self) -> None:
        year = self.year_spin.value()
        stored = store.get(self.ws, year, self.office) if self.office else None
        previous = self._previous(year)
        report = stored.report if stored else new_report(year, self.office, previous)
        self.version = stored.version if stored else None
        self.keep_printed = stored is not None and stored.origin == "imported"
        self.source_file = stored.source_file if stored else ""
        self._loading = True
        try:
            for row in T2_DOC_ROWS:
                for c, col in enumerate(T2_DOC_COLUMNS):
                    self.t2.set_value(row, c, _text(report.table2[row][col]))
            for row in (*T2_SINGLE_ROWS,):
                self.t2.set_value(row, 0, _text(report.table2[row]))
            for key in T3_KEYS:
                for c in range(7):
                    self.t3.set_value(key, c, _text(report.table3[key][c]))
            for group in T4_GROUPS:
                for c in range(5):
                    self.t4.set_value(group, c, _text(report.table4[group][c]))
            for key, edit in self.texts.items():
                edit.setPlainText(report.sections.get(key, ""))
            for table, key, col in computed_cells():
                self.tables[table].set_computed(key, col, "")
        finally:
            self._loading = False
        self._loaded_year = year
        self.dirty = False
        due = deadline.workspace_due(self.ws, year)
        self.due_label.setText(self.tr("截止日期：{due}（{source}）").format(
            due=due.due.isoformat(), source=core_text(due.source)))
        self._show_link(stored)
        base = in_force_base(previous)
        self.base_label.setText(self.tr("上年现行有效件数：规章 {a}，行政规范性文件 {b}").format(
            a="—" if base["规章"] is None else base["规章"],
            b="—" if base["行政规范性文件"] is None else base["行政规范性文件"]))
        self._recheck()

    def _show_link(self, stored: store.StoredReport | None) -> None:
        if stored is None or stored.record_id is None:
            self.link_label.setText(self.tr("未关联清单事项"))
            return
        published = deadline.is_published(self.ws, stored.report.year, self.office)
        title = next((r.title for r in deadline.report_items(self.ws) if r.id == stored.record_id), "")
        self.link_label.setText(self.tr("关联事项：{title}{state}").format(
            title=title or stored.record_id[:8], state=self.tr("（已登记发布）") if published else ""))

    def typed_report(self) -> AnnualReport:
        """What the form's cells hold, totals as shown."""
        r = AnnualReport(year=self.year_spin.value(), office=self.office)
        for row in T2_DOC_ROWS:
            r.table2[row] = {col: _cell_value(self.t2.value(row, c)) for c, col in enumerate(T2_DOC_COLUMNS)}
        for row in T2_SINGLE_ROWS:
            text = self.t2.value(row, 0)
            r.table2[row] = text.strip() if row == T2_FEE_ROW else _cell_value(text)
        for key in T3_KEYS:
            r.table3[key] = [_cell_value(self.t3.value(key, c)) for c in range(7)]
        for group in T4_GROUPS:
            r.table4[group] = [_cell_value(self.t4.value(group, c)) for c in range(5)]
        for key, edit in self.texts.items():
            r.sections[key] = edit.toPlainText()
        return r

    def report(self) -> AnnualReport:
        """The report as it will be saved: an imported one with its printed totals, else every 总计 computed."""
        typed = self.typed_report()
        return typed if self.keep_printed else with_totals(typed)

    # --- totals and checks at the cells ---
    def _recheck(self, *_args: object) -> None:
        if self._loading:
            return
        typed = self.typed_report()
        computed = with_totals(typed)
        report = typed if self.keep_printed else computed
        differing = 0
        self._loading = True
        try:
            for table, key, col in computed_cells():
                grid = self.tables[table]
                value = computed.table3[key][col] if table == "三" else computed.table4[key][col]
                item = grid.cell_item(key, col)
                item.setData(LEVEL_ROLE, None)
                item.setBackground(COMPUTED_BRUSH)
                if not self.keep_printed:
                    item.setText(str(value))
                    item.setToolTip(self.tr("自动计算，不能填写"))
                elif item.text().strip() != str(value):
                    differing += 1
                    item.setToolTip(self.tr("印刷值 {printed}，计算值 {computed}").format(
                        printed=item.text() or self.tr("（空）"), computed=value))
                else:
                    item.setToolTip(self.tr("印刷值，与计算值相同"))
            self.findings = check(report, self._previous(report.year))
            for table in self.tables.values():
                for (key, col) in table.values:
                    item = table.cell_item(key, col)
                    if item.flags() & Qt.ItemFlag.ItemIsEditable:
                        item.setBackground(QBrush())
                        item.setToolTip("")
                        item.setData(LEVEL_ROLE, None)
            for f in self.findings:
                where = self.cell_of(f)
                if where is None or where[0] == "text":
                    continue
                item = self.tables[where[0]].cell_item(where[1], where[2])
                if item.data(LEVEL_ROLE) == ERROR:  # an error already marked stays marked
                    item.setToolTip(item.toolTip() + "\n" + core_text(f.message))
                    continue
                item.setData(LEVEL_ROLE, f.level)
                item.setBackground(ERROR_BRUSH if f.level == ERROR else WARNING_BRUSH)
                tip = item.toolTip()
                item.setToolTip((tip + "\n" if tip and not tip.startswith(self.tr("自动计算")) else "")
                                + core_text(f.message))
        finally:
            self._loading = False
        self.findings_list.clear()
        for f in self.findings:
            mark = self.tr("错误") if f.level == ERROR else self.tr("警告")  # (lupdate cannot see tr() in an f-string)
            text = f"[{mark}] {core_text(f.message)}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, self.cell_of(f))
            self.findings_list.addItem(entry)
        self._show_printed(differing)

    def _show_printed(self, differing: int) -> None:
        self.printed_bar.setVisible(self.keep_printed)
        if not self.keep_printed:
            return
        if differing:
            self.printed_label.setText(self.tr(
                "这份报告是导入的，总计按印刷值保留：{n}处与计算值不同（悬停单元格查看两者）。"
                "保存时不会改动印刷的总计。").format(n=differing))
        else:
            self.printed_label.setText(self.tr("这份报告是导入的，总计按印刷值保留（与计算值一致）。"))

    def use_computed_totals(self) -> None:
        """The clerk chooses the computed totals over the printed ones (saved as entered)."""
        self.keep_printed = False
        self._recheck()
        self.status_label.setText(self.tr("已改用计算的总计，保存后生效。"))

    def cell_of(self, f: Finding) -> tuple[str, str, int] | None:
        """(table, row key, column) of the cell a finding is about; ("text", part, 0) for one about parts
        一/五/六; None when it names no place (the document's structure)."""
        if f.table in TEXT_PARTS:
            return "text", f.table, 0
        if f.table == "表三" and f.row:
            labels = [t3_full_label(k) for k in T3_KEYS]
            if f.row in labels:
                key = T3_KEYS[labels.index(f.row)]
            elif f.row == "（七）总计":
                key = "total_processed"
            else:
                return None
            return "三", key, T3_COLUMNS.index(f.column) if f.column in T3_COLUMNS else 6
        if f.table == "表三" and f.column in T3_COLUMNS:  # a column rule: mark 上年结转 or 结转下年度 of it
            key = "carried_over" if f.rule == "R3.4" else "carried_forward"
            return "三", key, T3_COLUMNS.index(f.column)
        if f.table == "表四" and f.row in T4_GROUPS:
            return "四", f.row, T4_COLUMNS.index(f.column) if f.column in T4_COLUMNS else 4
        if f.table == "表二" and f.row in (*T2_RULE_ROWS, *T2_SINGLE_ROWS):
            col = T2_DOC_COLUMNS.index(f.column) if f.row in T2_DOC_ROWS and f.column in T2_DOC_COLUMNS else (
                2 if f.row in T2_DOC_ROWS else 0)
            return "二", f.row, col
        return None

    def _go_to_finding(self, entry: QListWidgetItem) -> None:
        where = entry.data(Qt.ItemDataRole.UserRole)
        if not where:
            return
        table, key, col = where
        if table == "text":
            self.tabs.setCurrentIndex(0)
            self.texts[key].setFocus()
            return
        self.tabs.setCurrentWidget(self.tab_of[table])
        self.tables[table].go_to(key, col)

    # --- drafting ---
    def draft(self, key: str) -> None:
        """Fill part ``key`` from the ledger; text the clerk wrote is replaced only after a confirmation."""
        try:
            drafted = drafting.draft_sections(self.ws, self.year_spin.value(), report=self.report().to_json())[key]
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法起草"), error_text(exc))
            return
        edit = self.texts[key]
        current = edit.toPlainText().strip()
        if current and current != drafted.strip():
            answer = QMessageBox.question(
                self, self.tr("替换已写的文字"),
                self.tr("“{part}、{title}”已有文字。用从台账起草的文字替换它吗？").format(
                    part=key, title=SECTION_TITLES[key]),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        edit.setPlainText(drafted)
        self.status_label.setText(self.tr("已起草“{part}”，可继续修改，保存后生效。").format(part=key))

    # --- saving and publishing ---
    def save(self) -> bool:
        origin = "imported" if self.keep_printed else "entered"
        try:
            saved = store.save(self.ws, self.report(), origin=origin, source_file=self.source_file,
                               expected_version=self.version)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return False
        self.version = saved.version
        self.dirty = False
        errors = sum(1 for f in self.findings if f.level == ERROR)
        self.findings_list.insertItem(0, self.tr("已保存（第{n}版）。").format(n=saved.version)
                                      + (self.tr("仍有{n}个错误。").format(n=errors) if errors else ""))
        return True

    def record_publication(self) -> None:
        """Record the report's publication on its catalogue item (the report is saved first)."""
        if not self.save():
            return
        year = self.year_spin.value()
        stored = store.get(self.ws, year, self.office)
        dialog = PublishDialog(deadline.report_items(self.ws), stored.record_id if stored else None, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        try:
            chosen = dialog.record_id()
            if chosen and stored is not None and chosen != stored.record_id:
                deadline.link_item(self.ws, year, chosen, self.office)
            pub = deadline.record_publication(self.ws, self.year_spin.value(), published_on=dialog.published_on(),
                                              channel=dialog.channel.text().strip() or "政府网站",
                                              place=dialog.place.text().strip(), office=self.office)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法登记发布"), error_text(exc))
            return
        self.version = store.get(self.ws, self.year_spin.value(), self.office).version
        self._show_link(store.get(self.ws, self.year_spin.value(), self.office))
        self.status_label.setText(self.tr("已在清单事项上登记发布：{verdict}").format(verdict=core_text(pub.verdict)))

    # --- output ---
    def _suggested_name(self, suffix: str) -> str:
        return f"{self.office}{self.year_spin.value()}年政府信息公开工作年度报告{suffix}"

    def export(self, fmt: str) -> Path | None:
        file_filter, suffix = EXPORTS[fmt]
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出年度报告"), self._suggested_name(suffix),
                                              file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        data = self.report().to_json()
        done = run_with_progress(self, self.tr("正在导出年度报告"),
                                 lambda _progress, _cancelled: outputs.export(data, fmt, path), cancellable=False)
        if done is None:
            return None
        answer = QMessageBox.question(self, self.tr("已导出"),
                                      self.tr("已导出到 {path}。现在打开吗？").format(path=path),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.status_label.setText(self.tr("已导出：{name}").format(name=path.name))
        return path

    def copy_html(self) -> None:
        """The HTML fragment for the website's CMS, on the clipboard."""
        QGuiApplication.clipboard().setText(render_html.html_fragment(self.report().to_json()))
        self.status_label.setText(self.tr("网页代码已复制，可粘贴到网站后台的源代码编辑框。"))

    # --- checking others' reports ---
    def check_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("检查年度报告文件"), "",
                                              self.tr("年度报告 (*.json *.xlsx *.docx *.html *.htm *.pdf)"))
        if not name:
            return
        path = Path(name)
        result = run_with_progress(self, self.tr("正在检查年度报告"),
                                   lambda _progress, _cancelled: service.check_file(path, self.ws))
        if result is None:
            return
        dialog = AnnualCheckDialog(result, self.office, self)
        dialog.exec()
        if dialog.import_requested:
            self.import_file(path, result.year)
        dialog.deleteLater()

    def import_file(self, path: Path, year: int | None) -> bool:
        """Import ``path`` as this office's report of ``year`` (as printed); replacing one asks first."""
        year = year or self.year_spin.value()
        if not self._discard_ok():
            return False
        existing = store.get(self.ws, year, self.office) if self.office else None
        if existing is not None:
            answer = QMessageBox.question(
                self, self.tr("替换年度报告"),
                self.tr("工作区中已有本单位{year}年的报告（第{v}版）。用“{file}”替换它吗？原内容保留在变更记录中。").format(
                    year=year, v=existing.version, file=path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            service.import_file(self.ws, year, path, as_office=True)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法导入"), error_text(exc))
            return False
        if self.year_spin.value() == year:
            self.load()
        else:
            self.year_spin.setValue(year)  # loads it
        self.status_label.setText(self.tr("已导入“{file}”为本单位{year}年的报告（总计按印刷值保留）。").format(
            file=path.name, year=year))
        return True

    def check_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("检查文件夹中的年度报告"), "")
        if not folder:
            return

        def work(progress, _cancelled):  # noqa: ANN001, ANN202
            return service.check_folder(Path(folder), self.ws, progress=lambda d, t: progress(d, t))

        results = run_with_progress(self, self.tr("正在检查文件夹"), work)
        if results is None:
            return
        dialog = FolderSummaryDialog(results, self)
        dialog.exec()
        dialog.deleteLater()


class PublishDialog(QDialog):
    """The date, channel and place of the report's publication."""

    def __init__(self, items: list[ItemRow], linked: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualPublishDialog")
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("annualPublishItem")
        for row in items:
            self.item_combo.addItem(row.title, row.id)
        if linked is not None and self.item_combo.findData(linked) >= 0:
            self.item_combo.setCurrentIndex(self.item_combo.findData(linked))
        if not items:
            self.item_combo.addItem(self.tr("（清单中没有关于年度报告的事项）"), None)
            self.item_combo.setEnabled(False)
        self.setWindowTitle(self.tr("登记年度报告发布"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.channel = QLineEdit(self.tr("政府网站"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("网址或栏目，如 政府信息公开专栏 › 政府信息公开年报"))
        form = QFormLayout(self)
        form.addRow(self.tr("清单事项"), self.item_combo)
        form.addRow(self.tr("发布日期"), self.date_edit)
        form.addRow(self.tr("公开渠道"), self.channel)
        form.addRow(self.tr("位置"), self.place)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def record_id(self) -> str | None:
        return self.item_combo.currentData()

    def published_on(self) -> date:
        return self.date_edit.date().toPython()


