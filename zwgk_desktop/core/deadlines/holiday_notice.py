"""Read the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as pasted text.

The notice lists one festival per numbered line::

    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。

:func:`parse_holiday_notice` turns it into the year's holidays and make-up workdays, the same data a calendar
JSON file holds (:meth:`HolidayNotice.calendar_data`), so saving goes through the same checks and the same
file write as ``zwgk calendar --import``.

Understood: full-width and half-width digits and punctuation (NFKC), stray spaces, ``至``/``-``/``~`` ranges
within and across months and years (``12月31日至1月2日``, ``2022年12月31日至2023年1月2日``), ``放假调休，共N天``
and ``放假1天`` (N is checked against the range), ``与周末连休`` (the adjacent weekend joins the holiday),
``不调休``, ``补休``, several make-up days per line with ``（星期六）`` or ``（周六）`` (the weekday written in the
notice is checked against the date), a whole notice pasted as one paragraph, and the later notices that
change a year's arrangement: ``关于调整2019年劳动节假期安排的通知`` replaces that festival's days,
``关于延长2020年春节假期的通知`` (``延长…假期至2月2日``) extends it and cancels the make-up days inside.
The year comes from the title or the opening sentence, else from the caller (:class:`NoticeYearMissing`).
Days that fall in another year (the 元旦 weekend of the year before) are reported, not saved: a calendar
file holds one year.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..messages import msg
from ..types import UserError

ONE_DAY = timedelta(days=1)
# the festivals of the State Council notices, listed so that the window can show them translated
FESTIVAL_NAMES = (msg("元旦"), msg("春节"), msg("清明节"), msg("劳动节"), msg("端午节"), msg("中秋节"), msg("国庆节"))
WEEKDAY_NAMES = (msg("周一"), msg("周二"), msg("周三"), msg("周四"), msg("周五"), msg("周六"), msg("周日"))
_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


class HolidayNoticeError(UserError):
    """Text that cannot be read as a holiday notice; the message is Chinese and names the line."""


class NoticeYearMissing(HolidayNoticeError):
    """The text names no year: the caller must ask for it."""


@dataclass(frozen=True)
class NoticeFestival:
    """One festival's arrangement as the notice gives it."""

    name: str  # as written, e.g. "国庆节、中秋节"
    holidays: tuple[date, ...]  # days off, sorted (weekend days inside the period included)
    workdays: tuple[date, ...]  # weekend days worked, sorted
    line: int  # 1-based line of the pasted text
    declared_days: int | None = None  # the notice's "共N天"


@dataclass(frozen=True)
class HolidayNotice:
    """A parsed notice: the year, its festivals and what the reader should check."""

    year: int
    festivals: tuple[NoticeFestival, ...]
    warnings: tuple[str, ...] = ()
    title: str = ""

    @property
    def holidays(self) -> list[date]:
        """Days off inside :attr:`year`, sorted."""
        return sorted({d for f in self.festivals for d in f.holidays if d.year == self.year})

    @property
    def workdays(self) -> list[date]:
        """Make-up workdays inside :attr:`year`, sorted."""
        return sorted({d for f in self.festivals for d in f.workdays if d.year == self.year})

    @property
    def other_year_days(self) -> list[tuple[date, bool, str]]:
        """(day, is_holiday, festival) for days the notice gives in another year; they are not saved."""
        out = [(d, True, f.name) for f in self.festivals for d in f.holidays if d.year != self.year]
        out += [(d, False, f.name) for f in self.festivals for d in f.workdays if d.year != self.year]
        return sorted(out)

    def festival_on(self, d: date) -> str:
        """The festival whose holiday or make-up day ``d`` is ('' if none)."""
        for f in self.festivals:
            if d in f.holidays or d in f.workdays:
                return f.name
        return ""

    def calendar_data(self) -> dict:
        """The calendar JSON object for this year (format of resources/calendar/README.txt)."""
        return {
            "year": self.year,
            "holidays": compact_ranges(self.holidays),
            "workdays": [d.isoformat() for d in self.workdays],
            "source": self.title or f"国务院办公厅关于{self.year}年部分节假日安排的通知",
            "festivals": {f.name: compact_ranges([d for d in f.holidays if d.year == self.year])
                          for f in self.festivals},
        }

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "title": self.title,
            "festivals": [{"name": f.name, "holidays": [d.isoformat() for d in f.holidays],
                           "workdays": [d.isoformat() for d in f.workdays], "line": f.line,
                           "declared_days": f.declared_days} for f in self.festivals],
            "holidays": [d.isoformat() for d in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
            "other_year_days": [{"date": d.isoformat(), "holiday": h, "festival": n}
                                for d, h, n in self.other_year_days],
            "warnings": list(self.warnings),
        }


