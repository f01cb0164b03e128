"""A full disk (a real tiny tmpfs) during import, attach, backup and restore, and a read-only workspace:
each ends in a Chinese message naming what could not be written, and nothing is half-written or lost.
Needs permission to mount (root in a container or CI); skipped elsewhere."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import on_modal, stop_modal_watchers  # noqa: F401 - autouse fixture

from zwgk_desktop.cli import main
from zwgk_desktop.core.services import backup
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace

MountFn = Callable[..., Path]


def _mount(point: Path, size_kb: int, *options: str) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    opts = ",".join([f"size={size_kb}k", *options])
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[MountFn]:
    """``tiny_disk("name", size_kb)``: a fresh tmpfs of that size, unmounted after the test."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted: list[Path] = []

    def make(name: str, size_kb: int) -> Path:
        point = tmp_path / name
        if not _mount(point, size_kb):
            pytest.skip("this machine does not allow mounting a tmpfs")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(disk: Path, leave: int) -> None:
    """Use up the disk but ``leave`` bytes."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler.bin", "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(free - leave, 0))


def _workspace(folder: Path, items: int = 3) -> Workspace:
    ws = Workspace.open(folder)
    ws.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                     for i in range(items)]))
    return ws


def test_attach_on_a_full_disk_says_the_write_failed(tiny_disk: MountFn, tmp_path: Path) -> None:
    disk = tiny_disk("disk", 4096)
    ws = _workspace(disk / "ws")
    rid = ws.rows(ws.checklist().id)[0].id
    photo = tmp_path / "公示照片.jpg"
    photo.write_bytes(os.urandom(1024 * 1024))
    _fill(disk, 64 * 1024)
    with pytest.raises(UserError) as exc:
        ws.attach_files([rid], [photo])
    text = str(exc.value)
    assert "磁盘空间不足" in text and "公示照片.jpg" in text and "无法读取" not in text
    assert ws.row(rid).evidence_count == 0
    assert not [p for p in (disk / "ws" / "evidence").rglob("*") if p.is_file()]  # no temp copy left
    ws.close()


def test_import_on_a_full_disk_writes_nothing(tiny_disk: MountFn, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    disk = tiny_disk("disk", 4096)
    _workspace(disk / "ws", items=1).close()
    big = tmp_path / "目录.csv"
    big.write_text("序号,公开事项,公开内容,公开时限,公开主体\n" + "".join(
        f"{i},事项{i},{'很长的公开内容' * 40},20个工作日内,乡政府\n" for i in range(3000)), encoding="utf-8")
    _fill(disk, 32 * 1024)
    code = main(["--data-dir", str(disk / "ws"), "import", str(big), "--checklist", "新清单"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "磁盘空间不足" in err and "没有保存" in err, err
    (disk / "filler.bin").unlink()
    with Workspace.open(disk / "ws") as ws:
        assert [c.name for c in ws.checklists()] == ["目录"]  # all or nothing
        assert ws.verify_history() == []


def test_backup_create_on_a_full_disk(tiny_disk: MountFn, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    ws = _workspace(tmp_path / "ws")
    rid = ws.rows(ws.checklist().id)[0].id
    photo = tmp_path / "扫描件.pdf"
    photo.write_bytes(os.urandom(512 * 1024))
    ws.attach_files([rid], [photo])
    disk = tiny_disk("usb", 256)
    code = main(["--data-dir", str(ws.data_dir), "backup", "create", str(disk / "备份.zip")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "写入备份文件" in err and "磁盘空间不足" in err and "没有生成备份" in err
    assert list(disk.iterdir()) == []  # no partial file
    assert not any(ws.staging_dir.iterdir())  # no snapshot left behind
    ws.close()


def test_restore_on_a_full_disk_changes_nothing(tiny_disk: MountFn, tmp_path: Path, monkeypatch) -> None:
    ws = _workspace(tmp_path / "ws")
    rid = ws.rows(ws.checklist().id)[0].id
    photo = tmp_path / "扫描件.pdf"
    photo.write_bytes(os.urandom(1024 * 1024))
    ws.attach_files([rid], [photo])
    out = backup.create_backup(ws, tmp_path / "备份.zip").path
    ws.close()
    disk = tiny_disk("disk", 1024)
    target = disk / "ws"
    with pytest.raises(UserError, match="磁盘空间不足：恢复需要"):  # refused from the sizes, before writing
        backup.restore_backup(out, target)
    assert list(disk.iterdir()) == []
    monkeypatch.setattr(backup, "DISK_SPARE_BYTES", -(1 << 40))  # as if the space went while unpacking
    with pytest.raises(UserError) as exc:
        backup.restore_backup(out, target)
    assert "写入恢复文件" in str(exc.value) and "磁盘空间不足" in str(exc.value) and "未做任何更改" in str(exc.value)
    assert list(disk.iterdir()) == []  # the staging folder is gone, no journal


def test_read_only_workspace_says_so(tiny_disk: MountFn, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    disk = tiny_disk("share", 8192)
    _workspace(disk / "ws").close()
    before = {p: p.read_bytes() for p in (disk / "ws").rglob("*") if p.is_file()}
    done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot remount read-only here")
    for args in (["items"], ["update", "x", "--note", "n"], ["check"]):
        assert main(["--data-dir", str(disk / "ws"), *args]) == 1
        err = capsys.readouterr().err
        assert "只读" in err and "没有损坏" in err and "已损坏" not in err and "Traceback" not in err
    with pytest.raises(UserError, match="只读"):
        Workspace.open(disk / "ws")
    assert {p: p.read_bytes() for p in (disk / "ws").rglob("*") if p.is_file()} == before


def test_backup_zip_on_full_disk_keeps_an_older_backup(tiny_disk: MountFn, tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    disk = tiny_disk("usb", 512)
    first = backup.create_backup(ws, disk / "备份.zip").path
    kept = first.read_bytes()
    photo = tmp_path / "大文件.pdf"
    photo.write_bytes(os.urandom(700 * 1024))
    ws.attach_files([ws.rows(ws.checklist().id)[0].id], [photo])
    with pytest.raises(UserError, match="磁盘空间不足"):
        backup.create_backup(ws, first)
    assert first.read_bytes() == kept and zipfile.ZipFile(first).testzip() is None
    ws.close()


def test_new_workspace_on_a_full_disk_is_not_called_damaged(tiny_disk: MountFn,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    disk = tiny_disk("disk", 256)
    _fill(disk, 0)
    assert main(["--data-dir", str(disk / "ws"), "items"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "已损坏" not in err
    assert "磁盘空间不足" in err or "无法创建工作区文件夹" in err, err


def test_window_on_a_read_only_workspace_says_so_without_offering_a_restore(qtbot, tiny_disk: MountFn) -> None:
    from PySide6.QtWidgets import QMessageBox

    from zwgk_desktop.ui import app as gui_app

    disk = tiny_disk("share", 8192)
    _workspace(disk / "ws").close()
    if subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot remount read-only here")
    seen: list[tuple[str, list[str]]] = []
    on_modal(QMessageBox, lambda box: (seen.append((box.text(), [b.text() for b in box.buttons()])), box.accept()))
    assert gui_app.main(["--data-dir", str(disk / "ws")]) == 2
    text, buttons = seen[0]
    assert "只读" in text and "没有损坏" in text and not any("恢复" in b for b in buttons)
