"""One-file workspace backups (.zip) with a manifest of SHA-256 hashes, verification and restore.

Contents: ``manifest.json`` (format, app version, schema revision, office, every file with size and
SHA-256), ``zwgk.sqlite`` (a consistent snapshot through SQLite's backup API, taken while the app may keep
working), ``evidence/…`` (the stored files the database refers to) and ``calendar/*.json``.
The archive is written to a temp name, fsynced and renamed. Restore verifies every hash first, unpacks
next to the target, then swaps folders: the workspace that was there is kept aside, never deleted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from zwgk_desktop import __version__
from zwgk_desktop.core import pause_points, restore_journal
from zwgk_desktop.core.db.migrate import known_revisions, snapshot_sqlite
from zwgk_desktop.core.fileutil import (
    atomic_path,
    fsync_dir,
    is_write_error,
    owner_tag,
    remove_stale,
    write_failure,
)
from zwgk_desktop.core.limits import (
    BACKUP_MAX_MEMBER_BYTES,
    BACKUP_MAX_MEMBER_RATIO,
    BACKUP_MAX_TOTAL_BYTES,
    BACKUP_RATIO_FROM_BYTES,
    DISK_SPARE_BYTES,
    GB,
    MB,
)
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.netfs import refuse_network_drive
from zwgk_desktop.core.progress import CancelledFn, ProgressFn, raise_if_cancelled
from zwgk_desktop.core.services.backup_manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    _manifest,
    _open_zip,
)
from zwgk_desktop.core.store.evidence import stored_files
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import DB_NAME, Workspace, default_home

BACKUP_CANCELLED = msg("已取消备份。")  # the message of the Cancelled a backup stopped by the user raises

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    app_version: str
    schema: str
    office: str
    files: int
    size: int
    skipped: tuple[str, ...] = ()  # evidence rows left out (Chinese, one per file)

    def to_json(self) -> dict:
        return {"path": str(self.path), "created": self.created, "app_version": self.app_version,
                "schema": self.schema, "office": self.office, "files": self.files, "size": self.size,
                "skipped": list(self.skipped)}


def _sha256_bytes_of(zf: zipfile.ZipFile, name: str) -> str:
    h = hashlib.sha256()
    with zf.open(name) as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


# Evidence formats that are already compressed: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif",
    ".pdf", ".ofd", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp",
    ".zip", ".7z", ".rar", ".gz", ".bz2", ".xz", ".zst", ".tgz",
    ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".wmv", ".flv", ".webm", ".mp3", ".m4a", ".aac", ".ogg", ".wma",
})
COPY_BLOCK = 4 * MB


def _write_member(zf: zipfile.ZipFile, path: Path, arcname: str) -> tuple[int, str]:
    """Copy one file into the archive, hashing the very bytes written (the file is read once).

    Already-compressed evidence is stored as is; the database, calendars and other files are deflated.
    Returns the size and SHA-256 of what was written."""
    info = zipfile.ZipInfo.from_file(path, arcname)
    stored = path.suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as src, zf.open(info, "w") as dst:  # zip64 from file_size
        while block := src.read(COPY_BLOCK):
            h.update(block)
            dst.write(block)
            n += len(block)
    return n, h.hexdigest()


def check_can_back_up(ws: Workspace) -> None:
    """One-file backups are for workspaces on this PC (SQLite): checked before anything is asked or written."""
    if not ws.url.startswith("sqlite"):
        raise UserError(msg("一文件备份只适用于本机工作区（SQLite）；服务器数据库请用数据库自身的备份工具。"))


def create_backup(ws: Workspace, target: Path, *, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> BackupInfo:
    """Write a one-file backup of the workspace to ``target`` (.zip).

    The database snapshot is taken into the workspace's own staging folder (cleaned at the next open if
    this process is killed). Evidence files are taken from the store by their hash: a database row whose
    path is not the content-addressed one is skipped and named in ``BackupInfo.skipped``."""
    check_can_back_up(ws)
    target = Path(target)
    remove_stale(target.parent.glob(f".{target.name}.*.tmp"))  # left by a backup that was killed
    store = ws.evidence_store
    with ws.reading() as s:
        rows = stored_files(s)
    stored: dict[Path, str] = {}
    skipped: list[str] = []
    for sha, rel, name in rows:
        path = store.file_of(sha, rel)
        if path is None:
            skipped.append(msg("“{name}”：数据库中记录的存储位置“{path}”不合规，未备份该文件", name=name, path=rel))
        else:
            stored[path] = f"evidence/{path.parent.name}/{path.name}"
    calendars = sorted(ws.calendar_dir.glob("*.json")) if ws.calendar_dir.is_dir() else []
    county = _county_files(ws.data_dir)
    total = 1 + len(stored) + len(calendars) + len(county)
    files: list[dict] = []
    ws.staging_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f"snapshot{owner_tag()}", suffix=".sqlite", dir=ws.staging_dir)
    os.close(fd)
    snapshot = Path(name)
    try:
        with atomic_path(target) as tmp_zip:
            snapshot_sqlite(ws.db_path, snapshot)
            history_head = _snapshot_head(snapshot)
            with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                entries = [(snapshot, DB_NAME)]
                entries += sorted(stored.items(), key=lambda e: e[1])
                entries += [(p, f"calendar/{p.name}") for p in calendars]
                entries += county
                for done, (path, arcname) in enumerate(entries, 1):
                    raise_if_cancelled(cancelled, BACKUP_CANCELLED)
                    if not path.is_file():  # a missing evidence file: `verify` reports it; the backup goes on
                        continue
                    size, sha = _write_member(zf, path, arcname)
                    files.append({"name": arcname, "size": size, "sha256": sha})
                    if progress:
                        progress(done, total)
                settings = ws.settings()
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION, "created": datetime.now().isoformat(),
                    "app_version": __version__, "schema": ws.schema_revision() or "",
                    "office_id": settings["office_id"], "office": settings["office"], "files": files,
                    "history_head": history_head,  # `zwgk check --against` this file (core/store/anchor.py)
                }
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            pause_points.pause("backup-rename")  # crash tests only (no-op unless armed)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.Error) and not is_write_error(exc) and "readonly" not in str(exc):
            raise UserError(msg("读取工作区数据库以生成备份时出错（{reason}），没有生成备份。"
                                "请先运行“检查数据完整性”。", reason=str(exc))) from exc
        raise UserError(msg("写入备份文件“{name}”失败（{reason}），没有生成备份，工作区未受影响。",
                            name=str(target), reason=write_failure(exc))) from exc
    finally:
        snapshot.unlink(missing_ok=True)
    info = read_info(target)
    return dataclasses.replace(info, skipped=tuple(skipped))


def _snapshot_head(snapshot: Path) -> dict:
    """The history head of the database snapshot going into the backup (immutable: no lock, no -wal or
    -shm file beside it, the file is not changed), as core/store/anchor.py counts it."""
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(snapshot.as_posix(), safe='/:')}?mode=ro&immutable=1", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM history").fetchone()[0]
        last = conn.execute("SELECT hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return {"count": count, "hash": last[0] if last else ""}


def read_info(path: Path) -> BackupInfo:
    with _open_zip(Path(path)) as zf:
        m = _manifest(zf, Path(path))
    return BackupInfo(Path(path), str(m.get("created", "")), str(m.get("app_version", "")),
                      str(m.get("schema", "")), str(m.get("office", "")), len(m.get("files", [])),
                      Path(path).stat().st_size)


_MEMBER = re.compile(r"^(?:zwgk\.sqlite|evidence/([0-9a-f]{2})/([0-9a-f]{64})(?:\.[a-z0-9]{1,10})?"
                     r"|calendar/[^/\\:*?\"<>|\x00-\x1f]{1,120}\.json"
                     r"|county/(?:index|problems)\.json|county/packages/[0-9A-Za-z-]{1,64}/[0-9]{1,20}-[0-9a-f]{12}\.zip)$")


def _county_files(data_dir: Path) -> list[tuple[Path, str]]:
    """The county's store (core/county/): the package index, every package and the problem list."""
    folder = data_dir / "county"
    if not (folder / "index.json").is_file():
        return []
    files = [folder / "index.json", *[p for p in [folder / "problems.json"] if p.is_file()],
             *sorted((folder / "packages").glob("*/*.zip"))]
    named = [(p, p.relative_to(data_dir).as_posix()) for p in files]
    return [(p, name) for p, name in named if not unsafe_member(name)]


