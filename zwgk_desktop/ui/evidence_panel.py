"""The evidence (佐证材料) and publication records (公开记录) of one item record.

Files come in by 添加文件…, by drag and drop onto the panel, or by Ctrl+V (a copied screenshot is saved as
``截图-YYYYMMDD-HHMMSS.png``; copied files are attached). Copying and hashing run off the GUI thread.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QMimeData, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.messages import join_msgs
from zwgk_desktop.core.presenters.evidence_view import (
    evidence_lines,
    screenshot_name,
)
from zwgk_desktop.core.progress import CancelledFn, ProgressFn
from zwgk_desktop.core.store.evidence import EvidenceInfo
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import tasks
from zwgk_desktop.ui.i18n import core_text, error_text
from zwgk_desktop.ui.publication_dialog import PublicationDialog
from zwgk_desktop.ui.publication_table import PublicationTable
from zwgk_desktop.ui.thumbnails import THUMB_SIZE, ThumbnailCache

_ID_ROLE = Qt.ItemDataRole.UserRole


def local_files(mime: QMimeData) -> list[Path]:
    """The local files (not folders) among a drag's or the clipboard's URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_file()]


def _attach_task(ws: Workspace, record_ids: list[str], paths: list[Path], progress: ProgressFn,
                 cancelled: CancelledFn) -> list[EvidenceInfo]:
    progress(0, len(paths), QCoreApplication.translate("evidence_panel", "正在复制并校验 {0} 个文件…").format(len(paths)))
    return ws.attach_files(record_ids, paths, progress=progress, cancelled=cancelled)


def attach_dropped_files(parent: QWidget | None, ws: Workspace, record_ids: list[str], paths: list[Path]) -> bool:
    """Attach ``paths`` to every record in ``record_ids``, copying off the GUI thread behind a progress
    dialog (it appears only when the copy takes a while). Returns True when something was attached.

    Call it after the drop event has returned (e.g. from ``QTimer.singleShot(0, …)``): on Windows the
    dragging application waits for the drop handler.
    """
    files = [Path(p) for p in paths]
    folders = [p for p in files if p.is_dir()]
    files = [p for p in files if not p.is_dir()]
    if folders and not files:
        tasks.show_error(parent, QCoreApplication.translate("evidence_panel", "添加佐证材料"), QCoreApplication.translate("evidence_panel", "不能直接添加文件夹，请选择其中的文件。"))
        return False
    if not files or not record_ids:
        return False
    result = tasks.run_with_progress(parent, QCoreApplication.translate("evidence_panel", "添加佐证材料"), partial(_attach_task, ws, list(record_ids), files))
    return bool(result)


