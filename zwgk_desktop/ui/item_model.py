"""The item table model: a flat list of ItemRow, filtered by core.store.query and sorted in Python.

Built for 100,000 rows: no per-row widgets, ``data()`` is O(1), a filter replaces the visible list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from itertools import pairwise
from operator import attrgetter, indexOf
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from zwgk_desktop.core.presenters.ledger_view import DueState, due_state
from zwgk_desktop.core.store.query import ItemFilter, filter_rows, narrows, shared_texts
from zwgk_desktop.core.types import STATUS_LABELS, ItemRow, Status

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    CODE = 0
    CATEGORY = 1
    TITLE = 2
    STATUS = 3
    DUE = 4
    ASSIGNEE = 5
    OWNERS = 6
    EVIDENCE = 7


def column_titles() -> list[str]:
    return [QCoreApplication.translate("ItemTableModel", "编号"),
            QCoreApplication.translate("ItemTableModel", "分类"),
            QCoreApplication.translate("ItemTableModel", "事项"),
            QCoreApplication.translate("ItemTableModel", "状态"),
            QCoreApplication.translate("ItemTableModel", "到期日"),
            QCoreApplication.translate("ItemTableModel", "承办人"),
            QCoreApplication.translate("ItemTableModel", "责任单位"),
            QCoreApplication.translate("ItemTableModel", "佐证")]


# Default widths (px) of the table columns; 事项 takes the remaining space.
DEFAULT_WIDTHS = {Column.CODE: 52, Column.CATEGORY: 130, Column.STATUS: 64, Column.DUE: 88,
                  Column.ASSIGNEE: 64, Column.OWNERS: 140, Column.EVIDENCE: 44}


# core.types.STATUS_LABELS for lupdate (the core stays Qt-free); tests check the two stay equal
STATUS_SOURCES = (
    QT_TRANSLATE_NOOP("Status", "待办"),
    QT_TRANSLATE_NOOP("Status", "进行中"),
    QT_TRANSLATE_NOOP("Status", "已完成"),
    QT_TRANSLATE_NOOP("Status", "不适用"),
    QT_TRANSLATE_NOOP("Status", "需整改"),
)


def status_text(status: Status) -> str:
    return QCoreApplication.translate("Status", STATUS_LABELS[status])


# Muted colours that read well on light themes.
STATUS_COLORS: dict[Status, tuple[str, str]] = {  # foreground, background
    Status.DONE: ("#1b5e20", "#e3f4e4"),
    Status.DOING: ("#0d47a1", "#e3eefb"),
    Status.REWORK: ("#b71c1c", "#fde7e7"),
    Status.NA: ("#616161", "#eeeeee"),
    Status.TODO: ("#37474f", ""),
}
DUE_COLORS: dict[DueState, str] = {DueState.OVERDUE: "#c62828", DueState.SOON: "#b26a00"}

_ORDER = {s: i for i, s in enumerate((Status.REWORK, Status.TODO, Status.DOING, Status.DONE, Status.NA))}

_SORT_KEYS: dict[Column, Callable[[ItemRow], Any]] = {
    Column.CODE: lambda r: r.position,
    Column.CATEGORY: lambda r: (r.path, r.position),
    Column.TITLE: lambda r: r.title,
    Column.STATUS: lambda r: (_ORDER[r.status], r.position),
    Column.DUE: lambda r: (r.due is None, r.due or date.min, r.position),
    Column.ASSIGNEE: lambda r: (r.assignee == "", r.assignee, r.position),
    Column.OWNERS: lambda r: (r.owners, r.position),
    Column.EVIDENCE: lambda r: (r.evidence_count, r.position),
}


_ID = attrgetter("id")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
                                       Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE, ID_ROLE))
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTERED = frozenset(int(c) for c in (Column.STATUS, Column.EVIDENCE, Column.DUE))


def _index_of(rows: list[ItemRow], record_id: str) -> int:
    try:
        return indexOf(map(_ID, rows), record_id)
    except ValueError:
        return -1


def category_text(row: ItemRow) -> str:
    """The innermost category (the tree on the left shows the hierarchy; the tooltip the full path)."""
    return row.path[-1] if row.path else ""


class ItemTableModel(QAbstractTableModel):
    """Rows of one checklist. ``set_rows`` loads, ``set_filter`` narrows, ``update_row`` patches one row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ItemRow] = []
        self._in_order = True  # all rows are in template order (by position)
        self._visible: list[ItemRow] = []
        self._filter = ItemFilter()
        self._narrowable = True  # the visible rows are all the rows the filter keeps (see _refilter)
        self._shared: frozenset[str] | None = None  # shared_texts of all rows (see filter_rows)
        self._shared_known = True
        self._sort: tuple[Column, Qt.SortOrder] | None = None
        self._titles = column_titles()
        self._brushes: dict[str, QBrush] = {}
        self.today = date.today()

    # --- loading and filtering ---
    def set_rows(self, rows: Sequence[ItemRow]) -> None:
        self._all = list(rows)
        self._in_order = all(a.position <= b.position for a, b in pairwise(self._all))
        self._narrowable = False
        self._shared, self._shared_known = shared_texts(self._all), True  # a few ms, not at the first keystroke
        self._refilter()

    def item_filter(self) -> ItemFilter:
        return self._filter

    def set_filter(self, flt: ItemFilter) -> None:
        narrowing = self._narrowable and narrows(self._filter, flt)
        self._filter = flt
        self._refilter(narrowing=narrowing)

    def _refilter(self, *, narrowing: bool = False) -> None:
        """``narrowing``: the new filter keeps a subset of what the old one kept (one more character
        typed), so only the visible rows are searched, already in their order."""
        self.beginResetModel()
        self.today = date.today()
        if self._filter.text and not self._shared_known:
            self._shared, self._shared_known = shared_texts(self._all), True
        if narrowing:
            self._visible = filter_rows(self._visible, self._filter, self._shared)
        else:
            self._visible = filter_rows(self._all, self._filter, self._shared)
            if self._sort is not None:
                self._sort_visible(*self._sort, fresh=True)
        self._narrowable = True
        self.endResetModel()

    def all_rows(self) -> list[ItemRow]:
        return self._all

    def visible_rows(self) -> list[ItemRow]:
        return self._visible

    def row_at(self, row: int) -> ItemRow:
        return self._visible[row]

    def row_of(self, record_id: str) -> int:
        """Visible row number of a record, or -1: a scan at C speed (about 2 ms at 100,000 rows), not
        a map of every id built after each keystroke (8 MB at 100,000 rows) for the one current row."""
        return _index_of(self._visible, record_id)

    def update_row(self, new: ItemRow) -> ItemRow | None:
        """Replace one row in place (after an edit) without reloading; it stays visible even if the
        edit means the filter would now hide it, so it does not vanish under the user's cursor.
        Returns the row it replaced (None when the record is not in this checklist)."""
        vpos = self.row_of(new.id)
        pos = _index_of(self._all, new.id)
        old = None
        if pos >= 0:
            old = self._all[pos]
            self._all[pos] = new
            if self._shared is not None and new.search_shared not in self._shared:
                self._shared_known = False  # an edit brought a new shared text (see filter_rows)
        if vpos >= 0:
            self._visible[vpos] = new
            self.dataChanged.emit(self.index(vpos, 0), self.index(vpos, len(Column) - 1))
        else:
            self._narrowable = False  # a hidden row changed: the next filter looks at every row again
        return old

    # --- Qt model API ---
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def _brush(self, color: str) -> QBrush:
        brush = self._brushes.get(color)
        if brush is None:
            brush = self._brushes[color] = QBrush(QColor(color))
        return brush

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a repaint asks ~7 roles of each visible cell: plain ints, the roles we never answer first
        if role not in _ANSWERED or not index.isValid():
            return None
        col = index.column()
        if role == _ALIGN:
            return _ALIGN_CENTER if col in _CENTERED else _ALIGN_LEFT
        row = self._visible[index.row()]
        if role == _DISPLAY:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Column.STATUS:
                return self._brush(STATUS_COLORS[row.status][0])
            if col == Column.DUE:
                color = DUE_COLORS.get(due_state(row, self.today))
                return self._brush(color) if color else None
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == Column.STATUS:
                bg = STATUS_COLORS[row.status][1]
                return self._brush(bg) if bg else None
            if col == Column.DUE and due_state(row, self.today) is DueState.OVERDUE:
                return self._brush("#fdecea")
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def _display(self, row: ItemRow, col: int) -> Any:
        if col == Column.CODE:
            return row.code
        if col == Column.CATEGORY:
            return category_text(row)
        if col == Column.TITLE:
            return row.title
        if col == Column.STATUS:
            return status_text(row.status)
        if col == Column.DUE:
            return row.due.isoformat() if row.due else ""
        if col == Column.ASSIGNEE:
            return row.assignee
        if col == Column.OWNERS:
            return "、".join(row.owners)
        if col == Column.EVIDENCE:
            return row.evidence_count or ""
        return None

    def _tooltip(self, row: ItemRow, col: int) -> str | None:
        if col == Column.TITLE:
            return f"{row.title}\n\n{row.content}" if row.content else row.title
        if col == Column.DUE:
            state = due_state(row, self.today)
            if state is DueState.OVERDUE:
                return QCoreApplication.translate("ItemTableModel", "已逾期")
            if state is DueState.SOON:
                return QCoreApplication.translate("ItemTableModel", "即将到期")
            return row.deadline or None
        if col == Column.EVIDENCE:
            return QCoreApplication.translate("ItemTableModel", "佐证材料 {n} 份").format(n=row.evidence_count)
        if col == Column.CATEGORY:
            return " › ".join(row.path) or None
        text = self._display(row, col)
        return str(text) if text else None

    # --- sorting ---
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._visible[i.row()].id if i.isValid() else None for i in old]
        self._sort_visible(Column(column), order)
        rows = {r.id: i for i, r in enumerate(self._visible)} if len(old) > 8 else None
        new = [self.index(rows.get(rid, -1) if rows is not None else self.row_of(rid), i.column())
               if rid is not None else QModelIndex() for rid, i in zip(ids, old)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_visible(self, column: Column, order: Qt.SortOrder, *, fresh: bool = False) -> None:
        """``fresh``: the visible rows were just filtered from all rows, which are in template order (by
        position) already: sorting them by 编号 ascending would change nothing."""
        if fresh and self._in_order and column == Column.CODE and order == Qt.SortOrder.AscendingOrder:
            return
        self._visible.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
