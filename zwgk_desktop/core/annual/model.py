"""The yearly report (政府信息公开工作年度报告, format 国办公开办函〔2021〕30号): tables 二, 三, 四 and six parts.

A cell holds what was entered or printed: an ``int``, a placeholder token kept as printed ("", "—", "/")
or ``None`` when a reader could not read the table. The fee of table 二 is a decimal string in 万元, never
a float. 总计 cells are computed in the app's own form (:func:`with_totals`) but kept as printed when a
report is read from a file, so the checks can report a wrong one.

The JSON form (``to_json``/``from_json``) is the one documented in the README:
``{"year", "office", "table2", "table3", "table4", "sections"}``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

Cell = int | str | None

SECTION_KEYS = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}

# table 二
T2_DOC_ROWS = ("规章", "行政规范性文件")
T2_DOC_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
T2_COUNT_ROWS = ("行政许可", "行政处罚", "行政强制")
T2_FEE_ROW = "行政事业性收费"
T2_BLOCKS = (  # (block title, value header, rows)
    ("第二十条第（一）项", "本年制发件数 / 本年废止件数 / 现行有效件数", T2_DOC_ROWS),
    ("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
    ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", (T2_FEE_ROW,)),
)

# table 三: (key, group label, sub-group label, leaf label) as printed
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
APPLICANT_COLUMNS = T3_COLUMNS[:6]
_RESULTS = "三、本年度办理结果"
T3_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("new_received", "一、本年新收政府信息公开申请数量", "", ""),
    ("carried_over", "二、上年结转政府信息公开申请数量", "", ""),
    ("granted", _RESULTS, "（一）予以公开", ""),
    ("partial", _RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("denied_state_secret", _RESULTS, "（三）不予公开", "1.属于国家秘密"),
    ("denied_law_forbidden", _RESULTS, "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied_three_safety", _RESULTS, "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied_third_party", _RESULTS, "（三）不予公开", "4.保护第三方合法权益"),
    ("denied_internal", _RESULTS, "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied_process", _RESULTS, "（三）不予公开", "6.属于四类过程性信息"),
    ("denied_enforcement_file", _RESULTS, "（三）不予公开", "7.属于行政执法案卷"),
    ("denied_query", _RESULTS, "（三）不予公开", "8.属于行政查询事项"),
    ("unable_not_held", _RESULTS, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_need_making", _RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_unclear", _RESULTS, "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("notproc_petition", _RESULTS, "（五）不予处理", "1.信访举报投诉类申请"),
    ("notproc_repeat", _RESULTS, "（五）不予处理", "2.重复申请"),
    ("notproc_publication", _RESULTS, "（五）不予处理", "3.要求提供公开出版物"),
    ("notproc_massive", _RESULTS, "（五）不予处理", "4.无正当理由大量反复申请"),
    ("notproc_confirm", _RESULTS, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", _RESULTS, "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", _RESULTS, "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", _RESULTS, "（六）其他处理", "3.其他"),
    ("total_processed", _RESULTS, "（七）总计", ""),
    ("carried_forward", "四、结转下年度继续办理", "", ""),
)
T3_KEYS = tuple(r[0] for r in T3_ROWS)
RESULT_KEYS = T3_KEYS[2:23]  # （一）…（六）, the 21 rows summed into （七）总计

# table 四
T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_GROUP_KEYS = {"行政复议": "review", "未经复议直接起诉": "lit_direct", "复议后起诉": "lit_after_review"}
T4_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

# the tables' names in messages ("表二无法读取：…"), translated by the window
TABLE_NAMES = {"表二": msg("表二"), "表三": msg("表三"), "表四": msg("表四")}

PLACEHOLDERS = frozenset({"", "—", "-", "/", "／", "－", "–", "——", "无"})
_INT = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def table_name(table: str) -> str:
    """``表二`` as a message (the same text) so that the window shows it in its language."""
    return TABLE_NAMES.get(table, table)


def t3_label(key: str) -> str:
    """The row's label as a reader sees it: the most specific printed part (leaf, else sub-group, else group)."""
    for k, group, sub, leaf in T3_ROWS:
        if k == key:
            return leaf or sub or group
    raise KeyError(key)


