"""Due dates and timeliness of publishing, from a DeadlineRule and a WorkdayCalendar.

Decisions:

* ``formed`` is the date of the anchoring event: the day the information was formed or changed, or for
  rules anchored on approval (``after_approval``, ``workdays`` with anchor 'approved') the approval date.
* workdays: due = ``cal.add_workdays(formed, n)`` (formed day not counted, 《民法典》第二百零一条).
* days / after_approval: due = formed + n calendar days; when that day is not a working day it moves to
  the next working day (《民法典》第二百零三条: a period ending on a holiday ends on the next working day).
* annual_date (每年1月31日前公开上一年度…): the date in the checklist year ``year``; a 2024 ledger
  holds "publish the 2023 report by 2024-01-31". A rule with its own year (2021年12月31日前) uses it.
  Without ``year``, the first such date on or after ``formed``.
* month_end / year_end: the last day of that month / 31 December of the rule's year, else the checklist
  ``year``, else the first such day on or after ``formed``. Calendar dates are not moved off holidays.
* immediate: 实时 (n=0) is due the day the information is formed; 及时 (n=None) has no fixed limit, so the
  statutory 20 working days of 《政府信息公开条例》第二十六条 apply.
* month / month_part (X月份, X月中旬前): the last day of the month / of its ten-day part (上旬 the 10th,
  中旬 the 20th, 下旬 the month's end), resolved by year like month_end.
* months: formed + n calendar months (the same day number, clipped), moved to the next working day;
  hours: the day that many hours after the start of the formed day reaches (24小时内 -> the next day).
* periodic (每月10日前, 每季度, 按年公开): the next occurrence on or after ``formed`` (or 1 January of the
  checklist ``year``), see :func:`next_occurrence`; ongoing (持续推进, 长期, 常态化): no due date, and no
  complaint about the text either.
* unknown: no due date, with a warning; nothing is guessed.
* The display period (公示7个工作日) does not change the due date for publishing; ``display_end`` gives the
  last day of the display: the n-th working day after publishing.
* ``late_workdays`` counts working days after the due date up to and including the publishing date
  (``published`` on a weekend right after the due date is late by 0 working days but not on time).
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass
from datetime import date, timedelta

from zwgk_desktop.core.messages import msg

from .calendar import WorkdayCalendar
from .rules import STATUTORY_WORKDAYS, DeadlineKind, DeadlineRule


@dataclass(frozen=True)
class DueResult:
    due: date | None
    estimated: bool = False  # depends on a year without official holiday data
    warning: str = ""  # Chinese; set when estimated or when the due date cannot be computed


@dataclass(frozen=True)
class Timeliness:
    due: date | None
    on_time: bool | None  # None: not published yet (and not overdue) or no due date
    late_workdays: int = 0
    estimated: bool = False
    warning: str = ""


def _month_end(year: int, month: int) -> date:
    return date(year, month, _stdcal.monthrange(year, month)[1])


def _on_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _stdcal.monthrange(year, month)[1]))  # 2月29日 in a common year -> 28


_PART_END = {"early": 10, "mid": 20}  # 上旬 ends on the 10th, 中旬 on the 20th, 下旬 with the month


def _calendar_date(rule: DeadlineRule, year: int) -> date:
    if rule.kind is DeadlineKind.ANNUAL_DATE:
        return _on_date(year, rule.month or 1, rule.day or 1)
    if rule.kind in (DeadlineKind.MONTH_END, DeadlineKind.MONTH):
        return _month_end(year, rule.month or 12)
    if rule.kind is DeadlineKind.MONTH_PART:
        day = _PART_END.get(rule.part or "")
        return _on_date(year, rule.month or 12, day) if day else _month_end(year, rule.month or 12)
    return date(year, 12, 31)  # YEAR_END


def next_occurrence(rule: DeadlineRule, start: date) -> date:
    """The first due day of a PERIODIC rule on or after ``start``: 每月10日前 -> the 10th of this or the next
    month; 每季度 / 每半年 / 按年 / 每周 without a day -> the last day of the current period."""
    period = rule.period or "year"
    if period == "week":
        return start + timedelta(days=6 - start.weekday())
    if period == "month" and rule.day:
        due = _on_date(start.year, start.month, rule.day)
        if due >= start:
            return due
        y, m = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        return _on_date(y, m, rule.day)
    months = {"month": 1, "quarter": 3, "half_year": 6}.get(period, 12)
    last = ((start.month - 1) // months + 1) * months
    return _month_end(start.year, last)


def _add_months(start: date, n: int) -> date:
    total = start.month - 1 + n
    return _on_date(start.year + total // 12, total % 12 + 1, start.day)


def _missing(what: str) -> DueResult:
    return DueResult(None, False, msg("缺少{what}，无法计算截止日期", what=what))


def _estimated(cal: WorkdayCalendar, start: date, end: date) -> DueResult:
    if cal.span_estimated(start, end):
        first = (start + timedelta(days=1)).year
        year = next(y for y in range(first, end.year + 1) if y not in cal.known_years)
        return DueResult(end, True, cal.estimate_warning(date(year, 12, 31)))
    return DueResult(end)


def rule_due(
    rule: DeadlineRule, *, formed: date | None = None, year: int | None = None, cal: WorkdayCalendar
) -> DueResult:
    """The last day on which publishing is on time (see the module doc)."""
    kind = rule.kind
    anchor_name = msg("批准日期") if rule.anchor == "approved" else msg("信息形成（变更）日期")

    if kind is DeadlineKind.UNKNOWN:
        if not rule.text.strip():
            return DueResult(None, False, msg("未填写公开时限，无法计算截止日期"))
        return DueResult(None, False, msg("公开时限“{text}”无法识别，请人工核对", text=rule.text))

    if kind in (DeadlineKind.WORKDAYS, DeadlineKind.IMMEDIATE):
        if formed is None:
            return _missing(anchor_name)
        n = rule.n if rule.n is not None else STATUTORY_WORKDAYS
        return _estimated(cal, formed, cal.add_workdays(formed, n))

    if kind is DeadlineKind.ONGOING:
        return DueResult(None, False, msg("长期、持续开展的事项，没有截止日期"))

    if kind is DeadlineKind.PERIODIC:
        if formed is None and year is None:
            return _missing("信息形成（变更）日期或台账年度")
        return DueResult(next_occurrence(rule, formed or date(year or 1, 1, 1)))

    if kind is DeadlineKind.MONTHS:
        if formed is None:
            return _missing(anchor_name)
        return _estimated(cal, formed, cal.next_workday(_add_months(formed, rule.n or 0)))

    if kind is DeadlineKind.HOURS:
        if formed is None:
            return _missing(anchor_name)
        return DueResult(formed + timedelta(days=-(-(rule.n or 0) // 24)))  # 24小时内: by the next day

    if kind in (DeadlineKind.DAYS, DeadlineKind.AFTER_APPROVAL):
        if formed is None:
            return _missing(anchor_name)
        end = formed + timedelta(days=rule.n or 0)
        return _estimated(cal, formed, cal.next_workday(end))

    # Calendar-date rules: resolve the year.
    y = rule.year or year
    if y is not None:
        return DueResult(_calendar_date(rule, y))
    if formed is not None:
        due = _calendar_date(rule, formed.year)
        return DueResult(due if due >= formed else _calendar_date(rule, formed.year + 1))
    return _missing(msg("台账年度"))


def assess(
    rule: DeadlineRule,
    *,
    formed: date | None = None,
    published: date | None = None,
    year: int | None = None,
    cal: WorkdayCalendar,
    today: date | None = None,
) -> Timeliness:
    """Was (or is) the item published on time?

    With ``published`` None the item is open: on_time is None, unless ``today`` is given and already past
    the due date, in which case on_time is False and late_workdays counts up to ``today`` (overdue).
    """
    result = rule_due(rule, formed=formed, year=year, cal=cal)
    due = result.due
    if due is None:
        return Timeliness(None, None, 0, False, result.warning)
    end = published if published is not None else today
    if end is None or (published is None and end <= due):
        return Timeliness(due, None, 0, result.estimated, result.warning)
    on_time = end <= due
    late = cal.workdays_between(due, end)
    estimated = result.estimated
    warning = result.warning
    if not on_time and cal.span_estimated(due, end):
        estimated = True
        warning = warning or cal.estimate_warning(end)
    return Timeliness(due, on_time, late, estimated, warning)


def display_end(rule: DeadlineRule, published: date, *, cal: WorkdayCalendar) -> DueResult:
    """Last day of the display period (公示N个工作日) counted from ``published``; due None without one."""
    if not rule.display_workdays:
        return DueResult(None)
    return _estimated(cal, published, cal.add_workdays(published, rule.display_workdays))
