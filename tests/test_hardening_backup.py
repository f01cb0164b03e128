"""Hostile workspaces and backups: evidence paths that leave the store, crafted backups (bad databases,
unsafe names, lying sizes, bombs). Each case ends in a Chinese message, nothing outside the workspace is
touched and the workspace that was there is unchanged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core.services import backup
from zwgk_desktop.core.store.evidence import EvidenceStore
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    workspace = Workspace.open(tmp_path / "ws")
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                              for i in range(3)]))
    rid = workspace.rows(workspace.checklist().id)[0].id
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    workspace.attach_files([rid], [photo])
    yield workspace
    workspace.close()


def _outside(tmp_path: Path) -> Path:
    victim = tmp_path / "outside" / "重要文件.txt"
    victim.parent.mkdir()
    victim.write_text("不能被删除", encoding="utf-8")
    return victim


def _tamper_db(db: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def _rezip(src: Path, out: Path, *, replace: dict[str, bytes] | None = None,
           edit: object = None, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of backup ``src`` with members replaced (manifest hashes and sizes updated to match, so
    only the content is hostile) and the manifest optionally edited."""
    replace, extra = replace or {}, extra or {}
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        members = {n: zin.read(n) for n in zin.namelist() if n != "manifest.json"}
    members.update(replace)
    members.update(extra)
    for entry in manifest["files"]:
        if entry["name"] in replace:
            data = replace[entry["name"]]
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    for name, data in extra.items():
        manifest["files"].append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    if callable(edit):
        edit(manifest)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
        zout.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _db_bytes_with(ws: Workspace, tmp_path: Path, sql: str, *args: object) -> bytes:
    copy = tmp_path / "crafted.sqlite"
    with zipfile.ZipFile(backup.create_backup(ws, tmp_path / "base.zip").path) as zf:
        copy.write_bytes(zf.read("zwgk.sqlite"))
    _tamper_db(copy, sql, *args)
    return copy.read_bytes()


# --------------------------------------------------------------------------- item 3: evidence paths


@pytest.mark.parametrize("stored", ["../../outside/重要文件.txt", "{outside}", "ab/../../../outside/重要文件.txt",
                                    "C:/Windows/win.ini", "..\\..\\outside\\重要文件.txt"])