def compact_ranges(days: Iterable[date]) -> list[str]:
    """Sorted days as ``YYYY-MM-DD`` or ``A/B`` for runs of consecutive days."""
    out: list[str] = []
    run: list[date] = []
    for d in sorted(set(days)):
        if run and d != run[-1] + ONE_DAY:
            out.append(_run_text(run))
            run = []
        run.append(d)
    if run:
        out.append(_run_text(run))
    return out


def _run_text(run: list[date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}/{run[-1].isoformat()}"


def weekday_name(d: date) -> str:
    return WEEKDAY_NAMES[d.weekday()]


# -- text patterns (applied to NFKC-normalised text without spaces) ------------------------------------------

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\(?\d{1,2}[)）.、]|[-•·*●■◆])")
# where a notice pasted as one paragraph is cut: before numbered items and the closing paragraphs
_ITEM_SPLIT = re.compile(r"(?<=[。;])(?=[一二三四五六七八九十]{1,3}、|节假日期间|国务院办公厅|鼓励单位和个人)")
_FESTIVAL_HEAD = re.compile(r"^(?P<names>[\u4e00-\u9fff]{1,6}(?:节|旦)(?:[、和][\u4e00-\u9fff]{1,6}(?:节|旦))*):")
_TITLE_YEAR = re.compile(r"(?:关于|现将)(\d{4})年(?:部分节假日|元旦|春节|清明节|劳动节|端午节|中秋节|国庆节)")
_ADJUST = re.compile(r"调整(\d{4})年([\u4e00-\u9fff]{1,6}?节)(?:假期|放假)")
_EXTEND_CONTEXT = re.compile(r"延长(\d{4})年([\u4e00-\u9fff]{1,6}?节)假期")
_EXTEND_ITEM = re.compile(r"延长(?:(?P<y>\d{4})年)?(?P<fest>[\u4e00-\u9fff]{1,6}?节)假期至")
_DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日(?:\ue000(?P<{p}n>\d+)\ue001)?"
_RANGE = re.compile(_DATE.format(p="a") + r"(?:(?:至|到|~|-|—|–)" + _DATE.format(p="b") + r")?")
_NOTE = re.compile(r"(?<=日)\(([^()]{0,30})\)")
_DAYS = re.compile(r"(?:共|放假)(\d{1,2})天")
_WEEKDAY_IN_NOTE = re.compile(r"(?:星期|周)([一二三四五六日天])")


@dataclass
class _Festival:
    name: str
    line: int
    holidays: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)
    declared: int | None = None
    segment: int = 0

    def names(self) -> set[str]:
        return set(re.split(r"[、和]", self.name))


