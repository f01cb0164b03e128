"""The recycle bin: items dropped by template updates or archived by the user, and removed evidence.

Nothing here deletes anything; restoring puts a record or an evidence link back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from zwgk_desktop.core import history
from zwgk_desktop.core.db.models import Evidence, EvidenceLink, ItemRecord, TemplateItem
from zwgk_desktop.core.evidence import EvidenceInfo, EvidenceStore, _info
from zwgk_desktop.core.query import load_rows
from zwgk_desktop.core.types import ItemRow, UserError

REASON_LABELS = {
    "removed_in_template_update": "模板更新中删除",
    "archived_by_user": "手动归档",
}


@dataclass(frozen=True)
class ArchivedItem:
    row: ItemRow
    archived_at: datetime
    reason: str

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason or "已归档")


@dataclass(frozen=True)
class ArchivedEvidence:
    evidence: EvidenceInfo
    record_id: str
    item_title: str
    archived_at: datetime


def archived_items(session: Session, checklist_id: str) -> list[ArchivedItem]:
    rows = load_rows(session, checklist_id, only_archived=True)
    meta = dict(session.execute(select(ItemRecord.id, ItemRecord.archived_at).where(
        ItemRecord.checklist_id == checklist_id, ItemRecord.archived_at.is_not(None))).all())
    reasons = dict(session.execute(select(ItemRecord.id, ItemRecord.archived_reason).where(
        ItemRecord.checklist_id == checklist_id, ItemRecord.archived_at.is_not(None))).all())
    items = [ArchivedItem(r, meta[r.id], reasons[r.id]) for r in rows]
    return sorted(items, key=lambda a: a.archived_at, reverse=True)


def archived_evidence(session: Session, checklist_id: str, store: EvidenceStore) -> list[ArchivedEvidence]:
    """Evidence links removed from live items of the checklist (the file is still in the store)."""
    stmt = (
        select(Evidence, EvidenceLink.record_id, TemplateItem.title, EvidenceLink.archived_at)
        .join(EvidenceLink, EvidenceLink.evidence_id == Evidence.id)
        .join(ItemRecord, EvidenceLink.record_id == ItemRecord.id)
        .join(TemplateItem, ItemRecord.template_item_id == TemplateItem.id)
        .where(ItemRecord.checklist_id == checklist_id, EvidenceLink.archived_at.is_not(None),
               ItemRecord.archived_at.is_(None))
        .order_by(EvidenceLink.archived_at.desc())
    )
    return [ArchivedEvidence(_info(ev, store), rid, title, at) for ev, rid, title, at in session.execute(stmt)]


def restore_evidence(session: Session, evidence_id: str, record_id: str, *, actor: str) -> None:
    link = session.scalar(select(EvidenceLink).where(EvidenceLink.evidence_id == evidence_id,
                                                     EvidenceLink.record_id == record_id))
    ev = session.get(Evidence, evidence_id)
    if link is None or ev is None:
        raise UserError("找不到这份已移除的佐证材料。")
    if ev.kind == "file" and not ev.stored_path:
        raise UserError(f"“{ev.original_name}”的文件已被永久清理，无法恢复。")
    link.archived_at = None
    ev.archived_at = None
    history.record(session, actor=actor, entity="item_record", entity_id=record_id, action="restore",
                   field="evidence", after={"evidence_id": ev.id, "name": ev.original_name or ev.title or ev.url})
