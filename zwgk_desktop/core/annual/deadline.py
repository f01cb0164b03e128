"""The yearly report's due date, and the catalogue item about publishing it.

条例第四十九条: departments publish by 31 January of the next year; townships and governments by the date the
county sets (a workspace setting ``annual_report_due`` as ``MM-DD``, e.g. ``01-20``). A due date on a day off
moves to the next working day of the official calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from zwgk_desktop.core.annual import store
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import settings
from zwgk_desktop.core.store.publications import PublicationInfo
from zwgk_desktop.core.types import ItemRow, UserError

if TYPE_CHECKING:
    from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar
    from zwgk_desktop.core.workspace import Workspace

DUE_SETTING = "annual_report_due"
DEFAULT_DUE = (1, 31)
_MMDD = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_ABOUT_REPORT = re.compile(r"(信息公开|政务公开)[^。；;]{0,12}(年度报告|年报)")


@dataclass(frozen=True)
class AnnualDue:
    report_year: int
    due: date  # on a working day
    nominal: date  # the date as set (may fall on a day off)
    source: str  # 默认（条例第四十九条） | 县级设定
    estimated: bool  # the calendar for that year is not published yet


def parse_due_setting(text: str) -> tuple[int, int]:
    m = _MMDD.match(text)
    if not m:
        raise UserError(msg("年报截止日期“{text}”无法识别，请写成 月-日，如 01-20", text=text))
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2001, month, day)
    except ValueError:
        raise UserError(msg("年报截止日期“{text}”不是有效的日期", text=text)) from None
    return month, day


def due_setting(ws: Workspace) -> str:
    with ws.reading() as s:
        return settings.get_setting(s, DUE_SETTING)


def set_due_setting(ws: Workspace, text: str) -> str:
    """Set the county's date (``MM-DD``; empty restores 1月31日), one transaction with its history."""
    value = ""
    if text.strip():
        month, day = parse_due_setting(text)
        value = f"{month:02d}-{day:02d}"
    actor = ws.actor
    with ws.transaction() as s:
        settings.put_setting(s, DUE_SETTING, value, actor=actor)
    return value


def annual_due(report_year: int, cal: WorkdayCalendar, setting: str = "") -> AnnualDue:
    """When the report for ``report_year`` is due (in ``report_year + 1``)."""
    month, day = parse_due_setting(setting) if setting.strip() else DEFAULT_DUE
    nominal = date(report_year + 1, month, day)
    due = cal.next_workday(nominal)
    return AnnualDue(report_year, due, nominal, msg("县级设定") if setting.strip() else msg("默认（条例第四十九条）"),
                     cal.is_estimated(due))


def workspace_due(ws: Workspace, report_year: int) -> AnnualDue:
    return annual_due(report_year, ws.calendar, due_setting(ws))


def is_about_annual_report(title: str, content: str = "") -> bool:
    """A catalogue item about publishing the yearly report (信息公开年报, 政府信息公开工作年度报告)."""
    text = re.sub(r"\s", "", f"{title} {content}")
    return bool(_ABOUT_REPORT.search(text))


def report_items(ws: Workspace) -> list[ItemRow]:
    """The catalogue items (all checklists in use) whose title or content is about the yearly report."""
    found: list[ItemRow] = []
    for info in ws.checklists():
        found += [r for r in ws.rows(info.id) if is_about_annual_report(r.title, r.content)]
    return found


def link_item(ws: Workspace, year: int, record_id: str | None = None,
              office: str | None = None) -> store.StoredReport:
    """Link the report to a catalogue item: the one given, or the only one found about the yearly report."""
    if record_id is None:
        items = report_items(ws)
        if not items:
            raise UserError(msg("清单中没有关于政府信息公开年度报告的事项（标题或内容含“年度报告”“年报”）"))
        if len(items) > 1:
            raise UserError(msg("清单中有{n}个关于年度报告的事项，请指定其中一个：{titles}", n=len(items),
                                titles="；".join(f"{r.id[:8]} {r.title}" for r in items[:10])))
        record_id = items[0].id
    return store.link_record(ws, year, record_id, office)


def record_publication(ws: Workspace, year: int, *, published_on: date, channel: str = "政府网站",
                       place: str = "", office: str | None = None) -> PublicationInfo:
    """Record that the report was published, on its linked catalogue item (formed on 1 January of the next
    year: the data period ends on 31 December). The item's timeliness is judged as for any publication."""
    stored = store.get(ws, year, office)
    if stored is None:
        raise UserError(msg("工作区中没有{year}年的年度报告", year=year))
    if stored.record_id is None:
        stored = link_item(ws, year, office=office)
    title = f"{stored.report.office}{year}年政府信息公开工作年度报告"
    return ws.add_publication(stored.record_id, formed_on=date(year + 1, 1, 1), published_on=published_on,
                              channel=channel, place=place, what=title)



REMIND_DAYS = 30  # the overview reminds of the report this many days before it is due


def is_published(ws: Workspace, year: int, office: str | None = None) -> bool:
    """The report for ``year`` is marked published: its linked catalogue item has a publication dated in the
    next year or later."""
    try:
        stored = store.get(ws, year, office)
    except UserError:  # no 单位名称 yet
        return False
    if stored is None or stored.record_id is None:
        return False
    return any(p.published_on is not None and p.published_on.year > year for p in ws.publications(stored.record_id))


def due_reminder(ws: Workspace, today: date | None = None, rows: Iterable[ItemRow] | None = None) -> str:
    """The overview's line about last year's report when it is due within 30 days or overdue and not yet
    marked published; empty otherwise, and for a workspace that keeps no yearly report (none stored and no
    catalogue item about it among ``rows``, default every checklist's items)."""
    today = today or date.today()
    year = today.year - 1
    due = workspace_due(ws, year)
    days = (due.due - today).days
    if days > REMIND_DAYS or is_published(ws, year):
        return ""
    if not store.list_reports(ws):
        items = report_items(ws) if rows is None else [r for r in rows if is_about_annual_report(r.title, r.content)]
        if not items:
            return ""
    if days < 0:
        return msg("{year}年政府信息公开工作年度报告应于{due}前发布，已逾期{n}天。", year=year,
                   due=due.due.isoformat(), n=-days)
    return msg("{year}年政府信息公开工作年度报告应于{due}前发布（还有{n}天）。", year=year,
               due=due.due.isoformat(), n=days)
