"""The evidence panel driven like a user: drop, paste, links, notes, remove, publication records."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.evidence_panel import EvidencePanel, LinkDialog, NoteDialog, attach_dropped_files
from zwgk_desktop.ui.publication_dialog import PublicationDialog


@pytest.fixture
def ws(tmp_path, fixtures_dir):
    with Workspace.open(tmp_path / "ws") as workspace:
        preview = import_flow.prepare(workspace, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
        import_flow.commit(workspace, preview)
        yield workspace


@pytest.fixture
def rows(ws):
    return ws.rows(ws.checklist().id)


@pytest.fixture
def panel(qtbot, ws, rows):
    widget = EvidencePanel(ws)
    qtbot.addWidget(widget)
    widget.resize(640, 560)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_record(rows[0].id)
    return widget


def _png(path: Path, color: str = "#d93025") -> Path:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


def _pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColorRGB(0.1, 0.3, 0.8)
    c.rect(50, 50, 400, 700, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path


def _drag_enter(pos: QPoint, mime: QMimeData) -> QDragEnterEvent:
    with warnings.catch_warnings():  # the QPoint constructor is the only one PySide6 offers
        warnings.simplefilter("ignore", DeprecationWarning)
        return QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier)


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = _drag_enter(center, mime)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _click(widget, name: str) -> None:
    button = widget.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def test_drop_image_and_pdf_shows_thumbnails(qtbot, panel, ws, rows, tmp_path):
    assert panel.stack.currentWidget() is panel.empty
    png = _png(tmp_path / "公示照片.png")
    pdf = _pdf(tmp_path / "低保名单.pdf")
    _drop(panel, [png, pdf])
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10_000)
    assert panel.stack.currentWidget() is panel.list
    texts = [panel.list.item(i).text() for i in range(2)]
    assert texts[0].startswith("公示照片.png\n") and texts[1].startswith("低保名单.pdf\n")
    icons = [panel.list.item(i).icon() for i in range(2)]
    assert all(not icon.isNull() for icon in icons)
    centre = icons[0].pixmap(64, 64).toImage().pixelColor(32, 32)
    assert (centre.red(), centre.green(), centre.blue()) == (0xd9, 0x30, 0x25)  # the photo itself, not a badge
    shas = {e.name: e.sha256 for e in ws.evidence_for(rows[0].id)}
    assert (ws.data_dir / "cache" / "thumbnails" / f"{shas['低保名单.pdf']}-64.png").is_file()
    assert ws.row(rows[0].id).evidence_count == 2


def test_drop_is_refused_without_record(qtbot, ws, tmp_path):
    widget = EvidencePanel(ws)
    qtbot.addWidget(widget)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_png(tmp_path / "a.png")))])
    enter = _drag_enter(QPoint(5, 5), mime)
    QApplication.sendEvent(widget, enter)
    assert not enter.isAccepted()
    assert not widget.add_file_button.isEnabled()


def test_paste_screenshot_attaches_png(qtbot, panel, ws, rows):
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#188038"))
    QGuiApplication.clipboard().setImage(image)
    panel.activateWindow()
    panel.list.setFocus()
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    (ev,) = ws.evidence_for(rows[0].id)
    assert re.fullmatch(r"截图-\d{8}-\d{6}\.png", ev.name)
    assert ev.kind == "file" and ev.path is not None and ev.path.is_file()
    stored = QImage(str(ev.path))
    assert (stored.width(), stored.height()) == (200, 100)
    assert not panel.list.item(0).icon().isNull()


def test_add_link_and_note_then_open(qtbot, panel, ws, rows, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    problems: list[str] = []

    def fill_link(dialog: LinkDialog) -> None:
        dialog.url_edit.setText("www.example.gov.cn")  # no scheme: refused, dialog stays
        on_modal(LinkDialog, fix_link)
        _click(dialog, "okButton")

    def fix_link(dialog: LinkDialog) -> None:
        problems.append(dialog.problem.text())
        dialog.url_edit.setText("https://www.example.gov.cn/zwgk/dbmd.html")
        dialog.title_edit.setText("2024年低保对象名单")
        _click(dialog, "okButton")

    on_modal(LinkDialog, fill_link)
    _click(panel, "addLinkButton")
    assert problems and "不是有效的网址" in problems[0]

    def fill_note(dialog: NoteDialog) -> None:
        dialog.text_edit.setPlainText("已在村务公开栏张贴\n张贴照片见附件")
        _click(dialog, "okButton")

    on_modal(NoteDialog, fill_note)
    _click(panel, "addNoteButton")
    kinds = [(e.kind, e.name) for e in ws.evidence_for(rows[0].id)]
    assert kinds == [("link", "2024年低保对象名单"), ("text", "已在村务公开栏张贴")]
    assert panel.list.count() == 2
    panel.list.setCurrentRow(0)
    _click(panel, "openButton")
    assert opened == [QUrl("https://www.example.gov.cn/zwgk/dbmd.html")]
    shown: list[str] = []

    def read_note(dialog: NoteDialog) -> None:
        shown.append(dialog.text_edit.toPlainText())
        _click(dialog, "cancelButton")

    on_modal(NoteDialog, read_note)
    panel.list.setCurrentRow(1)
    _click(panel, "openButton")
    assert shown == ["已在村务公开栏张贴\n张贴照片见附件"]


def test_open_file_uses_stored_copy(qtbot, panel, ws, rows, tmp_path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.add_files([_png(tmp_path / "照片.png")])
    panel.list.setCurrentRow(0)
    _click(panel, "openButton")
    (ev,) = ws.evidence_for(rows[0].id)
    assert opened == [QUrl.fromLocalFile(str(ev.path))]


def test_remove_asks_and_archives(qtbot, panel, ws, rows, tmp_path):
    panel.add_files([_png(tmp_path / "照片.png")])
    changes: list[bool] = []
    panel.changed.connect(lambda: changes.append(True))
    panel.list.setCurrentRow(0)
    on_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.NoButton) or
             next(b for b in box.buttons() if b.text() == "取消").click())
    _click(panel, "removeButton")
    assert panel.list.count() == 1 and not changes
    panel.list.setCurrentRow(0)
    on_modal(QMessageBox, lambda box: next(b for b in box.buttons() if b.text() == "移除").click())
    _click(panel, "removeButton")
    assert panel.list.count() == 0 and changes == [True]
    assert ws.evidence_for(rows[0].id) == []
    assert [e.archived for e in ws.evidence_for(rows[0].id, include_archived=True)] == [True]


def test_publication_record_with_verdict(qtbot, panel, ws, rows, tmp_path):
    panel.add_files([_png(tmp_path / "公示栏.png")])
    seen: dict[str, str] = {}

    def fill(dialog: PublicationDialog) -> None:
        dialog.what_edit.setText("2024年第一季度低保对象名单")
        assert dialog.channel_combo.count() >= 10
        dialog.channel_combo.setCurrentText("公开查阅点")
        dialog.place_edit.setText("村务公开栏")
        dialog.formed_edit.setDate(QDate(2024, 3, 1))
        dialog.published_edit.setDate(QDate(2024, 4, 30))
        seen["verdict"] = dialog.verdict_label.text()
        dialog.evidence_list.item(0).setCheckState(Qt.CheckState.Checked)
        _click(dialog, "okButton")

    on_modal(PublicationDialog, fill)
    _click(panel, "addPublicationButton")
    assert "逾期" in seen["verdict"]
    (pub,) = ws.publications(rows[0].id)
    assert (pub.formed_on, pub.published_on, pub.channel, pub.place) == (
        date(2024, 3, 1), date(2024, 4, 30), "公开查阅点", "村务公开栏")
    assert pub.evidence_ids == [ws.evidence_for(rows[0].id)[0].id]
    table = panel.pub_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "2024-04-30"
    assert table.item(0, 1).text() == "公开查阅点 · 村务公开栏"
    assert table.item(0, 3).text().startswith("逾期") and "工作日" in table.item(0, 3).text()

    def on_time(dialog: PublicationDialog) -> None:
        dialog.formed_edit.setDate(QDate(2024, 5, 6))
        dialog.published_edit.setDate(QDate(2024, 5, 8))
        _click(dialog, "okButton")

    on_modal(PublicationDialog, on_time)
    _click(panel, "addPublicationButton")
    assert table.rowCount() == 2 and table.item(1, 3).text().startswith("按时")


def test_publication_dates_checked(qtbot, panel):
    problems: list[str] = []

    def wrong_order(dialog: PublicationDialog) -> None:
        dialog.formed_edit.setDate(QDate(2024, 5, 8))
        dialog.published_edit.setDate(QDate(2024, 5, 1))
        _click(dialog, "okButton")
        problems.append(dialog.problem.text())
        _click(dialog, "cancelButton")

    on_modal(PublicationDialog, wrong_order)
    _click(panel, "addPublicationButton")
    assert problems and "早于" in problems[0]
    assert panel.pub_table.rowCount() == 0


def test_attach_dropped_files_to_several_rows(qtbot, ws, rows, tmp_path):
    pdf = _pdf(tmp_path / "文件.pdf")
    ids = [rows[0].id, rows[1].id]
    assert attach_dropped_files(None, ws, ids, [pdf]) is True
    assert [len(ws.evidence_for(i)) for i in ids] == [1, 1]
    texts: list[str] = []

    def close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(QMessageBox, close)
    assert attach_dropped_files(None, ws, ids, [tmp_path]) is False
    assert texts and "文件夹" in texts[0]


def test_broken_image_and_pdf_get_badges(qtbot, panel, ws, rows, tmp_path):
    bad_png = tmp_path / "坏图.png"
    bad_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"broken" * 10)
    bad_pdf = tmp_path / "坏文件.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 broken")
    panel.add_files([bad_png, bad_pdf])
    assert panel.list.count() == 2
    assert all(not panel.list.item(i).icon().isNull() for i in range(2))
