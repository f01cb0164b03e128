"""Filters that explain themselves: 本单位 right after 单位名称 is saved; a filter that leaves the table empty
after switching or importing a checklist is kept and said so, with 清除筛选."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from zwgk_desktop.core.services import examples, import_flow
from zwgk_desktop.core.store.query import ItemFilter, filter_rows
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource
from zwgk_desktop.ui.main_window import MainWindow
from zwgk_desktop.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


def _window(qtbot, ws: Workspace) -> MainWindow:
    win = MainWindow(ws, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _save_settings(qtbot, win: MainWindow, office: str) -> None:
    """设置… → 单位名称 → 确定, like a user (the name arrives as a Chinese input method commits it)."""

    def fill(dialog: SettingsDialog) -> None:
        dialog.office_edit.setFocus()
        dialog.office_edit.selectAll()
        dialog.office_edit.insert(office)
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    seen = on_modal(SettingsDialog, fill)
    win.act_settings.trigger()
    assert seen


def test_mine_appears_as_soon_as_the_office_is_saved(qtbot, ws: Workspace) -> None:
    examples.load_example(ws, resource("examples"))
    win = _window(qtbot, ws)
    combo = win.owner_filter
    assert not any(combo.itemText(i).startswith("本单位") for i in range(combo.count()))

    _save_settings(qtbot, win, "万善乡人民政府")
    assert combo.itemText(1) == "本单位（万善乡人民政府）"  # no restart
    assert win.windowTitle().endswith("万善乡人民政府")
    combo.setCurrentIndex(1)
    rows = ws.rows(win.current_checklist().id)
    qtbot.waitUntil(lambda: win.model.item_filter().owner == "万善乡人民政府", timeout=2000)
    mine = filter_rows(rows, ItemFilter(owner="万善乡人民政府"))
    assert win.model.rowCount() == len(mine) > 0  # the township's items (here: all name 乡镇政府)

    # renamed to a unit this checklist does not name: 本单位 stays chosen, with the new name, and the empty
    # table says why
    _save_settings(qtbot, win, "县财政局")
    assert combo.currentIndex() == 1 and combo.currentText() == "本单位（县财政局）"
    assert win.model.item_filter().owner == "县财政局"
    assert win.model.rowCount() == len(filter_rows(rows, ItemFilter(owner="县财政局"))) == 0
    assert win.filter_empty.isVisibleTo(win) and "单位：本单位（县财政局）" in win.filter_empty.detail.text()


def test_filter_that_empties_the_table_after_switching_is_explained_and_cleared(qtbot, ws: Workspace,
                                                                                 fixtures_dir: Path) -> None:
    example = examples.load_example(ws, resource("examples"))
    tasks, _ = import_flow.commit(ws, import_flow.prepare(ws, fixtures_dir / "guanxian-2021-tasks.xlsx"))
    win = _window(qtbot, ws)
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(example.id))
    example_rows = ws.rows(example.id)
    assert not win.filter_empty.isVisibleTo(win)

    # a search that matches in the example only, then switch to the other checklist
    word = "低保"
    assert filter_rows(example_rows, ItemFilter(text=word))
    assert not filter_rows(ws.rows(tasks.id), ItemFilter(text=word))
    win.search_edit.setFocus()
    win.search_edit.setText(word)
    qtbot.waitUntil(lambda: win.model.item_filter().text == word, timeout=2000)
    assert win.model.rowCount() > 0 and not win.filter_empty.isVisibleTo(win)
    win.checklist_combo.setCurrentIndex(win.checklist_combo.findData(tasks.id))
    assert win.current_checklist().id == tasks.id
    assert win.model.rowCount() == 0
    assert win.filter_empty.isVisibleTo(win)
    assert win.filter_empty.label.text() == "当前筛选条件下没有事项"
    assert "搜索“低保”" in win.filter_empty.detail.text()
    assert win.search_edit.text() == word  # kept, not silently reset

    qtbot.mouseClick(win.filter_empty.clear_button, Qt.MouseButton.LeftButton)
    assert win.search_edit.text() == ""
    assert win.model.rowCount() == tasks.total
    assert not win.filter_empty.isVisibleTo(win)
    assert f"当前筛选 {tasks.total} 项" in win.summary_label.text()


def test_unit_status_and_category_filters_kept_and_cleared_together(qtbot, ws: Workspace,
                                                                    fixtures_dir: Path) -> None:
    example = examples.load_example(ws, resource("examples"))
    win = _window(qtbot, ws)
    rows = ws.rows(example.id)
    # a unit typed into the unit filter, a status and a category
    unit = win.owner_filter.itemText(1)
    win.owner_filter.setCurrentIndex(1)
    win.status_filter.setCurrentIndex(win.status_filter.findText("需整改"))
    assert win.model.rowCount() == 0  # nothing needs rework yet
    assert win.filter_empty.isVisibleTo(win)
    detail = win.filter_empty.detail.text()
    assert "状态：需整改" in detail and f"单位：{unit}" in detail

    # import another checklist: the window switches to it and keeps the filters, explained
    info, _ = import_flow.commit(ws, import_flow.prepare(ws, fixtures_dir / "guanxian-2021-tasks.xlsx"))
    win.refresh_checklists(info.id)
    assert win.current_checklist().id == info.id
    assert win.owner_filter.currentText() == unit and win.status_filter.currentText() == "需整改"
    assert win.model.rowCount() == 0 and win.filter_empty.isVisibleTo(win)

    qtbot.mouseClick(win.filter_empty.clear_button, Qt.MouseButton.LeftButton)
    assert win.status_filter.currentIndex() == 0 and win.owner_filter.currentIndex() == 0
    assert win.tree.current_path() == ()
    assert win.model.rowCount() == info.total and not win.filter_empty.isVisibleTo(win)
    assert len(rows) == example.total
