"""The records' state in the history chain: tamper evidence that covers the data, not only the entries.

Every write transaction ends with one history entry (entity ``ledger``, action ``state``) holding the
rows it touched as they were committed: ``{"tables": {table: {"columns": [...], "rows": {id: [values] or
None}}}}`` (None: the row was deleted by the app). Replaying these entries in chain order gives the state
every record, link and publication must have now; :func:`compare` reports each difference (a status or
note changed behind the app's back, a template item's title, a publication date, an evidence link, rows
added or deleted outside the app, and so the deletion of the last history entries). Long texts are kept
as a digest, so the chain stays small while any change to them is still seen.

Rows written with the ORM are found from the session's flushes; bulk statements name their rows with
:func:`touch`. A workspace written before this existed gets a ``baseline`` entry of all its rows when it
is first opened (and a ``migration`` entry after a schema upgrade, which may rewrite rows).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, DateTime, Table, Text, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from zwgk_desktop.core.db.models import (
    AnnualReportRow,
    Base,
    Checklist,
    Evidence,
    EvidenceLink,
    HistoryEntry,
    ItemRecord,
    Publication,
    Setting,
    Template,
    TemplateItem,
    Unit,
)
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.store import history
from zwgk_desktop.core.types import STATUS_LABELS, Status

ENTITY = "ledger"
# the tables whose rows the history vouches for (everything the user entered or imported)
TABLES: tuple[type[Base], ...] = (Setting, Template, TemplateItem, Unit, Checklist, ItemRecord, Evidence,
                                  EvidenceLink, Publication, AnnualReportRow)
TABLE_NAMES = tuple(m.__tablename__ for m in TABLES)
_TOUCHED = "zwgk_ledger_touched"
_INSERTED = "zwgk_ledger_inserted"
_CHUNK = 500
LONG_TEXT = 120  # longer values are kept as a digest
MAX_REPORTED = 200

TABLE_LABELS = {
    "settings": msg("设置"), "templates": msg("模板"), "template_items": msg("模板事项"), "units": msg("责任单位"),
    "checklists": msg("清单"), "item_records": msg("事项"), "evidence": msg("佐证材料"), "evidence_links": msg("佐证关联"),
    "publications": msg("公开记录"), "annual_reports": msg("年度报告"),
}
FIELD_LABELS = {
    "status": msg("状态"), "note": msg("备注"), "assignee": msg("承办人"), "due_date": msg("到期日"), "title": msg("名称"),
    "content": msg("内容"), "basis": msg("公开依据"), "deadline": msg("公开时限"), "owners": msg("责任单位"),
    "channels": msg("公开渠道"), "published_on": msg("公开日期"), "formed_on": msg("信息形成日期"), "what": msg("公开内容"),
    "channel": msg("公开渠道"), "place": msg("公开位置"), "record_id": msg("所属事项"), "evidence_id": msg("佐证材料"),
    "archived_at": msg("归档时间"), "name": msg("名称"), "value": msg("值"), "url": msg("网址"), "sha256": "SHA-256",
    "stored_path": msg("存储位置"), "template_item_id": msg("模板事项"), "template_id": msg("模板"), "version": msg("版本号"),
    "code": msg("编号"), "path": msg("分类"),
}


# --- what a transaction touched ---

def touch(session: Session, table: str, ids: Iterable[str]) -> None:
    """Name rows written by a bulk statement (insert, update or delete) in this transaction."""
    session.info.setdefault(_TOUCHED, {}).setdefault(table, set()).update(ids)


def inserted(session: Session, table: str, rows: list[dict]) -> None:
    """Name rows a bulk INSERT wrote, with their values: sealed from these (the same values the database
    returns, see _value) instead of being read back. Columns the rows leave to a default are not sealed
    until the row is next written."""
    key = _key(_table(table)).name
    part = session.info.setdefault(_INSERTED, {}).setdefault(table, {})
    for row in rows:
        part[row[key]] = row


def _track_flush(session: Session, _context: object) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in TABLE_NAMES:
            key = inspect(obj).mapper.primary_key_from_instance(obj)[0]
            if key is not None:
                touch(session, table, [key])


def track(sessions: sessionmaker[Session]) -> None:
    """Record every ORM write of sessions from ``sessions`` (the workspace's write sessions)."""
    from sqlalchemy import event

    event.listen(sessions, "after_flush", _track_flush)


# --- snapshots ---

def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _value(value: Any) -> Any:
    """A column value as the ledger keeps it (JSON-ready; long texts as a digest)."""
    kind = type(value)
    if kind is str:
        return value if len(value) <= LONG_TEXT else _digest(value)
    if value is None or kind is int or kind is bool or kind is float or kind is list:
        return value  # lists come from JSON columns (names of units, channels …)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return _digest(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return value


def _inserted_rows(table: Table, columns: list[str], given: dict[str, dict]) -> dict[str, list]:
    """Values of bulk-inserted rows as _value gives them, at the least cost (an import seals tens of
    thousands): only the date, time and long-text columns are looked at."""
    getter = itemgetter(*columns)
    timed = [i for i, c in enumerate(columns) if isinstance(table.columns[c].type, (Date, DateTime))]
    texts = [i for i, c in enumerate(columns) if isinstance(table.columns[c].type, Text)]
    out: dict[str, list] = {}
    seen: dict = {}  # an import stamps every row with the same time
    for key, row in given.items():
        values = list(getter(row)) if len(columns) > 1 else [row[columns[0]]]
        for i in timed:
            v = values[i]
            values[i] = seen[v] if v in seen else seen.setdefault(v, _value(v))
        for i in texts:
            v = values[i]
            if type(v) is str and len(v) > LONG_TEXT:
                values[i] = _digest(v)
        out[key] = values
    return out


def _columnar(columns: list[str], rows: dict[str, list]) -> dict:
    """Many rows, column by column; a column with one value in every row is kept once (an import's
    checklist, status, times …): ``{"ids": [...], "same": {col: v}, "cols": {col: [v, ...]}}``."""
    ids = list(rows)
    by_column = list(zip(*rows.values()))
    same, cols = {}, {}
    for name, values in zip(columns, by_column):
        if values.count(values[0]) == len(values):
            same[name] = values[0]
        else:
            cols[name] = list(values)
    return {"ids": ids, "same": same, "cols": cols}


def _uncolumnar(columns: list[str], part: dict) -> Iterator[tuple[str, list]]:
    same, cols = part.get("same") or {}, part.get("cols") or {}
    for i, row_id in enumerate(part.get("ids") or []):
        yield row_id, [same[c] if c in same else cols[c][i] for c in columns]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def _key(table: Table):  # noqa: ANN202 - the primary key column
    return next(iter(table.primary_key.columns))


def _rows(session: Session, table: Table, ids: list[str] | None = None) -> Iterator[tuple[str, list]]:
    cols = list(table.columns)
    key = _key(table)
    if ids is None:
        for row in session.execute(select(*cols).order_by(key)).yield_per(2000):
            yield row._mapping[key.name], [_value(v) for v in row]
        return
    for start in range(0, len(ids), _CHUNK):
        for row in session.execute(select(*cols).where(key.in_(ids[start:start + _CHUNK]))):
            yield row._mapping[key.name], [_value(v) for v in row]


def seal(session: Session, *, field: str = "", everything: bool = False) -> HistoryEntry | None:
    """Append the state entry of this transaction (the touched rows as they are now), or of every row
    (``everything``: a baseline). Nothing to seal: no entry."""
    session.flush()
    touched: dict[str, set[str]] = session.info.pop(_TOUCHED, {})
    fresh: dict[str, dict[str, dict]] = session.info.pop(_INSERTED, {})
    if everything:
        touched, fresh = {name: set() for name in TABLE_NAMES}, {}
    tables: dict[str, dict] = {}
    for name in TABLE_NAMES:
        table = _table(name)
        ids = None if everything else sorted(touched.get(name, ()))
        rows: dict[str, list | None] = {}
        if name in touched:
            rows = dict.fromkeys(ids or [])
            rows.update(_rows(session, table, ids))
        if rows:
            tables[name] = {"columns": _columns(table), "rows": rows}
        given = {k: v for k, v in fresh.get(name, {}).items() if k not in rows}  # not written again since
        if given:
            columns = [c for c in _columns(table) if c in next(iter(given.values()))]
            tables[name + "@inserted"] = {"table": name, "columns": columns,
                                          **_columnar(columns, _inserted_rows(table, columns, given))}
    if not tables:
        return None
    # stored as JSON text: encoded once (a dict would be encoded for the hash and again for the column)
    text = json.dumps({"tables": tables}, ensure_ascii=False, separators=(",", ":"))
    entry = history.record(session, actor=session.info.get(history.ACTOR_KEY, ""), entity=ENTITY,
                           entity_id="", action="state", field=field, after=text, json_ready=True)
    session.info.pop(_TOUCHED, None)  # the entry itself is not a record
    return entry


def needs_baseline(session: Session, *, migrated: bool) -> str | None:
    """``baseline`` for a workspace whose history predates the ledger, ``migration`` after a schema upgrade,
    else None. A workspace whose whole history is gone while it holds templates gets none: check reports it."""
    if migrated:
        return "migration"
    if session.scalar(select(HistoryEntry.seq).where(HistoryEntry.entity == ENTITY).limit(1)) is not None:
        return None
    has_history = session.scalar(select(HistoryEntry.seq).limit(1)) is not None
    has_data = session.scalar(select(Template.id).limit(1)) is not None
    return "baseline" if has_history or not has_data else None


# --- replay and compare ---

@dataclass
class Difference:
    table: str
    row_id: str
    kind: str  # changed, added, deleted, reappeared
    field: str = ""
    expected: Any = None
    actual: Any = None


def expected_state(session: Session) -> dict[str, dict[str, tuple[tuple[str, ...], list] | None]]:
    """Replay the state entries in chain order: table → row id → (columns, values), or None if deleted."""
    state: dict[str, dict[str, tuple[tuple[str, ...], list] | None]] = {name: {} for name in TABLE_NAMES}
    stmt = select(HistoryEntry.after).where(HistoryEntry.entity == ENTITY).order_by(HistoryEntry.seq)
    for (after,) in session.execute(stmt).yield_per(200):
        if isinstance(after, str):
            try:
                after = json.loads(after)
            except ValueError:  # an entry edited into nonsense: the chain check reports it
                continue
        tables = after.get("tables", {}) if isinstance(after, dict) else {}
        for name, part in tables.items():
            if not isinstance(part, dict):
                continue
            name = part.get("table", name)
            if name not in state:
                continue
            columns = tuple(part.get("columns", ()))
            rows = (part.get("rows") or {}).items() if "ids" not in part else _uncolumnar(list(columns), part)
            for row_id, values in rows:
                state[name][row_id] = None if values is None else (columns, values)
    return state


def compare(session: Session) -> list[Difference]:
    """Every difference between the records and the replayed history."""
    expected = expected_state(session)
    found: list[Difference] = []
    for name in TABLE_NAMES:
        table = _table(name)
        want = expected[name]
        seen: set[str] = set()
        for row_id, values in _rows(session, table):
            seen.add(row_id)
            if row_id not in want:
                found.append(Difference(name, row_id, "added"))
                continue
            known = want[row_id]
            if known is None:
                found.append(Difference(name, row_id, "reappeared"))
                continue
            columns, old = known
            now = dict(zip(_columns(table), values))
            for col, was in zip(columns, old):
                was = _value(was)  # a long text sealed whole is compared by its digest
                if col in now and now[col] != was:
                    found.append(Difference(name, row_id, "changed", col, was, now[col]))
        for row_id, known in want.items():
            if known is not None and row_id not in seen:
                found.append(Difference(name, row_id, "deleted", expected=dict(zip(*known))))
    return found


# --- in words ---

def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return msg("（空）")
    if field == "status":
        try:
            return STATUS_LABELS[Status(value)]
        except ValueError:
            pass
    if isinstance(value, str) and value.startswith("sha256:"):
        return msg("（长文本）")
    if isinstance(value, list):
        return "、".join(map(str, value)) or msg("（空）")
    text = str(value)
    return text if len(text) <= 60 else text[:60] + "…"


def _evidence_name(ev: Evidence | None) -> str:
    return (ev.original_name or ev.title or ev.url or ev.text) if ev is not None else ""


def _label(session: Session, table: str, row_id: str, expected: dict | None = None) -> str:
    """How a clerk recognises the row: an item's title, a checklist's name …"""
    title = ""
    if table == "item_records":
        title = session.scalar(select(TemplateItem.title).join(ItemRecord, ItemRecord.template_item_id
                                                                == TemplateItem.id).where(ItemRecord.id == row_id))
    elif table == "template_items":
        title = session.scalar(select(TemplateItem.title).where(TemplateItem.id == row_id))
    elif table == "publications":
        pub = session.get(Publication, row_id)
        if pub is not None:
            title = session.scalar(select(TemplateItem.title).join(ItemRecord, ItemRecord.template_item_id
                                                                    == TemplateItem.id)
                                   .where(ItemRecord.id == pub.record_id)) or pub.what
    elif table == "evidence_links":
        link = session.get(EvidenceLink, row_id)
        if link is not None:
            ev = session.get(Evidence, link.evidence_id)
            title = _evidence_name(ev)
    elif table == "evidence":
        ev = session.get(Evidence, row_id)
        title = _evidence_name(ev)
    elif table == "checklists":
        title = session.scalar(select(Checklist.name).where(Checklist.id == row_id))
    elif table in ("templates", "units"):
        model = Template if table == "templates" else Unit
        title = session.scalar(select(model.name).where(model.id == row_id))
    elif table == "settings":
        title = row_id
    if not title and expected:
        title = expected.get("title") or expected.get("name") or expected.get("what") or ""
    title = _shown("", title) if title else ""
    short = row_id if table == "settings" else row_id[:8]
    if title and title != short:
        return msg("{table}“{title}”（{short}）", table=TABLE_LABELS.get(table, table), title=title, short=short)
    return msg("{table} {short}", table=TABLE_LABELS.get(table, table), short=short)


def describe(session: Session, differences: list[Difference]) -> list[str]:
    """Chinese lines, one per difference (at most MAX_REPORTED, then a count)."""
    lines: list[str] = []
    for d in differences[:MAX_REPORTED]:
        what = _label(session, d.table, d.row_id, d.expected if isinstance(d.expected, dict) else None)
        if d.kind == "changed":
            lines.append(msg("{what}的{field}与变更记录不符：记录为“{expected}”，现为“{actual}”（在本程序之外被改动，"
                             "或最近的变更记录被删除）。", what=what, field=FIELD_LABELS.get(d.field, d.field),
                             expected=_shown(d.field, d.expected), actual=_shown(d.field, d.actual)))
        elif d.kind == "added":
            lines.append(msg("{what}不在变更记录中（在本程序之外添加，或其变更记录被删除）。", what=what))
        elif d.kind == "reappeared":
            lines.append(msg("{what}已按变更记录删除，但又出现在数据库中。", what=what))
        else:
            lines.append(msg("{what}在变更记录中存在，但已从数据库中消失（在本程序之外被删除）。", what=what))
    if len(differences) > MAX_REPORTED:
        lines.append(msg("……另有 {n} 处与变更记录不符。", n=len(differences) - MAX_REPORTED))
    return lines


def check(session: Session) -> list[str]:
    """The records against the replayed history, in words (empty when they agree)."""
    if session.scalar(select(func.count()).select_from(HistoryEntry)) == 0:
        held = session.scalar(select(func.count()).select_from(Template)) or 0
        if held:
            return [msg("变更记录是空的，但数据库中有 {n} 个模板及其事项：变更记录可能被整体删除。", n=held)]
    return describe(session, compare(session))