def unsafe_member(name: object) -> bool:
    """A manifest name that must never become a path: anything but ``zwgk.sqlite``, a content-addressed
    ``evidence/ab/<sha256>.<ext>`` or ``calendar/<name>.json`` — so absolute paths, ``..``, drive paths
    (``D:/x``, ``C:\\x``), UNC paths (``\\\\host\\x``) and backslashes are refused on every platform."""
    if not isinstance(name, str):
        return True
    m = _MEMBER.match(name)
    if m is None or ".." in name.split("/"):
        return True
    return bool(m.group(1)) and not m.group(2).startswith(m.group(1))


@dataclass(frozen=True)
class MemberWords:
    """How one kind of archive (a backup, a submission package) names its own member problems."""

    unsafe: Callable[[str], bool]  # True for a name this archive never holds
    unsafe_message: Callable[[str], str]
    missing_message: Callable[[str], str]
    size_message: Callable[[str], str]


BACKUP_WORDS = MemberWords(
    unsafe=lambda name: unsafe_member(name),
    unsafe_message=lambda name: msg("{name}：路径不安全（只允许数据库、evidence/ 与 calendar/ 下本程序写入的文件名）",
                                    name=str(name)),
    missing_message=lambda name: msg("{name}：备份中缺少此文件", name=name),
    size_message=lambda name: msg("{name}：清单记录的大小与备份中的实际大小不符", name=name),
)


