"""The window in English, driven like a user: what the core says (errors, banner, status bar, import
warnings, verdicts, history) is shown in English too; only the clerk's own data stays Chinese."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_helpers import on_modal, show_main_window, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.import_dialog import ImportPreviewDialog
from zwgk_desktop.ui.main_window import MainWindow
from zwgk_desktop.ui.publication_dialog import PublicationDialog

CJK = re.compile(r"[\u4e00-\u9fff]")


def english_only(text: str, *user_data: str) -> bool:
    """True when ``text`` has no Chinese character once the user's own data is taken out."""
    for data in sorted(user_data, key=len, reverse=True):
        text = text.replace(data, "")
    return not CJK.search(text)


pytestmark = pytest.mark.usefixtures("cjk_font")  # settings: conftest.isolated_qsettings


@pytest.fixture
def win(qtbot, ws: Workspace, english) -> MainWindow:
    return show_main_window(qtbot, ws)


def _click(dialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def test_a_bad_file_gives_an_english_error(qtbot, win: MainWindow, ws: Workspace, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a zip at all")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    texts: list[str] = []

    def close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(QMessageBox, close)
    win.act_import.trigger()
    assert texts, "no error box"
    assert texts[0].startswith("File “坏文件.xlsx”: The file")
    assert english_only(texts[0], "坏文件.xlsx")
    assert ws.is_empty()


def test_status_bar_banner_history_and_verdict_in_english(qtbot, win: MainWindow, ws: Workspace) -> None:
    win.welcome.example_button.click()
    checklist = win.current_checklist()
    assert checklist is not None
    message = win.statusBar().currentMessage()
    assert message.startswith("Loaded the example checklist") or english_only(message, checklist.name), message
    summary = win.summary_label.text()
    assert summary.startswith("12 items · Done 0 · In progress 0 · To do 12"), summary
    assert english_only(summary)

    rows = ws.rows(checklist.id)
    ws.update_record(rows[0].id, due=date.today() - timedelta(days=2))
    ws.update_record(rows[1].id, due=date.today() + timedelta(days=3))
    win.refresh_checklists()
    assert win.banner.isVisibleTo(win)
    assert win.banner_label.text() == "Reminder – overdue: 1, due within 7 days: 2." or \
        win.banner_label.text() == "Reminder – overdue: 1, due within 7 days: 1."
    assert win.banner_show.text() == "Show Overdue Items"

    # the first item: its change log, then a publication record with its verdict
    win.table.setFocus()
    win.table.selectRow(0)
    row = win.detail.current_row()
    assert row is not None
    history = win.detail.history_texts()
    assert any("Due date: (empty) → " in line for line in history), history
    assert all(english_only(line, row.title, *(e.actor for e in ws.history(row.id))) for line in history), history

    seen: dict[str, str] = {}

    def fill(dialog: PublicationDialog) -> None:
        dialog.what_edit.setText("低保对象名单")
        dialog.formed_edit.setDate(QDate(2024, 3, 1))
        dialog.published_edit.setDate(QDate(2024, 4, 30))
        seen["verdict"] = dialog.verdict_label.text()
        seen["tooltip"] = dialog.verdict_label.toolTip()
        _click(dialog, "okButton")

    on_modal(PublicationDialog, fill)
    panel = win.detail.evidence_panel
    panel.findChild(QPushButton, "addPublicationButton").click()
    assert seen["verdict"].startswith("By “") and "working days late" in seen["verdict"], seen
    assert english_only(seen["verdict"], row.deadline)
    table = panel.pub_table
    assert table.rowCount() == 1
    verdict = table.item(0, 3).text()
    assert re.fullmatch(r"\d+ working days late", verdict), verdict
    assert "Due by 2024-" in table.item(0, 3).toolTip()
    history = win.detail.history_texts()
    assert any(re.search(r"Publication recorded: 2024-04-30(, .+)? \(\d+ working days late\)", line)
               for line in history), history
    channel = ws.publications(row.id)[0].channel  # the clerk's choice (a standard channel name)
    assert all(english_only(line, row.title, channel, *(e.actor for e in ws.history(row.id))) for line in history)


def test_import_preview_warnings_in_english(qtbot, ws: Workspace, english, tmp_path: Path) -> None:
    from zwgk_desktop.ui.import_dialog import run_import

    source = tmp_path / "目录.csv"
    source.write_text("事项,公开时限,责任单位\n"
                      "低保政策,看情况再定,民政办\n"
                      "救助结果,信息形成之日起20个工作日内,\n"
                      ",20个工作日内,民政办\n", encoding="utf-8")  # no item name: a warning, skipped
    seen: dict[str, object] = {}

    def look(dialog: ImportPreviewDialog) -> None:
        model = dialog.items_model
        columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        seen["columns"] = columns
        notes = columns.index("Note")
        meaning = columns.index("Understood as")
        seen["notes"] = [model.index(r, notes).data() for r in range(model.rowCount())]
        seen["meanings"] = [model.index(r, meaning).data() for r in range(model.rowCount())]
        table = dialog.warnings_table
        seen["warnings"] = [table.item(r, 2).text() for r in range(table.rowCount())]
        _click(dialog, "cancelButton")

    on_modal(ImportPreviewDialog, look)
    assert run_import(None, ws, source) is None
    assert ws.is_empty()
    notes, meanings = seen["notes"], seen["meanings"]
    assert "Disclosure deadline “看情况再定” not understood" in notes[0], notes
    assert notes[1] == "No responsible unit", notes
    assert meanings[0] == "Not understood; kept as written, please check it by hand after import"
    assert meanings[1] == "within 20 working days from the date the information is created (changed)"
    assert seen["warnings"] == ["This row has no item name or content and was skipped."]
    for text in [*notes, *meanings, *seen["columns"]]:
        assert english_only(text or "", "看情况再定"), text


def test_a_refused_rename_says_why_in_english(qtbot, win: MainWindow, ws: Workspace) -> None:
    from PySide6.QtWidgets import QInputDialog

    win.welcome.example_button.click()
    texts: list[str] = []

    def cancel(dialog: QInputDialog) -> None:
        dialog.reject()

    def empty_name(dialog: QInputDialog) -> None:
        texts.append(dialog.labelText())
        dialog.setTextValue("   ")
        on_modal(QInputDialog, cancel)  # asked again after the refusal: give up
        dialog.accept()

    def close(box: QMessageBox) -> None:
        texts.append(box.windowTitle() + " | " + box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(QInputDialog, empty_name)
    on_modal(QMessageBox, close)
    win.rename_checklist()
    name = ws.checklist().name
    assert texts[0] == f"New name for checklist “{name}”:"
    assert texts[1] == "Cannot Rename | The checklist name cannot be empty."
    assert ws.checklist().name == name


def _checklist_with_a_done_item(ws: Workspace) -> str:
    from zwgk_desktop.core.types import ParsedItem, ParsedTemplate

    ws.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=t, path=["最低生活保障"])
                                                   for t in ("办事指南", "审核信息")]))
    rid = ws.rows(ws.checklist().id)[0].id
    ws.update_record(rid, status="done")
    return rid


