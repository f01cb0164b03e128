"""Append-only, hash-chained change history."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zwgk_desktop.core.db.locks import lock_history
from zwgk_desktop.core.db.models import HistoryEntry, new_id, utcnow


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, (str, int, float, bool)):
        return value.value  # enums
    return value


def entry_digest(prev_hash: str, uid: str, at: str, actor: str, entity: str, entity_id: str,
                 action: str, field: str, before: Any, after: Any) -> str:
    payload = json.dumps(
        [prev_hash, uid, at, actor, entity, entity_id, action, field, before, after],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


ACTOR_KEY = "zwgk_actor"  # session.info: who wrote in this transaction (for its ledger entry)


def record(session: Session, *, actor: str, entity: str, entity_id: str, action: str,
           field: str = "", before: Any = None, after: Any = None, json_ready: bool = False) -> HistoryEntry:
    """Append one entry inside the caller's transaction (the chain is locked until it ends).
    ``json_ready``: ``before`` and ``after`` hold only JSON types already (a large state entry)."""
    lock_history(session)
    session.info[ACTOR_KEY] = actor
    prev = session.execute(select(HistoryEntry.hash).order_by(HistoryEntry.seq.desc()).limit(1)).scalar()
    prev = prev or ""
    uid = new_id()
    at = utcnow()
    if not json_ready:
        before, after = _jsonable(before), _jsonable(after)
    digest = entry_digest(prev, uid, at.isoformat(), actor, entity, entity_id, action, field, before, after)
    entry = HistoryEntry(uid=uid, at=at, actor=actor, entity=entity, entity_id=entity_id, action=action,
                         field=field, before=before, after=after, prev_hash=prev, hash=digest)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class HistoryView:
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    field: str
    before: Any
    after: Any

    def to_json(self) -> dict:
        return {"at": self.at.isoformat(), "actor": self.actor, "entity": self.entity,
                "entity_id": self.entity_id, "action": self.action, "field": self.field,
                "before": self.before, "after": self.after}


def entries(session: Session, *, entity_id: str | None = None, limit: int = 200) -> list[HistoryView]:
    stmt = select(HistoryEntry).order_by(HistoryEntry.seq.desc()).limit(limit)
    if entity_id is not None:
        stmt = stmt.where(HistoryEntry.entity_id == entity_id)
    else:  # the records' state entries (core/store/ledger.py) are for `check`, not for reading
        stmt = stmt.where(HistoryEntry.entity != "ledger")
    return [HistoryView(e.at, e.actor, e.entity, e.entity_id, e.action, e.field, e.before, e.after)
            for e in session.scalars(stmt)]


def entries_by_entity(session: Session, entity_ids: list[str]) -> dict[str, list[HistoryView]]:
    """Every entry about each of ``entity_ids``, oldest first (a submission package's ledger)."""
    out: dict[str, list[HistoryView]] = {}
    for chunk in range(0, len(entity_ids), 500):
        stmt = (select(HistoryEntry).where(HistoryEntry.entity_id.in_(entity_ids[chunk:chunk + 500]))
                .order_by(HistoryEntry.seq))
        for e in session.scalars(stmt):
            out.setdefault(e.entity_id, []).append(
                HistoryView(e.at, e.actor, e.entity, e.entity_id, e.action, e.field, e.before, e.after))
    return out


def verify_chain(session: Session) -> list[int]:
    """Sequence numbers of entries whose hash does not match their content or chain."""
    bad: list[int] = []
    prev = ""
    for e in session.scalars(select(HistoryEntry).order_by(HistoryEntry.seq)):
        at = e.at.isoformat() if e.at.tzinfo else e.at.replace(tzinfo=utcnow().tzinfo).isoformat()
        digest = entry_digest(prev, e.uid, at, e.actor, e.entity, e.entity_id, e.action, e.field,
                              e.before, e.after)
        if e.prev_hash != prev or e.hash != digest:
            bad.append(e.seq)
        prev = e.hash
    return bad
