"""What every output format of the yearly report shares: the labels of the spec (A.2–A.5) and the
printed tables as grids of merged cells.

Each table (二, 三, 四) is described once as a :class:`Grid`: a list of :class:`Cell` with its row,
column, row span, column span and kind. The PDF, .docx, HTML and .xlsx writers only walk the grid, so
the merged headers are the same in every format.

The report is the app's JSON (issue item 7)::

    {"year": 2023, "office": "…",
     "table2": {"规章": {"本年制发件数": n, "本年废止件数": n, "现行有效件数": n}, "行政规范性文件": {…},
                "行政许可": n, "行政处罚": n, "行政强制": n, "行政事业性收费": "7730.28"},
     "table3": {ROW_KEY: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计], …},
     "table4": {"行政复议": [维持, 纠正, 其他, 尚未审结, 总计], "未经复议直接起诉": […], "复议后起诉": […]},
     "sections": {"一": "…", …, "六": "…"}}

Values are printed as they are stored (a wrong 总计 stays wrong, "—" stays "—"); a missing value is an
empty cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

# ---------------------------------------------------------------- headings (A.2)

PART_KEYS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六")
PART_HEADINGS: dict[str, str] = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
TABLE_PARTS: dict[str, str] = {"二": "table2", "三": "table3", "四": "table4"}


def report_title(report: dict[str, Any]) -> str:
    """``{机关全称}{YYYY}年政府信息公开工作年度报告``."""
    office = clean(report.get("office") or "").strip()
    year = report.get("year")
    return f"{office}{year}年政府信息公开工作年度报告" if year else f"{office}政府信息公开工作年度报告"


# ---------------------------------------------------------------- table 二 (A.3)

T2_RULE_COLUMNS: tuple[str, ...] = ("本年制发件数", "本年废止件数", "现行有效件数")
T2_RULE_ROWS: tuple[str, ...] = ("规章", "行政规范性文件")
# (block title, value header, row labels) of the blocks with one value column
T2_SINGLE_BLOCKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
    ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", ("行政事业性收费",)),
)
T2_FIRST_BLOCK = "第二十条第（一）项"
T2_CONTENT = "信息内容"

# ---------------------------------------------------------------- table 三 (A.4)

T3_COLUMNS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_LEGAL_PERSON = "法人或其他组织"


@dataclass(frozen=True)
class T3Row:
    key: str
    group: str  # col 1 (merged); the whole label when the row spans all three label columns
    sub: str  # col 2 (merged), "" when col 1 spans
    label: str  # col 3, "" when col 2 spans two columns


_RESULTS = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOTPROC = "（五）不予处理"
_OTHER = "（六）其他处理"

T3_ROWS: tuple[T3Row, ...] = (
    T3Row("new_received", "一、本年新收政府信息公开申请数量", "", ""),
    T3Row("carried_over", "二、上年结转政府信息公开申请数量", "", ""),
    T3Row("granted", _RESULTS, "（一）予以公开", ""),
    T3Row("partial", _RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    T3Row("denied_state_secret", _RESULTS, _DENIED, "1.属于国家秘密"),
    T3Row("denied_law_forbidden", _RESULTS, _DENIED, "2.其他法律行政法规禁止公开"),
    T3Row("denied_three_safety", _RESULTS, _DENIED, "3.危及“三安全一稳定”"),
    T3Row("denied_third_party", _RESULTS, _DENIED, "4.保护第三方合法权益"),
    T3Row("denied_internal", _RESULTS, _DENIED, "5.属于三类内部事务信息"),
    T3Row("denied_process", _RESULTS, _DENIED, "6.属于四类过程性信息"),
    T3Row("denied_enforcement_file", _RESULTS, _DENIED, "7.属于行政执法案卷"),
    T3Row("denied_query", _RESULTS, _DENIED, "8.属于行政查询事项"),
    T3Row("unable_not_held", _RESULTS, _UNABLE, "1.本机关不掌握相关政府信息"),
    T3Row("unable_need_making", _RESULTS, _UNABLE, "2.没有现成信息需要另行制作"),
    T3Row("unable_unclear", _RESULTS, _UNABLE, "3.补正后申请内容仍不明确"),
    T3Row("notproc_petition", _RESULTS, _NOTPROC, "1.信访举报投诉类申请"),
    T3Row("notproc_repeat", _RESULTS, _NOTPROC, "2.重复申请"),
    T3Row("notproc_publication", _RESULTS, _NOTPROC, "3.要求提供公开出版物"),
    T3Row("notproc_massive", _RESULTS, _NOTPROC, "4.无正当理由大量反复申请"),
    T3Row("notproc_confirm", _RESULTS, _NOTPROC, "5.要求行政机关确认或重新出具已获取信息"),
    T3Row("other_no_correction", _RESULTS, _OTHER,
          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    T3Row("other_no_fee", _RESULTS, _OTHER,
          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    T3Row("other_other", _RESULTS, _OTHER, "3.其他"),
    T3Row("total_processed", _RESULTS, "（七）总计", ""),
    T3Row("carried_forward", "四、结转下年度继续办理", "", ""),
)
T3_KEYS: tuple[str, ...] = tuple(r.key for r in T3_ROWS)

# ---------------------------------------------------------------- table 四 (A.5)

T4_GROUPS: tuple[str, ...] = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_LITIGATION = "行政诉讼"

# ---------------------------------------------------------------- grids of merged cells

CellKind = Literal["title", "head", "label", "value"]


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    kind: CellKind
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Grid:
    """A printed table: ``rows`` × ``cols`` positions, ``cells`` the top-left cells of merged ranges."""

    name: str  # 表二 / 表三 / 表四
    rows: int
    cols: int
    header_rows: int  # rows repeated on a new page
    cells: tuple[Cell, ...]
    widths: tuple[float, ...]  # relative column widths for paged formats

    def covered(self) -> set[tuple[int, int]]:
        """Positions hidden under a merged cell (not its top-left one)."""
        out: set[tuple[int, int]] = set()
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) != (c.row, c.col):
                        out.add((r, k))
        return out

    def by_row(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [[] for _ in range(self.rows)]
        for c in self.cells:
            rows[c.row].append(c)
        for row in rows:
            row.sort(key=lambda c: c.col)
        return rows


# characters XML 1.0 (.docx, .xlsx) cannot hold; pasted text sometimes carries them
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: Any) -> str:
    """``text`` as a str without the control characters no output format can hold."""
    return _INVALID_CHARS.sub("", "" if text is None else str(text))


def value_text(value: Any) -> str:
    """A number as printed: ints plainly, decimals as stored (never through float), None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value).strip()


