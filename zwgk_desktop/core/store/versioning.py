"""Template updates: diff a new version against a checklist, then apply it keeping the office's work.

Matching, in order: the code column when both versions have codes; the normalised category path and
title; then text similarity above SIMILARITY_THRESHOLD, which is only offered for confirmation.
Applying re-points matched item records (status, notes, evidence, history stay attached to the record),
adds new records as todo and archives records of removed items; nothing is deleted.

Safe by default: every similar pair carries the clerk's decision (proposed as a match until answered:
match, or treat as new), every removed item carries a summary of the work it holds, and an item that holds
work is archived only after an explicit per-item confirmation. :func:`apply_update` refuses, writing
nothing, while a similar pair is unanswered or such a removal is unconfirmed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.bulk import bulk_insert
from zwgk_desktop.core.db.models import (
    Checklist,
    EvidenceLink,
    HistoryEntry,
    ItemRecord,
    Publication,
    TemplateItem,
    utcnow,
)
from zwgk_desktop.core.messages import Msg, join_msgs, msg
from zwgk_desktop.core.store import history, ledger
from zwgk_desktop.core.store.checklists import new_record_rows, store_template
from zwgk_desktop.core.store.keys import normalize_code, normalize_text, path_title_key
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, UserError
from zwgk_desktop.core.unit_roles import owners_display, pack_owners

SIMILARITY_THRESHOLD = 0.8
COMPARED_FIELDS = ("code", "path", "title", "content", "basis", "deadline", "owners", "channels", "audience",
                   "mode", "level")


FIELD_LABELS: dict[str, str] = {
    "code": msg("编号"), "path": msg("分类"), "title": msg("事项"), "content": msg("内容"), "basis": msg("公开依据"),
    "deadline": msg("公开时限"), "owners": msg("责任单位"), "channels": msg("公开渠道"), "audience": msg("公开对象"),
    "mode": msg("公开方式"), "level": msg("公开层级"),
}
# history actions on a record that are not the clerk's work (the template changing under it)
_NOT_WORK_ACTIONS = ("template_change",)


class SimilarDecision(str, Enum):
    """The clerk's answer for a pair of similar items."""

    PROPOSED = "proposed"  # shown as a match; the clerk has not answered yet
    MATCH = "match"  # same item: the record keeps its work and takes the new text
    NEW = "new"  # different items: the old record is archived, the new item starts as todo


@dataclass(frozen=True)
class WorkSummary:
    """What the office has done on an item record: what archiving it would put away."""

    status: str = Status.TODO.value
    note: str = ""
    assignee: str = ""
    due: date | None = None
    evidence: int = 0  # live evidence links
    publications: int = 0  # publication records
    edits: int = 0  # history entries of the clerk's edits (status, note, due … changes)

    @property
    def holds_work(self) -> bool:
        return (self.status != Status.TODO.value or bool(self.note.strip()) or bool(self.assignee.strip())
                or self.evidence > 0 or self.publications > 0 or self.edits > 0)

    @property
    def status_label(self) -> str:
        try:
            return Status(self.status).label
        except ValueError:
            return self.status

    def describe(self) -> str:
        """One Chinese line: 状态：已完成；佐证材料 2 份；公开记录 1 条；修改 3 次；备注：…"""
        if not self.holds_work:
            return msg("没有办理记录")
        parts: list[str] = [msg("状态：{status}", status=self.status_label)]
        if self.evidence:
            parts.append(msg("佐证材料 {n} 份", n=self.evidence))
        if self.publications:
            parts.append(msg("公开记录 {n} 条", n=self.publications))
        if self.edits:
            parts.append(msg("修改 {n} 次", n=self.edits))
        if self.assignee.strip():
            parts.append(msg("承办人：{name}", name=self.assignee.strip()))
        if self.note.strip():
            note = " ".join(self.note.split())
            parts.append(msg("备注：{note}", note=note if len(note) <= 30 else note[:29] + "…"))
        return join_msgs("；", parts)

    def to_json(self) -> dict:
        return {"status": self.status, "note": self.note, "assignee": self.assignee,
                "due": self.due.isoformat() if self.due else None, "evidence_count": self.evidence,
                "publication_count": self.publications, "history_count": self.edits,
                "holds_work": self.holds_work}


