"""The yearly report's entry form: typed like a clerk, totals computed, checks at the cells, saved with history."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLineEdit
from test_annual_core import clean_report

from zwgk_desktop.core.annual import store
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.annual_dialog import ERROR_BRUSH, AnnualReportDialog


def _forget_edits(dialog) -> None:  # noqa: ANN001
    """Test teardown closes the dialog: what a test typed and left unsaved is not asked about."""
    dialog.dirty = False


@pytest.fixture
def ws(tmp_path: Path):  # noqa: ANN201
    w = Workspace.open(tmp_path / "ws")
    w.update_settings(office="万善乡人民政府", clerk="王小明")
    yield w
    w.close()


def type_into(qtbot, table, key: str, col: int, text: str) -> None:  # noqa: ANN001
    """Click the cell of row ``key``, column ``col``, type (the first key opens its editor), press Enter."""
    row, col = table.values[(key, col)]
    table.scrollToItem(table.item(row, col))
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, col)
    qtbot.keyClick(table, text[0])
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]  # not the closed one
    assert len(editors) == 1, "typing opens the cell's editor"
    qtbot.keyClicks(editors[0], text[1:])
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # committed (queued)


def test_enter_report_totals_checks_and_save(qtbot, ws: Workspace, tmp_path: Path) -> None:
    store.save(ws, clean_report(2023))  # last year: 2 carried forward, 6 规范性文件 in force
    dialog = AnnualReportDialog(ws, year=2024)
    qtbot.addWidget(dialog, before_close_func=_forget_edits)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.tabs.setCurrentWidget(dialog.t3)
    t3 = dialog.t3
    assert t3.value("carried_over", 0) == "2"  # carried over from last year
    assert "行政规范性文件 6" in dialog.base_label.text()
    assert dialog.due_label.text().startswith("截止日期：2025-")
    # the clerk types 3 new applications by 自然人, 4 granted, 1 carried forward
    type_into(qtbot, t3, "new_received", 0, "3")
    assert t3.value("new_received", 6) == "3"  # 总计 computed as typed
    type_into(qtbot, t3, "granted", 0, "4")
    assert t3.value("total_processed", 0) == "4"
    assert not t3.is_editable("total_processed", 0)
    messages = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert "[错误] 表三 自然人列：本年新收3+上年结转2=5，但办理结果总计4+结转下年度0=4" in messages
    marked = t3.cell_item("carried_forward", 0)
    assert marked.background() == ERROR_BRUSH and "本年新收3+上年结转2=5" in marked.toolTip()
    type_into(qtbot, t3, "carried_forward", 0, "1")
    messages = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert not [m for m in messages if m.startswith("[错误]")]
    assert t3.cell_item("carried_forward", 0).background() != ERROR_BRUSH
    dialog.tabs.setCurrentWidget(dialog.t4)
    type_into(qtbot, dialog.t4, "行政复议", 0, "2")
    assert dialog.t4.value("行政复议", 4) == "2"
    dialog.texts["六"].setFocus()
    dialog.texts["六"].insertPlainText("本年度未收取信息处理费。")  # Chinese arrives through the input method
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.get(ws, 2024)
    assert saved is not None and saved.version == 1
    assert saved.report.table3["new_received"] == [3, 0, 0, 0, 0, 0, 3]
    assert saved.report.table3["carried_over"] == [2, 0, 0, 0, 0, 0, 2]
    assert saved.report.table4["行政复议"] == [2, 0, 0, 0, 2]
    assert saved.report.sections["六"] == "本年度未收取信息处理费。"
    assert [h.action for h in ws.history() if h.entity == "annual_report"][0] == "create"
    assert dialog.findings_list.item(0).text().startswith("已保存（第1版）")
    dialog.grab().save(str(tmp_path / "annual.png"))


def test_menu_opens_the_form(qtbot, ws: Workspace) -> None:
    from zwgk_desktop.ui.main_window import MainWindow

    window = MainWindow(ws)
    qtbot.addWidget(window)
    seen = on_modal(AnnualReportDialog, lambda d: d.reject())
    window.act_annual.trigger()
    assert seen and seen[0].objectName() == "annualReportDialog"
