"""Template updates: diff a new version against a checklist, then apply it keeping the office's work.

Matching, in order: the code column when both versions have codes; the normalised category path and
title; then text similarity above SIMILARITY_THRESHOLD, which is only offered for confirmation.
Applying re-points matched item records (status, notes, evidence, history stay attached to the record),
adds new records as todo and archives records of removed items; nothing is deleted.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from zwgk_desktop.core import history
from zwgk_desktop.core.checklists import new_record_rows, store_template
from zwgk_desktop.core.db.bulk import bulk_insert
from zwgk_desktop.core.db.models import Checklist, ItemRecord, TemplateItem, utcnow
from zwgk_desktop.core.keys import normalize_code, normalize_text, path_title_key
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate

SIMILARITY_THRESHOLD = 0.8
COMPARED_FIELDS = ("code", "path", "title", "content", "basis", "deadline", "owners", "channels", "audience",
                   "mode", "level")


@dataclass
class OldItem:
    record_id: str
    template_item_id: str
    status: str
    values: dict  # COMPARED_FIELDS

    def to_json(self) -> dict:
        return {"id": self.record_id, "status": self.status, **self.values}


@dataclass
class Match:
    old: OldItem
    new_index: int
    how: str  # code | path_title | similar
    changed_fields: list[str]
    score: float = 1.0


@dataclass
class UpdatePlan:
    checklist_id: str
    checklist_name: str
    parsed: ParsedTemplate
    matched: list[Match] = field(default_factory=list)
    similar: list[Match] = field(default_factory=list)  # need the user's confirmation
    added: list[int] = field(default_factory=list)  # indices into parsed.items
    removed: list[OldItem] = field(default_factory=list)

    @property
    def changed(self) -> list[Match]:
        return [m for m in self.matched if m.changed_fields]

    @property
    def unchanged(self) -> int:
        return sum(1 for m in self.matched if not m.changed_fields)

    def to_json(self, *, accept_similar: bool = False) -> dict:
        items = self.parsed.items
        changed = self.changed + (self.similar if accept_similar else [])
        added = list(self.added) + ([] if accept_similar else [m.new_index for m in self.similar])
        removed = list(self.removed) + ([] if accept_similar else [m.old for m in self.similar])
        return {
            "checklist": self.checklist_name,
            "added": [parsed_values(items[i]) for i in sorted(added)],
            "removed": [o.to_json() for o in removed],
            "changed": [
                {"id": m.old.record_id, "how": m.how, "fields": m.changed_fields, "before": m.old.values,
                 "after": parsed_values(items[m.new_index]), "score": round(m.score, 3)}
                for m in changed
            ],
            "similar": [
                {"id": m.old.record_id, "score": round(m.score, 3), "before": m.old.values,
                 "after": parsed_values(items[m.new_index])} for m in self.similar
            ],
            "unchanged": self.unchanged,
        }


def parsed_values(it: ParsedItem) -> dict:
    return {"code": it.code or "", "path": list(it.path), "title": it.title, "content": it.content or "",
            "basis": it.basis or "", "deadline": it.deadline or "", "owners": list(it.owners),
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
    return [OldItem(r[0], r[1], r[2], dict(zip(COMPARED_FIELDS, r[3:]))) for r in session.execute(stmt)]


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
        m = Match(olds[oi], ni, how, fields, score)
        (plan.similar if how == "similar" else plan.matched).append(m)

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


def apply_update(session: Session, plan: UpdatePlan, *, accept_similar: bool, actor: str) -> dict:
    """Apply inside the caller's transaction. Returns counts."""
    checklist = session.get(Checklist, plan.checklist_id)
    assert checklist is not None
    tpl, item_ids = store_template(session, plan.parsed, actor=actor, supersedes_id=checklist.template_id)
    now = utcnow()
    matches = plan.matched + (plan.similar if accept_similar else [])
    if matches:  # ORM bulk UPDATE by primary key: one executemany
        session.execute(update(ItemRecord), [
            {"id": m.old.record_id, "template_item_id": item_ids[m.new_index], "updated_at": now}
            for m in matches])
    for m in matches:
        if m.changed_fields:
            history.record(session, actor=actor, entity="item_record", entity_id=m.old.record_id,
                           action="template_change", field=",".join(m.changed_fields),
                           before={f: m.old.values[f] for f in m.changed_fields},
                           after={f: parsed_values(plan.parsed.items[m.new_index])[f]
                                  for f in m.changed_fields})
    removed = list(plan.removed) + ([] if accept_similar else [m.old for m in plan.similar])
    if removed:
        session.execute(update(ItemRecord), [
            {"id": old.record_id, "archived_at": now, "archived_reason": "removed_in_template_update"}
            for old in removed])
    for old in removed:
        history.record(session, actor=actor, entity="item_record", entity_id=old.record_id, action="archive",
                       before={"title": old.values["title"], "status": old.status},
                       after={"reason": "removed_in_template_update"})
    added = list(plan.added) + ([] if accept_similar else [m.new_index for m in plan.similar])
    if added:
        bulk_insert(session.connection(), ItemRecord.__table__, new_record_rows(
            checklist.id, [item_ids[ni] for ni in added], [plan.parsed.items[ni] for ni in added],
            checklist.year))
    old_template = checklist.template_id
    checklist.template_id = tpl.id
    counts = {"added": len(added), "removed": len(removed),
              "changed": sum(1 for m in matches if m.changed_fields),
              "unchanged": sum(1 for m in matches if not m.changed_fields)}
    history.record(session, actor=actor, entity="checklist", entity_id=checklist.id, action="template_update",
                   before={"template_id": old_template}, after={"template_id": tpl.id, **counts,
                                                                 "file": plan.parsed.source_file})
    return counts