def t3_full_label(key: str) -> str:
    """The row named for a message: ``（三）不予公开 1.属于国家秘密``."""
    for k, group, sub, leaf in T3_ROWS:
        if k == key:
            return " ".join(p for p in (sub or group, leaf) if p)
    raise KeyError(key)


def number(cell: Cell) -> int | None:
    """The cell's value for arithmetic: a placeholder counts as 0; None (unreadable) or garbage gives None."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if cell is None:
        return None
    text = str(cell).strip()
    if text in PLACEHOLDERS:
        return 0
    return int(text) if _INT.match(text) else None


def is_placeholder(cell: Cell) -> bool:
    return isinstance(cell, str) and cell.strip() in PLACEHOLDERS


def fee_value(cell: Cell) -> Decimal | None:
    if cell is None or isinstance(cell, bool):
        return None
    text = str(cell).strip()
    if text in PLACEHOLDERS:
        return Decimal(0)
    if not _DECIMAL.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None


def _empty_table2() -> dict[str, Any]:
    table: dict[str, Any] = {row: {c: 0 for c in T2_DOC_COLUMNS} for row in T2_DOC_ROWS}
    table.update({row: 0 for row in T2_COUNT_ROWS})
    table[T2_FEE_ROW] = "0"
    return table


@dataclass
class AnnualReport:
    """One office's yearly report for one calendar year."""

    year: int
    office: str = ""
    table2: dict[str, Any] = field(default_factory=_empty_table2)
    table3: dict[str, list[Cell]] = field(default_factory=lambda: {k: [0] * 7 for k in T3_KEYS})
    table4: dict[str, list[Cell]] = field(default_factory=lambda: {g: [0] * 5 for g in T4_GROUPS})
    sections: dict[str, str] = field(default_factory=lambda: {k: "" for k in SECTION_KEYS})

    # --- the app's JSON ---
    def to_json(self) -> dict[str, Any]:
        table2 = copy.deepcopy(self.table2)
        fee = table2.get(T2_FEE_ROW)
        if isinstance(fee, int) and not isinstance(fee, bool):
            table2[T2_FEE_ROW] = str(fee)
        return {
            "year": self.year,
            "office": self.office,
            "table2": table2,
            "table3": {k: list(self.table3[k]) for k in T3_KEYS},
            "table4": {g: list(self.table4[g]) for g in T4_GROUPS},
            "sections": {k: self.sections.get(k, "") for k in SECTION_KEYS},
        }

    @classmethod
    def from_json(cls, data: Any, *, source: str = "JSON") -> AnnualReport:
        """Build a report from the app's JSON; a wrong shape is a UserError naming the field."""

        def bad(where: str, why: str) -> UserError:
            return UserError(msg("“{source}”中的年度报告数据有误：{where}{why}", source=source, where=where, why=why))

        if not isinstance(data, dict):
            raise bad("", msg("应为一个 JSON 对象"))
        year = data.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2200:
            raise bad("year", msg("应为年份，如 2023"))
        office = data.get("office", "")
        if not isinstance(office, str):
            raise bad("office", msg("应为文本"))

        def cell(value: Any, where: str) -> Cell:
            if value is None or (isinstance(value, int) and not isinstance(value, bool)):
                return value
            if isinstance(value, str):
                return value.strip()
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise bad(where, msg("应为整数或原样的文字"))

        t2_in = data.get("table2") or {}
        if not isinstance(t2_in, dict):
            raise bad("table2", msg("应为对象"))
        table2 = _empty_table2()
        for row in T2_DOC_ROWS:
            values = t2_in.get(row, {})
            if not isinstance(values, dict):
                raise bad(f"table2.{row}", msg("应为对象（本年制发件数、本年废止件数、现行有效件数）"))
            for col in T2_DOC_COLUMNS:
                table2[row][col] = cell(values.get(col, 0), f"table2.{row}.{col}")
        for row in T2_COUNT_ROWS:
            table2[row] = cell(t2_in.get(row, 0), f"table2.{row}")
        fee = t2_in.get(T2_FEE_ROW, "0")
        if isinstance(fee, float):
            raise bad(f"table2.{T2_FEE_ROW}", msg("应写成文字形式的小数（如 \"7730.28\"），不能是浮点数"))
        table2[T2_FEE_ROW] = str(fee) if isinstance(fee, int) and not isinstance(fee, bool) else cell(
            fee, f"table2.{T2_FEE_ROW}")

        def rows(name: str, keys: tuple[str, ...], width: int) -> dict[str, list[Cell]]:
            given = data.get(name) or {}
            if not isinstance(given, dict):
                raise bad(name, msg("应为对象"))
            unknown = sorted(set(given) - set(keys))
            if unknown:
                raise bad(f"{name}.{unknown[0]}", msg("不是本表的行"))
            out: dict[str, list[Cell]] = {}
            for key in keys:
                values = given.get(key, [0] * width)
                if not isinstance(values, list) or len(values) != width:
                    raise bad(f"{name}.{key}", msg("应为 {width} 个数的列表", width=width))
                out[key] = [cell(v, f"{name}.{key}[{i}]") for i, v in enumerate(values)]
            return out

        sections_in = data.get("sections") or {}
        if not isinstance(sections_in, dict) or not all(isinstance(v, str) for v in sections_in.values()):
            raise bad("sections", msg("应为 {example} 对象", example='{"一": 文字, …}'))
        return cls(year=year, office=office.strip(), table2=table2, table3=rows("table3", T3_KEYS, 7),
                   table4=rows("table4", T4_GROUPS, 5),
                   sections={k: sections_in.get(k, "") for k in SECTION_KEYS})

    def copy(self) -> AnnualReport:
        return AnnualReport.from_json(self.to_json())


