"""The Excel ledger (台账): one row per item with every field, plus a 汇总 sheet.

Written so Excel, WPS and LibreOffice open it without a repair prompt: no control characters, no
text that openpyxl would take for a formula, cell text within Excel's 32,767-character limit,
hyperlinks only for plain http(s) URLs, short sheet names.

Both sheets are written in openpyxl's write-only mode: ledger rows are streamed to the file as they are
made (memory stays flat), each cell copying a style prepared once. The small 汇总 sheet is laid out in a
``_SheetBuffer`` (cells in any order, merges) and then streamed row by row.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn

from .cellfit import row_height, wrapped_lines
from .data import ReportData, ReportItem
from .summary import STATUS_ORDER, format_rate, summarize

LEDGER_SHEET = "台账"
SUMMARY_SHEET = "汇总"
DATE_FORMAT = "yyyy-mm-dd"
MAX_CELL = 32_000  # Excel's limit is 32,767 characters
MAX_URL = 2_000  # Excel refuses longer hyperlink targets
_URL_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)

# (header, width in characters). Narrow enough that the whole row, fitted to the width of a landscape A4
# page, prints at 60% (11 pt text at 6.6 pt); long text wraps within the column instead.
LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 6),
    ("分类", 11),
    ("事项", 14),
    ("内容", 22),
    ("公开依据", 16),
    ("公开时限", 13),
    ("责任单位", 12),
    ("公开渠道", 11),
    ("公开对象", 8),
    ("公开方式", 7),
    ("公开层级", 8),
    ("状态", 7),
    ("到期日", 11.5),
    ("承办人", 7),
    ("备注", 15),
    ("最近公开日期", 11.5),
    ("最近公开渠道", 10),
    ("公开链接", 18),
    ("佐证材料", 20),
    ("是否逾期", 6),
)
DATE_COLUMNS = {"到期日", "最近公开日期"}
LINK_COLUMN = "公开链接"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
THIN = Side(style="thin", color="A0A0A0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
MIDDLE_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
MIDDLE = Alignment(vertical="center")
LINK_FONT = Font(color="0563C1", underline="single")
OVERDUE_FONT = Font(color="B00000")


def clean_cell(text: str | None) -> str:
    """Cell text Excel accepts: no control characters (tabs and newlines stay), length capped."""
    if not text:
        return ""
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


class _SheetBuffer:
    """A write-only sheet laid out cell by cell before it is streamed: ``cell()`` and ``merge_cells()`` as on
    a normal sheet; every other attribute (print setup, dimensions, panes) is the sheet's own."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        object.__setattr__(self, "_ws", ws)
        object.__setattr__(self, "_cells", {})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ws, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._ws, name, value)

    def cell(self, row: int, column: int, value: Any = None) -> Cell:
        cell = self._cells.get((row, column))
        if cell is None:
            cell = self._cells[(row, column)] = Cell(self._ws, row=row, column=column)
        if value is not None:
            cell.value = value
        return cell

    def merge_cells(self, ref: str) -> None:
        self._ws.merged_cells.add(CellRange(ref))

    def flush(self) -> None:
        """Stream the cells to the sheet, row by row."""
        last_row = max((r for r, _ in self._cells), default=0)
        last_col = max((c for _, c in self._cells), default=0)
        for r in range(1, last_row + 1):
            self._ws.append([self._cells.get((r, c)) for c in range(1, last_col + 1)])


Sheet = _SheetBuffer | WriteOnlyWorksheet


def _set_text(ws: _SheetBuffer, row: int, col: int, text: str) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = clean_cell(text)
    cell.data_type = "s"  # never a formula, even when the text starts with '='
    return cell


def _join(values: list[str], sep: str = "、") -> str:
    return sep.join(v for v in values if v)


def _ledger_values(item: ReportItem) -> dict[str, Any]:
    row = item.row
    pub = item.latest_publication
    evidence = "\n".join(
        f"{ev.name}（{ev.short_hash}）" if ev.short_hash else ev.name for ev in item.evidence
    )
    return {
        "编号": row.code,
        "分类": " / ".join(row.path),
        "事项": row.title,
        "内容": row.content,
        "公开依据": row.basis,
        "公开时限": row.deadline,
        "责任单位": _join(row.owners),
        "公开渠道": _join(row.channels),
        "公开对象": _join(row.audience),
        "公开方式": _join(row.mode),
        "公开层级": _join(row.level),
        "状态": row.status.label,
        "到期日": row.due,
        "承办人": row.assignee,
        "备注": row.note,
        "最近公开日期": pub.published if pub else None,
        "最近公开渠道": pub.channel if pub else "",
        "公开链接": pub.url if pub else "",
        "佐证材料": evidence,
        "是否逾期": "是" if item.overdue else "否",
    }


