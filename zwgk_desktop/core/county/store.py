"""The county's store of submission packages, inside its own workspace, without schema changes.

Packages are kept as the files they arrived as, ``county/packages/<office_id>/<stamp>-<sha12>.zip``,
and ``county/index.json`` (written atomically) lists per office every package imported, which one is
current, and a per-category summary so that the matrix opens without reading any package. The import is
one database transaction with its history entry (``entity = package``); the index is written inside it,
so a failed index write rolls the history back, and the files it writes (packages, index, problem list)
are journaled first (core/store/file_journal.py): a transaction that fails or is killed before its commit
leaves them as they were. A replaced package stays in its folder and in the index (``packages``), never
deleted.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zwgk_desktop.core import pause_points
from zwgk_desktop.core.county.package_check import CheckedPackage, check_package
from zwgk_desktop.core.county.package_format import LEDGER, unsafe_member
from zwgk_desktop.core.db.models import utcnow
from zwgk_desktop.core.fileutil import atomic_path, sha256_file
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.progress import ProgressFn
from zwgk_desktop.core.store import checklists, file_journal, history
from zwgk_desktop.core.types import Status, UserError
from zwgk_desktop.core.workspace import Workspace

INDEX_FORMAT = "zwgk-desktop county index"


def county_dir(ws: Workspace) -> Path:
    return ws.data_dir / "county"


def index_path(ws: Workspace) -> Path:
    return county_dir(ws) / "index.json"


def read_index(ws: Workspace) -> dict:
    path = index_path(ws)
    if not path.is_file():
        return {"format": INDEX_FORMAT, "offices": {}}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(msg("县级汇总索引“{path}”已损坏：请从备份恢复工作区。", path=path)) from None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT or not isinstance(data.get("offices"), dict):
        raise UserError(msg("县级汇总索引“{path}”已损坏：请从备份恢复工作区。", path=path))
    return data


def _write_index(ws: Workspace, index: dict) -> None:
    with atomic_path(index_path(ws)) as tmp:
        tmp.write_text(json.dumps(index, ensure_ascii=False, indent=1), "utf-8")


def summarize(ledger: dict) -> dict[str, dict[str, int]]:
    """Per top-level category: total (items that apply, 不适用 left out), done, overdue, late
    publications and items without evidence (among those that apply)."""
    out: dict[str, dict[str, int]] = {}
    for item in ledger["items"]:
        category = str(item["path"][0]) if item["path"] else "（未分类）"
        cell = out.setdefault(category, {"total": 0, "done": 0, "overdue": 0, "late_publications": 0,
                                         "no_evidence": 0})
        if item["status"] == Status.NA.value:
            continue
        cell["total"] += 1
        cell["done"] += item["status"] == Status.DONE.value
        cell["overdue"] += bool(item.get("overdue"))
        cell["late_publications"] += int(item.get("late_publications") or 0)
        cell["no_evidence"] += not item["evidence"]
    return out


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    office: str
    action: str  # added | replaced | unchanged
    created: str
    items: int

    def to_json(self) -> dict:
        return {"path": str(self.path), "office": self.office, "action": self.action, "created": self.created,
                "items": self.items}


def _known_templates(ws: Workspace) -> list[dict]:
    with ws.reading() as s:
        return [{"name": t.name, "issuer": t.issuer, "version": t.version, "source_sha256": t.source_sha256}
                for t in checklists.all_templates(s)]


def _entry(pkg: CheckedPackage, file: str) -> dict:
    m = pkg.manifest
    return {"file": file, "sha256": pkg.sha256, "created": pkg.created, "as_of": m.get("as_of", ""),
            "office": pkg.office, "checklist": m["checklist"], "template": m["template"],
            "counts": m["counts"], "history_head": m["history_head"], "app_version": m.get("app_version", ""),
            "schema": m.get("schema", ""), "with_evidence": bool(m.get("with_evidence")),
            "imported_at": utcnow().isoformat(), "summary": summarize(pkg.ledger), "annual": _annual_checks(pkg)}


def _annual_checks(pkg: CheckedPackage) -> list[dict]:
    """Per yearly report in the package: its publication date (as the office recorded it) and the
    findings of the same checks the office runs (against the year before when the package has it)."""
    from zwgk_desktop.core.annual.model import AnnualReport
    from zwgk_desktop.core.annual.service import check_report

    published = {m.get("year"): m.get("published") for m in pkg.manifest.get("annual", []) if isinstance(m, dict)}
    reports: dict[int, AnnualReport] = {}
    unreadable: dict[int, str] = {}
    with zipfile.ZipFile(pkg.path) as zf:
        for entry in pkg.manifest["files"]:
            name = entry["name"]
            if not name.startswith("annual/"):
                continue
            year = int(name[7:11])
            try:
                reports[year] = AnnualReport.from_json(json.loads(zf.read(name).decode("utf-8")), source=name)
            except (UserError, ValueError, UnicodeDecodeError) as exc:
                unreadable[year] = str(exc)
    out = []
    for year in sorted(set(reports) | set(unreadable)):
        if year in unreadable:
            out.append({"year": year, "published": published.get(year), "errors": 1, "warnings": 0,
                        "findings": [unreadable[year]]})
            continue
        result = check_report(reports[year], previous=reports.get(year - 1))
        out.append({"year": year, "published": published.get(year), "errors": result.errors,
                    "warnings": result.warnings, "findings": [f.message for f in result.findings][:50]})
    return out


def import_packages(ws: Workspace, paths: Sequence[Path], *, progress: ProgressFn | None = None
                    ) -> list[ImportOutcome]:
    """Check every package first (all of them; one bad file and nothing is imported), then keep them.

    The same package twice changes nothing; a newer one from the same office becomes current (the older
    stays, listed in the office's ``packages``); one older than the office's current is refused."""
    known = _known_templates(ws)
    checked: list[CheckedPackage] = []
    for n, path in enumerate(paths, 1):
        checked.append(check_package(Path(path), known_templates=known))
        if progress:
            progress(n, len(paths) * 2)
    checked.sort(key=lambda p: p.created)
    actor = ws.actor
    # planning, copying and the index all happen under the workspace's write lock: two imports running
    # at once (the window and the CLI) are serialised and never lose each other's index entries
    stored: list[tuple[CheckedPackage, str, str]] = []
    # the files beside the database are put back as they were if the transaction does not commit, also
    # when the process dies before the commit (the journal is settled at the next open)
    with file_journal.guarded(ws.data_dir) as journal:
        plan = _import_in_transaction(ws, checked, stored, journal, actor)
    if progress:
        progress(len(paths) * 2, len(paths) * 2)
    return [ImportOutcome(pkg.path, pkg.office, action, pkg.created, len(pkg.ledger["items"]))
            for pkg, action in plan]


def _import_in_transaction(ws: Workspace, checked: list[CheckedPackage], stored: list,
                           journal: file_journal.FileJournal, actor: str) -> list:
    """Copy the packages and write the index and problem list inside one database transaction. The
    packages it copies go to ``stored``; every file it writes is tracked by ``journal`` first."""
    from zwgk_desktop.core.county import problems

    with ws.transaction() as s:
        journal.track(index_path(ws), problems._path(ws))
        index = read_index(ws)
        plan = _plan(index, checked)
        for pkg, action in plan:
            if action == "unchanged":
                continue
            rel = f"packages/{_safe_id(pkg.office_id)}/{_stamp(pkg.created)}-{pkg.sha256[:12]}.zip"
            journal.track(county_dir(ws) / rel)
            with atomic_path(county_dir(ws) / rel) as tmp:
                shutil.copyfile(pkg.path, tmp)
                if sha256_file(tmp) != pkg.sha256:  # changed while we read it
                    raise UserError(msg("报送包“{name}”在导入过程中被改动，没有导入任何报送包。", name=pkg.path.name))
            stored.append((pkg, action, rel))
        if stored:
            offices = index["offices"]
            for pkg, action, rel in stored:
                office = offices.setdefault(pkg.office_id, {"office": pkg.office, "packages": []})
                previous = office["packages"][-1] if office["packages"] else None
                office["office"] = pkg.office
                office["packages"].append(_entry(pkg, rel))
                entry = history.record(s, actor=actor, entity="package", entity_id=pkg.office_id,
                                       action="import", field=action,
                                       before=_brief(previous) if previous else None,
                                       after=_brief(office["packages"][-1]))
            journal.bind(entry.uid)  # the entry that tells, after a crash, whether this committed
            _write_index(ws, index)
            for pkg, _action, _rel in stored:  # problems the package reports rectified: 已整改待复核
                problems.note_package(ws, s, pkg.office_id, pkg.ledger["items"], pkg.created, actor)
            pause_points.pause("county-files")  # crash tests only (no-op unless armed)
    return plan


def _plan(index: dict, checked: list[CheckedPackage]) -> list[tuple[CheckedPackage, str]]:
    """added / replaced / unchanged per package, oldest first; UserError naming every package older than
    its office's current one (then nothing is imported)."""
    offices = index["offices"]
    problems: list[str] = []
    plan: list[tuple[CheckedPackage, str]] = []
    latest: dict[str, str] = {oid: o["packages"][-1]["created"] for oid, o in offices.items() if o["packages"]}
    held = {(oid, p["sha256"]) for oid, o in offices.items() for p in o["packages"]}
    for pkg in checked:
        if (pkg.office_id, pkg.sha256) in held:
            plan.append((pkg, "unchanged"))
            continue
        current = latest.get(pkg.office_id)
        if current is not None and pkg.created <= current:
            problems.append(msg("报送包“{name}”（{office}，导出于 {created}）比已导入的（导出于 {current}）旧，未导入",
                                name=pkg.path.name, office=pkg.office, created=local_time(pkg.created),
                                current=local_time(current)))
            continue
        plan.append((pkg, "replaced" if current is not None else "added"))
        latest[pkg.office_id] = pkg.created
        held.add((pkg.office_id, pkg.sha256))
    if problems:
        raise UserError(msg("{problems}。没有导入任何报送包。", problems=join_msgs("；", problems)))
    return plan


def _brief(entry: dict) -> dict:
    return {k: entry[k] for k in ("file", "sha256", "created", "office", "counts", "history_head")}


def _safe_id(office_id: str) -> str:
    return "".join(c for c in office_id if c.isalnum() or c == "-")[:64] or "office"


def _stamp(created: str) -> str:
    return "".join(c for c in created if c.isdigit())[:20]


def local_time(created: str) -> str:
    """A package's export time (UTC, ISO) as the local time, to the minute."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created[:16].replace("T", " ")


# --------------------------------------------------------------------------- reading what is held

@dataclass(frozen=True)
class HeldPackage:
    office_id: str
    office: str
    entry: dict  # the current package's index entry
    previous: dict | None  # the package it replaced


def held_packages(ws: Workspace) -> list[HeldPackage]:
    index = read_index(ws)
    out = []
    for oid, o in index["offices"].items():
        if o["packages"]:
            prev = o["packages"][-2] if len(o["packages"]) > 1 else None
            out.append(HeldPackage(oid, o["office"], o["packages"][-1], prev))
    return sorted(out, key=lambda h: h.office)


def _find(ws: Workspace, office: str) -> HeldPackage:
    held = held_packages(ws)
    for h in held:
        if office in (h.office_id, h.office):
            return h
    found = [h for h in held if office and office in h.office]
    if len(found) == 1:
        return found[0]
    raise UserError(msg("没有单位“{office}”的报送包。", office=office))


def _package_file(ws: Workspace, entry: dict) -> Path:
    rel = str(entry["file"])
    if ".." in rel.split("/") or rel.startswith("/") or "\\" in rel:
        raise UserError(msg("县级汇总索引中的路径“{path}”不合规。", path=rel))
    return county_dir(ws) / rel


def office_items(ws: Workspace, office: str) -> tuple[HeldPackage, list[dict]]:
    """The items (with records, publications, evidence, history) of an office's current package."""
    held = _find(ws, office)
    with zipfile.ZipFile(_package_file(ws, held.entry)) as zf:
        ledger = json.loads(zf.read(LEDGER).decode("utf-8"))
    return held, ledger["items"]


def open_evidence(ws: Workspace, office: str, member: str) -> Path:
    """Unpack one evidence file of an office's current package into the cache (checked against its
    SHA-256) and return its path, to open it read-only."""
    held = _find(ws, office)
    if unsafe_member(member) or not member.startswith("evidence/"):
        raise UserError(msg("佐证文件名“{name}”不合规。", name=member))
    sha = member.split("/")[2].split(".")[0]
    target = ws.data_dir / "cache" / "county" / member.split("/")[2]
    if target.is_file() and sha256_file(target) == sha:
        return target
    with zipfile.ZipFile(_package_file(ws, held.entry)) as zf:
        if member not in zf.namelist():
            raise UserError(msg("{office}的报送包不含佐证文件（导出时选择了不含佐证文件）。", office=held.office))
        with atomic_path(target) as tmp:
            with zf.open(member) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst)
            if sha256_file(tmp) != sha:
                raise UserError(msg("{office}的报送包中佐证文件“{name}”已损坏。", office=held.office, name=member))
    return target
