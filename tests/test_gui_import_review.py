"""The import preview and the update review, driven like a clerk: untick items, answer similar pairs,
confirm archiving items that hold work, read the 修改 list and the skipped rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QTableView

from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.import_dialog import ImportPreviewDialog, run_import

CATALOGUE = "shehui-jiuzhu-catalogue.xlsx"


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace:
        yield workspace


def _click(dialog: ImportPreviewDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_box(view: QTableView, row: int) -> None:
    """Click the checkbox in column 0 of ``row``, as a user would."""
    view.scrollTo(view.model().index(row, 0))
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.x() + 12, rect.center().y()))


def _texts(view: QTableView, row: int) -> list[str]:
    model = view.model()
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _row_of(view: QTableView, column: int, text: str) -> int:
    model = view.model()
    return next(r for r in range(model.rowCount()) if model.data(model.index(r, column)) == text)


def _adopt(ws: Workspace, path: Path) -> str:
    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    checklist_id = run_import(None, ws, path)
    assert checklist_id is not None
    return checklist_id


def test_unticked_item_is_not_imported(qtbot, ws, fixtures_dir):
    seen: dict[str, object] = {}

    def untick_and_import(dialog: ImportPreviewDialog) -> None:
        view = dialog.items_view
        seen["header"] = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
        row = _row_of(view, 2, "审核信息")  # the first of two 审核信息 (最低生活保障)
        seen["row"] = _texts(view, row)
        _click_box(view, row)
        seen["tab"] = dialog.tabs.tabText(0)
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, untick_and_import)
    checklist_id = run_import(None, ws, fixtures_dir / CATALOGUE)
    assert seen["header"] == ["导入", "分类", "事项", "公开时限", "识别为", "责任单位", "公开渠道", "提示"]
    number, path, title, deadline, meaning, owners, channels, warning = seen["row"]
    assert (number, path, title) == ("5", "最低生活保障", "审核信息")
    assert deadline == "制定或获取信息之日起10个工作日内，公示7个工作日"
    assert meaning == "信息形成（变更）之日起10个工作日内公开，公示7个工作日"
    assert owners == "县级政府民政部门、乡镇政府（街道办事处）" and warning == ""
    assert seen["tab"] == "事项 (11/12 已勾选)"
    rows = ws.rows(checklist_id)
    assert len(rows) == 12 - 1
    assert [r.path for r in rows if r.title == "审核信息"] == [["特困人员救助供养"]]


def _clean_csv(tmp_path: Path) -> Path:
    path = tmp_path / "干净的模板.csv"
    path.write_text("一级分类,事项,公开内容,公开时限,责任单位\n"
                    "财政,预算公开,部门预算及说明,每年3月31日前,县财政局\n"
                    "救助,低保名单,低保对象名单,信息形成之日起20个工作日内,万善乡\n", encoding="utf-8")
    return path


def test_unticking_everything_blocks_import(qtbot, ws, tmp_path):
    path = _clean_csv(tmp_path)
    seen: list[object] = []

    def untick_all(dialog: ImportPreviewDialog) -> None:
        dialog.items_view.setFocus()
        for row in range(2):
            dialog.items_view.setCurrentIndex(dialog.items_model.index(row, 0))
            QTest.keyClick(dialog.items_view, Qt.Key.Key_Space)  # the keyboard unticks too
        seen.append((dialog.ok_button.isEnabled(), dialog.name_problem.text()))
        _click(dialog, "cancelButton")

    on_modal(ImportPreviewDialog, untick_all)
    assert run_import(None, ws, path) is None
    assert seen == [(False, "没有勾选任何事项。")]
    assert ws.is_empty()


def _messy_catalogue(fixtures_dir: Path, tmp_path: Path) -> Path:
    """The catalogue as counties send it: a note row, a header repeated at a page break, a blank row, and
    an item whose time limit cannot be understood."""
    path = tmp_path / "带注释的目录.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    sheet = wb.active
    sheet["F6"] = "按上级要求办理"
    sheet.insert_rows(10, 3)  # rows 10-12 empty: a blank row, then the repeated two-row header
    for col in range(1, 15):
        sheet.cell(11, col).value = sheet.cell(2, col).value
        sheet.cell(12, col).value = sheet.cell(3, col).value
    sheet.cell(20, 1).value = "注：公开渠道中■为已选渠道。"
    wb.save(path)
    return path


def test_preview_lists_skipped_rows_and_item_warnings(qtbot, ws, fixtures_dir, tmp_path):
    path = _messy_catalogue(fixtures_dir, tmp_path)
    seen: dict[str, object] = {}

    def look(dialog: ImportPreviewDialog) -> None:
        tabs = dialog.tabs
        seen["tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
        view = dialog.skipped_view
        seen["skipped"] = [_texts(view, r)[:3] for r in range(view.model().rowCount())]
        seen["flagged"] = [(_texts(dialog.items_view, r)[2], _texts(dialog.items_view, r)[4],
                            _texts(dialog.items_view, r)[7])
                           for r in range(dialog.items_model.rowCount()) if _texts(dialog.items_view, r)[7]]
        seen["report"] = dialog.report_label.text()
        seen["no_warnings"] = dialog.findChild(type(dialog.report_label), "noWarnings")
        _click(dialog, "cancelButton")

    on_modal(ImportPreviewDialog, look)
    assert run_import(None, ws, path) is None
    assert seen["tabs"][0] == "事项 (12)" and seen["tabs"][2] == "跳过的行 (4)"  # blank rows are not listed
    assert seen["skipped"] == [
        ["社会救助", "1", "标题行"],
        ["社会救助", "11", "重复的表头"],
        ["社会救助", "12", "重复的表头"],
        ["社会救助", "20", "注释行"],
    ]
    assert seen["flagged"] == [("政策法规文件", "没能识别，导入后按原文保留，请人工核对",
                                "公开时限“按上级要求办理”没能识别")]
    assert seen["no_warnings"] is None
    assert seen["report"] == "请核对：1 个事项有提示（红字），跳过了 4 行。"


def test_no_problem_text_only_for_a_clean_file(qtbot, ws, tmp_path):
    path = _clean_csv(tmp_path)
    seen: list[str] = []

    def look(dialog: ImportPreviewDialog) -> None:
        seen.append(dialog.report_label.objectName())
        seen.append(dialog.report_label.text())
        seen.append(dialog.tabs.tabText(2))
        _click(dialog, "cancelButton")

    on_modal(ImportPreviewDialog, look)
    run_import(None, ws, path)
    assert seen == ["noWarnings", "读取时没有发现问题。", "跳过的行 (0)"]


def _reworded(fixtures_dir: Path, tmp_path: Path, *, drop_row: int | None = None) -> Path:
    """A new version: 监督检查 reworded (a similar pair), 审批信息's time limit changed, optionally a row gone."""
    target = tmp_path / "社会救助-新版.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    sheet = wb.active
    sheet["C5"] = "监督检查情况"
    sheet["F9"] = "信息形成之日起5个工作日内"
    if drop_row is not None:
        for col in "ACDEFGHIJKLMN":
            sheet[f"{col}{drop_row}"] = None
    wb.save(target)
    return target


