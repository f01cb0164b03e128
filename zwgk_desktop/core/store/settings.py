"""Settings rows (key -> text) that services keep, read and written in the caller's session; each change
has its history entry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from zwgk_desktop.core.db.models import Setting
from zwgk_desktop.core.store import history


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row else ""


def put_setting(session: Session, key: str, value: str, *, actor: str) -> None:
    """Set ``key`` to ``value`` with its history entry; nothing is written when it already holds it."""
    row = session.get(Setting, key)
    before = row.value if row else ""
    if before == value:
        return
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    history.record(session, actor=actor, entity="settings", entity_id=key, action="update",
                   field=key, before=before, after=value)
