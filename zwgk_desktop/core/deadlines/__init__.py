"""Qt-free deadline layer: deadline phrases in requirement text, 公开时限 rules, the working-day calendar,
due dates and timeliness."""

from __future__ import annotations

from .calendar import CalendarFileError, CalendarYear, WorkdayCalendar, default_calendar, read_calendar_file
from .phrases import extract_deadline_phrases
from .rules import STATUTORY_WORKDAYS, DeadlineKind, DeadlineRule, parse_deadline
from .timeliness import DueResult, Timeliness, assess, display_end, rule_due

__all__ = [
    "STATUTORY_WORKDAYS",
    "CalendarFileError",
    "CalendarYear",
    "DeadlineKind",
    "DeadlineRule",
    "DueResult",
    "Timeliness",
    "WorkdayCalendar",
    "assess",
    "default_calendar",
    "display_end",
    "rule_due",
    "extract_deadline_phrases",
    "parse_deadline",
    "read_calendar_file",
]
