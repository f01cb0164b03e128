"""Concurrent writers on one SQLite workspace: ordinary saves wait for the lock instead of failing, and
database faults (a lock held too long, a damaged page) end in Chinese messages, not tracebacks."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.db import engine as db_engine
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace

# Another process holding short write transactions (as the window or a second CLI does) until told to stop.
HOLDER = textwrap.dedent("""
    import random, sqlite3, sys, time
    from pathlib import Path
    db, stop = sys.argv[1], Path(sys.argv[2])
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    n = 0
    while not stop.exists():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE settings SET value = value WHERE key = 'office_id'")
        time.sleep(random.uniform(0.005, 0.03))
        conn.execute("COMMIT")
        n += 1
        time.sleep(random.uniform(0.0, 0.03))
    print(n)
""")

# 200 CLI updates in one process (each a full `zwgk update`: open, read, write, close)
UPDATER = textwrap.dedent("""
    import sys
    from zwgk_desktop.cli import main
    data, rid, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    failures = 0
    for i in range(count):
        if main(["--data-dir", data, "update", rid, "--note", f"{tag}-{i}"]) != 0:
            failures += 1
    sys.exit(1 if failures else 0)
""")


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                              for i in range(3)]))
    yield workspace
    workspace.close()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def test_concurrent_cli_updates_all_land_while_another_process_writes(ws: Workspace, tmp_path: Path) -> None:
    rows = ws.rows(ws.checklist().id)
    data = str(ws.data_dir)
    stop = tmp_path / "stop"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(ws.db_path), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        updaters = [subprocess.Popen([sys.executable, "-c", UPDATER, data, rows[k].id, f"p{k}", str(n)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
                    for k, n in ((0, 200), (1, 30))]
        outputs = [u.communicate(timeout=240) for u in updaters]
        elapsed = time.monotonic() - started
    finally:
        stop.touch()
        held = int(holder.communicate(timeout=60)[0])
    for u, (_, err) in zip(updaters, outputs):
        assert u.returncode == 0, err
        assert "Traceback" not in err and "locked" not in err and "锁定" not in err, err
    assert held > 20  # the other writer really was writing all along
    assert elapsed < 240
    assert ws.row(rows[0].id).note == "p0-199" and ws.row(rows[1].id).note == "p1-29"
    assert ws.row(rows[0].id).version == 1 + 200  # every single update landed, none lost
    notes = [e for e in ws.history(rows[0].id, limit=1000) if e.field == "note"]
    assert len(notes) == 200
    assert ws.verify_history() == []


def test_a_lock_held_too_long_is_a_chinese_message_and_nothing_is_saved(ws: Workspace, monkeypatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    rid = ws.rows(ws.checklist().id)[0].id
    monkeypatch.setattr(db_engine, "WRITE_RETRY_SECONDS", 0.3)  # short waits for this test only
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 100)
    impatient = Workspace.open(ws.data_dir)
    other = sqlite3.connect(ws.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="正被另一个程序长时间占用.*这次修改没有保存"):
            impatient.update_record(rid, note="不会保存")
    finally:
        other.execute("ROLLBACK")
        other.close()
    impatient.close()
    assert ws.row(rid).version == 1 and ws.row(rid).note == ""


def _corrupt_a_data_page(db: Path) -> None:
    raw = bytearray(db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    conn = sqlite3.connect(db)
    roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE name IN "
                                        "('history', 'item_records', 'template_items')")]
    conn.close()
    for root in roots:
        start = (root - 1) * page
        raw[start:start + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    db.write_bytes(bytes(raw))


def test_check_on_a_corrupted_page_reports_it(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    ws.close()
    conn = sqlite3.connect(ws.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _corrupt_a_data_page(ws.db_path)
    code = main(["--data-dir", str(ws.data_dir), "check", "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    if out:
        report = json.loads(out)
        assert not report["ok"] and any("损坏" in p or "数据库文件检查" in p for p in report["problems"])
    else:  # the damage reached what opening needs: refused with the same kind of message
        assert "损坏" in err
    assert main(["--data-dir", str(ws.data_dir), "items"]) == 1
    err = capsys.readouterr().err
    assert "损坏" in err and "Traceback" not in err


def test_items_json_streams_the_same_text(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(ws.data_dir), "items", "--json"]) == 0
    out = capsys.readouterr().out
    rows = [r.to_json() for r in ws.rows(ws.checklist().id)]
    assert out == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
