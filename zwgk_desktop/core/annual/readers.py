"""Reading yearly reports: the app's JSON, its own .xlsx, and published reports as .docx, .html, .pdf.

Every format is turned into blocks (paragraphs, and tables as rows of cell texts) and then into a stream of
tokens: one per table cell, one per whitespace-separated word of a PDF's text layer. A run of numeric tokens
is matched to the row label just before it (labels compared after removing whitespace, typos tolerated);
a row must give exactly as many numbers as it has cells. Numbers are never split out of text whose cells
ran together ("640020470"): that table is reported as unreadable instead.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path

from zwgk_desktop.core.annual.checks import Structure
from zwgk_desktop.core.annual.model import (
    PLACEHOLDERS,
    SECTION_KEYS,
    SECTION_TITLES,
    T2_COUNT_ROWS,
    T2_DOC_COLUMNS,
    T2_DOC_ROWS,
    T2_FEE_ROW,
    T3_KEYS,
    T4_GROUPS,
    AnnualReport,
    Cell,
    t3_label,
    table_name,
)
from zwgk_desktop.core.limits import IMPORT_MAX_DOCX_XML_BYTES, IMPORT_MAX_FILE_BYTES
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import BadFileError, SourceRef, UserError

READABLE = (".json", ".xlsx", ".docx", ".html", ".htm", ".pdf")
Block = tuple[str, object]  # ("p", text) | ("t", rows of cell texts)


@dataclass
class ReadResult:
    report: AnnualReport
    structure: Structure | None  # None for the app's JSON (no printed form to check)
    fmt: str
    source: str
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- text helpers

_FULLWIDTH = str.maketrans("０１２３４５６７８９．（）“”，：", "0123456789.()\"\",:")


def norm(text: str) -> str:
    """A label for matching: no whitespace, ASCII digits and brackets, straight quotes."""
    return re.sub(r"\s+", "", text).translate(_FULLWIDTH).replace("、", "、")


_NUMERIC = re.compile(r"^\d+(\.\d+)?$")


def _is_value(token: str) -> bool:
    t = token.strip().replace(",", "")
    return bool(_NUMERIC.match(t)) or t in PLACEHOLDERS - {"无"}


def _cell(token: str) -> Cell:
    t = token.strip().replace(",", "")
    return int(t) if t.isdigit() else t


def _similar(buffer: str, label: str) -> float:
    """How well the end of ``buffer`` matches ``label``: 1 exact; a label cut short by numbers printed
    inside it (a wrapped PDF cell) scores 0.9; otherwise the similarity of the tail (typos)."""
    if not buffer:
        return 0.0
    if buffer.endswith(label):
        return 1.0
    for k in range(len(label) - 1, 7, -1):
        if buffer.endswith(label[:k]):
            return 0.9
    tail = buffer[-len(label):]
    return SequenceMatcher(None, tail, label, autojunk=False).ratio()


_HEADING = re.compile(r"^([一二三四五六])[、.,，]")
_OLD_FOUR = "因政府信息公开工作被申请行政复议、提起行政诉讼情况"
_HEADING_WORDS = {"一": r"^总体情况|^总体工作情况|^概述", "二": r"^主动公开.*情况$", "三": r"申请.*情况$",
                  "四": r"(行政复议|行政诉讼).*情况$", "五": r"问题.*(改进|整改)", "六": r"^其他.*事项$"}


def heading_of(text: str) -> str | None:
    """The part numeral when ``text`` is one of the six part headings (typos tolerated)."""
    t = norm(text)
    m = _HEADING.match(t)
    if not m or len(t) > 40:
        return None
    rest = t[m.end():]
    titles = [SECTION_TITLES[m.group(1)]] + ([_OLD_FOUR] if m.group(1) == "四" else [])
    for title in titles:
        ratio = SequenceMatcher(None, rest[:len(title) + 2], norm(title), autojunk=False).ratio()
        if ratio >= 0.7:
            return m.group(1)
    # worded differently but plainly the part ("五、存在的主要问题及整改措施"); no sentence ends inside a heading
    if "。" not in rest and re.search(_HEADING_WORDS[m.group(1)], rest):
        return m.group(1)
    return None


# --------------------------------------------------------------------------- blocks per format


def _check_size(path: Path) -> None:
    if not path.is_file():
        raise BadFileError(msg("文件不存在或无法打开。"), SourceRef(file=path.name))
    size = path.stat().st_size
    if size == 0:
        raise BadFileError(msg("文件是空的（0 字节）。"), SourceRef(file=path.name))
    if size > IMPORT_MAX_FILE_BYTES:
        raise BadFileError(msg("文件过大，超过导入上限 {mb} MB。", mb=IMPORT_MAX_FILE_BYTES // 2**20),
                           SourceRef(file=path.name))


def docx_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables of a .docx body; a merged cell appears once (its continuations are left out)."""
    import xml.etree.ElementTree as ET

    from zwgk_desktop.core.importing.readers import check_zip

    check_zip(path, IMPORT_MAX_FILE_BYTES)
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > IMPORT_MAX_DOCX_XML_BYTES:
                raise BadFileError(msg("Word 文档正文过大，已拒绝读取。"), SourceRef(file=path.name))
            root = ET.fromstring(zf.read(info))
    except KeyError as exc:
        raise BadFileError(msg("不是有效的 Word 文档（缺少正文 word/document.xml）。"), SourceRef(file=path.name)) from exc
    except (zipfile.BadZipFile, ET.ParseError, OSError) as exc:
        raise BadFileError(msg("Word 文档已损坏，无法读取正文。"), SourceRef(file=path.name)) from exc
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def text_of(el: ET.Element) -> str:
        return "".join(t.text or "" for t in el.iter(f"{ns}t"))

    blocks: list[Block] = []
    body = root.find(f"{ns}body")
    for child in body if body is not None else []:
        if child.tag == f"{ns}p":
            blocks.append(("p", text_of(child)))
        elif child.tag == f"{ns}tbl":
            rows: list[list[str]] = []
            for tr in child.iter(f"{ns}tr"):
                row: list[str] = []
                for tc in tr.findall(f"{ns}tc"):
                    vm = tc.find(f"{ns}tcPr/{ns}vMerge")
                    if vm is not None and vm.get(f"{ns}val", "continue") == "continue":
                        continue
                    row.append("".join(text_of(p) for p in tc.findall(f".//{ns}p")))
                rows.append(row)
            blocks.append(("t", rows))
    return blocks