def test_tampered_stored_path_never_reaches_outside_the_store(ws: Workspace, tmp_path: Path, stored: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    victim = _outside(tmp_path)
    stored = stored.replace("{outside}", str(victim))
    ev = ws.evidence_for(ws.rows(ws.checklist().id)[0].id)[0]
    ws.archive_evidence(ev.id)
    _tamper_db(ws.db_path, "UPDATE evidence SET stored_path = ?", stored)
    data = str(ws.data_dir)

    assert main(["--data-dir", data, "check", "--json"]) == 1  # reported, and nothing read outside
    report = json.loads(capsys.readouterr().out)
    assert any("不是本程序写入的位置" in p and stored in p for p in report["problems"])
    assert main(["--data-dir", data, "evidence", "purge", "--yes"]) == 0
    assert "已删除 0 个文件" in capsys.readouterr().out
    assert victim.read_text(encoding="utf-8") == "不能被删除"
    assert ev.path is not None and ev.path.is_file()  # the real stored file is not purged either

    out = tmp_path / "备份.zip"
    assert main(["--data-dir", data, "backup", "create", str(out)]) == 0
    assert "存储位置" in capsys.readouterr().err and "未备份该文件" in "".join(backup.create_backup(ws, out).skipped)
    with zipfile.ZipFile(out) as zf:
        assert all(n.startswith(("evidence/", "calendar/")) or n in ("zwgk.sqlite", "manifest.json")
                   for n in zf.namelist())
        assert not any(".." in n or "重要文件" in n for n in zf.namelist())
    assert ws.evidence_for(ws.rows(ws.checklist().id)[0].id, include_archived=True)[0].path is None


def test_canonical_paths() -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    store = EvidenceStore(Path("/ws/evidence"))
    assert store.file_of(sha, f"{sha[:2]}/{sha}.pdf") == Path("/ws/evidence") / sha[:2] / f"{sha}.pdf"
    assert store.file_of(sha, f"{sha[:2]}/{sha}") is not None
    for bad in (f"../{sha}.pdf", f"{sha[:2]}/{sha}.PDF", f"00/{sha}.pdf", f"/{sha[:2]}/{sha}.pdf",
                f"{sha[:2]}\\{sha}.pdf", f"{sha[:2]}/{sha}.pdf/..", ""):
        assert store.file_of(sha, bad) is None, bad
    assert store.file_of("../../etc", "../..//etc.pdf") is None


def test_crafted_backup_with_outside_path_cannot_delete_outside(ws: Workspace, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    victim = _outside(tmp_path)
    ev = ws.evidence_for(ws.rows(ws.checklist().id)[0].id)[0]
    ws.archive_evidence(ev.id)
    crafted = _rezip(backup.create_backup(ws, tmp_path / "a.zip").path, tmp_path / "crafted.zip",
                     replace={"zwgk.sqlite": _db_bytes_with(ws, tmp_path, "UPDATE evidence SET stored_path = ?",
                                                            "../../outside/重要文件.txt")})
    target = tmp_path / "新电脑"
    assert main(["--data-dir", str(target), "backup", "restore", str(crafted), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(target), "evidence", "purge", "--yes"]) == 0
    assert main(["--data-dir", str(target), "check"]) == 1
    assert "不是本程序写入的位置" in capsys.readouterr().out
    assert victim.read_text(encoding="utf-8") == "不能被删除"


# --------------------------------------------------------------------------- item 4: crafted backups


@pytest.mark.parametrize("case", ["newer_schema", "not_sqlite", "no_version", "foreign_keys", "corrupt_page"])
def test_restore_checks_the_database_before_the_swap(ws: Workspace, tmp_path: Path, case: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    if case == "newer_schema":
        db = _db_bytes_with(ws, tmp_path, "UPDATE alembic_version SET version_num = ?", "9999")
        expected = "比本程序新"
    elif case == "not_sqlite":
        db, expected = b"PK\x03\x04 not a database" * 100, "不是 SQLite 数据库文件"
    elif case == "no_version":
        db, expected = _db_bytes_with(ws, tmp_path, "DROP TABLE alembic_version"), "不是本程序的数据库"
    elif case == "foreign_keys":
        db = _db_bytes_with(ws, tmp_path, "INSERT INTO evidence_links (id, evidence_id, record_id, linked_at) "
                                          "VALUES ('x', ?, 'no-such-record', '2024-01-01')",
                            ws.evidence_for(ws.rows(ws.checklist().id)[0].id)[0].id)
        expected = "不存在的记录"
    else:
        raw = bytearray(_db_bytes_with(ws, tmp_path, "SELECT 1"))
        page = int.from_bytes(raw[16:18], "big")
        for p in range(2, len(raw) // page):  # scribble over the b-tree page headers after the schema
            raw[p * page:p * page + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
        db, expected = bytes(raw), "已损坏"
    crafted = _rezip(backup.create_backup(ws, tmp_path / "a.zip").path, tmp_path / "crafted.zip",
                     replace={"zwgk.sqlite": db})
    problems = backup.verify_backup(crafted)
    assert problems and expected in problems[0]
    assert main(["backup", "verify", str(crafted)]) == 1
    assert expected in capsys.readouterr().out
    before_ws, before_dir = _snapshot(ws.data_dir), sorted(p.name for p in ws.data_dir.parent.iterdir())
    with pytest.raises(UserError, match="未做任何更改") as exc:
        backup.restore_into(ws, crafted)
    assert expected in str(exc.value)
    assert sorted(p.name for p in ws.data_dir.parent.iterdir()) == before_dir  # no staging left, nothing aside
    assert _snapshot(ws.data_dir).keys() >= {k for k in before_ws if not k.endswith(("-wal", "-shm"))}
    assert len(ws.rows(ws.checklist().id)) == 3  # still open and working
    target = tmp_path / "新电脑"
    assert main(["--data-dir", str(target), "backup", "restore", str(crafted), "--yes"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize("name", ["D:/x", "C:\\x", "\\\\host\\share\\x", "/etc/x", "../x", "evidence/../../x",
                                  "evidence/ab/../../../x", "calendar/../../x.json", "calendar/a\\..\\..\\x.json",
                                  "evidence/00/" + "a" * 64, "other/x", "C:evil", ""])
def test_unsafe_manifest_names_are_refused_on_every_platform(ws: Workspace, tmp_path: Path, name: str) -> None:
    assert backup.unsafe_member(name)
    crafted = _rezip(backup.create_backup(ws, tmp_path / "a.zip").path, tmp_path / "crafted.zip",
                     extra={name: b"payload"} if name else {},
                     edit=(lambda m: m["files"].append({"name": "", "size": 0, "sha256": ""})) if not name else None)
    problems = backup.verify_backup(crafted)
    assert any("路径不安全" in p for p in problems)
    target = tmp_path / "target" / "ws"
    with pytest.raises(UserError, match="未做任何更改"):
        backup.restore_backup(crafted, target)
    assert not target.exists()
    assert not any("payload" in p.read_text(errors="replace") for p in tmp_path.rglob("x*") if p.is_file())
    assert not (tmp_path / "target").exists()  # verified before anything was created


def test_declared_size_and_bombs_are_refused_before_unpacking(ws: Workspace, tmp_path: Path) -> None:
    base = backup.create_backup(ws, tmp_path / "a.zip").path

    def lie(m: dict) -> None:
        m["files"][0]["size"] += 1

    lying = _rezip(base, tmp_path / "lying.zip", edit=lie)
    assert any("大小" in p and "不符" in p for p in backup.verify_backup(lying))
    target = tmp_path / "t" / "ws"
    with pytest.raises(UserError, match="未做任何更改"):
        backup.restore_backup(lying, target)

    # 100 MB of zeros in a 100 KB member: refused from the zip directory, never inflated
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(base) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        members = {n: zin.read(n) for n in zin.namelist() if n != "manifest.json"}
    size = 100 * 1024 * 1024
    sha = hashlib.sha256(b"\0" * size).hexdigest()
    name = f"evidence/{sha[:2]}/{sha}.pdf"
    manifest["files"].append({"name": name, "size": size, "sha256": sha})
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for n, data in members.items():
            zout.writestr(n, data)
        with zout.open(name, "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(100):
                fh.write(block)
        zout.writestr("manifest.json", json.dumps(manifest))
    assert bomb.stat().st_size < 1024 * 1024
    problems = backup.verify_backup(bomb)
    assert any("压缩比" in p and "上限 200:1" in p for p in problems)
    with pytest.raises(UserError, match="压缩炸弹"):
        backup.restore_backup(bomb, target)
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_killed_backup_snapshot_is_cleaned_at_next_open_but_not_a_live_one(ws: Workspace, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    ws.staging_dir.mkdir(exist_ok=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = ws.staging_dir / f"snapshot.p{dead_pid}-abc.sqlite"
    live = ws.staging_dir / f"snapshot.p{os.getpid()}-def.sqlite"
    for p in (stale, live):
        p.write_bytes(b"copy")
    Workspace.open(ws.data_dir).close()
    assert not stale.exists() and live.exists()
    out = tmp_path / "b.zip"
    backup.create_backup(ws, out)
    assert [p.name for p in ws.staging_dir.iterdir()] == [live.name]  # its own snapshot is gone
    with zipfile.ZipFile(out) as zf:
        assert ".staging" not in " ".join(zf.namelist())


# --------------------------------------------------------------------------- item 8: temp files

SLOW_WRITER = """
import sys, time
from pathlib import Path
from zwgk_desktop.core.fileutil import atomic_path
target, go = Path(sys.argv[1]), Path(sys.argv[2])
with atomic_path(target) as tmp:
    tmp.write_bytes(b"first half ")
    print(tmp, flush=True)
    while not go.exists():
        time.sleep(0.02)
    with open(tmp, "ab") as fh:
        fh.write(b"second half")
"""


def test_opening_during_a_long_attach_keeps_its_temp_copy(ws: Workspace, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    target = ws.evidence_dir / "ab" / ("ab" + "0" * 62 + ".pdf")
    go = tmp_path / "go"
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target), str(go)], stdout=subprocess.PIPE,
                              text=True)
    tmp = Path(writer.stdout.readline().strip())
    assert tmp.is_file() and f".p{writer.pid}-" in tmp.name
    dead = ws.evidence_dir / "ab" / f".{target.name}.p{_dead_pid()}-x.tmp"  # left by a killed attach
    dead.write_bytes(b"partial")
    old = ws.evidence_dir / "ab" / f".{target.name}.oldstyle.tmp"  # no owner recorded: only by age
    old.write_bytes(b"partial")
    Workspace.open(ws.data_dir).close()  # a second process opening the workspace meanwhile
    assert tmp.is_file() and not dead.exists() and old.exists()
    os.utime(old, (0, 0))
    Workspace.open(ws.data_dir).close()
    assert not old.exists() and tmp.is_file()
    go.touch()
    assert writer.wait(timeout=30) == 0
    assert target.read_bytes() == b"first half second half"  # the copy completed


def _dead_pid() -> int:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def test_restore_staging_of_a_live_restore_is_not_removed(tmp_path: Path) -> None:
    import os

    from zwgk_desktop.core import restore_journal

    data_dir = tmp_path / "ws"
    live = tmp_path / f"{restore_journal.staging_prefix(data_dir)}.p{os.getpid()}-abc"
    dead = tmp_path / f"{restore_journal.staging_prefix(data_dir)}.p{_dead_pid()}-def"
    for p in (live, dead):
        p.mkdir()
        (p / "zwgk.sqlite").write_bytes(b"x")
    restore_journal.finish_interrupted(data_dir)
    assert live.is_dir() and not dead.exists()
