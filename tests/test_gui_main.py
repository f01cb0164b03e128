"""The main window driven like a user: welcome page, 载入示例, tree, table, detail panel, reopen."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFontDatabase, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from zwgk_desktop.core.services import examples
from zwgk_desktop.core.store.query import ItemFilter, filter_rows
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource
from zwgk_desktop.ui import app as gui_app
from zwgk_desktop.ui.fonts import bundled_family
from zwgk_desktop.ui.item_model import Column
from zwgk_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


def _test_only_example(folder: Path) -> Path:
    """A small example in the app's native format, used while the bundled one is not in resources/."""
    from zwgk_desktop.core.importing import write_native_xlsx

    owners = ["县级政府民政部门", "乡镇政府（街道办事处）"]
    items = []
    for i, (cat, sub, title) in enumerate([
        ("综合业务", "", "政策法规文件"), ("综合业务", "", "监督检查"),
        ("最低生活保障", "城市低保", "办事指南"), ("最低生活保障", "城市低保", "审核信息"),
        ("最低生活保障", "农村低保", "审批信息"), ("特困人员救助供养", "", "救助供养标准"),
        ("临时救助", "", "办事指南"), ("临时救助", "", "救助信息"),
    ], start=1):
        items.append(ParsedItem(
            title=title, path=[p for p in (cat, sub) if p], code=str(i),
            content=f"{title}的公开内容（示例）", basis="《中华人民共和国政府信息公开条例》",
            deadline="信息形成或者变更之日起20个工作日内", owners=owners, channels=["政府网站", "公开查阅点"],
            audience=["全社会"], mode=["主动"], level=["县级", "乡级"]))
    tpl = ParsedTemplate(name="示例-社会救助领域基层政务公开标准目录", items=items)
    out = folder / "示例-社会救助领域基层政务公开标准目录.xlsx"
    write_native_xlsx(tpl, out)
    return out