def _header(ws: _SheetBuffer, row: int, headers: list[str], widths: list[float] | None = None) -> None:
    """A header row; with ``widths`` (per column) its height fits the wrapped header text."""
    for col, name in enumerate(headers, 1):
        cell = _set_text(ws, row, col, name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTER
    if widths:
        lines = max(wrapped_lines(name, width) for name, width in zip(headers, widths))
        ws.row_dimensions[row].height = row_height(lines)


def _print_setup(ws: Sheet, title_rows: str, footer: str) -> None:
    """Landscape A4, fitted to the page width, ``title_rows`` repeated on every page, page numbers below."""
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.left.text = clean_cell(footer).replace("&", "&&")[:200]
    ws.oddFooter.left.size = 9
    ws.oddFooter.right.text = "第 &P 页 共 &N 页"
    ws.oddFooter.right.size = 9


def _text_cell(ws: WriteOnlyWorksheet, row: int, col: int, text: str, style: Cell) -> Cell:
    """A text cell (never a formula) with the style of the prepared ``style`` cell."""
    cell = Cell(ws, row=row, column=col, value=text, style_array=style._style)
    cell.data_type = "s"
    return cell


def _write_ledger(
    ws: WriteOnlyWorksheet, data: ReportData, progress: ProgressFn | None, cancelled: CancelledFn | None
) -> None:
    headers = [name for name, _ in LEDGER_COLUMNS]
    widths = [width for _, width in LEDGER_COLUMNS]
    total = len(data.items)
    # everything written before the rows (columns, panes) or kept for the end (filter, print setup)
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    last = get_column_letter(len(headers))
    ws.freeze_panes = "D2"  # header row and 编号/分类/事项 stay visible
    ws.auto_filter.ref = f"A1:{last}{max(total + 1, 1)}"
    _print_setup(ws, "1:1", data.title)

    head = _SheetBuffer(ws)
    _header(head, 1, headers, widths)
    head.flush()

    # one prepared style per kind of cell, copied into each cell
    plain = Cell(ws)
    plain.alignment = WRAP
    plain.border = BORDER
    dated = Cell(ws, style_array=plain._style)
    dated.number_format = DATE_FORMAT
    link = Cell(ws, style_array=plain._style)
    link.font = LINK_FONT
    late = Cell(ws, style_array=plain._style)
    late.font = OVERDUE_FONT
    overdue_col = headers.index("是否逾期")
    link_col = headers.index(LINK_COLUMN)
    for r, item in enumerate(data.items, 2):
        if (r - 2) % 100 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(r - 2, total)
        values = _ledger_values(item)
        lines = 1
        cells: list[Cell] = []
        for c, name in enumerate(headers):
            value = values[name]
            if value is None:
                cell = Cell(ws, row=r, column=c + 1, style_array=plain._style)
            elif isinstance(value, date):
                cell = Cell(ws, row=r, column=c + 1, value=value, style_array=dated._style)
            else:
                text = clean_cell(str(value))
                if text:
                    lines = max(lines, wrapped_lines(text, widths[c]))
                if c == link_col and _URL_RE.match(text) and len(text) <= MAX_URL:
                    cell = _text_cell(ws, r, c + 1, text, link)
                    cell.hyperlink = text
                else:
                    cell = _text_cell(ws, r, c + 1, text, late if c == overdue_col and item.overdue else plain)
            cells.append(cell)
        ws.row_dimensions[r].height = row_height(lines)
        ws.append(cells)


SUMMARY_WIDTHS = (28, 11, 11, 11, 11, 11, 11, 11, 11)  # 分类 and one column per figure
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)


def _fit_row(ws: _SheetBuffer, row: int, texts: list[tuple[str, float]], line_points: float = 15.0) -> None:
    """Set the height of ``row`` from its wrapped texts, given as (text, width of its column or merge)."""
    lines = max((wrapped_lines(text, width) for text, width in texts if text), default=1)
    ws.row_dimensions[row].height = row_height(lines, line_points)


def _section(ws: _SheetBuffer, row: int, title: str) -> None:
    _set_text(ws, row, 1, title).font = SECTION_FONT
    ws.row_dimensions[row].height = row_height(1, line_points=18)  # 12 pt


