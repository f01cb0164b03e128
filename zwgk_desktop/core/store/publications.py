"""Publication records (公开记录) and their timeliness against the item's 公开时限."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import Checklist, Publication, TemplateItem, new_id
from zwgk_desktop.core.deadlines.calendar import WorkdayCalendar
from zwgk_desktop.core.deadlines.rules import parse_deadline
from zwgk_desktop.core.deadlines.timeliness import assess
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import history
from zwgk_desktop.core.store.records import get_record
from zwgk_desktop.core.types import UserError


def verdict_text(on_time: bool | None, late_workdays: int, estimated: bool, warning: str = "") -> str:
    """按时 / 逾期 N 个工作日 (+（估算）), or the warning when timeliness cannot be judged."""
    if on_time is None:
        return warning or msg("无法判断")
    text = msg("按时") if on_time else msg("逾期 {late_workdays} 个工作日", late_workdays=late_workdays)
    return msg("{text}（估算）", text=text) if estimated else text


@dataclass(frozen=True)
class PublicationInfo:
    id: str
    record_id: str
    what: str
    channel: str
    place: str
    formed_on: date | None
    published_on: date | None
    evidence_ids: list[str]
    due: date | None
    on_time: bool | None
    late_workdays: int
    estimated: bool
    warning: str

    @property
    def verdict(self) -> str:
        return verdict_text(self.on_time, self.late_workdays, self.estimated, self.warning)

    def to_json(self) -> dict:
        return {"id": self.id, "record_id": self.record_id, "what": self.what, "channel": self.channel,
                "place": self.place, "url": self.place if self.place.startswith(("http://", "https://")) else "",
                "formed": self.formed_on.isoformat() if self.formed_on else None,
                "published": self.published_on.isoformat() if self.published_on else None,
                "evidence_ids": list(self.evidence_ids), "due": self.due.isoformat() if self.due else None,
                "on_time": self.on_time, "late_workdays": self.late_workdays, "estimated": self.estimated,
                "warning": self.warning, "verdict": self.verdict}


def _info(pub: Publication, deadline_text: str, year: int | None, cal: WorkdayCalendar) -> PublicationInfo:
    t = assess(parse_deadline(deadline_text), formed=pub.formed_on, published=pub.published_on, year=year,
               cal=cal)
    return PublicationInfo(pub.id, pub.record_id, pub.what, pub.channel, pub.place, pub.formed_on,
                           pub.published_on, list(pub.evidence_ids or []), t.due, t.on_time, t.late_workdays,
                           t.estimated, t.warning)


def _item_context(session: Session, record_id: str) -> tuple[str, int | None]:
    rec = get_record(session, record_id)
    item = session.get(TemplateItem, rec.template_item_id)
    checklist = session.get(Checklist, rec.checklist_id)
    return (item.deadline if item else ""), (checklist.year if checklist else None)


def add(session: Session, record_id: str, *, formed_on: date | None, published_on: date | None,
        channel: str, place: str, what: str, evidence_ids: Iterable[str], actor: str,
        cal: WorkdayCalendar) -> PublicationInfo:
    rec = get_record(session, record_id)
    if published_on is None:
        raise UserError(msg("请填写公开日期。"))
    if formed_on is not None and published_on < formed_on:
        raise UserError(msg("公开日期 {published_on} 早于信息形成（变更）日期 {formed_on}，请核对。", published_on=published_on, formed_on=formed_on))
    pub = Publication(id=new_id(), record_id=rec.id, what=what.strip(), channel=channel.strip(),
                      place=place.strip(), formed_on=formed_on, published_on=published_on,
                      evidence_ids=list(evidence_ids), created_by=actor)
    session.add(pub)
    session.flush()
    deadline, year = _item_context(session, rec.id)
    info = _info(pub, deadline, year, cal)
    history.record(session, actor=actor, entity="item_record", entity_id=rec.id, action="publish",
                   field="publication", after=info.to_json())
    if rec.due_date is None and info.due is not None:  # a relative 公开时限 gets its date from the record
        history.record(session, actor=actor, entity="item_record", entity_id=rec.id, action="update",
                       field="due_date", before=None, after=info.due)
        rec.due_date = info.due
    return info


def for_record(session: Session, record_id: str, cal: WorkdayCalendar) -> list[PublicationInfo]:
    rec = get_record(session, record_id)
    deadline, year = _item_context(session, rec.id)
    pubs = session.scalars(select(Publication).where(Publication.record_id == rec.id,
                                                     Publication.archived_at.is_(None))
                           .order_by(Publication.published_on, Publication.created_at))
    return [_info(p, deadline, year, cal) for p in pubs]


def by_records(session: Session, record_ids: Iterable[str], cal: WorkdayCalendar
               ) -> dict[str, list[PublicationInfo]]:
    ids = list(record_ids)
    out: dict[str, list[PublicationInfo]] = {}
    from zwgk_desktop.core.db.models import ItemRecord

    for chunk in range(0, len(ids), 500):
        stmt = (select(Publication, TemplateItem.deadline, Checklist.year)
                .join(ItemRecord, Publication.record_id == ItemRecord.id)
                .join(TemplateItem, ItemRecord.template_item_id == TemplateItem.id)
                .join(Checklist, ItemRecord.checklist_id == Checklist.id)
                .where(Publication.record_id.in_(ids[chunk:chunk + 500]), Publication.archived_at.is_(None))
                .order_by(Publication.published_on))
        for pub, deadline, year in session.execute(stmt):
            out.setdefault(pub.record_id, []).append(_info(pub, deadline, year, cal))
    return out
