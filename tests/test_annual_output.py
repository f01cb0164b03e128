"""The yearly report's outputs (PDF, .docx, HTML, .xlsx) read back: headings, merged headers as printed,
cells, page numbers, 公文 margins and fonts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from annual_sample import sample_report
from pypdf import PdfReader

from zwgk_desktop.core.annual._render_common import (
    PART_HEADINGS,
    T3_CORNER,
    T3_KEYS,
    T3_ROWS,
    report_grids,
    table3_grid,
)
from zwgk_desktop.core.annual.render_docx import write_docx
from zwgk_desktop.core.annual.render_html import html_fragment
from zwgk_desktop.core.annual.render_pdf import write_pdf
from zwgk_desktop.core.annual.render_xlsx import write_xlsx
from zwgk_desktop.paths import cjk_font_path

MM = 72 / 25.4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SPEC_T3_KEYS = ["new_received", "carried_over", "granted", "partial", "denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party", "denied_internal", "denied_process", "denied_enforcement_file", "denied_query", "unable_not_held", "unable_need_making", "unable_unclear", "notproc_petition", "notproc_repeat", "notproc_publication", "notproc_massive", "notproc_confirm", "other_no_correction", "other_no_fee", "other_other", "total_processed", "carried_forward"]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- the grids all formats share


def test_grids_cover_every_position_once_as_the_spec_prints_them() -> None:
    assert list(T3_KEYS) == SPEC_T3_KEYS
    for grid in report_grids(sample_report()).values():
        seen: dict[tuple[int, int], str] = {}
        for c in grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen, (grid.name, r, k, c.text, seen.get((r, k)))
                    seen[(r, k)] = c.text
        assert len(seen) == grid.rows * grid.cols, grid.name
    t3 = table3_grid({})
    assert (t3.rows, t3.cols) == (28, 10)
    spans = {c.text: (c.rowspan, c.colspan) for c in t3.cells if c.kind != "value"}
    assert spans[T3_CORNER] == (3, 3)
    assert spans["申请人情况"] == (1, 7)
    assert spans["自然人"] == (2, 1) and spans["总计"] == (2, 1)
    assert spans["法人或其他组织"] == (1, 5)
    assert spans["三、本年度办理结果"] == (22, 1)  # 2 + 8 + 3 + 5 + 3 + 1
    assert [spans[s] for s in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")] == [
        (8, 1), (3, 1), (5, 1), (3, 1)]
    assert spans["（七）总计"] == (1, 2)
    assert spans["一、本年新收政府信息公开申请数量"] == (1, 3)
    t4 = report_grids(sample_report())["四"]
    assert (t4.rows, t4.cols) == (4, 15)
    assert [c.text for c in t4.cells if c.row == 3] == ["1", "0", "0", "0", "1", "0", "1", "0", "0", "1",
                                                        "0", "0", "0", "0", "0"]


# ---------------------------------------------------------------- PDF


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_pdf_headings_cells_page_numbers_margins_fonts(tmp_path: Path) -> None:
    report = sample_report()
    out = write_pdf(report, tmp_path / "年报.pdf")
    assert out == tmp_path / "年报.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["年报.pdf"]  # no temp file left behind
    texts = _page_texts(out)
    assert 3 <= len(texts) <= 6  # a township report is 4–6 pages
    flat = _squeeze("".join(texts))
    assert "万善乡人民政府2025年政府信息公开工作年度报告" in flat
    positions = [flat.index(_squeeze(PART_HEADINGS[k])) for k in "一二三四五六"]
    assert positions == sorted(positions)  # the six parts, in order
    for label in ("第二十条第（一）项", "本年收费金额（单位：万元）", "59237.2449", "法人或其他组织",
                  "申请人无正当理由逾期不补正", "四、结转下年度继续办理", "未经复议直接起诉", "复议后起诉"):
        assert _squeeze(label) in flat, label
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"(^|\n)\s*- {n} -\s*(\n|$)", text), text[:40]  # on a line of its own
    # 公文 margins: nothing printed left of 28 mm, right of 26 mm or above 37 mm (the page number sits below)
    reader = PdfReader(out)
    xs: list[float] = []
    ys: list[float] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            xs.append(tm[4] * cm[0] + cm[4])
            ys.append(tm[5] * cm[3] + cm[5])

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(xs) >= 28 * MM - 1 and min(xs) < 28 * MM + 40
    assert max(ys) <= 842 - 37 * MM + 1
    # every font embedded (TrueType subsets), no standard font the reader would substitute
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] in ("/Type0", "/TrueType"), font
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font["/FontDescriptor"]
            assert "/FontFile2" in desc.get_object()


def test_pdf_table_three_fits_one_page_and_renders(tmp_path: Path) -> None:
    out = write_pdf(sample_report(), tmp_path / "r.pdf")
    texts = [_squeeze(t) for t in _page_texts(out)]
    page = next(i for i, t in enumerate(texts) if "三、收到和处理政府信息公开申请情况" in t)
    assert "四、结转下年度继续办理" in texts[page]  # the whole table on the page of its heading
    proc = subprocess.run(["pdftoppm", "-r", "40", "-f", str(page + 1), "-l", str(page + 1), "-png",
                           str(out), str(tmp_path / "p")], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    png = next(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5_000  # a page with a ruled table on it, not a blank one


def test_pdf_keeps_values_as_printed_and_missing_values_empty(tmp_path: Path) -> None:
    report = sample_report()
    report["table4"]["行政复议"] = [10, 1, 0, 0, 0]  # a wrong 总计 stays wrong
    report["table3"]["granted"] = ["3", "—", "/", "0", "0", "0", "4"]
    del report["table3"]["other_other"]
    flat = _squeeze("".join(_page_texts(write_pdf(report, tmp_path / "r.pdf"))))
    assert "3—/0004" in flat
    assert "10100" in flat


def test_pdf_long_parts_run_over_pages_and_headings_stay_with_their_text(tmp_path: Path) -> None:
    report = sample_report()
    body = "全年主动公开政府信息128条，其中机构职能5条、政策文件23条、财政预决算12条、民生保障88条。"
    report["sections"]["一"] = "\n".join(f"（{n}）第{n}项工作\n" + body * 6 for n in "一二三四五六七八九十")
    report["sections"]["五"] = "问题：" + "部分信息公开不够及时。" * 120
    texts = _page_texts(write_pdf(report, tmp_path / "r.pdf"))
    assert len(texts) >= 6
    flat = _squeeze("".join(re.sub(r"(^|\n)\s*- \d+ -\s*(?=\n|$)", "", t) for t in texts))  # no page numbers
    assert flat.count(_squeeze(body)) == 60  # paragraphs split over pages are all there
    assert flat.count("部分信息公开不够及时。") == 120
    for text in texts:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        lines = [line for line in lines if not re.fullmatch(r"- \d+ -", line)]
        assert not re.match(r"（[一二三四五六七八九十]）第", lines[-1]), lines[-1]  # no sub-head at a page foot


# ---------------------------------------------------------------- .docx


def _docx_xml(path: Path, part: str) -> ET.Element:
    with zipfile.ZipFile(path) as zf:
        return ET.fromstring(zf.read(part))


def test_docx_tables_merged_cells_fonts_and_margins(tmp_path: Path) -> None:
    out = write_docx(sample_report(), tmp_path / "年报.docx")
    doc = _docx_xml(out, "word/document.xml")
    tables = doc.findall(f".//{W}tbl")
    assert len(tables) == 3
    for tbl, cols in zip(tables, (4, 10, 15)):
        assert len(tbl.findall(f"{W}tblGrid/{W}gridCol")) == cols
        for tr in tbl.findall(f"{W}tr"):  # every row fills the grid exactly
            spans = [int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) if tc.find(f"{W}tcPr/{W}gridSpan")
                     is not None else 1 for tc in tr.findall(f"{W}tc")]
            assert sum(spans) == cols

    def cell_text(tc: ET.Element) -> str:
        return "".join(t.text or "" for t in tc.iter(f"{W}t"))

    t3 = tables[1]
    rows = t3.findall(f"{W}tr")
    assert len(rows) == 28
    assert all(r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows[:3])
    first = [tc for tc in rows[5].findall(f"{W}tc")][0]
    assert cell_text(first) == "三、本年度办理结果"
    assert first.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    continued = [r.findall(f"{W}tc")[0] for r in rows[6:27]]
    assert all(tc.find(f"{W}tcPr/{W}vMerge") is not None and tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") is None
               for tc in continued)
    corner = rows[0].findall(f"{W}tc")[0]
    assert corner.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"
    assert [cell_text(tc) for tc in rows[1].findall(f"{W}tc")] == ["", "自然人", "法人或其他组织", "总计"]
    values = [cell_text(tc) for tc in rows[3 + T3_KEYS.index("new_received")].findall(f"{W}tc")[1:]]
    assert values == ["5", "1", "0", "0", "1", "0", "7"]
    # 公文 page: A4, 上37 下35 左28 右26 mm
    mar = doc.find(f".//{W}sectPr/{W}pgMar")
    mm = {k: round(int(mar.get(f"{W}{k}")) / 1440 * 25.4) for k in ("top", "bottom", "left", "right")}
    assert mm == {"top": 37, "bottom": 35, "left": 28, "right": 26}
    size = doc.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    styles = _docx_xml(out, "word/styles.xml")
    east = {s.get(f"{W}styleId"): s.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
            for s in styles.findall(f"{W}style") if s.find(f"{W}rPr/{W}rFonts") is not None}
    assert east["Normal"] == "仿宋" and east["Heading1"] == "黑体" and east["Heading2"] == "楷体"
    assert east["TableText"] == "仿宋"
    footer = ET.tostring(_docx_xml(out, "word/footer1.xml"), encoding="unicode")
    assert "PAGE" in footer and "- " in footer and " -" in footer


def _libreoffice_env(home: Path) -> dict[str, str]:
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy(cjk_font_path(), home / ".fonts")
    return {**os.environ, "HOME": str(home)}


def _writer_available(tmp: Path, env: dict[str, str]) -> bool:
    probe = tmp / "probe.txt"
    probe.write_text("probe", encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp / "probe"),
                    str(probe)], capture_output=True, timeout=300, env=env)
    return (tmp / "probe" / "probe.pdf").is_file()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    env = _libreoffice_env(tmp_path / "home")
    if not _writer_available(tmp_path, env):
        pytest.skip("LibreOffice has no writer part (.ci/run installs libreoffice-writer-nogui)")
    report = sample_report()
    docx = write_docx(report, tmp_path / "年报.docx")
    proc = subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                           str(tmp_path / "out"), str(docx)], capture_output=True, text=True, timeout=300, env=env)
    pdf = tmp_path / "out" / "年报.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    texts = _page_texts(pdf)
    flat = _squeeze("".join(texts))
    assert "万善乡人民政府2025年政府信息公开工作年度报告" in flat
    positions = [flat.index(_squeeze(PART_HEADINGS[k])) for k in "一二三四五六"]
    assert positions == sorted(positions)
    for label in ("第二十条第（八）项", "59237.2449", "2.其他法律行政法规禁止公开", "（七）总计", "尚未审结",
                  "本年度未收取信息处理费。"):
        assert _squeeze(label) in flat, label
    for n, text in enumerate(texts, start=1):
        assert f"- {n} -" in text  # the PAGE field in the footer
    page = PdfReader(pdf).pages[0]
    assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1


# ---------------------------------------------------------------- HTML


class _Tables(HTMLParser):
    """Tables as lists of rows of (text, rowspan, colspan); texts of <p> outside tables."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self.paragraphs: list[str] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._p: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self._cell = []
            self._span = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1))
        elif tag == "p":
            self._p = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.tables[-1][-1].append(("".join(self._cell), *self._span))
            self._cell = None
        elif tag == "p" and self._p is not None:
            self.paragraphs.append("".join(self._p))
            self._p = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._p is not None:
            self._p.append(data)


