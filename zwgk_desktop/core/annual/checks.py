"""Consistency checks (勾稽关系) of a yearly report: rules R2.x, R3.x, R4.1, R9.1 and S.x of the spec.

A finding names the table, row and column, the expected and the found value, and a Chinese message giving
both sides ("表四 行政复议：10+1+0+0=11，但总计填写为0"). Cross-year rules (R2.3, R3.4) run when the
previous year's report of the same office is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.annual.model import (
    RESULT_KEYS,
    T2_COUNT_ROWS,
    T2_DOC_COLUMNS,
    T2_DOC_ROWS,
    T2_FEE_ROW,
    T3_COLUMNS,
    T3_KEYS,
    T4_COLUMNS,
    T4_GROUPS,
    AnnualReport,
    Cell,
    fee_value,
    is_placeholder,
    number,
    t3_full_label,
    table_name,
)
from zwgk_desktop.core.messages import msg

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str
    level: str
    table: str
    row: str
    column: str
    expected: Any
    found: Any
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "level": self.level, "table": self.table, "row": self.row,
                "column": self.column, "expected": self.expected, "found": self.found,
                "message": str(self.message)}


@dataclass
class Structure:
    """What a reader found about the document's form (absent for the app's own reports)."""

    headings: list[str] = field(default_factory=list)  # section numerals found, in document order
    old_format: bool = False  # the 2019 trial table 二
    unreadable: dict[str, str] = field(default_factory=dict)  # table (表二/表三/表四) -> why
    missing_t3_rows: list[str] = field(default_factory=list)
    single_row_other: bool = False  # （六）其他处理 printed as one row


def _plus(values: list[int]) -> str:
    return "+".join(str(v) for v in values)


def check(report: AnnualReport, previous: AnnualReport | None = None,
          structure: Structure | None = None) -> list[Finding]:
    """Every finding of the report, errors and warnings, in table order."""
    out: list[Finding] = []
    unreadable = structure.unreadable if structure else {}
    out += _structure(structure)
    if "表二" not in unreadable:
        out += _table2(report, previous)
    if "表三" not in unreadable:
        out += _table3(report, previous)
    if "表四" not in unreadable:
        out += _table4(report)
    out += _narrative(report, unreadable, structure.headings if structure else None)
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)


# --- S.1 ---
def _structure(st: Structure | None) -> list[Finding]:
    if st is None:
        return []
    out: list[Finding] = []
    order = "一二三四五六"
    missing = [k for k in order if k not in st.headings]
    if missing:
        out.append(Finding("S.1", ERROR, "", "", "", list(order), st.headings, msg(
            "缺少第{parts}部分的标题（应依次为“一、总体情况”至“六、其他需要报告的事项”）",
            parts="、".join(missing))))
    elif [h for h in st.headings if h in order] != sorted(st.headings, key=order.index):
        out.append(Finding("S.1", ERROR, "", "", "", list(order), st.headings, msg(
            "六个部分的标题顺序有误：{found}", found="、".join(st.headings))))
    if st.old_format:
        out.append(Finding("S.1", ERROR, "表二", "", "", "2021年格式", "2019年试行格式", msg(
            "表二使用旧格式（2019年试行格式：本年新制作数量/本年新公开数量/对外公开总数量），"
            "应使用国办公开办函〔2021〕30号的格式（本年制发件数/本年废止件数/现行有效件数）")))
    for table, why in st.unreadable.items():
        if table == "表二" and st.old_format:
            continue
        out.append(Finding("S.1", ERROR, table, "", "", "", "", msg("{table}无法读取：{why}", table=table_name(table), why=why)))
    if st.single_row_other:
        out.append(Finding("S.1", ERROR, "表三", "（六）其他处理", "", 3, 1, msg(
            "表三“（六）其他处理”只有一行，应分为3个子行（逾期不补正、逾期未缴费、其他）")))
    if st.missing_t3_rows and "表三" not in st.unreadable:
        out.append(Finding("S.1", ERROR, "表三", "", "", 25, 25 - len(st.missing_t3_rows), msg(
            "表三缺少{n}行：{rows}", n=len(st.missing_t3_rows),
            rows="、".join(t3_full_label(k) for k in st.missing_t3_rows))))
    return out


# --- table 二 ---
def _can_make_rules(office: str) -> bool | None:
    """Whether the office may make 规章 (立法法): 国务院部门 and 省级/设区的市/自治州 governments. None: unknown."""
    name = re.sub(r"\s", "", office)
    if not name:
        return None
    if re.search(r"(乡|镇|街道|县|旗|区)", name):
        return False
    if re.search(r"(省|自治区|市|自治州)人民政府(办公厅|办公室)?$", name):
        return True
    if re.search(r"^国务院|^国家|部$|委员会$|总局$|署$", name):
        return None
    return False


def _table2(r: AnnualReport, previous: AnnualReport | None) -> list[Finding]:
    out: list[Finding] = []
    blanks = 0
    cells: list[tuple[str, str, Cell]] = [(row, col, r.table2[row][col]) for row in T2_DOC_ROWS
                                          for col in T2_DOC_COLUMNS]
    cells += [(row, "本年处理决定数量", r.table2[row]) for row in T2_COUNT_ROWS]
    for row, col, value in cells:
        if value is None:
            out.append(Finding("R2.1", ERROR, "表二", row, col, "非负整数", None, msg(
                "表二 {row}（{col}）没有读到数值", row=row, col=col)))
        elif is_placeholder(value):
            blanks += 1
        elif number(value) is None or (isinstance(value, int) and value < 0):
            out.append(Finding("R2.1", ERROR, "表二", row, col, "非负整数", value, msg(
                "表二 {row}（{col}）应为非负整数，填写为“{value}”", row=row, col=col, value=value)))
    fee = r.table2[T2_FEE_ROW]
    if fee is None:
        out.append(Finding("R2.1", ERROR, "表二", T2_FEE_ROW, "本年收费金额（单位：万元）", "非负小数", None, msg(
            "表二 行政事业性收费（本年收费金额）没有读到数值")))
    elif is_placeholder(fee):
        blanks += 1
    elif fee_value(fee) is None:
        out.append(Finding("R2.1", ERROR, "表二", T2_FEE_ROW, "本年收费金额（单位：万元）", "非负小数", fee, msg(
            "表二 行政事业性收费金额应为非负数（万元），填写为“{value}”", value=fee)))
    if blanks:
        out.append(Finding("R2.1", WARNING, "表二", "", "", 0, blanks, msg(
            "表二存在{n}个空白或'/'单元格（按0计算）", n=blanks)))
    if _can_make_rules(r.office) is False:
        values = [r.table2["规章"][c] for c in T2_DOC_COLUMNS]
        if any(number(v) for v in values):
            out.append(Finding("R2.2", WARNING, "表二", "规章", "", [0, 0, 0], values, msg(
                "表二 规章：{office}不具有规章制定权，规章各项应为0，填写为{values}",
                office=r.office, values="/".join(str(v) for v in values))))
    if previous is not None:
        for row in T2_DOC_ROWS:
            base = number(previous.table2[row]["现行有效件数"])
            made, repealed, now = (number(r.table2[row][c]) for c in T2_DOC_COLUMNS)
            if None in (base, made, repealed, now):
                continue
            expected = base + made - repealed
            if expected != now:
                out.append(Finding("R2.3", WARNING, "表二", row, "现行有效件数", expected, now, msg(
                    "表二 {row}：上年现行有效{base}+本年制发{made}-本年废止{repealed}={expected}，"
                    "但现行有效件数填写为{now}（如经清理，请在报告中说明）",
                    row=row, base=base, made=made, repealed=repealed, expected=expected, now=now)))
    return out


# --- table 三 ---
def _table3(r: AnnualReport, previous: AnnualReport | None) -> list[Finding]:
    out: list[Finding] = []
    t3 = r.table3
    blanks = 0
    nums: dict[str, list[int | None]] = {}
    for key in T3_KEYS:
        row: list[int | None] = []
        for c, value in enumerate(t3[key]):
            if is_placeholder(value):
                blanks += 1
            n = number(value)
            if value is not None and n is None or (isinstance(value, int) and value < 0):
                out.append(Finding("R2.1", ERROR, "表三", t3_full_label(key), T3_COLUMNS[c], "非负整数", value, msg(
                    "表三 {row}（{col}）应为非负整数，填写为“{value}”",
                    row=t3_full_label(key), col=T3_COLUMNS[c], value=value)))
                n = None
            row.append(n)
        nums[key] = row
    if blanks:
        out.append(Finding("R2.1", WARNING, "表三", "", "", 0, blanks, msg(
            "表三存在{n}个空白或'/'单元格（按0计算）", n=blanks)))
    # R3.1 row totals
    for key in T3_KEYS:
        row = nums[key]
        if None in row:
            continue
        parts = row[:6]
        if sum(parts) != row[6]:
            label = t3_full_label(key)
            out.append(Finding("R3.1", ERROR, "表三", label, "总计", sum(parts), row[6], msg(
                "表三 {row}：{expr}={total}，但总计填写为{found}",
                row=label, expr=_plus(parts), total=sum(parts), found=row[6])))
    # R3.2 （七）总计 = sum of （一）…（六）
    for c, col in enumerate(T3_COLUMNS):
        parts = [nums[k][c] for k in RESULT_KEYS]
        found = nums["total_processed"][c]
        if None in parts or found is None:
            continue
        if sum(parts) != found:
            out.append(Finding("R3.2", ERROR, "表三", "（七）总计", col, sum(parts), found, msg(
                "表三 {col}列：办理结果（一）至（六）合计为{total}，但（七）总计填写为{found}",
                col=col, total=sum(parts), found=found)))
    # R3.3 一 + 二 = 三（七） + 四
    for c, col in enumerate(T3_COLUMNS):
        a, b, p, f = (nums[k][c] for k in ("new_received", "carried_over", "total_processed", "carried_forward"))
        if None in (a, b, p, f):
            continue
        if a + b != p + f:
            out.append(Finding("R3.3", ERROR, "表三", "", col, a + b, p + f, msg(
                "表三 {col}列：本年新收{a}+上年结转{b}={left}，但办理结果总计{p}+结转下年度{f}={right}",
                col=col, a=a, b=b, left=a + b, p=p, f=f, right=p + f)))
    # R3.4 carried over = last year's carried forward
    if previous is not None:
        for c, col in enumerate(T3_COLUMNS):
            before = number(previous.table3["carried_forward"][c])
            now = nums["carried_over"][c]
            if before is None or now is None or before == now:
                continue
            level = ERROR if col == "总计" else WARNING
            out.append(Finding("R3.4", level, "表三", "二、上年结转政府信息公开申请数量", col, before, now, msg(
                "表三 {col}列：上年报告“结转下年度继续办理”为{before}，但本年“上年结转”填写为{now}",
                col=col, before=before, now=now)))
    return out


# --- table 四 ---
def _table4(r: AnnualReport) -> list[Finding]:
    out: list[Finding] = []
    blanks = 0
    for g in T4_GROUPS:
        row: list[int | None] = []
        for c, value in enumerate(r.table4[g]):
            if is_placeholder(value):
                blanks += 1
            n = number(value)
            if value is not None and n is None or (isinstance(value, int) and value < 0):
                out.append(Finding("R2.1", ERROR, "表四", g, T4_COLUMNS[c], "非负整数", value, msg(
                    "表四 {group}（{col}）应为非负整数，填写为“{value}”", group=g, col=T4_COLUMNS[c], value=value)))
                n = None
            row.append(n)
        if None in row:
            continue
        parts = row[:4]
        if sum(parts) != row[4]:
            out.append(Finding("R4.1", ERROR, "表四", g, "总计", sum(parts), row[4], msg(
                "表四 {group}：{expr}={total}，但总计填写为{found}",
                group=g, expr=_plus(parts), total=sum(parts), found=row[4])))
    if blanks:
        out.append(Finding("R2.1", WARNING, "表四", "", "", 0, blanks, msg(
            "表四存在{n}个空白或'/'单元格（按0计算）", n=blanks)))
    return out


# --- narrative: R9.1, S.2, S.3 ---
_NUM = r"(\d+)\s*件"


def _quoted(text: str, pattern: str) -> list[int]:
    return [int(m) for m in re.findall(pattern, re.sub(r"\s", "", text))]


def _narrative(r: AnnualReport, unreadable: dict[str, str], headings: list[str] | None) -> list[Finding]:
    """R9.1, S.2, S.3. ``headings``: the parts a printed report was found to have (None for the app's own); a
    part whose heading is missing is already an S.1 finding, so S.2/S.3 do not also call its text empty."""
    out: list[Finding] = []
    one = r.sections.get("一", "")
    t3 = {k: number(r.table3[k][6]) for k in ("new_received", "carried_over", "granted")}
    t4 = {g: number(r.table4[g][4]) for g in T4_GROUPS}
    checks: list[tuple[str, str, list[int | None], str]] = []
    if "表三" not in unreadable and None not in t3.values():
        received = [t3["new_received"], t3["new_received"] + t3["carried_over"]]
        checks.append((r"(?:收到|受理|新收)(?:政府信息公开|依申请公开)?申请(?:共计|共|总计)?" + _NUM, "收到申请",
                       received, "表三 一、本年新收（或加上年结转）"))
        checks.append((r"予以公开(?:共计|共)?" + _NUM, "予以公开", [t3["granted"]], "表三 （一）予以公开 总计"))
    if "表四" not in unreadable and None not in t4.values():
        checks.append((r"行政复议(?:案件)?(?:共计|共)?" + _NUM, "行政复议", [t4["行政复议"]], "表四 行政复议 总计"))
        checks.append((r"行政诉讼(?:案件)?(?:共计|共)?" + _NUM, "行政诉讼",
                       [t4["未经复议直接起诉"] + t4["复议后起诉"]], "表四 行政诉讼 总计"))
    if "表二" not in unreadable:
        in_force = number(r.table2["行政规范性文件"]["现行有效件数"])
        if in_force is not None:
            checks.append((r"现行有效(?:的)?(?:行政)?规范性文件(?:共计|共)?" + _NUM, "现行有效规范性文件",
                           [in_force], "表二 行政规范性文件 现行有效件数"))
    for pattern, what, allowed, cell in checks:
        for quoted in _quoted(one, pattern):
            if quoted not in allowed:
                out.append(Finding("R9.1", WARNING, "一", what, "", allowed[0], quoted, msg(
                    "第一部分写“{what}{quoted}件”，但{cell}为{value}",
                    what=what, quoted=quoted, cell=cell, value=allowed[0])))
    five = re.sub(r"\s", "", r.sections.get("五", ""))
    if five.strip("。.") in ("", "无", "暂无") and (headings is None or "五" in headings):
        out.append(Finding("S.2", WARNING, "五", "", "", "问题及改进情况", five, msg(
            "第五部分“存在的主要问题及改进情况”为空或只写了“无”")))
    six = re.sub(r"\s", "", r.sections.get("六", ""))
    if (headings is None or "六" in headings) and "处理费" not in six and not re.search(r"(信息公开|申请)[^。]{0,12}收费|收费[^。]{0,12}(信息公开|申请)", six):
        out.append(Finding("S.3", WARNING, "六", "", "", "信息处理费情况", "", msg(
            "第六部分没有说明信息处理费的收取情况（金额，或明确未收取）")))
    return out
