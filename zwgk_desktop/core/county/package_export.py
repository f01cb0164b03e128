"""Export one checklist of an office's workspace as a submission package (报送包) for the county."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_desktop import __version__
from zwgk_desktop.core.county.package_format import FORMAT, FORMAT_VERSION, LEDGER, MANIFEST, evidence_member
from zwgk_desktop.core.db.models import utcnow
from zwgk_desktop.core.fileutil import atomic_path, remove_stale
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.progress import CancelledFn, ProgressFn, raise_if_cancelled
from zwgk_desktop.core.store import checklists, evidence, history, publications
from zwgk_desktop.core.store.query import load_rows
from zwgk_desktop.core.types import Status, UserError
from zwgk_desktop.core.workspace import Workspace

PACKAGE_CANCELLED = msg("已取消导出报送包。")  # the message of the Cancelled an export stopped by the user raises


@dataclass(frozen=True)
class PackageExport:
    path: Path
    office: str
    checklist: str
    items: int
    evidence_files: int
    size: int

    def to_json(self) -> dict:
        return {"path": str(self.path), "office": self.office, "checklist": self.checklist,
                "items": self.items, "evidence_files": self.evidence_files, "size": self.size}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def build_ledger(ws: Workspace, checklist_id: str, today: date) -> tuple[dict, dict[str, Path]]:
    """The ledger of one checklist as JSON, and the evidence files it refers to (member -> stored file)."""
    store = ws.evidence_store
    cal = ws.calendar
    with ws.reading() as s:
        rows = load_rows(s, checklist_id)
        ids = [r.id for r in rows]
        pubs = publications.by_records(s, ids, cal)
        evs = evidence.evidence_by_record(s, ids, store)
        hist = {rid: [v.to_json() for v in views]
                for rid, views in history.entries_by_entity(s, ids).items()}
    files: dict[str, Path] = {}
    items = []
    for r in rows:
        ev_json = []
        for ev in evs.get(r.id, []):
            entry = ev.to_json()
            entry.pop("path", None)  # a path on the office's PC means nothing to the county
            if ev.kind == "file" and ev.path is not None:
                member = evidence_member(ev.sha256, ev.path.name)
                entry["member"] = member
                files[member] = ev.path
            ev_json.append(entry)
        item_pubs = [p.to_json() for p in pubs.get(r.id, [])]
        items.append({
            "id": r.id, "code": r.code, "path": list(r.path), "title": r.title, "content": r.content,
            "deadline": r.deadline, "owners": list(r.owners), "status": Status(r.status).value,
            "due": _iso(r.due), "assignee": r.assignee, "note": r.note, "version": r.version,
            "overdue": r.is_overdue(today),
            "late_publications": sum(1 for p in item_pubs if p.get("on_time") is False),
            "publications": item_pubs, "evidence": ev_json, "history": hist.get(r.id, []),
        })
    return {"items": items}, files


def _history_head(ws: Workspace) -> dict:
    """The history head as reports and backups carry it (core/store/anchor.py), with its printed 数据校验码."""
    from zwgk_desktop.core.store import anchor

    with ws.reading() as s:
        head = anchor.head(s)
    return {**head.to_json(), "code": head.code}


def _annual_reports(ws: Workspace, office: str) -> tuple[dict[int, bytes], list[dict]]:
    """The office's yearly reports (the app's JSON) and, per year, when it was published (the first
    publication recorded on the catalogue item the report is linked to, if any)."""
    from zwgk_desktop.core.annual import store

    reports: dict[int, bytes] = {}
    meta: list[dict] = []
    for r in store.list_reports(ws):
        if r.report.office != office:
            continue
        reports[r.report.year] = json.dumps(r.report.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        published = None
        if r.record_id:
            try:
                dates = [p.published_on for p in ws.publications(r.record_id) if p.published_on]
            except UserError:  # the linked item was archived
                dates = []
            published = min(dates).isoformat() if dates else None
        meta.append({"year": r.report.year, "published": published})
    return reports, sorted(meta, key=lambda m: m["year"])


def export_package(ws: Workspace, target: Path, *, checklist: str | None = None, with_evidence: bool = True,
                   office: str | None = None, progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None, today: date | None = None) -> PackageExport:
    """Write the package of one checklist (the only one, or ``checklist`` by name or id) to ``target``:
    written to a temp name, fsynced and renamed, so a package is there whole or not at all."""
    settings = ws.settings()
    office = (office or settings["office"]).strip()
    if not office:
        raise UserError(msg("报送包需要单位名称：请先用 zwgk settings --office 名称 设置本单位。"))
    info = ws.checklist(checklist)
    today = today or date.today()
    with ws.reading() as s:
        tpl = checklists.template_info(s, info.id)
        template = {"name": tpl.name, "issuer": tpl.issuer, "version": tpl.version, "year": tpl.year,
                    "source_sha256": tpl.source_sha256}
    ledger, files = build_ledger(ws, info.id, today)
    if not with_evidence:
        files = {}
    items = ledger["items"]
    annual, annual_meta = _annual_reports(ws, office)
    members: list[tuple[str, bytes | Path]] = [(LEDGER, json.dumps(ledger, ensure_ascii=False).encode("utf-8"))]
    members += [(f"annual/{year}.json", data) for year, data in sorted(annual.items())]
    members += sorted(files.items())
    counts = {
        "items": len(items),
        "done": sum(1 for i in items if i["status"] == Status.DONE.value),
        "na": sum(1 for i in items if i["status"] == Status.NA.value),
        "overdue": sum(1 for i in items if i["overdue"]),
        "publications": sum(len(i["publications"]) for i in items),
        "late_publications": sum(i["late_publications"] for i in items),
        "evidence": sum(len(i["evidence"]) for i in items),
        "evidence_files": len(files), "annual_reports": len(annual),
    }
    target = Path(target)
    remove_stale(target.parent.glob(f".{target.name}.*.tmp"))
    entries: list[dict] = []
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for done, (name, content) in enumerate(members, 1):
            raise_if_cancelled(cancelled, PACKAGE_CANCELLED)
            h = hashlib.sha256()
            if isinstance(content, bytes):
                h.update(content)
                zf.writestr(name, content)
                size = len(content)
            else:
                size = 0
                with open(content, "rb") as src, zf.open(name, "w", force_zip64=True) as dst:
                    while block := src.read(1 << 20):
                        h.update(block)
                        dst.write(block)
                        size += len(block)
            entries.append({"name": name, "size": size, "sha256": h.hexdigest()})
            if progress:
                progress(done, len(members) + 1)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "created": utcnow().isoformat(),
            "as_of": today.isoformat(), "app_version": __version__, "schema": ws.schema_revision(),
            "office": office, "office_id": settings["office_id"], "clerk": settings["clerk"],
            "checklist": {"id": info.id, "name": info.name, "period": info.period, "year": info.year},
            "template": template, "with_evidence": with_evidence, "counts": counts,
            "history_head": _history_head(ws), "annual": annual_meta, "files": entries,
        }
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    if progress:
        progress(len(members) + 1, len(members) + 1)
    return PackageExport(target, office, info.name, len(items), len(files), target.stat().st_size)
