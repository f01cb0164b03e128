"""Report actions driven like a user: options, save dialog, progress/cancel, open, print preview."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pypdf
import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui import report_actions, tasks
from zwgk_desktop.ui.print_preview import ReportPrintPreview, paint_pages
from zwgk_desktop.ui.report_actions import ReportOptionsDialog


@pytest.fixture
def ws(tmp_path, fixtures_dir):
    with Workspace.open(tmp_path / "ws") as workspace:
        workspace.update_settings(office="万善乡人民政府", clerk="张三")
        import_flow.commit(workspace, import_flow.prepare(workspace, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"))
        yield workspace


def _click(widget, name: str) -> None:
    button = widget.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def _save_as(monkeypatch, target: Path, seen: list[str] | None = None) -> None:
    def fake(parent, title, suggested, file_filter):
        if seen is not None:
            seen.append(suggested)
        return str(target), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)


def _press(box_text: str):
    def press(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == box_text).click()

    return press


def test_export_pdf_all_items(qtbot, ws, tmp_path, monkeypatch):
    suggested: list[str] = []
    _save_as(monkeypatch, tmp_path / "自查报告", suggested)  # no suffix typed: .pdf is added
    on_modal(ReportOptionsDialog, lambda d: _click(d, "okButton"))
    done = on_modal(QMessageBox, _press("关闭"), name="reportDoneBox")
    path = report_actions.export_pdf(None, ws, ws.checklist().id)
    assert path == tmp_path / "自查报告.pdf" and path.is_file()
    assert done
    assert Path(suggested[0]).name.startswith("社会救助领域基层政务公开标准目录-") and suggested[0].endswith(".pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    assert "万善乡人民政府" in text


def test_export_xlsx_one_category_then_open(qtbot, ws, tmp_path, monkeypatch):
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _save_as(monkeypatch, tmp_path / "低保台账.xlsx")
    seen: dict[str, object] = {}

    def choose_category(dialog: ReportOptionsDialog) -> None:
        seen["categories"] = [dialog.category_combo.itemData(i) for i in range(dialog.category_combo.count())]
        seen["owners"] = dialog.owner_combo.count()
        dialog.category_radio.setChecked(True)
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("最低生活保障"))
        _click(dialog, "okButton")

    on_modal(ReportOptionsDialog, choose_category)
    on_modal(QMessageBox, _press("打开文件"), name="reportDoneBox")
    path = report_actions.export_xlsx(None, ws, ws.checklist().id)
    assert seen["categories"] == ["综合业务", "最低生活保障", "特困人员救助供养", "临时救助"]
    assert seen["owners"] >= 1
    assert path is not None and path.is_file()
    assert [u.toLocalFile() for u in opened] == [str(path)]
    cells = [str(v) for sheet in openpyxl.load_workbook(path) for row in sheet.iter_rows(values_only=True)
             for v in row if v]
    assert any("办事指南" in c for c in cells)
    assert not any("监督检查" in c for c in cells)  # an item of 综合业务: outside the chosen category


def test_open_folder_button(qtbot, ws, tmp_path, monkeypatch):
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _save_as(monkeypatch, tmp_path / "out" / "r.pdf")
    (tmp_path / "out").mkdir()
    on_modal(ReportOptionsDialog, lambda d: _click(d, "okButton"))
    on_modal(QMessageBox, _press("打开所在文件夹"), name="reportDoneBox")
    report_actions.export_pdf(None, ws, ws.checklist().id)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "out")]


def test_options_cancel_writes_nothing(qtbot, ws, tmp_path, monkeypatch):
    _save_as(monkeypatch, tmp_path / "x.pdf")
    on_modal(ReportOptionsDialog, lambda d: _click(d, "cancelButton"))
    assert report_actions.export_pdf(None, ws, ws.checklist().id) is None
    assert not (tmp_path / "x.pdf").exists()


def _big_checklist(ws: Workspace, tmp_path: Path, n: int = 1500) -> str:
    path = tmp_path / "大目录.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开时限", "公开主体"])
    for i in range(n):
        sheet.append([i + 1, f"领域{i % 15}", f"事项{i}", "公开内容" * 8, "信息形成或者变更之日起20个工作日内", "县民政局"])
    wb.save(path)
    info, _ = import_flow.commit(ws, import_flow.prepare(ws, path))
    return info.id


def test_cancel_during_generation_leaves_no_file(qtbot, ws, tmp_path, monkeypatch):
    checklist_id = _big_checklist(ws, tmp_path)
    target = tmp_path / "大报告.pdf"
    _save_as(monkeypatch, target)
    on_modal(ReportOptionsDialog, lambda d: _click(d, "okButton"))
    cancelled = on_modal(tasks.TaskProgressDialog, lambda d: _click(d, "cancelButton"))
    assert report_actions.export_pdf(None, ws, checklist_id) is None
    assert cancelled
    assert not target.exists()
    assert list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*tmp")) == []


def test_print_preview_pages(qtbot, ws, tmp_path):
    seen: dict[str, object] = {}

    def look(preview: ReportPrintPreview) -> None:
        seen["pages"] = len(preview.images)
        seen["size"] = (preview.images[0].width(), preview.images[0].height())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        paint_pages(printer, preview.images)
        preview.reject()

    on_modal(ReportOptionsDialog, lambda d: _click(d, "okButton"))
    on_modal(ReportPrintPreview, look)
    assert report_actions.print_report(None, ws, ws.checklist().id) is False
    assert seen["pages"] >= 2
    width, height = seen["size"]
    assert 1.35 < height / width < 1.48  # A4 portrait
    assert len(pypdf.PdfReader(str(tmp_path / "printed.pdf")).pages) == seen["pages"]
