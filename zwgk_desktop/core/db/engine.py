"""Engine creation. SQLite specifics (pragmas, real transactions) live here and nowhere else."""

from __future__ import annotations

import json
import random
import time
from functools import partial
from pathlib import Path

import sqlalchemy.dialects.sqlite  # noqa: F401 - with the core, before the window imports PySide6
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
# JSON columns hold Chinese as it is (the default escapes each character as \uXXXX: twice the bytes to
# write and store, and the history's state entries are JSON text inside a JSON column)
_json_text = partial(json.dumps, ensure_ascii=False)
WRITE_RETRY_SECONDS = 60.0  # on top of the busy timeout, a write waits this long for the lock in all
WRITE_OPTION = "zwgk_write"  # execution option: this transaction writes (BEGIN IMMEDIATE on SQLite)


def sqlite_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """Create an engine. For SQLite: WAL, synchronous=FULL, foreign keys, busy timeout, and real
    BEGIN/COMMIT transactions that include DDL (pysqlite's own transaction handling does not)."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, json_serializer=_json_text)

    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, json_serializer=_json_text)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        if conn.get_execution_options().get(WRITE_OPTION):
            _begin_immediate(conn)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _begin_immediate(conn) -> None:  # noqa: ANN001
    """Take the write lock at the start of a write transaction: a deferred transaction that reads first
    and writes later fails at once with "database is locked" when another writer got in between (the busy
    handler cannot help there). The lock is waited for (busy timeout), and retried with a backoff for up
    to WRITE_RETRY_SECONDS; nothing has been done yet, so a retry is always safe."""
    deadline = time.monotonic() + WRITE_RETRY_SECONDS
    pause = 0.01
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if "locked" not in str(exc.orig).lower() and "busy" not in str(exc.orig).lower():
                raise
            if time.monotonic() > deadline:
                raise
        time.sleep(pause * (1 + random.random()))
        pause = min(pause * 2, 0.5)


def writing(engine: Engine) -> Engine:
    """The same engine (same pool) for write transactions."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
