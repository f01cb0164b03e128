"""The yearly report's window beyond typing: tables as printed, findings list jumping to cells, 起草 from the
ledger, every export written and read back, published reports opened and checked (and imported with their
printed totals kept), the reminder on the overview and 登记发布 on the catalogue item."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from annual_docs import write_docx, write_html, write_pdf
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from test_annual_core import annual_item_template, clean_report
from test_gui_annual import type_into

from zwgk_desktop.core.annual import deadline, store
from zwgk_desktop.core.annual.readers import read_report
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.annual_check_dialog import AnnualCheckDialog, FolderSummaryDialog
from zwgk_desktop.ui.annual_dialog import AnnualReportDialog, PublishDialog
from zwgk_desktop.ui.annual_grid import ERROR_BRUSH

DATA = Path(__file__).parent / "data" / "annual"



def _forget_edits(dialog) -> None:  # noqa: ANN001
    """Test teardown closes the dialog: what a test typed and left unsaved is not asked about."""
    dialog.dirty = False


@pytest.fixture
def ws(tmp_path: Path):  # noqa: ANN201
    w = Workspace.open(tmp_path / "ws")
    w.update_settings(office="万善乡人民政府", clerk="王小明")
    yield w
    w.close()


def open_dialog(qtbot, ws: Workspace, year: int = 2024) -> AnnualReportDialog:  # noqa: ANN001
    dialog = AnnualReportDialog(ws, year=year)
    qtbot.addWidget(dialog, before_close_func=_forget_edits)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def answer(button: QMessageBox.StandardButton, texts: list[str] | None = None) -> list:
    """Answer the next message box with ``button``, keeping its text in ``texts``."""

    def act(box: QMessageBox) -> None:
        if texts is not None:
            texts.append(box.text())
        box.button(button).click()

    return on_modal(QMessageBox, act)


def messages(dialog: AnnualReportDialog) -> list[str]:
    return [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]


def test_tables_have_the_printed_merged_headers(qtbot, ws: Workspace) -> None:
    dialog = open_dialog(qtbot, ws)
    t3, t4, t2 = dialog.t3, dialog.t4, dialog.t2
    assert t3.rowCount() == 3 + 25 and t3.columnCount() == 10
    assert t3.item(0, 3).text() == "申请人情况" and t3.columnSpan(0, 3) == 7
    assert t3.item(1, 4).text() == "法人或其他组织" and t3.columnSpan(1, 4) == 5
    assert t3.item(1, 3).text() == "自然人" and t3.rowSpan(1, 3) == 2
    assert (t3.rowSpan(0, 0), t3.columnSpan(0, 0)) == (3, 3)
    assert t3.item(5, 0).text() == "三、本年度办理结果" and t3.rowSpan(5, 0) == 22
    assert t4.item(0, 5).text() == "行政诉讼" and t4.columnSpan(0, 5) == 10
    assert t4.item(1, 5).text() == "未经复议直接起诉" and t4.rowSpan(1, 0) == 2
    assert t2.item(0, 0).text() == "第二十条第（一）项" and t2.columnSpan(0, 0) == 4
    fee_row, fee_col = t2.values[("行政事业性收费", 0)]
    assert t2.columnSpan(fee_row, fee_col) == 3 and t2.value("行政事业性收费") == "0"
    assert not t3.item(0, 3).flags() & t3.item(0, 3).flags().ItemIsEditable  # headers are not cells to type


def test_findings_list_jumps_to_the_cell(qtbot, ws: Workspace) -> None:
    store.save(ws, clean_report(2023))
    dialog = open_dialog(qtbot, ws)
    dialog.tabs.setCurrentIndex(0)
    dialog.tabs.setCurrentWidget(dialog.t4)
    type_into(qtbot, dialog.t4, "复议后起诉", 3, "2")  # 2 pending: 总计 computed, part 一 quotes 行政诉讼0件
    assert dialog.t4.value("复议后起诉", 4) == "2"
    dialog.tabs.setCurrentIndex(0)
    entry = next(dialog.findings_list.item(i) for i in range(dialog.findings_list.count())
                 if dialog.findings_list.item(i).text().startswith("[错误] 表三 自然人列"))
    rect = dialog.findings_list.visualItemRect(entry)
    qtbot.mouseClick(dialog.findings_list.viewport(), qtbot_left(), pos=rect.center())
    assert dialog.tabs.currentWidget() is dialog.t3
    assert (dialog.t3.currentRow(), dialog.t3.currentColumn()) == dialog.t3.values[("carried_forward", 0)]
    # a finding about part 六 (the 信息处理费 not stated) opens that text
    entry = next(dialog.findings_list.item(i) for i in range(dialog.findings_list.count())
                 if dialog.findings_list.item(i).text().startswith("[警告] 第六部分"))
    rect = dialog.findings_list.visualItemRect(entry)
    qtbot.mouseClick(dialog.findings_list.viewport(), qtbot_left(), pos=rect.center())
    assert dialog.tabs.currentIndex() == 0 and dialog.texts["六"].hasFocus()


def qtbot_left():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_draft_fills_parts_and_asks_before_replacing(qtbot, ws: Workspace) -> None:
    dialog = open_dialog(qtbot, ws)
    qtbot.mouseClick(dialog.draft_buttons["六"], qtbot_left())  # empty: filled without a question
    assert "本年度未收取信息处理费。" in dialog.texts["六"].toPlainText()
    qtbot.mouseClick(dialog.draft_buttons["一"], qtbot_left())
    assert "（一）主动公开\n" in dialog.texts["一"].toPlainText()
    five = dialog.texts["五"]
    five.setFocus()
    five.insertPlainText("问题：栏目更新不及时。")
    seen = answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.draft_buttons["五"], qtbot_left())
    assert seen and five.toPlainText() == "问题：栏目更新不及时。"  # 否 keeps the clerk's text
    seen = answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.draft_buttons["五"], qtbot_left())
    assert seen and five.toPlainText() != "问题：栏目更新不及时。" and five.toPlainText()
    five.setFocus()
    five.insertPlainText("补充一句。")  # still editable
    assert five.toPlainText().startswith("补充一句。存在的主要问题")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "xlsx", "json"])
def test_each_export_is_written_and_reads_back(qtbot, ws: Workspace, tmp_path: Path, monkeypatch,
                                               fmt: str) -> None:
    store.save(ws, clean_report(2024))
    dialog = open_dialog(qtbot, ws)
    target = tmp_path / f"out.{fmt}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    texts: list[str] = []
    seen = answer(QMessageBox.StandardButton.No, texts)  # 现在打开吗？ 否
    dialog.export_actions[fmt].trigger()
    assert seen and texts == [f"已导出到 {target}。现在打开吗？"]
    assert target.is_file()
    got = read_report(target)
    expected = dialog.report()
    assert (got.report.table2, got.report.table3, got.report.table4) == (
        expected.table2, expected.table3, expected.table4)
    assert got.report.year == 2024 and got.report.office == "万善乡人民政府"
    assert got.report.sections["六"] == "本年度未收取信息处理费。"


def test_copy_html_to_clipboard(qtbot, ws: Workspace) -> None:
    store.save(ws, clean_report(2024))
    dialog = open_dialog(qtbot, ws)
    dialog.copy_html_action.trigger()
    text = QApplication.clipboard().text()
    assert "<table" in text and "申请人情况" in text and "7730.28" in text


def _check_file(qtbot, dialog: AnnualReportDialog, monkeypatch, path: Path, *, import_it: bool) -> list[str]:  # noqa: ANN001
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown: list[str] = []

    def act(box: AnnualCheckDialog) -> None:
        shown.extend(box.messages())
        (box.import_button if import_it else box.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Close)).click()

    seen = on_modal(AnnualCheckDialog, act)
    qtbot.mouseClick(dialog.check_file_button, qtbot_left())
    assert seen
    return shown


def test_open_published_reports_and_see_their_findings(qtbot, ws: Workspace, tmp_path: Path, monkeypatch) -> None:
    fgj = json.loads((DATA / "shuyang-fgj-2023.json").read_text(encoding="utf-8"))
    gov = json.loads((DATA / "shuyang-gov-2025.json").read_text(encoding="utf-8"))
    html = write_html(fgj, tmp_path / "fgj.html", title="沭阳县发展和改革局2023年政府信息公开年度报告",
                      labels={"行政规范性文件": "规范性文件"}, headings={"五": "五、存在的主要问题及整改措施"})
    docx = write_docx(gov, tmp_path / "gov.docx")
    pdf = write_pdf(gov, tmp_path / "gov.pdf")
    dialog = open_dialog(qtbot, ws)
    assert _check_file(qtbot, dialog, monkeypatch, html, import_it=False) == [
        "[警告] 表三存在125个空白或'/'单元格（按0计算）"]
    assert _check_file(qtbot, dialog, monkeypatch, docx, import_it=False) == ["没有发现问题。"]
    assert _check_file(qtbot, dialog, monkeypatch, pdf, import_it=False) == ["没有发现问题。"]
    assert store.list_reports(ws) == []  # checking writes nothing


def test_imported_report_keeps_its_printed_totals_on_save(qtbot, ws: Workspace, tmp_path: Path,
                                                          monkeypatch) -> None:
    data = clean_report(2024).to_json()
    data["office"] = "某县某镇人民政府"
    data["table4"]["行政复议"] = [10, 1, 0, 0, 0]  # printed 总计 0 under 11
    path = write_docx(data, tmp_path / "wrong.docx")
    dialog = open_dialog(qtbot, ws, year=2020)
    shown = _check_file(qtbot, dialog, monkeypatch, path, import_it=True)
    assert "[错误] 表四 行政复议：10+1+0+0=11，但总计填写为0" in shown
    qtbot.waitUntil(lambda: dialog.year_spin.value() == 2024)
    stored = store.get(ws, 2024)  # kept as this office's report, as printed
    assert stored is not None and stored.origin == "imported" and stored.report.table4["行政复议"][4] == 0
    assert dialog.printed_bar.isVisibleTo(dialog) and "1处与计算值不同" in dialog.printed_label.text()
    total = dialog.t4.cell_item("行政复议", 4)
    assert total.text() == "0" and "印刷值 0，计算值 11" in total.toolTip() and total.background() == ERROR_BRUSH
    # the clerk edits a text and saves: the printed total stays
    dialog.texts["六"].setFocus()
    dialog.texts["六"].insertPlainText("另：无。")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.get(ws, 2024)
    assert saved.version == 2 and saved.report.table4["行政复议"] == [10, 1, 0, 0, 0]
    assert saved.origin == "imported"
    # reopening shows it the same way
    again = open_dialog(qtbot, ws, year=2024)
    assert again.t4.value("行政复议", 4) == "0" and again.printed_bar.isVisibleTo(again)
    # the clerk chooses the computed totals
    qtbot.mouseClick(again.use_computed_button, qtbot_left())
    assert again.t4.value("行政复议", 4) == "11" and not again.printed_bar.isVisibleTo(again)
    again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.get(ws, 2024)
    assert saved.report.table4["行政复议"] == [10, 1, 0, 0, 11] and saved.origin == "entered"
    before = [h for h in ws.history() if h.entity == "annual_report"]
    assert len(before) == 3  # import, edit, computed totals: each one entry


def test_check_a_folder_shows_the_summary(qtbot, ws: Workspace, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    gov = json.loads((DATA / "shuyang-gov-2025.json").read_text(encoding="utf-8"))
    write_pdf(gov, folder / "gov.pdf")
    wrong = clean_report(2024).to_json()
    wrong["table4"]["行政复议"] = [10, 1, 0, 0, 0]
    write_html(wrong, folder / "wrong.html")
    (folder / "broken.docx").write_bytes(b"not a zip")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    rows: list[list[str]] = []

    def act(box: FolderSummaryDialog) -> None:
        t = box.table
        rows.extend([t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount()))
        box.reject()

    seen = on_modal(FolderSummaryDialog, act)
    qtbot.mouseClick(dialog_for(qtbot, ws).check_folder_button, qtbot_left())
    assert seen
    by_file = {r[0]: r for r in rows}
    assert set(by_file) == {"gov.pdf", "wrong.html", "broken.docx"}
    assert by_file["gov.pdf"][3:5] == ["0", "0"]
    assert by_file["wrong.html"][3] == "1" and "10+1+0+0=11" in by_file["wrong.html"][5]
    assert by_file["broken.docx"][3] == "1"


def dialog_for(qtbot, ws: Workspace) -> AnnualReportDialog:  # noqa: ANN001
    return open_dialog(qtbot, ws)


def test_reminder_on_the_overview_and_publishing_on_the_item(qtbot, ws: Workspace, tmp_path: Path) -> None:
    from zwgk_desktop.ui.main_window import MainWindow

    ws.import_new(annual_item_template(), name="公开事项", year=2026)
    store.save(ws, clean_report(2025))
    today = date(2026, 1, 20)
    assert deadline.due_reminder(ws, today) == "2025年政府信息公开工作年度报告应于2026-02-02前发布（还有13天）。"
    assert deadline.due_reminder(ws, date(2026, 1, 1)) == ""  # 32 days ahead
    assert deadline.due_reminder(ws, date(2026, 2, 4)) == "2025年政府信息公开工作年度报告应于2026-02-02前发布，已逾期2天。"
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.model.today = today
    window._update_due_banner()
    assert "2025年政府信息公开工作年度报告应于" in window.banner_label.text()
    assert window.banner.isVisibleTo(window)
    # 登记发布 in the report window: the catalogue item about the 年报 is offered and the publication recorded
    dialog = AnnualReportDialog(ws, year=2025)
    qtbot.addWidget(dialog, before_close_func=_forget_edits)

    def publish(box: PublishDialog) -> None:
        assert box.item_combo.currentText() == "政府信息公开工作年度报告"
        box.date_edit.setDate(box.date_edit.date().fromString("2026-01-15", "yyyy-MM-dd"))
        box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    seen = on_modal(PublishDialog, publish)
    qtbot.mouseClick(dialog.publish_button, qtbot_left())
    assert seen
    stored = store.get(ws, 2025)
    pubs = ws.publications(stored.record_id)
    assert [p.published_on for p in pubs] == [date(2026, 1, 15)]
    assert "已登记发布" in dialog.link_label.text()
    assert deadline.due_reminder(ws, today) == ""
    window._update_due_banner()
    assert "年度报告" not in window.banner_label.text()


def test_no_reminder_for_a_workspace_without_yearly_reports(ws: Workspace) -> None:
    assert deadline.due_reminder(ws, date(2026, 1, 20)) == ""  # neither a report nor a catalogue item about it
    ws.import_new(annual_item_template(), name="公开事项", year=2026)
    assert deadline.due_reminder(ws, date(2026, 1, 20)).startswith("2025年政府信息公开工作年度报告应于")


def test_unsaved_edits_are_not_dropped_silently(qtbot, ws: Workspace) -> None:
    dialog = open_dialog(qtbot, ws)
    dialog.tabs.setCurrentWidget(dialog.t3)
    type_into(qtbot, dialog.t3, "new_received", 0, "3")
    texts: list[str] = []
    seen = answer(QMessageBox.StandardButton.No, texts)
    dialog.year_spin.setFocus()
    qtbot.keyClick(dialog.year_spin, Qt.Key.Key_Up)  # another year
    assert seen and texts == ["2024年报告有未保存的修改。放弃这些修改吗？"]
    assert dialog.year_spin.value() == 2024 and dialog.t3.value("new_received", 0) == "3"
    seen = answer(QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen and dialog.isVisible()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.keyClick(dialog.year_spin, Qt.Key.Key_Up)  # saved: no question
    assert dialog.year_spin.value() == 2025 and dialog.t3.value("new_received", 0) == "0"
    assert store.get(ws, 2024).report.table3["new_received"][0] == 3


def test_title_bar_close_asks_before_dropping_typed_figures(qtbot, ws: Workspace) -> None:
    dialog = open_dialog(qtbot, ws)
    five = dialog.texts["五"]
    five.setFocus()
    five.insertPlainText("问题：栏目更新不及时。")
    assert dialog.dirty
    texts: list[str] = []
    seen = answer(QMessageBox.StandardButton.No, texts)
    dialog.close()  # the title-bar ✕
    assert seen and "未保存的修改" in texts[0] and dialog.isVisible()
    seen = answer(QMessageBox.StandardButton.Yes)
    dialog.close()
    assert seen and not dialog.isVisible()
