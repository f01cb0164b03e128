"""Initial due dates of items: from the 公开时限 rule and the checklist year, when that alone fixes a date.

The rules come from :func:`zwgk_desktop.core.deadlines.reading.read_deadline` (the reader behind the
import preview and ``deadline_rule``); a text it cannot read as a whole still gets the date of the first
dated phrase inside it. Calendar-date rules (每年1月31日前, X月底前, X月份, X月中旬前, 年底前) need the
checklist year or their own; periodic rules (每月10日前, 每季度, 按年公开) are due at their next occurrence
from today, kept inside the checklist year. Relative limits (N个工作日内 …) and ongoing work have no
initial due date: the former get theirs per publication record.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar, default_calendar
from zwgk_desktop.core.deadlines.phrases import extract_deadline_phrases
from zwgk_desktop.core.deadlines.reading import read_deadline
from zwgk_desktop.core.deadlines.rules import DeadlineKind, DeadlineRule, parse_deadline
from zwgk_desktop.core.deadlines.timeliness import next_occurrence, rule_due

# Rules that name a calendar date; relative rules (N个工作日内 …) get their due date per publication record.
_DATED = (DeadlineKind.ANNUAL_DATE, DeadlineKind.MONTH_END, DeadlineKind.YEAR_END, DeadlineKind.MONTH,
          DeadlineKind.MONTH_PART)


def initial_due(deadline_text: str, year: int | None, cal: WorkdayCalendar | None = None,
                today: date | None = None) -> date | None:
    if not deadline_text:
        return None
    today = today or date.today()
    if cal is None:
        return _initial_due_default(deadline_text, year, today)
    return _initial_due(deadline_text, year, cal, today)


@lru_cache(maxsize=4096)  # catalogues repeat a handful of 公开时限 phrasings over thousands of rows
def _initial_due_default(deadline_text: str, year: int | None, today: date) -> date | None:
    return _initial_due(deadline_text, year, default_calendar(), today)


def _periodic_due(rule: DeadlineRule, year: int | None, today: date) -> date:
    start = today
    if year is not None:
        start = min(max(today, date(year, 1, 1)), date(year, 12, 31))
    due = next_occurrence(rule, start)
    if year is not None and due.year > year:  # the ledger's year is over: its last occurrence
        due = next_occurrence(rule, date(year, 12, 1))
        if due.year > year:
            due = date(year, 12, 31)
    return due


def _initial_due(deadline_text: str, year: int | None, cal: WorkdayCalendar, today: date) -> date | None:
    rules = list(read_deadline(deadline_text).rules)
    rules += [parse_deadline(t) for t in (deadline_text, *extract_deadline_phrases(deadline_text))]
    for rule in rules:
        if rule.kind in _DATED and (rule.year or year):
            return rule_due(rule, year=year, cal=cal).due
        if rule.kind is DeadlineKind.PERIODIC:
            return _periodic_due(rule, year, today)
    return None
