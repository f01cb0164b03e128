"""Evidence store: files copied into the workspace, content-addressed by SHA-256.

Layout: ``<workspace>/evidence/<sha[:2]>/<sha><.ext>``. The original file name is kept only in the
database, so awkward names (very long, ``..``, reserved Windows names, emoji) never reach the file system.
Order of writes: the file is copied to a temp name, fsynced and renamed *before* the database commit. A kill
in between leaves at most an unreferenced file (harmless: evidence counts come from the database, and
``verify`` lists such orphans); never a record without its file.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from zwgk_desktop.core import pause_points
from zwgk_desktop.core.db.models import Evidence, EvidenceLink, ItemRecord, new_id, utcnow
from zwgk_desktop.core.fileutil import atomic_path, is_write_error, remove_stale, sha256_file, write_failure
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.progress import CancelledFn, ProgressFn, raise_if_cancelled
from zwgk_desktop.core.store import history
from zwgk_desktop.core.types import UserError

MAX_EVIDENCE_BYTES = 2 * 1024**3
_EXT = re.compile(r"^\.[a-z0-9]{1,10}$")



@dataclass(frozen=True)
class EvidenceInfo:
    id: str
    kind: str  # file | link | text
    name: str  # original file name, link title or the note's first line
    sha256: str
    size: int
    mime: str
    url: str
    title: str
    text: str
    seen_on: date | None
    added_at: datetime
    added_by: str
    path: Path | None  # the stored file (kind == 'file')
    archived: bool = False

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "name": self.name, "sha256": self.sha256, "size": self.size,
                "mime": self.mime, "url": self.url, "title": self.title, "text": self.text,
                "seen_on": self.seen_on.isoformat() if self.seen_on else None,
                "added_at": self.added_at.isoformat(), "added_by": self.added_by,
                "path": str(self.path) if self.path else None, "archived": self.archived}


_SHA = re.compile(r"^[0-9a-f]{64}$")


class EvidenceStore:
    def __init__(self, root: Path):
        self.root = root

    def path_of(self, stored_path: str) -> Path:
        """The file of a store-relative name this process made itself (see :meth:`file_of` for database rows)."""
        return self.root / stored_path

    @classmethod
    def is_canonical(cls, sha: str, stored_path: str) -> bool:
        """True when ``stored_path`` is exactly the content-addressed name of ``sha`` (``ab/<sha>.<ext>``).

        A database row is never trusted as a path: anything else (``..``, an absolute or drive path, another
        folder, another hash) is a row changed behind the app's back."""
        if not sha or not _SHA.match(sha) or not stored_path:
            return False
        return stored_path in (f"{sha[:2]}/{sha}", cls.stored_name(sha, "x" + Path(stored_path).suffix))

    def file_of(self, sha: str, stored_path: str) -> Path | None:
        """The stored file of an evidence row, derived from its hash; None when the row's path is not the
        content-addressed one (never a path outside the store)."""
        if not self.is_canonical(sha, stored_path):
            return None
        return self.root / sha[:2] / Path(stored_path).name

    @staticmethod
    def stored_name(sha: str, original_name: str) -> str:
        ext = Path(original_name).suffix.lower()
        return f"{sha[:2]}/{sha}{ext if _EXT.match(ext) else ''}"

    def put(self, source: Path, sha: str, original_name: str) -> str:
        """Copy ``source`` into the store (once per content); returns the relative stored path."""
        rel = self.stored_name(sha, original_name)
        target = self.path_of(rel)
        if target.exists() and target.stat().st_size == source.stat().st_size and sha256_file(target) == sha:
            return rel
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
            if sha256_file(tmp) != sha:
                raise UserError(msg("复制文件“{original_name}”时内容发生变化，请重试。", original_name=original_name))
            pause_points.pause("evidence-rename")  # crash tests only (no-op unless armed)
        return rel

    def clean_temp_files(self) -> int:
        """Remove temp files left by a killed copy: only stale ones (owner process dead, or untouched for
        a long time), never the copy another process is still writing."""
        if not self.root.is_dir():
            return 0
        return remove_stale(self.root.glob("*/.*.tmp"))


