"""The main window: checklist toolbar, category tree, item table and detail panel."""

from __future__ import annotations

import linecache
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.messages import join_msgs
from zwgk_desktop.core.presenters.ledger_view import (
    DUE_SOON_DAYS,
    LedgerSummary,
    adjust_summary,
    due_alert,
    owner_choices,
    status_line,
    summarize,
)
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.store.query import ItemFilter
from zwgk_desktop.core.types import ItemRow, Status, UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import workspace_actions
from zwgk_desktop.ui.category_tree import CategoryTree
from zwgk_desktop.ui.confirm import confirm
from zwgk_desktop.ui.detail_panel import DetailPanel
from zwgk_desktop.ui.errors import user_errors
from zwgk_desktop.ui.filter_empty_state import FilterEmptyState
from zwgk_desktop.ui.first_paint import BACKGROUND_LOAD_ITEMS, FIRST_PAGE_ROWS, configure_item_table
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.item_model import ID_ROLE, Column, ItemTableModel, status_text
from zwgk_desktop.ui.row_loader import RowLoader
from zwgk_desktop.ui.screen_fit import fit_to_screen
from zwgk_desktop.ui.settings import (
    LAST_CHECKLIST_KEY,
    app_settings,
    restore_window_layout,
    save_window_layout,
)
from zwgk_desktop.ui.style import apply_main_style
from zwgk_desktop.ui.welcome import WelcomePage

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 150
LOAD_AFTER_MS = 200  # a large checklist's read starts at its first page's paint, at the latest after this
MINE_ROLE = Qt.ItemDataRole.UserRole + 1  # marks 本单位 in the unit filter


@dataclass(frozen=True)
class DroppedFiles:
    """Files dropped on the item table, waiting to be attached to these records."""

    record_ids: tuple[str, ...]
    paths: tuple[Path, ...]


class ItemTableView(QTableView):
    """The item table; accepts files dropped on a row (attached as evidence to that row / the selection).

    While files are dragged over it, the rows that would receive them are highlighted and
    :attr:`dropTargetChanged` names them. The drop handler only records the drop (:meth:`take_drops`) and
    returns at once: the dragging application (Explorer, the file manager) waits for it. :attr:`filesDropped`
    then reaches its receiver from the event loop (a queued signal), which attaches the files.
    """

    filesDropped = Signal()  # a drop was recorded; queued, so it arrives after the drop handler returned
    dropTargetChanged = Signal(list, int)  # record ids under the cursor ([] when the drag left), file count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemTable")
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the detail panel (arrows move between cells)
        self._drop_rows: list[int] = []
        self._drops: list[DroppedFiles] = []

    def take_drops(self) -> list[DroppedFiles]:
        """The drops recorded since the last call, oldest first (and forgets them)."""
        drops, self._drops = self._drops, []
        return drops

    def drop_target_rows(self) -> list[int]:
        """The visible rows highlighted as the target of the files being dragged."""
        return list(self._drop_rows)

    def _target_rows(self, row: int) -> list[int]:
        selected = {i.row() for i in self.selectionModel().selectedRows()}
        return sorted(selected) if row in selected else [row]

    def _set_drop_rows(self, rows: list[int], files: int = 0) -> None:
        if rows == self._drop_rows:
            return
        self._drop_rows = rows
        self.viewport().update()
        self.dropTargetChanged.emit([self.model().index(r, 0).data(ID_ROLE) for r in rows], files)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._drop_rows:
            return
        painter = QPainter(self.viewport())
        fill = QColor("#1a73e8")
        fill.setAlpha(40)
        painter.setPen(QPen(QColor("#1a73e8"), 2))
        width = self.viewport().width()
        for row in self._drop_rows:
            top = self.rowViewportPosition(row)
            if top < 0 and top + self.rowHeight(row) < 0:
                continue
            painter.fillRect(0, top, width, self.rowHeight(row), fill)
            painter.drawRect(1, top + 1, width - 2, self.rowHeight(row) - 2)
        painter.end()

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if isinstance(u, QUrl) and u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        paths = self._local_paths(event)
        index = self.indexAt(event.position().toPoint())
        if paths and index.isValid():
            event.acceptProposedAction()
            self._set_drop_rows(self._target_rows(index.row()), len(paths))
        else:
            event.ignore()
            self._set_drop_rows([])

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_rows([])
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event)
        index = self.indexAt(event.position().toPoint())
        self._set_drop_rows([])
        if not paths or not index.isValid():
            event.ignore()
            return
        ids = [self.model().index(r, 0).data(ID_ROLE) for r in self._target_rows(index.row())]
        event.acceptProposedAction()
        self._drops.append(DroppedFiles(tuple(ids), tuple(paths)))
        self.filesDropped.emit()