class _HtmlBlocks(HTMLParser):
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article", "tr", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.depth = 0  # nested tables are read as text of their cell
        self.skip = 0

    def _flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.blocks.append(("p", text))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush()
                self.rows = []
        elif self.depth == 1 and tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = []
        elif self.depth == 0 and tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table":
            if self.depth == 1 and self.rows is not None:
                self.blocks.append(("t", [r for r in self.rows if r]))
                self.rows = None
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            if self.rows is not None:
                if not self.rows:
                    self.rows.append([])
                self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        elif self.depth == 0 and tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(path: Path) -> list[Block]:
    from zwgk_desktop.core.importing.readers import decode_text

    raw = path.read_bytes()
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    text = None
    if m:
        try:
            text = raw.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(raw, path.name)
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    return parser.blocks


_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*\d+\s*[-—–－]\s*$|^\s*第\s*\d+\s*页(\s*共\s*\d+\s*页)?\s*$")


def pdf_lines(path: Path) -> list[str]:
    """The text layer of a PDF, line by line (page numbers "- n -" left out); empty for a scanned PDF."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error types
        raise BadFileError(msg("PDF 文件已损坏或已加密，无法读取。"), SourceRef(file=path.name)) from exc
    lines: list[str] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            lines += [ln for ln in re.split(r"\r\n|\r|\n", text) if ln.strip() and not _PAGE_NUMBER.match(ln)]
    finally:
        pdf.close()
    return lines


def xlsx_blocks(path: Path) -> list[Block]:
    """Each sheet as one table: a merged range gives its value once; a row's empty cells between values
    are blank cells, those after its last value are not part of the table."""
    import openpyxl

    from zwgk_desktop.core.importing.readers import check_extent, check_zip

    check_zip(path, IMPORT_MAX_FILE_BYTES)
    check_extent(path, ".xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise BadFileError(msg("Excel 文件已损坏或格式无法识别。"), SourceRef(file=path.name)) from exc
    blocks: list[Block] = []
    for ws in wb.worksheets:
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        rows: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            cells: list[str] = []
            for c, value in enumerate(row, start=1):
                if (r, c) in covered:
                    continue
                if value is None:
                    cells.append("")
                elif isinstance(value, float):
                    cells.append(str(int(value)) if value.is_integer() else repr(value))
                else:
                    cells.append(str(value).strip())
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                rows.append(cells)
        blocks.append(("t", rows))
    wb.close()
    return blocks


# --------------------------------------------------------------------------- the token walker

_T2_LABELS = {row: norm(row) for row in (*T2_DOC_ROWS, *T2_COUNT_ROWS, T2_FEE_ROW)}
_T3_LABELS = {key: norm(t3_label(key)) for key in T3_KEYS}
_T3_SINGLE_OTHER = norm("（六）其他处理")
_OLD_T2 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额")
_MATCH = 0.8


@dataclass
class _Token:
    text: str
    row_end: bool = False  # the last cell of a table row (a run of numbers ends here)
    in_table: bool = False


def _tokens(blocks: list[Block], pdf: bool) -> list[_Token]:
    out: list[_Token] = []
    for kind, value in blocks:
        if kind == "p":
            if pdf:
                out += [_Token(w) for w in str(value).split()]
            else:
                out.append(_Token(str(value)))
                out[-1].row_end = True
        else:
            for row in value:  # type: ignore[union-attr]
                cells = [_Token(c, in_table=True) for c in row]
                if cells:
                    cells[-1].row_end = True
                out += cells
    return out


class _Walker:
    def __init__(self, report: AnnualReport, structure: Structure) -> None:
        self.r = report
        self.st = structure
        self.t2_seen: set[str] = set()
        self.t3_seen: set[str] = set()
        self.t4_seen = False
        self.problems: dict[str, str] = {}

    def _bad(self, table: str, label: str, want: int, got: list[str]) -> None:
        if table not in self.problems:
            shown = " ".join(got)[:40]
            self.problems[table] = msg(
                "“{label}”一行应有{want}个数，读到{n}个（{shown}）：单元格可能连在一起或错位，数字无法可靠区分",
                label=label, want=want, n=len(got), shown=shown)

    def run(self, buffer: str, values: list[str]) -> None:
        if any(w in buffer for w in _OLD_T2):
            self.st.old_format = True
        n = len(values)
        # table 四: 15 numbers after its header
        if ("尚未审结" in buffer or "行政诉讼" in buffer) and not self.t4_seen and n >= 5:
            if n == 15:
                for i, g in enumerate(T4_GROUPS):
                    self.r.table4[g] = [_cell(v) for v in values[i * 5:(i + 1) * 5]]
                self.t4_seen = True
            else:
                self._bad("表四", "行政复议、行政诉讼", 15, values)
            return
        best, score = None, 0.0
        for key, label in _T3_LABELS.items():
            s = _similar(buffer, label)
            if s > score or (s == score and best in self.t3_seen):
                best, score = key, s
        single = _similar(buffer, _T3_SINGLE_OTHER)
        if single >= _MATCH and single > score and "other_other" not in self.t3_seen:
            best, score = "other_single", single
        t2best, t2score = None, 0.0
        for row, label in _T2_LABELS.items():
            s = _similar(buffer, label)
            if s > t2score:
                t2best, t2score = row, s
        if t2score >= _MATCH and t2score >= score and t2best is not None:
            self._table2(t2best, values)
        elif score >= _MATCH and best is not None:
            self._table3(best, values)

    def _table2(self, row: str, values: list[str]) -> None:
        if self.st.old_format:
            return
        if row in T2_DOC_ROWS:
            if len(values) != 3:
                return self._bad("表二", row, 3, values)
            self.r.table2[row] = dict(zip(T2_DOC_COLUMNS, (_cell(v) for v in values)))
        else:
            if len(values) != 1:
                return self._bad("表二", row, 1, values)
            value = values[0].strip().replace(",", "")
            self.r.table2[row] = value if row == T2_FEE_ROW else _cell(value)
        self.t2_seen.add(row)
        return None

    def _table3(self, key: str, values: list[str]) -> None:
        if len(values) > 7 and all(v == "" for v in values[:len(values) - 7]):
            values = values[len(values) - 7:]
        label = "（六）其他处理" if key == "other_single" else t3_label(key)
        if len(values) != 7:
            return self._bad("表三", label, 7, values)
        if key == "other_single":
            self.st.single_row_other = True
            for k in ("other_no_correction", "other_no_fee"):
                self.r.table3[k] = [0] * 7
                self.t3_seen.add(k)
            key = "other_other"
        self.r.table3[key] = [_cell(v) for v in values]
        self.t3_seen.add(key)
        return None


_TITLE = re.compile(r"([^。；，,]{0,40}?)(\d{4})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")


_TITLE_YEAR_FIRST = re.compile(r"^(\d{4})年度?([^\d。；，,]{2,30}?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")


def _title(paragraphs: list[str]) -> tuple[int | None, str]:
    """Year and office from the title: the last short line above part 一 that reads like one (a web page
    repeats titles in its menus; the preamble names the report inside a sentence), else any mention."""
    found: tuple[int | None, str] = (None, "")
    fallback: tuple[int | None, str] = (None, "")
    for text in paragraphs:
        t = norm(text)
        matches = [(m.group(2), m.group(1), t[m.end():]) for m in _TITLE.finditer(t)]
        matches += [(m.group(1), m.group(2), t[m.end():]) for m in _TITLE_YEAR_FIRST.finditer(t)]
        for year, before, after in matches:
            office = re.split(r"[>》›|:：《]", before)[-1].strip("-_ ")
            # a title ends the line (or takes a bracketed note: "（图片版）"); a sentence of the preamble wrapped
            # onto a short line ("科委编制了2024年度政务公开工作报告，报告全文包括…") goes on
            if len(t) <= 60 and (not after or after[0] in "（(【["):
                found = (int(year), office)
            elif fallback[0] is None:
                fallback = (int(year), "")
    return found if found[0] is not None else fallback


def parse_blocks(blocks: list[Block], *, pdf: bool = False, year: int | None = None) -> ReadResult:
    """A report out of paragraphs and tables (see the module notes)."""
    report = AnnualReport(year=year or 2000)
    report.table2 = {row: {c: None for c in T2_DOC_COLUMNS} for row in T2_DOC_ROWS}
    report.table2.update({row: None for row in (*T2_COUNT_ROWS, T2_FEE_ROW)})
    report.table3 = {k: [None] * 7 for k in T3_KEYS}
    report.table4 = {g: [None] * 5 for g in T4_GROUPS}
    st = Structure()
    walker = _Walker(report, st)
    section: str | None = None
    texts: dict[str, list[str]] = {k: [] for k in SECTION_KEYS}
    before_first: list[str] = []
    for kind, value in blocks:  # headings and texts of the parts
        if kind != "p":
            continue
        text = str(value).strip()
        found = heading_of(text)
        if found and found not in st.headings:
            st.headings.append(found)
            section = found
            continue
        if section is None:
            before_first.append(text)
        elif text:
            texts[section].append(text)
    buffer = ""
    values: list[str] = []

    def flush() -> None:
        nonlocal buffer, values
        if values and (any(v.strip() for v in values) or len(values) in (3, 7, 15)):
            walker.run(buffer, values)
            buffer = ""
        values = []

    for tok in _tokens(blocks, pdf):
        if (tok.in_table or pdf) and _is_value(tok.text):
            values.append(tok.text)
        else:
            flush()
            buffer = (buffer + norm(tok.text))[-200:]
        if tok.row_end and not pdf:
            flush()
    flush()
    full = norm("".join(t.text for t in _tokens(blocks, pdf)))
    if sum(w in full for w in _OLD_T2) >= 2:  # the 2019 table 二 headers, even with no numbers under them
        st.old_format = True
    for table, seen, what in (("表二", walker.t2_seen, "本年制发件数"), ("表三", walker.t3_seen, "本年新收政府信息公开申请数量"),
                              ("表四", walker.t4_seen, "尚未审结")):
        if table in walker.problems:
            st.unreadable[table] = walker.problems[table]
        elif not seen:
            if re.search(re.escape(norm(what)) + r"[^\d]{0,30}\d{3,}", full):
                st.unreadable[table] = msg("表格文字连在一起，各单元格的数字无法区分（没有表格结构）")
            elif table == "表二" and st.old_format:
                pass
            else:
                st.unreadable[table] = msg("没有找到{table}的数字（表格可能以图片发布）", table=table_name(table))
    if st.old_format:
        st.unreadable.setdefault("表二", msg("使用2019年试行格式"))
    if "表三" not in st.unreadable:
        st.missing_t3_rows = [k for k in T3_KEYS if k not in walker.t3_seen]
    found_year, office = _title(before_first or [str(v) for k, v in blocks[:6] if k == "p"])
    if pdf and not found_year:  # a title wrapped over two lines
        found_year, office = _title(["".join(before_first[:4])])
    if year is not None and found_year is not None and found_year != year:
        raise UserError(msg("文件中的报告年度为{found}年，与指定的{year}年不符", found=found_year, year=year))
    report.year = year or found_year or report.year
    report.office = office
    for k in SECTION_KEYS:
        report.sections[k] = "" if pdf and k in ("二", "三", "四") else "\n".join(texts[k])
    if year is None and found_year is None:
        raise UserError(msg("没有在文件中找到报告年度（标题应为“…YYYY年政府信息公开工作年度报告”），请指定年度"))
    return ReadResult(report, st, "", "")


# --------------------------------------------------------------------------- entry point


def _app_cell(value: object) -> object:
    """A cell of the app's own workbook as the JSON holds it: integers as numbers, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else str(value)