def _info(ev: Evidence, store: EvidenceStore) -> EvidenceInfo:
    if ev.kind == "file":
        name = ev.original_name
    elif ev.kind == "link":
        name = ev.title or ev.url
    else:
        name = (ev.text.strip().splitlines() or [""])[0][:60]
    return EvidenceInfo(
        id=ev.id, kind=ev.kind, name=name, sha256=ev.sha256, size=ev.size, mime=ev.mime, url=ev.url,
        title=ev.title, text=ev.text, seen_on=ev.seen_on, added_at=ev.added_at, added_by=ev.added_by,
        path=store.file_of(ev.sha256, ev.stored_path) if ev.kind == "file" else None,
        archived=ev.archived_at is not None,
    )


def _live_records(session: Session, record_ids: Sequence[str]) -> list[ItemRecord]:
    from zwgk_desktop.core.store.records import get_record

    return [get_record(session, rid) for rid in record_ids]


def _link(session: Session, ev: Evidence, records: Iterable[ItemRecord], actor: str) -> None:
    for rec in records:
        link = session.scalar(select(EvidenceLink).where(EvidenceLink.evidence_id == ev.id,
                                                         EvidenceLink.record_id == rec.id))
        if link is None:
            session.add(EvidenceLink(id=new_id(), evidence_id=ev.id, record_id=rec.id))
        elif link.archived_at is not None:
            link.archived_at = None
        else:
            continue
        history.record(session, actor=actor, entity="item_record", entity_id=rec.id, action="attach",
                       field="evidence", after={"evidence_id": ev.id, "kind": ev.kind,
                                                "name": ev.original_name or ev.title or ev.url,
                                                "sha256": ev.sha256})