@pytest.fixture
def example_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled examples folder, or a test-only one when the lead has not added the example yet."""
    if examples.example_files():
        return resource("examples")
    folder = tmp_path_factory.mktemp("examples")
    _test_only_example(folder)
    real_files = examples.example_files
    monkeypatch.setattr(examples, "example_files", lambda f=None: real_files(f or folder))
    return folder


def _window(qtbot, ws: Workspace) -> MainWindow:
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_chinese(widget, text: str) -> None:
    """Type like a Chinese input method does: each character arrives as a committed string.

    (QTest.keyClicks only handles ASCII.)
    """
    widget.setFocus()
    for ch in text:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


def _click_index(qtbot, view, index) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_bundled_font_is_the_fallback(qapp: QApplication) -> None:
    family = bundled_family()
    assert family, "bundled CJK font not registered"
    assert family in QFontDatabase.families()
    assert qapp.font().families()[-1] == family


def test_user_flow_example_edit_reopen(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _window(qtbot, ws)
    assert win.stack.currentWidget() is win.welcome
    assert not win.toolbar.isVisible()

    qtbot.mouseClick(win.welcome.example_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.splitter
    assert win.toolbar.isVisible()
    info = win.current_checklist()
    assert info is not None and info.total > 0
    all_rows = ws.rows(info.id)
    assert win.model.rowCount() == len(all_rows)
    assert win.checklist_combo.currentText() == info.name

    # pick the first category in the tree
    tree_model = win.tree.model()
    root = tree_model.index(0, 0)
    assert root.data().startswith("全部事项 (0/")
    category_index = tree_model.index(0, 0, root)
    _click_index(qtbot, win.tree, category_index)
    category = win.tree.current_path()
    assert len(category) == 1
    expected = filter_rows(all_rows, ItemFilter(category=category))
    assert 0 < win.model.rowCount() == len(expected) < len(all_rows)
    assert all(tuple(r.path[:1]) == category for r in win.model.visible_rows())

    # select an item: the detail panel fills
    _click_index(qtbot, win.table, win.model.index(0, Column.TITLE))
    row = win.model.row_at(0)
    assert win.detail.record_id() == row.id
    assert win.detail.title_label.text() == row.title
    assert row.basis in win.detail.info_view.toPlainText()

    # change its status in the combo
    combo = win.detail.status_combo
    combo.setCurrentIndex(combo.findData(Status.DONE.value))
    assert ws.row(row.id).status is Status.DONE
    assert win.model.data(win.model.index(0, Column.STATUS)) == "已完成"
    assert win.tree.currentIndex().data().startswith(f"{category[0]} (1/")
    assert "已完成 1" in win.summary_label.text()

    # type a note: saved after the debounce
    note = "已在政府网站公开，见网页截图"
    qtbot.mouseClick(win.detail.note_edit.viewport(), Qt.MouseButton.LeftButton)
    type_chinese(win.detail.note_edit, note)
    qtbot.waitUntil(lambda: ws.row(row.id).note == note, timeout=3000)
    # an assignee, saved when editing finishes
    type_chinese(win.detail.assignee_edit, "李明")
    qtbot.keyClick(win.detail.assignee_edit, Qt.Key.Key_Return)
    assert ws.row(row.id).assignee == "李明"
    assert win.model.data(win.model.index(0, Column.ASSIGNEE)) == "李明"
    win.close()

    # reopen the workspace in a new window: same checklist, the change and its history are there
    ws.close()
    ws2 = Workspace.open(ws.data_dir)
    try:
        win2 = _window(qtbot, ws2)
        assert win2.current_checklist().id == info.id
        pos = win2.model.row_of(row.id)
        assert pos >= 0
        _click_index(qtbot, win2.table, win2.model.index(pos, Column.TITLE))
        assert win2.detail.record_id() == row.id
        assert win2.detail.status_combo.currentData() == Status.DONE.value
        assert win2.detail.note_edit.toPlainText() == note
        lines = win2.detail.history_texts()
        assert any("状态：待办 → 已完成" in line for line in lines), lines
        assert any(line.startswith("备注") or "备注：" in line for line in lines), lines
        fields = {(e.field, e.after) for e in ws2.history(row.id)}
        assert ("status", "done") in fields and ("note", note) in fields
        win2.close()
    finally:
        ws2.close()


def _loaded_window(qtbot, ws: Workspace, example_folder: Path) -> MainWindow:
    examples.load_example(ws, example_folder)
    return _window(qtbot, ws)


def test_search_one_and_two_characters(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    rows = ws.rows(win.current_checklist().id)
    title = rows[-1].title
    for query in (title[:1], title[:2]):
        win.search_edit.clear()
        type_chinese(win.search_edit, query)
        expected = len(filter_rows(rows, ItemFilter(text=query)))
        assert expected > 0
        qtbot.waitUntil(lambda n=expected: win.model.rowCount() == n, timeout=2000)
        assert f"当前筛选 {expected} 项" in win.summary_label.text()
    win.search_edit.clear()
    qtbot.waitUntil(lambda: win.model.rowCount() == len(rows), timeout=2000)


def test_status_and_owner_filters(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    rows = ws.rows(win.current_checklist().id)
    overdue = ws.update_record(rows[0].id, due=date.today() - timedelta(days=2))
    soon = ws.update_record(rows[1].id, due=date.today() + timedelta(days=3))
    ws.update_record(rows[2].id, status="rework")
    win.refresh_checklists()
    assert win.banner.isVisibleTo(win) and "1 项已逾期" in win.banner_label.text()

    win.status_filter.setCurrentIndex(win.status_filter.findText("需整改"))
    assert win.model.rowCount() == 1 and win.model.row_at(0).id == rows[2].id
    win.status_filter.setCurrentIndex(win.status_filter.findText("已逾期"))
    assert [r.id for r in win.model.visible_rows()] == [overdue.id]
    win.status_filter.setCurrentIndex(win.status_filter.findText("7天内到期"))
    assert [r.id for r in win.model.visible_rows()] == [soon.id]
    win.status_filter.setCurrentIndex(0)

    unit = win.owner_filter.itemText(1)
    win.owner_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: win.model.item_filter().owner == unit, timeout=2000)
    assert win.model.rowCount() == len(filter_rows(rows, ItemFilter(owner=unit)))
    win.owner_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: win.model.rowCount() == len(rows), timeout=2000)


def test_sort_by_header_keeps_selection(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    rows = ws.rows(win.current_checklist().id)
    last = rows[-1]
    ws.update_record(last.id, due=date.today() + timedelta(days=30))
    win.refresh_checklists()
    pos = win.model.row_of(last.id)
    _click_index(qtbot, win.table, win.model.index(pos, Column.TITLE))
    header = win.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.DUE) + header.sectionSize(Column.DUE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorSection() == Column.DUE
    dues = [r.due for r in win.model.visible_rows()]
    if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        assert dues[0] is not None
    # the selected item follows the sort
    assert win.table.currentIndex().row() == win.model.row_of(last.id)
    assert win.detail.record_id() == last.id


def test_files_dropped_on_a_row(qtbot, ws: Workspace, example_folder: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    win = _loaded_window(qtbot, ws, example_folder)
    calls: list[tuple[list[str], list[Path]]] = []

    def fake_attach(parent, ws_, record_ids, paths):
        calls.append((record_ids, paths))
        return True

    try:
        import zwgk_desktop.ui.evidence_panel as mod
    except ImportError:
        mod = types.ModuleType("zwgk_desktop.ui.evidence_panel")
        monkeypatch.setitem(sys.modules, "zwgk_desktop.ui.evidence_panel", mod)
    monkeypatch.setattr(mod, "attach_dropped_files", fake_attach, raising=False)

    doc = tmp_path / "截图.png"
    doc.write_bytes(b"png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    rect = win.table.visualRect(win.model.index(1, Column.TITLE))
    event = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.table.dropEvent(event)
    assert calls == []  # queued after the drop handler returned (the drag source waits for it)
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    assert calls == [([win.model.row_at(1).id], [doc])]


def test_settings_change_title(qtbot, ws: Workspace, example_folder: Path, monkeypatch) -> None:
    from zwgk_desktop.ui.settings_dialog import SettingsDialog

    win = _loaded_window(qtbot, ws, example_folder)
    assert win.windowTitle() == "zwgk-desktop 政务公开台账"
    dialog = SettingsDialog(ws, win)
    qtbot.addWidget(dialog)
    dialog.office_edit.setText("某某镇人民政府")
    dialog.clerk_edit.setText("王芳")
    dialog.accept()
    assert ws.settings()["office"] == "某某镇人民政府"
    assert ws.actor == "王芳"
    assert win.windowTitle() == "zwgk-desktop 政务公开台账"  # that dialog was not the window's
    on_modal(SettingsDialog, lambda d: d.accept())
    win.act_settings.trigger()
    assert win.windowTitle() == "zwgk-desktop 政务公开台账 — 某某镇人民政府"


def test_user_error_is_shown(qtbot, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = _window(qtbot, ws)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(examples, "example_files", lambda folder=None: [])
    qtbot.mouseClick(win.welcome.example_button, Qt.MouseButton.LeftButton)
    assert shown == ["没有找到示例文件，安装可能不完整。"]
    assert win.stack.currentWidget() is win.welcome


def test_screenshot(ws: Workspace, example_folder: Path, tmp_path: Path) -> None:
    examples.load_example(ws, example_folder)
    ws.update_settings(office="某某镇人民政府")
    data_dir = ws.data_dir
    ws.close()
    png = tmp_path / "shot.png"
    assert gui_app.main(["--data-dir", str(data_dir), "--screenshot", str(png)]) == 0
    image = QImage(str(png))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 860)
    # not a blank image: more than a handful of distinct colours
    colours = {image.pixel(x, y) for x in range(0, 1400, 37) for y in range(0, 860, 23)}
    assert len(colours) > 5


def test_screenshot_of_empty_workspace(tmp_path: Path) -> None:
    png = tmp_path / "empty.png"
    assert gui_app.main(["--data-dir", str(tmp_path / "new"), "--screenshot", str(png)]) == 0
    assert QImage(str(png)).width() == 1400


def test_note_saved_on_focus_out_and_on_close(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    win.activateWindow()
    _click_index(qtbot, win.table, win.model.index(0, Column.TITLE))
    first = win.model.row_at(0)
    type_chinese(win.detail.note_edit, "第一条备注")
    # moving to another record saves the pending note at once (no waiting for the debounce)
    _click_index(qtbot, win.table, win.model.index(1, Column.TITLE))
    assert ws.row(first.id).note == "第一条备注"
    second = win.model.row_at(1)
    assert win.model.row_at(0).note == "第一条备注"
    type_chinese(win.detail.note_edit, "关窗前的备注")
    win.close()
    assert ws.row(second.id).note == "关窗前的备注"


def test_due_date_edit_and_clear(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    _click_index(qtbot, win.table, win.model.index(0, Column.TITLE))
    row = win.model.row_at(0)
    assert win.detail.due_edit.text() == ""
    target = date.today() + timedelta(days=3)
    qtbot.keyClicks(win.detail.due_edit.line_edit, target.strftime("%Y%m%d"))
    qtbot.keyClick(win.detail.due_edit.line_edit, Qt.Key.Key_Return)
    assert ws.row(row.id).due == target
    assert win.model.data(win.model.index(0, Column.DUE)) == target.isoformat()
    assert "7 天内到期" not in win.banner_label.text() or win.banner.isVisibleTo(win)
    qtbot.mouseClick(win.detail.due_clear, Qt.MouseButton.LeftButton)
    assert ws.row(row.id).due is None
    assert win.detail.due_edit.text() == ""
    assert [e.field for e in ws.history(row.id)][:2] == ["due_date", "due_date"]


def test_switch_checklists_and_remember_last(qtbot, ws: Workspace, example_folder: Path,
                                             fixtures_dir: Path) -> None:
    from zwgk_desktop.core.services import import_flow

    first = examples.load_example(ws, example_folder)
    second, _ = import_flow.commit(ws, import_flow.prepare(ws, fixtures_dir / "guanxian-2021-tasks.xlsx"))
    win = _window(qtbot, ws)
    assert win.checklist_combo.count() == 2
    assert win.current_checklist().id == second.id  # the most recent one on first start
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(first.id))
    assert win.current_checklist().id == first.id
    assert win.model.rowCount() == first.total
    checked = [a.data() for a in win.checklist_group.actions() if a.isChecked()]
    assert checked == [first.id]
    win.close()
    win2 = _window(qtbot, ws)
    assert win2.current_checklist().id == first.id
    # switching from the 清单 menu
    next(a for a in win2.checklist_group.actions() if a.data() == second.id).trigger()
    assert win2.current_checklist().id == second.id
    assert win2.checklist_combo.currentData() == second.id
    win2.close()


def test_excepthook_shows_dialog_and_logs(qapp, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()) or 0)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        gui_app.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "RuntimeError: boom" in shown[0]
    assert "boom" in caplog.text


def test_many_void_qt_calls_keep_none_alive(qtbot) -> None:
    """PySide6 6.12 leaks a reference to None per void call on Python < 3.12 and aborts the process; the
    dependency pin keeps such versions out. This fails if an affected version gets installed again."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("事项")
    assert sys.getrefcount(None) >= before - 100

