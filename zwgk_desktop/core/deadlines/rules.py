"""公开时限 text -> DeadlineRule.

Accepted phrasings (see docs/domain.md), after folding full-width characters and dropping stray spaces:

* `信息形成或者变更之日起20个工作日内`, `信息形成（变更）20个工作日内`, `20工作日` -> workdays, anchor 'formed';
* `制定或获取信息之日起10个工作日内，公示7个工作日` -> workdays 10 with display_workdays 7;
* `…之日起20日内`, `7天内` -> days (calendar days), anchor 'formed';
* `本级人民代表大会或其常务委员会批准后20日内` -> after_approval (calendar days), anchor 'approved';
  `批准后10个工作日内` -> workdays with anchor 'approved';
* `每年1月31日前公开上一年度…` -> annual_date (month 1, day 31); `2021年12月31日前` -> annual_date with year;
* `12月底前`, `每年3月底前`, `2021年6月底前` -> month_end; `2021年底前`, `2021年年底前`, `年底前` -> year_end;
* `实时公开` -> immediate with n=0 (due the day the information is formed);
  `及时公开` -> immediate with n=None (no fixed limit; rule_due applies the statutory 20 working days of
  《政府信息公开条例》第二十六条, which itself says "20个工作日内及时公开").

Anything else (including `同上`, which the importer resolves, and text naming two different limits) gives
kind 'unknown' with ``parsed == False`` and the original text kept: flagged, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal

from zwgk_desktop.core.messages import msg

from .vocabulary import (
    BEFORE,
    DAY_MARK,
    END_MARK,
    HOUR_UNIT,
    MONTH_UNIT,
    NUM,
    WITHIN,
    WORKDAY_UNIT,
    normalize,
    to_int,
)

STATUTORY_WORKDAYS = 20  # 《政府信息公开条例》第二十六条: 形成或者变更之日起20个工作日内及时公开


class DeadlineKind(str, Enum):
    WORKDAYS = "workdays"  # n working days after the anchor date
    DAYS = "days"  # n calendar days after the anchor date
    ANNUAL_DATE = "annual_date"  # month/day each year (or once, when year is set)
    MONTH_END = "month_end"  # by the end of month (of year, or of the checklist year)
    YEAR_END = "year_end"  # by 31 December (of year, or of the checklist year)
    AFTER_APPROVAL = "after_approval"  # n calendar days after approval (人大或其常委会批准)
    IMMEDIATE = "immediate"  # 实时 (n=0, same day) / 及时 (n=None, statutory limit)
    MONTHS = "months"  # n months after the anchor date (N个月内)
    HOURS = "hours"  # n hours after the anchor (N小时内)
    MONTH_PART = "month_part"  # by the end of a ten-day part of a month (X月上旬/中旬/下旬前)
    MONTH = "month"  # during a named month (X月份): by its last day
    ONGOING = "ongoing"  # 持续推进, 长期, 常态化: no due date, but understood
    PERIODIC = "periodic"  # 按年公开, 每季度, 每月10日前: due at the next occurrence
    UNKNOWN = "unknown"


Anchor = Literal["formed", "approved"]


@dataclass(frozen=True)
class DeadlineRule:
    """A parsed 公开时限. ``text`` is the original cell text, kept for display and re-parsing."""

    kind: DeadlineKind
    n: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    display_workdays: int | None = None  # 公示N个工作日 after publishing
    anchor: Anchor | None = None  # 'formed' | 'approved' | None
    text: str = ""
    period: str | None = None  # PERIODIC: 'year' | 'half_year' | 'quarter' | 'month' | 'week'
    part: str | None = None  # MONTH_PART: 'early' | 'mid' | 'late'

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DeadlineKind(self.kind))  # accept plain strings too

    @property
    def parsed(self) -> bool:
        return self.kind is not DeadlineKind.UNKNOWN

    def describe(self) -> str:
        """A short Chinese summary for tables and reports."""
        k = self.kind
        if k is DeadlineKind.WORKDAYS:
            start = msg("批准之日起") if self.anchor == "approved" else msg("信息形成（变更）之日起")
            s = msg("{start}{n}个工作日内公开", start=start, n=self.n)
        elif k is DeadlineKind.DAYS:
            s = msg("信息形成（变更）之日起{n}日内公开（自然日）", n=self.n)
        elif k is DeadlineKind.AFTER_APPROVAL:
            s = (msg("批复后{n}日内公开（自然日）", n=self.n) if "批复" in self.text
                 else msg("批准后{n}日内公开（自然日）", n=self.n))
        elif k is DeadlineKind.ANNUAL_DATE:
            s = (
                msg("{year}年{month}月{day}日前", year=self.year, month=self.month, day=self.day)
                if self.year
                else msg("每年{month}月{day}日前", month=self.month, day=self.day)
            )
        elif k is DeadlineKind.MONTH_END:
            s = msg("{year}年{month}月底前", year=self.year, month=self.month) if self.year else msg("{month}月底前", month=self.month)
        elif k is DeadlineKind.YEAR_END:
            s = msg("{year}年底前", year=self.year) if self.year else msg("年底前")
        elif k is DeadlineKind.MONTHS:
            s = (msg("批准之日起{n}个月内公开", n=self.n) if self.anchor == "approved"
                 else msg("信息形成（变更）之日起{n}个月内公开", n=self.n))
        elif k is DeadlineKind.HOURS:
            s = msg("信息形成（变更）后{n}小时内公开", n=self.n)
        elif k is DeadlineKind.MONTH_PART:
            part, end = {"early": (msg("上旬"), msg("10日")), "mid": (msg("中旬"), msg("20日")),
                         "late": (msg("下旬"), msg("底"))}[self.part or "mid"]
            year = msg("{year}年", year=self.year) if self.year else ""
            s = msg("{year}{month}月{part}前（{month}月{end}前）", year=year, month=self.month, part=part, end=end)
        elif k is DeadlineKind.MONTH:
            year = msg("{year}年", year=self.year) if self.year else ""
            s = msg("{year}{month}月份（当月底前）", year=year, month=self.month)
        elif k is DeadlineKind.ONGOING:
            s = msg("长期、持续开展（没有截止日期）")
        elif k is DeadlineKind.PERIODIC:
            every = {"year": msg("每年"), "half_year": msg("每半年"), "quarter": msg("每季度"), "month": msg("每月"),
                     "week": msg("每周")}
            s = (msg("{every}{day}日前", every=every[self.period or "year"], day=self.day) if self.day
                 else msg("{every}公开一次（周期末前）", every=every[self.period or "year"]))
        elif k is DeadlineKind.IMMEDIATE:
            if self.n == 0:
                s = msg("实时公开（信息形成当日）")
            else:
                s = msg("及时公开（无具体时限，按《政府信息公开条例》第二十六条不超过{statutory_workdays}个工作日）", statutory_workdays=STATUTORY_WORKDAYS)
        else:
            return msg("无法识别的公开时限：“{text}”，请人工核对", text=self.text) if self.text.strip() else msg("未填写公开时限")
        if self.display_workdays:
            s = msg("{rule}，公示{display_workdays}个工作日", rule=s, display_workdays=self.display_workdays)
        return s


_DISPLAY = re.compile(rf"公示(?:期)?(?:为|不少于|不得少于)?(?P<n>{NUM}){WORKDAY_UNIT}")
_APPROVAL = re.compile(r"(?:批准|批复|审批|通过|审议)(?:之日起|后的|之后|后)")

# Each main-limit pattern: (kind, regex). All matches are collected; more than one distinct rule -> unknown.
_WORKDAYS = re.compile(rf"(?P<n>{NUM}){WORKDAY_UNIT}{WITHIN}?")
_DAYS = re.compile(rf"(?<![月0-9])(?P<n>{NUM})个?(?:自然日|日历日|日|天){WITHIN}")
_DATE = re.compile(rf"(?P<every>每年)?(?:(?P<y>[0-9]{{4}})年)?(?P<m>{NUM})月(?P<d>{NUM}){DAY_MARK}{BEFORE}?")
_MONTH_END = re.compile(rf"(?:(?P<y>[0-9]{{4}})年)?(?<![0-9])(?P<m>{NUM})月{END_MARK}{BEFORE}?")
_YEAR_END = re.compile(rf"(?:(?P<y>[0-9]{{4}})年?)?年{END_MARK}{BEFORE}?")
_MONTH_PART = re.compile(rf"(?:(?P<y>[0-9]{{4}})年)?(?<![0-9])(?P<m>{NUM})月(?P<part>[上中下])旬{BEFORE}?")
_MONTH_NAMED = re.compile(rf"(?:(?P<y>[0-9]{{4}})年)?(?<![0-9])(?P<m>{NUM})月份")
_MONTHS = re.compile(rf"(?P<n>{NUM}){MONTH_UNIT}{WITHIN}")
_HOURS = re.compile(rf"(?P<n>{NUM}){HOUR_UNIT}{WITHIN}")
_MONTHLY_DATE = re.compile(rf"每(?:个)?月(?P<d>{NUM}){DAY_MARK}{BEFORE}?")
_CADENCES = [
    ("quarter", re.compile(r"每(?:个)?季度?|按季度?|季度公开|逐季")),
    ("half_year", re.compile(r"每半年|半年(?:公开|更新)")),
    ("month", re.compile(r"每(?:个)?月|按月|逐月")),
    ("week", re.compile(r"每周|按周")),
    ("year", re.compile(r"每年|按年|年度公开|逐年")),
]
_ONGOING = re.compile(r"持续推进|持续开展|持续|长期坚持|长期有效|长期|常态化|全年|动态(?:更新|调整|公开)")
_REALTIME = re.compile(r"实时")
_PROMPT = re.compile(r"及时|即时|随时")


def _unknown(text: str) -> DeadlineRule:
    return DeadlineRule(DeadlineKind.UNKNOWN, text=text)


def parse_deadline(text: str) -> DeadlineRule:
    """Parse a 公开时限 cell (see the module doc for what is accepted)."""
    original = text or ""
    norm = normalize(original)
    if not norm:
        return _unknown(original)

    display: int | None = None
    if m := _DISPLAY.search(norm):
        display = to_int(m.group("n"))
        norm = norm[: m.start()] + "；" + norm[m.end() :]  # the display period is not the publishing limit

    found: list[DeadlineRule] = []
    consumed: list[tuple[int, int]] = []

    def add(rule: DeadlineRule, span: tuple[int, int]) -> None:
        consumed.append(span)
        if rule not in found:
            found.append(rule)

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in consumed)

    try:
        for m in _DATE.finditer(norm):
            month, day = to_int(m.group("m")), to_int(m.group("d"))
            year = int(m.group("y")) if m.group("y") else None
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return _unknown(original)
            add(
                DeadlineRule(DeadlineKind.ANNUAL_DATE, month=month, day=day, year=year, text=original),
                m.span(),
            )
        for m in _MONTH_END.finditer(norm):
            if not free(m.span()):
                continue
            month = to_int(m.group("m"))
            if not 1 <= month <= 12:
                return _unknown(original)
            year = int(m.group("y")) if m.group("y") else None
            add(DeadlineRule(DeadlineKind.MONTH_END, month=month, year=year, text=original), m.span())
        for m in _MONTH_PART.finditer(norm):
            month = to_int(m.group("m"))
            if not 1 <= month <= 12:
                return _unknown(original)
            year = int(m.group("y")) if m.group("y") else None
            part = {"上": "early", "中": "mid", "下": "late"}[m.group("part")]
            add(DeadlineRule(DeadlineKind.MONTH_PART, month=month, year=year, part=part, text=original), m.span())
        for m in _MONTH_NAMED.finditer(norm):
            month = to_int(m.group("m"))
            if not 1 <= month <= 12:
                return _unknown(original)
            year = int(m.group("y")) if m.group("y") else None
            add(DeadlineRule(DeadlineKind.MONTH, month=month, year=year, text=original), m.span())
        for m in _MONTHLY_DATE.finditer(norm):
            day = to_int(m.group("d"))
            if not 1 <= day <= 31:
                return _unknown(original)
            add(DeadlineRule(DeadlineKind.PERIODIC, period="month", day=day, text=original), m.span())
        for m in _MONTHS.finditer(norm):
            approved = bool(_APPROVAL.search(norm[: m.start()]))
            add(DeadlineRule(DeadlineKind.MONTHS, n=to_int(m.group("n")), anchor="approved" if approved else "formed",
                             text=original), m.span())
        for m in _HOURS.finditer(norm):
            add(DeadlineRule(DeadlineKind.HOURS, n=to_int(m.group("n")), anchor="formed", text=original), m.span())
        for m in _YEAR_END.finditer(norm):
            if free(m.span()):
                year = int(m.group("y")) if m.group("y") else None
                add(DeadlineRule(DeadlineKind.YEAR_END, year=year, text=original), m.span())
        for m in _WORKDAYS.finditer(norm):
            approved = bool(_APPROVAL.search(norm[: m.start()]))
            rule = DeadlineRule(
                DeadlineKind.WORKDAYS,
                n=to_int(m.group("n")),
                anchor="approved" if approved else "formed",
                text=original,
            )
            add(rule, m.span())
        for m in _DAYS.finditer(norm):
            if not free(m.span()):
                continue
            n = to_int(m.group("n"))
            if _APPROVAL.search(norm[: m.start()]):
                rule = DeadlineRule(DeadlineKind.AFTER_APPROVAL, n=n, anchor="approved", text=original)
            else:
                rule = DeadlineRule(DeadlineKind.DAYS, n=n, anchor="formed", text=original)
            add(rule, m.span())
    except ValueError:
        return _unknown(original)

    if not found:
        if _REALTIME.search(norm):
            found.append(DeadlineRule(DeadlineKind.IMMEDIATE, n=0, anchor="formed", text=original))
        elif _PROMPT.search(norm):
            found.append(DeadlineRule(DeadlineKind.IMMEDIATE, anchor="formed", text=original))
        elif period := next((name for name, rx in _CADENCES if rx.search(norm)), None):
            found.append(DeadlineRule(DeadlineKind.PERIODIC, period=period, text=original))
        elif _ONGOING.search(norm):
            found.append(DeadlineRule(DeadlineKind.ONGOING, text=original))
    if len(found) != 1:
        return _unknown(original)  # nothing recognised, or two different limits: flag, do not guess
    rule = found[0]
    if display is not None:
        rule = replace(rule, display_workdays=display)
    return rule