@dataclass
class OldItem:
    record_id: str
    template_item_id: str
    status: str
    values: dict  # COMPARED_FIELDS
    work: WorkSummary = field(default_factory=WorkSummary)
    archive_confirmed: bool = False  # the clerk confirmed archiving it (needed when it holds work)

    def to_json(self) -> dict:
        return {"id": self.record_id, "status": self.status, **self.values, "work": self.work.to_json(),
                "archive_confirmed": self.archive_confirmed}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def to_json(self) -> dict:
        return {"field": self.field, "label": self.label, "old": self.old, "new": self.new}


@dataclass
class Match:
    old: OldItem
    new_index: int
    how: str  # code | path_title | similar
    changed_fields: list[str]
    score: float = 1.0
    after: dict = field(default_factory=dict)  # the new item's values (parsed_values)
    decision: SimilarDecision = SimilarDecision.MATCH  # only asked for similar pairs

    @property
    def changes(self) -> list[FieldChange]:
        """Each changed field with its old and new value."""
        return [FieldChange(f, _shown(f, self.old.values.get(f)), _shown(f, self.after.get(f)))
                for f in self.changed_fields]

    def to_json(self) -> dict:
        return {"id": self.old.record_id, "how": self.how, "fields": list(self.changed_fields),
                "changes": [c.to_json() for c in self.changes], "before": self.old.values,
                "after": self.after, "score": round(self.score, 3)}


@dataclass
class UpdatePlan:
    checklist_id: str
    checklist_name: str
    parsed: ParsedTemplate
    matched: list[Match] = field(default_factory=list)
    similar: list[Match] = field(default_factory=list)  # each waits for the clerk's decision
    added: list[int] = field(default_factory=list)  # indices into parsed.items
    removed: list[OldItem] = field(default_factory=list)

    @property
    def changed(self) -> list[Match]:
        return [m for m in self.matched if m.changed_fields]

    @property
    def unchanged(self) -> int:
        return sum(1 for m in self.matched if not m.changed_fields)

    # --- the clerk's decisions
    def _similar_of(self, record_id: str) -> Match:
        for m in self.similar:
            if m.old.record_id == record_id:
                return m
        raise KeyError(record_id)

    def decide_similar(self, record_id: str, decision: SimilarDecision | str) -> None:
        """Answer one similar pair (by the old record's id): match, or treat as new."""
        self._similar_of(record_id).decision = SimilarDecision(decision)

    def decide_pending(self, *, accept_similar: bool | None = None, archive_with_work: bool = False) -> None:
        """Answer in bulk what is still open (the CLI's --accept-similar / --similar-as-new /
        --archive-with-work): unanswered similar pairs become matches or new items; every removal that
        holds work is confirmed."""
        if accept_similar is not None:
            for m in self.similar:
                if m.decision is SimilarDecision.PROPOSED:
                    m.decision = SimilarDecision.MATCH if accept_similar else SimilarDecision.NEW
        if archive_with_work:
            for old in self.to_remove():
                old.archive_confirmed = True

    def confirm_archive(self, record_id: str, confirmed: bool = True) -> None:
        for old in [*self.removed, *(m.old for m in self.similar)]:
            if old.record_id == record_id:
                old.archive_confirmed = confirmed
                return
        raise KeyError(record_id)

    # --- what applying does with the current decisions
    def matches(self) -> list[Match]:
        """Records kept: certain matches and the similar pairs not declined (proposed ones included)."""
        return self.matched + [m for m in self.similar if m.decision is not SimilarDecision.NEW]

    def to_add(self) -> list[int]:
        return sorted([*self.added, *(m.new_index for m in self.similar if m.decision is SimilarDecision.NEW)])

    def to_remove(self) -> list[OldItem]:
        return [*self.removed, *(m.old for m in self.similar if m.decision is SimilarDecision.NEW)]

    def pending_similar(self) -> list[Match]:
        return [m for m in self.similar if m.decision is SimilarDecision.PROPOSED]

    def unconfirmed_removals(self) -> list[OldItem]:
        """Removals that hold work and were not confirmed one by one."""
        return [o for o in self.to_remove() if o.work.holds_work and not o.archive_confirmed]

    def problems(self) -> list[Msg]:
        """Why the plan cannot be applied yet (Chinese, one line per item); empty when it can."""
        items = self.parsed.items
        out: list[Msg] = []
        for m in self.pending_similar():
            out.append(msg("相近事项未确认：“{old}” 与新版的 “{new}”（相似度 {score}%）：视为同一事项还是新事项？",
                           old=m.old.values["title"], new=items[m.new_index].title, score=round(m.score * 100)))
        for o in self.unconfirmed_removals():
            out.append(msg("将归档的事项“{title}”有办理记录（{work}），需要逐项确认归档。",
                           title=o.values["title"], work=o.work.describe()))
        return out

    def to_json(self) -> dict:
        """The diff with the current decisions: pairs answered 'new' count as added + removed, answered
        'match' as changed; unanswered pairs are only under ``similar``."""
        items = self.parsed.items
        answered = [m for m in self.similar if m.decision is SimilarDecision.MATCH]
        return {
            "checklist": self.checklist_name,
            "added": [parsed_values(items[i]) for i in self.to_add()],
            "removed": [o.to_json() for o in self.to_remove()],
            "changed": [m.to_json() for m in self.changed + [m for m in answered if m.changed_fields]],
            "similar": [{**m.to_json(), "decision": m.decision.value, "work": m.old.work.to_json()}
                        for m in self.similar],
            "unchanged": self.unchanged + sum(1 for m in answered if not m.changed_fields),
        }