class LinkDialog(QDialog):
    """添加链接: URL, title and the day it was seen."""

    def __init__(self, parent: QWidget | None = None, *, url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("添加链接"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("把已公开信息的网页地址记为佐证，例如政府网站上的公告页面。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url_edit = QLineEdit(url)
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setPlaceholderText("https://")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText(self.tr("网页标题（可选）"))
        today = date.today()
        self.seen_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.seen_edit.setObjectName("seenEdit")
        self.seen_edit.setCalendarPopup(True)
        self.seen_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("网址："), self.url_edit)
        form.addRow(self.tr("标题："), self.title_edit)
        form.addRow(self.tr("查看日期："), self.seen_edit)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("添加"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("okButton")
        ok.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def seen_on(self) -> date:
        d = self.seen_edit.date()
        return date(d.year(), d.month(), d.day())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


class NoteDialog(QDialog):
    """添加说明: a free-text note kept as evidence (e.g. 已在村务公开栏张贴，见照片)."""

    def __init__(self, parent: QWidget | None = None, *, text: str = "", read_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("文字说明") if read_only else self.tr("添加说明"))
        self.resize(480, 300)
        layout = QVBoxLayout(self)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setObjectName("noteEdit")
        self.text_edit.setReadOnly(read_only)
        self.text_edit.setPlaceholderText(self.tr("例如：已于 5 月 6 日在村务公开栏张贴，张贴照片见附件。"))
        layout.addWidget(self.text_edit)
        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        if read_only:
            buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancelButton")
        else:
            ok = buttons.addButton(self.tr("添加"), QDialogButtonBox.ButtonRole.AcceptRole)
            ok.setObjectName("okButton")
            buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class EvidencePanel(QWidget):
    """Evidence list and publication records of one item record. Emits ``changed`` after every write."""

    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("evidencePanel")
        self._record_id: str | None = None
        self._evidence: dict[str, EvidenceInfo] = {}
        self.thumbnails = ThumbnailCache(ws.data_dir / "cache" / "thumbnails")
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        head.addWidget(_section_title(self.tr("佐证材料")))
        hint = QLabel(self.tr("可把文件拖到这里，或按 Ctrl+V 粘贴截图"))
        hint.setObjectName("dropHint")
        hint.setStyleSheet("color: #80868b;")
        head.addStretch(1)
        head.addWidget(hint)
        layout.addLayout(head)

        self.stack = QStackedWidget()
        self.list = QListWidget()
        self.list.setObjectName("evidenceList")
        self.list.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.setAcceptDrops(False)  # the panel takes the drop
        self.empty = QLabel()
        self.empty.setObjectName("evidenceEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty.setStyleSheet("#evidenceEmpty { color: #80868b; border: 2px dashed #c4c7c5; border-radius: 6px;"
                                 " padding: 16px; }")
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 2)

        buttons = QHBoxLayout()
        self.add_file_button = self._button(self.tr("添加文件…"), "addFileButton", self.add_files)
        self.add_link_button = self._button(self.tr("添加链接…"), "addLinkButton", self.add_link)
        self.add_note_button = self._button(self.tr("添加说明…"), "addNoteButton", self.add_note)
        self.open_button = self._button(self.tr("打开"), "openButton", self.open_selected)
        self.remove_button = self._button(self.tr("移除"), "removeButton", self.remove_selected)
        for b in (self.add_file_button, self.add_link_button, self.add_note_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(_section_title(self.tr("公开记录")))
        self.pub_table = PublicationTable()
        layout.addWidget(self.pub_table, 2)
        pub_buttons = QHBoxLayout()
        self.add_pub_button = self._button(self.tr("新增公开记录…"), "addPublicationButton", self.add_publication)
        pub_buttons.addWidget(self.add_pub_button)
        pub_buttons.addStretch(1)
        layout.addLayout(pub_buttons)

        # the panel on its own; the main window disables it and pastes from anywhere in the window instead
        self.paste_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        self.paste_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_shortcut.activated.connect(self.paste_from_clipboard)
        self.set_record(None)

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- showing ---
    def record_id(self) -> str | None:
        return self._record_id

    def set_record(self, record_id: str | None) -> None:
        self._record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        rid = self._record_id
        self.list.clear()
        self._evidence = {}
        self.pub_table.setRowCount(0)
        for b in (self.add_file_button, self.add_link_button, self.add_note_button, self.add_pub_button):
            b.setEnabled(rid is not None)
        if rid is None:
            self.empty.setText(self.tr("请先选择一个事项。"))
            self.stack.setCurrentWidget(self.empty)
            self._update_buttons()
            return
        for info in self.ws.evidence_for(rid):
            self._evidence[info.id] = info
            lines = evidence_lines(info)
            item = QListWidgetItem(self.thumbnails.icon(info), f"{core_text(lines.title)}\n{core_text(lines.detail)}")
            item.setToolTip(core_text(lines.tooltip))
            item.setData(_ID_ROLE, info.id)
            self.list.addItem(item)
        self.empty.setText(self.tr("还没有佐证材料。\n把文件拖到这里，或点击“添加文件…”；截图可按 Ctrl+V 粘贴。"))
        self.stack.setCurrentWidget(self.list if self._evidence else self.empty)
        self.pub_table.set_publications(self.ws.publications(rid))
        self._update_buttons()

    def selected_evidence(self) -> list[EvidenceInfo]:
        return [self._evidence[i.data(_ID_ROLE)] for i in self.list.selectedItems()
                if i.data(_ID_ROLE) in self._evidence]

    def _update_buttons(self) -> None:
        selected = self.selected_evidence()
        self.open_button.setEnabled(len(selected) == 1)
        self.remove_button.setEnabled(bool(selected))

    def _after_write(self) -> None:
        self.refresh()
        self.changed.emit()

    # --- adding ---
    def attach(self, paths: list[Path]) -> bool:
        if self._record_id is None:
            return False
        done = attach_dropped_files(self, self.ws, [self._record_id], paths)
        if done:
            self._after_write()
        return done

    def add_files(self, paths: list[Path] | None = None) -> None:
        if self._record_id is None:
            return
        if paths is None:
            names, _ = QFileDialog.getOpenFileNames(self, self.tr("选择佐证材料"), "",
                                                    self.tr("所有文件 (*)"))
            paths = [Path(n) for n in names]
        if paths:
            self.attach(paths)

    def add_link(self, url: str = "") -> None:
        if self._record_id is None:
            return
        dialog = LinkDialog(self, url=url)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.ws.add_link(self._record_id, dialog.url_edit.text(), title=dialog.title_edit.text(),
                                 seen_on=dialog.seen_on())
            except UserError as exc:
                dialog.show_problem(error_text(exc))
                continue
            self._after_write()
            break
        dialog.deleteLater()

    def add_note(self) -> None:
        if self._record_id is None:
            return
        dialog = NoteDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.ws.add_text_note(self._record_id, dialog.text_edit.toPlainText())
            except UserError as exc:
                dialog.show_problem(error_text(exc))
                continue
            self._after_write()
            break
        dialog.deleteLater()

    def add_publication(self) -> None:
        if self._record_id is None:
            return
        dialog = PublicationDialog(self.ws, self._record_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_write()
        dialog.deleteLater()

    # --- opening and removing ---
    def open_selected(self) -> None:
        selected = self.selected_evidence()
        if len(selected) != 1:
            return
        info = selected[0]
        if info.kind == "file":
            if info.path is None:  # the database row names a place outside the store: never opened
                tasks.show_error(self, self.tr("打开"), self.tr("“{0}”在数据库中记录的存储位置不合规（可能被本程序之外的"
                                                            "方式改动过），为安全起见不打开。请运行“检查数据完整性”。")
                                 .format(info.name))
                return
            if not info.path.is_file():
                tasks.show_error(self, self.tr("打开"), self.tr("找不到文件“{0}”在工作区中的副本。请用“校验佐证材料”"
                                                            "检查工作区。").format(info.name))
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.path)))
        elif info.kind == "link":
            QDesktopServices.openUrl(QUrl(info.url))
        else:
            dialog = NoteDialog(self, text=info.text, read_only=True)
            dialog.exec()
            dialog.deleteLater()

    def remove_selected(self) -> None:
        selected = self.selected_evidence()
        if not selected or self._record_id is None:
            return
        names = core_text(join_msgs("、", [f"“{e.name}”" for e in selected[:3]])) + (self.tr(" 等") if len(selected) > 3 else "")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("移除佐证材料"),
                          self.tr("从这个事项移除 {0}？").format(names), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmRemoveBox")
        box.setInformativeText(self.tr("移除后材料会归档，文件仍保留在工作区中，操作会记入历史记录。"))
        remove = box.addButton(self.tr("移除"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirmRemoveButton")
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return
        for info in selected:
            self.ws.archive_evidence(info.id, self._record_id)
        self._after_write()

    # --- clipboard ---
    def paste_from_clipboard(self) -> bool:
        """Ctrl+V: a copied image becomes ``截图-….png``; copied files are attached; a copied URL opens 添加链接."""
        if self._record_id is None:
            return False
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        files = local_files(mime)
        if files:
            return self.attach(files)
        if mime.hasImage():
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                return self.attach_image(image)
        text = mime.text().strip() if mime.hasText() else ""
        if text.startswith(("http://", "https://")) and "\n" not in text:
            self.add_link(text)
            return True
        return False

    def attach_image(self, image: QImage) -> bool:
        folder = Path(tempfile.mkdtemp(prefix="zwgk-paste-"))
        try:
            path = folder / screenshot_name()
            if not image.save(str(path), "PNG"):
                tasks.show_error(self, self.tr("粘贴截图"), self.tr("无法保存剪贴板中的图片。"))
                return False
            return self.attach([path])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # --- drag and drop ---
    def _set_drop_highlight(self, on: bool) -> None:
        self.stack.setStyleSheet("QStackedWidget { border: 2px solid #1a73e8; border-radius: 6px; }" if on else "")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._record_id is not None and local_files(event.mimeData()):
            event.acceptProposedAction()
            self._set_drop_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._record_id is not None and local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._set_drop_highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_highlight(False)
        files = local_files(event.mimeData())
        if self._record_id is None or not files:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, self, lambda: self.attach(files))  # let the drag source finish first
