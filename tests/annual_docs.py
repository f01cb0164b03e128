"""Build yearly reports in their published forms (HTML article, .docx, text-layer PDF) for tests.

The HTML follows the printed layout (merged headers as rowspan/colspan); the .docx is written with the
stdlib zipfile (gridSpan/vMerge as Word writes them); the PDF has one text line per table row, cells
separated by spaces, as a PDF's text layer gives them.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

from zwgk_desktop.core.annual.model import (
    SECTION_KEYS,
    SECTION_TITLES,
    T2_COUNT_ROWS,
    T2_DOC_COLUMNS,
    T2_DOC_ROWS,
    T2_FEE_ROW,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
)


def _v(value: Any) -> str:
    return "" if value is None else str(value)


def document_parts(data: dict, *, headings: dict[str, str] | None = None, single_row_other: bool = False,
                   labels: dict[str, str] | None = None, title: str | None = None,
                   until: str = "六", t3_rows: int | None = None,
                   preamble: bool = True) -> list[tuple[str, Any]]:
    """The report as ("title"|"p"|"h", text) and ("t2"|"t3"|"t4", rows) parts, in printed order. A table
    row is a list of (text, colspan, rowspan) cells; rowspan 0 marks a cell covered by the one above.

    A stored copy of a page that ends early is rebuilt with ``until`` (the last part printed) and
    ``t3_rows`` (the data rows of table 三 it still shows); ``title=""`` and ``preamble=False`` leave out
    what the copy does not show."""
    headings = {**{k: f"{k}、{SECTION_TITLES[k]}" for k in SECTION_KEYS}, **(headings or {})}
    labels = labels or {}
    parts: list[tuple[str, Any]] = []
    if title != "":
        parts.append(("title", title or f"{data['office']}{data['year']}年政府信息公开工作年度报告"))
    if preamble:
        parts.append(("p", f"本报告中所列数据统计期限自{data['year']}年1月1日起至{data['year']}年12月31日止。"))
    t2, t3, t4 = data["table2"], data["table3"], data["table4"]
    rows2: list[list[tuple[str, int, int]]] = []
    rows2.append([("第二十条第（一）项", 4, 1)])
    rows2.append([("信息内容", 1, 1)] + [(c, 1, 1) for c in T2_DOC_COLUMNS])
    for row in T2_DOC_ROWS:
        rows2.append([(labels.get(row, row), 1, 1)] + [(_v(t2[row][c]), 1, 1) for c in T2_DOC_COLUMNS])
    for block, header, rows in (("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
                                ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
                                ("第二十条第（八）项", "本年收费金额（单位：万元）", (T2_FEE_ROW,))):
        rows2.append([(block, 4, 1)])
        rows2.append([("信息内容", 1, 1), (header, 3, 1)])
        for row in rows:
            rows2.append([(labels.get(row, row), 1, 1), (_v(t2[row]), 3, 1)])
    assert set(T2_COUNT_ROWS) <= set(t2)
    rows3: list[list[tuple[str, int, int]]] = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
    ]
    group_sizes = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    seen_groups: set[str] = set()
    results_open = False
    for key, group, sub, leaf in T3_ROWS:
        values = [(_v(v), 1, 1) for v in t3[key]]
        if single_row_other and key in ("other_no_correction", "other_no_fee"):
            continue
        cells: list[tuple[str, int, int]] = []
        if group.startswith("三、"):
            if not results_open:
                cells.append((group, 1, 22 - (2 if single_row_other else 0)))
                results_open = True
            if single_row_other and key == "other_other":
                cells.append((labels.get(key, "（六）其他处理"), 2, 1))
            elif leaf:
                if sub not in seen_groups:
                    cells.append((sub, 1, group_sizes[sub]))
                    seen_groups.add(sub)
                cells.append((labels.get(key, leaf), 1, 1))
            else:
                cells.append((labels.get(key, sub), 2, 1))
        else:
            cells.append((labels.get(key, group), 3, 1))
        rows3.append(cells + values)
        if t3_rows is not None and len(rows3) - 3 == t3_rows:  # the copy ends after this row
            break
    rows4 = [[("行政复议", 5, 1), ("行政诉讼", 10, 1)],
             [(c, 1, 2) for c in T4_COLUMNS] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
             [(c, 1, 1) for c in T4_COLUMNS] * 2,
             [(_v(v), 1, 1) for g in T4_GROUPS for v in t4[g]]]
    texts = data.get("sections", {})
    for k in SECTION_KEYS:
        if headings.get(k):
            parts.append(("h", headings[k]))
        if k == "二":
            parts.append(("t2", rows2))
        elif k == "三":
            parts.append(("t3", rows3))
        elif k == "四":
            parts.append(("t4", rows4))
        else:
            parts += [("p", line) for line in texts.get(k, "").split("\n") if line.strip()]
        if k == until:  # the stored copy of the page ends here
            break
    return parts


def write_html(data: dict, path: Path, **options: Any) -> Path:
    out = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政府信息公开年报</title></head><body>",
           "<div class=\"crumb\">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div><div class=\"article\">"]
    for kind, value in document_parts(data, **options):
        if kind == "title":
            out.append(f"<h1>{html.escape(value)}</h1>")
        elif kind in ("p", "h"):
            out.append(f"<p>{html.escape(value)}</p>")
        else:
            out.append("<table border=\"1\">")
            for row in value:
                tds = "".join(
                    "<td" + (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
                    + f'><p align="center">{html.escape(text)}</p></td>' for text, cs, rs in row)
                out.append(f"<tr>{tds}</tr>")
            out.append("</table>")
    out.append("</div></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{html.escape(text)}</w:t></w:r></w:p>"


def write_docx(data: dict, path: Path, **options: Any) -> Path:
    body: list[str] = []
    for kind, value in document_parts(data, **options):
        if kind in ("title", "p", "h"):
            body.append(_para(value))
            continue
        # expand rowspans into vMerge continuation cells on the grid
        width = sum(cs for _, cs, _ in value[0])
        pending: dict[int, tuple[int, int]] = {}  # column -> (rows left, colspan)
        body.append("<w:tbl>")
        for row in value:
            cells = iter(row)
            col = 0
            xml: list[str] = []
            while col < width:
                if col in pending:
                    left, cs = pending[col]
                    xml.append(f"<w:tc><w:tcPr><w:gridSpan w:val=\"{cs}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>")
                    pending[col] = (left - 1, cs)
                    if left - 1 == 0:
                        del pending[col]
                    col += cs
                    continue
                try:
                    text, cs, rs = next(cells)
                except StopIteration:
                    break
                props = f"<w:gridSpan w:val=\"{cs}\"/>" + ("<w:vMerge w:val=\"restart\"/>" if rs > 1 else "")
                xml.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_para(text)}</w:tc>")
                if rs > 1:
                    pending[col] = (rs - 1, cs)
                col += cs
            body.append(f"<w:tr>{''.join(xml)}</w:tr>")
        body.append("</w:tbl>")
    document = (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{_W}\">"
                f"<w:body>{''.join(body)}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                    "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd."
                    "openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\""
                    "application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
        zf.writestr("_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
                    "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
                    "word/document.xml\"/></Relationships>")
        zf.writestr("word/document.xml", document)
    return path


def write_pdf(data: dict, path: Path, **options: Any) -> Path:
    """A text-layer PDF: paragraphs wrapped at 38 characters, a table row per line with its cells spaced
    apart, page numbers "- n -" at the foot. ``parts=`` prints a report laid out in its own order (see
    :func:`document_parts` for the form)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from zwgk_desktop.paths import cjk_font_path

    if "AnnualCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AnnualCJK", str(cjk_font_path())))
    c = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    y = 800.0

    def line(text: str, size: float = 9) -> None:
        nonlocal y, page
        if y < 60:
            c.setFont("Helvetica", 9)
            c.drawCentredString(A4[0] / 2, 30, f"- {page} -")
            c.showPage()
            page += 1
            y = 800.0
        x = 40.0
        for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):  # ASCII in Helvetica: the CJK font lacks it
            font = "Helvetica" if run[0] <= "\x7e" else "AnnualCJK"
            c.setFont(font, size)
            c.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)
        y -= size + 6

    parts = options.pop("parts", None) or document_parts(data, **options)  # parts: a report's own printed order
    for kind, value in parts:
        if kind in ("title", "p", "h"):
            for i in range(0, max(len(value), 1), 38):
                line(value[i:i + 38], 12 if kind == "title" else 10)
        else:
            for row in value:
                line("   ".join(text for text, _, _ in row if text), 7)
    c.setFont("Helvetica", 9)
    c.drawCentredString(A4[0] / 2, 30, f"- {page} -")
    c.save()
    return path