def member_problem(zf: zipfile.ZipFile, entry: dict, seen: set[str], words: MemberWords = BACKUP_WORDS) -> str | None:
    """What is wrong with one manifest entry of a backup or a package before any byte of it is read, or None:
    an unsafe or repeated name, a member missing or of another size than declared, over the size or
    compression-ratio bounds."""
    name = entry.get("name", "")
    if words.unsafe(name):
        return words.unsafe_message(name)
    if name in seen:
        return msg("{name}：清单中重复出现", name=name)
    seen.add(name)
    try:
        info = zf.getinfo(name)
    except KeyError:
        return words.missing_message(name)
    declared = entry.get("size")
    if not isinstance(declared, int) or isinstance(declared, bool) or declared != info.file_size:
        return words.size_message(name)
    if info.file_size > BACKUP_MAX_MEMBER_BYTES:
        return msg("{name}：解压后 {size} GB，超过单个文件上限 {limit} GB", name=name,
                   size=f"{info.file_size / GB:.1f}", limit=BACKUP_MAX_MEMBER_BYTES // GB)
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > BACKUP_RATIO_FROM_BYTES and ratio > BACKUP_MAX_MEMBER_RATIO:
        return msg("{name}：压缩比 {ratio}:1 超过上限 {limit}:1，疑似“压缩炸弹”", name=name,
                   ratio=f"{ratio:.0f}", limit=BACKUP_MAX_MEMBER_RATIO)
    return None


def members_problems(zf: zipfile.ZipFile, entries: list[dict],
                     words: MemberWords = BACKUP_WORDS) -> tuple[list[str], set[str]]:
    """Every manifest entry checked (see :func:`member_problem`) and the unpacked total bounded; returns the
    problems and the member names seen."""
    problems: list[str] = []
    seen: set[str] = set()
    total = 0
    for entry in entries:
        problem = member_problem(zf, entry, seen, words)
        if problem:
            problems.append(problem)
        else:
            total += entry["size"]
    if total > BACKUP_MAX_TOTAL_BYTES:
        problems.append(msg("解压后共 {size} GB，超过上限 {limit} GB", size=f"{total / GB:.1f}",
                            limit=BACKUP_MAX_TOTAL_BYTES // GB))
    return problems, seen


def _copy_member(zf: zipfile.ZipFile, name: str, size: int, out: BinaryIO | None) -> str:
    """Stream one member (into ``out`` if given), never past its declared size; returns its SHA-256, or ""
    when the real content is longer or shorter than declared."""
    h = hashlib.sha256()
    n = 0
    with zf.open(name) as fh:
        while block := fh.read(min(COPY_BLOCK, size - n + 1)):
            n += len(block)
            if n > size:
                return ""
            h.update(block)
            if out is not None:
                out.write(block)
    return h.hexdigest() if n == size else ""


def _check_members(zf: zipfile.ZipFile, manifest: dict, *, progress: ProgressFn | None,
                   read_content: bool) -> list[str]:
    entries = manifest.get("files", [])
    problems, seen = members_problems(zf, entries)
    if DB_NAME not in seen:
        problems.append(msg("{db_name}：备份中没有数据库", db_name=DB_NAME))
    if problems or not read_content:
        return problems
    for done, entry in enumerate(entries, 1):
        try:
            actual = _copy_member(zf, entry["name"], entry["size"], None)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
            actual = ""
        if actual != entry.get("sha256"):
            problems.append(msg("{name}：内容与记录的 SHA-256 不符", name=entry["name"]))
        if progress:
            progress(done, len(entries))
    return problems


def check_database_file(db_file: Path) -> list[str]:
    """Open a database taken from a backup and check it as the app would need it (Chinese problems):
    SQLite's integrity check, a schema revision this program knows (not newer), and foreign keys."""
    try:
        with open(db_file, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return [msg("{name}：无法读取（{reason}）", name=DB_NAME, reason=exc.strerror or str(exc))]
    if head != b"SQLite format 3\x00":
        return [msg("{name}：不是 SQLite 数据库文件", name=DB_NAME)]
    problems: list[str] = []
    try:
        conn = sqlite3.connect(db_file)
    except sqlite3.Error as exc:
        return [msg("{name}：无法打开（{reason}）", name=DB_NAME, reason=str(exc))]
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if result != ["ok"]:
            return [msg("{name}：数据库文件已损坏（{detail}）", name=DB_NAME, detail="；".join(map(str, result[:5])))]
        has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'alembic_version'").fetchone()
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
        if rev is None:
            return [msg("{name}：不是本程序的数据库（没有版本信息）", name=DB_NAME)]
        if rev[0] not in known_revisions():
            return [msg("{name}：数据库版本（{rev}）比本程序新，是更新版本的程序写入的，请先升级本程序",
                        name=DB_NAME, rev=str(rev[0]))]
        bad = conn.execute("PRAGMA foreign_key_check").fetchmany(6)
        for table, rowid, parent, _ in bad[:5]:
            problems.append(msg("{name}：表 {table} 第 {rowid} 行引用了表 {parent} 中不存在的记录",
                                name=DB_NAME, table=table, rowid=rowid, parent=parent))
    except sqlite3.Error as exc:
        problems.append(msg("{name}：数据库文件已损坏（{reason}）", name=DB_NAME, reason=str(exc)))
    finally:
        conn.close()
    return problems


def verify_backup(path: Path, *, progress: ProgressFn | None = None, check_database: bool = True) -> list[str]:
    """Problems found (Chinese), empty when every file is present with its recorded size and SHA-256 and
    (``check_database``) the database in it is one this program can open."""
    path = Path(path)
    with _open_zip(path) as zf:
        manifest = _manifest(zf, path)
        problems = _check_members(zf, manifest, progress=progress, read_content=True)
        if problems or not check_database:
            return problems
        remove_stale(Path(tempfile.gettempdir()).glob("zwgk-verify.p*"))
        with tempfile.TemporaryDirectory(prefix=f"zwgk-verify{owner_tag()}") as tmp:
            db_file = Path(tmp) / DB_NAME
            entry = next(e for e in manifest["files"] if e["name"] == DB_NAME)
            try:
                with open(db_file, "wb") as out:
                    ok = _copy_member(zf, DB_NAME, entry["size"], out) == entry["sha256"]
            except OSError as exc:
                raise UserError(msg("无法把备份中的数据库解压到临时文件夹“{folder}”进行检查（{reason}）。",
                                    folder=tmp, reason=write_failure(exc))) from exc
            if not ok:
                return [msg("{name}：内容与记录的 SHA-256 不符", name=DB_NAME)]
            return check_database_file(db_file)


def _unpack(zf: zipfile.ZipFile, manifest: dict, staging: Path) -> None:
    for entry in manifest["files"]:
        name = entry["name"]
        out = staging.joinpath(*PurePosixPath(name).parts)
        if staging.resolve() not in out.resolve().parents:  # unsafe_member already refused it; belt and braces
            raise UserError(msg("备份中的“{name}”路径不安全，未做任何更改。", name=name))
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(out, "wb") as dst:
                ok = _copy_member(zf, name, entry["size"], dst) == entry["sha256"]
                dst.flush()
                os.fsync(dst.fileno())
        except OSError as exc:
            raise UserError(msg("写入恢复文件“{file}”失败（{reason}），未做任何更改。", file=str(out),
                                reason=write_failure(exc))) from exc
        except (zipfile.BadZipFile, EOFError, zlib.error, ValueError):
            ok = False
        if not ok:
            raise UserError(msg("备份中的“{name}”在解压时与记录的 SHA-256 不符，未做任何更改。", name=name))
    fsync_dir(staging)


def restore_backup(path: Path, data_dir: Path, *, progress: ProgressFn | None = None,
                   before_swap: Callable[[], None] | None = None) -> Path | None:
    """Restore into ``data_dir`` (close any open workspace on it first, or pass its closing as
    ``before_swap``). Returns where the workspace that was there has been moved (kept, never deleted),
    or None when there was none.

    Order: check the manifest (names, sizes) and every hash; check the free disk space; unpack into a
    staging folder beside the workspace; open the database there (integrity, schema revision, foreign
    keys); only then swap folders. Anything wrong before the swap leaves the workspace untouched."""
    path, data_dir = Path(path), Path(data_dir)
    refuse_network_drive(data_dir, default_home())  # it could not be opened there afterwards
    problems = verify_backup(path, progress=progress, check_database=False)
    if problems:
        raise UserError(msg("备份“{name}”校验未通过，未做任何更改：{problems}", name=path.name,
                            problems=join_msgs("；", problems[:5])))
    try:
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        with _open_zip(path) as zf:
            manifest = _manifest(zf, path)
            needed = sum(e["size"] for e in manifest["files"])
            free = shutil.disk_usage(data_dir.parent).free
            if needed + DISK_SPARE_BYTES > free:
                raise UserError(msg("磁盘空间不足：恢复需要 {need} MB，“{folder}”所在磁盘只剩 {free} MB，未做任何更改。",
                                    need=f"{needed / MB:.0f}", folder=str(data_dir.parent), free=f"{free / MB:.0f}"))
            staging = Path(tempfile.mkdtemp(prefix=restore_journal.staging_prefix(data_dir) + owner_tag(),
                                            dir=data_dir.parent))
            try:
                _unpack(zf, manifest, staging)
                problems = check_database_file(staging / DB_NAME)
                for leftover in ("-wal", "-shm", "-journal"):  # the check's connection is closed
                    (staging / (DB_NAME + leftover)).unlink(missing_ok=True)
                if problems:
                    raise UserError(msg("备份“{name}”中的数据库无法使用，未做任何更改：{problems}", name=path.name,
                                                        problems=join_msgs("；", problems[:5])))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as exc:
        raise UserError(msg("无法在“{folder}”中准备恢复（{reason}），未做任何更改。", folder=str(data_dir.parent),
                            reason=write_failure(exc))) from exc
    if before_swap is not None:
        before_swap()
    aside = None
    if data_dir.exists() and any(data_dir.iterdir()):
        stamp = f"{data_dir.name}-恢复前-{datetime.now():%Y%m%d-%H%M%S}"
        aside = next(data_dir.with_name(stamp + (f"-{n}" if n else "")) for n in range(1000)
                     if not data_dir.with_name(stamp + (f"-{n}" if n else "")).exists())
    pause_points.pause("restore-journal")  # crash tests only (no-op unless armed)
    try:
        restore_journal.write_journal(data_dir, staging, aside)  # from here on a crash is finished at next open
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(msg("无法写入恢复记录（{reason}），未做任何更改。", reason=write_failure(exc))) from exc
    try:
        restore_journal.swap(data_dir, staging, aside)
    except OSError as exc:  # e.g. a file in the workspace is open in another program (Windows)
        if aside is not None and aside.exists() and not data_dir.exists():
            aside.rename(data_dir)  # put the workspace back as it was
        shutil.rmtree(staging, ignore_errors=True)
        restore_journal.journal_path(data_dir).unlink(missing_ok=True)
        raise UserError(msg("无法替换工作区文件夹“{data_dir}”（{value}），未做任何更改。请关闭打开了其中文件的程序后重试。", data_dir=data_dir, value=exc.strerror or exc)) from exc
    return aside


def restore_into(ws: Workspace, path: Path, *, progress: ProgressFn | None = None) -> Path | None:
    """Replace the open workspace's folder with the backup and reopen it (the old folder is kept aside).
    Everything is checked before the workspace is closed."""
    try:
        return restore_backup(Path(path), ws.data_dir, progress=progress, before_swap=ws.close)
    finally:
        ws.reopen()


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did: the workspace, open on the restored folder, and where the folder that was
    there has been moved (kept, never deleted; None when there was none)."""

    workspace: Workspace
    aside: Path | None


def restore(path: Path, data_dir: Path | None = None, *, workspace: Workspace | None = None,
            progress: ProgressFn | None = None) -> Restored:
    """The restore every front end runs (CLI ``backup restore``, the window's 从备份恢复…, the start-up
    offer when a workspace cannot be opened).

    With ``workspace`` (the window's open one) the restore goes into its folder: it is closed only for the
    folder swap and reopened afterwards (upgraded if the backup is older). Otherwise into ``data_dir``: a
    workspace there that opens is treated the same way; one that cannot be opened (damaged) is moved aside
    as it is, and a missing one (a new PC) is simply created. Returns the restored workspace, open (the
    caller closes it unless it passed its own)."""
    path = Path(path)
    opened_here = False
    if workspace is None:
        if data_dir is None:
            raise ValueError("restore() needs the workspace or its folder")
        data_dir = Path(data_dir)
        if (data_dir / DB_NAME).exists():
            try:
                workspace = Workspace.open(data_dir)
                opened_here = True
            except UserError:  # a damaged workspace: it is moved aside as it is
                workspace = None
    if workspace is not None:
        try:
            aside = restore_into(workspace, path, progress=progress)
        except BaseException:
            if opened_here:  # close it again: it is as it was
                workspace.close()
            raise
        return Restored(workspace, aside)
    assert data_dir is not None
    aside = restore_backup(path, data_dir, progress=progress)
    return Restored(Workspace.open(data_dir), aside)