def _shown(field_name: str, value: object) -> object:
    """Stored owners carry their roles in a trailing object: shown as names with （牵头）/（配合）."""
    return owners_display(value) if field_name == "owners" else value


def parsed_values(it: ParsedItem) -> dict:
    return {"code": it.code or "", "path": list(it.path), "title": it.title, "content": it.content or "",
            "basis": it.basis or "", "deadline": it.deadline or "",
            "owners": pack_owners(it.owners, it.lead_units, it.support_units),
            "channels": list(it.channels), "audience": list(it.audience), "mode": list(it.mode),
            "level": list(it.level)}


def _changed_fields(old: dict, new: dict) -> list[str]:
    return [f for f in COMPARED_FIELDS if (old.get(f) or type(new[f])()) != new[f]]


def _row_numbers(codes: list[str]) -> bool:
    """Codes that are just 1, 2, 3 … in order."""
    return bool(codes) and all((c or "").strip() == str(i) for i, c in enumerate(codes, 1))


def _old_items(session: Session, checklist_id: str) -> list[OldItem]:
    cols = [getattr(TemplateItem, f) for f in COMPARED_FIELDS]
    stmt = (
        select(ItemRecord.id, ItemRecord.template_item_id, ItemRecord.status, *cols)
        .join(TemplateItem, ItemRecord.template_item_id == TemplateItem.id)
        .where(ItemRecord.checklist_id == checklist_id, ItemRecord.archived_at.is_(None))
        .order_by(TemplateItem.position)
    )
    olds = [OldItem(r[0], r[1], r[2], dict(zip(COMPARED_FIELDS, r[3:]))) for r in session.execute(stmt)]
    work = work_summaries(session, checklist_id)
    for old in olds:
        old.work = work.get(old.record_id, WorkSummary(status=old.status))
    return olds


