"""Building report input from the workspace: one place for the PDF, the Excel ledger, GUI and CLI."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.reports.data import ReportData, ReportEvidence, ReportItem, ReportPublication
from zwgk_desktop.core.store import anchor, evidence, publications
from zwgk_desktop.core.store.query import ItemFilter, filter_rows
from zwgk_desktop.core.types import ItemRow, UserError
from zwgk_desktop.core.workspace import Workspace


def scope_label(category: str | None, owner: str | None) -> str:
    if category:
        return msg("分类：{category}", category=category)
    if owner:
        return msg("责任单位：{owner}", owner=owner)
    return msg("全部事项")


class OfficeNotSetError(UserError):
    """A report needs the office name (单位名称) for its cover and headers."""


def report_office(ws: Workspace, office: str | None = None) -> str:
    """The office a report is made for: ``office`` when given, else the workspace setting; never empty."""
    name = (office or "").strip() or ws.settings()["office"].strip()
    if not name:
        raise OfficeNotSetError(msg(
            "还没有设置单位名称，报告的封面和页眉需要它。请先设置：zwgk settings --office 单位名称"
            "（或只为这一份报告加 --office 单位名称）。"))
    return name


def build_report_data(ws: Workspace, checklist_id: str, *, category: str | None = None,
                      owner: str | None = None, today: date | None = None,
                      office: str | None = None, rows: Sequence[ItemRow] | None = None) -> ReportData:
    """Report input; ``office`` overrides the workspace's 单位名称 (which must be set otherwise).
    ``rows``: the checklist's rows when the caller holds them already (the window), so they are not read
    again; evidence, publications and the history head are always read here."""
    today = today or date.today()
    office_name = report_office(ws, office)
    info = ws.checklist(checklist_id)
    if rows is None:
        rows = ws.rows(info.id)
    rows = filter_rows(rows, ItemFilter(category=(category,) if category else (), owner=owner or ""))
    if not rows:
        raise UserError(msg("清单“{name}”中没有符合“{value}”的事项，无法生成报告。", name=info.name, value=scope_label(category, owner)))
    ids = [r.id for r in rows]
    with ws.reading() as s:
        head = anchor.head(s)  # the 数据校验码 printed on the cover
        ev = evidence.evidence_by_record(s, ids, ws.evidence_store)
        pubs = publications.by_records(s, ids, ws.calendar)
    items = []
    for r in rows:
        items.append(ReportItem(
            row=r,
            publications=[ReportPublication(published=p.published_on, formed=p.formed_on, channel=p.channel,
                                            url=p.place, due=p.due, on_time=p.on_time,
                                            late_workdays=p.late_workdays) for p in pubs.get(r.id, [])],
            evidence=[ReportEvidence(name=e.name, sha256=e.sha256, kind=e.kind, url=e.url)
                      for e in ev.get(r.id, [])],
            overdue=r.is_overdue(today),
        ))
    settings = ws.settings()
    return ReportData(office=office_name, clerk=settings["clerk"],
                      checklist=info.name, period=info.period or (str(info.year) if info.year else ""),
                      generated=today, scope=scope_label(category, owner), items=items,
                      history_head=(head.count, head.hash))
