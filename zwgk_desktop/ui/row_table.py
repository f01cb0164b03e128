"""A read-only table model over a list of rows, with an optional checkbox column (model/view, so lists of
thousands of rows stay fast), and the table view the import dialogs use for it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
_WARN = QBrush(QColor("#b3261e"))


class RowTableModel(QAbstractTableModel):
    """Columns are (header, text-of-row) pairs. With ``checkable``, column 0 carries a checkbox per row
    for which ``checkable(row)`` is true; ``is_checked`` / ``set_checked`` read and store its state."""

    checkToggled = Signal(int, bool)  # row, checked

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], str]]], rows: Sequence[Any] = (), *,
                 checkable: Callable[[Any], bool] | None = None, is_checked: Callable[[Any], bool] | None = None,
                 set_checked: Callable[[Any, bool], None] | None = None,
                 alert: Callable[[Any], bool] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows = list(rows)
        self._checkable = checkable
        self._is_checked = is_checked
        self._set_checked = set_checked
        self._alert = alert

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def _has_box(self, index: Index) -> bool:
        return (index.column() == 0 and self._checkable is not None and self._is_checked is not None
                and self._checkable(self._rows[index.row()]))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._has_box(index):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._columns[index.column()][1](row)
            if role == Qt.ItemDataRole.DisplayRole and "\n" in text:
                return " ".join(text.split())
            return text
        if role == Qt.ItemDataRole.CheckStateRole and self._has_box(index):
            assert self._is_checked is not None
            return Qt.CheckState.Checked if self._is_checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and self._alert is not None and self._alert(row):
            return _WARN
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._has_box(index) or self._set_checked is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self._set_checked(self._rows[index.row()], checked)
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(self.columnCount() - 1))
        self.checkToggled.emit(index.row(), checked)
        return True

    def set_checked(self, row: int, checked: bool) -> bool:
        """Tick or untick the box of ``row`` as a click would."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return self.setData(self.index(row, 0), state, Qt.ItemDataRole.CheckStateRole)

    def is_checked(self, row: int) -> bool:
        return self.data(self.index(row, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def row_table_view(model: RowTableModel, object_name: str, widths: Sequence[int] = ()) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for c, w in enumerate(widths):
        view.setColumnWidth(c, w)
    return view
