"""One-file workspace backups (.zip) with a manifest of SHA-256 hashes, verification and restore.

Contents: ``manifest.json`` (format, app version, schema revision, office, every file with size and
SHA-256), ``zwgk.sqlite`` (a consistent snapshot through SQLite's backup API, taken while the app may keep
working), ``evidence/…`` (the stored files the database refers to) and ``calendar/*.json``.
The archive is written to a temp name, fsynced and renamed. Restore verifies every hash first, unpacks
next to the target, then swaps folders: the workspace that was there is kept aside, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select

from zwgk_desktop import __version__
from zwgk_desktop.core import restore_journal
from zwgk_desktop.core.db.migrate import current_revision, snapshot_sqlite
from zwgk_desktop.core.db.models import Evidence
from zwgk_desktop.core.fileutil import atomic_path, fsync_dir, sha256_file
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import DB_NAME, Workspace

FORMAT = "zwgk-desktop backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class BackupCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("已取消备份。")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    app_version: str
    schema: str
    office: str
    files: int
    size: int

    def to_json(self) -> dict:
        return {"path": str(self.path), "created": self.created, "app_version": self.app_version,
                "schema": self.schema, "office": self.office, "files": self.files, "size": self.size}


def _sha256_bytes_of(zf: zipfile.ZipFile, name: str) -> str:
    h = hashlib.sha256()
    with zf.open(name) as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def create_backup(ws: Workspace, target: Path, *, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> BackupInfo:
    """Write a one-file backup of the workspace to ``target`` (.zip)."""
    if not ws.url.startswith("sqlite"):
        raise UserError("一文件备份只适用于本机工作区（SQLite）；服务器数据库请用数据库自身的备份工具。")
    target = Path(target)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a backup that was killed
        stale.unlink(missing_ok=True)
    with ws.reading() as s:
        stored = sorted({p for p in s.scalars(select(Evidence.stored_path).where(Evidence.kind == "file"))
                         if p})
    calendars = sorted(ws.calendar_dir.glob("*.json")) if ws.calendar_dir.is_dir() else []
    total = 1 + len(stored) + len(calendars)
    files: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, atomic_path(target) as tmp_zip:
        snapshot = Path(tmp) / DB_NAME
        snapshot_sqlite(ws.db_path, snapshot)
        with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            entries = [(snapshot, DB_NAME)]
            entries += [(ws.evidence_dir / rel, f"evidence/{rel}") for rel in stored]
            entries += [(p, f"calendar/{p.name}") for p in calendars]
            for done, (path, arcname) in enumerate(entries, 1):
                if cancelled and cancelled():
                    raise BackupCancelled()
                if not path.is_file():  # a missing evidence file: `verify` reports it; the backup goes on
                    continue
                zf.write(path, arcname)
                files.append({"name": arcname, "size": path.stat().st_size, "sha256": sha256_file(path)})
                if progress:
                    progress(done, total)
            settings = ws.settings()
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION, "created": datetime.now().isoformat(),
                "app_version": __version__, "schema": current_revision(ws.engine) or "",
                "office_id": settings["office_id"], "office": settings["office"], "files": files,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return read_info(target)


def _manifest(zf: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise UserError(f"文件“{path.name}”不是 zwgk-desktop 的备份（缺少 {MANIFEST}）。") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError(f"备份“{path.name}”的清单文件已损坏。") from None
    if manifest.get("format") != FORMAT:
        raise UserError(f"文件“{path.name}”不是 zwgk-desktop 的备份。")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise UserError(f"备份“{path.name}”由更新版本的程序生成，请先升级本程序。")
    return manifest


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UserError(f"找不到备份文件“{path}”。") from None
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"备份文件“{path.name}”已损坏或不是 .zip 文件。") from None


def read_info(path: Path) -> BackupInfo:
    with _open_zip(Path(path)) as zf:
        m = _manifest(zf, Path(path))
    return BackupInfo(Path(path), m.get("created", ""), m.get("app_version", ""), m.get("schema", ""),
                      m.get("office", ""), len(m.get("files", [])), Path(path).stat().st_size)


def verify_backup(path: Path, *, progress: ProgressFn | None = None) -> list[str]:
    """Problems found (Chinese), empty when every file is present with its recorded SHA-256."""
    path = Path(path)
    problems: list[str] = []
    with _open_zip(path) as zf:
        manifest = _manifest(zf, path)
        names = set(zf.namelist())
        entries = manifest.get("files", [])
        for done, entry in enumerate(entries, 1):
            name = entry.get("name", "")
            pure = PurePosixPath(name)
            if pure.is_absolute() or ".." in pure.parts:
                problems.append(f"{name}：路径不安全")
            elif name not in names:
                problems.append(f"{name}：备份中缺少此文件")
            elif zf.getinfo(name).file_size != entry.get("size") or _sha256_bytes_of(zf, name) != entry.get("sha256"):
                problems.append(f"{name}：内容与记录的 SHA-256 不符")
            if progress:
                progress(done, len(entries))
        if DB_NAME not in {e.get("name") for e in entries}:
            problems.append(f"{DB_NAME}：备份中没有数据库")
    return problems


def restore_backup(path: Path, data_dir: Path, *, progress: ProgressFn | None = None) -> Path | None:
    """Restore into ``data_dir`` (close any open workspace on it first). Returns where the workspace that
    was there has been moved (kept, never deleted), or None when there was none."""
    path, data_dir = Path(path), Path(data_dir)
    problems = verify_backup(path, progress=progress)
    if problems:
        raise UserError(f"备份“{path.name}”校验未通过，未做任何更改：" + "；".join(problems[:5]))
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}-restore-", dir=data_dir.parent))
    try:
        with _open_zip(path) as zf:
            for entry in _manifest(zf, path)["files"]:
                out = staging.joinpath(*PurePosixPath(entry["name"]).parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(entry["name"]) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                    dst.flush()
                    os.fsync(dst.fileno())
        fsync_dir(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    aside = None
    if data_dir.exists() and any(data_dir.iterdir()):
        stamp = f"{data_dir.name}-恢复前-{datetime.now():%Y%m%d-%H%M%S}"
        aside = next(data_dir.with_name(stamp + (f"-{n}" if n else "")) for n in range(1000)
                     if not data_dir.with_name(stamp + (f"-{n}" if n else "")).exists())
    restore_journal.write_journal(data_dir, staging, aside)  # from here on a crash is finished at next open
    try:
        restore_journal.swap(data_dir, staging, aside)
    except OSError as exc:  # e.g. a file in the workspace is open in another program (Windows)
        if aside is not None and aside.exists() and not data_dir.exists():
            aside.rename(data_dir)  # put the workspace back as it was
        shutil.rmtree(staging, ignore_errors=True)
        restore_journal.journal_path(data_dir).unlink(missing_ok=True)
        raise UserError(f"无法替换工作区文件夹“{data_dir}”（{exc.strerror or exc}），未做任何更改。"
                        "请关闭打开了其中文件的程序后重试。") from exc
    return aside


def restore_into(ws: Workspace, path: Path, *, progress: ProgressFn | None = None) -> Path | None:
    """Replace the open workspace's folder with the backup and reopen it (the old folder is kept aside)."""
    problems = verify_backup(Path(path), progress=progress)  # before closing anything
    if problems:
        raise UserError(f"备份“{Path(path).name}”校验未通过，未做任何更改：" + "；".join(problems[:5]))
    ws.engine.dispose()
    try:
        return restore_backup(Path(path), ws.data_dir)
    finally:
        ws.reopen()
