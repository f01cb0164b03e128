"""Check a submission package completely before anything of it is kept: manifest, member names, sizes,
every SHA-256, the ledger's shape, the schema revision and the template."""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from zwgk_desktop.core.county.package_format import (
    FORMAT,
    FORMAT_VERSION,
    LEDGER,
    LEDGER_MAX_BYTES,
    MANIFEST,
    MANIFEST_MAX_BYTES,
    unsafe_member,
)
from zwgk_desktop.core.db.migrate import known_revisions
from zwgk_desktop.core.limits import (
    BACKUP_MAX_MEMBERS,
    MB,
)
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.services.backup import MemberWords, _copy_member, members_problems
from zwgk_desktop.core.types import UserError


@dataclass(frozen=True)
class CheckedPackage:
    path: Path
    sha256: str  # of the whole file
    manifest: dict
    ledger: dict

    @property
    def office(self) -> str:
        return str(self.manifest.get("office", ""))

    @property
    def office_id(self) -> str:
        return str(self.manifest.get("office_id", ""))

    @property
    def created(self) -> str:
        return str(self.manifest.get("created", ""))


def _bad(path: Path, why: str) -> UserError:
    return UserError(msg("报送包“{name}”无法导入：{why}。没有导入任何内容。", name=path.name, why=why))


def _manifest(zf: zipfile.ZipFile, path: Path) -> dict:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise _bad(path, msg("不是 zwgk-desktop 的报送包（缺少 {m}），可能没有写完整", m=MANIFEST)) from None
    if info.file_size > MANIFEST_MAX_BYTES:
        raise _bad(path, msg("清单文件 {m} 过大（超过 {limit} MB）", m=MANIFEST, limit=MANIFEST_MAX_BYTES // MB))
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, zipfile.BadZipFile, OSError, zlib.error, EOFError):
        raise _bad(path, msg("清单文件 {m} 已损坏", m=MANIFEST)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _bad(path, msg("不是 zwgk-desktop 的报送包"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad(path, msg("清单文件 {m} 已损坏（format_version）", m=MANIFEST))
    if version > FORMAT_VERSION:
        raise _bad(path, msg("由更新版本的程序生成（格式第 {v} 版），请先升级本程序", v=version))
    for key in ("office", "office_id", "created"):
        if not isinstance(manifest.get(key), str) or not manifest[key].strip():
            raise _bad(path, msg("清单文件 {m} 缺少字段“{field}”", m=MANIFEST, field=key))
    for key in ("checklist", "template", "counts", "history_head"):
        if not isinstance(manifest.get(key), dict):
            raise _bad(path, msg("清单文件 {m} 缺少字段“{field}”", m=MANIFEST, field=key))
    files = manifest.get("files")
    if not isinstance(files, list) or not all(isinstance(e, dict) for e in files):
        raise _bad(path, msg("清单文件 {m} 缺少文件列表", m=MANIFEST))
    if len(files) > BACKUP_MAX_MEMBERS:
        raise _bad(path, msg("文件数超过上限 {limit}", limit=BACKUP_MAX_MEMBERS))
    return manifest


PACKAGE_WORDS = MemberWords(
    unsafe=lambda name: unsafe_member(name),
    unsafe_message=lambda name: msg("{name}：路径不安全（只允许 ledger.json、annual/ 与 evidence/ 下本程序写入的文件名）",
                                    name=str(name)),
    missing_message=lambda name: msg("{name}：报送包中缺少此文件", name=name),
    size_message=lambda name: msg("{name}：清单记录的大小与报送包中的实际大小不符", name=name),
)


def _ledger_problem(ledger: object) -> str | None:
    if not isinstance(ledger, dict) or not isinstance(ledger.get("items"), list):
        return msg("{name}：台账内容格式不对", name=LEDGER)
    for n, item in enumerate(ledger["items"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("path"), list) \
                or not isinstance(item.get("status"), str) or not isinstance(item.get("title"), str):
            return msg("{name}：第{n}项格式不对", name=LEDGER, n=n)
        for key in ("publications", "evidence", "history"):
            if not isinstance(item.get(key), list):
                return msg("{name}：第{n}项缺少“{field}”", name=LEDGER, n=n, field=key)
    return None


def check_package(path: Path, *, known_templates: list[dict] | None = None) -> CheckedPackage:
    """Everything about one package file, all read and hashed; UserError (naming the file and the
    member) on the first kind of problem found. ``known_templates`` (name, issuer, version,
    source_sha256) are the templates the county holds; a package of another template is refused."""
    import hashlib

    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UserError(msg("找不到报送包文件“{path}”。", path=path)) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _bad(path, msg("文件已损坏、没有写完整或不是 .zip 文件")) from None
    with zf:
        manifest = _manifest(zf, path)
        problems, seen = members_problems(zf, manifest["files"], PACKAGE_WORDS)
        if LEDGER not in seen:
            problems.append(msg("{name}：报送包中没有台账", name=LEDGER))
        extra = sorted(set(zf.namelist()) - seen - {MANIFEST})
        if extra:
            problems.append(msg("{name}：清单中没有记录的文件", name="、".join(extra[:5])))
        if problems:
            raise _bad(path, join_msgs("；", problems))
        for entry in manifest["files"]:
            try:
                actual = _copy_member(zf, entry["name"], entry["size"], None)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
                actual = ""
            if actual != entry.get("sha256"):
                problems.append(msg("{name}：内容与记录的 SHA-256 不符（文件被改动或已损坏）", name=entry["name"]))
        if problems:
            raise _bad(path, join_msgs("；", problems))
        if manifest["files"] and next(e for e in manifest["files"] if e["name"] == LEDGER)["size"] > LEDGER_MAX_BYTES:
            raise _bad(path, msg("{name} 过大", name=LEDGER))
        try:
            ledger = json.loads(zf.read(LEDGER).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise _bad(path, msg("{name}：不是有效的 JSON", name=LEDGER)) from None
    problem = _ledger_problem(ledger)
    if problem:
        raise _bad(path, problem)
    schema = manifest.get("schema")
    if not isinstance(schema, str) or schema not in known_revisions():
        raise _bad(path, msg("由数据库版本“{rev}”的程序生成，本程序不认识这个版本，请先升级本程序", rev=str(schema)))
    template = manifest["template"]
    if known_templates is not None and not any(_same_template(template, t) for t in known_templates):
        raise _bad(path, msg("模板“{tpl}”（{issuer}，版本“{version}”）本工作区没有：请先导入该模板（导入模板… 或 zwgk import），"
                             "再导入报送包", tpl=str(template.get("name", "")), issuer=str(template.get("issuer", "")),
                             version=str(template.get("version", ""))))
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return CheckedPackage(path, h.hexdigest(), manifest, ledger)


def _same_template(a: dict, b: dict) -> bool:
    if a.get("source_sha256") and a.get("source_sha256") == b.get("source_sha256"):
        return True
    return (a.get("name"), a.get("issuer"), a.get("version") or "") == (b.get("name"), b.get("issuer"),
                                                                        b.get("version") or "")
