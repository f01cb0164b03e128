"""Crash-safe file writing (temp name in the same folder, fsync, rename), temp files that record their
owner so only stale ones are cleaned, and Chinese reasons for failed writes."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from zwgk_desktop.core.messages import msg


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it is fsynced and renamed over ``target``.

    On any exception the temporary file is removed and ``target`` is left untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}{owner_tag()}", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def sha256_file(path: Path | str, chunk: int = 1 << 20) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------- temp files with an owner

_OWNER = re.compile(r"\.p(\d{1,10})-")


def owner_tag() -> str:
    """Part of a temp name that records the process writing it (``.p<pid>-``), see :func:`is_stale`."""
    return f".p{os.getpid()}-"


def pid_alive(pid: int) -> bool:
    """True while process ``pid`` exists (on this machine)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would terminate the process there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: it exists, owned by someone else
        return True
    return True


def is_stale(path: Path, *, max_age: float | None = None) -> bool:
    """A temp file or folder may be removed: its owner process (from the name) is dead, or it has not
    been touched for ``max_age`` seconds (the bound for names without an owner and for reused pids)."""
    from zwgk_desktop.core.limits import TEMP_STALE_SECONDS

    max_age = TEMP_STALE_SECONDS if max_age is None else max_age
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    owners = _OWNER.findall(path.name)
    if owners and not pid_alive(int(owners[-1])):
        return True
    return age > max_age


def remove_stale(paths: Iterable[Path]) -> int:
    """Remove the stale ones of ``paths`` (files or folders); returns how many went."""
    n = 0
    for path in paths:
        if not is_stale(path):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            n += 1
        except OSError:
            pass
    return n


# --------------------------------------------------------------------------- failed writes

_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _NO_SPACE
    text = str(exc).lower()
    return "disk is full" in text or "database or disk is full" in text


def is_write_error(exc: BaseException) -> bool:
    """The disk is full or does not take writes."""
    return is_disk_full(exc) or (isinstance(exc, OSError) and exc.errno == errno.EROFS)


def write_failure(exc: BaseException) -> str:
    """Why a write failed, in Chinese: disk full, read-only, or the system's own words."""
    if is_disk_full(exc):
        return msg("磁盘空间不足")
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY:
        return msg("没有写入权限或磁盘为只读")
    if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
        return msg("没有写入权限或磁盘为只读")
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
