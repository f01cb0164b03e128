"""The window on a task table with role words: 本单位 lists the township's items, the detail panel shows the
牵头 / 配合 units apart and how the 公开时限 was understood."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import grab_png, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import Qt
from test_cli_units_deadlines import ROWS, _task_table

from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.item_model import Column
from zwgk_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


def _click_index(qtbot, view, index) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_mine_and_roles_in_the_window(qtbot, ws: Workspace, tmp_path: Path) -> None:
    table = _task_table(tmp_path / "任务分解表.xlsx")
    import_flow.commit(ws, import_flow.prepare(ws, table, year=2025))
    ws.update_settings(office="万善乡人民政府")
    win = MainWindow(ws, persist=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.model.rowCount() == len(ROWS)

    # the unit filter offers names only: no role word is left in any choice
    combo = win.owner_filter
    choices = [combo.itemText(i) for i in range(combo.count())]
    assert "县政府办公室" in choices and "万善乡" in choices
    assert not any(word in c for c in choices for word in ("牵头", "配合", "负责", "等有关部门", "责任单位"))

    # 本单位 with the keyboard: the township's item in an 等 list and the one for every township
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 全部单位 -> 本单位（万善乡人民政府）
    assert "本单位" in combo.currentText()
    qtbot.waitUntil(lambda: win.model.rowCount() == 2, timeout=2000)
    titles = [win.model.row_at(i).title for i in range(win.model.rowCount())]
    assert titles == ["公开财政资金使用情况", "规范村务公开"]
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: win.model.rowCount() == len(ROWS), timeout=2000)

    # the first task: 牵头 and 配合 units apart, and how its 公开时限 was read
    _click_index(qtbot, win.table, win.model.index(0, Column.TITLE))
    text = win.detail.info_view.toPlainText()
    assert "牵头单位\n县政府办公室" in text or "牵头单位\t县政府办公室" in text or "牵头单位 县政府办公室" in text
    assert "配合单位" in text and "县司法局、县直有关部门" in text
    assert "长期、持续开展（没有截止日期）" in text
    grab_png(win, str(tmp_path / "roles.png"))

    # a text nobody could read says so in the panel too
    _click_index(qtbot, win.table, win.model.index(7, Column.TITLE))
    assert "没能识别" in win.detail.info_view.toPlainText()
    assert "牵头单位" not in win.detail.info_view.toPlainText()
