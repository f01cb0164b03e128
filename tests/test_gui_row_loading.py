"""Large checklists are read off the GUI thread: 正在载入… meanwhile, the event loop keeps turning, a stale
result for a checklist the user already left is dropped, and once loaded the table scrolls and selects."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.item_model import Column
from zwgk_desktop.ui.main_window import FIRST_PAGE_ROWS, MainWindow

BIG = 3000  # big enough that reading takes many event-loop turns, small enough for a quick test


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: QApplication):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


def _items(prefix: str, n: int) -> list[ParsedItem]:
    return [ParsedItem(title=f"{prefix}事项{i}", path=[f"{prefix}分类{i % 5}"], content=f"{prefix}内容{i}",
                       deadline="信息形成或者变更之日起20个工作日内", owners=["县民政局"], channels=["政府网站"])
            for i in range(n)]


@pytest.fixture(scope="module")
def two_checklists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("loading") / "ws"
    ws = Workspace.open(folder)
    ws.import_new(ParsedTemplate(name="大目录", items=_items("大", BIG)), year=2025)
    ws.import_new(ParsedTemplate(name="小目录", items=_items("小", 12)), year=2025)
    ws.close()
    return folder


@pytest.fixture
def ws(two_checklists: Path):
    workspace = Workspace.open(two_checklists)
    yield workspace
    workspace.close()


def _ids(ws: Workspace) -> dict[str, str]:
    return {info.name: info.id for info in ws.checklists()}


def _window(qtbot, ws: Workspace, first: str) -> MainWindow:
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "zwgk", "zwgk-desktop")
    settings.setValue("checklist/last", first)
    win = MainWindow(ws, settings=settings)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_big_checklist_loads_in_the_background_while_the_event_loop_turns(qtbot, ws: Workspace,
                                                                            monkeypatch) -> None:
    monkeypatch.setattr(MainWindow, "background_load_items", 1000)
    ids = _ids(ws)
    win = _window(qtbot, ws, ids["小目录"])
    assert not win.is_loading() and win.model.rowCount() == 12

    ticks = [0]
    timer = QTimer(win)
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    # the user picks the big checklist in the toolbar
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(ids["大目录"]))
    assert win.is_loading()
    assert win.loading_label.isVisible() and "正在载入" in win.loading_label.text()
    # only the first page is read on the GUI thread (one short query), painted at once
    assert win.model.rowCount() == FIRST_PAGE_ROWS
    assert [win.model.row_at(r).title for r in (0, FIRST_PAGE_ROWS - 1)] == ["大事项0", f"大事项{FIRST_PAGE_ROWS - 1}"]
    assert not win.act_export_pdf.isEnabled()  # reports wait for the rows
    qtbot.waitUntil(lambda: not win.is_loading(), timeout=60_000)
    timer.stop()
    assert ticks[0] > 0  # the event loop turned while the rows were read
    assert win.model.rowCount() == BIG
    assert not win.loading_label.isVisible() and win.act_export_pdf.isEnabled()
    tree = win.tree.model()
    assert "大分类0" in tree.index(0, 0, tree.index(0, 0)).data()

    # once loaded, the user scrolls to the end and clicks the last row
    first = win.table.visualRect(win.model.index(0, Column.TITLE))
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    assert win.detail.current_row().title == "大事项0"
    qtbot.keyClick(win.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    bar = win.table.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    last = win.model.rowCount() - 1
    rect = win.table.visualRect(win.model.index(last, Column.TITLE))
    assert rect.isValid() and win.table.viewport().rect().intersects(rect)
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.detail.record_id() == win.model.row_at(last).id
    assert win.detail.current_row().title == f"大事项{BIG - 1}"


def test_a_stale_result_for_a_checklist_left_is_dropped(qtbot, ws: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(MainWindow, "background_load_items", 1000)
    ids = _ids(ws)
    win = _window(qtbot, ws, ids["小目录"])
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(ids["大目录"]))
    assert win.is_loading()
    # before the big one arrives the user goes back to the small checklist
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(ids["小目录"]))
    assert not win.is_loading() and not win.loading_label.isVisible()
    assert win.model.rowCount() == 12
    win.loader.wait()  # the big read finishes in its thread …
    qtbot.wait(50)  # … and its queued result reaches the event loop, which drops it
    assert win.current_checklist().name == "小目录"
    assert win.model.rowCount() == 12
    assert {win.model.row_at(r).title[0] for r in range(12)} == {"小"}


def test_reports_reuse_the_rows_the_window_holds(qtbot, ws: Workspace, monkeypatch) -> None:
    """Exporting reads no rows again: the report is built from the window's loaded rows."""
    from zwgk_desktop.core.services import report_input as report_service

    ids = _ids(ws)
    win = _window(qtbot, ws, ids["小目录"])
    reads: list[str] = []
    real_rows = Workspace.rows
    monkeypatch.setattr(Workspace, "rows", lambda self, cid, **kw: reads.append(cid) or real_rows(self, cid, **kw))
    rows = win.loaded_rows(ids["小目录"])
    assert rows is win.model.all_rows()
    assert win.loaded_rows(ids["大目录"]) is None  # not the one shown
    data = report_service.build_report_data(ws, ids["小目录"], rows=rows, office="万善乡人民政府")
    assert [i.row.title for i in data.items] == [r.title for r in rows]
    assert reads == []


