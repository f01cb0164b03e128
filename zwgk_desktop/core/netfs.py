"""Is a folder on a network drive? SQLite's WAL (shared memory beside the database) and its file locks
are not reliable over SMB/NFS, so a workspace there is refused (see Workspace.open)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

# Linux filesystem types of network shares (as /proc/mounts names them)
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "coda", "ceph", "glusterfs", "lustre",
    "davfs", "fuse.sshfs", "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.gvfs-fuse-daemon", "fuse.davfs2",
    "fuse.glusterfs", "fuse.cephfs", "fuse.rclone", "fuse.s3fs", "fuse.curlftpfs", "fuse.afpfs",
})
MOUNTS_FILE = Path("/proc/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011 …"""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _existing(path: Path) -> Path:
    """The path itself or its nearest existing parent, with links resolved (a workspace not made yet
    lives where its parent does)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def mount_type(path: Path, mounts_file: Path | None = None) -> str | None:
    """The filesystem type of the mount holding ``path`` (the longest mount point above it), or None when
    the mount table cannot be read."""
    try:
        table = (mounts_file or MOUNTS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    target = str(_existing(path))
    best, best_type = "", None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):  # a later mount on the same point hides the earlier one
            best, best_type = point, fstype
    return best_type


def is_unc(text: str) -> bool:
    """A Windows UNC path (\\\\server\\share, //server/share, \\\\?\\UNC\\server\\share), not a device path
    (\\\\?\\C:\\, \\\\.\\)."""
    text = text.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_network(path: Path) -> str | None:
    text = os.path.abspath(path)
    if is_unc(text):
        return "UNC"
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    import ctypes

    if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE:  # a mapped network drive
        return drive
    return None


def network_location(path: Path | str) -> str | None:
    """What marks ``path`` as a network location (the filesystem type, ``UNC`` or the mapped drive), or
    None on a local disk."""
    path = Path(path)
    if sys.platform == "win32":
        return _windows_network(path)
    if sys.platform.startswith("linux"):
        fstype = mount_type(path)
        return fstype if fstype in NETWORK_FS else None
    return None


class WorkspaceOnNetworkDrive(UserError):
    """The workspace folder is on a network share, where SQLite is not safe: refused before anything is
    written (the clerk keeps it on a local disk and shares by backups or the server mode)."""


def refuse_network_drive(folder: Path, local_home: Path) -> None:
    """Raise WorkspaceOnNetworkDrive when ``folder`` is on a network location; ``local_home`` is the
    default workspace folder offered instead."""
    where = network_location(folder)
    if where is None:
        return
    raise WorkspaceOnNetworkDrive(msg(
        "工作区“{folder}”在网络驱动器或共享文件夹上（{where}），本程序不在这里打开它：数据库放在网络位置上，"
        "断网或多台电脑同时写入时可能损坏。请把工作区放在本机磁盘上（默认位置：{home}；关闭本程序后可把整个"
        "文件夹复制到本机磁盘，再用 --data-dir 指定）。与同事共享时：用“备份工作区”生成备份文件交给对方"
        "“从备份恢复”，或使用数据库服务器（--db-url）。数据没有被改动。",
        folder=str(folder), where=where, home=str(local_home)))
