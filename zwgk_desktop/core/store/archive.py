"""The recycle bin: items dropped by template updates or archived by the user, removed evidence, and
checklists the user removed (with everything in them).

Removing and restoring delete nothing; restoring puts a record, an evidence link or a checklist back as it
was. Only :func:`purge_checklist`, asked for explicitly, deletes a removed checklist for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import (
    Checklist,
    Evidence,
    EvidenceLink,
    ItemRecord,
    Publication,
    Template,
    TemplateItem,
    utcnow,
)
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.store import history, ledger
from zwgk_desktop.core.store.checklists import ChecklistContents, check_name, contents
from zwgk_desktop.core.store.evidence import EvidenceInfo, EvidenceStore, _info
from zwgk_desktop.core.store.query import load_rows
from zwgk_desktop.core.types import ItemRow, UserError

REASON_LABELS = {
    "removed_in_template_update": msg("模板更新中删除"),
    "archived_by_user": msg("手动归档"),
}


@dataclass(frozen=True)
class ArchivedItem:
    row: ItemRow
    archived_at: datetime
    reason: str

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason or msg("已归档"))


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
        raise UserError(msg("找不到这份已移除的佐证材料。"))
    if ev.kind == "file" and not ev.stored_path:
        raise UserError(msg("“{original_name}”的文件已被永久清理，无法恢复。", original_name=ev.original_name))
    link.archived_at = None
    ev.archived_at = None
    history.record(session, actor=actor, entity="item_record", entity_id=record_id, action="restore",
                   field="evidence", after={"evidence_id": ev.id, "name": ev.original_name or ev.title or ev.url})


# --- removed checklists ---


@dataclass(frozen=True)
class ArchivedChecklist:
    id: str
    name: str
    template_name: str
    archived_at: datetime
    contents: ChecklistContents

    @property
    def archived_local(self) -> datetime:
        """When it was removed, in the computer's time zone (stored as UTC)."""
        at = self.archived_at if self.archived_at.tzinfo else self.archived_at.replace(tzinfo=timezone.utc)
        return at.astimezone()

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "template": self.template_name,
                "archived_at": self.archived_local.isoformat(), **self.contents.to_json()}


def remove_checklist(session: Session, checklist_id: str, *, actor: str) -> ChecklistContents:
    """Move a checklist in use to the 回收站 with everything in it: its items, their records, evidence links
    and publications stay as they are, hidden from the lists and reports until it is restored."""
    checklist = session.get(Checklist, checklist_id)
    if checklist is None or checklist.archived_at is not None:
        raise UserError(msg("找不到清单“{name}”。", name=checklist_id))
    held = contents(session, checklist.id)
    checklist.archived_at = utcnow()
    history.record(session, actor=actor, entity="checklist", entity_id=checklist.id, action="archive",
                   before={"name": checklist.name}, after={"archived_at": checklist.archived_at, **held.to_json()})
    return held


def archived_checklists(session: Session) -> list[ArchivedChecklist]:
    """Removed checklists, most recently removed first."""
    stmt = (select(Checklist, Template.name).join(Template, Checklist.template_id == Template.id)
            .where(Checklist.archived_at.is_not(None)).order_by(Checklist.archived_at.desc()))
    return [ArchivedChecklist(c.id, c.name, tname, c.archived_at, contents(session, c.id))
            for c, tname in session.execute(stmt).all()]


def find_archived_checklist(session: Session, name_or_id: str) -> ArchivedChecklist:
    """A removed checklist by name, id or id prefix (6+ characters); several removed under one name must be
    told apart by id."""
    removed = archived_checklists(session)
    if not removed:
        raise UserError(msg("回收站中没有已移除的清单。"))
    key = (name_or_id or "").strip()
    found = [c for c in removed if key in (c.name, c.id)]
    if not found and len(key) >= 6:
        found = [c for c in removed if c.id.startswith(key)]
    if len(found) == 1:
        return found[0]
    if found:
        ids = join_msgs("、", [msg("{id}（{when} 移除）", id=c.id[:8], when=f"{c.archived_local:%Y-%m-%d %H:%M}")
                               for c in found])
        raise UserError(msg("回收站中有 {n} 个名为“{name}”的清单，请用编号指定其中一个：{ids}",
                            n=len(found), name=key, ids=ids))
    names = "、".join(c.name for c in removed)
    raise UserError(msg("回收站中没有清单“{name}”。回收站中的清单：{names}", name=key, names=names))


def restore_checklist(session: Session, checklist_id: str, *, actor: str) -> None:
    """Put a removed checklist back as it was; refused while another checklist in use has its name."""
    checklist = session.get(Checklist, checklist_id)
    if checklist is None or checklist.archived_at is None:
        raise UserError(msg("回收站中没有这个清单。"))
    try:
        check_name(session, checklist.name, exclude_id=checklist.id)
    except UserError:
        raise UserError(msg("已有一个名为“{name}”的清单在使用，无法恢复同名清单。请先把正在使用的那个清单"
                            "重命名（清单 → 重命名清单…，或 zwgk checklists rename），再恢复。",
                            name=checklist.name)) from None
    before = checklist.archived_at
    checklist.archived_at = None
    history.record(session, actor=actor, entity="checklist", entity_id=checklist.id, action="restore",
                   before={"archived_at": before}, after={"name": checklist.name})


