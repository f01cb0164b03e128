"""The yearly report as a PDF in 公文 style.

A4 with the 公文 margins (上37mm 下35mm 左28mm 右26mm); the title centred in 黑体 二号, part headings
一、… in 黑体 三号, sub-heads （一）… in 楷体, body text in 仿宋 三号 with a two-character indent; tables
二, 三 and 四 fully ruled with their merged headers as the format prints them; page numbers "- n -"
centred below the text. Fonts come from :mod:`official_fonts` (embedded as subsets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.reports.cjk import ParaMaker, split_runs
from zwgk_desktop.core.reports.fonts import LATIN_NAME

from ._render_common import (
    PART_HEADINGS,
    PART_KEYS,
    Grid,
    is_subhead,
    report_grids,
    report_title,
    section_paragraphs,
)
from .official_fonts import OfficialFonts, find_official_fonts

MARGIN_TOP = 37 * mm
MARGIN_BOTTOM = 35 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
TEXT_WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 16  # 三号
BODY_LEADING = 28  # 固定值28磅
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 9
PAGE_NUMBER_SIZE = 14  # 四号
PAGE_NUMBER_Y = 20 * mm  # baseline above the paper's bottom edge


class _Styles:
    def __init__(self, fonts: OfficialFonts) -> None:
        def st(name: str, font: str, size: float, leading: float, **kw: Any) -> ParaMaker:
            return ParaMaker(ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                                            wordWrap="CJK", **kw), fonts.latin)

        indent = 2 * BODY_SIZE
        self.title = st("ar-title", fonts.heiti, TITLE_SIZE, 34, alignment=TA_CENTER, spaceAfter=20)
        self.title_first = st("ar-title-1", fonts.heiti, TITLE_SIZE, 34, alignment=TA_CENTER, keepWithNext=1)
        # a heading never stays alone at the foot of a page
        self.heading = st("ar-h1", fonts.heiti, BODY_SIZE, BODY_LEADING, firstLineIndent=indent, keepWithNext=1)
        self.subhead = st("ar-h2", fonts.kaiti, BODY_SIZE, BODY_LEADING, firstLineIndent=indent, keepWithNext=1)
        self.body = st("ar-body", fonts.fangsong, BODY_SIZE, BODY_LEADING, firstLineIndent=indent,
                       alignment=TA_JUSTIFY)
        self.cell = st("ar-cell", fonts.fangsong, TABLE_SIZE, TABLE_SIZE + 3, alignment=TA_LEFT)
        self.cell_c = st("ar-cell-c", fonts.fangsong, TABLE_SIZE, TABLE_SIZE + 3, alignment=TA_CENTER)
        self.head_c = st("ar-head-c", fonts.heiti, TABLE_SIZE, TABLE_SIZE + 3, alignment=TA_CENTER)
        self.fonts = fonts


def _grid_table(grid: Grid, s: _Styles) -> Table:
    data: list[list[Any]] = [["" for _ in range(grid.cols)] for _ in range(grid.rows)]
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), s.fonts.fangsong),  # empty cells too: never Helvetica
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for c in grid.cells:
        maker = {"title": s.cell_c, "head": s.cell_c, "label": s.cell, "value": s.cell_c}[c.kind]
        data[c.row][c.col] = maker.cell(c.text)
        if c.rowspan > 1 or c.colspan > 1:
            cmds.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
    total = sum(grid.widths)
    widths = [TEXT_WIDTH * w / total for w in grid.widths]
    return Table(data, colWidths=widths, style=TableStyle(cmds), repeatRows=grid.header_rows, hAlign="CENTER")


def _para(maker: ParaMaker, text: str) -> Paragraph:
    # a plain Paragraph: body text may split across pages, which the width-cached cell paragraph cannot
    return maker(text, cls=Paragraph)


def _paragraphs(text: str | None, s: _Styles) -> list[Flowable]:
    return [_para(s.subhead if is_subhead(p) else s.body, p) for p in section_paragraphs(text)]


_TITLE_TAIL = "政府信息公开工作年度报告"
_TITLE_ONE_LINE = 19  # characters of 二号 黑体 across the 公文 text width


def _title(title: str, s: _Styles) -> list[Flowable]:
    """The title centred; one too long for a line breaks before 政府信息公开工作年度报告, as offices print
    it (not wherever the width runs out, which leaves 年 / 度报告 apart)."""
    head = title[: -len(_TITLE_TAIL)] if title.endswith(_TITLE_TAIL) else ""
    if len(title) <= _TITLE_ONE_LINE or not head:
        return [_para(s.title, title)]
    return [_para(s.title_first, head), _para(s.title, _TITLE_TAIL)]


def build_story(report: dict[str, Any], s: _Styles) -> list[Flowable]:
    sections = report.get("sections") or {}
    grids = report_grids(report)
    story: list[Flowable] = _title(report_title(report), s)
    story += _paragraphs(report.get("preamble"), s)
    for key in PART_KEYS:
        heading = _para(s.heading, PART_HEADINGS[key])
        text = _paragraphs(sections.get(key), s)
        if key in grids:
            table = _grid_table(grids[key], s)
            # the heading never stays alone at a page foot; a table starts on a page where it fits
            story.append(KeepTogether([heading, *text, Spacer(1, 4), table]))
            story.append(Spacer(1, 8))
        else:
            story.append(heading)
            story += text
    return story


def _page_number(canv: Canvas, doc: SimpleDocTemplate, font: str, latin: str) -> None:
    text = f"- {canv.getPageNumber()} -"
    runs = split_runs(text, font, latin)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = sum(stringWidth(t, f, PAGE_NUMBER_SIZE) for f, t in runs)
    x = (A4[0] - width) / 2
    canv.saveState()
    canv.setFont(font, PAGE_NUMBER_SIZE)  # the text object starts in the canvas font: never Helvetica
    text_object = canv.beginText(x, PAGE_NUMBER_Y)  # one text object: read back as "- n -"
    for f, t in runs:
        text_object.setFont(f, PAGE_NUMBER_SIZE)
        text_object.textOut(t)
    canv.drawText(text_object)
    canv.restoreState()


def write_pdf(report: dict[str, Any], path: Path, *, fonts: OfficialFonts | None = None) -> Path:
    """Write the report as a PDF to ``path`` (temp name, fsync, rename); returns ``path``."""
    target = Path(path)
    fonts = fonts or find_official_fonts()
    styles = _Styles(fonts)
    title = report_title(report)
    latin = fonts.latin or LATIN_NAME

    def on_page(canv: Canvas, doc: SimpleDocTemplate) -> None:
        _page_number(canv, doc, fonts.fangsong, latin)

    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=title, author=str(report.get("office") or ""),
            subject="政府信息公开工作年度报告", creator="zwgk-desktop",
            initialFontName=fonts.fangsong, initialFontSize=BODY_SIZE, initialLeading=BODY_LEADING,
        )
        doc.build(build_story(report, styles), onFirstPage=on_page, onLaterPages=on_page)
    return target