def work_summaries(session: Session, checklist_id: str, record_ids: Iterable[str] | None = None
                   ) -> dict[str, WorkSummary]:
    """The work each live record of the checklist holds (or only of ``record_ids``)."""
    ids = list(record_ids) if record_ids is not None else None
    rec = select(ItemRecord.id, ItemRecord.status, ItemRecord.note, ItemRecord.assignee, ItemRecord.due_date).where(
        ItemRecord.checklist_id == checklist_id, ItemRecord.archived_at.is_(None))
    if ids is not None:
        rec = rec.where(ItemRecord.id.in_(ids))
    in_checklist = select(ItemRecord.id).where(ItemRecord.checklist_id == checklist_id)
    evidence = dict(session.execute(
        select(EvidenceLink.record_id, func.count()).where(
            EvidenceLink.archived_at.is_(None), EvidenceLink.record_id.in_(in_checklist))
        .group_by(EvidenceLink.record_id)).all())
    pubs = dict(session.execute(
        select(Publication.record_id, func.count()).where(
            Publication.archived_at.is_(None), Publication.record_id.in_(in_checklist))
        .group_by(Publication.record_id)).all())
    edits = dict(session.execute(
        select(HistoryEntry.entity_id, func.count()).where(
            HistoryEntry.entity == "item_record", HistoryEntry.action.not_in(_NOT_WORK_ACTIONS),
            HistoryEntry.entity_id.in_(in_checklist))
        .group_by(HistoryEntry.entity_id)).all())
    return {rid: WorkSummary(status or Status.TODO.value, note or "", assignee or "", due,
                             evidence.get(rid, 0), pubs.get(rid, 0), edits.get(rid, 0))
            for rid, status, note, assignee, due in session.execute(rec)}


def plan_update(session: Session, checklist_id: str, parsed: ParsedTemplate) -> UpdatePlan:
    checklist = session.get(Checklist, checklist_id)
    assert checklist is not None
    plan = UpdatePlan(checklist_id=checklist_id, checklist_name=checklist.name, parsed=parsed)
    olds = _old_items(session, checklist_id)
    new_vals = [parsed_values(it) for it in parsed.items]
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    # a plain 序号 1..N is a row number, not an identity: deleting one row renumbers all after it
    use_codes = not (_row_numbers([o.values["code"] for o in olds])
                     or _row_numbers([it.code for it in parsed.items]))

    def pair(oi: int, ni: int, how: str, score: float = 1.0) -> None:
        taken_old.add(oi)
        taken_new.add(ni)
        fields = _changed_fields(olds[oi].values, new_vals[ni])
        if not use_codes:  # renumbered row numbers are not a change of the item
            fields = [f for f in fields if f != "code"]
        m = Match(olds[oi], ni, how, fields, score, new_vals[ni])
        if how == "similar":
            m.decision = SimilarDecision.PROPOSED
            plan.similar.append(m)
        else:
            plan.matched.append(m)

    # 1. codes, when both sides carry real ones
    by_code: dict[str, list[int]] = {}
    for ni, it in enumerate(parsed.items):
        if use_codes and normalize_code(it.code):
            by_code.setdefault(normalize_code(it.code), []).append(ni)
    for oi, old in enumerate(olds):
        cands = by_code.get(normalize_code(old.values["code"] or ""), [])
        free = [ni for ni in cands if ni not in taken_new]
        if normalize_code(old.values["code"] or "") and free:
            pair(oi, free[0], "code")
    # 2. normalised path and title
    by_pt: dict[str, list[int]] = {}
    for ni, it in enumerate(parsed.items):
        if ni not in taken_new:
            by_pt.setdefault(path_title_key(it.path, it.title), []).append(ni)
    for oi, old in enumerate(olds):
        if oi in taken_old:
            continue
        free = [ni for ni in by_pt.get(path_title_key(old.values["path"], old.values["title"]), [])
                if ni not in taken_new]
        if free:
            pair(oi, free[0], "path_title")
    # 3. similarity, best pairs first, offered for confirmation
    rest_old = [oi for oi in range(len(olds)) if oi not in taken_old]
    rest_new = [ni for ni in range(len(parsed.items)) if ni not in taken_new]
    if rest_old and rest_new and len(rest_old) * len(rest_new) <= 250_000:
        def text_of(v: dict) -> str:
            return normalize_text(v["title"]) + normalize_text(v["content"])

        scored: list[tuple[float, int, int]] = []
        for oi in rest_old:
            a = text_of(olds[oi].values)
            for ni in rest_new:
                sm = difflib.SequenceMatcher(None, a, text_of(new_vals[ni]), autojunk=False)
                if sm.real_quick_ratio() >= SIMILARITY_THRESHOLD and sm.quick_ratio() >= SIMILARITY_THRESHOLD:
                    score = sm.ratio()
                    if score >= SIMILARITY_THRESHOLD:
                        scored.append((score, oi, ni))
        for score, oi, ni in sorted(scored, reverse=True):
            if oi not in taken_old and ni not in taken_new:
                pair(oi, ni, "similar", score)
    plan.added = [ni for ni in range(len(parsed.items)) if ni not in taken_new]
    plan.removed = [olds[oi] for oi in range(len(olds)) if oi not in taken_old]
    return plan