def test_declined_similar_pair_adds_new_item_and_archives_old(qtbot, ws, fixtures_dir, tmp_path):
    checklist_id = _adopt(ws, fixtures_dir / CATALOGUE)
    old = next(r for r in ws.rows(checklist_id) if r.title == "监督检查")
    seen: dict[str, object] = {}

    def decline(dialog: ImportPreviewDialog) -> None:
        view = dialog.diff_view
        _click_box(view.views["similar"], 0)
        seen["after"] = view.counts()
        seen["choice"] = _texts(view.views["similar"], 0)[0]
        seen["removed"] = _texts(view.views["removed"], 0)
        seen["ok"] = dialog.ok_button.isEnabled()
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, decline)
    assert run_import(None, ws, _reworded(fixtures_dir, tmp_path)) == checklist_id
    assert seen["after"] == {"added": 1, "removed": 1, "changed": 1, "similar": 1}
    assert seen["choice"] == "作为新事项"
    assert seen["removed"] == ["无需确认", "综合业务", "监督检查", "没有办理记录"]
    assert seen["ok"] is True  # nothing done on it: no confirmation needed
    rows = {r.title: r for r in ws.rows(checklist_id)}
    assert "监督检查" not in rows and rows["监督检查情况"].id != old.id
    assert rows["监督检查情况"].status.value == "todo"
    assert [(a.id, a.title) for a in ws.archived_rows(checklist_id)] == [(old.id, "监督检查")]


