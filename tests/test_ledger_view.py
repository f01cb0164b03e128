"""Qt-free figures and wording for the ledger views."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from zwgk_desktop.core.presenters.ledger_view import (
    DueState,
    describe_change,
    due_alert,
    due_state,
    history_line,
    owner_choices,
    status_line,
    summarize,
)
from zwgk_desktop.core.store.history import HistoryView
from zwgk_desktop.core.store.query import ItemFilter, filter_rows
from zwgk_desktop.core.types import ItemRow, Status

TODAY = date(2024, 6, 3)


def _row(i: int, status: Status = Status.TODO, due: date | None = None, owners=("县民政局",)) -> ItemRow:
    return ItemRow(id=str(i), checklist="c", code="", path=["a"], title=f"t{i}", content="", basis="",
                   deadline="", owners=list(owners), channels=[], audience=[], mode=[], level=[],
                   status=status, due=due, assignee="", note="")


def test_due_state_agrees_with_filters() -> None:
    rows = [_row(i, status, TODAY + timedelta(days=d))
            for i, (status, d) in enumerate((s, d) for s in Status for d in range(-3, 12))]
    rows.append(_row(999))
    overdue = {r.id for r in filter_rows(rows, ItemFilter(overdue=True, today=TODAY))}
    soon = {r.id for r in filter_rows(rows, ItemFilter(due_within_days=7, today=TODAY))}
    for r in rows:
        state = due_state(r, TODAY)
        assert (state is DueState.OVERDUE) == (r.id in overdue)
        assert (state is DueState.SOON) == (r.id in soon)
    assert due_state(rows[-1], TODAY) is DueState.NONE


def test_summary_and_lines() -> None:
    rows = [_row(1, Status.DONE), _row(2, Status.DOING, TODAY - timedelta(days=1)),
            _row(3, due=TODAY + timedelta(days=2)), _row(4, Status.NA, TODAY - timedelta(days=9))]
    summary = summarize(rows, TODAY)
    assert (summary.total, summary.closed, summary.overdue, summary.due_soon) == (4, 2, 1, 1)
    line = status_line(summary, 3)
    assert line.startswith("共 4 项 · 已完成 1 · 进行中 1") and line.endswith("逾期 1 · 当前筛选 3 项")
    assert due_alert(summary) == "提醒：1 项已逾期，1 项将在 7 天内到期。"
    assert due_alert(summarize([_row(1)], TODAY)) == ""


def test_owner_choices_most_frequent_first() -> None:
    rows = [_row(1, owners=["县民政局", "各乡镇(街道)"]), _row(2, owners=["各乡镇(街道)"]), _row(3, owners=[])]
    assert owner_choices(rows) == ["各乡镇(街道)", "县民政局"]


def test_history_wording() -> None:
    assert describe_change("update", "status", "todo", "done") == "状态：待办 → 已完成"
    assert describe_change("update", "due_date", None, "2024-06-30") == "到期日：（空） → 2024-06-30"
    assert describe_change("restore", "", None, None) == "恢复"
    entry = HistoryView(at=datetime(2024, 6, 3, 1, 30), actor="王芳", entity="item_record", entity_id="x",
                        action="update", field="assignee", before="", after="李明")
    line = history_line(entry)
    local = datetime(2024, 6, 3, 1, 30, tzinfo=timezone.utc).astimezone()
    assert line == f"{local:%Y-%m-%d %H:%M}  王芳  承办人：（空） → 李明"


def test_adjust_summary_matches_recount() -> None:
    from dataclasses import replace

    from zwgk_desktop.core.presenters.ledger_view import adjust_summary

    rows = [_row(i, s, TODAY + timedelta(days=d)) for i, (s, d) in
            enumerate([(Status.TODO, -2), (Status.DOING, 3), (Status.DONE, -5), (Status.TODO, 20)])]
    rows.append(_row(9))
    summary = summarize(rows, TODAY)
    changes = [(0, {"status": Status.DONE}), (1, {"due": TODAY - timedelta(days=1)}),
               (2, {"status": Status.REWORK}), (3, {"due": None}), (4, {"due": TODAY})]
    for index, change in changes:
        old = rows[index]
        rows[index] = replace(old, **change)
        summary = adjust_summary(summary, old, rows[index], TODAY)
        assert summary == summarize(rows, TODAY)


def test_history_wording_of_evidence_publication_and_template_changes() -> None:
    from zwgk_desktop.core.presenters.ledger_view import describe_change

    assert describe_change("attach", "evidence", None, {"name": "公示照片.jpg"}) == "添加佐证材料：公示照片.jpg"
    assert describe_change("detach", "evidence", {"name": "a.pdf"}, None) == "移除佐证材料（已归档）：a.pdf"
    assert describe_change("publish", "publication", None, {"published": "2024-10-09", "channel": "政府网站",
                                                            "place": "", "verdict": "按时"}) == \
        "登记公开记录：2024-10-09，政府网站（按时）"
    assert describe_change("template_change", "content,deadline", {}, {}) == "模板更新修改了：内容、公开时限"
    assert describe_change("archive", "", {}, {"reason": "removed_in_template_update"}) == "归档（模板更新中删除）"