def _seq(values: Any, n: int) -> list[Any]:
    seq = list(values) if isinstance(values, (list, tuple)) else []
    return (seq + [None] * n)[:n]


def table2_grid(table2: dict[str, Any] | None) -> Grid:
    t2 = table2 or {}
    cells: list[Cell] = []
    r = 0
    cells.append(Cell(r, 0, T2_FIRST_BLOCK, "title", colspan=4))
    r += 1
    cells.append(Cell(r, 0, T2_CONTENT, "head"))
    cells.extend(Cell(r, 1 + i, h, "head") for i, h in enumerate(T2_RULE_COLUMNS))
    r += 1
    for label in T2_RULE_ROWS:
        values = t2.get(label) if isinstance(t2.get(label), dict) else {}
        cells.append(Cell(r, 0, label, "label"))
        cells.extend(Cell(r, 1 + i, value_text(values.get(h)), "value") for i, h in enumerate(T2_RULE_COLUMNS))
        r += 1
    for title, head, labels in T2_SINGLE_BLOCKS:
        cells.append(Cell(r, 0, title, "title", colspan=4))
        r += 1
        cells.append(Cell(r, 0, T2_CONTENT, "head"))
        cells.append(Cell(r, 1, head, "head", colspan=3))
        r += 1
        for label in labels:
            cells.append(Cell(r, 0, label, "label"))
            cells.append(Cell(r, 1, value_text(t2.get(label)), "value", colspan=3))
            r += 1
    return Grid("表二", r, 4, 0, tuple(cells), (1.3, 1.0, 1.0, 1.0))


