"""The county's problem list (问题清单 / 整改台账): one row per problem, sent to the office as a file, set
to 需整改 on the office's items, carried back by the office's next package and closed (销号) by the county
after re-checking.

County side: ``county/problems.json`` (written atomically inside a database transaction with a history
entry ``entity = problem`` for every change). Office side: the list file is applied to the items in one
transaction (status 需整改, the deadline as due date, the problem in the note).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from zwgk_desktop.core.county.store import county_dir, held_packages, office_items
from zwgk_desktop.core.db.models import utcnow
from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import file_journal, history, records
from zwgk_desktop.core.types import Status, UserError
from zwgk_desktop.core.workspace import Workspace

STORE_FORMAT = "zwgk-desktop problems"
LIST_FORMAT = "zwgk-desktop problem list"
SOURCES = ("季度检查", "第三方评估", "上级通报", "日常检查")
OPEN, FIXED, CLOSED, OVERDUE = "open", "fixed", "closed", "overdue"
STATUS_LABELS = {OPEN: "待整改", FIXED: "已整改待复核", CLOSED: "已销号", OVERDUE: "逾期"}
MARK = "【整改】"


def _path(ws: Workspace) -> Path:
    return county_dir(ws) / "problems.json"


def _load(ws: Workspace) -> dict:
    path = _path(ws)
    if not path.is_file():
        return {"format": STORE_FORMAT, "problems": []}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(msg("整改台账“{path}”已损坏：请从备份恢复工作区。", path=path)) from None
    if not isinstance(data, dict) or data.get("format") != STORE_FORMAT or not isinstance(data.get("problems"), list):
        raise UserError(msg("整改台账“{path}”已损坏：请从备份恢复工作区。", path=path))
    return data


def _save(ws: Workspace, data: dict, journal: file_journal.FileJournal | None = None, entry_uid: str = "") -> None:
    """Write the problem list inside a transaction: with ``journal`` (and the uid of the transaction's
    history entry) it is put back if the transaction never commits (a package import tracks it itself)."""
    if journal is not None:
        journal.track(_path(ws))
        journal.bind(entry_uid)
    with atomic_path(_path(ws)) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


@dataclass(frozen=True)
class Problem:
    data: dict

    @property
    def id(self) -> str:
        return self.data["id"]

    def status(self, today: date) -> str:
        """open, fixed, closed, or overdue (open past its deadline)."""
        s = self.data["status"]
        if s == OPEN and date.fromisoformat(self.data["deadline"]) < today:
            return OVERDUE
        return s

    def to_json(self, today: date) -> dict:
        status = self.status(today)
        return {**self.data, "status": status, "status_label": STATUS_LABELS[status]}


def list_problems(ws: Workspace, *, office: str = "") -> list[Problem]:
    return [Problem(p) for p in _load(ws)["problems"] if not office or office in (p["office"], p["office_id"])]


def _find(data: dict, problem_id: str) -> dict:
    found = [p for p in data["problems"] if p["id"] == problem_id or (len(problem_id) >= 6 and p["id"].startswith(problem_id))]
    if len(found) != 1:
        raise UserError(msg("没有编号为“{id}”的问题。", id=problem_id))
    return found[0]


def add_problem(ws: Workspace, *, office: str, source: str, description: str, item: str = "",
                indicator: str = "", points: float = 0.0, requirement: str = "", workdays: int | None = None,
                deadline: date | None = None, today: date | None = None) -> Problem:
    """One problem for an office whose package the county holds; the deadline is given, or counted in
    workdays on the official calendar from ``today``."""
    today = today or date.today()
    if source not in SOURCES:
        raise UserError(msg("问题来源“{source}”不对：应为{choices}之一。", source=source, choices="、".join(SOURCES)))
    if not description.strip():
        raise UserError(msg("请填写问题描述（失分原因）。"))
    if (workdays is None) == (deadline is None):
        raise UserError(msg("请给出整改时限：截止日期，或从今天起的工作日数（二者选一）。"))
    if workdays is not None and not 1 <= workdays <= 60:
        raise UserError(msg("整改时限“{n}”个工作日不合理（应为1到60）。", n=workdays))
    held, items = office_items(ws, office)
    record_id, title = "", ""
    if item:
        matches = [i for i in items if i["id"] == item or (len(item) >= 6 and i["id"].startswith(item))]
        if len(matches) != 1:
            raise UserError(msg("{office}的报送包中没有编号为“{item}”的事项。", office=held.office, item=item))
        record_id, title = matches[0]["id"], matches[0]["title"]
    elif not indicator.strip():
        raise UserError(msg("请指明问题所在的事项（--item）或测评指标（--indicator）。"))
    due = deadline or ws.calendar.add_workdays(today, workdays or 0)
    problem = {"id": str(uuid.uuid4()), "office_id": held.office_id, "office": held.office,
               "record_id": record_id, "item_title": title, "indicator": indicator.strip(), "source": source,
               "points": float(points), "description": description.strip(), "requirement": requirement.strip(),
               "deadline": due.isoformat(), "status": OPEN, "created": utcnow().isoformat(),
               "rectification": "", "fixed_at": "", "closed_at": "", "retest": ""}
    actor = ws.actor
    # read and written under the write lock; the file is put back if the transaction does not commit
    with file_journal.guarded(ws.data_dir) as journal, ws.transaction() as s:
        data = _load(ws)
        data["problems"].append(problem)
        entry = history.record(s, actor=actor, entity="problem", entity_id=problem["id"], action="create",
                               after=problem)
        _save(ws, data, journal, entry.uid)
    return Problem(problem)


def close_problem(ws: Workspace, problem_id: str, *, retest: date | None = None) -> Problem:
    """销号 after the county re-checked: only a problem the office's package shows as rectified."""
    actor = ws.actor
    with file_journal.guarded(ws.data_dir) as journal, ws.transaction() as s:  # as in add_problem
        data = _load(ws)
        p = _find(data, problem_id)
        if p["status"] == CLOSED:
            raise UserError(msg("问题“{id}”已经销号。", id=p["id"][:8]))
        if p["status"] != FIXED:
            raise UserError(msg("问题“{id}”（{office}）尚未整改：该单位的报送包还没有报回整改情况，不能销号。",
                                id=p["id"][:8], office=p["office"]))
        before = dict(p)
        p["status"], p["closed_at"] = CLOSED, utcnow().isoformat()
        p["retest"] = (retest or date.today()).isoformat()
        entry = history.record(s, actor=actor, entity="problem", entity_id=p["id"], action="close",
                               field="status", before=before, after=dict(p))
        _save(ws, data, journal, entry.uid)
    return Problem(p)


