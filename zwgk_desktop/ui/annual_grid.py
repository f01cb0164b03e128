"""A yearly-report table shown as printed: a QTableWidget laid out from the grid descriptions of
``core/annual/_render_common`` (the same merged headers as every output), with value cells addressed by
(row key, column index) and check findings marked at their cells (red/amber background and border, tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from zwgk_desktop.core.annual._render_common import Grid

ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
COMPUTED_BRUSH = QBrush(QColor("#eef1f5"))
HEAD_BRUSH = QBrush(QColor("#f3f4f6"))
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1  # "error" | "warning" | None
BORDER_COLORS = {"error": QColor("#c62828"), "warning": QColor("#d08a00")}


class FindingBorderDelegate(QStyledItemDelegate):
    """Paints a border around a cell that carries a finding."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        color = BORDER_COLORS.get(index.data(LEVEL_ROLE))
        if color is not None:
            painter.save()
            painter.setPen(QPen(color, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class GridTable(QTableWidget):
    """One printed table. ``values`` maps (row key, column index) to the (row, col) of its value cell."""

    def __init__(self, grid: Grid, values: dict[tuple[str, int], tuple[int, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(grid.rows, grid.cols, parent)
        self.values = values
        self.positions = {pos: key for key, pos in values.items()}
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setItemDelegate(FindingBorderDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        covered = grid.covered()
        for cell in grid.cells:
            item = QTableWidgetItem(cell.text if cell.kind != "value" else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter if cell.kind != "label"
                                  else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if cell.kind != "value":
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setBackground(HEAD_BRUSH)
                item.setToolTip(cell.text)
            self.setItem(cell.row, cell.col, item)
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        for r in range(grid.rows):
            for c in range(grid.cols):
                if (r, c) in covered and self.item(r, c) is None:
                    blank = QTableWidgetItem()
                    blank.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.setItem(r, c, blank)
        total = sum(grid.widths)
        self._widths = [w / total for w in grid.widths]
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        width = max(self.viewport().width(), 600)
        for c, share in enumerate(self._widths):
            self.setColumnWidth(c, int(width * share))
        self.resizeRowsToContents()

    def cell_item(self, key: str, col: int = 0) -> QTableWidgetItem:
        r, c = self.values[(key, col)]
        return self.item(r, c)

    def set_value(self, key: str, col: int, text: str) -> None:
        self.cell_item(key, col).setText(text)

    def value(self, key: str, col: int = 0) -> str:
        return self.cell_item(key, col).text()

    def key_of(self, item: QTableWidgetItem) -> tuple[str, int] | None:
        return self.positions.get((item.row(), item.column()))

    def set_computed(self, key: str, col: int, tooltip: str) -> None:
        item = self.cell_item(key, col)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setBackground(COMPUTED_BRUSH)
        item.setToolTip(tooltip)

    def is_editable(self, key: str, col: int) -> bool:
        return bool(self.cell_item(key, col).flags() & Qt.ItemFlag.ItemIsEditable)

    def go_to(self, key: str, col: int) -> None:
        r, c = self.values[(key, col)]
        self.setCurrentCell(r, c)
        self.scrollToItem(self.item(r, c), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus()
