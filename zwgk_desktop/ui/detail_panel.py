"""Right pane: one item's record (status, assignee, due date, note), its fields, evidence and history.

Every edit is saved at once through ``Workspace.update_record`` (one transaction with its history entry);
the note is saved after a short pause in typing and when the editor loses focus; the due date when its
typed text is committed (Return, Tab, or picking a day in the calendar).

Keyboard: Tab goes 状态 → 承办人 → 到期日 → 备注 → the tab bar → what the shown tab holds, and then back to
the item table (:attr:`DetailPanel.tabbedOut`); Shift+Tab walks back. Tab in 备注 moves on (it does not
insert a tab character).
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.deadlines.reading import read_deadline
from zwgk_desktop.core.presenters.ledger_view import history_line
from zwgk_desktop.core.types import ConflictError, ItemRow, Status, UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.date_field import DateField
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.item_model import status_text

NOTE_DEBOUNCE_MS = 800


class DetailPanel(QWidget):
    """Shows and edits one record. :attr:`rowChanged` carries the fresh row after every save."""

    rowChanged = Signal(object)  # ItemRow
    notice = Signal(str)  # a short message for the status bar (e.g. a refused date)
    tabbedOut = Signal(bool)  # Tab (True) after the last stop or Shift+Tab (False) before the first

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.ws = ws
        self._row: ItemRow | None = None
        self._loading = False

        self.title_label = QLabel()
        self.title_label.setObjectName("detailTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label = QLabel()
        self.path_label.setObjectName("detailPath")
        self.path_label.setWordWrap(True)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for status in Status:
            self.status_combo.addItem(status_text(status), status.value)
        self.status_combo.currentIndexChanged.connect(self._on_status)

        self.assignee_edit = QLineEdit()
        self.assignee_edit.setObjectName("assigneeEdit")
        self.assignee_edit.setPlaceholderText(self.tr("承办人姓名"))
        self.assignee_edit.setClearButtonEnabled(True)
        self.assignee_edit.editingFinished.connect(self._save_assignee)

        self.due_edit = DateField(placeholder=self.tr("未设置（可输入 2024-10-31 或 20241031）"))
        self.due_edit.setObjectName("dueEdit")
        self.due_edit.dateEdited.connect(self._on_due_edited)
        self.due_edit.refused.connect(self.notice)
        self.due_clear = QToolButton()
        self.due_clear.setObjectName("dueClear")
        self.due_clear.setText(self.tr("清除"))
        self.due_clear.setToolTip(self.tr("清除到期日"))
        self.due_clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes 到期日 → 备注; emptying the text clears too
        self.due_clear.clicked.connect(self._clear_due)
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_edit, 1)
        due_row.addWidget(self.due_clear, 0, Qt.AlignmentFlag.AlignTop)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("备注（自动保存）"))
        self.note_edit.setFixedHeight(78)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.textChanged.connect(self._on_note_changed)
        self.note_edit.installEventFilter(self)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DEBOUNCE_MS)
        self._note_timer.timeout.connect(self.flush_note)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("状态"), self.status_combo)
        form.addRow(self.tr("承办人"), self.assignee_edit)
        form.addRow(self.tr("到期日"), due_row)
        form.addRow(self.tr("备注"), self.note_edit)

        self.info_view = QTextBrowser()
        self.info_view.setObjectName("infoView")
        self.info_view.setOpenLinks(False)
        self.history_list = QListWidget()
        self.history_list.setObjectName("historyList")
        self.history_list.setWordWrap(True)
        self.history_list.setAlternatingRowColors(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.info_view, self.tr("事项信息"))
        self.evidence_panel = self._make_evidence_panel()
        if self.evidence_panel is not None:
            self.tabs.addTab(self.evidence_panel, self.tr("佐证材料 / 公开记录"))
        self.tabs.addTab(self.history_list, self.tr("变更记录"))

        self.empty_label = QLabel(self.tr("在左侧表格中选择一个事项查看详情"))
        self.empty_label.setObjectName("detailEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.title_label)
        body_layout.addWidget(self.path_label)
        body_layout.addLayout(form)
        body_layout.addWidget(self.tabs, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.set_record(None)

    # --- keyboard ---
    def first_editor(self) -> QWidget:
        return self.status_combo

    def tab_stops(self) -> list[QWidget]:
        """Where Tab stops, in reading order: the four editors, the tab bar, then what the shown tab holds."""
        stops: list[QWidget] = [self.status_combo, self.assignee_edit, self.due_edit.line_edit, self.note_edit,
                                self.tabs.tabBar()]
        page = self.tabs.currentWidget()
        if page is not None:
            for widget in [page, *page.findChildren(QWidget)]:  # depth first, in the order they were added
                if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(self)
                        and widget.isEnabled() and widget.focusProxy() is None):
                    stops.append(widget)
        return [w for w in stops if w.isVisibleTo(self) and w.isEnabled()]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt API
        """Tab and Shift+Tab walk :meth:`tab_stops`; past either end :attr:`tabbedOut` hands the focus back
        to the window (the item table), instead of wandering into the toolbar."""
        focus = QApplication.focusWidget()
        stops = self.tab_stops()
        index = -1
        for i, widget in enumerate(stops):
            if focus is not None and (widget is focus or widget.isAncestorOf(focus)):
                index = i
        if index < 0:
            return super().focusNextPrevChild(next)
        next_index = index + (1 if next else -1)
        if 0 <= next_index < len(stops):
            reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
            stops[next_index].setFocus(reason)
        else:
            self.tabbedOut.emit(next)
        return True

    def _make_evidence_panel(self) -> QWidget | None:
        try:
            from zwgk_desktop.ui.evidence_panel import EvidencePanel
        except ImportError:
            return None
        panel = EvidencePanel(self.ws, self)
        panel.changed.connect(self._on_evidence_changed)
        return panel

    # --- showing a record ---
    def record_id(self) -> str | None:
        return self._row.id if self._row else None

    def current_row(self) -> ItemRow | None:
        return self._row

    def set_record(self, row: ItemRow | None) -> None:
        """Show ``row`` (or the empty state). Pending edits of the previous record are saved first."""
        self.flush()
        self._row = row
        self._loading = True
        try:
            self.empty_label.setVisible(row is None)
            self.body.setVisible(row is not None)
            if row is None:
                self.title_label.clear()
                self.path_label.clear()
                self.info_view.clear()
                self.history_list.clear()
            else:
                self._fill(row)
            if self.evidence_panel is not None:
                self.evidence_panel.set_record(row.id if row else None)
        finally:
            self._loading = False

    def _fill(self, row: ItemRow) -> None:
        self.title_label.setText(row.title)
        self.title_label.setToolTip(row.title)
        code = f"{row.code}  " if row.code else ""
        self.path_label.setText(code + " › ".join(row.path))
        self._fill_editors(row)
        self.info_view.setHtml(self._info_html(row))
        self._load_history()

    def _fill_editors(self, row: ItemRow) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(row.status.value))
        if self.assignee_edit.text() != row.assignee:
            self.assignee_edit.setText(row.assignee)
        self.due_edit.set_date(row.due)
        self.due_clear.setEnabled(row.due is not None)
        if self.note_edit.toPlainText() != row.note:
            self.note_edit.setPlainText(row.note)

    def _info_html(self, row: ItemRow) -> str:
        fields = [
            (self.tr("分类"), " › ".join(row.path)),
            (self.tr("编号"), row.code),
            (self.tr("事项"), row.title),
            (self.tr("公开内容"), row.content),
            (self.tr("公开依据"), row.basis),
            (self.tr("公开时限"), row.deadline),
            *self._deadline_reading(row),
            (self.tr("责任单位"), "、".join(row.owners)),
            *self._roles(row),
            (self.tr("公开渠道"), "、".join(row.channels)),
            (self.tr("公开对象"), "、".join(row.audience)),
            (self.tr("公开方式"), "、".join(row.mode)),
            (self.tr("公开层级"), "、".join(row.level)),
        ]
        cells = []
        for label, value in fields:
            text = html.escape(value).replace("\n", "<br>") if value else '<span style="color:#999">—</span>'
            cells.append(f'<tr><td style="color:#555;white-space:nowrap;padding:3px 10px 3px 0">'
                         f'{html.escape(label)}</td><td style="padding:3px 0">{text}</td></tr>')
        return f'<table cellspacing="0" width="100%">{"".join(cells)}</table>'

    def _deadline_reading(self, row: ItemRow) -> list[tuple[str, str]]:
        """How the 公开时限 was understood (the import preview's reading), when one is written."""
        if not row.deadline.strip():
            return []
        return [(self.tr("时限理解"), str(read_deadline(row.deadline).meaning))]

    def _roles(self, row: ItemRow) -> list[tuple[str, str]]:
        """牵头 / 配合 units, when the source names roles."""
        out = []
        if row.lead_units:
            out.append((self.tr("牵头单位"), "、".join(row.lead_units)))
        if row.support_units:
            out.append((self.tr("配合单位"), "、".join(row.support_units)))
        return out

    def _load_history(self) -> None:
        self.history_list.clear()
        if self._row is None:
            return
        try:
            entries = self.ws.history(self._row.id)
        except UserError as exc:
            self.history_list.addItem(error_text(exc))
            return
        for entry in entries:
            self.history_list.addItem(core_text(history_line(entry)))
        if not entries:
            self.history_list.addItem(self.tr("（暂无变更记录）"))

    def history_texts(self) -> list[str]:
        return [self.history_list.item(i).text() for i in range(self.history_list.count())]

    # --- saving ---
    def _save(self, **changes: object) -> bool:
        if self._row is None or self._loading:
            return False
        try:
            new = self.ws.update_record(self._row.id, expected_version=self._row.version,
                                        **changes)  # type: ignore[arg-type]
        except ConflictError as exc:
            return self._resolve_conflict(exc, changes)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            self._loading = True
            try:
                self._fill_editors(self._row)
            finally:
                self._loading = False
            return False
        self._row = new
        self._load_history()
        self.due_clear.setEnabled(new.due is not None)
        self.rowChanged.emit(new)
        return True

    def _resolve_conflict(self, exc: ConflictError, changes: dict[str, object]) -> bool:
        """Someone else changed this record since it was shown: the user decides, nothing is lost silently."""
        current = exc.current if isinstance(exc.current, ItemRow) else self.ws.row(self._row.id)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("修改冲突"), error_text(exc), parent=self)
        mine = box.addButton(self.tr("保留我的修改"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("采用当前内容"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        keep_mine = box.clickedButton() is mine
        box.deleteLater()
        self._row = current
        if keep_mine:
            return self._save(**changes)
        self._loading = True
        try:
            self._fill(current)
        finally:
            self._loading = False
        self.rowChanged.emit(current)
        return False

    def _on_status(self, _index: int) -> None:
        if self._loading or self._row is None:
            return
        value = self.status_combo.currentData()
        if value and value != self._row.status.value:
            self._save(status=value)

    def _save_assignee(self) -> None:
        if self._loading or self._row is None:
            return
        text = self.assignee_edit.text().strip()
        if text != self._row.assignee:
            self._save(assignee=text)

    def _on_due_edited(self, due: date | None) -> None:
        if self._loading or self._row is None:
            return
        if due != self._row.due:
            self._save(due=due)

    def _clear_due(self) -> None:
        self.due_edit.set_date(None)
        if self._row is not None and self._row.due is not None:
            self._save(due=None)

    def _on_note_changed(self) -> None:
        if not self._loading and self._row is not None:
            self._note_timer.start()

    def flush_note(self) -> None:
        self._note_timer.stop()
        if self._loading or self._row is None:
            return
        text = self.note_edit.toPlainText()
        if text != self._row.note:
            self._save(note=text)

    def flush(self) -> None:
        """Save edits still waiting for their debounce (before switching records or closing)."""
        if self._row is None:
            return
        if self._note_timer.isActive():
            self.flush_note()
        if self.due_edit.line_edit.isModified() and not self._loading:
            self.due_edit.commit()  # typed but not committed yet (e.g. the window closes)
        if self.assignee_edit.text().strip() != self._row.assignee and not self._loading:
            self._save_assignee()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(watched, event)

    def _on_evidence_changed(self) -> None:
        if self._row is None:
            return
        try:
            new = self.ws.row(self._row.id)
        except UserError:
            return
        self._row = new
        self._load_history()
        self.rowChanged.emit(new)

    def refresh(self, row: ItemRow) -> None:
        """Show fresh data for the current record (e.g. after files were dropped on its table row)."""
        if self._row is not None and row.id == self._row.id:
            self.flush()
            self.set_record(row)