def export_list(ws: Workspace, office: str, target: Path) -> int:
    """The office's open problems as a file the office imports (written atomically); returns how many."""
    held = [h for h in held_packages(ws) if office in (h.office, h.office_id)]
    if len(held) != 1:
        raise UserError(msg("没有单位“{office}”的报送包。", office=office))
    rows = [p.data for p in list_problems(ws, office=held[0].office_id) if p.data["status"] == OPEN]
    if not rows:
        raise UserError(msg("{office}没有待整改的问题。", office=held[0].office))
    payload = {"format": LIST_FORMAT, "office_id": held[0].office_id, "office": held[0].office,
               "county": ws.settings()["office"], "created": utcnow().isoformat(), "problems": rows}
    with atomic_path(Path(target)) as tmp:
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    return len(rows)


# --------------------------------------------------------------------------- the office's side

def import_list(ws: Workspace, path: Path) -> list[str]:
    """Apply a problem list sent by the county: each item named becomes 需整改 with the deadline as its
    due date and the problem in its note; all in one transaction, and nothing when anything is wrong.
    A problem already applied is skipped. Returns the record ids changed."""
    path = Path(path)
    try:
        payload = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UserError(msg("找不到问题清单文件“{path}”。", path=path)) from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(msg("问题清单“{name}”已损坏或不是本程序导出的文件。", name=path.name)) from None
    if not isinstance(payload, dict) or payload.get("format") != LIST_FORMAT \
            or not isinstance(payload.get("problems"), list):
        raise UserError(msg("“{name}”不是本程序导出的问题清单。", name=path.name))
    settings = ws.settings()
    if payload.get("office_id") != settings["office_id"]:
        raise UserError(msg("问题清单“{name}”是发给{office}的，不是本单位的，未导入。", name=path.name,
                            office=str(payload.get("office", ""))))
    changed: list[str] = []
    actor = ws.actor
    with ws.transaction() as s:
        for n, p in enumerate(payload["problems"], 1):
            if not isinstance(p, dict) or not p.get("record_id"):
                continue  # a problem about an indicator, not an item: nothing to mark
            try:
                deadline = date.fromisoformat(str(p.get("deadline")))
                rec = records.get_record(s, str(p["record_id"]))
            except (ValueError, UserError):
                raise UserError(msg("问题清单“{name}”第{n}条：事项或整改时限不对（本单位的清单中找不到该事项），未导入。",
                                    name=path.name, n=n)) from None
            tag = f"（问题 {str(p['id'])[:8]}）"
            if tag in rec.note:
                continue
            line = (f"{MARK}{p.get('source', '')}：{p.get('description', '')}；要求：{p.get('requirement', '') or '—'}；"
                    f"时限：{deadline.isoformat()}{tag}")
            note = f"{rec.note}\n{line}" if rec.note else line
            _apply(s, rec.id, note, deadline, actor)
            changed.append(rec.id)
        history.record(s, actor=actor, entity="problem_list", entity_id=str(payload.get("created", "")),
                       action="import", after={"file": path.name, "records": changed})
    return changed


def _apply(s: Session, record_id: str, note: str, deadline: date, actor: str) -> None:
    records.update_record(s, record_id, actor=actor, status=Status.REWORK, due=deadline, note=note)


# --------------------------------------------------------------------------- back at the county

def note_package(ws: Workspace, s: Session, office_id: str, items: list[dict], created: str, actor: str) -> int:
    """Inside a package import's transaction: open problems whose item the new package shows done get
    已整改待复核 with the office's note as 整改情况. Returns how many changed."""
    data = _load(ws)
    by_id = {i["id"]: i for i in items}
    changed = 0
    for p in data["problems"]:
        if p["office_id"] != office_id or p["status"] != OPEN or not p["record_id"]:
            continue
        item = by_id.get(p["record_id"])
        if item is None or item["status"] != Status.DONE.value:
            continue
        before = dict(p)
        p["status"], p["fixed_at"] = FIXED, created
        p["rectification"] = item.get("note", "")
        p["evidence"] = [e.get("name", "") for e in item.get("evidence", [])]
        history.record(s, actor=actor, entity="problem", entity_id=p["id"], action="update", field="status",
                       before=before, after=dict(p))
        changed += 1
    if changed:
        _save(ws, data)
    return changed