def test_data_check_finding_and_backup_code_in_english(qtbot, win: MainWindow, ws: Workspace, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """检查数据完整性 finds a record changed behind the app's back; 核对…数据校验码 judges a backup: all English."""
    import sqlite3

    from zwgk_desktop.core.services.backup import create_backup

    rid = _checklist_with_a_done_item(ws)
    backup = create_backup(ws, tmp_path / "备份.zip").path
    ws.update_record(rid, note="之后的修改")
    boxes: list[tuple[str, str, str, str]] = []

    def read(box: QMessageBox) -> None:
        boxes.append((box.windowTitle(), box.text(), box.informativeText(), box.detailedText()))
        box.accept()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    on_modal(QMessageBox, read)
    win.act_check_against.trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    title, text, info, _ = boxes[-1]
    assert title == "Check Data Integrity"
    assert text.startswith("Data intact: the database check passed"), text
    assert "The data check code " in info and " of backup “备份.zip” is still in the change log: 2 more change " \
        "log entries were made since." in info, info
    assert re.search(r"Current data check code: \d+-[0-9a-f]+$", info), info
    assert english_only(text + info, "备份.zip")

    conn = sqlite3.connect(ws.db_path)  # the status changed outside the app
    conn.execute("UPDATE item_records SET status = 'todo' WHERE id = ?", (rid,))
    conn.commit()
    conn.close()
    on_modal(QMessageBox, read)
    win.act_verify.trigger()
    qtbot.waitUntil(lambda: len(boxes) == 2)
    _, text, info, details = boxes[-1]
    assert text.startswith("Found 1 problem") and text.endswith("Restore from the latest backup or contact support."), text
    assert details == (f"The Status of Item “办事指南” ({rid[:8]}) does not match the change log: recorded “Done”, "
                       "now “To do” (changed outside this app, or the latest change log entries were deleted).")
    assert english_only(text + info + details, "办事指南")


def test_yearly_report_dialog_findings_in_english(qtbot, win: MainWindow, ws: Workspace) -> None:
    """The yearly report's form: due date, findings list and a cell's tooltip in English (the form's row and
    column labels are those of the official Chinese form)."""
    from datetime import date as day

    from zwgk_desktop.core.annual import store
    from zwgk_desktop.core.annual.model import T2_FEE_ROW, AnnualReport
    from zwgk_desktop.ui.annual_dialog import AnnualReportDialog

    ws.update_settings(office="万善乡人民政府")
    year = day.today().year - 1  # the form opens on last year's report
    report = AnnualReport(year=year, office="万善乡人民政府")
    report.table2[T2_FEE_ROW] = "abc"  # as printed: the check reports it
    store.save(ws, report)
    seen: dict[str, object] = {}

    def look(dialog: AnnualReportDialog) -> None:
        try:
            seen["due"] = dialog.due_label.text()
            seen["findings"] = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
            seen["tooltip"] = dialog.t2.cell_item(T2_FEE_ROW, 0).toolTip()
        finally:  # a failed step must not leave the modal form open
            dialog.reject()

    shown = on_modal(AnnualReportDialog, look)
    win.act_annual.trigger()
    assert shown
    assert re.fullmatch(r"Due date: \d{4}-\d\d-\d\d \(default, Article 49 of the Regulations\)", seen["due"]), seen
    fee_error = ("Table 2: the administrative fees (“行政事业性收费”) should be a non-negative amount (in 10,000 "
                 "yuan), but read “abc”")
    assert seen["findings"] == [
        f"[Error] {fee_error}",
        "[Warning] Part 5 (main problems and improvements) is empty or only says “none”",
        "[Warning] Part 6 does not state the information processing fees charged (the amount, or that none were "
        "charged)"], seen["findings"]
    assert seen["tooltip"] == fee_error
    for text in [seen["due"], *seen["findings"]]:
        assert english_only(text, "“行政事业性收费”"), text  # the official form's row label, quoted


def test_not_a_checklist_question_in_english(qtbot, ws: Workspace, english) -> None:
    """A work summary offered as a checklist: the question, its reason and its buttons in English; declined,
    nothing is written."""
    from PySide6.QtWidgets import QPushButton as Button

    from zwgk_desktop.ui.import_dialog import run_import

    report = Path(__file__).resolve().parent / "data" / "corpus" / "x02-qingxi-2022-summary.txt"
    seen: dict[str, object] = {}

    def decline(box: QMessageBox) -> None:
        seen["title"], seen["text"], seen["info"] = box.windowTitle(), box.text(), box.informativeText()
        seen["buttons"] = sorted(b.text() for b in box.findChildren(Button))
        seen["default"] = box.defaultButton().text()
        next(b for b in box.findChildren(Button) if b.text() == "Don't Import").click()

    on_modal(QMessageBox, decline)
    assert run_import(None, ws, report) is None
    assert ws.is_empty()
    assert seen["title"] == "This file does not look like a checklist"
    assert seen["buttons"] == ["Don't Import", "Import Anyway"] and seen["default"] == "Don't Import"
    text = str(seen["text"])
    assert text.startswith("File “x02-qingxi-2022-summary.txt”: This file does not look like a checklist of "
                           "disclosure items ("), text
    assert "confirm in the import window, or add --force on the command line." in text
    quoted = re.findall(r"“[^”]*”", text)  # the file's name and its own words (a title, a phrase)
    assert english_only(text, *quoted) and english_only(str(seen["info"]))


def test_county_rollup_window_in_english(qtbot, tmp_path: Path, fixtures_dir: Path, english) -> None:
    """导入报送包… and 县级汇总 in English: the import summary, and the roll-up's title, tabs, matrix headers and
    cells, hint and yearly-report column, whose strings go through the module's _tr() wrapper that catalog.py
    collects for lupdate."""
    from county_workspaces import export, make_offices
    from PySide6.QtCore import QCoreApplication

    from zwgk_desktop.ui.county_dialog import CountyDialog

    offices = make_offices(tmp_path, fixtures_dir)
    packages = [export(f, tmp_path / f"{f.name}.zip") for f in (offices.township_a, offices.department)]
    ws = Workspace.open(offices.county)
    try:
        win = MainWindow(ws, persist=False)
        qtbot.addWidget(win)
        seen: list[str] = []
        on_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
        win.import_packages(packages)
        assert seen == [f"万善乡 ({packages[0].name}): Imported\n县民政局 ({packages[1].name}): Imported"], seen
        dialog = CountyDialog(ws)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "County roll-up (offices' submission packages)"
        assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
            "Office × category", "Township (street office) ranking", "Department ranking", "Annual reports"]
        m = dialog.matrix
        headers = [m.horizontalHeaderItem(c).text() for c in range(m.columnCount())]
        assert headers[:5] == ["Office", "Type", "Rank", "Completion rate", "Change since last"]
        rows = {m.item(r, 0).text(): r for r in range(m.rowCount())}
        assert m.item(rows["万善乡"], 1).text() == "Township (street office)"
        assert m.item(rows["县民政局"], 1).text() == "Department"
        assert m.item(rows["万善乡"], headers.index("最低生活保障")).text() == "1/3\nOverdue 0, late 1, no evidence 3"
        assert dialog.count_label.text() == "2 offices"
        years = {dialog.annual.item(r, 0).text(): dialog.annual.item(r, 1).text()
                 for r in range(dialog.annual.rowCount())}
        assert years["县民政局"] == "Not submitted"
        assert years["万善乡"].startswith("Submitted, publication not recorded\n"), years
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert any(text.startswith("Each cell: done/due") for text in labels), labels
        assert all(english_only(text) for text in [*labels, *years.values()]), labels
        assert QCoreApplication.translate("tasks", "正在取消…") == "Cancelling…"  # the progress dialog's wrapper too
    finally:
        ws.close()