def test_file_menu_actions_wired(qtbot, ws: Workspace, example_folder: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from zwgk_desktop.core.importing import read_template
    from zwgk_desktop.ui import import_dialog, report_actions

    win = _loaded_window(qtbot, ws, example_folder)
    info = win.current_checklist()
    calls: list[tuple[str, str]] = []
    for name in ("export_pdf", "export_xlsx", "print_report"):
        monkeypatch.setattr(report_actions, name,
                            lambda parent, ws_, cid, n=name, **kw: calls.append((n, cid)))
    win.act_export_pdf.trigger()
    win.act_export_xlsx.trigger()
    win.act_print.trigger()
    assert calls == [("export_pdf", info.id), ("export_xlsx", info.id), ("print_report", info.id)]

    out = tmp_path / "导出模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    win.act_export_template.trigger()
    exported = out.with_suffix(".xlsx")
    assert len(read_template(exported).items) == info.total

    monkeypatch.setattr(import_dialog, "run_import", lambda parent, ws_, path=None: info.id)
    win.act_import.trigger()
    assert win.current_checklist().id == info.id
    menu_titles = [a.text() for a in win.menuBar().actions()]
    assert menu_titles == ["文件(&F)", "清单(&L)", "帮助(&H)"]


def test_one_window_per_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    import subprocess
    import sys

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = gui_app.instance_lock(tmp_path / "ws")
    assert first is not None
    assert gui_app.instance_lock(tmp_path / "ws") is None  # a second window on the same workspace
    assert gui_app.instance_lock(tmp_path / "other") is not None
    # another process sees the lock too
    code = ("import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
            "app = QCoreApplication([]); from zwgk_desktop.ui.app import instance_lock;"
            "sys.exit(0 if instance_lock(Path(sys.argv[1])) is None else 3)")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path / "ws")], env=env).returncode == 0
    first.unlock()
    assert gui_app.instance_lock(tmp_path / "ws") is not None


