"""Figures and wording the ledger views share (GUI status bar, due banner, history list).

Qt-free so the CLI or reports can reuse them; filtering itself stays in :mod:`zwgk_desktop.core.store.query`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any

from zwgk_desktop.core.fields import label_of
from zwgk_desktop.core.messages import join_msgs, msg
from zwgk_desktop.core.store.query import ItemFilter, filter_rows, status_counts
from zwgk_desktop.core.types import STATUS_LABELS, ItemRow, Status
from zwgk_desktop.core.units import bare_unit_name

if TYPE_CHECKING:
    from zwgk_desktop.core.store.history import HistoryView

DUE_SOON_DAYS = 7


class DueState(str, Enum):
    """How urgent a row's due date is."""

    NONE = "none"  # no due date, or closed
    OK = "ok"
    SOON = "soon"  # due today or within DUE_SOON_DAYS
    OVERDUE = "overdue"


def due_state(row: ItemRow, today: date) -> DueState:
    """O(1) classification of one row, consistent with ``ItemFilter(overdue=…)`` / ``due_within_days``."""
    if row.due is None or row.closed:
        return DueState.NONE
    if row.is_overdue(today):
        return DueState.OVERDUE
    if 0 <= (row.due - today).days <= DUE_SOON_DAYS:
        return DueState.SOON
    return DueState.OK


@dataclass(frozen=True)
class LedgerSummary:
    total: int
    counts: dict[Status, int]
    overdue: int
    due_soon: int

    @property
    def closed(self) -> int:
        return self.counts[Status.DONE] + self.counts[Status.NA]


def summarize(rows: Sequence[ItemRow], today: date | None = None) -> LedgerSummary:
    today = today or date.today()
    overdue = len(filter_rows(rows, ItemFilter(overdue=True, today=today)))
    soon = len(filter_rows(rows, ItemFilter(due_within_days=DUE_SOON_DAYS, today=today)))
    return LedgerSummary(total=len(rows), counts=status_counts(rows), overdue=overdue, due_soon=soon)


def status_line(summary: LedgerSummary, visible: int) -> str:
    """``共 N 项 · 已完成 X · 进行中 … · 逾期 N · 当前筛选 M 项`` for a status bar."""
    parts = [msg("共 {total} 项", total=summary.total)]
    for status in (Status.DONE, Status.DOING, Status.TODO, Status.REWORK, Status.NA):
        parts.append(msg("{status} {n}", status=STATUS_LABELS[status], n=summary.counts[status]))
    parts.append(msg("逾期 {overdue}", overdue=summary.overdue))
    parts.append(msg("当前筛选 {visible} 项", visible=visible))
    return join_msgs(" · ", parts)


def due_alert(summary: LedgerSummary) -> str:
    """A one-line reminder when items are overdue or due soon; empty when there is nothing to say."""
    bits = []
    if summary.overdue:
        bits.append(msg("{overdue} 项已逾期", overdue=summary.overdue))
    if summary.due_soon:
        bits.append(msg("{due_soon} 项将在 {due_soon_days} 天内到期", due_soon=summary.due_soon, due_soon_days=DUE_SOON_DAYS))
    return msg("提醒：{alerts}。", alerts=join_msgs("，", bits)) if bits else ""


def owner_choices(rows: Iterable[ItemRow]) -> list[str]:
    """Distinct responsible units of the rows, most frequent first (ties by name)."""
    freq: dict[str, int] = {}
    for row in rows:
        for owner in row.owners:
            unit = bare_unit_name(owner.strip())  # split by the importers; older versions kept role words
            if unit:
                freq[unit] = freq.get(unit, 0) + 1
    return sorted(freq, key=lambda u: (-freq[u], u))


FIELD_LABELS = {"status": msg("状态"), "assignee": msg("承办人"), "due_date": msg("到期日"), "note": msg("备注")}
ACTION_LABELS = {"create": msg("创建"), "archive": msg("归档"), "restore": msg("恢复"), "import": msg("导入"), "update": msg("修改")}


def _value_text(field: str, value: Any) -> str:
    if value in (None, ""):
        return msg("（空）")
    if field == "status":
        try:
            return STATUS_LABELS[Status(value)]
        except ValueError:
            return str(value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:39] + "…"


def _name_of(value: Any) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def describe_change(action: str, field: str, before: Any, after: Any) -> str:
    """Chinese wording of one history entry, e.g. ``状态：待办 → 已完成``."""
    if action == "update" and field:
        label = FIELD_LABELS.get(field, field)
        return msg("{label}：{before} → {after}", label=label, before=_value_text(field, before),
                   after=_value_text(field, after))
    if action == "attach":
        return msg("添加佐证材料：{name}", name=_name_of(after))
    if action == "detach":
        return msg("移除佐证材料（已归档）：{name}", name=_name_of(before))
    if action == "restore" and field == "evidence":
        return msg("恢复佐证材料：{name}", name=_name_of(after))
    if action == "publish" and isinstance(after, dict):
        where = "，".join(x for x in (after.get("channel"), after.get("place")) if x)
        verdict = after.get("verdict") or ""
        if after.get("on_time") is not None:  # rebuilt from the facts, so the window can show it translated
            from zwgk_desktop.core.store.publications import verdict_text  # SQLAlchemy: not at first paint

            verdict = verdict_text(after["on_time"], after.get("late_workdays") or 0, bool(after.get("estimated")))
        published = after.get("published") or ""
        if where:
            return msg("登记公开记录：{published}，{where}（{verdict}）", published=published, where=where, verdict=verdict)
        return msg("登记公开记录：{published}（{verdict}）", published=published, verdict=verdict)
    if action == "template_change":
        fields = join_msgs("、", [label_of(f) for f in field.split(",") if f])
        return msg("模板更新修改了：{fields}", fields=fields)
    if action == "archive":
        reason = after.get("reason") if isinstance(after, dict) else ""
        return msg("归档（模板更新中删除）") if reason == "removed_in_template_update" else msg("归档")
    if action == "calendar" and isinstance(after, dict):
        years = "、".join(map(str, after.get("years") or []))
        return msg("导入节假日安排：{years}年（{source}）", years=years,
                   source=after.get("source") or after.get("file") or "")
    label = ACTION_LABELS.get(action, action)
    if not field:
        return label
    return msg("{action} {field}", action=label, field=FIELD_LABELS.get(field, field))


def local_time(at: datetime) -> datetime:
    """History times are stored in UTC (SQLite drops the zone): show them in local time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone()


def history_line(entry: HistoryView) -> str:
    """``2024-05-01 09:30  张三  状态：待办 → 已完成``."""
    when = local_time(entry.at).strftime("%Y-%m-%d %H:%M")
    who = entry.actor or msg("（未知）")
    return msg("{when}  {who}  {change}", when=when, who=who,
               change=describe_change(entry.action, entry.field, entry.before, entry.after))


def adjust_summary(summary: LedgerSummary, old: ItemRow, new: ItemRow, today: date) -> LedgerSummary:
    """The summary after one row changed from ``old`` to ``new`` (O(1), same result as :func:`summarize`)."""
    counts = dict(summary.counts)
    counts[old.status] -= 1
    counts[new.status] += 1
    before, after = due_state(old, today), due_state(new, today)
    overdue = summary.overdue - (before is DueState.OVERDUE) + (after is DueState.OVERDUE)
    soon = summary.due_soon - (before is DueState.SOON) + (after is DueState.SOON)
    return LedgerSummary(total=summary.total, counts=counts, overdue=overdue, due_soon=soon)
