"""The findings of a yearly report read from a file (with 导入为本单位的报告), and the summary table of a
folder of reports: views of core/annual/service results."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.annual.checks import ERROR
from zwgk_desktop.core.annual.service import CheckResult, summary_rows
from zwgk_desktop.ui.i18n import core_text


class AnnualCheckDialog(QDialog):
    """One file's findings; 导入为本单位的报告 sets ``import_requested`` and closes."""

    def __init__(self, result: CheckResult, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualCheckDialog")
        self.setWindowTitle(self.tr("年度报告检查结果"))
        self.result = result
        self.import_requested = False
        summary = QLabel(self.tr("文件：{file}\n单位：{office}　年度：{year}　格式：{fmt}\n错误 {e} 个，警告 {w} 个{prev}").format(
            file=Path(result.source).name, office=result.office or self.tr("（未写明）"),
            year=result.year or self.tr("（未写明）"), fmt=result.fmt, e=result.errors, w=result.warnings,
            prev=self.tr("（已对照上年报告）") if result.previous_used else ""))
        summary.setObjectName("annualCheckSummary")
        summary.setWordWrap(True)
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("annualCheckFindings")
        self.findings_list.setWordWrap(True)
        if result.error:
            self.findings_list.addItem(f"[{self.tr('错误')}] {core_text(result.error)}")
        for f in result.findings:
            self.findings_list.addItem(f"[{self.tr('错误') if f.level == ERROR else self.tr('警告')}] "
                                       f"{core_text(f.message)}")
        if not result.error and not result.findings:
            self.findings_list.addItem(self.tr("没有发现问题。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        self.import_button = QPushButton(self.tr("导入为本单位{year}年的报告").format(year=result.year or ""))
        self.import_button.setObjectName("annualCheckImport")
        self.import_button.setToolTip(self.tr("按印刷的数字（包括有误的总计）保存为{office}的报告").format(office=office))
        self.import_button.setEnabled(bool(result.year) and not result.error and bool(office))
        self.import_button.clicked.connect(self._import)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.findings_list, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def messages(self) -> list[str]:
        return [self.findings_list.item(i).text() for i in range(self.findings_list.count())]

    def _import(self) -> None:
        self.import_requested = True
        self.accept()


class FolderSummaryDialog(QDialog):
    """A folder of reports: 文件, 单位, 年度, 错误, 警告, 首个问题 (as ``zwgk annual check DIR``)."""

    def __init__(self, results: list[CheckResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualFolderDialog")
        self.setWindowTitle(self.tr("文件夹检查汇总"))
        rows = summary_rows(results)
        head = [self.tr("文件"), self.tr("单位"), self.tr("年度"), self.tr("错误"), self.tr("警告"), self.tr("首个问题")]
        self.table = QTableWidget(len(rows) - 1, len(head))
        self.table.setObjectName("annualFolderTable")
        self.table.setHorizontalHeaderLabels(head)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows[1:]):
            for c, text in enumerate(row):
                item = QTableWidgetItem(core_text(text))
                item.setToolTip(core_text(text))
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        total_errors = sum(1 for r in results if r.errors)
        label = QLabel(self.tr("共{n}份报告，{e}份有错误。").format(n=len(results), e=total_errors))
        label.setObjectName("annualFolderSummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 480)
