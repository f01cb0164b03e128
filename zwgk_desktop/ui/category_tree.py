"""Left pane: the category tree with 'name (closed/total)' counts and a '全部事项' root."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from zwgk_desktop.core.store.query import CategoryNode, category_tree
from zwgk_desktop.core.types import ItemRow

PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class CategoryTree(QTreeView):
    """Emits :attr:`categorySelected` with the chosen path prefix (``()`` for 全部事项)."""

    categorySelected = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryTree")
        self._model = QStandardItemModel(self)
        self._items: dict[tuple[str, ...], QStandardItem] = {}
        self._nodes: dict[tuple[str, ...], CategoryNode] = {}
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setIndentation(14)
        self.selectionModel().currentChanged.connect(self._on_current)

    def _label(self, node: CategoryNode) -> str:
        name = node.name or self.tr("全部事项")
        return f"{name} ({node.closed}/{node.total})"

    def set_rows(self, rows: Iterable[ItemRow]) -> None:
        """Rebuild the tree (new checklist). Keeps the selected path when it still exists."""
        self.set_tree(category_tree(rows))

    def set_tree(self, root: CategoryNode) -> None:
        """Rebuild the tree from categories already counted (set_rows, or SQLite at the first paint)."""
        keep = self.current_path()
        selection = self.selectionModel()
        selection.blockSignals(True)
        self._model.clear()
        self._items.clear()
        self._nodes.clear()
        top = self._make_item(root)
        self._model.appendRow(top)
        self._add_children(top, root)
        self.expand(top.index())
        for child in range(top.rowCount()):
            self.expand(top.child(child).index())
        selection.blockSignals(False)
        item = self._items.get(keep) or top
        selection.setCurrentIndex(item.index(), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _make_item(self, node: CategoryNode) -> QStandardItem:
        item = QStandardItem(self._label(node))
        item.setData(node.path, PATH_ROLE)
        item.setToolTip(self._tooltip(node))
        item.setEditable(False)
        self._items[node.path] = item
        self._nodes[node.path] = node
        return item

    def _tooltip(self, node: CategoryNode) -> str:
        name = " › ".join(node.path) if node.path else self.tr("全部事项")
        return self.tr("{name}\n已办结 {closed} / 共 {total} 项").format(
            name=name, closed=node.closed, total=node.total)

    def _add_children(self, parent: QStandardItem, node: CategoryNode) -> None:
        for child in node.children.values():
            item = self._make_item(child)
            parent.appendRow(item)
            self._add_children(item, child)

    def adjust_closed(self, path: list[str] | tuple[str, ...], delta: int) -> None:
        """One row on ``path`` was closed (+1) or reopened (-1): O(depth) label update."""
        if not delta:
            return
        for depth in range(len(path) + 1):
            node = self._nodes.get(tuple(path[:depth]))
            item = self._items.get(tuple(path[:depth]))
            if node is None or item is None:
                continue
            node.closed += delta
            item.setText(self._label(node))
            item.setToolTip(self._tooltip(node))

    def refresh_counts(self, rows: Iterable[ItemRow]) -> None:
        """Update the counts in place (after an edit) without rebuilding or losing the selection."""
        root = category_tree(rows)
        stack = [root]
        while stack:
            node = stack.pop()
            item = self._items.get(node.path)
            if item is not None:
                self._nodes[node.path] = node
                label = self._label(node)
                if item.text() != label:
                    item.setText(label)
                    item.setToolTip(self._tooltip(node))
            stack.extend(node.children.values())

    def current_path(self) -> tuple[str, ...]:
        index = self.currentIndex()
        if not index.isValid():
            return ()
        return tuple(index.data(PATH_ROLE) or ())

    def select_path(self, path: tuple[str, ...]) -> bool:
        item = self._items.get(tuple(path))
        if item is None:
            return False
        self.selectionModel().setCurrentIndex(item.index(),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(item.index())
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.categorySelected.emit(tuple(current.data(PATH_ROLE) or ()))