@pytest.mark.parametrize("choice", ["保留我的修改", "采用当前内容"])
def test_conflicting_edit_is_caught_and_the_clerk_decides(qtbot, ws: Workspace, example_folder: Path,
                                                          choice: str) -> None:
    """The CLI (or another clerk) changed the item after the window showed it: the window's edit is not
    silently written over the other one; the clerk keeps one of them, and the table shows the result."""
    from PySide6.QtWidgets import QMessageBox

    win = _loaded_window(qtbot, ws, example_folder)
    _click_index(qtbot, win.table, win.model.index(0, Column.TITLE))
    shown = win.model.row_at(0)
    ws.update_record(shown.id, note="命令行写的备注")  # behind the window's back
    messages: list[str] = []

    def decide(box: QMessageBox) -> None:
        messages.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    on_modal(QMessageBox, decide)
    win.detail.status_combo.setCurrentIndex(win.detail.status_combo.findData("done"))
    assert messages and "已被修改" in messages[0]
    now = ws.row(shown.id)
    assert now.note == "命令行写的备注"  # the other edit is never lost
    if choice == "保留我的修改":
        assert now.status is Status.DONE
    else:
        assert now.status is Status.TODO
        assert win.detail.status_combo.currentData() == "todo"
    assert win.model.row_at(0).note == "命令行写的备注" and win.model.row_at(0).status is now.status
    win.close()


