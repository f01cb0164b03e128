"""Initial due dates of items: from the 公开时限 rule and the checklist year, when that alone fixes a date."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar, default_calendar
from zwgk_desktop.core.deadlines.due import due_date
from zwgk_desktop.core.deadlines.phrases import extract_deadline_phrases
from zwgk_desktop.core.deadlines.rules import DeadlineKind, parse_deadline

# Rules that name a calendar date; relative rules (N个工作日内 …) get their due date per publication record.
_DATED = (DeadlineKind.ANNUAL_DATE, DeadlineKind.MONTH_END, DeadlineKind.YEAR_END)


def initial_due(deadline_text: str, year: int | None, cal: WorkdayCalendar | None = None) -> date | None:
    if not deadline_text:
        return None
    if cal is None:
        return _initial_due_default(deadline_text, year)
    return _initial_due(deadline_text, year, cal)


@lru_cache(maxsize=4096)  # catalogues repeat a handful of 公开时限 phrasings over thousands of rows
def _initial_due_default(deadline_text: str, year: int | None) -> date | None:
    return _initial_due(deadline_text, year, default_calendar())


def _initial_due(deadline_text: str, year: int | None, cal: WorkdayCalendar) -> date | None:
    candidates = [deadline_text, *extract_deadline_phrases(deadline_text)]
    for text in candidates:
        rule = parse_deadline(text)
        if rule.kind in _DATED and (rule.year or year):
            return due_date(rule, year=year, cal=cal).due
    return None
