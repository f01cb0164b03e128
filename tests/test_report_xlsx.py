"""The Excel ledger: read back with openpyxl and compare with the input."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from test_report_data import URL, make_report

from zwgk_desktop.core.progress import Cancelled
from zwgk_desktop.core.reports import write_xlsx
from zwgk_desktop.core.reports.xlsx import LEDGER_COLUMNS
from zwgk_desktop.core.types import Status


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    data = make_report()
    data.items[1].row.note = "=SUM(A1)\x07 见附件"  # formula-like text and a control character
    path = tmp_path_factory.mktemp("xlsx") / "台账.xlsx"
    assert write_xlsx(data, path) == path
    return path, data


def _col(name: str) -> int:
    return [h for h, _ in LEDGER_COLUMNS].index(name) + 1


def test_ledger_matches_input(ledger) -> None:  # noqa: ANN001
    path, data = ledger
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["台账", "汇总"]
    ws = wb["台账"]
    assert ws.max_row == len(data.items) + 1
    assert [c.value for c in ws[1]] == [h for h, _ in LEDGER_COLUMNS]
    for r, item in enumerate(data.items, 2):
        row = item.row
        assert ws.cell(r, _col("编号")).value == row.code
        assert ws.cell(r, _col("分类")).value == " / ".join(row.path)
        assert ws.cell(r, _col("事项")).value == row.title
        assert ws.cell(r, _col("状态")).value == row.status.label
        assert ws.cell(r, _col("责任单位")).value == "、".join(row.owners)
        assert ws.cell(r, _col("是否逾期")).value == ("是" if item.overdue else "否")
        due = ws.cell(r, _col("到期日"))
        assert isinstance(due.value, datetime) and due.value.date() == row.due
        assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert ws.cell(2, _col("状态")).value == Status.DONE.label == "已完成"
    link = ws.cell(2, _col("公开链接"))
    assert link.value == URL and link.hyperlink is not None and link.hyperlink.target == URL
    assert ws.cell(2, _col("最近公开日期")).value.date() == data.items[0].publications[0].published
    assert "2024年3月低保对象初审名单公示照片.jpg（ab12cd34）" in ws.cell(2, _col("佐证材料")).value
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref == f"A1:T{len(data.items) + 1}"
    assert ws.column_dimensions["D"].width == max(w for _, w in LEDGER_COLUMNS)  # 内容, the longest text
    assert ws.cell(2, _col("内容")).alignment.wrap_text


def test_text_is_never_a_formula_and_has_no_control_chars(ledger) -> None:  # noqa: ANN001
    path, _ = ledger
    ws = openpyxl.load_workbook(path)["台账"]
    note = ws.cell(3, _col("备注"))
    assert note.value == "=SUM(A1) 见附件"
    assert note.data_type == "s"


def test_summary_sheet(ledger) -> None:  # noqa: ANN001
    path, data = ledger
    ws = openpyxl.load_workbook(path)["汇总"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    by_name = {row[0]: row for row in values if row and row[0]}
    assert by_name["填报单位"][1] == "万善乡人民政府"
    assert by_name["最低生活保障"][1] == sum(1 for i in data.items if i.category == "最低生活保障")
    assert by_name["合计"][1] == len(data.items)
    heads = next(row for row in values if row[0] == "分类")
    assert "已完成" in heads and "需整改" in heads and "完成率" in heads


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_xlsx(make_report(), tmp_path / "台账.xlsx", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_cancel_mid_stream_leaves_no_temp_file(tmp_path: Path) -> None:
    """Rows are streamed to openpyxl's temp file: a cancel after some rows removes it too."""
    from openpyxl.worksheet import _writer

    data = make_report()
    data.items = data.items * (250 // len(data.items) + 1)  # more than one progress step of 100 rows
    asked = []
    before = set(_writer.ALL_TEMP_FILES)
    with pytest.raises(Cancelled):
        write_xlsx(data, tmp_path / "台账.xlsx", cancelled=lambda: asked.append(1) or len(asked) > 2)
    made = set(_writer.ALL_TEMP_FILES) - before
    assert made and not any(os.path.exists(f) for f in made)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_opens_the_ledger(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    """A real office suite reads the file: LibreOffice converts the 台账 sheet to CSV with every item."""
    path, data = ledger
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    proc = subprocess.run(["soffice", "--headless", "--norestore", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=180, env=env)
    out = tmp_path / (path.stem + ".csv")
    assert out.is_file(), proc.stdout + proc.stderr
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][: 3] == [h for h, _ in LEDGER_COLUMNS][:3]
    assert len(rows) == len(data.items) + 1
    assert [r[2] for r in rows[1:]] == [it.row.title for it in data.items]
