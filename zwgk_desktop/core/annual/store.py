"""Yearly reports in the workspace: one per office and year, every write one transaction with its history.

The office defaults to the workspace's own (``zwgk settings --office``); reports read from other offices'
files (the county office checking what the townships send) are kept under the office named in them.
Replacing a report keeps the old content in the history entry (``before``), so nothing entered is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from zwgk_desktop.core.annual.model import AnnualReport, with_totals
from zwgk_desktop.core.db.models import AnnualReportRow, utcnow
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import history
from zwgk_desktop.core.types import ConflictError, UserError

if TYPE_CHECKING:
    from zwgk_desktop.core.workspace import Workspace

ENTITY = "annual_report"


@dataclass(frozen=True)
class StoredReport:
    id: str
    report: AnnualReport
    origin: str  # entered | imported
    source_file: str
    record_id: str | None
    version: int
    updated_at: datetime


def _office(ws: Workspace, office: str | None) -> str:
    name = (office if office is not None else ws.settings()["office"]).strip()
    if not name:
        raise UserError(msg("没有单位名称：请先用 zwgk settings --office 名称 设置本单位，或在报告中写明单位"))
    return name


def _view(row: AnnualReportRow) -> StoredReport:
    return StoredReport(row.id, AnnualReport.from_json(row.data, source=msg("工作区")), row.origin, row.source_file,
                        row.record_id, row.version, row.updated_at)


def _find(s: Session, office: str, year: int) -> AnnualReportRow | None:
    return s.scalars(select(AnnualReportRow).where(AnnualReportRow.office == office,
                                                   AnnualReportRow.year == year,
                                                   AnnualReportRow.archived_at.is_(None))).first()


def get(ws: Workspace, year: int, office: str | None = None) -> StoredReport | None:
    name = _office(ws, office)
    with ws.reading() as s:
        row = _find(s, name, year)
        return _view(row) if row else None


def previous(ws: Workspace, report: AnnualReport) -> AnnualReport | None:
    """Last year's report of the same office, when the workspace has it."""
    if not report.office:
        return None
    found = get(ws, report.year - 1, report.office)
    return found.report if found else None


def list_reports(ws: Workspace) -> list[StoredReport]:
    with ws.reading() as s:
        rows = s.scalars(select(AnnualReportRow).where(AnnualReportRow.archived_at.is_(None))
                         .order_by(AnnualReportRow.office, AnnualReportRow.year)).all()
        return [_view(r) for r in rows]


def save(ws: Workspace, report: AnnualReport, *, origin: str = "entered", source_file: str = "",
         expected_version: int | None = None) -> StoredReport:
    """Create or replace the office's report for its year in one transaction with its history entry.

    An ``entered`` report gets every 总计 computed; an ``imported`` one is kept as printed. With
    ``expected_version`` an edit based on an older version is refused (ConflictError)."""
    if origin not in ("entered", "imported"):
        raise ValueError(origin)
    report = report.copy()
    report.office = _office(ws, report.office or None)
    if origin == "entered":
        report = with_totals(report)
    data = report.to_json()
    actor = ws.actor
    with ws.transaction() as s:
        row = _find(s, report.office, report.year)
        if row is None:
            row = AnnualReportRow(office=report.office, year=report.year, data=data, origin=origin,
                                  source_file=source_file, version=1)
            s.add(row)
            s.flush()
            history.record(s, actor=actor, entity=ENTITY, entity_id=row.id, action="create",
                           after={"origin": origin, "source_file": source_file, "data": data})
        else:
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(msg("{office}{year}年年度报告已被其他窗口或命令修改，请重新打开后再改",
                                        office=report.office, year=report.year))
            if row.data == data and row.origin == origin:
                return _view(row)
            before = {"origin": row.origin, "source_file": row.source_file, "data": row.data}
            row.data, row.origin, row.source_file = data, origin, source_file
            row.version += 1
            row.updated_at = utcnow()
            history.record(s, actor=actor, entity=ENTITY, entity_id=row.id, action="update", before=before,
                           after={"origin": origin, "source_file": source_file, "data": data})
        return _view(row)


def link_record(ws: Workspace, year: int, record_id: str | None, office: str | None = None) -> StoredReport:
    """Link the report to the catalogue item about publishing it (or unlink with None)."""
    name = _office(ws, office)
    actor = ws.actor
    with ws.transaction() as s:
        row = _find(s, name, year)
        if row is None:
            raise UserError(msg("工作区中没有{office}{year}年的年度报告", office=name, year=year))
        if record_id is not None:
            from zwgk_desktop.core.store.records import get_record

            record_id = get_record(s, record_id).id
        if row.record_id != record_id:
            history.record(s, actor=actor, entity=ENTITY, entity_id=row.id, action="update", field="record_id",
                           before=row.record_id, after=record_id)
            row.record_id = record_id
            row.version += 1
        return _view(row)

