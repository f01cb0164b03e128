"""The evidence pack for evaluators (佐证材料包): one .zip an evaluator opens as folders.

``01 综合业务/01 政策法规文件/2024-03-01_政策法规文件_公示照片.jpg``: folders by category and item in the
checklist's order, files named by date, item and original name; ``索引.xlsx`` lists each item with its
status, publications, files (their paths in the pack) and links; ``索引.pdf`` is the self-check report of
the same checklist (the same report layer and fonts); ``链接.html`` is the links as a clickable list.
"""

from __future__ import annotations

import html
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_desktop.core.county.package_export import build_ledger
from zwgk_desktop.core.fileutil import atomic_path, remove_stale
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.progress import CancelledFn, ProgressFn, raise_if_cancelled
from zwgk_desktop.core.types import Status, UserError
from zwgk_desktop.core.workspace import Workspace

INDEX_XLSX = "索引.xlsx"
INDEX_PDF = "索引.pdf"
LINKS_HTML = "链接.html"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str, limit: int) -> str:
    """A file or folder name valid on Windows and Linux (no separators, reserved characters or trailing
    dots), cut to ``limit`` characters."""
    name = _UNSAFE.sub("_", text).strip().strip(".")
    return (name[:limit].rstrip(" .") or "_")


@dataclass(frozen=True)
class EvidencePack:
    path: Path
    items: int
    files: int
    links: int

    def to_json(self) -> dict:
        return {"path": str(self.path), "items": self.items, "files": self.files, "links": self.links}


def _layout(items: list[dict]) -> list[tuple[dict, str]]:
    """Each item with its folder ``NN 类别/NN 事项``."""
    categories: dict[str, int] = {}
    counts: dict[str, int] = {}
    out = []
    for item in items:
        category = str(item["path"][0]) if item["path"] else "未分类"
        categories.setdefault(category, len(categories) + 1)
        counts[category] = counts.get(category, 0) + 1
        folder = (f"{categories[category]:02d} {safe_name(category, 40)}/"
                  f"{counts[category]:02d} {safe_name(item['title'], 40)}")
        out.append((item, folder))
    return out


def _file_name(ev: dict, title: str, taken: set[str], folder: str) -> str:
    day = (ev.get("seen_on") or ev.get("added_at") or "")[:10]
    original = ev.get("name") or "文件"
    stem, dot, ext = original.rpartition(".")
    if not dot:
        stem, ext = original, ""
    base = safe_name(f"{day}_{safe_name(title, 20)}_{stem}", 100)
    suffix = f".{safe_name(ext, 10)}" if ext else ""
    name, n = f"{folder}/{base}{suffix}", 2
    while name in taken:
        name, n = f"{folder}/{base}({n}){suffix}", n + 1
    taken.add(name)
    return name


def _publications_text(item: dict) -> str:
    lines = []
    for p in item["publications"]:
        verdict = "按时" if p.get("on_time") else ("超时" if p.get("on_time") is False else "")
        lines.append(" ".join(x for x in (p.get("published") or "", p.get("channel", ""), p.get("place", ""), verdict) if x))
    return "\n".join(lines)


def _write_index_xlsx(rows: list[dict], target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zwgk_desktop.core.reports.xlsx import clean_cell

    wb = Workbook()
    sheet = wb.active
    sheet.title = "佐证材料索引"
    headers = ["序号", "类别", "事项", "状态", "公开记录", "佐证文件（包内位置）", "链接", "文字说明"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, r in enumerate(rows, 1):
        sheet.append([n, clean_cell(r["category"]), clean_cell(r["title"]), r["status"],
                      clean_cell(r["publications"]), clean_cell("\n".join(r["files"])),
                      clean_cell("\n".join(r["links"])), clean_cell("\n".join(r["texts"]))])
        if r["links"]:
            sheet.cell(n + 1, 7).hyperlink = r["links"][0]
    for col, width in zip("ABCDEFGH", (6, 16, 30, 8, 28, 60, 40, 30)):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    wb.save(target)


def _links_html(office: str, checklist: str, rows: list[dict]) -> str:
    parts = [f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{html.escape(office)}"
             f" 佐证材料链接</title></head><body><h1>{html.escape(office)} · {html.escape(checklist)}</h1>"]
    category = None
    for r in rows:
        if not r["links"]:
            continue
        if r["category"] != category:
            category = r["category"]
            parts.append(f"<h2>{html.escape(category)}</h2>")
        parts.append(f"<h3>{html.escape(r['title'])}</h3><ul>")
        for url, title in zip(r["links"], r["link_titles"]):
            parts.append(f"<li><a href=\"{html.escape(url, quote=True)}\">{html.escape(title or url)}</a></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def export_evidence_pack(ws: Workspace, target: Path, *, checklist: str | None = None,
                         office: str | None = None, progress: ProgressFn | None = None,
                         cancelled: CancelledFn | None = None, today: date | None = None) -> EvidencePack:
    """Write the pack of one checklist to ``target`` (temp name, fsync, rename: whole or not at all)."""
    from zwgk_desktop.core.reports.pdf import write_pdf
    from zwgk_desktop.core.services.report_input import build_report_data

    today = today or date.today()
    info = ws.checklist(checklist)
    office_name = (office or ws.settings()["office"]).strip()
    if not office_name:
        raise UserError(msg("佐证材料包需要单位名称：请先用 zwgk settings --office 名称 设置本单位。"))
    ledger, files = build_ledger(ws, info.id, today)
    labels = {s.value: s.label for s in Status}
    taken: set[str] = set()
    plan: list[tuple[str, Path]] = []
    rows = []
    for item, folder in _layout(ledger["items"]):
        row = {"category": item["path"][0] if item["path"] else "未分类", "title": item["title"],
               "status": labels.get(item["status"], item["status"]), "publications": _publications_text(item),
               "files": [], "links": [], "link_titles": [], "texts": []}
        for ev in item["evidence"]:
            if ev["kind"] == "file" and ev.get("member") in files:
                name = _file_name(ev, item["title"], taken, folder)
                plan.append((name, files[ev["member"]]))
                row["files"].append(name)
            elif ev["kind"] == "link":
                row["links"].append(ev.get("url", ""))
                row["link_titles"].append(ev.get("title") or ev.get("name") or "")
            elif ev["kind"] == "text":
                row["texts"].append(ev.get("text", ""))
        rows.append(row)
    target = Path(target)
    remove_stale(target.parent.glob(f".{target.name}.*.tmp"))
    total = len(plan) + 2
    with tempfile.TemporaryDirectory(prefix="zwgk-pack") as tmp_dir:
        index_xlsx = Path(tmp_dir) / INDEX_XLSX
        _write_index_xlsx(rows, index_xlsx)
        index_pdf = Path(tmp_dir) / INDEX_PDF
        write_pdf(build_report_data(ws, info.id, today=today, office=office_name), index_pdf)
        if progress:
            progress(1, total)
        with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.write(index_xlsx, INDEX_XLSX)
            zf.write(index_pdf, INDEX_PDF)
            zf.writestr(LINKS_HTML, _links_html(office_name, info.name, rows))
            for done, (name, path) in enumerate(plan, 2):
                raise_if_cancelled(cancelled, msg("已取消导出佐证材料包。"))
                zf.write(path, name)
                if progress:
                    progress(done, total)
    if progress:
        progress(total, total)
    return EvidencePack(target, len(rows), len(plan), sum(len(r["links"]) for r in rows))
