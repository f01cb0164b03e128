"""Adopting a parsed template as a new checklist, and looking checklists up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.bulk import bulk_insert
from zwgk_desktop.core.db.models import Checklist, ItemRecord, Template, TemplateItem, Unit, new_id, utcnow
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import history, ledger
from zwgk_desktop.core.store.keys import assign_keys
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, TemplateKind, UserError
from zwgk_desktop.core.unit_roles import pack_owners, unpack_owners
from zwgk_desktop.core.units import is_group


@dataclass(frozen=True)
class ChecklistInfo:
    id: str
    name: str
    template_name: str
    template_version: str
    issuer: str
    period: str
    year: int | None
    total: int
    closed: int

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "template": self.template_name,
                "version": self.template_version, "issuer": self.issuer, "period": self.period,
                "year": self.year, "total": self.total, "closed": self.closed}


def list_checklists(session: Session) -> list[ChecklistInfo]:
    closed = func.sum(case((ItemRecord.status.in_([Status.DONE.value, Status.NA.value]), 1), else_=0))
    counts = (
        select(ItemRecord.checklist_id, func.count().label("total"), closed.label("closed"))
        .where(ItemRecord.archived_at.is_(None))
        .group_by(ItemRecord.checklist_id)
        .subquery()
    )
    stmt = (
        select(Checklist, Template, counts.c.total, counts.c.closed)
        .join(Template, Checklist.template_id == Template.id)
        .outerjoin(counts, counts.c.checklist_id == Checklist.id)
        .where(Checklist.archived_at.is_(None))
        .order_by(Checklist.created_at)
    )
    return [
        ChecklistInfo(c.id, c.name, t.name, t.version, t.issuer, c.period, c.year, int(total or 0),
                      int(closed_n or 0))
        for c, t, total, closed_n in session.execute(stmt)
    ]


def find_checklist(session: Session, name_or_id: str | None) -> ChecklistInfo:
    """By name or id; with None, the only (or most recent) checklist."""
    infos = list_checklists(session)
    for info in infos:
        if name_or_id in (info.name, info.id):
            return info
    if name_or_id is not None:
        removed = session.scalar(select(Checklist.name).where(
            Checklist.archived_at.is_not(None), (Checklist.name == name_or_id) | (Checklist.id == name_or_id))
            .limit(1))
        if removed is not None:
            raise UserError(msg("清单“{name}”已移入回收站。需要时可以恢复：zwgk checklists restore {name}",
                                name=removed))
    if not infos:
        raise UserError(msg("工作区中还没有清单，请先导入模板（zwgk import 文件）。"))
    if name_or_id is None:
        return infos[-1]
    names = "、".join(i.name for i in infos)
    raise UserError(msg("找不到清单“{name_or_id}”。现有清单：{names}", name_or_id=name_or_id, names=names))


def find_by_template_identity(session: Session, parsed: ParsedTemplate) -> ChecklistInfo | None:
    """A checklist adopted from an earlier version of the same template (same name and issuer)."""
    for info in reversed(list_checklists(session)):
        if info.template_name == parsed.name and info.issuer == (parsed.issuer or ""):
            return info
    return None


def item_values(it: ParsedItem, key: str, position: int) -> dict:
    return {
        "key": key, "code": it.code or "", "path": list(it.path), "title": it.title,
        "content": it.content or "", "basis": it.basis or "", "deadline": it.deadline or "",
        "owners": pack_owners(it.owners, it.lead_units, it.support_units), "channels": list(it.channels),
        "audience": list(it.audience), "mode": list(it.mode), "level": list(it.level), "position": position,
        "source_sheet": it.source.sheet or "", "source_row": it.source.row,
    }


def store_template(session: Session, parsed: ParsedTemplate, *, actor: str,
                   supersedes_id: str | None = None) -> tuple[Template, list[str]]:
    """Insert the template and its items (bulk); returns the template and the item ids in order."""
    tpl = Template(
        id=new_id(), name=parsed.name, issuer=parsed.issuer or "", year=parsed.year,
        version=parsed.version or "", kind=parsed.kind.value, source_file=parsed.source_file or "",
        source_sha256=parsed.source_sha256 or "", imported_by=actor, supersedes_id=supersedes_id,
    )
    session.add(tpl)
    session.flush()
    keys = assign_keys(parsed.items)
    ids = [new_id() for _ in parsed.items]
    rows = []
    for pos, (it, key, item_id) in enumerate(zip(parsed.items, keys, ids)):
        values = item_values(it, key, pos)
        values.update(id=item_id, template_id=tpl.id)
        rows.append(values)
    bulk_insert(session.connection(), TemplateItem.__table__, rows)
    ledger.inserted(session, TemplateItem.__tablename__, rows)
    _store_units(session, parsed)
    return tpl, ids


def _store_units(session: Session, parsed: ParsedTemplate) -> None:
    names = {o for it in parsed.items for o in it.owners if o}
    if not names:
        return
    known = set(session.scalars(select(Unit.name).where(Unit.name.in_(names))))
    new = [{"id": new_id(), "name": n, "is_group": is_group(n)} for n in sorted(names - known)]
    if new:
        session.execute(insert(Unit), new)
        ledger.touch(session, Unit.__tablename__, [u["id"] for u in new])


def new_record_rows(checklist_id: str, item_ids: list[str], items: list[ParsedItem], year: int | None
                    ) -> list[dict]:
    """Fresh todo records, with a due date where the 公开时限 and the year fix one."""
    from zwgk_desktop.core.deadlines.initial_due import initial_due

    now = utcnow()
    today = date.today()  # once: the clock is read per call otherwise
    return [{"id": new_id(), "checklist_id": checklist_id, "template_item_id": item_id,
             "status": Status.TODO.value, "assignee": "", "due_date": initial_due(it.deadline, year, today=today),
             "note": "",
             "created_at": now, "updated_at": now, "archived_at": None, "archived_reason": ""}
            for item_id, it in zip(item_ids, items)]


def adopt(session: Session, parsed: ParsedTemplate, *, name: str | None, year: int | None, office_id: str,
          actor: str) -> str:
    """Create a checklist from a parsed template; every item starts as todo. Returns the checklist id."""
    if not parsed.items:
        raise UserError(msg("文件“{source_file}”中没有可导入的事项。", source_file=parsed.source_file))
    name = (name or parsed.name or "未命名清单").strip()
    if session.scalar(select(Checklist.id).where(Checklist.name == name, Checklist.archived_at.is_(None))):
        raise UserError(msg("已存在名为“{name}”的清单。请换一个名称，或用新版本更新该清单。", name=name))
    tpl, item_ids = store_template(session, parsed, actor=actor)
    year = year or parsed.year
    checklist = Checklist(id=new_id(), name=name, template_id=tpl.id, year=year,
                          period=str(year) if year else "", office_id=office_id)
    session.add(checklist)
    session.flush()
    rows = new_record_rows(checklist.id, item_ids, parsed.items, year)
    bulk_insert(session.connection(), ItemRecord.__table__, rows)
    ledger.inserted(session, ItemRecord.__tablename__, rows)
    history.record(session, actor=actor, entity="checklist", entity_id=checklist.id, action="import",
                   after={"name": name, "template": parsed.name, "file": parsed.source_file,
                          "sha256": parsed.source_sha256, "items": len(item_ids)})
    return checklist.id


MAX_NAME_LENGTH = 255


def check_name(session: Session, name: str, *, exclude_id: str | None = None) -> str:
    """The name trimmed; refused when empty, too long or already used by another checklist in use."""
    name = " ".join((name or "").split())
    if not name:
        raise UserError(msg("清单名称不能为空。"))
    if len(name) > MAX_NAME_LENGTH:
        raise UserError(msg("清单名称太长（{n} 个字），请控制在 {limit} 个字以内。", n=len(name),
                            limit=MAX_NAME_LENGTH))
    clash = session.scalar(select(Checklist.id).where(Checklist.name == name, Checklist.archived_at.is_(None)))
    if clash is not None and clash != exclude_id:
        raise UserError(msg("已存在名为“{name}”的清单，请换一个名称。", name=name))
    return name


def rename(session: Session, name_or_id: str, new_name: str, *, actor: str) -> str:
    """Give a checklist in use a new name; returns its id. No change (and no history) for the same name."""
    info = find_checklist(session, name_or_id)
    name = check_name(session, new_name, exclude_id=info.id)
    if name == info.name:
        return info.id
    checklist = session.get(Checklist, info.id)
    checklist.name = name
    history.record(session, actor=actor, entity="checklist", entity_id=info.id, action="rename",
                   field="name", before=info.name, after=name)
    return info.id


@dataclass(frozen=True)
class ChecklistContents:
    """How much work a checklist holds: what the remove confirmation and the 回收站 state."""

    items: int  # items in use (not those archived by template updates)
    done: int
    evidence: int  # evidence pieces linked to its items
    publications: int
    archived_items: int = 0

    def to_json(self) -> dict:
        return {"items": self.items, "done": self.done, "evidence": self.evidence,
                "publications": self.publications, "archived_items": self.archived_items}

    def summary(self) -> str:
        """``12 个事项（已完成 3 个）、5 份佐证材料、2 条公开记录``."""
        return msg("{items} 个事项（已完成 {done} 个）、{evidence} 份佐证材料、{publications} 条公开记录",
                   items=self.items, done=self.done, evidence=self.evidence, publications=self.publications)


def contents(session: Session, checklist_id: str) -> ChecklistContents:
    from zwgk_desktop.core.db.models import EvidenceLink, Publication

    live = ItemRecord.archived_at.is_(None)
    items, done, archived = session.execute(
        select(func.count(case((live, 1))),
               func.count(case((live & (ItemRecord.status == Status.DONE.value), 1))),
               func.count(case((ItemRecord.archived_at.is_not(None), 1))))
        .where(ItemRecord.checklist_id == checklist_id)).one()
    records = select(ItemRecord.id).where(ItemRecord.checklist_id == checklist_id, live)
    evidence = session.scalar(select(func.count(func.distinct(EvidenceLink.evidence_id))).where(
        EvidenceLink.record_id.in_(records), EvidenceLink.archived_at.is_(None)))
    pubs = session.scalar(select(func.count()).select_from(Publication).where(
        Publication.record_id.in_(records), Publication.archived_at.is_(None)))
    return ChecklistContents(int(items), int(done), int(evidence or 0), int(pubs or 0), int(archived))


@dataclass(frozen=True)
class TemplateInfo:
    """The identity of an adopted template (what packages and the county's roll-up compare)."""

    name: str
    issuer: str
    version: str
    year: int | None
    source_sha256: str


def _template_info(tpl: Template) -> TemplateInfo:
    return TemplateInfo(tpl.name, tpl.issuer, tpl.version, tpl.year, tpl.source_sha256)


def template_info(session: Session, checklist_id: str) -> TemplateInfo:
    """The template a checklist was adopted from."""
    cl = session.get(Checklist, checklist_id)
    tpl = session.get(Template, cl.template_id)
    return _template_info(tpl)


def all_templates(session: Session) -> list[TemplateInfo]:
    """Every template adopted in this workspace (including those later updated)."""
    return [_template_info(t) for t in session.scalars(select(Template))]


def template_of(session: Session, checklist_id: str) -> ParsedTemplate:
    """A checklist's template as the app's own format holds it (export then import gives the same items)."""
    checklist = session.get(Checklist, checklist_id)
    assert checklist is not None
    tpl = session.get(Template, checklist.template_id)
    assert tpl is not None
    items = [
        ParsedItem(title=it.title, path=list(it.path), code=it.code, content=it.content, basis=it.basis,
                   deadline=it.deadline, owners=unpack_owners(it.owners)[0],
                   lead_units=list(unpack_owners(it.owners)[1]),
                   support_units=list(unpack_owners(it.owners)[2]), channels=list(it.channels),
                   audience=list(it.audience), mode=list(it.mode), level=list(it.level))
        for it in session.scalars(select(TemplateItem).where(TemplateItem.template_id == tpl.id)
                                  .order_by(TemplateItem.position))
    ]
    return ParsedTemplate(name=tpl.name, items=items, kind=TemplateKind.NATIVE, issuer=tpl.issuer,
                          year=tpl.year, version=tpl.version)
