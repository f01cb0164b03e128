"""Write serialisation on a database server. SQLite needs none of this: a write transaction holds the
whole database's write lock from BEGIN IMMEDIATE (see engine.py). On PostgreSQL many clerks write at once,
so the few places that must not interleave take a lock here, held until the transaction ends."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# pg_advisory_xact_lock key of the history chain ("zwgk" + 1)
HISTORY_LOCK_KEY = 0x7A77676B01
_HELD = "zwgk_history_locked"


def lock_history(session: Session) -> None:
    """Serialise appends to the hash-chained history: on PostgreSQL a transaction-level advisory lock,
    taken once per transaction before the chain head is read (READ COMMITTED then sees every entry
    committed before the lock was granted), so two writers never chain onto the same head."""
    if session.info.get(_HELD):
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": HISTORY_LOCK_KEY})
    session.info[_HELD] = True

    from sqlalchemy import event

    @event.listens_for(session, "after_transaction_end", once=True)
    def _released(sess, _trans) -> None:  # noqa: ANN001
        sess.info.pop(_HELD, None)
