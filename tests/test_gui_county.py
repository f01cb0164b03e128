"""The county's view in the window: 导出报送包… from a township, 导入报送包… in the county's workspace
(a bad package is refused with its message, nothing written), and 县级汇总 with the matrix, search, the
rankings, and the drill-down to an office's items whose evidence opens from the package."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from county_workspaces import Offices, export, make_offices
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from test_gui_main import type_chinese

from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.ui.county_dialog import CountyDialog, OfficeItemsDialog
from zwgk_desktop.ui.main_window import MainWindow


@pytest.fixture
def offices(tmp_path: Path, fixtures_dir: Path) -> Offices:
    return make_offices(tmp_path, fixtures_dir)


def _window(qtbot, ws: Workspace, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    win = MainWindow(ws, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    return win


def test_township_exports_its_package_from_the_file_menu(qtbot, offices: Offices, tmp_path: Path) -> None:
    ws = Workspace.open(offices.township_a)
    try:
        win = _window(qtbot, ws, tmp_path)
        file_menu = win.menuBar().actions()[0].menu()
        texts = [a.text() for a in file_menu.actions()]
        assert {"导入报送包…", "县级汇总…"} <= set(texts)
        export_menu = next(a.menu() for a in file_menu.actions() if a.text() == "导出(&E)")
        assert {"导出报送包…", "导出佐证材料包…"} <= {a.text() for a in export_menu.actions()}
        seen: list[str] = []
        on_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
        out = win.export_package(tmp_path / "万善乡.zip", with_evidence=True)
        assert out is not None and seen[-1].startswith("已导出报送包：") and "万善乡，12 项，佐证文件 1 个" in seen[-1]
        with zipfile.ZipFile(out) as zf:
            manifest = json.loads(zf.read("manifest.json"))
        assert manifest["office"] == "万善乡" and manifest["counts"]["done"] == 3
        assert "导出佐证材料包…" in {a.text() for a in export_menu.actions()}
        on_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
        pack = win.export_evidence_pack(tmp_path / "佐证材料包.zip")
        assert pack is not None and "12 个事项，文件 1 个，链接 1 个" in seen[-1]
        assert "索引.xlsx" in zipfile.ZipFile(pack).namelist()
    finally:
        ws.close()


def test_county_imports_packages_and_refuses_a_bad_one(qtbot, offices: Offices, tmp_path: Path) -> None:
    a = export(offices.township_a, tmp_path / "a.zip")
    d = export(offices.department, tmp_path / "d.zip")
    half = tmp_path / "half.zip"
    half.write_bytes(a.read_bytes()[:200])
    ws = Workspace.open(offices.county)
    try:
        win = _window(qtbot, ws, tmp_path)
        seen: list[str] = []
        on_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
        assert win.import_packages([a, half]) is None  # one bad file: nothing imported
        assert "half.zip" in seen[-1] and "没有写完整" in seen[-1]
        assert not (offices.county / "county").exists()
        on_modal(QMessageBox, lambda box: (seen.append(box.text()), box.accept()))
        outcomes = win.import_packages([a, d])
        assert [o.action for o in outcomes] == ["added", "added"]
        assert "万善乡（a.zip）：已导入" in seen[-1] and "县民政局（d.zip）：已导入" in seen[-1]
    finally:
        ws.close()


def test_rollup_matrix_search_rankings_and_drill_down(qtbot, offices: Offices, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    packages = [export(f, tmp_path / f"{f.name}.zip")
                for f in (offices.township_a, offices.township_b, offices.department)]
    ws = Workspace.open(offices.county)
    try:
        win = _window(qtbot, ws, tmp_path)
        on_modal(QMessageBox, lambda box: box.accept())
        win.import_packages(packages)
        shown: list[CountyDialog] = []

        def look(dialog: CountyDialog) -> None:
            shown.append(dialog)
            dialog.reject()

        on_modal(CountyDialog, look)
        win.act_rollup.trigger()
        assert shown and shown[0].matrix.rowCount() == 3

        dialog = CountyDialog(ws)
        qtbot.addWidget(dialog)
        dialog.show()
        m = dialog.matrix
        headers = [m.horizontalHeaderItem(c).text() for c in range(m.columnCount())]
        assert headers[:5] == ["单位", "类型", "名次", "完成率", "较上次"] and "最低生活保障" in headers
        rows = {m.item(r, 0).text(): r for r in range(m.rowCount())}
        assert set(rows) == {"万善乡", "城关镇", "县民政局"}
        wanshan = rows["万善乡"]
        assert m.item(wanshan, 1).text() == "乡镇（街道）" and m.item(wanshan, 2).text() == "1"
        assert m.item(rows["县民政局"], 1).text() == "部门"
        cell = m.item(wanshan, headers.index("最低生活保障")).text()
        assert cell == "1/3\n逾期0 超时1 无佐证3"
        assert dialog.townships.rowCount() == 2 and dialog.departments.rowCount() == 1
        assert dialog.townships.item(0, 1).text() == "万善乡" and dialog.townships.item(1, 1).text() == "城关镇"

        annual = dialog.annual
        assert annual.horizontalHeaderItem(1).text() == "2024年度"
        years = {annual.item(r, 0).text(): annual.item(r, 1).text() for r in range(annual.rowCount())}
        assert years["城关镇"] == "未报送" and years["县民政局"] == "未报送"
        assert years["万善乡"].startswith("已报送，未登记公开\n错误")
        type_chinese(dialog.search, "城关")
        assert m.rowCount() == 1 and m.item(0, 0).text() == "城关镇" and dialog.count_label.text() == "1 个单位"
        dialog.search.clear()
        assert m.rowCount() == 3

        row = [r for r in range(m.rowCount()) if m.item(r, 0).text() == "万善乡"][0]
        qtbot.mouseClick(m.viewport(), Qt.MouseButton.LeftButton, pos=m.visualRect(m.model().index(row, 0)).center())
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        drill = dialog.office_dialog
        assert isinstance(drill, OfficeItemsDialog) and drill.isVisible() and drill.office == "万善乡"
        assert drill.windowTitle().startswith("万善乡 的事项（报送于 ")
        assert drill.table.rowCount() == 12 and drill.table.item(0, 2).text() == "已完成"
        assert drill.table.item(2, 4).text() == "1（超时1）"
        assert not drill.table.editTriggers()  # read-only
        assert drill.evidence.count() == 1 and drill.evidence.item(0).text() == "公示照片.txt"
        opened: list = []
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
        drill.evidence.setCurrentRow(0)
        qtbot.keyClick(drill.evidence, Qt.Key.Key_Return)
        assert len(opened) == 1 and Path(opened[0].toLocalFile()).read_bytes() == offices.evidence_bytes
        drill.table.selectRow(1)
        assert drill.evidence.item(0).text() == "低保名单"
        drill.evidence.setCurrentRow(0)
        qtbot.keyClick(drill.evidence, Qt.Key.Key_Return)
        assert opened[-1].toString() == "https://www.example.gov.cn/dibao"
        drill.close()
        dialog.close()
    finally:
        ws.close()