@dataclass
class _Parser:
    year: int
    warnings: list[str] = field(default_factory=list)
    festivals: list[_Festival] = field(default_factory=list)
    segment: int = 0
    context: str = ""  # festival named by an adjusting or extending notice
    main_items: int = 0  # festival lines of the yearly notice itself

    # -- dates ----------------------------------------------------------------------------------------------

    def _day(self, y: str | None, m: str | None, d: str, *, month: int | None, year: int | None,
             line: int, text: str) -> date:
        if m is None and month is None:
            raise HolidayNoticeError(msg("第{line}行：“{text}”中的日期缺少月份", line=line, text=text))
        mm = int(m) if m else month
        yy = int(y) if y else year
        try:
            return date(yy or self.year, mm or 1, int(d))
        except ValueError:
            raise HolidayNoticeError(msg("第{line}行：“{text}”中有不存在的日期（{m}月{d}日）",
                                         line=line, text=text, m=mm, d=d)) from None

    def _ranges(self, clause: str, notes: list[str], names: set[str], line: int,
                text: str) -> list[list[date]]:
        """Every date or date range in ``clause``, each as its list of days."""
        out: list[list[date]] = []
        for m in _RANGE.finditer(clause):
            month_a = int(m["am"]) if m["am"] else None
            # a December day in the 元旦 line of a notice belongs to the year before
            year_a = int(m["ay"]) if m["ay"] else (self.year - 1 if "元旦" in names and month_a == 12 else None)
            first = self._day(m["ay"], m["am"], m["ad"], month=None, year=year_a, line=line, text=text)
            self._check_weekday(first, m["an"], notes, line)
            if m["bd"] is None:
                out.append([first])
                continue
            end_month = int(m["bm"]) if m["bm"] else first.month
            end_year = int(m["by"]) if m["by"] else first.year + (1 if end_month < first.month else 0)
            last = self._day(None, str(end_month), m["bd"], month=None, year=end_year, line=line, text=text)
            self._check_weekday(last, m["bn"], notes, line)
            if not first <= last <= first + timedelta(days=40):
                raise HolidayNoticeError(msg("第{line}行：无效的日期范围“{range}”", line=line, range=m[0]))
            out.append([first + ONE_DAY * i for i in range((last - first).days + 1)])
        return out

    def _check_weekday(self, d: date, note_index: str | None, notes: list[str], line: int) -> None:
        if note_index is None:
            return
        found = _WEEKDAY_IN_NOTE.search(notes[int(note_index)])
        if found and _WEEKDAY_CHARS[found[1]] != d.weekday():
            self.warnings.append(msg(
                "第{line}行：{day}是{actual}，通知中写的是“{written}”，请核对年份和日期",
                line=line, day=f"{d.year}年{d.month}月{d.day}日", actual=weekday_name(d), written=found[0]))

    # -- lines ----------------------------------------------------------------------------------------------

    def context_line(self, text: str) -> None:
        """Titles and openings of notices that adjust or extend one festival."""
        for pattern in (_ADJUST, _EXTEND_CONTEXT):
            m = pattern.search(text)
            if m:
                if m[2] != self.context:
                    self.segment += 1
                self.context = m[2]
                return
        if _TITLE_YEAR.search(text) and self.context:
            self.segment += 1
            self.context = ""

    def item_line(self, raw: str, text: str, line: int) -> None:
        """One numbered line of the notice (``text`` normalised); lines that are no arrangement are skipped."""
        extend = _EXTEND_ITEM.search(text)
        if extend:
            self._extend(extend, text, line)
            return
        head = _FESTIVAL_HEAD.match(text)
        if head:
            name, body = head["names"], text[head.end():]
            self.main_items += 0 if self.context else 1
        elif self.context and _RANGE.match(text) and "放假" in text:
            name, body = self.context, text
        else:
            return
        notes: list[str] = []

        def keep_note(m: re.Match[str]) -> str:
            notes.append(m[1])
            return f"\ue000{len(notes) - 1}\ue001"

        body = _NOTE.sub(keep_note, body)
        body = re.sub(r"\([^()]*\)", "", body)  # other remarks in brackets
        festival = _Festival(name, line, segment=self.segment)
        names = festival.names()
        last_holiday: list[date] = []
        for sentence in re.split(r"[。;]", body):
            if not sentence or sentence.startswith("鼓励"):
                continue  # "鼓励……安排职工在除夕（2月9日）休息" is advice, not an arrangement
            for clause in re.split(r",", sentence):
                if not clause:
                    continue
                ranges = self._ranges(clause, notes, names, line, raw)
                days_word = _DAYS.search(clause)
                if ranges and ("放假" in clause or "补休" in clause or "休息" in clause):
                    if "上班" in clause:
                        raise HolidayNoticeError(msg("第{line}行：无法分清“{clause}”中哪天放假、哪天上班",
                                                     line=line, clause=_plain(clause)))
                    last_holiday = [d for r in ranges for d in r]
                    festival.holidays.update(last_holiday)
                elif ranges and "上班" in clause:
                    festival.workdays.update(d for r in ranges for d in r)
                elif ranges:
                    raise HolidayNoticeError(msg(
                        "第{line}行：无法识别“{clause}”是放假还是上班（应写成“……放假”或“……上班”）",
                        line=line, clause=_plain(clause)))
                if "与周末连休" in clause or "与周六、周日连休" in clause:
                    festival.holidays.update(_adjacent_weekend(last_holiday))
                if days_word:
                    festival.declared = int(days_word[1])
                    self._check_count(festival, last_holiday, raw, line)
        if not festival.holidays:
            raise HolidayNoticeError(msg("第{line}行：“{text}”中没有找到放假日期", line=line, text=raw.strip()))
        self._add(festival)

    def _check_count(self, festival: _Festival, days: list[date], raw: str, line: int) -> None:
        if festival.declared is None or not days or len(days) == festival.declared:
            return
        self.warnings.append(msg(
            "第{line}行：{first}至{last}是{n}天，通知中写的是“共{declared}天”，请核对",
            line=line, first=msg("{month}月{day}日", month=days[0].month, day=days[0].day),
            last=msg("{month}月{day}日", month=days[-1].month, day=days[-1].day),
            n=len(days), declared=festival.declared))

    def _extend(self, m: re.Match[str], text: str, line: int) -> None:
        target = self._find(m["fest"])
        if target is None:
            raise HolidayNoticeError(msg(
                "第{line}行：要延长{festival}假期，但前面没有{festival}的放假安排（请把原通知一并粘贴在前面）",
                line=line, festival=m["fest"]))
        rest = _NOTE.sub("", text[m.end():])
        until = _RANGE.match(rest)
        if not until:
            raise HolidayNoticeError(msg("第{line}行：没有找到假期延长到哪一天", line=line))
        end_year = int(m["y"]) if m["y"] else self.year
        end = self._day(until["ay"], until["am"], until["ad"], month=None, year=end_year, line=line, text=text)
        start = min(target.holidays)
        if end <= max(target.holidays):
            raise HolidayNoticeError(msg("第{line}行：延长后的最后一天{day}不晚于原假期", line=line,
                                         day=end.isoformat()))
        d = max(target.holidays) + ONE_DAY
        while d <= end:
            target.holidays.add(d)
            d += ONE_DAY
        for f in self.festivals:  # make-up days inside the longer holiday are cancelled
            cancelled = {w for w in f.workdays if start <= w <= end}
            f.workdays -= cancelled
        self.warnings.append(msg("第{line}行：{festival}假期延长至{day}", line=line, festival=target.name,
                                 day=msg("{month}月{day}日", month=end.month, day=end.day)))

    def _find(self, name: str) -> _Festival | None:
        for f in reversed(self.festivals):
            if name in f.names() or any(name in n for n in f.names()):
                return f
        return None

    def _add(self, festival: _Festival) -> None:
        for i, old in enumerate(self.festivals):
            if old.names() & festival.names():
                if old.segment == festival.segment:
                    raise HolidayNoticeError(msg("第{line}行：{name}在第{first}行已有安排，同一通知中重复出现",
                                                 line=festival.line, name=festival.name, first=old.line))
                festival.name = old.name if festival.names() <= old.names() else festival.name
                self.festivals[i] = festival
                self.warnings.append(msg("第{line}行：按调整后的安排替换第{first}行的{name}安排",
                                         line=festival.line, first=old.line, name=old.name))
                return
        self.festivals.append(festival)

    def check(self) -> None:
        holidays = {d: f for f in self.festivals for d in f.holidays}
        for f in self.festivals:
            for d in sorted(f.workdays):
                if d.weekday() < 5:
                    raise HolidayNoticeError(msg("第{line}行：调休上班日{day}是{weekday}，不是周末，请核对",
                                                 line=f.line, day=d.isoformat(), weekday=weekday_name(d)))
                if d in holidays:
                    raise HolidayNoticeError(msg("第{line}行：{day}既放假又上班", line=f.line, day=d.isoformat()))


