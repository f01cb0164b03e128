"""Editing item records: every change is one transaction with its history entries."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import Checklist, ItemRecord, utcnow
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import history
from zwgk_desktop.core.types import STATUS_LABELS, ConflictError, Status, UserError

_UNSET = object()
EDITABLE = ("status", "assignee", "due_date", "note")


def parse_status(value: str | Status) -> Status:
    if isinstance(value, Status):
        return value
    text = (value or "").strip()
    for status in Status:
        if text in (status.value, STATUS_LABELS[status]):
            return status
    allowed = "、".join(f"{s.value}（{STATUS_LABELS[s]}）" for s in Status)
    raise UserError(msg("无效的状态“{value}”，可选：{allowed}", value=value, allowed=allowed))


def get_record(session: Session, record_id: str, *, lock: bool = False) -> ItemRecord:
    """A record by id or id prefix; records of a checklist in the 回收站 are out of reach until it is restored.
    ``lock``: hold the row until the transaction ends (SELECT … FOR UPDATE on a server; SQLite's write
    transaction already excludes every other writer), and read its latest committed values."""
    rec = session.get(ItemRecord, record_id, with_for_update=lock, populate_existing=lock)
    if rec is None:
        # allow the short id prefix the CLI prints
        from sqlalchemy import select

        stmt = select(ItemRecord).where(ItemRecord.id.startswith(record_id)).limit(2)
        if lock:
            stmt = stmt.with_for_update().execution_options(populate_existing=True)
        matches = list(session.scalars(stmt))
        if len(record_id) >= 6 and len(matches) == 1:
            rec = matches[0]
        else:
            raise UserError(msg("找不到事项“{record_id}”。", record_id=record_id))
    checklist = session.get(Checklist, rec.checklist_id)
    if checklist is not None and checklist.archived_at is not None:
        raise UserError(msg("事项“{id}”所在的清单“{name}”已移入回收站，请先恢复该清单。", id=record_id,
                            name=checklist.name))
    return rec



def update_record(session: Session, record_id: str, *, actor: str, status: str | Status | None = None,
                  assignee: str | None = None, due: date | None | object = _UNSET,
                  note: str | None = None, expected_version: int | None = None) -> tuple[str, list[str]]:
    """Apply the given changes; returns the record id and the names of fields that changed.

    With ``expected_version`` (the version the caller showed the user) the edit is refused with
    :class:`ConflictError` when someone else changed the record meanwhile; nothing is written then.
    """
    rec = get_record(session, record_id, lock=True)  # no other writer between the check and the save
    if expected_version is not None and rec.version != expected_version:
        raise ConflictError(
            msg("这个事项在您查看之后已被修改（可能是另一台电脑、命令行或其他同事），您这次的修改没有保存。当前：状态 {status_labels}，承办人 {value}，到期日 {value2}，备注 {value3}。", status_labels=STATUS_LABELS[Status(rec.status)], value=rec.assignee or '（空）', value2=rec.due_date or '（空）', value3=rec.note[:40] or '（空）'))
    changes: dict[str, object] = {}
    if status is not None:
        changes["status"] = parse_status(status).value
    if assignee is not None:
        changes["assignee"] = assignee.strip()
    if due is not _UNSET:
        changes["due_date"] = due
    if note is not None:
        changes["note"] = note
    changed: list[str] = []
    for name, value in changes.items():
        before = getattr(rec, name)
        if before == value:
            continue
        setattr(rec, name, value)
        changed.append(name)
        history.record(session, actor=actor, entity="item_record", entity_id=rec.id, action="update",
                       field=name, before=before, after=value)
    if changed:
        rec.updated_at = utcnow()
        rec.version = (rec.version or 1) + 1
    return rec.id, changed


def set_archived(session: Session, record_id: str, archived: bool, *, actor: str, reason: str = "") -> None:
    rec = get_record(session, record_id)
    if (rec.archived_at is not None) == archived:
        return
    before = {"archived_at": rec.archived_at, "reason": rec.archived_reason}
    rec.archived_at = utcnow() if archived else None
    rec.archived_reason = reason if archived else ""
    history.record(session, actor=actor, entity="item_record", entity_id=rec.id,
                   action="archive" if archived else "restore", before=before,
                   after={"archived_at": rec.archived_at, "reason": rec.archived_reason})