def with_totals(report: AnnualReport) -> AnnualReport:
    """A copy with every 总计 computed (the app's form never lets the clerk type one): the 总计 column of
    table 三, its row （七）总计, and the 总计 of each table 四 group. Unreadable cells count as 0."""
    out = report.copy()
    for key in RESULT_KEYS + ("new_received", "carried_over", "carried_forward"):
        row = out.table3[key]
        row[6] = sum(number(v) or 0 for v in row[:6])
    out.table3["total_processed"] = [sum(number(out.table3[k][c]) or 0 for k in RESULT_KEYS) for c in range(7)]
    for g in T4_GROUPS:
        row = out.table4[g]
        row[4] = sum(number(v) or 0 for v in row[:4])
    return out


def carry_over(report: AnnualReport, previous: AnnualReport | None) -> AnnualReport:
    """A copy with 二、上年结转 taken from last year's 四、结转下年度继续办理 (all 7 columns)."""
    out = report.copy()
    if previous is not None:
        out.table3["carried_over"] = [number(v) or 0 for v in previous.table3["carried_forward"]]
    return out


def in_force_base(previous: AnnualReport | None) -> dict[str, int | None]:
    """Last year's 现行有效件数 of 规章 and 行政规范性文件: the base this year's count follows from."""
    if previous is None:
        return {row: None for row in T2_DOC_ROWS}
    return {row: number(previous.table2[row]["现行有效件数"]) for row in T2_DOC_ROWS}


def new_report(year: int, office: str, previous: AnnualReport | None = None) -> AnnualReport:
    """An empty report for ``year``, prefilled from last year's where it exists."""
    return with_totals(carry_over(AnnualReport(year=year, office=office), previous))
