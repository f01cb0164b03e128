"""The manifest of a one-file backup (``manifest.json``): its format and the checked reading of it.

Apart from ``core/services/backup.py`` (which writes and restores backups) so that reading what a backup holds
(``core/services/integrity.py``: the 数据校验码 of ``zwgk check --against BACKUP.zip``) does not depend on the workspace.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from zwgk_desktop.core.limits import BACKUP_MAX_MEMBERS, MB
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

__all__ = ["FORMAT", "FORMAT_VERSION", "MANIFEST", "MANIFEST_MAX_BYTES", "read_manifest"]

FORMAT = "zwgk-desktop backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_MAX_BYTES = 256 * 1024 * 1024


def _manifest(zf: zipfile.ZipFile, path: Path) -> dict:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise UserError(msg("文件“{name}”不是 zwgk-desktop 的备份（缺少 {manifest}）。", name=path.name, manifest=MANIFEST)) from None
    if info.file_size > MANIFEST_MAX_BYTES:
        raise UserError(msg("备份“{name}”的清单文件过大（超过 {limit} MB），已拒绝。", name=path.name,
                            limit=MANIFEST_MAX_BYTES // MB))
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile, OSError, ValueError):
        raise UserError(msg("备份“{name}”的清单文件已损坏。", name=path.name)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(msg("文件“{name}”不是 zwgk-desktop 的备份。", name=path.name))
    try:
        newer = int(manifest.get("format_version", 0)) > FORMAT_VERSION
    except (TypeError, ValueError):
        raise UserError(msg("备份“{name}”的清单文件已损坏。", name=path.name)) from None
    if newer:
        raise UserError(msg("备份“{name}”由更新版本的程序生成，请先升级本程序。", name=path.name))
    files = manifest.get("files")
    if not isinstance(files, list) or not all(isinstance(e, dict) for e in files):
        raise UserError(msg("备份“{name}”的清单文件已损坏。", name=path.name))
    if len(files) > BACKUP_MAX_MEMBERS:
        raise UserError(msg("备份“{name}”中的文件数超过上限 {limit}，已拒绝。", name=path.name,
                            limit=BACKUP_MAX_MEMBERS))
    return manifest


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UserError(msg("找不到备份文件“{path}”。", path=path)) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(msg("备份文件“{name}”已损坏或不是 .zip 文件。", name=path.name)) from None


def read_manifest(path: Path) -> dict:
    """The checked manifest of a backup (its format, files, and the history head it holds)."""
    with _open_zip(Path(path)) as zf:
        return _manifest(zf, Path(path))