def _write_summary(ws: _SheetBuffer, data: ReportData) -> None:
    summary = summarize(data)
    n_cols = len(SUMMARY_WIDTHS)
    last = get_column_letter(n_cols)
    full, rest = float(sum(SUMMARY_WIDTHS)), float(sum(SUMMARY_WIDTHS[1:]))
    info = [
        ("填报单位", data.office_name),
        ("清单名称", data.checklist),
        ("自查期间", data.period),
        ("统计范围", data.scope),
        ("编制日期", data.generated),
        ("填报人", data.clerk),
    ]
    title = _set_text(ws, 1, 1, data.title)
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A1:{last}1")
    _fit_row(ws, 1, [(data.title, full * 11 / 14)], line_points=20)  # 14 pt text: fewer characters a line
    r = 3
    for key, value in info:
        key_cell = _set_text(ws, r, 1, key)
        key_cell.font = HEADER_FONT
        key_cell.alignment = MIDDLE_LEFT
        if isinstance(value, date):
            ws.cell(row=r, column=2, value=value).number_format = DATE_FORMAT
            ws.cell(row=r, column=2).alignment = Alignment(horizontal="left", vertical="center")
        else:
            _set_text(ws, r, 2, value).alignment = MIDDLE_LEFT
        _fit_row(ws, r, [(value if isinstance(value, str) else "", rest)])
        ws.merge_cells(f"B{r}:{last}{r}")
        r += 1

    r += 1
    _section(ws, r, "各分类完成情况")
    r += 1
    headers = ["分类", "事项数", *(st.label for st in STATUS_ORDER), "逾期", "完成率"]
    _header(ws, r, headers, list(SUMMARY_WIDTHS))
    for stat in [*summary.categories, summary.total]:
        r += 1
        values: list[Any] = [stat.name, stat.total, *(stat.counts[st] for st in STATUS_ORDER), stat.overdue]
        for c, value in enumerate(values, 1):
            cell = (
                _set_text(ws, r, c, value)
                if isinstance(value, str)
                else ws.cell(row=r, column=c, value=value)
            )
            cell.border = BORDER
            cell.alignment = MIDDLE
        ws.cell(row=r, column=1).alignment = MIDDLE_LEFT
        _fit_row(ws, r, [(stat.name, SUMMARY_WIDTHS[0])])
        rate = ws.cell(row=r, column=len(headers), value=stat.rate if stat.rate is not None else None)
        rate.number_format = "0.0%"
        rate.border = BORDER
        rate.alignment = MIDDLE
        if stat is summary.total:
            for c in range(1, len(headers) + 1):
                ws.cell(row=r, column=c).font = HEADER_FONT

    r += 2
    _section(ws, r, "公开时效情况")
    r += 1
    _header(ws, r, ["项目", "数量"], list(SUMMARY_WIDTHS[:2]))
    judged = summary.on_time + summary.late
    rows: list[tuple[str, Any]] = [
        ("公开记录", summary.publications),
        ("按时公开", summary.on_time),
        ("超期公开", summary.late),
        ("无法判定时效", summary.unjudged),
        ("按时公开率（可判定记录）", format_rate(summary.on_time / judged if judged else None)),
        ("有公开记录的事项", summary.published_items),
        ("逾期事项", summary.overdue_items),
    ]
    for key, value in rows:
        r += 1
        key_cell = _set_text(ws, r, 1, key)
        key_cell.border = BORDER
        key_cell.alignment = MIDDLE_LEFT
        cell = _set_text(ws, r, 2, value) if isinstance(value, str) else ws.cell(row=r, column=2, value=value)
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="right", vertical="center")
        _fit_row(ws, r, [(key, SUMMARY_WIDTHS[0])])

    for c, width in enumerate(SUMMARY_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"  # the title row stays visible
    _print_setup(ws, "1:1", data.title)
    ws.flush()


def _placed_cells(cells: list[Cell | None], row_idx: int) -> Iterator[Cell]:
    """The cells of one appended row, as made (row and column already set); None leaves a gap."""
    return (cell for cell in cells if cell is not None)


def _cell_sheet(wb: Workbook, title: str) -> WriteOnlyWorksheet:
    """A write-only sheet whose rows are lists of ready cells. openpyxl's own conversion first tries each
    item as a plain value and formats an error message for every cell given (a sixth of the time)."""
    ws = wb.create_sheet(title)
    ws._values_to_row = _placed_cells
    return ws


def _discard(wb: Workbook) -> None:
    """Close and remove the temp files of the sheets streamed so far (a cancelled or failed export)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            if ws._rows is not None:
                ws._rows.close()
            writer.close()
        if isinstance(writer.out, str):
            with contextlib.suppress(OSError):
                os.remove(writer.out)


def write_xlsx(
    data: ReportData,
    path: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Path:
    """Write the ledger workbook to ``path`` (atomically); raises Cancelled on cancellation."""
    target = Path(path)
    wb = Workbook(write_only=True)
    try:
        _write_ledger(_cell_sheet(wb, LEDGER_SHEET), data, progress, cancelled)
        _write_summary(_SheetBuffer(_cell_sheet(wb, SUMMARY_SHEET)), data)
        wb.properties.creator = "zwgk-desktop"
        wb.properties.title = clean_cell(data.title)[:255]
        if cancelled is not None and cancelled():
            raise Cancelled()
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except BaseException:
        _discard(wb)
        raise
    if progress is not None:
        progress(len(data.items), len(data.items))
    return target
