"""年度报告: a minimal entry form for the yearly report, over zwgk_desktop.core.annual.

Tables 二, 三 and 四 as grids (every 总计 computed and read-only), the six parts as text, the findings of the
checks listed and marked at their cells as the clerk types, the due date, and 保存 (one transaction with its
history entry). Last year's 结转下年度 is prefilled as 上年结转, and last year's 现行有效 shown as the base.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.annual import deadline, store
from zwgk_desktop.core.annual.checks import ERROR, Finding, check
from zwgk_desktop.core.annual.model import (
    SECTION_KEYS,
    SECTION_TITLES,
    T2_COUNT_ROWS,
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
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.i18n import core_text, error_text

ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
COMPUTED_BRUSH = QBrush(QColor("#eef1f5"))
T2_ROWS = (*T2_DOC_ROWS, *T2_COUNT_ROWS, T2_FEE_ROW)


def _cell_value(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text


class AnnualReportDialog(QDialog):
    def __init__(self, ws: Workspace, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualReportDialog")
        self.setWindowTitle(self.tr("政府信息公开工作年度报告"))
        self.ws = ws
        self.office = ws.settings()["office"]
        self._loading = False
        self.version: int | None = None

        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("annualYear")
        self.year_spin.setRange(2019, 2100)
        self.year_spin.setValue(year or date.today().year - 1)
        self.due_label = QLabel()
        self.due_label.setObjectName("annualDue")
        self.base_label = QLabel()
        self.base_label.setObjectName("annualBase")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报告年度")))
        top.addWidget(self.year_spin)
        top.addWidget(self.due_label, 1)

        self.t2 = QTableWidget(len(T2_ROWS), 3)
        self.t2.setObjectName("annualTable2")
        self.t2.setHorizontalHeaderLabels(list(T2_DOC_COLUMNS))
        self.t2.setVerticalHeaderLabels(list(T2_ROWS))
        self.t3 = QTableWidget(len(T3_KEYS), 7)
        self.t3.setObjectName("annualTable3")
        self.t3.setHorizontalHeaderLabels(list(T3_COLUMNS))
        self.t3.setVerticalHeaderLabels([t3_full_label(k) for k in T3_KEYS])
        self.t4 = QTableWidget(len(T4_GROUPS), 5)
        self.t4.setObjectName("annualTable4")
        self.t4.setHorizontalHeaderLabels(list(T4_COLUMNS))
        self.t4.setVerticalHeaderLabels(list(T4_GROUPS))
        self.texts: dict[str, QPlainTextEdit] = {}
        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        for key in SECTION_KEYS:
            if key in ("二", "三", "四"):
                continue
            edit = QPlainTextEdit()
            edit.setObjectName(f"annualSection{SECTION_KEYS.index(key) + 1}")
            edit.textChanged.connect(self._recheck)
            text_layout.addWidget(QLabel(f"{key}、{SECTION_TITLES[key]}"))
            text_layout.addWidget(edit)
            self.texts[key] = edit
        tab2 = QWidget()
        tab2_layout = QVBoxLayout(tab2)
        tab2_layout.addWidget(self.t2)
        tab2_layout.addWidget(self.base_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(text_tab, self.tr("一、五、六 文字"))
        self.tabs.addTab(tab2, self.tr("二、主动公开"))
        self.tabs.addTab(self.t3, self.tr("三、申请情况"))
        self.tabs.addTab(self.t4, self.tr("四、复议诉讼"))

        self.findings_list = QListWidget()
        self.findings_list.setObjectName("annualFindings")
        self.findings_list.setMaximumHeight(120)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel(self.tr("检查结果")))
        layout.addWidget(self.findings_list)
        layout.addWidget(buttons)
        self.resize(1000, 720)

        for table in (self.t2, self.t3, self.t4):
            table.itemChanged.connect(self._recheck)
        self.year_spin.valueChanged.connect(self.load)
        self.findings: list[Finding] = []
        self.load()

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
        self._loading = True
        try:
            for r, row in enumerate(T2_ROWS):
                values = [report.table2[row][c] for c in T2_DOC_COLUMNS] if row in T2_DOC_ROWS \
                    else [report.table2[row]]
                for c in range(3):
                    item = QTableWidgetItem("" if c >= len(values) or values[c] is None else str(values[c]))
                    if c >= len(values):
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.t2.setItem(r, c, item)
            for r, key in enumerate(T3_KEYS):
                for c in range(7):
                    value = report.table3[key][c]
                    self.t3.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
            for r, group in enumerate(T4_GROUPS):
                for c in range(5):
                    value = report.table4[group][c]
                    self.t4.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
            for key, edit in self.texts.items():
                edit.setPlainText(report.sections.get(key, ""))
            for item in self._computed_items():
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setBackground(COMPUTED_BRUSH)
                item.setToolTip(self.tr("自动计算，不能填写"))
        finally:
            self._loading = False
        due = deadline.workspace_due(self.ws, year)
        self.due_label.setText(self.tr("截止日期：{due}（{source}）").format(due=due.due.isoformat(),
                                                                         source=core_text(due.source)))
        base = in_force_base(previous)
        self.base_label.setText(self.tr("上年现行有效件数：规章 {a}，行政规范性文件 {b}").format(
            a="—" if base["规章"] is None else base["规章"],
            b="—" if base["行政规范性文件"] is None else base["行政规范性文件"]))
        self._recheck()

    def _computed_items(self) -> list[QTableWidgetItem]:
        items = [self.t3.item(r, 6) for r in range(len(T3_KEYS))]
        items += [self.t3.item(T3_KEYS.index("total_processed"), c) for c in range(6)]
        items += [self.t4.item(r, 4) for r in range(len(T4_GROUPS))]
        return items

    def report(self) -> AnnualReport:
        """What the form holds, with every 总计 computed."""
        r = AnnualReport(year=self.year_spin.value(), office=self.office)
        for i, row in enumerate(T2_ROWS):
            if row in T2_DOC_ROWS:
                r.table2[row] = {c: _cell_value(self.t2.item(i, j).text()) for j, c in enumerate(T2_DOC_COLUMNS)}
            elif row == T2_FEE_ROW:
                r.table2[row] = self.t2.item(i, 0).text().strip()
            else:
                r.table2[row] = _cell_value(self.t2.item(i, 0).text())
        for i, key in enumerate(T3_KEYS):
            r.table3[key] = [_cell_value(self.t3.item(i, c).text()) for c in range(7)]
        for i, group in enumerate(T4_GROUPS):
            r.table4[group] = [_cell_value(self.t4.item(i, c).text()) for c in range(5)]
        for key, edit in self.texts.items():
            r.sections[key] = edit.toPlainText()
        return with_totals(r)

    # --- checks at the cells ---
    def _recheck(self, *_args: object) -> None:
        if self._loading:
            return
        report = self.report()
        self._loading = True
        try:
            for item in self._computed_items():  # show the computed totals
                row, col = item.row(), item.column()
                table = item.tableWidget()
                if table is self.t3:
                    item.setText(str(report.table3[T3_KEYS[row]][col]))
                else:
                    item.setText(str(report.table4[T4_GROUPS[row]][col]))
            self.findings = check(report, self._previous(report.year))
            for table in (self.t2, self.t3, self.t4):
                for r in range(table.rowCount()):
                    for c in range(table.columnCount()):
                        item = table.item(r, c)
                        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                            item.setBackground(QBrush())
                            item.setToolTip("")
            for f in self.findings:
                item = self._item_of(f)
                if item is not None:
                    item.setBackground(ERROR_BRUSH if f.level == ERROR else WARNING_BRUSH)
                    item.setToolTip(core_text(f.message))
        finally:
            self._loading = False
        self.findings_list.clear()
        for f in self.findings:  # self.tr outside the f-string, where lupdate finds it
            level = self.tr("错误") if f.level == ERROR else self.tr("警告")
            self.findings_list.addItem(f"[{level}] {core_text(f.message)}")

    def _item_of(self, f: Finding) -> QTableWidgetItem | None:
        if f.table == "表三" and f.row:
            labels = [t3_full_label(k) for k in T3_KEYS]
            row = labels.index(f.row) if f.row in labels else T3_KEYS.index("total_processed") \
                if f.row == "（七）总计" else None
            col = T3_COLUMNS.index(f.column) if f.column in T3_COLUMNS else 6
            return self.t3.item(row, col) if row is not None else None
        if f.table == "表三" and f.column in T3_COLUMNS:  # a column rule: mark 上年结转 or 结转下年度 of it
            key = "carried_over" if f.rule == "R3.4" else "carried_forward"
            return self.t3.item(T3_KEYS.index(key), T3_COLUMNS.index(f.column))
        if f.table == "表四" and f.row in T4_GROUPS:
            col = T4_COLUMNS.index(f.column) if f.column in T4_COLUMNS else 4
            return self.t4.item(T4_GROUPS.index(f.row), col)
        if f.table == "表二" and f.row in T2_ROWS:
            col = T2_DOC_COLUMNS.index(f.column) if f.column in T2_DOC_COLUMNS else 0
            return self.t2.item(T2_ROWS.index(f.row), col)
        return None

    def save(self) -> None:
        try:
            saved = store.save(self.ws, self.report(), expected_version=self.version)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return
        self.version = saved.version
        errors = sum(1 for f in self.findings if f.level == ERROR)
        self.findings_list.insertItem(0, self.tr("已保存（第{n}版）。").format(n=saved.version)
                                      + (self.tr("仍有{n}个错误。").format(n=errors) if errors else ""))
