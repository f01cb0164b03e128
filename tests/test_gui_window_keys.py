"""The main window with the keyboard and the mouse: typed due dates, the calendar, Tab order, Ctrl+F,
Ctrl+V from anywhere, files dropped on table rows, the publication table at 1366×768."""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_helpers import show_main_window, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from zwgk_desktop.core.services import examples
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource
from zwgk_desktop.ui.item_model import Column
from zwgk_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    examples.load_example(workspace, resource("examples"))
    yield workspace
    workspace.close()


@pytest.fixture
def win(qtbot, ws: Workspace) -> MainWindow:
    return show_main_window(qtbot, ws, activate=True)


def _click_row(qtbot, win: MainWindow, row: int) -> None:
    index = win.model.index(row, Column.TITLE)
    win.table.scrollTo(index)
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=win.table.visualRect(index).center())
    assert win.detail.record_id() == win.model.row_at(row).id


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """A key press where the keyboard focus is, like a user's; returns the focus widget afterwards."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def _select_all_and_type(qtbot, widget, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


# --- 到期日 ---

def test_typing_dates_into_an_unset_due_date(qtbot, win: MainWindow, ws: Workspace) -> None:
    _click_row(qtbot, win, 1)
    row = win.model.row_at(1)
    assert row.due is None
    field = win.detail.due_edit
    assert field.text() == "" and "未设置" in field.line_edit.placeholderText()

    # table → 状态 → 承办人 → 到期日, then type the compact form and Tab on
    for _ in range(3):
        focus = _press(qtbot, Qt.Key.Key_Tab)
    assert focus is field.line_edit
    qtbot.keyClicks(field.line_edit, "20241031")
    assert _press(qtbot, Qt.Key.Key_Tab) is win.detail.note_edit
    assert ws.row(row.id).due == date(2024, 10, 31)
    assert field.text() == "2024-10-31"
    assert win.model.data(win.model.index(1, Column.DUE)) == "2024-10-31"

    # the dashed form, committed with Return
    field.line_edit.setFocus()
    _select_all_and_type(qtbot, field.line_edit, "2024-11-05")
    qtbot.keyClick(field.line_edit, Qt.Key.Key_Return)
    assert ws.row(row.id).due == date(2024, 11, 5)

    # not a date: refused with a message naming it, nothing saved, and Tab still leaves
    _select_all_and_type(qtbot, field.line_edit, "2024-13-45")
    assert _press(qtbot, Qt.Key.Key_Tab) is win.detail.note_edit
    assert ws.row(row.id).due == date(2024, 11, 5)
    assert field.problem_label.isVisibleTo(win) and "2024-13-45" in field.problem()
    assert "2024-13-45" in win.statusBar().currentMessage()

    # emptied: no due date any more
    field.line_edit.setFocus()
    _select_all_and_type(qtbot, field.line_edit, "")
    assert not field.problem_label.isVisibleTo(win)
    _press(qtbot, Qt.Key.Key_Tab)
    assert ws.row(row.id).due is None
    assert win.model.data(win.model.index(1, Column.DUE)) == ""
    changes = [e.after for e in reversed(ws.history(row.id)) if e.field == "due_date"]  # newest first
    assert changes == ["2024-10-31", "2024-11-05", None]


def test_clear_button_and_switching_rows(qtbot, win: MainWindow, ws: Workspace) -> None:
    _click_row(qtbot, win, 2)
    row = win.model.row_at(2)
    field = win.detail.due_edit
    field.line_edit.setFocus()
    qtbot.keyClicks(field.line_edit, "2025/3/1")
    # clicking another row commits what was typed (focus leaves the field)
    _click_row(qtbot, win, 3)
    assert ws.row(row.id).due == date(2025, 3, 1)
    assert field.text() == (win.model.row_at(3).due.isoformat() if win.model.row_at(3).due else "")
    _click_row(qtbot, win, 2)
    assert field.text() == "2025-03-01"
    qtbot.mouseClick(win.detail.due_clear, Qt.MouseButton.LeftButton)
    assert ws.row(row.id).due is None and field.text() == ""


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and popup windows
def test_calendar_opens_at_today_or_the_due_date(qtbot, win: MainWindow, ws: Workspace) -> None:
    _click_row(qtbot, win, 4)
    row = win.model.row_at(4)
    field = win.detail.due_edit
    field.line_edit.setFocus()
    qtbot.keyClick(field.line_edit, Qt.Key.Key_F4)
    popup = field.popup
    qtbot.waitUntil(popup.isVisible)
    today = date.today()
    selected = popup.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (today.year, today.month, today.day)
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (today.year, today.month)
    # pick tomorrow with the keyboard
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Right)
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert ws.row(row.id).due == today + timedelta(days=1)
    assert field.text() == (today + timedelta(days=1)).isoformat()

    # with a due date far from today, the calendar opens there (not January 2000)
    ws.update_record(row.id, due=date(2023, 6, 15))
    win.refresh_checklists()
    _click_row(qtbot, win, win.model.row_of(row.id))
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(popup.isVisible)
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2023, 6)
    assert popup.calendar.selectedDate().day() == 15
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Escape)  # closes, picks nothing
    assert not popup.isVisible()
    assert ws.row(row.id).due == date(2023, 6, 15)


# --- Tab order and Ctrl+F ---

@pytest.mark.parametrize("tab", [0, 1, 2])
def test_tab_goes_from_the_table_through_the_editors_and_back(qtbot, win: MainWindow, ws: Workspace,
                                                              tmp_path: Path, tab: int) -> None:
    first = win.model.row_at(0)
    ws.add_text_note(first.id, "已在村务公开栏张贴")  # the evidence tab has a list, a record, buttons
    ws.add_publication(first.id, what="低保名单", channel="政府网站", formed_on=date(2024, 5, 6),
                       published_on=date(2024, 5, 8))
    _click_row(qtbot, win, 0)
    win.detail.tabs.setCurrentIndex(tab)
    win.table.setFocus()
    detail = win.detail
    visited = [_press(qtbot, Qt.Key.Key_Tab) for _ in range(4)]
    assert visited == [detail.status_combo, detail.assignee_edit, detail.due_edit.line_edit, detail.note_edit]
    # Tab in 备注 moves on (no tab character), through the rest of the detail panel, then back to the table
    focus = detail.note_edit
    walk = []
    for _ in range(20):
        focus = _press(qtbot, Qt.Key.Key_Tab)
        if focus is win.table:
            break
        assert detail.isAncestorOf(focus), focus
        walk.append(focus)
    assert focus is win.table, [w.objectName() for w in walk]
    assert len(set(walk)) == len(walk), [w.objectName() for w in walk]  # no widget keeps the Tab key
    assert walk[0] is detail.tabs.tabBar()
    assert "\t" not in detail.note_edit.toPlainText()
    assert win.table.currentIndex().row() == 0  # Tab did not walk the table's cells
    # and Shift+Tab from 状态 goes back to the table
    assert _press(qtbot, Qt.Key.Key_Tab) is detail.status_combo
    assert _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is win.table


def test_ctrl_f_focuses_and_selects_the_search(qtbot, win: MainWindow) -> None:
    _click_row(qtbot, win, 0)
    for start in (win.table, win.tree, win.detail.note_edit, win.detail.status_combo):
        start.setFocus()
        win.search_edit.setText("救助")
        _press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is win.search_edit, start
        assert win.search_edit.selectedText() == "救助"


# --- Ctrl+V ---

def _copy_image(color: str) -> None:
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    QGuiApplication.clipboard().setImage(image)


def test_ctrl_v_pastes_a_screenshot_from_anywhere_in_the_window(qtbot, win: MainWindow, ws: Workspace) -> None:
    _click_row(qtbot, win, 0)
    row = win.model.row_at(0)
    places = [win.table, win.tree, win.detail.status_combo, win.detail.info_view]
    for n, (place, color) in enumerate(zip(places, ["#d93025", "#188038", "#1a73e8", "#f9ab00"]), start=1):
        _copy_image(color)
        place.setFocus()
        _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda n=n: len(ws.evidence_for(row.id)) == n, timeout=10_000)
        newest = ws.evidence_for(row.id)[-1]
        assert re.fullmatch(r"截图-\d{8}-\d{6}(-\d+)?\.png", newest.name), newest.name
        stored = QImage(str(newest.path))
        assert stored.pixelColor(5, 5) == QColor(color), place
        assert newest.name in win.statusBar().currentMessage() and row.title in win.statusBar().currentMessage()
    # inside the evidence tab itself (its own Ctrl+V shortcut is off in the window: no ambiguous shortcut)
    panel = win.detail.evidence_panel
    win.detail.tabs.setCurrentWidget(panel)
    _copy_image("#9334e6")
    panel.list.setFocus()
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(ws.evidence_for(row.id)) == 5, timeout=10_000)
    assert win.model.data(win.model.index(0, Column.EVIDENCE)) == 5
    assert panel.list.count() == 5

    # a plain text paste into a text editor stays a text paste
    QGuiApplication.clipboard().setText("李明")
    win.detail.assignee_edit.setFocus()
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert win.detail.assignee_edit.text() == "李明"
    win.detail.note_edit.setFocus()
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert win.detail.note_edit.toPlainText() == "李明"
    assert len(ws.evidence_for(row.id)) == 5


def test_ctrl_v_without_a_selected_item_says_so(qtbot, win: MainWindow, ws: Workspace) -> None:
    _copy_image("#d93025")
    assert win.detail.record_id() is None  # nothing selected yet
    win.tree.setFocus()
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "请先在表格中选择一个事项" in win.statusBar().currentMessage()
    assert all(r.evidence_count == 0 for r in ws.rows(win.current_checklist().id))


# --- files dropped on rows ---

def _drag_events(pos: QPoint, mime: QMimeData) -> tuple[QDragEnterEvent, QDragMoveEvent]:
    with warnings.catch_warnings():  # the QPoint constructors are the only ones PySide6 offers
        warnings.simplefilter("ignore", DeprecationWarning)
        args = (pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        return QDragEnterEvent(*args), QDragMoveEvent(*args)


def _pixel(win: MainWindow, row: int) -> QColor:
    view = win.table
    y = view.rowViewportPosition(row) + view.rowHeight(row) // 2
    return view.viewport().grab().toImage().pixelColor(view.viewport().width() // 2, y)


def test_files_dropped_on_a_row_highlight_it_and_are_confirmed(qtbot, win: MainWindow, ws: Workspace,
                                                               tmp_path: Path) -> None:
    photo = tmp_path / "公示栏照片.png"
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#188038"))
    assert image.save(str(photo), "PNG")
    notice = tmp_path / "公告.txt"
    notice.write_text("已张贴", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(notice))])
    view = win.table
    target = 2
    pos = view.visualRect(win.model.index(target, Column.TITLE)).center()
    before = _pixel(win, target)

    enter, move = _drag_events(pos, mime)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    assert view.drop_target_rows() == [target]
    during = _pixel(win, target)
    assert during != before and during.blue() > during.red()
    assert _pixel(win, target + 2) == _pixel(win, target + 2)  # other rows untouched (sanity)
    title = win.model.row_at(target).title
    assert "松开鼠标" in win.statusBar().currentMessage() and title in win.statusBar().currentMessage()

    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    assert drop.isAccepted()
    assert view.drop_target_rows() == []
    record_id = win.model.row_at(target).id
    assert ws.evidence_for(record_id) == []  # queued: not attached inside the drop handler
    qtbot.waitUntil(lambda: len(ws.evidence_for(record_id)) == 2, timeout=10_000)
    assert sorted(e.name for e in ws.evidence_for(record_id)) == sorted(["公示栏照片.png", "公告.txt"])
    message = win.statusBar().currentMessage()
    assert "公示栏照片.png" in message and "公告.txt" in message and title in message
    assert win.model.data(win.model.index(target, Column.EVIDENCE)) == 2
    assert _pixel(win, target) == before


def test_files_dropped_on_a_selected_row_go_to_the_whole_selection(qtbot, win: MainWindow, ws: Workspace,
                                                                   tmp_path: Path) -> None:
    doc = tmp_path / "通知.txt"
    doc.write_text("通知", encoding="utf-8")
    _click_row(qtbot, win, 0)
    index = win.model.index(1, Column.TITLE)
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     win.table.visualRect(index).center())
    ids = [win.model.row_at(0).id, win.model.row_at(1).id]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    pos = win.table.visualRect(index).center()
    enter, move = _drag_events(pos, mime)
    QApplication.sendEvent(win.table.viewport(), enter)
    QApplication.sendEvent(win.table.viewport(), move)
    assert win.table.drop_target_rows() == [0, 1]
    QApplication.sendEvent(win.table.viewport(), QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime,
                                                            Qt.MouseButton.LeftButton,
                                                            Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: all(len(ws.evidence_for(i)) == 1 for i in ids), timeout=10_000)
    assert "2 个事项" in win.statusBar().currentMessage()


# --- 公开记录 at 1366×768 ---

def test_publication_verdict_visible_at_1366x768(qtbot, win: MainWindow, ws: Workspace) -> None:
    rows = ws.rows(win.current_checklist().id)
    first = rows[0]
    ws.add_publication(first.id, what="2024年第一季度低保对象名单", channel="政府网站",
                       place="https://www.example.gov.cn/zwgk/2024/dbmd.html",
                       formed_on=date(2024, 3, 1), published_on=date(2024, 4, 30))
    ws.add_publication(first.id, what="临时救助对象名单", channel="公开查阅点", place="村务公开栏",
                       formed_on=date(2024, 5, 6), published_on=date(2024, 5, 8))
    win.refresh_checklists()
    _click_row(qtbot, win, win.model.row_of(first.id))
    detail = win.detail
    detail.tabs.setCurrentWidget(detail.evidence_panel)
    table = detail.evidence_panel.pub_table
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    assert win.width() <= 1366 and detail.width() < 450
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert right <= table.viewport().width()
    for r in range(2):
        item = table.item(r, 3)
        needed = table.fontMetrics().horizontalAdvance(item.text())
        assert header.sectionSize(3) >= needed, (item.text(), header.sectionSize(3), needed)
        assert item.text() in item.toolTip()
    assert table.item(0, 3).text().startswith("逾期") and table.item(1, 3).text() == "按时"
    # the long place is elided in its column, its full text in the tooltip
    assert table.item(0, 1).toolTip() == "政府网站 · https://www.example.gov.cn/zwgk/2024/dbmd.html"


def test_first_start_fits_a_small_screen(qtbot, ws: Workspace) -> None:
    """No saved geometry yet: the window is not taller than the screen (the status bar, where drops and
    pastes are confirmed, stays visible on a 1366×768 laptop)."""
    window = MainWindow(ws)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.height() < 860  # the offscreen test screen is smaller than the default size
    assert window.height() + 40 <= room.height() or window.height() == window.minimumHeight()
    assert window.width() <= max(room.width(), window.minimumWidth())