def apply_update(session: Session, plan: UpdatePlan, *, actor: str) -> dict:
    """Apply the plan with its decisions inside the caller's transaction. Returns counts.

    Refuses with a UserError, before writing anything, while a similar pair is unanswered or a removal
    that holds work (as the database says now, not only when the plan was made) is unconfirmed.
    """
    checklist = session.get(Checklist, plan.checklist_id)
    assert checklist is not None
    removed = plan.to_remove()
    fresh = work_summaries(session, plan.checklist_id, [o.record_id for o in removed])
    for old in removed:  # work added in another window since the preview needs its confirmation too
        if old.record_id in fresh:
            old.work = fresh[old.record_id]
    problems = plan.problems()
    if problems:
        shown = "\n".join(problems[:20]) + ("\n…" if len(problems) > 20 else "")
        raise UserError(msg("没有应用更新，清单“{name}”没有任何改动：\n{problems}", name=plan.checklist_name,
                            problems=shown))
    tpl, item_ids = store_template(session, plan.parsed, actor=actor, supersedes_id=checklist.template_id)
    now = utcnow()
    matches = plan.matches()
    if matches:  # ORM bulk UPDATE by primary key: one executemany
        session.execute(update(ItemRecord), [
            {"id": m.old.record_id, "template_item_id": item_ids[m.new_index], "updated_at": now}
            for m in matches])
        ledger.touch(session, ItemRecord.__tablename__, [m.old.record_id for m in matches])
    for m in matches:
        if m.changed_fields:
            history.record(session, actor=actor, entity="item_record", entity_id=m.old.record_id,
                           action="template_change", field=",".join(m.changed_fields),
                           before={f: _shown(f, m.old.values[f]) for f in m.changed_fields},
                           after={f: _shown(f, m.after[f]) for f in m.changed_fields})
    if removed:
        session.execute(update(ItemRecord), [
            {"id": old.record_id, "archived_at": now, "archived_reason": "removed_in_template_update"}
            for old in removed])
        ledger.touch(session, ItemRecord.__tablename__, [old.record_id for old in removed])
    for old in removed:
        history.record(session, actor=actor, entity="item_record", entity_id=old.record_id, action="archive",
                       before={"title": old.values["title"], "status": old.status},
                       after={"reason": "removed_in_template_update", "confirmed": old.archive_confirmed,
                              "work": old.work.to_json()})
    added = plan.to_add()
    if added:
        rows = new_record_rows(checklist.id, [item_ids[ni] for ni in added], [plan.parsed.items[ni] for ni in added],
                               checklist.year)
        bulk_insert(session.connection(), ItemRecord.__table__, rows)
        ledger.inserted(session, ItemRecord.__tablename__, rows)
    old_template = checklist.template_id
    checklist.template_id = tpl.id
    counts = {"added": len(added), "removed": len(removed),
              "changed": sum(1 for m in matches if m.changed_fields),
              "unchanged": sum(1 for m in matches if not m.changed_fields)}
    history.record(session, actor=actor, entity="checklist", entity_id=checklist.id, action="template_update",
                   before={"template_id": old_template}, after={"template_id": tpl.id, **counts,
                                                                 "file": plan.parsed.source_file})
    return counts