def _app_workbook(path: Path) -> dict | None:
    """The app's own .xlsx (``render_xlsx``'s documented layout) as the app's JSON, exactly as written;
    None for any other workbook (read as a published report instead)."""
    import openpyxl

    from zwgk_desktop.core.importing.readers import check_extent, check_zip

    from ._render_common import PART_KEYS

    check_zip(path, IMPORT_MAX_FILE_BYTES)
    check_extent(path, ".xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 - not ours: the generic reader gives the message
        return None
    try:
        if not {"报告", "表二", "表三", "表四"} <= set(wb.sheetnames):
            return None
        head = [list(r) for r in wb["报告"].iter_rows(min_row=1, max_row=9, max_col=2, values_only=True)]
        if len(head) < 9 or head[0][0] != "年度" or head[1][0] != "机关":
            return None
        t2 = [list(r) for r in wb["表二"].iter_rows(min_row=1, max_row=15, max_col=4, values_only=True)]
        t3 = [list(r) for r in wb["表三"].iter_rows(min_row=5, max_row=29, max_col=11, values_only=True)]
        t4 = next(wb["表四"].iter_rows(min_row=5, max_row=5, max_col=15, values_only=True), None)
    finally:
        wb.close()
    if len(t2) < 15 or len(t3) < 25 or t4 is None:
        return None
    counts = ("本年制发件数", "本年废止件数", "现行有效件数")
    return {
        "year": int(head[0][1]),
        "office": str(head[1][1] or ""),
        "table2": {
            "规章": {k: _app_cell(v) for k, v in zip(counts, t2[3][1:4])},
            "行政规范性文件": {k: _app_cell(v) for k, v in zip(counts, t2[4][1:4])},
            "行政许可": _app_cell(t2[7][1]),
            "行政处罚": _app_cell(t2[10][1]),
            "行政强制": _app_cell(t2[11][1]),
            "行政事业性收费": str(t2[14][1] if t2[14][1] is not None else ""),
        },
        "table3": {str(row[10]): [_app_cell(v) for v in row[3:10]] for row in t3 if row[10]},
        "table4": {
            "行政复议": [_app_cell(v) for v in t4[0:5]],
            "未经复议直接起诉": [_app_cell(v) for v in t4[5:10]],
            "复议后起诉": [_app_cell(v) for v in t4[10:15]],
        },
        "sections": {key: str(head[3 + i][1] or "") for i, key in enumerate(PART_KEYS)},
    }


def read_report(path: Path | str, *, year: int | None = None) -> ReadResult:
    """Read one report file. ``year`` is the report year when the file does not name it (or to override)."""
    path = Path(path)
    _check_size(path)
    ext = path.suffix.lower()
    if ext == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadFileError(msg("不是有效的 JSON 文件（{why}）", why=str(exc)), SourceRef(file=path.name)) from exc
        report = AnnualReport.from_json(data, source=path.name)
        if year is not None:
            report.year = year
        return ReadResult(report, None, "json", str(path))
    if ext == ".docx":
        blocks, pdf = docx_blocks(path), False
    elif ext in (".html", ".htm"):
        blocks, pdf = html_blocks(path), False
    elif ext == ".pdf":
        lines = pdf_lines(path)
        if not lines:
            raise BadFileError(msg("PDF 没有文字层（可能是扫描件），无法读取。"), SourceRef(file=path.name))
        blocks, pdf = [("p", ln) for ln in lines], True
    elif ext == ".xlsx":
        own = _app_workbook(path)
        if own is not None:
            report = AnnualReport.from_json(own, source=path.name)
            if year is not None:
                report.year = year
            return ReadResult(report, None, "xlsx", str(path))
        blocks, pdf = xlsx_blocks(path), False
        # the app's own layout (render_xlsx): sheet 报告 has 标题 | <title>; its title is the report's
        titles = [("p", row[1]) for kind, rows in blocks for row in rows  # type: ignore[union-attr]
                  if kind == "t" and len(row) == 2 and row[0] == "标题" and row[1]]
        blocks = titles + [("p", row[0]) for kind, rows in blocks for row in rows  # type: ignore[union-attr]
                           if kind == "t" and len([c for c in row if c]) == 1] + blocks
    else:
        raise BadFileError(msg("不支持的年度报告文件类型“{ext}”：请使用 .json、.xlsx、.docx、.html 或 .pdf",
                               ext=ext or msg("无扩展名")), SourceRef(file=path.name))
    try:
        result = parse_blocks(blocks, pdf=pdf, year=year)
    except UserError as exc:
        raise BadFileError(str(exc), SourceRef(file=path.name)) from exc
    result.fmt, result.source = ext.lstrip(".").replace("htm", "html").replace("htmll", "html"), str(path)
    return result
