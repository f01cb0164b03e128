"""Working-day calendar: official Chinese public holidays and weekend make-up workdays (调休).

Data sources, later ones overriding earlier ones year by year:

1. the ``chinesecalendar`` package (2004 up to its last published year: 2026 for chinesecalendar 1.11.0);
2. ``resources/calendar/*.json`` shipped with the app;
3. each folder passed to :meth:`WorkdayCalendar.load` (e.g. the workspace's calendar folder), in order.

A JSON file describes one year, or a list of years (see resources/calendar/README.txt)::

    {"year": 2027, "holidays": ["2027-01-01", "2027-10-01/2027-10-07"], "workdays": ["2027-02-07"]}

``holidays`` are days off that would otherwise be working days (weekend days inside a holiday period may be
listed too); ``workdays`` are weekend days that are worked. ``A/B`` is an inclusive range.
A year given in a file replaces that year's data completely.

Counting convention (the legal rule for periods, 《民法典》第二百零一条: the starting day is not counted):
``add_workdays(start, n)`` is the n-th working day *after* ``start``; "within 20 working days from the day
the information was formed" therefore ends on ``add_workdays(formed, 20)``.
``workdays_between(a, b)`` counts the working days after ``a`` up to and including ``b``.

For a year the calendar does not know, Monday to Friday count as working days (an estimate):
``is_estimated`` tells, and :meth:`estimate_warning` gives the Chinese warning to show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from zwgk_desktop.core.messages import msg

from ...paths import resource
from ..types import UserError

ONE_DAY = timedelta(days=1)


class CalendarFileError(UserError):
    """A calendar JSON file that cannot be used; the message is Chinese."""


@dataclass(frozen=True)
class CalendarYear:
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str  # "chinesecalendar 1.11.0" or a file path


def _parse_day(value: object, year: int, where: str) -> list[date]:
    if not isinstance(value, str):
        raise CalendarFileError(msg("{where}：日期应写成“YYYY-MM-DD”形式的字符串，而不是 {value!r}", where=where, value=value))
    parts = value.strip().split("/")
    try:
        days = [date.fromisoformat(p.strip()) for p in parts]
    except ValueError:
        raise CalendarFileError(
            msg("{where}：无法识别的日期“{value}”，应为“YYYY-MM-DD”或“起始日/结束日”", where=where, value=value)
        ) from None
    if len(days) > 2 or (len(days) == 2 and days[1] < days[0]):
        raise CalendarFileError(msg("{where}：无效的日期范围“{value}”", where=where, value=value))
    first, last = days[0], days[-1]
    if first.year != year or last.year != year:
        raise CalendarFileError(msg("{where}：日期“{value}”不在{year}年内", where=where, value=value, year=year))
    out = []
    d = first
    while d <= last:
        out.append(d)
        d += ONE_DAY
    return out


def _parse_year(obj: object, where: str, source: str) -> CalendarYear:
    if not isinstance(obj, dict):
        raise CalendarFileError(msg("{where}：应为包含 year、holidays、workdays 的对象", where=where))
    year = obj.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
        raise CalendarFileError(msg("{where}：缺少有效的年份（year），例如 2027", where=where))
    lists: dict[str, set[date]] = {}
    for key in ("holidays", "workdays"):
        values = obj.get(key, [])
        if not isinstance(values, list):
            raise CalendarFileError(msg("{where}：{key} 应为日期列表", where=where, key=key))
        lists[key] = {d for v in values for d in _parse_day(v, year, f"{where} {key}")}
    if not lists["holidays"]:
        raise CalendarFileError(msg("{where}：{year}年没有列出任何节假日（holidays），请检查文件", where=where, year=year))
    both = lists["holidays"] & lists["workdays"]
    if both:
        day = min(both).isoformat()
        raise CalendarFileError(msg("{where}：{day} 同时列为节假日和调休工作日", where=where, day=day))
    weekday_workdays = sorted(d for d in lists["workdays"] if d.weekday() < 5)
    if weekday_workdays:
        raise CalendarFileError(msg("{where}：调休工作日 {isoformat} 不是周末", where=where, isoformat=weekday_workdays[0].isoformat()))
    return CalendarYear(year, frozenset(lists["holidays"]), frozenset(lists["workdays"]), source)


def check_calendar_data(obj: object, where: str, source: str) -> CalendarYear:
    """Check one year's calendar object (as in a JSON file); raises CalendarFileError (Chinese)."""
    return _parse_year(obj, where, source)


