"""SIGKILL the CLI exactly inside a write and find the workspace as it was (or, for a restore past its
journal, finished): never half.

The kill lands where the test says, not after a guessed delay: the process runs with
``ZWGK_TEST_PAUSE_AT=<point>:<marker>`` (zwgk_desktop/core/pause_points.py), stops at that critical
moment of the write, writes the marker and waits; the test sees the marker, checks that the process is
still there and holds what it was writing, and kills it. A control run with ``<point>#2`` then lets the
same command finish and proves that it reaches the point only once (so the kill hit this command's own
write, not an earlier one) and that it does change the workspace.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from county_workspaces import export, make_offices

from zwgk_desktop.cli import main
from zwgk_desktop.core.fileutil import sha256_file
from zwgk_desktop.core.importing import write_native_xlsx
from zwgk_desktop.core.pause_points import ENV
from zwgk_desktop.core.services import backup
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")

REPO = Path(__file__).resolve().parents[1]
ITEMS = [ParsedItem(title=f"事项{i}", path=[f"领域{i % 12}", f"二级{i % 7}"], content="办理事项、办理条件" * 4,
                    owners=["乡镇政府（街道办事处）"], channels=["政府网站"]) for i in range(300)]


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "zwgk_desktop", "--data-dir", str(data), *args]


def _env(point: str, marker: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), ENV: f"{point}:{marker}"}


def kill_at(point: str, cmd: list[str], tmp_path: Path) -> int:
    """Run ``cmd`` until it pauses at ``point``, SIGKILL it there; returns its pid."""
    marker = tmp_path / f"paused-{uuid.uuid4().hex[:8]}"
    err = tmp_path / f"{marker.name}.stderr"
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(cmd, env=_env(point, marker), stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 300
        while not (marker.is_file() and marker.read_text().endswith("\n")):
            assert proc.poll() is None, f"ended without reaching {point}: {err.read_text('utf-8')}"
            assert time.monotonic() < deadline, f"never reached {point}"
            time.sleep(0.02)
        assert marker.read_text() == f"{proc.pid} {point}\n"
        assert proc.poll() is None  # still inside the write
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return proc.pid


def run_through(point: str, cmd: list[str], tmp_path: Path) -> None:
    """The control run: ``cmd`` succeeds and reaches ``point`` only once (a second time would pause it)."""
    marker = tmp_path / f"control-{uuid.uuid4().hex[:8]}"
    done = subprocess.run(cmd, env=_env(f"{point}#2", marker), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), f"{point} reached twice"


def state(folder: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every row of every table and every file (with its hash) of the workspace, as the next start finds
    it: opening settles what a killed process left (journals, temp files, a half-done restore swap)."""
    Workspace.open(folder).close()
    con = sqlite3.connect(folder / "zwgk.sqlite")
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: sorted(repr(r) for r in con.execute(f'SELECT * FROM "{t}"')) for t in tables}
    finally:
        con.close()
    files = {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(folder.rglob("*"))
             if p.is_file() and not p.name.startswith("zwgk.sqlite")}
    return rows, files


def assert_check_clean(folder: Path) -> None:
    done = subprocess.run(_cli(folder, "check"), env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def _write_locked(folder: Path) -> bool:
    """True while another process holds the database's write lock (is inside a write transaction)."""
    con = sqlite3.connect(folder / "zwgk.sqlite", timeout=0)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.rollback()
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        con.close()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, str]:
    """A workspace with work in it; returns its folder and the id of an item."""
    data = tmp_path / "ws"
    with Workspace.open(data) as ws:
        ws.import_new(ParsedTemplate(name="原有清单", items=ITEMS[:3]))
        rid = ws.rows(ws.checklist().id)[0].id
        ws.update_record(rid, status="done", note="不能丢")
        proof = tmp_path / "公示.pdf"
        proof.write_bytes(b"%PDF-1.4 " + os.urandom(1000))
        ws.attach_files([rid], [proof])
    return data, rid


def test_kill_before_the_commit_of_an_import_leaves_nothing(workspace: tuple[Path, str], tmp_path: Path) -> None:
    data, _ = workspace
    book = tmp_path / "大目录.xlsx"
    write_native_xlsx(ParsedTemplate(name="大目录", items=ITEMS), book)
    before = state(data)
    cmd = _cli(data, "import", str(book), "--checklist", "新清单")
    kill_at("commit", cmd, tmp_path)
    assert state(data) == before
    assert_check_clean(data)
    run_through("commit", cmd, tmp_path)
    with Workspace.open(data) as ws:
        assert {c.name: c.total for c in ws.checklists()} == {"原有清单": 3, "新清单": len(ITEMS)}