def test_open_reminder_follows_edits_and_stays_dismissed(qtbot, ws: Workspace, example_folder: Path) -> None:
    win = _loaded_window(qtbot, ws, example_folder)
    rows = ws.rows(win.current_checklist().id)
    ws.update_record(rows[0].id, due=date.today() - timedelta(days=2))
    win.refresh_checklists()
    assert win.banner.isVisibleTo(win) and "1 项已逾期" in win.banner_label.text()
    # a second overdue date entered in the window: the reminder says 2 at once
    changed = ws.update_record(rows[1].id, due=date.today() - timedelta(days=1))
    win.on_row_changed(changed)
    assert "2 项已逾期" in win.banner_label.text()
    # both done: nothing is overdue any more, the reminder goes
    for row in rows[:2]:
        win.on_row_changed(ws.update_record(row.id, status="done"))
    assert not win.banner.isVisibleTo(win)
    # dismissed by the clerk: a new overdue item does not bring it back before the next start
    win.on_row_changed(ws.update_record(rows[0].id, status="todo"))
    assert win.banner.isVisibleTo(win)
    from PySide6.QtWidgets import QToolButton

    close = next(b for b in win.banner.findChildren(QToolButton) if b.text() == "✕")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    win.on_row_changed(ws.update_record(rows[3].id, due=date.today() - timedelta(days=5)))
    assert not win.banner.isVisibleTo(win)