def _adjacent_weekend(days: list[date]) -> list[date]:
    """The Saturday and Sunday joining a holiday that starts on a Monday or ends on a Friday."""
    if not days:
        return []
    out: list[date] = []
    first, last = min(days), max(days)
    if first.weekday() == 0:
        out += [first - 2 * ONE_DAY, first - ONE_DAY]
    if last.weekday() == 4:
        out += [last + ONE_DAY, last + 2 * ONE_DAY]
    return out


def _plain(clause: str) -> str:
    return re.sub(r"\ue000\d+\ue001", "", clause)


def normalize(text: str) -> str:
    """Half-width digits and punctuation, no spaces (full-width text and PDF copies read alike)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("．", ".").replace("〜", "~")
    return re.sub(r"[ \t\u3000\xa0]+", "", text)


def notice_years(text: str) -> list[int]:
    """Years named in the titles or opening sentences of the notices in ``text``, in order, unique."""
    flat = normalize(text)
    found = [int(m[1]) for p in (_TITLE_YEAR, _ADJUST, _EXTEND_CONTEXT) for m in p.finditer(flat)]
    return list(dict.fromkeys(found))


def _title(lines: list[str]) -> str:
    for line in lines:
        flat = normalize(line)
        m = re.search(r"国务院办公厅关于\d{4}年部分节假日安排的通知", flat)
        if m:
            return m[0]
    return ""


def parse_holiday_notice(text: str, year: int | None = None) -> HolidayNotice:
    """Parse the pasted text of one year's holiday notice (and any later notices adjusting that year).

    ``year`` is used only when the text names none. Raises :class:`HolidayNoticeError` (Chinese, naming the
    line) or :class:`NoticeYearMissing`.
    """
    if not text.strip():
        raise HolidayNoticeError(msg("没有内容：请粘贴国务院办公厅部分节假日安排通知的全文"))
    years = notice_years(text)
    if len(years) > 1:
        raise HolidayNoticeError(msg("文本中有{years}年的放假安排，请一次只粘贴一年的通知",
                                     years="、".join(map(str, years))))
    if years:
        if year is not None and year != years[0]:
            raise HolidayNoticeError(msg("通知是{found}年的，不是{year}年的", found=years[0], year=year))
        year = years[0]
    if year is None:
        raise NoticeYearMissing(msg("通知中没有写明年份（如“关于2027年部分节假日安排的通知”），请指定年份"))
    if not 1949 < year < 2200:
        raise HolidayNoticeError(msg("无效的年份：{year}", year=year))
    parser = _Parser(year)
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        flat = normalize(raw)
        if not flat:
            continue
        for piece in _ITEM_SPLIT.split(flat):  # a notice pasted as one paragraph
            parser.context_line(piece)
            numbered = _NUMBERING.match(piece)
            item = piece[numbered.end():] if numbered else piece
            if numbered or _FESTIVAL_HEAD.match(item) or _EXTEND_ITEM.search(item):
                parser.item_line(raw if piece == flat else piece, item, number)
    if not parser.festivals:
        raise HolidayNoticeError(msg(
            "没有找到放假安排：通知中应有“一、元旦：1月1日放假……”这样的各行，请粘贴通知全文"))
    if not parser.main_items:  # saving only the adjusted festival would drop the year's other holidays
        raise HolidayNoticeError(msg(
            "这是调整{year}年{festival}安排的通知：请把《国务院办公厅关于{year}年部分节假日安排的通知》全文粘贴在前面，"
            "一并识别和保存", year=year, festival=parser.context or parser.festivals[0].name))
    parser.check()
    festivals = tuple(
        NoticeFestival(f.name, tuple(sorted(f.holidays)), tuple(sorted(f.workdays)), f.line, f.declared)
        for f in sorted(parser.festivals, key=lambda f: min(f.holidays))
    )
    notice = HolidayNotice(year, festivals, tuple(parser.warnings), _title(lines))
    notes = [msg("{day}（{weekday}）{what}属于{year}年，不在本次保存的{this}年安排中",
                 day=d.isoformat(), weekday=weekday_name(d), what=msg("放假") if h else msg("上班"), year=d.year,
                 this=year)
             for d, h, _ in notice.other_year_days if not h or d.weekday() < 5]
    if notes:
        notice = HolidayNotice(year, festivals, tuple(parser.warnings) + tuple(notes), notice.title)
    return notice


def month_grid(year: int, month: int, holidays: Iterable[date], workdays: Iterable[date]) -> list[str]:
    """A text month calendar: ``休`` marks a holiday, ``班`` a make-up workday (Monday first)."""
    hol, work = set(holidays), set(workdays)
    # every cell is four columns wide: two for the day, two for the full-width mark
    lines = [f"{year}年{month}月", "".join(f" {w} " for w in "一二三四五六日")]
    first = date(year, month, 1)
    cells = ["    "] * first.weekday()
    d = first
    while d.month == month:
        mark = "休" if d in hol else "班" if d in work else "  "
        cells.append(f"{d.day:2d}{mark}")
        d += ONE_DAY
    for i in range(0, len(cells), 7):
        lines.append("".join(cells[i:i + 7]).rstrip())
    return lines


def read_notice_file(path: Path) -> str:
    """The text of a saved notice (.txt in UTF-8, UTF-8 with BOM or GBK/GB18030)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise HolidayNoticeError(msg("无法读取文件“{name}”：{error}", name=Path(path).name,
                                     error=exc.strerror or str(exc))) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise HolidayNoticeError(msg("文件“{name}”不是文本文件（应为 UTF-8 或 GBK 编码的 .txt）", name=Path(path).name))


