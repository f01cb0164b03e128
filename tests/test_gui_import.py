"""The import dialogs driven like a user: preview, column mapping, update diff."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.import_dialog import ImportPreviewDialog, run_import
from zwgk_desktop.ui.mapping_dialog import MappingDialog

CATALOGUE = "shehui-jiuzhu-catalogue.xlsx"


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace:
        yield workspace


def _click(dialog: QDialog, name: str) -> None:
    from PySide6.QtWidgets import QPushButton

    button = dialog.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isEnabled(), name
    button.click()


def _updated_catalogue(fixtures_dir: Path, tmp_path: Path) -> Path:
    """A new version of the catalogue: one item gone, one changed time limit, one new item."""
    target = tmp_path / "社会救助-新版.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    sheet = wb.active
    for col in "ACDEFGHIJKLMN":  # drop 监督检查 (row 5; B5 belongs to a merged cell)
        sheet[f"{col}5"] = None
    sheet["F7"] = "信息形成之日起5个工作日内"
    for col in "ABCDEFGHIJKLMN":
        sheet[f"{col}16"] = sheet[f"{col}15"].value
    sheet["A16"], sheet["B16"], sheet["C16"] = "13", "临时救助", "资金发放信息"
    sheet["D16"] = "临时救助资金发放的时间、金额、对象类别"
    wb.save(target)
    return target


def test_import_catalogue_through_preview(qtbot, ws, fixtures_dir, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(fixtures_dir / CATALOGUE), "模板文件"))
    seen: dict[str, object] = {}

    def look_and_import(dialog: ImportPreviewDialog) -> None:
        table = dialog.counts_table
        seen["counts"] = {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in range(table.rowCount())}
        seen["name"] = dialog.name_edit.text()
        seen["button"] = dialog.ok_button.text()
        dialog.name_edit.setText("社会救助台账")
        dialog.year_spin.setValue(2024)
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, look_and_import)
    checklist_id = run_import(None, ws)
    assert checklist_id is not None
    assert seen["button"] == "导入"
    assert seen["name"] == "社会救助领域基层政务公开标准目录"
    assert sum(seen["counts"].values()) == 12
    assert seen["counts"]["最低生活保障"] == 4
    info = ws.checklist(checklist_id)
    assert (info.name, info.year, info.total) == ("社会救助台账", 2024, 12)
    assert len(ws.rows(checklist_id)) == 12


def test_cancel_preview_writes_nothing(qtbot, ws, fixtures_dir):
    on_modal(ImportPreviewDialog, lambda d: _click(d, "cancelButton"))
    assert run_import(None, ws, fixtures_dir / CATALOGUE) is None
    assert ws.is_empty()


def test_duplicate_name_blocks_import(qtbot, ws, fixtures_dir):
    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    first = run_import(None, ws, fixtures_dir / CATALOGUE)
    assert first is not None
    copy = fixtures_dir / "guanxian-2021-tasks.xlsx"
    states: list[tuple[bool, str]] = []

    def rename_to_taken(dialog: ImportPreviewDialog) -> None:
        dialog.name_edit.setText(ws.checklist(first).name)
        states.append((dialog.ok_button.isEnabled(), dialog.name_problem.text()))
        dialog.name_edit.setText("冠县任务")
        states.append((dialog.ok_button.isEnabled(), dialog.name_problem.text()))
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, rename_to_taken)
    second = run_import(None, ws, copy)
    assert states[0][0] is False and "已存在" in states[0][1]
    assert states[1] == (True, "")
    assert ws.checklist(second).name == "冠县任务" and ws.checklist(second).total == 38


def test_update_shows_diff_and_applies(qtbot, ws, fixtures_dir, tmp_path):
    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    checklist_id = run_import(None, ws, fixtures_dir / CATALOGUE)
    row = ws.rows(checklist_id)[0]
    ws.update_record(row.id, status="done", note="已公开")
    new_version = _updated_catalogue(fixtures_dir, tmp_path)
    expected = import_flow.prepare(ws, new_version).plan.to_json()
    seen: dict[str, object] = {}

    def look_and_apply(dialog: ImportPreviewDialog) -> None:
        view = dialog.diff_view
        assert view is not None
        seen["tabs"] = [view.tabs.tabText(i) for i in range(view.tabs.count())]
        seen["counts"] = view.counts()
        seen["unchanged"] = view.unchanged_label.text()
        seen["button"] = dialog.ok_button.text()
        seen["readonly"] = dialog.name_edit.isReadOnly()
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, look_and_apply)
    assert run_import(None, ws, new_version) == checklist_id
    counts = seen["counts"]
    assert counts["added"] == len(expected["added"]) >= 1
    assert counts["removed"] == len(expected["removed"]) >= 1
    assert counts["changed"] == len(expected["changed"]) >= 1
    assert seen["tabs"][0] == f"新增 ({counts['added']})"
    assert seen["tabs"][1] == f"删除（将归档） ({counts['removed']})"
    assert seen["tabs"][2].startswith("修改 (") and seen["tabs"][3].startswith("相近（需确认） (")
    assert f"{expected['unchanged']} 个事项没有变化" in seen["unchanged"]
    assert seen["button"] == "应用更新" and seen["readonly"] is True
    rows = ws.rows(checklist_id)
    assert len(rows) == 12 - len(expected["removed"]) + len(expected["added"])
    kept = next(r for r in rows if r.id == row.id)
    assert kept.status.value == "done" and kept.note == "已公开"


def _odd_table(tmp_path: Path) -> Path:
    """A table whose header the detector cannot read: the user has to map the columns."""
    path = tmp_path / "自定义台账.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "台账"
    sheet.append(["分组", "条目", "详情", "承担部门"])
    sheet.append(["财政", "预算公开", "部门预算及说明", "县财政局"])
    sheet.append(["财政", "决算公开", "部门决算及说明", "县财政局"])
    sheet.append(["救助", "低保名单", "低保对象名单", "县民政局"])
    wb.save(path)
    return path


def test_unreadable_columns_open_mapping_dialog(qtbot, ws, tmp_path):
    path = _odd_table(tmp_path)
    seen: dict[str, object] = {}

    def map_columns(dialog: MappingDialog) -> None:
        page = dialog.page(0)
        seen["message"] = dialog.findChild(type(dialog.problem), "messageLabel").text()
        seen["header"] = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
        _click(dialog, "okButton")  # nothing picked yet: the dialog must refuse
        seen["problem"] = dialog.problem.text()
        dialog.set_field(0, "category1")
        dialog.set_field(1, "title")
        dialog.set_field(2, "content")
        dialog.set_field(3, "owners")
        seen["mapping"] = dialog.mapping()
        _click(dialog, "okButton")

    def import_it(dialog: ImportPreviewDialog) -> None:
        table = dialog.counts_table
        seen["counts"] = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
        _click(dialog, "okButton")

    on_modal(MappingDialog, map_columns)
    on_modal(ImportPreviewDialog, import_it, timeout_ms=20_000)
    checklist_id = run_import(None, ws, path)
    assert "自定义台账.xlsx" in seen["message"]
    assert "事项" in seen["problem"]
    assert seen["header"][:2] == ["A  分组", "B  条目"]
    assert seen["mapping"] == {"分组": "category1", "条目": "title", "详情": "content", "承担部门": "owners"}
    assert seen["counts"] == {"财政": "2", "救助": "1"}
    rows = ws.rows(checklist_id)
    assert [r.title for r in rows] == ["预算公开", "决算公开", "低保名单"]
    assert rows[0].owners == ["县财政局"]


def test_adjust_mapping_from_preview(qtbot, ws, fixtures_dir):
    """调整列对应…: ignoring the 公开依据 column re-reads the file without it."""
    steps: list[str] = []

    def first_preview(dialog: ImportPreviewDialog) -> None:
        steps.append("preview1")
        on_modal(MappingDialog, ignore_basis)
        _click(dialog, "mapButton")

    def ignore_basis(dialog: MappingDialog) -> None:
        steps.append("mapping")
        page = dialog.page(0)
        assert page.combos[4].currentText() == "公开依据"
        dialog.set_field(4, "ignore")
        on_modal(ImportPreviewDialog, second_preview)
        _click(dialog, "okButton")

    def second_preview(dialog: ImportPreviewDialog) -> None:
        steps.append("preview2")
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, first_preview)
    checklist_id = run_import(None, ws, fixtures_dir / CATALOGUE)
    assert steps == ["preview1", "mapping", "preview2"]
    rows = ws.rows(checklist_id)
    assert len(rows) == 12 and all(r.basis == "" for r in rows)


def test_bad_file_shows_message(qtbot, ws, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a zip at all")
    texts: list[str] = []

    def close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(QMessageBox, close)
    assert run_import(None, ws, bad) is None
    assert texts and "坏文件.xlsx" in texts[0]
    assert ws.is_empty()


def test_similar_items_kept_by_default(qtbot, ws, fixtures_dir, tmp_path):
    """A reworded item is proposed as the same item: applying as shown keeps its work."""
    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    checklist_id = run_import(None, ws, fixtures_dir / CATALOGUE)
    old = next(r for r in ws.rows(checklist_id) if r.title == "监督检查")
    ws.update_record(old.id, status="done")
    target = tmp_path / "相近.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    wb.active["C5"] = "监督检查情况"
    wb.save(target)
    seen: dict[str, object] = {}

    def look_and_apply(dialog: ImportPreviewDialog) -> None:
        view = dialog.diff_view
        seen["counts"] = view.counts()
        seen["tab"] = view.tabs.tabText(view.tabs.currentIndex())
        model = view.models["similar"]
        seen["row"] = [model.data(model.index(0, c)) for c in range(model.columnCount())]
        seen["checked"] = model.is_checked(0)
        _click(dialog, "okButton")

    on_modal(ImportPreviewDialog, look_and_apply)
    assert run_import(None, ws, target) == checklist_id
    assert seen["counts"] == {"added": 0, "removed": 0, "changed": 0, "similar": 1}
    assert seen["tab"] == "相近（需确认） (1)"  # opened on the pairs to answer
    assert seen["checked"] is True and seen["row"][:4] == ["同一事项", "监督检查", "监督检查情况", "96%"]
    assert seen["row"][4] == "事项：监督检查 → 监督检查情况" and seen["row"][5].startswith("状态：已完成")
    kept = ws.row(old.id)
    assert kept.title == "监督检查情况" and kept.status.value == "done"
    assert len(ws.rows(checklist_id)) == 12


def test_same_template_can_become_a_separate_checklist(qtbot, ws, fixtures_dir):
    """Next year's ledger from the same catalogue: 作为新清单导入 instead of updating last year's."""
    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    first = run_import(None, ws, fixtures_dir / CATALOGUE)
    ws.update_record(ws.rows(first)[0].id, status="done")
    seen: list[tuple[str, bool]] = []

    def name_and_import(dialog: ImportPreviewDialog) -> None:
        seen.append((dialog.ok_button.text(), dialog.preview.is_update))
        dialog.name_edit.setText("2026年社会救助")
        _click(dialog, "okButton")

    def choose_new(dialog: ImportPreviewDialog) -> None:
        seen.append((dialog.ok_button.text(), dialog.preview.is_update))
        _click(dialog, "asNewButton")  # hides this dialog at once: the next watcher sees only the new one
        on_modal(ImportPreviewDialog, name_and_import)

    on_modal(ImportPreviewDialog, choose_new)
    second = run_import(None, ws, fixtures_dir / CATALOGUE)
    assert seen == [("应用更新", True), ("导入", False)]
    assert second is not None and second != first
    assert [c.name for c in ws.checklists()] == ["社会救助领域基层政务公开标准目录", "2026年社会救助"]
    assert ws.rows(first)[0].status.value == "done"
    assert all(r.status.value == "todo" for r in ws.rows(second))


def test_exported_template_reimports_without_the_mapping_dialog(qtbot, ws, fixtures_dir, tmp_path):
    """导出模板 then 导入模板 of that file: straight to the update review (its 说明 sheet is not a table of items)."""
    from zwgk_desktop.core.services.template_export import export_checklist_template

    on_modal(ImportPreviewDialog, lambda d: _click(d, "okButton"))
    checklist_id = run_import(None, ws, fixtures_dir / CATALOGUE)
    exported = export_checklist_template(ws, checklist_id, tmp_path / "导出.xlsx")
    wb = openpyxl.load_workbook(exported)
    sheet = wb["模板"]
    title_col = [c.value for c in sheet[1]].index("事项") + 1
    sheet.cell(2, title_col).value = "一个全新的事项"
    wb.save(exported)
    seen: list[str] = []

    def answer_every_dialog() -> None:  # note each question shown and close it (取消)
        from PySide6.QtWidgets import QApplication

        from zwgk_desktop.ui.tasks import TaskProgressDialog

        dialog = QApplication.activeModalWidget()
        # the progress dialog of a read that takes over 0.3 s (a loaded machine) is not a question
        if isinstance(dialog, QDialog) and dialog.isVisible() and not isinstance(dialog, TaskProgressDialog):
            seen.append(type(dialog).__name__)
            dialog.reject()

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(answer_every_dialog)
    timer.start(20)
    try:
        assert run_import(None, ws, exported) is None
    finally:
        timer.stop()
    assert seen == ["ImportPreviewDialog"]