def test_item_with_evidence_archived_only_after_its_box_is_ticked(qtbot, ws, fixtures_dir, tmp_path):
    checklist_id = _adopt(ws, fixtures_dir / CATALOGUE)
    rows = ws.rows(checklist_id)
    gone = next(r for r in rows if r.title == "审批信息")  # row 9 of the sheet
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"jpeg")
    ws.attach_files([gone.id], [photo])
    quiet = next(r for r in rows if r.path == ["特困人员救助供养"] and r.title == "审核信息")  # row 12
    target = tmp_path / "两项删除.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    for row in (9, 12):
        for col in "ACDEFGHIJKLMN":
            wb.active[f"{col}{row}"] = None
    wb.save(target)
    seen: dict[str, object] = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        view = dialog.diff_view
        removed = view.views["removed"]
        seen["tab"] = view.tabs.tabText(view.tabs.currentIndex())
        seen["rows"] = [_texts(removed, r) for r in range(2)]
        seen["before"] = (dialog.ok_button.isEnabled(), dialog.decision_problem.text())
        _click_box(removed, 1)  # the box of the item without work: there is none, nothing changes
        seen["quiet_click"] = dialog.ok_button.isEnabled()
        _click_box(removed, 0)
        seen["after"] = (dialog.ok_button.isEnabled(), dialog.decision_problem.isVisible(), _texts(removed, 0)[0])
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, confirm)
    assert run_import(None, ws, target) == checklist_id
    assert seen["tab"] == "删除（将归档） (2) · 1 项待确认"
    assert seen["rows"] == [["待确认", "最低生活保障", "审批信息", "状态：待办；佐证材料 1 份；修改 1 次"],
                            ["无需确认", "特困人员救助供养", "审核信息", "没有办理记录"]]
    assert seen["before"][0] is False and "逐项勾选“确认归档”" in seen["before"][1]
    assert seen["quiet_click"] is False
    assert seen["after"] == (True, False, "已确认")
    archived = {a.id for a in ws.archived_rows(checklist_id)}
    assert archived == {gone.id, quiet.id}
    assert ws.row(gone.id).evidence_count == 1  # archived with its evidence, recoverable


def test_cancelled_confirmation_writes_nothing(qtbot, ws, fixtures_dir, tmp_path):
    checklist_id = _adopt(ws, fixtures_dir / CATALOGUE)
    gone = next(r for r in ws.rows(checklist_id) if r.title == "审批信息")
    ws.update_record(gone.id, status="doing", note="名单核对中")
    on_modal(ImportPreviewDialog, lambda d: _click(d, "cancelButton"))
    assert run_import(None, ws, _reworded(fixtures_dir, tmp_path, drop_row=9)) is None
    assert len(ws.rows(checklist_id)) == 12 and ws.row(gone.id).note == "名单核对中"
    assert not ws.archived_rows(checklist_id)


def test_changed_list_shows_each_field_old_to_new(qtbot, ws, fixtures_dir, tmp_path):
    checklist_id = _adopt(ws, fixtures_dir / CATALOGUE)
    kept = next(r for r in ws.rows(checklist_id) if r.title == "审批信息")
    ws.update_record(kept.id, status="done")
    seen: dict[str, object] = {}

    def read_changes(dialog: ImportPreviewDialog) -> None:
        view = dialog.diff_view
        view.tabs.setCurrentIndex(2)
        table = view.views["changed"]
        seen["tab"] = view.tabs.tabText(2)
        seen["header"] = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        seen["rows"] = [_texts(table, r) for r in range(table.model().rowCount())]
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, read_changes)
    assert run_import(None, ws, _reworded(fixtures_dir, tmp_path)) == checklist_id
    assert seen["tab"] == "修改 (1)"
    assert seen["header"] == ["分类", "事项", "字段", "原内容", "新内容"]
    assert seen["rows"] == [["最低生活保障", "审批信息", "公开时限", "制定或获取信息之日起10个工作日内",
                             "信息形成之日起5个工作日内"]]
    after = ws.row(kept.id)
    assert after.deadline == "信息形成之日起5个工作日内" and after.status.value == "done"
