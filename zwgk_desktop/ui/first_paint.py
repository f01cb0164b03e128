"""The window's first paint, before SQLAlchemy is imported and the workspace opened (ui/app.py).

A frame laid out like the main window (menus, toolbar, category tree, item table, an empty detail area)
shows the first page of the checklist the main window will open, read with plain sqlite3
(core/store/first_page.py ``peek``), with the checklist's item count; the category tree waits for the
rows, as in the main window while a large checklist is read (counted by SQLite it took 0.16 s at 100,000
items, longer than the whole first paint). It is read-only: its menus and toolbar are disabled and it has
no editor, so nothing can be changed before the workspace is open; the main window then takes its place
with the same geometry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.store.first_page import FirstPeek
from zwgk_desktop.ui.category_tree import CategoryTree
from zwgk_desktop.ui.item_model import DEFAULT_WIDTHS, Column, ItemTableModel
from zwgk_desktop.ui.screen_fit import fit_to_screen
from zwgk_desktop.ui.settings import restore_window_layout
from zwgk_desktop.ui.style import apply_main_style

BACKGROUND_LOAD_ITEMS = 5000  # checklists this large are read off the GUI thread, first page first
FIRST_PAGE_ROWS = 100  # rows painted while a large checklist is read in the background


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the main window's own strings


def configure_item_table(table: QTableView) -> None:
    """The item table's look and columns, for the main window and its first paint alike."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setShowGrid(False)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vheader = table.verticalHeader()
    vheader.setVisible(False)
    vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vheader.setDefaultSectionSize(max(26, table.fontMetrics().height() + 10))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsMovable(True)
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(36)
    for col, width in DEFAULT_WIDTHS.items():
        header.resizeSection(col, width)
    header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)


class FirstPaintWindow(QMainWindow):
    """The first page of a checklist in the main window's frame, read-only, until the workspace is open."""

    def __init__(self, seen: FirstPeek, data_dir: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")  # the main window's style sheet applies
        self.seen = seen
        self.data_dir = data_dir
        if seen.office:
            self.setWindowTitle(_tr("zwgk-desktop 政务公开台账 — {office}").format(office=seen.office))
        else:
            self.setWindowTitle(_tr("zwgk-desktop 政务公开台账"))
        for title in ("文件(&F)", "清单(&L)", "帮助(&H)"):
            self.menuBar().addMenu(_tr(title)).setEnabled(False)

        toolbar = QToolBar(_tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        toolbar.addWidget(QLabel(_tr(" 清单 ")))
        combo = QComboBox()
        combo.setObjectName("checklistCombo")
        combo.setMinimumContentsLength(24)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItem(seen.name)
        toolbar.addWidget(combo)
        toolbar.addSeparator()
        search = QLineEdit()
        search.setObjectName("searchEdit")
        search.setPlaceholderText(_tr("搜索事项（支持一两个字）"))
        search.setMinimumWidth(220)
        search.setMaximumWidth(320)
        toolbar.addWidget(search)
        toolbar.setEnabled(False)

        self.tree = CategoryTree()
        self.tree.setMinimumWidth(160)
        self.tree.setEnabled(False)
        self.model = ItemTableModel(self)
        self.model.set_rows(seen.rows)
        self.table = QTableView()
        self.table.setObjectName("firstPaintTable")
        self.table.setModel(self.model)
        configure_item_table(self.table)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to select or edit yet
        self.loading_label = QLabel(_tr("正在载入“%1”（%2 项）…").replace("%1", seen.name).replace("%2", str(seen.total)))
        self.loading_label.setObjectName("loadingLabel")
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.table, 1)
        detail = QWidget()  # where the detail panel will be
        detail.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.tree, centre, detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([210, 800, 390])
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage(self.loading_label.text())
        apply_main_style(self)
        if settings is not None:  # the geometry and columns the main window will restore
            restore_window_layout(settings, self, self.splitter, self.table.horizontalHeader(),
                                  lambda: fit_to_screen(self, 1400, 860))
            self.table.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        else:
            fit_to_screen(self, 1400, 860)
