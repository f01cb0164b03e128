"""The yearly report's tables as an .xlsx workbook, laid out as printed and readable back.

Layout (sheet by sheet; rows and columns are 1-based as Excel shows them):

``报告``
    A1 ``年度`` / B1 the year (number); A2 ``机关`` / B2 the office; A3 ``标题`` / B3 the title;
    A4…A9 the part headings (``一、总体情况`` …) / B4…B9 the text of parts 一…六 (line breaks kept).

``表二`` (主动公开政府信息情况)
    A1:D1 the table title. The printed table from row 2, column A (4 columns). Values:
    规章 row 4 (B4 本年制发件数, C4 本年废止件数, D4 现行有效件数), 行政规范性文件 row 5 (B5:D5),
    行政许可 B8, 行政处罚 B11, 行政强制 B12, 行政事业性收费 B15 (each merged B:D). Column A holds the
    row labels as printed. The fee (万元) is written as text, exactly as stored, never as a float.

``表三`` (收到和处理政府信息公开申请情况)
    A1:J1 the table title; header rows 2–4 (A2:C4 the merged corner cell, D2:J2 申请人情况 …);
    data rows 5–29 in the spec's order (row 5 ``new_received`` … row 29 ``carried_forward``), label
    columns A–C as printed (merged), values in D–J: 自然人, 商业企业, 科研机构, 社会公益组织,
    法律服务机构, 其他, 总计. Column K repeats the row key of the app's JSON (``new_received`` …) for
    programs; it is outside the printed table.

``表四`` (政府信息公开行政复议、行政诉讼情况)
    A1:O1 the table title; header rows 2–4; values in row 5: A–E 行政复议, F–J 未经复议直接起诉,
    K–O 复议后起诉, each as 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.

Numbers that are integers are written as numbers; anything else (a decimal, "—", "/") as the text it
was stored as. An empty value is an empty cell.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zwgk_desktop.core.fileutil import atomic_path

from ._render_common import (
    PART_HEADINGS,
    PART_KEYS,
    T3_KEYS,
    Grid,
    clean,
    report_grids,
    report_title,
    section_paragraphs,
)

SHEET_INFO = "报告"
SHEET_NAMES: dict[str, str] = {"二": "表二", "三": "表三", "四": "表四"}
GRID_TOP = 2  # sheet row of the grid's first row
T3_FIRST_DATA_ROW = 5
T3_KEY_COLUMN = 11  # K
FONT = "仿宋"
_INT = re.compile(r"^-?\d+$")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# column widths (characters) per sheet
_WIDTHS: dict[str, list[float]] = {
    "二": [18, 16, 16, 16],
    "三": [10, 14, 40] + [8] * 7,
    "四": [7] * 15,
}


def _cell_value(text: str, kind: str, *, keep_text: bool) -> Any:
    if kind == "value" and not keep_text and _INT.match(text):
        return int(text)
    return text if text != "" else None


def _write_grid(ws: Worksheet, grid: Grid, title: str, widths: list[float], *, text_rows: set[int]) -> None:
    ws.cell(1, 1, title).font = Font(name="黑体", size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.cols)
    for r in range(grid.rows):
        for k in range(grid.cols):
            cell = ws.cell(GRID_TOP + r, k + 1)
            cell.border = _BORDER
            cell.font = Font(name=FONT, size=10)
    for c in grid.cells:
        row, col = GRID_TOP + c.row, c.col + 1
        cell = ws.cell(row, col, _cell_value(c.text, c.kind, keep_text=c.row in text_rows))
        if isinstance(cell.value, str) and c.kind == "value":
            cell.number_format = "@"
        cell.alignment = Alignment(horizontal="left" if c.kind == "label" else "center", vertical="center",
                                   wrap_text=True)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + c.rowspan - 1,
                           end_column=col + c.colspan - 1)
    for k, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_xlsx(report: dict[str, Any], path: Path) -> Path:
    """Write the report's tables (and its text on sheet 报告) to ``path`` atomically; returns ``path``."""
    target = Path(path)
    wb = Workbook()
    info = wb.active
    info.title = SHEET_INFO
    sections = report.get("sections") or {}
    rows: list[tuple[str, Any]] = [("年度", report.get("year")), ("机关", clean(report.get("office")).strip()),
                                   ("标题", report_title(report))]
    rows += [(PART_HEADINGS[key], "\n".join(section_paragraphs(sections.get(key)))) for key in PART_KEYS]
    for r, (label, value) in enumerate(rows, start=1):
        info.cell(r, 1, label).font = Font(name="黑体", size=11)
        cell = info.cell(r, 2, value)
        cell.font = Font(name=FONT, size=11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(value, str) and value:  # room for the wrapped text (Excel does not grow rows itself)
            lines = sum(1 + len(line) // 50 for line in value.split("\n"))
            info.row_dimensions[r].height = 15 * max(1, lines)
    info.column_dimensions["A"].width = 40
    info.column_dimensions["B"].width = 100

    grids = report_grids(report)
    fee_row = max(c.row for c in grids["二"].cells)  # the fee stays text
    for key, grid in grids.items():
        ws = wb.create_sheet(SHEET_NAMES[key])
        _write_grid(ws, grid, PART_HEADINGS[key], _WIDTHS[key], text_rows={fee_row} if key == "二" else set())
        if key == "三":
            for i, row_key in enumerate(T3_KEYS):
                ws.cell(T3_FIRST_DATA_ROW + i, T3_KEY_COLUMN, row_key).font = Font(size=8, color="808080")
            ws.column_dimensions[get_column_letter(T3_KEY_COLUMN)].width = 22
            ws.print_area = f"A1:J{GRID_TOP + grid.rows - 1}"
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
