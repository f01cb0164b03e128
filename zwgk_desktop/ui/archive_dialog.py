"""回收站: items dropped by template updates (or archived), removed evidence and removed checklists, with
恢复; a removed checklist can also be deleted for good (彻底删除, with its own confirmation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.confirm import confirm
from zwgk_desktop.ui.i18n import core_text, error_text
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
    """Lists what was archived in one checklist and the removed checklists; restoring (or purging a removed
    checklist) writes one transaction with its history. Without a current checklist only the removed
    checklists are listed."""

    def __init__(self, ws: Workspace, checklist_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.checklist_id = checklist_id
        self.restored = 0
        self.restored_checklists: list[str] = []  # ids, in the order they were restored
        self.purged = 0
        self.setObjectName("archiveDialog")
        self.setWindowTitle(self.tr("回收站"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("模板更新中删除的事项、移除的佐证材料和移除的清单都保存在这里，可以随时恢复；"
                              "本软件不会自动删除它们。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.tabs = QTabWidget()
        self.items_table = _table([self.tr("事项"), self.tr("分类"), self.tr("状态"), self.tr("备注"),
                                   self.tr("归档原因"), self.tr("归档时间")])
        self.evidence_table = _table([self.tr("佐证材料"), self.tr("所属事项"), self.tr("类型"), self.tr("移除时间")])
        self.checklists_table = _table([self.tr("清单"), self.tr("事项"), self.tr("已完成"), self.tr("佐证材料"),
                                        self.tr("公开记录"), self.tr("移除时间")])
        self.checklists_table.setObjectName("removedChecklists")
        self.tabs.addTab(self.items_table, "")
        self.tabs.addTab(self.evidence_table, "")
        self.tabs.addTab(self.checklists_table, "")
        if checklist_id is None:
            self.tabs.setTabEnabled(0, False)
            self.tabs.setTabEnabled(1, False)
            self.tabs.setCurrentWidget(self.checklists_table)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.setObjectName("restoreButton")
        self.purge_button = QPushButton(self.tr("彻底删除…"))
        self.purge_button.setObjectName("purgeButton")
        self.purge_button.setToolTip(self.tr("永久删除选中的已移除清单及其中的全部内容，无法恢复"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.tabs.currentChanged.connect(lambda _i: self._sync_buttons())
        layout.addWidget(buttons)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c")
        layout.addWidget(self.problem)
        self.reload()

    def reload(self) -> None:
        items = self.ws.archived_items(self.checklist_id) if self.checklist_id else []
        _fill(self.items_table,
              [(a.row.title, " / ".join(a.row.path), status_text(a.row.status), a.row.note, core_text(a.reason_label),
                a.archived_at.strftime("%Y-%m-%d %H:%M")) for a in items],
              [(a.row.id,) for a in items])
        evidence = self.ws.archived_evidence(self.checklist_id) if self.checklist_id else []
        kinds = {"file": self.tr("文件"), "link": self.tr("链接"), "text": self.tr("说明")}
        _fill(self.evidence_table,
              [(e.evidence.name, e.item_title, kinds.get(e.evidence.kind, e.evidence.kind),
                e.archived_at.strftime("%Y-%m-%d %H:%M")) for e in evidence],
              [(e.evidence.id, e.record_id) for e in evidence])
        removed = self.ws.archived_checklists()
        _fill(self.checklists_table,
              [(c.name, str(c.contents.items), str(c.contents.done), str(c.contents.evidence),
                str(c.contents.publications), c.archived_local.strftime("%Y-%m-%d %H:%M")) for c in removed],
              [(c.id,) for c in removed])
        self.tabs.setTabText(0, self.tr("已归档事项（%n）", "", len(items)))
        self.tabs.setTabText(1, self.tr("已移除的佐证材料（%n）", "", len(evidence)))
        self.tabs.setTabText(2, self.tr("已移除的清单（%n）", "", len(removed)))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.purge_button.setVisible(self.tabs.currentWidget() is self.checklists_table)

    def _selected_key(self) -> tuple[QTableWidget, tuple[str, ...]] | None:
        table = self.tabs.currentWidget()
        assert isinstance(table, QTableWidget)
        row = table.currentRow()
        if row < 0:
            self.problem.setText(self.tr("请先选择要恢复的一项。"))
            return None
        return table, table.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def restore_selected(self) -> None:
        selected = self._selected_key()
        if selected is None:
            return
        table, key = selected
        try:
            if table is self.items_table:
                self.ws.restore_record(key[0])
            elif table is self.evidence_table:
                self.ws.restore_evidence(key[0], key[1])
            else:
                self.ws.restore_checklist(key[0])
                self.restored_checklists.append(key[0])
        except UserError as exc:
            self.problem.setText(error_text(exc))
            return
        self.problem.clear()
        self.restored += 1
        self.reload()

    def purge_selected(self) -> None:
        """彻底删除 the selected removed checklist, after a confirmation that says it cannot be undone."""
        row = self.checklists_table.currentRow()
        if row < 0:
            self.problem.setText(self.tr("请先选择要彻底删除的清单。"))
            return
        checklist_id = self.checklists_table.item(row, 0).data(Qt.ItemDataRole.UserRole)[0]
        try:
            target = self.ws.archived_checklist(checklist_id)
        except UserError as exc:
            self.problem.setText(error_text(exc))
            return
        held = target.contents
        confirmed = confirm(
            self, icon=QMessageBox.Icon.Warning, title=self.tr("彻底删除清单"),
            text=self.tr("彻底删除清单“{name}”？").format(name=target.name),
            details=self.tr(
                "其中的 {items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料和 {publications} 条公开记录将被永久删除，"
                "无法恢复。只被这个清单使用的佐证文件也会从工作区删除。变更记录会保留。").format(
                items=held.items, done=held.done, evidence=held.evidence, publications=held.publications),
            action=self.tr("彻底删除"), role=QMessageBox.ButtonRole.DestructiveRole, name="purgeConfirm")
        if not confirmed:
            return
        try:
            self.ws.purge_checklist(target.id)
        except UserError as exc:
            self.problem.setText(error_text(exc))
            return
        self.problem.clear()
        self.purged += 1
        self.reload()