def table3_grid(table3: dict[str, Any] | None) -> Grid:
    t3 = table3 or {}
    head = 3
    cells: list[Cell] = [
        Cell(0, 0, T3_CORNER, "head", rowspan=3, colspan=3),
        Cell(0, 3, T3_APPLICANT, "head", colspan=7),
        Cell(1, 3, T3_COLUMNS[0], "head", rowspan=2),
        Cell(1, 4, T3_LEGAL_PERSON, "head", colspan=5),
        Cell(1, 9, T3_COLUMNS[6], "head", rowspan=2),
    ]
    cells.extend(Cell(2, 4 + i, name, "head") for i, name in enumerate(T3_COLUMNS[1:6]))
    # runs of equal group / sub labels are merged vertically
    for i, row in enumerate(T3_ROWS):
        r = head + i
        if not row.sub:
            cells.append(Cell(r, 0, row.group, "label", colspan=3))
        else:
            if i == 0 or T3_ROWS[i - 1].group != row.group:
                n = sum(1 for _ in _run(T3_ROWS, i, lambda x: x.group))
                cells.append(Cell(r, 0, row.group, "label", rowspan=n))
            if not row.label:
                cells.append(Cell(r, 1, row.sub, "label", colspan=2))
            else:
                if i == 0 or T3_ROWS[i - 1].sub != row.sub:
                    n = sum(1 for _ in _run(T3_ROWS, i, lambda x: x.sub))
                    cells.append(Cell(r, 1, row.sub, "label", rowspan=n))
                cells.append(Cell(r, 2, row.label, "label"))
        values = _seq(t3.get(row.key), 7)
        cells.extend(Cell(r, 3 + k, value_text(v), "value") for k, v in enumerate(values))
    return Grid("表三", head + len(T3_ROWS), 10, head, tuple(cells),
                (16.0, 20.0, 62.0) + (8.3,) * 7)


def _run(rows: tuple[T3Row, ...], start: int, key: Any) -> Any:
    first = key(rows[start])
    for row in rows[start:]:
        if key(row) != first or not row.sub:
            return
        yield row


def table4_grid(table4: dict[str, Any] | None) -> Grid:
    t4 = table4 or {}
    cells: list[Cell] = [
        Cell(0, 0, T4_GROUPS[0], "head", colspan=5),
        Cell(0, 5, T4_LITIGATION, "head", colspan=10),
    ]
    cells.extend(Cell(1, i, name, "head", rowspan=2) for i, name in enumerate(T4_COLUMNS))
    cells.append(Cell(1, 5, T4_GROUPS[1], "head", colspan=5))
    cells.append(Cell(1, 10, T4_GROUPS[2], "head", colspan=5))
    for g in (1, 2):
        cells.extend(Cell(2, 5 * g + i, name, "head") for i, name in enumerate(T4_COLUMNS))
    for g, group in enumerate(T4_GROUPS):
        cells.extend(Cell(3, 5 * g + i, value_text(v), "value") for i, v in enumerate(_seq(t4.get(group), 5)))
    return Grid("表四", 4, 15, 3, tuple(cells), (1.0,) * 15)


def report_grids(report: dict[str, Any]) -> dict[str, Grid]:
    """The grid of each table part ("二", "三", "四")."""
    return {
        "二": table2_grid(report.get("table2")),
        "三": table3_grid(report.get("table3")),
        "四": table4_grid(report.get("table4")),
    }


# ---------------------------------------------------------------- section text

_SUBHEAD = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def section_paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a part's text: one per non-empty line, trimmed."""
    if not text:
        return []
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = clean(lines.replace("\x0b", "\n").replace("\x0c", "\n")).split("\n")  # Word's line/page breaks
    return [line.strip().replace("\t", " ") for line in lines if line.strip()]


def is_subhead(paragraph: str) -> bool:
    """A sub-head line such as （一）主动公开情况 (set in 楷体). A long paragraph that only starts with
    （一） is body text."""
    return bool(_SUBHEAD.match(paragraph)) and len(paragraph) <= 30 and not paragraph.endswith("。")
