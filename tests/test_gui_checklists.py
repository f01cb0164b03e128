"""清单 → 重命名清单… / 移除清单… and the removed checklists in the 回收站, driven like a clerk would; the
单位名称 asked for before the first report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton

from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import report_actions
from zwgk_desktop.ui.archive_dialog import ArchiveDialog
from zwgk_desktop.ui.main_window import MainWindow
from zwgk_desktop.ui.report_actions import ReportOptionsDialog
from zwgk_desktop.ui.settings_dialog import OfficeDialog


def _template(name: str, n: int) -> ParsedTemplate:
    return ParsedTemplate(name=name, items=[ParsedItem(title=f"{name}事项{i}", path=["最低生活保障"])
                                            for i in range(n)])


@pytest.fixture
def ws(tmp_path: Path):
    """Two checklists; 2024年社会救助 (4 items) has 1 done, a photo on two items and a publication."""
    workspace = Workspace.open(tmp_path / "ws")
    workspace.import_new(_template("工作要点", 3), name="2024年工作要点")
    info = workspace.import_new(_template("社会救助", 4), name="2024年社会救助", year=2024)
    ids = [r.id for r in workspace.rows(info.id)]
    workspace.update_record(ids[0], status="done")
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg")
    workspace.attach_files(ids[:2], [photo])
    workspace.add_publication(ids[0], formed_on=date(2024, 9, 27), published_on=date(2024, 10, 9))
    yield workspace
    workspace.close()


@pytest.fixture
def win(qtbot, ws: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(ws, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _combo_names(win: MainWindow) -> list[str]:
    return [win.checklist_combo.itemText(i) for i in range(win.checklist_combo.count())]


def _menu_texts(win: MainWindow) -> list[str]:
    return [a.text() for a in win.checklist_menu.actions() if a.text()]


def _press(text: str):
    def press(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == text).click()

    return press


def test_rename_from_the_menu_asks_again_on_a_taken_name(qtbot, win: MainWindow, ws: Workspace) -> None:
    assert win.current_checklist().name == "2024年社会救助"
    assert _menu_texts(win)[:3] == ["重命名清单…", "移除清单…", "回收站（已移除的清单、事项和佐证材料）…"]
    win.table.selectRow(1)
    selected = win.detail.record_id()
    warnings: list[str] = []
    prompts: list[str] = []

    def second_try(dialog: QInputDialog) -> None:
        prompts.append(dialog.textValue())
        dialog.setTextValue("  2025年社会救助 ")
        dialog.accept()

    def refused(box: QMessageBox) -> None:
        warnings.append(box.text())
        on_modal(QInputDialog, second_try)
        box.accept()

    def first_try(dialog: QInputDialog) -> None:
        prompts.append(dialog.textValue())
        dialog.setTextValue("2024年工作要点")  # taken by the other checklist
        on_modal(QMessageBox, refused)
        dialog.accept()

    on_modal(QInputDialog, first_try)
    win.act_rename_checklist.trigger()
    assert prompts == ["2024年社会救助", "2024年工作要点"]
    assert warnings == ["已存在名为“2024年工作要点”的清单，请换一个名称。"]
    assert win.current_checklist().name == "2025年社会救助"
    assert _combo_names(win) == ["2024年工作要点", "2025年社会救助"]
    assert "2025年社会救助" in _menu_texts(win)
    assert win.detail.record_id() == selected  # the clerk stays on the item they were on
    assert [c.name for c in ws.checklists()] == ["2024年工作要点", "2025年社会救助"]


def test_rename_cancelled_changes_nothing(qtbot, win: MainWindow, ws: Workspace) -> None:
    on_modal(QInputDialog, lambda d: (d.setTextValue("别的名字"), d.reject()))
    win.act_rename_checklist.trigger()
    assert [c.name for c in ws.checklists()] == ["2024年工作要点", "2024年社会救助"]


def test_remove_states_the_work_then_restore_from_the_archive(qtbot, win: MainWindow, ws: Workspace) -> None:
    texts: list[tuple[str, str]] = []

    def cancel(box: QMessageBox) -> None:
        texts.append((box.text(), box.informativeText()))
        _press("取消")(box)

    on_modal(QMessageBox, cancel, name="removeChecklistConfirm")
    win.act_remove_checklist.trigger()
    assert texts[0][0] == "把清单“2024年社会救助”移入回收站？"
    assert texts[0][1].startswith("其中有 4 个事项（已完成 1 个）、1 份佐证材料、1 条公开记录。")
    assert "回收站" in texts[0][1] and "可以随时恢复" in texts[0][1]
    assert len(ws.checklists()) == 2 and win.current_checklist().name == "2024年社会救助"

    on_modal(QMessageBox, _press("移入回收站"), name="removeChecklistConfirm")
    win.act_remove_checklist.trigger()
    assert [c.name for c in ws.checklists()] == ["2024年工作要点"]
    assert win.current_checklist().name == "2024年工作要点"  # the window moved to the other checklist
    assert _combo_names(win) == ["2024年工作要点"] and win.model.rowCount() == 3
    assert "2024年社会救助" not in _menu_texts(win)
    assert "移入回收站" in win.statusBar().currentMessage()

    seen: dict[str, object] = {}

    def restore(dialog: ArchiveDialog) -> None:
        seen["tab"] = dialog.tabs.tabText(2)
        table = dialog.checklists_table
        seen["row"] = [table.item(0, c).text() for c in range(5)]
        dialog.tabs.setCurrentWidget(table)
        seen["purge visible"] = dialog.purge_button.isVisible()
        table.selectRow(0)
        qtbot.mouseClick(dialog.findChild(QPushButton, "restoreButton"), Qt.MouseButton.LeftButton)
        seen["after"] = table.rowCount()
        dialog.reject()

    on_modal(ArchiveDialog, restore)
    win.act_archive.trigger()
    assert seen["tab"] == "已移除的清单（1）" and seen["row"] == ["2024年社会救助", "4", "1", "1", "1"]
    assert seen["purge visible"] is True and seen["after"] == 0
    assert win.current_checklist().name == "2024年社会救助"  # the restored checklist is shown
    rows = win.model.all_rows()
    assert len(rows) == 4 and rows[0].status is Status.DONE and rows[0].evidence_count == 1


def test_removing_the_last_checklist_shows_the_welcome_page_with_the_archive(
        qtbot, win: MainWindow, ws: Workspace) -> None:
    photo = ws.evidence_for(ws.rows(ws.checklist("2024年社会救助").id)[0].id)[0].path
    for _ in range(2):
        on_modal(QMessageBox, _press("移入回收站"), name="removeChecklistConfirm")
        win.act_remove_checklist.trigger()
    assert ws.checklists() == [] and win.current_checklist() is None
    assert win.stack.currentWidget() is win.welcome
    link = win.welcome.archive_link
    assert link.isVisible() and link.text() == "回收站中有 2 个已移除的清单，查看或恢复…"
    assert win.checklist_menu.isEnabled() and win.act_archive.isEnabled()
    assert not win.act_remove_checklist.isEnabled() and not win.act_rename_checklist.isEnabled()

    confirmations: list[str] = []

    def purge(dialog: ArchiveDialog) -> None:
        assert dialog.tabs.currentWidget() is dialog.checklists_table
        assert not dialog.tabs.isTabEnabled(0)  # no checklist in use: only removed checklists to show
        table = dialog.checklists_table
        row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "2024年社会救助")
        table.selectRow(row)

        def keep(box: QMessageBox) -> None:
            confirmations.append(box.text() + box.informativeText())
            _press("取消")(box)

        on_modal(QMessageBox, keep, name="purgeConfirm")
        dialog.purge_button.click()
        assert table.rowCount() == 2
        table.selectRow(row)
        on_modal(QMessageBox, _press("彻底删除"), name="purgeConfirm")
        dialog.purge_button.click()
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["2024年工作要点"]
        dialog.reject()

    on_modal(ArchiveDialog, purge)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert confirmations[0].startswith("彻底删除清单“2024年社会救助”？")
    assert "4 个事项（已完成 1 个）、1 份佐证材料和 1 条公开记录将被永久删除，无法恢复" in confirmations[0]
    assert [c.name for c in ws.archived_checklists()] == ["2024年工作要点"]
    assert not photo.exists()
    assert link.text() == "回收站中有 1 个已移除的清单，查看或恢复…"

    def restore(dialog: ArchiveDialog) -> None:
        dialog.checklists_table.selectRow(0)
        dialog.restore_button.click()
        dialog.reject()

    on_modal(ArchiveDialog, restore)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.splitter and win.current_checklist().name == "2024年工作要点"


def test_report_asks_for_the_office_name_first(qtbot, win: MainWindow, ws: Workspace, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert ws.settings()["office"] == ""
    target = tmp_path / "自查报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), a[-1]))
    options: list[object] = []
    on_modal(ReportOptionsDialog, lambda d: options.append(d))  # must not appear when cancelled
    asked = on_modal(OfficeDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())
    win.act_export_pdf.trigger()
    assert asked and not options and not target.exists() and ws.settings()["office"] == ""

    def fill(dialog: OfficeDialog) -> None:
        dialog.findChild(QPushButton, "okButton").click()  # empty: refused in place
        assert dialog.isVisible() and dialog.problem.text() == "请填写单位名称。"
        dialog.office_edit.insert("万善乡人民政府")  # (QTest cannot type Chinese)
        dialog.findChild(QPushButton, "okButton").click()

    asked = on_modal(OfficeDialog, fill)
    on_modal(ReportOptionsDialog, lambda d: d.findChild(QPushButton, "okButton").click())
    on_modal(QMessageBox, _press("关闭"), name="reportDoneBox")
    win.act_export_pdf.trigger()
    assert asked and target.is_file()
    assert ws.settings()["office"] == "万善乡人民政府"
    assert win.windowTitle().endswith("万善乡人民政府")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(target)).pages)
    assert "万善乡人民政府" in text and "未设置单位名称" not in text

    # set now: the next export goes straight to the options
    asked_again = on_modal(OfficeDialog, lambda d: d.reject())
    on_modal(ReportOptionsDialog, lambda d: d.findChild(QPushButton, "cancelButton").click())
    assert report_actions.export_xlsx(win, ws, ws.checklist().id) is None
    assert not asked_again