def purge_checklist(session: Session, checklist_id: str, store: EvidenceStore, *, actor: str
                    ) -> tuple[ChecklistContents, list[Path]]:
    """Delete a removed checklist for good: its records, evidence links, publications, the evidence used
    by no other checklist and its template versions. Returns what it held and the evidence files to delete,
    which the caller removes only after the commit. The history keeps every entry (and gets one more)."""
    checklist = session.get(Checklist, checklist_id)
    if checklist is None:
        raise UserError(msg("找不到这个清单。"))
    if checklist.archived_at is None:
        raise UserError(msg("清单“{name}”正在使用，不能彻底删除。请先把它移入回收站（移除清单）。",
                            name=checklist.name))
    held = contents(session, checklist.id)
    records = select(ItemRecord.id).where(ItemRecord.checklist_id == checklist.id)
    evidence_ids = set(session.scalars(select(EvidenceLink.evidence_id).where(
        EvidenceLink.record_id.in_(records))))
    item_ids = select(ItemRecord.template_item_id).where(ItemRecord.checklist_id == checklist.id)
    template_ids = set(session.scalars(select(TemplateItem.template_id).where(TemplateItem.id.in_(item_ids))
                                       .distinct()))
    template_ids |= _template_chain(session, checklist.template_id)
    for model, column in ((Publication, Publication.record_id), (EvidenceLink, EvidenceLink.record_id)):
        ledger.touch(session, model.__tablename__, session.scalars(select(model.id).where(column.in_(records))))
    ledger.touch(session, ItemRecord.__tablename__, session.scalars(records))
    session.execute(delete(Publication).where(Publication.record_id.in_(records)))
    session.execute(delete(EvidenceLink).where(EvidenceLink.record_id.in_(records)))
    session.execute(delete(ItemRecord).where(ItemRecord.checklist_id == checklist.id))
    name = checklist.name
    session.delete(checklist)
    session.flush()
    doomed = _drop_unlinked_evidence(session, evidence_ids, store)
    _drop_unused_templates(session, template_ids)
    history.record(session, actor=actor, entity="checklist", entity_id=checklist_id, action="purge",
                   before={"name": name, **held.to_json()})
    return held, doomed


def _template_chain(session: Session, template_id: str) -> set[str]:
    chain: set[str] = set()
    current: str | None = template_id
    while current and current not in chain:
        chain.add(current)
        current = session.scalar(select(Template.supersedes_id).where(Template.id == current))
    return chain


def _drop_unlinked_evidence(session: Session, evidence_ids: set[str], store: EvidenceStore) -> list[Path]:
    """Evidence that was linked only to the purged checklist is deleted; returns files no one else uses."""
    still_linked = set(session.scalars(select(EvidenceLink.evidence_id).where(
        EvidenceLink.evidence_id.in_(evidence_ids)))) if evidence_ids else set()
    orphans = [session.get(Evidence, eid) for eid in sorted(evidence_ids - still_linked)]
    orphans = [ev for ev in orphans if ev is not None]
    paths = {ev.stored_path for ev in orphans if ev.kind == "file" and ev.stored_path}
    for ev in orphans:
        session.delete(ev)
    session.flush()
    if not paths:
        return []
    kept = set(session.scalars(select(Evidence.stored_path).where(Evidence.stored_path.in_(paths))))
    return [store.path_of(p) for p in sorted(paths - kept)]


def _drop_unused_templates(session: Session, template_ids: set[str]) -> None:
    """Template versions no other checklist or record refers to (a chain belongs to one checklist)."""
    if not template_ids:
        return
    used = set(session.scalars(select(Checklist.template_id).where(Checklist.template_id.in_(template_ids))))
    used |= set(session.scalars(select(TemplateItem.template_id).join(
        ItemRecord, ItemRecord.template_item_id == TemplateItem.id).where(TemplateItem.template_id.in_(template_ids))))
    used |= set(session.scalars(select(Template.supersedes_id).where(
        Template.supersedes_id.in_(template_ids), Template.id.not_in(template_ids))))
    while True:  # a kept version keeps the one it supersedes
        older = set(session.scalars(select(Template.supersedes_id).where(
            Template.id.in_(used), Template.supersedes_id.in_(template_ids)))) - used
        if not older:
            break
        used |= older
    doomed = sorted(template_ids - used)
    if not doomed:
        return
    ledger.touch(session, Template.__tablename__, doomed)
    ledger.touch(session, TemplateItem.__tablename__,
                 session.scalars(select(TemplateItem.id).where(TemplateItem.template_id.in_(doomed))))
    session.execute(update(Template).where(Template.id.in_(doomed)).values(supersedes_id=None))
    session.execute(delete(TemplateItem).where(TemplateItem.template_id.in_(doomed)))
    session.execute(delete(Template).where(Template.id.in_(doomed)))
