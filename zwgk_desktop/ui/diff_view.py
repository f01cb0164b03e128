"""The update diff: tabs 新增 / 删除（将归档）/ 修改 / 相近（需确认） and the 相近 checkbox."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.import_review import DiffRow, diff_rows
from zwgk_desktop.core.versioning import UpdatePlan

TAB_KEYS = ("added", "removed", "changed", "similar")


class DiffView(QWidget):
    """Shows what applying ``plan`` would do; ``accept_similar()`` is the checkbox state."""

    acceptSimilarChanged = Signal(bool)

    def __init__(self, plan: UpdatePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("diffTabs")
        self.tables: dict[str, QTableWidget] = {}
        for key in TAB_KEYS:
            table = QTableWidget(0, 3)
            table.setObjectName(f"diffTable_{key}")
            table.setHorizontalHeaderLabels([self.tr("分类"), self.tr("事项"), self.tr("说明")])
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setAlternatingRowColors(True)
            table.verticalHeader().setVisible(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(True)
            table.setColumnWidth(0, 150)
            table.setColumnWidth(1, 240)
            self.tables[key] = table
            self.tabs.addTab(table, "")
        layout.addWidget(self.tabs, 1)
        self.unchanged_label = QLabel()
        self.unchanged_label.setObjectName("unchangedLabel")
        layout.addWidget(self.unchanged_label)
        self.similar_check = QCheckBox(self.tr("把文字相近的事项视为同一事项"))
        self.similar_check.setObjectName("acceptSimilarCheck")
        self.similar_check.setToolTip(self.tr(
            "勾选后，相近的事项保留原有的办理状态、佐证材料和记录，只更新文字；"
            "不勾选则旧事项归档、新事项作为新增。"))
        self.similar_check.setEnabled(bool(plan.similar))
        self.similar_check.toggled.connect(self._refresh)
        self.similar_check.toggled.connect(self.acceptSimilarChanged)
        layout.addWidget(self.similar_check)
        self._refresh()

    def accept_similar(self) -> bool:
        return self.similar_check.isChecked()

    def counts(self) -> dict[str, int]:
        return {key: self.tables[key].rowCount() for key in TAB_KEYS}

    def _refresh(self) -> None:
        rows = diff_rows(self.plan, accept_similar=self.accept_similar())
        titles = {"added": self.tr("新增"), "removed": self.tr("删除（将归档）"), "changed": self.tr("修改"),
                  "similar": self.tr("相近（需确认）")}
        for i, key in enumerate(TAB_KEYS):
            data: list[DiffRow] = getattr(rows, key)
            table = self.tables[key]
            table.setRowCount(len(data))
            for r, row in enumerate(data):
                for c, text in enumerate((row.category, row.title, row.detail)):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    table.setItem(r, c, item)
            self.tabs.setTabText(i, f"{titles[key]} ({len(data)})")
        self.unchanged_label.setText(self.tr("另有 {0} 个事项没有变化。").format(rows.unchanged))