def test_the_excel_ledger_command_reads_no_rows_again(qtbot, ws: Workspace, monkeypatch, tmp_path: Path) -> None:
    """文件 → 导出 → 导出Excel台账 as a clerk runs it: the ledger holds every row of the checklist shown, and
    neither the window nor the worker read the rows from the database again."""
    import openpyxl

    from zwgk_desktop.ui.report_actions import ReportOptionsDialog

    ids = _ids(ws)
    win = _window(qtbot, ws, ids["小目录"])
    ws.update_settings(office="万善乡人民政府")
    reads: list[str] = []
    real_rows = Workspace.rows
    monkeypatch.setattr(Workspace, "rows", lambda self, cid, **kw: reads.append(cid) or real_rows(self, cid, **kw))
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    on_modal(ReportOptionsDialog, lambda d: d.accept())
    on_modal(QMessageBox, lambda box: box.reject(), name="reportDoneBox")
    win.act_export_xlsx.trigger()
    assert target.is_file() and reads == []
    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    cells = {c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    shown = [r.title for r in win.model.all_rows()]
    assert len(shown) == 12 and set(shown) <= cells


def test_an_edit_on_the_first_page_survives_the_rows_read_meanwhile(qtbot, ws: Workspace, monkeypatch) -> None:
    """The clerk changes a status on the first page while the checklist is still being read: the rows
    that arrive afterwards (read before the edit) do not undo it in the table, the tree or the figures."""
    import threading

    from zwgk_desktop.core.types import Status

    monkeypatch.setattr(MainWindow, "background_load_items", 1000)
    ids = _ids(ws)
    win = _window(qtbot, ws, ids["小目录"])
    gate = threading.Event()
    read = ws.rows

    def gated(checklist_id: str, **kwargs):  # the background read finds the rows, then waits for the edit
        rows = read(checklist_id, **kwargs)
        if "cancelled" in kwargs:
            gate.wait(30)
        return rows

    monkeypatch.setattr(ws, "rows", gated)
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(ids["大目录"]))
    assert win.is_loading() and win.model.rowCount() == FIRST_PAGE_ROWS
    rect = win.table.visualRect(win.model.index(0, Column.TITLE))
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.detail.current_row().title == "大事项0"
    win.detail.status_combo.setCurrentIndex(win.detail.status_combo.findData(Status.DONE.value))
    qtbot.waitUntil(lambda: win.model.row_at(0).status is Status.DONE)
    assert ws.row(win.model.row_at(0).id).status is Status.DONE  # saved at once
    gate.set()
    qtbot.waitUntil(lambda: not win.is_loading(), timeout=60_000)
    assert win.model.rowCount() == BIG
    assert win.model.row_at(0).status is Status.DONE
    assert win.detail.current_row().status is Status.DONE
    tree = win.tree.model()
    assert tree.index(0, 0).data().endswith(f"(1/{BIG})")  # 全部事项 (closed/total)


@pytest.mark.parametrize("at", ["first-paint", "loaded"])
def test_screenshot_of_a_large_checklist(two_checklists: Path, tmp_path: Path, monkeypatch, at: str) -> None:
    """`--screenshot-at first-paint` renders the first page (what the start-up benchmark waits for);
    the default waits until every row is loaded."""
    from PySide6.QtGui import QImage

    from zwgk_desktop.ui import app as gui_app

    monkeypatch.setattr(MainWindow, "background_load_items", 1000)
    with Workspace.open(two_checklists) as ws:
        big = _ids(ws)["大目录"]
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "zwgk", "zwgk-desktop").setValue("checklist/last", big)
    opened: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "_start_loading", lambda self, info, real=MainWindow._start_loading: (
        opened.append(self), real(self, info)))
    png = tmp_path / "shot.png"
    assert gui_app.main(["--data-dir", str(two_checklists), "--screenshot", str(png), "--screenshot-at", at]) == 0
    assert not QImage(str(png)).isNull()
    assert opened  # the large checklist took the first-page path