def test_kill_before_the_commit_of_an_edit_leaves_the_record(workspace: tuple[Path, str], tmp_path: Path) -> None:
    data, rid = workspace
    before = state(data)
    cmd = _cli(data, "update", rid, "--status", "rework", "--note", "改到一半")
    kill_at("commit", cmd, tmp_path)
    assert state(data) == before
    assert_check_clean(data)
    run_through("commit", cmd, tmp_path)
    with Workspace.open(data) as ws:
        assert (ws.row(rid).status.value, ws.row(rid).note) == ("rework", "改到一半")


def test_kill_while_the_writer_holds_the_lock(workspace: tuple[Path, str], tmp_path: Path) -> None:
    """Paused at ``commit`` the process is inside its write transaction: it holds the write lock."""
    data, rid = workspace
    marker = tmp_path / "paused"
    proc = subprocess.Popen(_cli(data, "note", rid, "写到一半"), env=_env("commit", marker),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not marker.is_file():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        assert _write_locked(data)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert not _write_locked(data)  # released by the kill, nothing committed
    with Workspace.open(data) as ws:
        assert ws.row(rid).note == "不能丢"


def test_kill_while_attaching_leaves_no_evidence_behind(workspace: tuple[Path, str], tmp_path: Path) -> None:
    data, rid = workspace
    big = tmp_path / "现场照片.jpg"
    big.write_bytes(os.urandom(8 << 20))
    before = state(data)
    cmd = _cli(data, "attach", rid, str(big))
    pid = kill_at("evidence-rename", cmd, tmp_path)  # copied under its temp name, not renamed yet
    assert [p.name for p in data.glob("evidence/*/.*.tmp")] != []
    assert all(f".p{pid}-" in p.name for p in data.glob("evidence/*/.*.tmp"))
    assert state(data) == before  # the temp copy of a dead process goes at the next open
    assert_check_clean(data)

    kill_at("commit", cmd, tmp_path)  # the file in the store, its record not committed
    rows, files = state(data)
    assert rows == before[0]
    extra = set(files) - set(before[1])
    assert [Path(e).name for e in extra] == [f"{sha256_file(big)}.jpg"] and set(before[1]) <= set(files)
    with Workspace.open(data) as ws:  # an orphan copy: listed by `evidence verify`, counted nowhere
        assert [p.problem for p in ws.verify_evidence()[1]] == ["orphan"]
        assert ws.row(rid).evidence_count == 1
    assert_check_clean(data)
    run_through("evidence-rename", cmd, tmp_path)
    with Workspace.open(data) as ws:
        assert ws.row(rid).evidence_count == 2 and ws.verify_evidence() == (2, [])


def test_kill_before_a_backup_is_renamed_leaves_no_archive(workspace: tuple[Path, str], tmp_path: Path) -> None:
    data, _ = workspace
    archive = tmp_path / "out" / "备份.zip"
    archive.parent.mkdir()
    before = state(data)
    cmd = _cli(data, "backup", "create", str(archive))
    pid = kill_at("backup-rename", cmd, tmp_path)
    assert not archive.exists()
    assert [p.name for p in archive.parent.iterdir()][0].startswith(f".备份.zip.p{pid}-")  # the whole archive
    assert list((data / ".staging").iterdir())  # and the snapshot it was taken from
    assert state(data) == before
    assert not list((data / ".staging").iterdir())
    assert_check_clean(data)
    run_through("backup-rename", cmd, tmp_path)
    assert backup.verify_backup(archive) == []
    assert [p.name for p in archive.parent.iterdir()] == ["备份.zip"]  # the killed one's temp file went too


def test_kill_during_a_restore(workspace: tuple[Path, str], tmp_path: Path) -> None:
    """Before its journal a killed restore changes nothing; in the middle of its folder swap (the
    workspace moved aside, the backup not yet in its place) the next start finishes it."""
    data, rid = workspace
    archive = tmp_path / "备份.zip"
    assert main(["--data-dir", str(data), "backup", "create", str(archive)]) == 0
    backed_up = state(data)
    with Workspace.open(data) as ws:
        ws.update_record(rid, note="备份之后的备注")
    before = state(data)
    cmd = _cli(data, "backup", "restore", str(archive), "--yes")

    pid = kill_at("restore-journal", cmd, tmp_path)
    assert [p.name for p in tmp_path.glob(".ws-restore-*")][0].startswith(f".ws-restore-.p{pid}-")
    assert state(data) == before
    assert not list(tmp_path.glob(".ws-restore*")) and not list(tmp_path.glob("ws-恢复前-*"))
    assert_check_clean(data)

    kill_at("restore-swap", cmd, tmp_path)
    assert not data.exists()  # killed with the workspace folder gone: the worst moment
    [aside] = tmp_path.glob("ws-恢复前-*")
    assert state(data) == backed_up  # the swap finished from the journal
    assert state(aside) == before  # the workspace that was there, kept
    assert not list(tmp_path.glob(".ws-restore*"))
    assert_check_clean(data)


@pytest.fixture
def county(tmp_path: Path, fixtures_dir: Path) -> tuple[Path, Path, str]:
    """A county workspace holding 万善乡's package and an open problem on one of its items, and a newer
    package from 万善乡 showing that item done. Returns the county folder, the newer package, the item."""
    (tmp_path / "offices").mkdir()
    o = make_offices(tmp_path / "offices", fixtures_dir)
    assert main(["--data-dir", str(o.county), "package", "import", str(export(o.township_a, tmp_path / "a1.zip"))]) == 0
    with Workspace.open(o.township_a) as ws:
        item = ws.rows(ws.checklists()[0].id)[5].id
    assert main(["--data-dir", str(o.county), "problems", "add", "--office", "万善乡", "--item", item,
                 "--source", "季度检查", "--description", "未公开", "--days", "10"]) == 0
    with Workspace.open(o.township_a) as ws:
        ws.update_record(item, status="done", note="已补充公开")
    return o.county, export(o.township_a, tmp_path / "a2.zip"), item


def test_kill_between_the_county_files_and_the_commit(county: tuple[Path, Path, str], tmp_path: Path) -> None:
    """The known gap of a file-based store: the package copy, the index and the problem list are written,
    the database transaction with their history entries is not committed. The journal puts them back."""
    folder, package, _ = county
    before = state(folder)
    index, problem_list = folder / "county" / "index.json", folder / "county" / "problems.json"
    cmd = _cli(folder, "package", "import", str(package))
    kill_at("county-files", cmd, tmp_path)
    # the kill landed after every file was written: all three differ from before
    assert sha256_file(index) != before[1]["county/index.json"]
    assert sha256_file(problem_list) != before[1]["county/problems.json"]
    assert len(list((folder / "county" / "packages").rglob("*.zip"))) == 2
    assert list((folder / ".journal").glob("files.p*.json"))
    assert state(folder) == before
    assert not list((folder / ".journal").iterdir())
    assert_check_clean(folder)
    run_through("county-files", cmd, tmp_path)
    rows, files = state(folder)
    assert files != before[1] and len([f for f in files if f.endswith(".zip")]) == 2
    assert '"status": "fixed"' in problem_list.read_text("utf-8")


def test_kill_before_a_problem_is_committed(county: tuple[Path, Path, str], tmp_path: Path) -> None:
    folder, _, item = county
    before = state(folder)
    cmd = _cli(folder, "problems", "add", "--office", "万善乡", "--indicator", "栏目更新", "--source", "日常检查",
               "--description", "栏目长期未更新", "--days", "5")
    kill_at("commit", cmd, tmp_path)  # the problem list written, its history entry not committed
    assert state(folder) == before
    assert_check_clean(folder)
    run_through("commit", cmd, tmp_path)
    assert "栏目长期未更新" in (folder / "county" / "problems.json").read_text("utf-8")


def test_a_journal_whose_transaction_committed_keeps_the_files(tmp_path: Path) -> None:
    """The other side of the journal: a process killed after its commit (before removing its journal)
    keeps what it wrote."""
    from zwgk_desktop.core.store import file_journal, history

    data = tmp_path / "ws"
    target = data / "county" / "index.json"
    target.parent.mkdir(parents=True)
    target.write_text("旧", "utf-8")
    with Workspace.open(data) as ws, file_journal.guarded(ws.data_dir) as journal, ws.transaction() as s:
        journal.track(target)
        journal.bind(history.record(s, actor="t", entity="package", entity_id="x", action="import").uid)
        target.write_text("新", "utf-8")
        dead = journal.path.with_name("files.p999999999-0.json")  # as left by a process that died
        kept = journal.path.read_bytes()
    dead.write_bytes(kept)
    Workspace.open(data).close()
    assert target.read_text("utf-8") == "新" and not dead.exists()
