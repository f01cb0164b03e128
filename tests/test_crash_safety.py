"""A kill in the middle of an import leaves the workspace as it was, or fully imported: never half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from zwgk_desktop.core.db.models import ItemRecord, Template, TemplateItem
from zwgk_desktop.core.importing import write_native_xlsx
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace

N = 6000


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_kill_during_import_is_all_or_nothing(tmp_path: Path) -> None:
    book = tmp_path / "大目录.xlsx"
    items = [ParsedItem(title=f"事项{i}", path=[f"领域{i % 12}", f"二级{i % 7}"], content="办理事项、办理条件" * 4,
                        owners=["乡镇政府（街道办事处）"], channels=["政府网站"]) for i in range(N)]
    write_native_xlsx(ParsedTemplate(name="大目录", items=items), book)
    data = tmp_path / "ws"
    with Workspace.open(data) as ws:  # an existing workspace with work in it
        ws.import_new(ParsedTemplate(name="原有清单", items=items[:3]))
        ws.update_record(ws.rows(ws.checklist().id)[0].id, status="done", note="不能丢")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    outcomes = []
    for delay in (0.55, 0.65, 0.75, 0.85, 0.95, 1.05, 1.15, 8.0):  # reading, parsing, writing, done
        _kill_after([sys.executable, "-m", "zwgk_desktop", "--data-dir", str(data), "import", str(book),
                     "--checklist", f"导入{delay}"], delay, env)
        with Workspace.open(data) as ws:
            infos = {c.name: c for c in ws.checklists()}
            kept = ws.rows(infos["原有清单"].id)[0]
            assert (kept.status.value, kept.note) == ("done", "不能丢")
            imported = infos.get(f"导入{delay}")
            assert imported is None or imported.total == N
            with ws.reading() as s:  # no half-written template or records left behind
                templates = s.scalar(select(func.count()).select_from(Template))
                template_items = s.scalar(select(func.count()).select_from(TemplateItem))
                records = s.scalar(select(func.count()).select_from(ItemRecord))
            assert templates == len(infos)
            assert template_items == records == 3 + N * (len(infos) - 1)
            outcomes.append("done" if imported else "nothing")
    assert outcomes[-1] == "done", outcomes


def _kill_after(cmd: list[str], delay: float, env: dict) -> bool:
    """Run ``cmd``; SIGKILL it after ``delay`` seconds. True when it had already finished."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return finished


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_kill_during_backup_and_restore_is_all_or_nothing(tmp_path: Path) -> None:
    from zwgk_desktop.core.services import backup

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    data = tmp_path / "ws"
    with Workspace.open(data) as ws:
        ws.import_new(ParsedTemplate(name="备份时的清单", items=[ParsedItem(title="事项", path=["类"])]))
        rid = ws.rows(ws.checklist().id)[0].id
        big = tmp_path / "大照片.bin"
        big.write_bytes(os.urandom(40 << 20))
        ws.attach_files([rid], [big])
        ws.update_record(rid, note="备份里的备注")
    archive = tmp_path / "备份.zip"
    cli = [sys.executable, "-m", "zwgk_desktop", "--data-dir", str(data)]

    for delay in (0.6, 0.9, 1.2, 1.6, 30.0):  # killed while copying, compressing, or done
        archive.unlink(missing_ok=True)
        finished = _kill_after([*cli, "backup", "create", str(archive)], delay, env)
        if archive.exists():  # only ever a complete archive under the final name
            assert backup.verify_backup(archive) == []
        assert finished or not archive.exists() or backup.verify_backup(archive) == []
    assert archive.exists()
    assert not list(tmp_path.glob(".备份.zip.*.tmp"))  # the next backup removed what killed ones left
    Workspace.open(data).close()  # database snapshots of killed backups (in the workspace) go at the next open
    assert not list((data / ".staging").glob("*"))

    with Workspace.open(data) as ws:
        ws.update_record(rid, note="备份之后的备注")
    outcomes = []
    for delay in (0.5, 0.7, 0.9, 1.1, 1.4, 30.0):
        _kill_after([*cli, "backup", "restore", str(archive), "--yes"], delay, env)
        with Workspace.open(data) as ws:  # finishes a swap that was cut short
            note = ws.row(rid).note
            assert note in ("备份里的备注", "备份之后的备注")
            assert ws.verify_evidence() == (1, [])
            outcomes.append(note)
            ws.update_record(rid, note="备份之后的备注")  # make the next restore visible again
        assert not list(tmp_path.glob(".ws-restore*"))  # no staging folder or journal left behind
    assert outcomes[-1] == "备份里的备注", outcomes