def prepare_files(paths: Sequence[Path], store: EvidenceStore, *, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> list[tuple[Path, str, str, int]]:
    """Hash and copy files into the store (outside any transaction). Returns (source, sha, stored, size)."""
    prepared = []
    for i, raw in enumerate(paths):
        src = Path(raw)
        raise_if_cancelled(cancelled)
        if not src.is_file():
            raise UserError(msg("找不到文件“{src}”，或它不是普通文件。", src=src))
        size = src.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise UserError(msg("文件“{name}”超过 2 GB，无法作为佐证材料。", name=src.name))
        try:
            sha = sha256_file(src)
        except OSError as exc:
            raise UserError(msg("无法读取文件“{src}”：{value}", src=src, value=exc.strerror or exc)) from exc
        try:
            stored = store.put(src, sha, src.name)
        except OSError as exc:
            if not is_write_error(exc) and exc.filename2 is None and exc.filename and Path(exc.filename) == src:
                # the source became unreadable meanwhile
                raise UserError(msg("无法读取文件“{src}”：{value}", src=src, value=exc.strerror or exc)) from exc
            raise UserError(msg("无法把“{name}”写入工作区的佐证材料文件夹“{folder}”（{reason}），未添加。",
                                name=src.name, folder=str(store.root), reason=write_failure(exc))) from exc
        prepared.append((src, sha, stored, size))
        if progress:
            progress(i + 1, len(paths))
    return prepared


def attach_prepared(session: Session, record_ids: Sequence[str], prepared, store: EvidenceStore, *,
                    actor: str) -> list[EvidenceInfo]:
    records = _live_records(session, record_ids)
    result = []
    for src, sha, stored, size in prepared:
        # one Evidence per (content, name): attaching the same file again reuses it
        ev = session.scalar(select(Evidence).where(Evidence.kind == "file", Evidence.sha256 == sha,
                                                   Evidence.original_name == src.name))
        if ev is None:
            mime = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
            ev = Evidence(id=new_id(), kind="file", sha256=sha, stored_path=stored, original_name=src.name,
                          size=size, mime=mime, added_by=actor)
            session.add(ev)
            session.flush()
        elif ev.archived_at is not None:
            ev.archived_at = None
        _link(session, ev, records, actor)
        result.append(_info(ev, store))
    return result


def add_link(session: Session, record_id: str, url: str, *, title: str, seen_on: date | None, actor: str,
             store: EvidenceStore) -> EvidenceInfo:
    url = url.strip()
    if not re.match(r"^(https?|ftp)://\S+$", url, re.IGNORECASE):
        raise UserError(msg("链接“{url}”不是有效的网址（应以 http:// 或 https:// 开头）。", url=url))
    ev = Evidence(id=new_id(), kind="link", url=url, title=title.strip(), seen_on=seen_on or date.today(),
                  added_by=actor)
    session.add(ev)
    session.flush()
    _link(session, ev, _live_records(session, [record_id]), actor)
    return _info(ev, store)


def add_text(session: Session, record_id: str, text: str, *, actor: str, store: EvidenceStore) -> EvidenceInfo:
    if not text.strip():
        raise UserError(msg("说明内容不能为空。"))
    ev = Evidence(id=new_id(), kind="text", text=text.strip(), added_by=actor)
    session.add(ev)
    session.flush()
    _link(session, ev, _live_records(session, [record_id]), actor)
    return _info(ev, store)


def evidence_for(session: Session, record_id: str, store: EvidenceStore, *,
                 include_archived: bool = False) -> list[EvidenceInfo]:
    stmt = (select(Evidence).join(EvidenceLink, EvidenceLink.evidence_id == Evidence.id)
            .where(EvidenceLink.record_id == record_id).order_by(Evidence.added_at))
    if not include_archived:
        stmt = stmt.where(EvidenceLink.archived_at.is_(None), Evidence.archived_at.is_(None))
    return [_info(ev, store) for ev in session.scalars(stmt)]


def evidence_by_record(session: Session, record_ids: Iterable[str], store: EvidenceStore
                       ) -> dict[str, list[EvidenceInfo]]:
    ids = list(record_ids)
    out: dict[str, list[EvidenceInfo]] = {}
    for chunk in range(0, len(ids), 500):
        stmt = (select(EvidenceLink.record_id, Evidence)
                .join(Evidence, EvidenceLink.evidence_id == Evidence.id)
                .where(EvidenceLink.record_id.in_(ids[chunk:chunk + 500]), EvidenceLink.archived_at.is_(None),
                       Evidence.archived_at.is_(None))
                .order_by(Evidence.added_at))
        for rid, ev in session.execute(stmt):
            out.setdefault(rid, []).append(_info(ev, store))
    return out


def stored_files(session: Session) -> list[tuple[str, str, str]]:
    """(sha256, stored path, original name) of every evidence file the database records: what a backup takes."""
    rows = session.execute(select(Evidence.sha256, Evidence.stored_path, Evidence.original_name)
                           .where(Evidence.kind == "file", Evidence.stored_path != ""))
    return [(sha, rel, name) for sha, rel, name in rows]


def archive(session: Session, evidence_id: str, record_id: str | None, *, actor: str) -> None:
    """Unlink from one record (or all); evidence left with no live link is archived. Files stay."""
    ev = session.get(Evidence, evidence_id)
    if ev is None:
        raise UserError(msg("找不到佐证材料“{evidence_id}”。", evidence_id=evidence_id))
    now = utcnow()
    links = session.scalars(select(EvidenceLink).where(EvidenceLink.evidence_id == ev.id,
                                                       EvidenceLink.archived_at.is_(None)))
    for link in links:
        if record_id is None or link.record_id == record_id:
            link.archived_at = now
            history.record(session, actor=actor, entity="item_record", entity_id=link.record_id,
                           action="detach", field="evidence",
                           before={"evidence_id": ev.id, "name": ev.original_name or ev.title or ev.url})
    session.flush()
    live = session.scalar(select(EvidenceLink.id).where(EvidenceLink.evidence_id == ev.id,
                                                        EvidenceLink.archived_at.is_(None)).limit(1))
    if live is None and ev.archived_at is None:
        ev.archived_at = now
        history.record(session, actor=actor, entity="evidence", entity_id=ev.id, action="archive")


@dataclass(frozen=True)
class VerifyProblem:
    evidence_id: str
    name: str
    problem: str  # missing | altered | orphan | unsafe
    path: str

    def to_json(self) -> dict:
        return {"id": self.evidence_id, "name": self.name, "problem": self.problem, "path": self.path}

    def describe(self) -> str:
        if self.problem == "unsafe":
            return msg("{name}：数据库中记录的存储位置“{path}”不是本程序写入的位置（可能被本程序之外的方式改动过），"
                       "未读取该位置的文件", name=self.name, path=self.path)
        label = {"missing": msg("文件缺失"), "altered": msg("内容已被改动（SHA-256 不符）"),
                 "orphan": msg("无对应记录的文件")}[self.problem]
        return msg("{name}：{problem}（{path}）", name=self.name, problem=label, path=self.path)


def verify(session: Session, store: EvidenceStore, *, progress: ProgressFn | None = None) -> tuple[int, list[VerifyProblem]]:
    """Re-hash every stored file. Returns (files checked, problems). A row whose stored path is not the
    content-addressed name of its hash is reported as ``unsafe`` and nothing is read for it."""
    rows = list(session.execute(select(Evidence.id, Evidence.original_name, Evidence.sha256, Evidence.stored_path)
                                .where(Evidence.kind == "file")))
    problems: list[VerifyProblem] = []
    known: set[str] = set()
    checked: dict[Path, str] = {}
    for i, (eid, name, sha, rel) in enumerate(rows):
        if rel:  # an empty path: the file was purged on purpose
            path = store.file_of(sha, rel)
            if path is None:
                problems.append(VerifyProblem(eid, name, "unsafe", rel))
            else:
                known.add(f"{path.parent.name}/{path.name}")
                if path not in checked:
                    checked[path] = sha256_file(path) if path.is_file() else ""
                actual = checked[path]
                if not actual:
                    problems.append(VerifyProblem(eid, name, "missing", str(path)))
                elif actual != sha:
                    problems.append(VerifyProblem(eid, name, "altered", str(path)))
        if progress:
            progress(i + 1, len(rows))
    if store.root.is_dir():
        for f in sorted(store.root.glob("*/*")):
            rel = f"{f.parent.name}/{f.name}"
            if f.is_file() and not f.name.startswith(".") and rel not in known:
                problems.append(VerifyProblem("", f.name, "orphan", str(f)))
    return len(rows), problems


def purge_archived(session: Session, store: EvidenceStore, *, actor: str) -> list[Path]:
    """Explicit purge of archived evidence: marks the rows purged and returns the files to delete, which
    the caller removes only after the transaction committed (rows stay, as history). Only files inside
    the store, derived from the hash, are ever returned; a row with a tampered path is left as it is."""
    rows = list(session.scalars(select(Evidence).where(Evidence.kind == "file")))
    live_files = {store.file_of(ev.sha256, ev.stored_path) for ev in rows if ev.archived_at is None}
    doomed: list[Path] = []
    for ev in rows:
        if ev.archived_at is None or not ev.stored_path:
            continue
        path = store.file_of(ev.sha256, ev.stored_path)
        if path is None or path in live_files:  # not our path (`check` reports it), or still in use
            continue
        doomed.append(path)
        history.record(session, actor=actor, entity="evidence", entity_id=ev.id, action="purge",
                       before={"name": ev.original_name, "sha256": ev.sha256})
        ev.stored_path = ""
    return doomed


def delete_files(paths: Iterable[Path]) -> int:
    n = 0
    for path in set(paths):
        try:
            os.remove(path)
            n += 1
        except FileNotFoundError:
            pass
    return n