def read_calendar_file(path: Path) -> list[CalendarYear]:
    """Read and check one calendar JSON file; raises CalendarFileError with a Chinese message."""
    where = msg("日历文件“{name}”", name=path.name)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CalendarFileError(msg("{where}无法读取：{value}", where=where, value=exc.strerror or exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarFileError(msg("{where}不是有效的 JSON（UTF-8）：{exc}", where=where, exc=exc)) from None
    items = data if isinstance(data, list) else [data]
    years = [_parse_year(obj, where, str(path)) for obj in items]
    seen: set[int] = set()
    for y in years:
        if y.year in seen:
            raise CalendarFileError(msg("{where}：{year}年重复出现", where=where, year=y.year))
        seen.add(y.year)
    return years


def _builtin_years() -> tuple[list[CalendarYear], list[str]]:
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - it is a declared dependency
        return [], [msg("未安装 chinesecalendar，内置节假日数据不可用，仅使用日历文件")]
    version = getattr(chinese_calendar, "__version__", "")
    source = f"chinesecalendar {version}".strip()
    holidays: dict[int, set[date]] = {}
    workdays: dict[int, set[date]] = {}
    for d in chinese_calendar.holidays:
        holidays.setdefault(d.year, set()).add(d)
    for d in chinese_calendar.workdays:
        workdays.setdefault(d.year, set()).add(d)
    if not holidays:
        return [], []
    years = range(min(holidays), max(holidays) + 1)
    return [
        CalendarYear(y, frozenset(holidays.get(y, ())), frozenset(workdays.get(y, ())), source) for y in years
    ], []


class WorkdayCalendar:
    """Which days are working days in mainland China (see the module doc for sources and conventions)."""

    def __init__(self, years: Iterable[CalendarYear] = (), warnings: Iterable[str] = ()) -> None:
        self._years: dict[int, CalendarYear] = {}
        for y in years:  # later entries override earlier ones
            self._years[y.year] = y
        self._holidays = frozenset(d for y in self._years.values() for d in y.holidays)
        self._workdays = frozenset(d for y in self._years.values() for d in y.workdays)
        self.warnings: tuple[str, ...] = tuple(warnings)  # files skipped while loading, in Chinese

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = (), *, include_builtin: bool = True) -> WorkdayCalendar:
        """Built-in data, then resources/calendar/*.json, then ``extra_dirs`` (later wins per year).

        A bad file is skipped and reported in :attr:`warnings`; a missing folder is ignored.
        """
        years: list[CalendarYear] = []
        warnings: list[str] = []
        if include_builtin:
            built, notes = _builtin_years()
            years += built
            warnings += notes
        for folder in [resource("calendar"), *map(Path, extra_dirs)]:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                try:
                    years += read_calendar_file(path)
                except CalendarFileError as exc:
                    warnings.append(msg("{exc}，已忽略该文件", exc=exc))
        return cls(years, warnings)

    # -- what is known ------------------------------------------------------------------------------

    @property
    def known_years(self) -> frozenset[int]:
        return frozenset(self._years)

    @property
    def first_known_year(self) -> int | None:
        return min(self._years) if self._years else None

    @property
    def last_known_year(self) -> int | None:
        return max(self._years) if self._years else None

    def source_of(self, year: int) -> str:
        """Where the data for ``year`` comes from, or '' when it is estimated."""
        y = self._years.get(year)
        return y.source if y else ""

    def is_estimated(self, d: date) -> bool:
        """True when ``d`` lies in a year without official data (weekends only are assumed off)."""
        return d.year not in self._years

    def span_estimated(self, a: date, b: date) -> bool:
        """True when any day after ``a`` up to and including ``b`` is estimated."""
        if b <= a:
            return False
        return any(y not in self._years for y in range((a + ONE_DAY).year, b.year + 1))

    def estimate_warning(self, d: date) -> str:
        """The Chinese warning for a result that depends on a year without official data ('' if none)."""
        if not self.is_estimated(d):
            return ""
        last = self.last_known_year
        known = msg("目前只收录到{last}年，", last=last) if last else ""
        return (
            msg("{year}年的法定节假日和调休安排尚未收录（{known}按周一至周五为工作日估算），日期仅供参考。国务院办公厅公布放假安排后，可在“设置 → 节假日安排”中粘贴通知全文补充。", year=d.year, known=known)
        )

    # -- days -----------------------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return d.weekday() < 5

    def is_holiday(self, d: date) -> bool:
        """An official public holiday (not an ordinary weekend)."""
        return d in self._holidays

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted); n=0 gives ``start``."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += ONE_DAY
            if self.is_workday(d):
                n -= 1
        return d

    def next_workday(self, d: date) -> date:
        """``d`` if it is a working day, else the first working day after it."""
        while not self.is_workday(d):
            d += ONE_DAY
        return d

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b``; 0 when ``b <= a``."""
        count = 0
        d = a + ONE_DAY
        while d <= b:
            if self.is_workday(d):
                count += 1
            d += ONE_DAY
        return count


_default: WorkdayCalendar | None = None


def default_calendar() -> WorkdayCalendar:
    """Built-in data plus resources/calendar (cached); front ends add the workspace folder via load()."""
    global _default
    if _default is None:
        _default = WorkdayCalendar.load()
    return _default
