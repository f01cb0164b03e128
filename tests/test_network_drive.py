"""A workspace on a network drive is refused with a Chinese message that says where to keep it and how to
share instead: detection from the mount table (Linux), UNC paths and mapped drives (Windows); a real
sshfs mount when the machine allows one, else a simulated /proc/mounts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zwgk_desktop.cli import main
from zwgk_desktop.core import netfs
from zwgk_desktop.core.services.backup import create_backup, restore_backup
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace, WorkspaceOnNetworkDrive

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mount table")


def _fake_mounts(tmp_path: Path) -> Path:
    for sub in ("nfs/local", "smb share", "local"):
        (tmp_path / sub).mkdir(parents=True)
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        f"server:/export {tmp_path}/nfs nfs4 rw,vers=4.2,addr=10.0.0.2 0 0\n"
        f"tmpfs {tmp_path}/nfs/local tmpfs rw 0 0\n"
        f"//fileserver/公开 {tmp_path}/smb\\040share cifs rw,vers=3.0 0 0\n"
        f"/dev/sdb1 {tmp_path}/local ext4 rw 0 0\n", encoding="utf-8")
    return table


@linux
def test_mount_table_names_the_filesystem_of_the_deepest_mount(tmp_path: Path) -> None:
    table = _fake_mounts(tmp_path)
    assert netfs.mount_type(tmp_path / "nfs" / "ws", table) == "nfs4"  # not made yet: its parent's mount
    assert netfs.mount_type(tmp_path / "nfs" / "local" / "ws", table) == "tmpfs"
    assert netfs.mount_type(tmp_path / "smb share" / "台账", table) == "cifs"  # \040 is a space
    assert netfs.mount_type(tmp_path / "local", table) == "ext4"
    assert netfs.mount_type(tmp_path / "nfs-other", table) == "ext4"  # a name prefix is not a mount
    assert netfs.mount_type(tmp_path, tmp_path / "missing") is None
    # the real table: the test folder is on a local disk
    assert netfs.network_location(tmp_path) is None


def test_unc_paths_are_network_locations() -> None:
    for path in (r"\\fileserver\公开\台账", "//fileserver/share/ws", r"\\?\UNC\fileserver\share"):
        assert netfs.is_unc(path), path
    for path in (r"C:\Users\clerk\zwgk", r"\\?\C:\zwgk", r"\\.\PhysicalDrive0", "/home/clerk/zwgk"):
        assert not netfs.is_unc(path), path


@pytest.mark.skipif(sys.platform != "win32", reason="Windows drive types")
def test_windows_local_drive_is_not_remote(tmp_path: Path) -> None:
    assert netfs.network_location(tmp_path) is None


@linux
def test_cli_refuses_a_workspace_on_a_simulated_share_and_writes_nothing(tmp_path: Path, monkeypatch,
                                                                          capsys) -> None:
    monkeypatch.setattr(netfs, "MOUNTS_FILE", _fake_mounts(tmp_path))
    for folder, kind in ((tmp_path / "nfs" / "ws", "nfs4"), (tmp_path / "smb share" / "台账", "cifs")):
        assert main(["--data-dir", str(folder), "items"]) == 1
        err = capsys.readouterr().err
        assert f"在网络驱动器或共享文件夹上（{kind}）" in err and "本机磁盘" in err and "备份" in err
        assert "--db-url" in err and "Traceback" not in err
        assert not folder.exists()
    # a local mount inside the share, and a local disk, are fine
    assert main(["--data-dir", str(tmp_path / "nfs" / "local" / "ws"), "settings"]) == 0
    assert main(["--data-dir", str(tmp_path / "local" / "ws"), "settings"]) == 0


def _sshfs_mount(share: Path, point: Path, tmp_path: Path) -> bool:
    """Mount ``share`` at ``point`` over sshfs, talking to a local sftp-server (no network, no ssh)."""
    sftp = next((p for p in ("/usr/lib/openssh/sftp-server", "/usr/lib/sftp-server") if Path(p).exists()), None)
    if not shutil.which("sshfs") or sftp is None or not Path("/dev/fuse").exists():
        return False
    ssh = tmp_path / "ssh.sh"
    ssh.write_text(f"#!/bin/sh\nexec {sftp}\n")
    ssh.chmod(0o755)
    done = subprocess.run(["sshfs", "-o", f"ssh_command={ssh}", f"localhost:{share}", str(point)],
                          capture_output=True, timeout=30)
    return done.returncode == 0 and netfs.mount_type(point) == "fuse.sshfs"


@pytest.fixture
def sshfs_share(tmp_path: Path):
    share, point = tmp_path / "server", tmp_path / "mnt"
    share.mkdir()
    point.mkdir()
    if not sys.platform.startswith("linux") or not _sshfs_mount(share, point, tmp_path):
        pytest.skip("no sshfs mount here (needs sshfs, an sftp-server and /dev/fuse)")
    try:
        yield point, share
    finally:
        tool = shutil.which("fusermount3") or shutil.which("fusermount")
        subprocess.run([tool, "-u", str(point)] if tool else ["umount", str(point)], timeout=30)


def test_real_sshfs_mount_is_refused_by_cli_window_and_restore(sshfs_share, tmp_path: Path) -> None:
    point, share = sshfs_share
    assert netfs.network_location(point / "ws") == "fuse.sshfs"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cli = subprocess.run([sys.executable, "-m", "zwgk_desktop.cli", "--data-dir", str(point / "ws"), "items"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert cli.returncode == 1 and "fuse.sshfs" in cli.stderr and "Traceback" not in cli.stderr
    window = subprocess.run([sys.executable, "-m", "zwgk_desktop.ui.app", "--data-dir", str(point / "ws"),
                             "--screenshot", str(tmp_path / "shot.png")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert window.returncode == 2 and "网络驱动器" in window.stderr and "Traceback" not in window.stderr
    assert not (tmp_path / "shot.png").exists()

    with Workspace.open(tmp_path / "local") as ws:
        ws.update_settings(office="万善乡")
        backup = create_backup(ws, tmp_path / "b.zip").path
    with pytest.raises(WorkspaceOnNetworkDrive, match="网络驱动器"):
        restore_backup(backup, point / "restored")
    assert list(share.iterdir()) == []  # nothing written to the share
    with pytest.raises(UserError):
        Workspace.open(point / "ws")
