"""PagedTable: a long table laid out a page at a time pages exactly as reportlab's LongTable does."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

from zwgk_desktop.core.reports.fonts import setup_fonts
from zwgk_desktop.core.reports.paged_table import FIRST_BLOCK, PagedTable

STYLE = [("GRID", (0, 0), (-1, -1), 0.5, "#404040"), ("BACKGROUND", (0, 0), (-1, 0), "#DDE4EE")]
WIDTHS = [60.0, 300.0, 200.0]


def _lines_of(i: int) -> int:
    # runs of one-line rows (more than a block fits on a page) between rows of up to 9 lines
    return 1 if 100 <= i < 220 else 1 + (i * 7) % 9


def _row(i: int, style: ParagraphStyle) -> list:
    body = "<br/>".join(f"第{i}行 内容{k}" for k in range(_lines_of(i)))
    return [f"R{i:04d}", Paragraph(body, style), "逾期" if i % 5 == 0 else ""]


def _build(path: Path, flowable) -> list[list[str]]:  # noqa: ANN001
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), initialFontName=setup_fonts().body)
    doc.build([flowable])
    return [re.findall(r"R\d{4}", page.extract_text()) for page in PdfReader(path).pages]


def test_pages_break_where_longtable_breaks_and_every_row_is_placed_once(tmp_path: Path) -> None:
    n = 400
    style = ParagraphStyle("c", fontName=setup_fonts().body, fontSize=9, leading=12, wordWrap="CJK")
    header = ["NO", "TEXT", "NOTE"]
    made: list[int] = []

    def make_row(i: int) -> tuple[list, list[tuple]]:
        made.append(i)
        return _row(i, style), [("TEXTCOLOR", 2, 2, "#B00000")] if i % 5 == 0 else []

    paged = _build(tmp_path / "paged.pdf", PagedTable(header, n, make_row, WIDTHS, STYLE))
    rows = [header] + [_row(i, style) for i in range(n)]
    warn = [("TEXTCOLOR", (2, i + 1), (2, i + 1), "#B00000") for i in range(0, n, 5)]
    plain = _build(tmp_path / "plain.pdf",
                   LongTable(rows, colWidths=WIDTHS, repeatRows=1, style=TableStyle(STYLE + warn)))

    assert paged == plain  # the same rows on the same pages
    assert [r for page in paged for r in page] == [f"R{i:04d}" for i in range(n)]
    assert max(len(page) for page in paged) > FIRST_BLOCK  # a page held more than the first block
    assert sorted(set(made)) == list(range(n))  # every row made, on demand
    for page in PdfReader(tmp_path / "paged.pdf").pages:  # the header on top of every page
        assert page.extract_text().lstrip().startswith("NO")


def test_every_page_of_the_table_sits_where_longtable_puts_it(tmp_path: Path) -> None:
    """The last part (the rows left when they fit on a page) is centred like the parts before it."""
    n = 120
    style = ParagraphStyle("c", fontName=setup_fonts().body, fontSize=9, leading=12, wordWrap="CJK")
    header = ["NO", "TEXT", "NOTE"]
    path = tmp_path / "paged.pdf"
    _build(path, PagedTable(header, n, lambda i: (_row(i, style), []), WIDTHS, STYLE))
    lefts = []
    for page in PdfReader(path).pages:
        xs: list[float] = []

        def visit(text: str, cm: list, tm: list, font: object, size: float, xs: list[float] = xs) -> None:
            if text.startswith("NO"):
                xs.append(round(cm[4] + tm[4], 1))

        page.extract_text(visitor_text=visit)
        lefts.append(xs[0])
    assert len(lefts) > 2
    assert len(set(lefts)) == 1, lefts  # the header cell at the same place on every page, the last one too
