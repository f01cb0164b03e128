"""The Excel ledger prints: page setup and row heights read back with openpyxl, then printed by LibreOffice."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from test_report_data import make_report

from zwgk_desktop.core.reports import write_xlsx
from zwgk_desktop.core.reports.cellfit import LINE_POINTS, MAX_ROW_POINTS, text_units, wrapped_lines
from zwgk_desktop.core.reports.xlsx import LEDGER_COLUMNS
from zwgk_desktop.paths import cjk_font_path

HEADERS = [h for h, _ in LEDGER_COLUMNS]
WIDTHS = dict(LEDGER_COLUMNS)
LONG_CONTENT = "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式" * 4  # 160 characters


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = make_report(4)  # 48 items: several printed pages
    data.office = "某某县某某镇人民政府办公室"
    data.items[2].row.content = LONG_CONTENT
    data.items[3].row.note = "说明" * 3000  # far beyond what a row can show
    path = tmp_path_factory.mktemp("xlsx-print") / "台账.xlsx"
    write_xlsx(data, path)
    return path


@pytest.mark.parametrize("sheet, frozen", [("台账", "D2"), ("汇总", "A2")])
def test_page_setup(workbook: Path, sheet: str, frozen: str) -> None:
    ws = openpyxl.load_workbook(workbook)[sheet]
    setup = ws.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0  # one page wide, as many down as needed
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"  # repeated on every printed page
    assert ws.freeze_panes == frozen
    assert ws.oddFooter.right.text == "第 &P 页 共 &N 页"


def test_column_widths_fit_a_landscape_page_at_a_readable_scale(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["台账"]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, len(HEADERS) + 1)]
    assert widths == [w for _, w in LEDGER_COLUMNS]
    # Excel: a column of width w is w * 7 + 5 pixels (Calibri 11) at 96 dpi; the printable width of landscape
    # A4 with 0.4 in margins is 10.89 in. Fitted to it, 11 pt text must stay at least 6.5 pt.
    pixels = sum(w * 7 + 5 for w in widths)
    scale = 10.89 * 96 / pixels
    assert scale * 11 >= 6.5, scale
    # every column shows at least two Chinese characters a line, and a date on one line
    assert min(widths) >= 2 * 2.1 + 0.3
    assert WIDTHS["到期日"] >= text_units("2024-03-15") + 0.3


def test_cells_wrap_and_rows_are_as_tall_as_their_text(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["台账"]
    content = HEADERS.index("内容") + 1
    for r in range(2, ws.max_row + 1):
        assert all(ws.cell(r, c).alignment.wrap_text for c in range(1, len(HEADERS) + 1))
        height = ws.row_dimensions[r].height
        assert height is not None and LINE_POINTS <= height <= MAX_ROW_POINTS
    # 160 Chinese characters, each at least 2 column units wide, in a column of WIDTHS["内容"] units
    long_row = ws.row_dimensions[4].height
    at_least = math.ceil(len(LONG_CONTENT) * 2 / WIDTHS["内容"])
    assert ws.cell(4, content).value == LONG_CONTENT
    assert long_row >= at_least * LINE_POINTS, (long_row, at_least)
    assert ws.row_dimensions[5].height == MAX_ROW_POINTS  # 6,000 characters: capped at Excel's limit
    # a row of short text stays a few lines tall; the header row fits 最近公开日期 on two lines
    short_rows = [ws.row_dimensions[r].height for r in range(6, ws.max_row + 1)]
    assert max(short_rows) < long_row / 2
    assert 2 * LINE_POINTS <= ws.row_dimensions[1].height < 3 * LINE_POINTS


def test_summary_rows_fit_their_text(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["汇总"]
    assert ws.cell(1, 1).alignment.wrap_text and "A1:I1" in {str(m) for m in ws.merged_cells.ranges}
    heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert all(h is not None and h >= LINE_POINTS for h in heights)


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("", 10, 1),
        ("全社会", 8, 1),  # 6.3 units in 7.7
        ("特定群众", 8, 2),
        ("制定或获取信息之日起10个工作日内", 15, 3),  # 15 Chinese characters (2.1 units) and 2 digits, 14.7 a line
        ("a\nb\nc", 10, 3),  # each line break starts a line
        # 64 units, 21.7 a line, broken after a '/': http:// | www.wanshan.gov.cn/ | zwgk/shjz/202403/ | t2024…html
        ("http://www.wanshan.gov.cn/zwgk/shjz/202403/t20240305_123456.html", 22, 4),
        ("公示照片 photo_2024_03_05.jpg", 12, 3),  # the Latin word does not break inside while it fits a line
    ],
)
def test_wrapped_lines(text: str, width: float, lines: int) -> None:
    assert wrapped_lines(text, width) == lines


# ---------------------------------------------------------------- printed by LibreOffice


def _print_with_libreoffice(xlsx: Path, out: Path) -> Path:
    home = out / "home"  # a private LibreOffice profile, with the bundled Chinese font for the glyphs
    (home / ".fonts").mkdir(parents=True)
    shutil.copy(cjk_font_path(), home / ".fonts")
    env = {**os.environ, "HOME": str(home)}
    proc = subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    pdf = out / (xlsx.stem + ".pdf")
    assert pdf.is_file(), proc.stdout + proc.stderr
    return pdf


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_prints_the_ledger_landscape_with_the_header_on_every_page(
    workbook: Path, tmp_path: Path
) -> None:
    reader = PdfReader(_print_with_libreoffice(workbook, tmp_path))
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    # 48 items over a few pages for the ledger, then the summary; never one page per column strip
    assert 3 <= len(pages) <= 20, len(pages)
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
        assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595  # A4
    summary = next(i for i, text in enumerate(pages) if "各分类完成情况" in text)
    assert summary >= 2  # the ledger took at least two pages
    header = "".join(HEADERS[:6])  # 编号分类事项内容公开依据公开时限
    for n, text in enumerate(pages[:summary], 1):
        assert header in text, f"page {n} has no header row"  # repeated on page 2 and after
        assert f"第{n}页共{summary}页" in text or f"第{n}页共{len(pages)}页" in text  # the page footer
    assert "是否逾期" in pages[1]  # all twenty columns on the page: fitted to the width
    items = re.findall(r"公示照片_(\d+)\.jpg", "".join(pages[:summary]))
    assert len(set(items)) == 47  # every item printed (item 0 has another evidence name)
    assert "某某县某某镇人民政府办公室社会救助领域基层政务公开标准目录政务公开自查报告" in pages[summary]