def _layout(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Place cells on the grid as a browser does (rowspan/colspan), merged positions repeat the text."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        k = 0
        for text, rs, cs in row:
            while (r, k) in grid:
                k += 1
            for dr in range(rs):
                for dk in range(cs):
                    grid[(r + dr, k + dk)] = text
            k += cs
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(k for _, k in grid) + 1
    assert len(grid) == n_rows * n_cols  # a rectangle with no holes
    return [[grid[(r, k)] for k in range(n_cols)] for r in range(n_rows)]


def test_html_fragment_structure_and_escaping() -> None:
    report = sample_report()
    report["office"] = "万善乡<script>alert(1)</script>&"
    report["sections"]["五"] = "问题：<b>不及时</b>\n改进：一是……"
    html = html_fragment(report)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "<html" not in html.lower() and "<head" not in html.lower() and "class=" not in html
    parser = _Tables()
    parser.feed(html)
    assert parser.paragraphs[0] == "万善乡<script>alert(1)</script>&2025年政府信息公开工作年度报告"
    assert [p for p in parser.paragraphs if p in PART_HEADINGS.values()] == list(PART_HEADINGS.values())
    assert "问题：<b>不及时</b>" in parser.paragraphs
    t2, t3, t4 = (_layout(t) for t in parser.tables)
    assert len(t2) == 14 and len(t2[0]) == 4
    assert t2[13] == ["行政事业性收费", "59237.2449", "59237.2449", "59237.2449"]  # colspan 3
    assert len(t3) == 28 and len(t3[0]) == 10
    assert t3[0][:3] == [T3_CORNER] * 3 and t3[2][:3] == [T3_CORNER] * 3
    assert t3[1][3] == t3[2][3] == "自然人" and t3[2][4:9] == ["商业企业", "科研机构", "社会公益组织",
                                                              "法律服务机构", "其他"]
    for i, row in enumerate(T3_ROWS):
        line = t3[3 + i]
        assert line[0] == row.group
        values = report["table3"][row.key]
        assert line[3:] == [str(v) for v in values], row.key
    assert all(t3[r][0] == "三、本年度办理结果" for r in range(5, 27))
    assert len(t4) == 4 and len(t4[0]) == 15
    assert t4[0][:5] == ["行政复议"] * 5 and t4[0][5:] == ["行政诉讼"] * 10
    assert t4[1][0] == t4[2][0] == "结果维持" and t4[1][5:10] == ["未经复议直接起诉"] * 5
    assert t4[3] == ["1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"]


# ---------------------------------------------------------------- .xlsx


def test_xlsx_merged_headers_and_values_read_back(tmp_path: Path) -> None:
    report = sample_report()
    out = write_xlsx(report, tmp_path / "年报.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报告", "表二", "表三", "表四"]
    info = wb["报告"]
    assert (info["B1"].value, info["B2"].value) == (2025, "万善乡人民政府")
    assert [info.cell(r, 1).value for r in range(4, 10)] == list(PART_HEADINGS.values())
    assert info["B9"].value == report["sections"]["六"]
    t2 = wb["表二"]
    assert [[c.value for c in row] for row in t2["B4:D5"]] == [[0, 0, 0], [2, 1, 9]]
    assert [t2[a].value for a in ("B8", "B11", "B12")] == [31, 12, 3]
    assert t2["B15"].value == "59237.2449" and t2["A15"].value == "行政事业性收费"  # text, not a float
    assert {"B15:D15", "A2:D2", "A13:D13"} <= {str(r) for r in t2.merged_cells.ranges}
    t3 = wb["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28", "B9:B16", "B17:B19", "B20:B24", "B25:B27",
            "B28:C28", "A5:C5", "A29:C29"} <= merged
    assert t3["A2"].value == T3_CORNER and t3["E4"].value == "商业企业"
    for i, key in enumerate(T3_KEYS):
        row = 5 + i
        assert t3.cell(row, 11).value == key
        assert [t3.cell(row, c).value for c in range(4, 11)] == report["table3"][key]
    t4 = wb["表四"]
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= {str(r) for r in t4.merged_cells.ranges}
    assert [c.value for c in t4[5]] == report["table4"]["行政复议"] + report["table4"]["未经复议直接起诉"] + \
        report["table4"]["复议后起诉"]


# ---------------------------------------------------------------- every format


def test_pasted_control_characters_and_failed_writes(tmp_path: Path) -> None:
    """Text pasted from Word may carry control characters that XML cannot hold: every format still opens.
    A write that fails leaves the file that was there and no temp file."""
    report = sample_report()
    report["office"] = "万善乡\x00人民政府"
    report["sections"]["一"] = "第一段\x0b第二段\x07。\r\n（一）主动公开\x1f"
    report["table2"]["行政许可"] = "3\x01"
    for writer, name in ((write_pdf, "r.pdf"), (write_docx, "r.docx"), (write_xlsx, "r.xlsx")):
        writer(report, tmp_path / name)
    with zipfile.ZipFile(tmp_path / "r.docx") as zf:
        for part in zf.namelist():
            if part.endswith((".xml", ".rels")):
                ET.fromstring(zf.read(part))  # well-formed
    doc_text = "".join(t.text or "" for t in _docx_xml(tmp_path / "r.docx", "word/document.xml").iter(f"{W}t"))
    assert "万善乡人民政府2025年" in doc_text and "第一段第二段。" in doc_text
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb["报告"]["B2"].value == "万善乡人民政府"
    assert wb["报告"]["B4"].value == "第一段\n第二段。\n（一）主动公开"
    assert wb["表二"]["B8"].value == 3
    html = html_fragment(report)
    assert "\x00" not in html and "\x07" not in html
    flat = _squeeze("".join(_page_texts(tmp_path / "r.pdf")))
    assert "第一段" in flat and "第二段。" in flat

    too_tall = sample_report()  # a cell taller than a page: reportlab gives up half-way through the file
    too_tall["table2"]["行政许可"] = "\n".join(["1"] * 3000)
    before = (tmp_path / "r.pdf").read_bytes()
    with pytest.raises(Exception, match="too large"):
        write_pdf(too_tall, tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes() == before
    (tmp_path / "taken").mkdir()  # the chosen name is a folder: nothing written, no temp file left
    for writer in (write_pdf, write_docx, write_xlsx):
        with pytest.raises(OSError):
            writer(report, tmp_path / "taken")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.pdf", "r.xlsx", "taken"]
    assert list((tmp_path / "taken").iterdir()) == []


def test_pdf_long_title_breaks_before_the_report_name(tmp_path: Path) -> None:
    report = sample_report()
    report["office"] = "沭阳县人民政府"
    out = write_pdf(report, tmp_path / "年报.pdf")
    lines = [ln.strip() for ln in PdfReader(str(out)).pages[0].extract_text().splitlines() if ln.strip()]
    first = lines.index("沭阳县人民政府2025年")  # (pypdf may give the page number first)
    assert lines[first + 1] == "政府信息公开工作年度报告"
