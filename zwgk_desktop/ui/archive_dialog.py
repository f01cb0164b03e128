"""回收站: items dropped by template updates (or archived) and removed evidence, with 恢复."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.item_model import status_text


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], keys: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, (values, key) in enumerate(zip(rows, keys)):
        for c, value in enumerate(values):
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)
            if c == 0:
                cell.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, cell)


class ArchiveDialog(QDialog):
    """Lists what was archived in one checklist; restoring writes one transaction with its history."""

    def __init__(self, ws: Workspace, checklist_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.checklist_id = checklist_id
        self.restored = 0
        self.setObjectName("archiveDialog")
        self.setWindowTitle(self.tr("回收站"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("模板更新中删除的事项和移除的佐证材料都保存在这里，可以随时恢复；本软件不会自动删除它们。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.tabs = QTabWidget()
        self.items_table = _table([self.tr("事项"), self.tr("分类"), self.tr("状态"), self.tr("备注"),
                                   self.tr("归档原因"), self.tr("归档时间")])
        self.evidence_table = _table([self.tr("佐证材料"), self.tr("所属事项"), self.tr("类型"), self.tr("移除时间")])
        self.tabs.addTab(self.items_table, "")
        self.tabs.addTab(self.evidence_table, "")
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addWidget(buttons)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c")
        layout.addWidget(self.problem)
        self.reload()

    def reload(self) -> None:
        items = self.ws.archived_items(self.checklist_id)
        _fill(self.items_table,
              [(a.row.title, " / ".join(a.row.path), status_text(a.row.status), a.row.note, a.reason_label,
                a.archived_at.strftime("%Y-%m-%d %H:%M")) for a in items],
              [(a.row.id,) for a in items])
        evidence = self.ws.archived_evidence(self.checklist_id)
        kinds = {"file": self.tr("文件"), "link": self.tr("链接"), "text": self.tr("说明")}
        _fill(self.evidence_table,
              [(e.evidence.name, e.item_title, kinds.get(e.evidence.kind, e.evidence.kind),
                e.archived_at.strftime("%Y-%m-%d %H:%M")) for e in evidence],
              [(e.evidence.id, e.record_id) for e in evidence])
        self.tabs.setTabText(0, self.tr("已归档事项（%n）", "", len(items)))
        self.tabs.setTabText(1, self.tr("已移除的佐证材料（%n）", "", len(evidence)))

    def restore_selected(self) -> None:
        table = self.tabs.currentWidget()
        assert isinstance(table, QTableWidget)
        row = table.currentRow()
        if row < 0:
            self.problem.setText(self.tr("请先选择要恢复的一项。"))
            return
        key = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        try:
            if table is self.items_table:
                self.ws.restore_record(key[0])
            else:
                self.ws.restore_evidence(key[0], key[1])
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.restored += 1
        self.reload()