class MainWindow(QMainWindow):
    # checklists with at least this many items are read off the GUI thread (smaller ones load in a blink)
    background_load_items = BACKGROUND_LOAD_ITEMS

    def __init__(self, ws: Workspace, *, settings: QSettings | None = None, persist: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ws = ws
        self.persist = persist
        self.settings = settings if settings is not None else app_settings()
        self._checklist: ChecklistInfo | None = None
        self._category: tuple[str, ...] = ()
        self._summary: LedgerSummary | None = None
        self._edited_while_loading: dict[str, ItemRow] = {}
        self.setMinimumSize(QSize(900, 560))

        self.model = ItemTableModel(self)
        self.loader = RowLoader(lambda checklist_id, cancelled: self.ws.rows(checklist_id, cancelled=cancelled), self)
        self.loader.loaded.connect(self._on_rows_loaded)
        self.loader.failed.connect(self._on_rows_failed)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.statusBar().addPermanentWidget(self.summary_label)
        apply_main_style(self)
        self._restore_state()
        self.refresh_checklists(self.settings.value(LAST_CHECKLIST_KEY, "", str) or None)

    # --- construction ---
    def _build_widgets(self) -> None:
        self.welcome = WelcomePage()
        self.welcome.importRequested.connect(self.import_template)
        self.welcome.exampleRequested.connect(self.load_example)
        self.welcome.restoreRequested.connect(self.restore_backup)
        self.welcome.archiveRequested.connect(self.show_archive)

        self.tree = CategoryTree()
        self.tree.categorySelected.connect(self._on_category)
        self.tree.setMinimumWidth(160)

        self.table = ItemTableView()
        self.table.setModel(self.model)
        configure_item_table(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.filesDropped.connect(self._attach_dropped_files, Qt.ConnectionType.QueuedConnection)
        self._attaching_drops = False
        self.table.dropTargetChanged.connect(self._on_drop_target)
        self.table.viewport().installEventFilter(self)

        self.detail = DetailPanel(self.ws)
        self.detail.rowChanged.connect(self.on_row_changed)
        self.detail.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.detail.tabbedOut.connect(lambda _forward: self.table.setFocus(Qt.FocusReason.TabFocusReason))
        self.detail.setMinimumWidth(300)
        if self.detail.evidence_panel is not None:  # Ctrl+V is the window's (act_paste), wherever the focus is
            self.detail.evidence_panel.paste_shortcut.setEnabled(False)
        self.filter_empty = FilterEmptyState()
        self.filter_empty.clearRequested.connect(self.clear_filters)

        self.banner = QFrame()
        self.banner.setObjectName("dueBanner")
        self.banner_label = QLabel()
        self.banner_label.setObjectName("dueBannerText")
        self.banner_show = QToolButton()
        self.banner_show.setText(self.tr("查看逾期事项"))
        self.banner_show.clicked.connect(self._show_overdue)
        banner_close = QToolButton()
        banner_close.setText("✕")
        banner_close.setToolTip(self.tr("关闭提醒"))
        banner_close.setAutoRaise(True)
        banner_close.clicked.connect(self._dismiss_banner)
        self._banner_dismissed = False
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 4, 4, 4)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.banner_show)
        banner_layout.addWidget(banner_close)
        self.banner.hide()

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.banner)
        self.loading_label = QLabel()
        self.loading_label.setObjectName("loadingLabel")
        self.loading_label.hide()
        centre_layout.addWidget(self.loading_label)
        centre_layout.addWidget(self.filter_empty)
        centre_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)  # a wide screen widens the detail panel too (公开记录 columns)
        self.splitter.setSizes([210, 800, 390])

        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        QWidget.setTabOrder(self.tree, self.table)
        QWidget.setTabOrder(self.table, self.detail.first_editor())  # the panel walks its own stops from there

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

    def _action(self, text: str, slot: Callable[..., Any], shortcut: QKeySequence | str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.act_import = self._action(self.tr("导入模板…"), self.import_template, QKeySequence.StandardKey.Open,
                                       "actImport")
        self.act_example = self._action(self.tr("载入示例"), self.load_example, name="actExample")
        self.act_export_template = self._action(self.tr("导出模板…"), self.export_template,
                                                name="actExportTemplate")
        self.act_export_pdf = self._action(self.tr("导出PDF报告…"), self.export_pdf, name="actExportPdf")
        self.act_export_xlsx = self._action(self.tr("导出Excel台账…"), self.export_xlsx, name="actExportXlsx")
        self.act_print = self._action(self.tr("打印…"), self.print_report, QKeySequence.StandardKey.Print,
                                      "actPrint")
        self.act_settings = self._action(self.tr("设置…"), self.edit_settings, name="actSettings")
        self.act_backup = self._action(self.tr("备份工作区…"), self.create_backup, name="actBackup")
        self.act_restore = self._action(self.tr("从备份恢复…"), self.restore_backup, name="actRestore")
        self.act_verify = self._action(self.tr("检查数据完整性…"), self.check_data, name="actVerify")
        self.act_check_against = self._action(self.tr("核对报告或备份的数据校验码…"), self.check_against,
                                              name="actCheckAgainst")
        self.act_calendar = self._action(self.tr("导入节假日安排…"), self.import_calendar, name="actCalendar")
        self.act_archive = self._action(self.tr("回收站（已移除的清单、事项和佐证材料）…"), self.show_archive,
                                        name="actArchive")
        self.act_rename_checklist = self._action(self.tr("重命名清单…"), self.rename_checklist,
                                                 name="actRenameChecklist")
        self.act_remove_checklist = self._action(self.tr("移除清单…"), self.remove_checklist,
                                                 name="actRemoveChecklist")
        self.act_quit = self._action(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit, "actQuit")
        self.act_about = self._action(self.tr("关于"), self.about, name="actAbout")
        self.act_annual = self._action(self.tr("政府信息公开工作年度报告…"), self.show_annual_report,
                                       name="actAnnual")
        self.act_export_package = self._action(self.tr("导出报送包…"), self.export_package, name="actExportPackage")
        self.act_import_packages = self._action(self.tr("导入报送包…"), self.import_packages,
                                                name="actImportPackages")
        self.act_rollup = self._action(self.tr("县级汇总…"), self.show_rollup, name="actRollup")
        self.act_evidence_pack = self._action(self.tr("导出佐证材料包…"), self.export_evidence_pack,
                                              name="actEvidencePack")
        self.act_find = self._action(self.tr("搜索"), self._focus_search, QKeySequence.StandardKey.Find)
        self.addAction(self.act_find)
        # Ctrl+V anywhere in the window; a focused text editor still takes its own paste (it overrides the
        # shortcut), so text pastes into 搜索, 承办人, 到期日 and 备注 as usual
        self.act_paste = self._action(self.tr("粘贴截图或文件为佐证材料"), self.paste_evidence,
                                      QKeySequence.StandardKey.Paste, "actPaste")
        self.addAction(self.act_paste)
        self._checklist_actions = [self.act_export_template, self.act_export_pdf, self.act_export_xlsx,
                                   self.act_print, self.act_archive, self.act_rename_checklist,
                                   self.act_remove_checklist, self.act_export_package, self.act_evidence_pack]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        # 文件: what a clerk does daily at the top level; the exports, and backup with the checks, in submenus
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.setObjectName("menuFile")
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_example)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("导出(&E)"))
        export_menu.setObjectName("menuExport")
        export_menu.addAction(self.act_export_pdf)
        export_menu.addAction(self.act_export_xlsx)
        export_menu.addAction(self.act_export_template)
        export_menu.addSeparator()
        export_menu.addAction(self.act_export_package)
        export_menu.addAction(self.act_evidence_pack)
        file_menu.addAction(self.act_print)
        file_menu.addAction(self.act_annual)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import_packages)
        file_menu.addAction(self.act_rollup)
        file_menu.addSeparator()
        backup_menu = file_menu.addMenu(self.tr("备份、恢复与检查(&B)"))
        backup_menu.setObjectName("menuBackup")
        backup_menu.addAction(self.act_backup)
        backup_menu.addAction(self.act_restore)
        backup_menu.addSeparator()
        backup_menu.addAction(self.act_verify)
        backup_menu.addAction(self.act_check_against)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addAction(self.act_calendar)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.file_menu, self.export_menu, self.backup_menu = file_menu, export_menu, backup_menu
        self.checklist_menu = bar.addMenu(self.tr("清单(&L)"))
        self.checklist_menu.addAction(self.act_rename_checklist)
        self.checklist_menu.addAction(self.act_remove_checklist)
        self.checklist_menu.addAction(self.act_archive)
        self.checklist_menu.addSeparator()
        self.checklist_group = QActionGroup(self)
        self.checklist_group.setExclusive(True)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("工具栏"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(tb)
        self.toolbar = tb

        tb.addWidget(QLabel(self.tr(" 清单 ")))
        self.checklist_combo = QComboBox()
        self.checklist_combo.setObjectName("checklistCombo")
        self.checklist_combo.setMinimumContentsLength(24)
        self.checklist_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.checklist_combo.currentIndexChanged.connect(self._on_checklist_combo)
        tb.addWidget(self.checklist_combo)
        tb.addSeparator()

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("搜索事项（支持一两个字）"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.setMaximumWidth(320)
        self.search_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        tb.addWidget(self.search_edit)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("全部状态"), ("all", None))
        for status in Status:
            self.status_filter.addItem(status_text(status), ("status", status.value))
        self.status_filter.addItem(self.tr("已逾期"), ("overdue", None))
        self.status_filter.addItem(self.tr("{n}天内到期").format(n=DUE_SOON_DAYS), ("soon", None))
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        tb.addWidget(self.status_filter)

        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("ownerFilter")
        self.owner_filter.setEditable(True)
        self.owner_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_filter.setMinimumContentsLength(12)
        self.owner_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner_filter.lineEdit().setPlaceholderText(self.tr("全部单位"))
        self.owner_filter.currentTextChanged.connect(lambda _t: self._filter_timer.start())
        tb.addWidget(self.owner_filter)

    # --- settings ---
    def _restore_state(self) -> None:
        if not self.persist:
            self._default_size()
            return
        restore_window_layout(self.settings, self, self.splitter, self.table.horizontalHeader(), self._default_size)
        self.table.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)

    def _default_size(self) -> None:
        """1400×860, or less on a smaller screen (a 1366×768 laptop), so the status bar with its
        confirmations stays on screen."""
        fit_to_screen(self, 1400, 860)

    def save_state(self) -> None:
        if not self.persist:
            return
        save_window_layout(self.settings, self, self.splitter, self.table.horizontalHeader(),
                           self._checklist.id if self._checklist is not None else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel()  # a read in progress stops at its next batch; its result is dropped
        self.detail.flush()
        self.save_state()
        super().closeEvent(event)

    # --- checklists ---
    def current_checklist(self) -> ChecklistInfo | None:
        return self._checklist

    def refresh_checklists(self, select_id: str | None = None) -> None:
        """Reload the list of checklists; show the welcome page when there is none."""
        infos = self.ws.checklists()
        keep = select_id or (self._checklist.id if self._checklist else None)
        self.checklist_combo.blockSignals(True)
        self.checklist_combo.clear()
        for action in self.checklist_group.actions():
            self.checklist_group.removeAction(action)
            self.checklist_menu.removeAction(action)
        for info in infos:
            self.checklist_combo.addItem(info.name, info.id)
            action = QAction(info.name, self, checkable=True)
            action.setData(info.id)
            action.triggered.connect(lambda _c=False, cid=info.id: self.select_checklist(cid))
            self.checklist_group.addAction(action)
            self.checklist_menu.addAction(action)
        self.checklist_combo.blockSignals(False)
        self.checklist_menu.setEnabled(bool(infos))
        if not infos:
            self._checklist = None
            self._summary = None
            self.loader.cancel()
            self._set_loading(None)
            self.model.set_rows([])
            self.detail.set_record(None)
            self.stack.setCurrentWidget(self.welcome)
            self.toolbar.setVisible(False)
            for action in self._checklist_actions:
                action.setEnabled(False)
            self._update_title()
            self.summary_label.clear()
            self.banner.hide()
            self._update_archive_access()
            return
        ids = [i.id for i in infos]
        target = keep if keep in ids else ids[-1]
        self.stack.setCurrentWidget(self.splitter)
        self.toolbar.setVisible(True)
        for action in self._checklist_actions:
            action.setEnabled(True)
        self.select_checklist(target, force=True, info=next(i for i in infos if i.id == target))

    def select_checklist(self, checklist_id: str, *, force: bool = False, info: ChecklistInfo | None = None) -> None:
        """``info``: the checklist as just read (refresh_checklists), so it is not counted again."""
        if not force and self._checklist is not None and self._checklist.id == checklist_id:
            return
        self.detail.set_record(None)
        self._checklist = info if info is not None and info.id == checklist_id else self.ws.checklist(checklist_id)
        index = self.checklist_combo.findData(checklist_id)
        if index >= 0 and self.checklist_combo.currentIndex() != index:
            self.checklist_combo.blockSignals(True)
            self.checklist_combo.setCurrentIndex(index)
            self.checklist_combo.blockSignals(False)
        for action in self.checklist_group.actions():
            action.setChecked(action.data() == checklist_id)
        self.checklist_combo.setToolTip(self._checklist.name)
        if self._checklist.total >= self.background_load_items:
            self._start_loading(self._checklist)  # read off the GUI thread; _show_rows follows
            return
        self.loader.cancel()
        self._set_loading(None)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = self.ws.rows(checklist_id)
        finally:
            QApplication.restoreOverrideCursor()
        self._show_rows(rows)

    def _start_loading(self, info: ChecklistInfo) -> None:
        """A large checklist: its first page at once (one short query), 正在载入… above it, and the
        whole checklist read in the loader's thread (_on_rows_loaded takes over)."""
        self._edited_while_loading = {}
        self._summary = None
        self.banner.hide()
        self.filter_empty.show_filters([])
        self.summary_label.clear()
        self._set_loading(info)
        self.model.set_rows(self.ws.first_page(info.id, FIRST_PAGE_ROWS))  # the previous rows go
        self._update_status()
        # PySide6's import hook reads the source of every module imported after it into linecache (about
        # 10 MB by now, kept for tracebacks only): freed before the rows are read, they take its place
        linecache.clearcache()
        # the whole read starts once the first page is painted (see eventFilter), or soon in any case
        self.loader.load(info.id, start=False)
        QTimer.singleShot(LOAD_AFTER_MS, self, self.loader.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport() and self.is_loading():
            QTimer.singleShot(0, self, self.loader.start)  # after this paint
        return super().eventFilter(watched, event)

    def _set_loading(self, info: ChecklistInfo | None) -> None:
        """The light loading state: a line above the first page; the checklist's commands (and a restore,
        which swaps the folder being read) wait for the rows."""
        if info is not None:
            self.loading_label.setText(self.tr("正在载入“%1”（%2 项）…").replace("%1", info.name)
                                       .replace("%2", str(info.total)))
        self.loading_label.setVisible(info is not None)
        self.tree.setEnabled(info is None)
        for action in self._checklist_actions:
            action.setEnabled(info is None and self._checklist is not None)
        self.act_restore.setEnabled(info is None)

    def loaded_rows(self, checklist_id: str) -> Sequence[ItemRow] | None:
        """The rows of ``checklist_id`` this window holds, fully loaded and kept current by its edits (a
        report built from them reads nothing again); None when another checklist is shown or still loading."""
        if self._checklist is None or self._checklist.id != checklist_id or self.is_loading():
            return None
        return self.model.all_rows()

    def is_loading(self) -> bool:
        """True while the rows of the current checklist are being read in the background."""
        return self.loader.loading() is not None

    def _on_rows_loaded(self, checklist_id: str, rows: list[ItemRow]) -> None:
        if self._checklist is None or self._checklist.id != checklist_id:
            return  # the checklist was left (removed, restore) while it was read
        self._set_loading(None)
        for record_id, edited in self._edited_while_loading.items():  # edits made on the first page
            for i in range(len(rows)):
                if rows[i].id == record_id and rows[i].version <= edited.version:
                    rows[i] = edited
                    break
        self._edited_while_loading = {}
        self._show_rows(rows)

    def _on_rows_failed(self, checklist_id: str, error: object) -> None:
        self._set_loading(None)
        if isinstance(error, UserError):
            QMessageBox.warning(self, self.tr("提示"), error_text(error))
            return
        raise error  # type: ignore[misc] - the app's excepthook shows it

    def _show_rows(self, rows: list[ItemRow]) -> None:
        """Fill the table, tree, filters and figures with the rows of the current checklist."""
        assert self._checklist is not None
        checklist_id = self._checklist.id
        self.model.set_rows(rows)
        self._summary = summarize(rows, self.model.today)
        self._fill_owner_filter(rows)
        self.tree.set_rows(rows)  # emits categorySelected -> apply_filter
        self.apply_filter()
        self._update_title()
        self._banner_dismissed = False  # each checklist opened gets its reminder once
        self._update_due_banner()
        if self.persist:
            self.settings.setValue(LAST_CHECKLIST_KEY, checklist_id)

    def _on_checklist_combo(self, index: int) -> None:
        checklist_id = self.checklist_combo.itemData(index)
        if checklist_id:
            self.select_checklist(checklist_id)

    def _fill_owner_filter(self, rows: list[ItemRow]) -> None:
        """Refill the unit choices (new checklist, new office name). The chosen filter stays: 本单位 stays
        本单位 (under its new name), a unit stays even when this checklist does not name it (the table then
        says so, see :meth:`_update_filter_empty_state`); only a 本单位 whose office name was removed goes."""
        combo = self.owner_filter
        text = combo.currentText().strip()
        listed = combo.findText(text) if text else -1
        was_mine = listed >= 0 and bool(combo.itemData(listed, MINE_ROLE))
        unit = combo.itemData(listed) if listed >= 0 else text
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部单位"), "")
        office = self.ws.settings().get("office", "")
        if office:  # "my items": those naming this office or a group that includes it
            combo.addItem(self.tr("本单位（%1）").replace("%1", office), office)
            combo.setItemData(1, True, MINE_ROLE)
        for choice in owner_choices(rows):
            combo.addItem(choice, choice)
        if was_mine and office:
            combo.setCurrentIndex(1)
        elif unit and not was_mine:
            index = combo.findData(unit)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setCurrentIndex(-1)
                combo.setEditText(unit)
        else:
            combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _update_title(self) -> None:
        office = self.ws.settings().get("office", "")
        if office:
            self.setWindowTitle(self.tr("zwgk-desktop 政务公开台账 — {office}").format(office=office))
        else:
            self.setWindowTitle(self.tr("zwgk-desktop 政务公开台账"))

    # --- filtering ---
    def current_filter(self) -> ItemFilter:
        kind, value = self.status_filter.currentData() or ("all", None)
        owner = self.owner_filter.currentText().strip()
        index = self.owner_filter.findText(owner)
        if index >= 0:  # a listed choice: its data is the unit ("" for 全部单位, the office for 本单位)
            owner = self.owner_filter.itemData(index) or ""
        return ItemFilter(
            text=self.search_edit.text(),
            statuses=frozenset({Status(value)}) if kind == "status" else frozenset(),
            owner=owner,
            category=self._category,
            overdue=kind == "overdue",
            due_within_days=DUE_SOON_DAYS if kind == "soon" else None,
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        current = self.detail.record_id()
        self.model.set_filter(self.current_filter())
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(self.model.index(row, 0))
        elif current:
            self.detail.set_record(None)
        self._update_status()
        self._update_filter_empty_state()

    def _on_category(self, path: tuple[str, ...]) -> None:
        self._category = tuple(path)
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _show_overdue(self) -> None:
        self.status_filter.setCurrentIndex(self.status_filter.findData(("overdue", None)))

    # --- selection and edits ---
    def _on_current_row(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.detail.set_record(self.model.row_at(current.row()))
        else:
            self.detail.set_record(None)

    def select_first_row(self) -> bool:
        if self.model.rowCount() == 0:
            return False
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.model.index(0, Column.TITLE))
        return True

    def on_row_changed(self, row: ItemRow) -> None:
        """One row changed (detail panel, evidence): patch it in place and adjust the figures in O(1)."""
        if self.is_loading():  # an edit on the first page: kept over the rows being read
            self._edited_while_loading[row.id] = row
            self.model.update_row(row)
            return  # the figures are computed when the rows arrive
        old = self.model.update_row(row)
        if old is None:
            return
        self.tree.adjust_closed(row.path, int(row.closed) - int(old.closed))
        if self._summary is not None:
            self._summary = adjust_summary(self._summary, old, row, self.model.today)
        self._update_status(recount=False)
        if not self._banner_dismissed:  # keep the reminder true; one the clerk closed stays closed
            self._update_due_banner(announce=False)

    def _update_status(self, *, recount: bool = False) -> None:
        if self._checklist is None:
            self.summary_label.clear()
            return
        if self.is_loading():
            self.summary_label.setText(self.loading_label.text())
            return
        if recount or self._summary is None:
            self._summary = summarize(self.model.all_rows(), self.model.today)
        self.summary_label.setText(core_text(status_line(self._summary, self.model.rowCount())))

    def _dismiss_banner(self) -> None:
        self._banner_dismissed = True
        self.banner.hide()

    def _update_due_banner(self, *, announce: bool = True) -> None:
        summary = self._summary or summarize(self.model.all_rows(), self.model.today)
        text = core_text(due_alert(summary))
        annual = self._annual_reminder(refresh=announce)
        if annual:
            text = f"{text} {annual}".strip()
        self.banner_label.setText(text)
        self.banner_show.setVisible(summary.overdue > 0)
        self.banner.setVisible(bool(text))
        if text and announce:
            self.statusBar().showMessage(text, 15000)

    def _attach_dropped_files(self) -> None:
        """From the event loop, after the drop handler returned: attach each recorded drop in turn (through
        the attach task: progress dialog, copying off the GUI thread). A drop recorded meanwhile is taken
        by the loop already running."""
        if self._attaching_drops:
            return
        self._attaching_drops = True
        try:
            while drops := self.table.take_drops():
                for drop in drops:
                    self.attach_files_to(list(drop.record_ids), list(drop.paths))
        finally:
            self._attaching_drops = False

    @user_errors
    def attach_files_to(self, record_ids: list[str], paths: list[Path]) -> bool:
        """Attach files to items through the attach task (progress dialog, off the GUI thread) and say in the
        status bar what went where."""
        try:
            from zwgk_desktop.ui.evidence_panel import attach_dropped_files
        except ImportError:
            QMessageBox.information(self, self.tr("提示"), self.tr("此版本不支持添加佐证材料。"))
            return False
        self.detail.flush()
        if not attach_dropped_files(self, self.ws, record_ids, paths):
            return False
        rows = [self.ws.row(record_id) for record_id in record_ids]
        for row in rows:
            self.on_row_changed(row)
            self.detail.refresh(row)
        files = [Path(p) for p in paths if not Path(p).is_dir()]
        self.statusBar().showMessage(self._attached_text([p.name for p in files], rows), 15000)
        return True

    def _attached_text(self, names: list[str], rows: list[ItemRow]) -> str:
        shown = core_text(join_msgs("、", [f"“{n}”" for n in names[:3]]))
        what = shown if len(names) <= 3 else self.tr("%1 等 %2 个文件").replace("%1", shown).replace(
            "%2", str(len(names)))
        if len(rows) == 1:
            return self.tr("已把 %1 添加为“%2”的佐证材料。").replace("%1", what).replace("%2", rows[0].title)
        return self.tr("已把 %1 添加为 %2 个事项的佐证材料。").replace("%1", what).replace("%2", str(len(rows)))

    def _on_drop_target(self, record_ids: list[str], files: int) -> None:
        if not record_ids:
            self.statusBar().clearMessage()
            return
        if len(record_ids) == 1:
            row = self.model.row_at(self.model.row_of(record_ids[0]))
            text = self.tr("松开鼠标，把 %1 个文件添加到“%2”").replace("%2", row.title)
        else:
            text = self.tr("松开鼠标，把 %1 个文件添加到选中的 %2 个事项").replace("%2", str(len(record_ids)))
        self.statusBar().showMessage(text.replace("%1", str(files)))

    def paste_evidence(self) -> None:
        """Ctrl+V outside text editors: the clipboard's screenshot (or copied files) becomes evidence of the
        selected item."""
        panel = self.detail.evidence_panel
        row = self.detail.current_row()
        if panel is None or row is None or self._checklist is None:
            self.statusBar().showMessage(self.tr("请先在表格中选择一个事项，再按 Ctrl+V 粘贴截图。"), 8000)
            return
        self.detail.flush()
        before = {e.id for e in self.ws.evidence_for(row.id)}
        if not panel.paste_from_clipboard():
            self.statusBar().showMessage(self.tr("剪贴板中没有图片或文件，无法粘贴为佐证材料。"), 8000)
            return
        added = [e.name for e in self.ws.evidence_for(row.id) if e.id not in before]
        if added:
            self.statusBar().showMessage(self._attached_text(added, [self.ws.row(row.id)]), 15000)
        else:  # the same screenshot again (or a link dialog that was cancelled)
            self.statusBar().showMessage(self.tr("没有新增佐证材料：剪贴板中的内容已是“%1”的佐证材料，或已取消。")
                                         .replace("%1", row.title), 8000)

    # --- filters that explain themselves ---
    def active_filter_texts(self) -> list[str]:
        """What narrows the table now, as the clerk chose it (search, status, unit, category)."""
        parts = []
        text = self.search_edit.text().strip()
        if text:
            parts.append(self.tr("搜索“%1”").replace("%1", text))
        if self.status_filter.currentIndex() > 0:
            parts.append(self.tr("状态：%1").replace("%1", self.status_filter.currentText()))
        if self.current_filter().owner:
            parts.append(self.tr("单位：%1").replace("%1", self.owner_filter.currentText().strip()))
        if self._category:
            parts.append(self.tr("分类：%1").replace("%1", " › ".join(self._category)))
        return parts

    def _update_filter_empty_state(self) -> None:
        """Filters are kept when the checklist changes; when they leave the table empty, say so and offer
        清除筛选 (instead of an unexplained empty table)."""
        empty = self._checklist is not None and self.model.rowCount() == 0 and bool(self.model.all_rows())
        self.filter_empty.show_filters(self.active_filter_texts() if empty else [])

    def clear_filters(self) -> None:
        """清除筛选: all items of the checklist again (search, status, unit and category reset)."""
        for widget in (self.search_edit, self.status_filter, self.owner_filter, self.tree):
            widget.blockSignals(True)
        try:
            self.search_edit.clear()
            self.status_filter.setCurrentIndex(0)
            self.owner_filter.setCurrentIndex(0)
            self.tree.select_path(())
        finally:
            for widget in (self.search_edit, self.status_filter, self.owner_filter, self.tree):
                widget.blockSignals(False)
        self._category = ()
        self.apply_filter()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ---
    def _need_checklist(self) -> ChecklistInfo:
        if self._checklist is None:
            raise UserError(self.tr("请先导入或选择一个事项清单。"))
        return self._checklist

    # --- 文件 menu: the commands are ui/workspace_actions.py; the window saves the pending edit first and
    # updates itself from what they return ---
    def import_template(self) -> None:
        self.detail.flush()
        checklist_id = workspace_actions.import_template(self, self.ws)
        if checklist_id:
            self.refresh_checklists(checklist_id)
            if self._checklist is not None:
                self.select_checklist(checklist_id, force=True)

    @user_errors
    def show_archive(self) -> None:
        """回收站: archived items and evidence of the current checklist, and the removed checklists (also
        reachable from the welcome page when every checklist was removed)."""
        from zwgk_desktop.ui.archive_dialog import ArchiveDialog

        checklist = self._checklist
        self.detail.flush()
        dialog = ArchiveDialog(self.ws, checklist.id if checklist else None, self)
        dialog.exec()
        if dialog.restored_checklists or dialog.purged:
            self.refresh_checklists(dialog.restored_checklists[-1] if dialog.restored_checklists else None)
        elif dialog.restored and checklist is not None:
            self.select_checklist(checklist.id, force=True)
        dialog.deleteLater()

    def _update_archive_access(self) -> None:
        """With no checklist in use, the 回收站 stays reachable (清单 menu, welcome page) while it holds
        removed checklists."""
        removed = len(self.ws.archived_checklists())
        self.act_archive.setEnabled(True if self._checklist is not None else bool(removed))
        if self._checklist is None:
            self.checklist_menu.setEnabled(bool(removed))
        self.welcome.set_removed_checklists(removed)

    @user_errors
    def rename_checklist(self) -> None:
        """清单 → 重命名清单…: asks again (with the typed name) when the name is refused."""
        from PySide6.QtWidgets import QInputDialog

        info = self._need_checklist()
        self.detail.flush()
        text = info.name
        while True:
            dialog = QInputDialog(self)
            dialog.setObjectName("renameChecklistDialog")
            dialog.setWindowTitle(self.tr("重命名清单"))
            dialog.setLabelText(self.tr("清单“{name}”的新名称：").format(name=info.name))
            dialog.setTextValue(text)
            dialog.setOkButtonText(self.tr("确定"))
            dialog.setCancelButtonText(self.tr("取消"))
            dialog.resize(max(420, dialog.sizeHint().width()), dialog.sizeHint().height())
            ok = dialog.exec() == QInputDialog.DialogCode.Accepted
            text = dialog.textValue()
            dialog.deleteLater()
            if not ok:
                return
            try:
                renamed = self.ws.rename_checklist(info.id, text)
            except UserError as exc:
                QMessageBox.warning(self, self.tr("无法重命名"), error_text(exc))
                continue
            break
        current = self.detail.record_id()
        self.refresh_checklists(renamed.id)
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            self.table.selectRow(row)
        self.statusBar().showMessage(self.tr("已将清单重命名为“{name}”。").format(name=renamed.name), 8000)

    @user_errors
    def remove_checklist(self) -> None:
        """清单 → 移除清单…: after a confirmation stating what it holds, the checklist goes to the 回收站
        and the window shows another checklist (or the welcome page)."""
        info = self._need_checklist()
        self.detail.flush()
        held = self.ws.checklist_contents(info.id)
        confirmed = confirm(
            self, icon=QMessageBox.Icon.Question, title=self.tr("移除清单"),
            text=self.tr("把清单“{name}”移入回收站？").format(name=info.name),
            details=self.tr(
                "其中有 {items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料、{publications} 条公开记录。\n"
                "移除后它不再出现在清单列表和报告中；这些内容都完整保存在回收站（清单 → 回收站），可以随时恢复。")
            .format(items=held.items, done=held.done, evidence=held.evidence, publications=held.publications),
            action=self.tr("移入回收站"), name="removeChecklistConfirm")
        if not confirmed:
            return
        self.detail.set_record(None)
        self.ws.remove_checklist(info.id)
        self._checklist = None
        self.refresh_checklists()
        self.statusBar().showMessage(self.tr("已将清单“{name}”移入回收站，可在“清单 → 回收站”中恢复。")
                                     .format(name=info.name), 10000)

    def load_example(self) -> None:
        self.detail.flush()
        info = workspace_actions.load_example(self, self.ws)
        if info is None:
            return
        self.refresh_checklists(info.id)
        self.select_checklist(info.id, force=True)
        self.statusBar().showMessage(self.tr("已载入示例清单“{name}”，共 {n} 项。").format(
            name=info.name, n=info.total), 8000)

    def export_template(self) -> None:
        out = workspace_actions.export_template(self, self.ws, self._checklist)
        if out is not None:
            self.statusBar().showMessage(self.tr("已导出模板：{path}").format(path=out), 8000)

    @user_errors
    def export_pdf(self) -> None:
        info = self._need_checklist()
        from zwgk_desktop.ui import report_actions

        self.detail.flush()
        report_actions.export_pdf(self, self.ws, info.id, rows=self.loaded_rows(info.id))
        self._update_title()  # the 单位名称 may have been asked for

    @user_errors
    def export_xlsx(self) -> None:
        info = self._need_checklist()
        from zwgk_desktop.ui import report_actions

        self.detail.flush()
        report_actions.export_xlsx(self, self.ws, info.id, rows=self.loaded_rows(info.id))
        self._update_title()

    @user_errors
    def print_report(self) -> None:
        info = self._need_checklist()
        from zwgk_desktop.ui import report_actions

        self.detail.flush()
        report_actions.print_report(self, self.ws, info.id, rows=self.loaded_rows(info.id))
        self._update_title()

    def create_backup(self, path: Path | None = None) -> Path | None:
        """One-file backup (database, evidence, calendars) written off the GUI thread."""
        self.detail.flush()
        info = workspace_actions.create_backup(self, self.ws, path=path)
        return info.path if info is not None else None

    def restore_backup(self, path: Path | None = None) -> bool:
        """Replace this workspace with a verified backup; the current folder is kept aside, not deleted."""
        self.detail.flush()

        def show_restored() -> None:
            self._checklist = None
            self.refresh_checklists()

        restored = workspace_actions.restore_backup(self, self.ws, path=path,
                                                    before_swap=lambda: self.detail.set_record(None),
                                                    after_swap=show_restored)
        return restored is not None

    def check_data(self, against: Path | str | None = None) -> None:
        """As `zwgk check` (``Workspace.check``), off the GUI thread."""
        workspace_actions.check_data(self, self.ws, against=against)

    def check_against(self, path: Path | None = None) -> None:
        workspace_actions.check_against(self, self.ws, path=path)

    def import_calendar(self, path: Path | None = None) -> None:
        saved = workspace_actions.import_calendar(self, self.ws, path=path)
        if saved is not None and saved.status:
            self.statusBar().showMessage(saved.status, 15000)

    @user_errors
    def edit_settings(self) -> None:
        workspace_actions.edit_settings(self, self.ws, on_saved=self._on_settings_saved,
                                        on_notice=lambda text: self.statusBar().showMessage(text, 15000))

    def _on_settings_saved(self) -> None:
        """单位名称 may have changed: the title and 本单位 in the unit filter follow at once."""
        self._update_title()
        if self._checklist is not None:
            self._fill_owner_filter(self.model.all_rows())
            self.apply_filter()

    def about(self) -> None:
        from zwgk_desktop import __version__

        QMessageBox.about(self, self.tr("关于"), self.tr(
            "<h3>zwgk-desktop 政务公开台账</h3><p>版本 {version}</p>"
            "<p>离线管理基层政务公开标准目录与工作要点：事项清单、佐证材料、模板导入与合规报告。</p>"
            "<p>工作区：{folder}</p>").format(version=__version__, folder=self.ws.data_dir))

    def _annual_reminder(self, *, refresh: bool = True) -> str:
        """Last year's yearly report, when due within 30 days or overdue and not marked published (read when
        a checklist opens and after the report window closes; kept between edits)."""
        from zwgk_desktop.core.annual.deadline import due_reminder

        if refresh or getattr(self, "_annual_text", None) is None:
            self._annual_text = core_text(due_reminder(self.ws, self.model.today, self.model.all_rows()))
        return self._annual_text

    def show_annual_report(self) -> None:
        """年度报告: the yearly report's entry form (tables, texts, checks at the cells, due date)."""
        workspace_actions.show_annual_report(self, self.ws)
        self._annual_text = None  # the report may now be marked published
        if not self._banner_dismissed and self._checklist is not None:
            self._update_due_banner(announce=False)

    # --- the county's view: submission packages and the roll-up ---
    def export_package(self, path: Path | None = None, *, with_evidence: bool | None = None) -> Path | None:
        self.detail.flush()
        done = workspace_actions.export_package(self, self.ws, self._checklist, path=path,
                                                with_evidence=with_evidence)
        return done.path if done is not None else None

    def import_packages(self, paths: list[Path] | None = None) -> list | None:
        return workspace_actions.import_packages(self, self.ws, paths=paths)

    def show_rollup(self) -> None:
        workspace_actions.show_rollup(self, self.ws, opened=lambda dialog: setattr(self, "_county_dialog", dialog))

    def export_evidence_pack(self, path: Path | None = None) -> Path | None:
        self.detail.flush()
        pack = workspace_actions.export_evidence_pack(self, self.ws, self._checklist, path=path)
        return pack.path if pack is not None else None