def preview_lines(notice: HolidayNotice) -> list[str]:
    """The parsed notice as text for the reader to confirm: festivals, then a month calendar per month."""
    lines = [f"{notice.year}年放假安排" + (f"（{notice.title}）" if notice.title else ""), ""]
    for f in notice.festivals:
        off = "、".join(range_label(r) for r in compact_ranges(f.holidays))
        lines.append(f"{f.name}：放假 {off}（{len(f.holidays)}天）")
        if f.workdays:
            work = "、".join(day_label(d, notice.year) for d in f.workdays)
            lines.append(f"    调休上班 {work}")
    lines.append("")
    lines.append(f"共 {len(notice.holidays)} 个放假日、{len(notice.workdays)} 个调休上班日（休=放假，班=上班）")
    months = sorted({d.month for d in notice.holidays + notice.workdays})
    for month in months:
        lines.append("")
        lines += month_grid(notice.year, month, notice.holidays, notice.workdays)
    return lines


def day_label(d: date, year: int) -> str:
    """``2月8日（周六）``, with the year when ``d`` is not in ``year``."""
    if d.year != year:
        return msg("{year}年{month}月{day}日（{weekday}）", year=d.year, month=d.month, day=d.day, weekday=weekday_name(d))
    return msg("{month}月{day}日（{weekday}）", month=d.month, day=d.day, weekday=weekday_name(d))


def range_label(text: str) -> str:
    """``2025-01-28/2025-02-04`` as ``1月28日至2月4日``; years are written when the range crosses one."""
    days = [date.fromisoformat(p) for p in text.split("/")]
    first, last = days[0], days[-1]
    if first.year != last.year:
        return msg("{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日", y1=first.year, m1=first.month, d1=first.day,
                   y2=last.year, m2=last.month, d2=last.day)
    if first == last:
        return msg("{month}月{day}日", month=first.month, day=first.day)
    return msg("{m1}月{d1}日至{m2}月{d2}日", m1=first.month, d1=first.day, m2=last.month, d2=last.day)
