"""The workspace core: importing, editing with history, reopening, template updates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.store.query import ItemFilter, category_tree, filter_rows
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, UserError
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path, db_url: str | None):
    workspace = Workspace.open(tmp_path / "ws", url=db_url)
    yield workspace
    workspace.close()


def _template(n: int = 6, **changes) -> ParsedTemplate:
    items = [ParsedItem(title=f"事项{i}", path=["一级" + "甲乙"[i % 2], "二级"], content=f"内容{i}",
                        owners=["万善乡"] if i % 3 == 0 else ["县直有关部门"], deadline="每年3月底前")
             for i in range(n)]
    return ParsedTemplate(name="测试模板", issuer="县政务公开办", items=items, **changes)


def test_import_edit_reopen_history(tmp_path: Path, db_url: str | None) -> None:
    data = tmp_path / "ws"
    with Workspace.open(data, url=db_url) as ws:
        ws.update_settings(office="万善乡人民政府", clerk="王小明")
        info = ws.import_new(_template(), year=2025)
        assert (info.total, info.closed) == (6, 0)
        rows = ws.rows(info.id)
        assert rows[0].due == date(2025, 3, 31)  # 每年3月底前 in the checklist year
        ws.update_record(rows[1].id, status="done", note="已公开", assignee="李红", due=date(2025, 4, 1))
    with Workspace.open(data, url=db_url) as ws:
        info = ws.checklist()
        assert (info.total, info.closed) == (6, 1)
        row = ws.rows(info.id)[1]
        assert (row.status, row.note, row.assignee, row.due) == (Status.DONE, "已公开", "李红", date(2025, 4, 1))
        entries = ws.history(row.id)
        assert {e.field for e in entries} == {"status", "note", "assignee", "due_date"}
        assert all(e.actor == "王小明" for e in entries)
        status = next(e for e in entries if e.field == "status")
        assert (status.before, status.after) == ("todo", "done")
        assert ws.verify_history() == []


def test_history_tampering_is_detected(ws: Workspace) -> None:
    info = ws.import_new(_template(), year=2025)
    ws.update_record(ws.rows(info.id)[0].id, status="doing")
    from sqlalchemy import text

    with ws.transaction() as s:
        s.execute(text("UPDATE history SET after = '\"done\"' WHERE field = 'status'"))
    assert ws.verify_history() != []


def test_failed_import_writes_nothing(ws: Workspace) -> None:
    ws.import_new(_template(), name="甲")
    with pytest.raises(UserError, match="已存在"):
        ws.import_new(_template(), name="甲")
    bad = _template()
    bad.items[3].title = None  # type: ignore[assignment]  # violates NOT NULL mid-insert
    with pytest.raises(Exception):  # noqa: B017
        ws.import_new(bad, name="乙")
    assert [c.name for c in ws.checklists()] == ["甲"]
    with ws.reading() as s:
        from sqlalchemy import func, select

        from zwgk_desktop.core.db.models import Template, TemplateItem

        assert s.scalar(select(func.count()).select_from(Template)) == 1
        assert s.scalar(select(func.count()).select_from(TemplateItem)) == 6


def test_invalid_status_is_a_clear_error(ws: Workspace) -> None:
    info = ws.import_new(_template())
    with pytest.raises(UserError, match="无效的状态"):
        ws.update_record(ws.rows(info.id)[0].id, status="finished")
    assert ws.history(ws.rows(info.id)[0].id) == []


def test_filters_search_one_and_two_characters(ws: Workspace) -> None:
    info = ws.import_new(_template(12))
    rows = ws.rows(info.id)
    assert len(filter_rows(rows, ItemFilter(text="甲"))) == 6  # one character (category)
    assert len(filter_rows(rows, ItemFilter(text="事项1"))) == 3  # 事项1, 事项10, 事项11
    assert len(filter_rows(rows, ItemFilter(text="内容"))) == 12  # two characters
    assert len(filter_rows(rows, ItemFilter(text="ＸＹＺ"))) == 0
    assert len(filter_rows(rows, ItemFilter(owner="万善乡"))) == 4
    # a township sees items of the township group too
    assert len(filter_rows(rows, ItemFilter(owner="县农业农村局"))) == 8
    tree = category_tree(rows)
    assert {k: v.total for k, v in tree.children.items()} == {"一级甲": 6, "一级乙": 6}


def test_template_update_keeps_work_and_archives_removed(ws: Workspace, tmp_path: Path) -> None:
    info = ws.import_new(_template(6), year=2025)
    rows = ws.rows(info.id)
    ws.update_record(rows[0].id, status="done", note="保留我")
    ws.update_record(rows[2].id, status="rework", note="要归档的")
    f = tmp_path / "证明.txt"
    f.write_text("x", encoding="utf-8")
    ws.attach_files([rows[0].id], [f])

    new = _template(6)
    new.items[0].content = "内容已修改"  # changed
    del new.items[2]  # removed
    new.items.append(ParsedItem(title="新增事项", path=["一级甲", "二级"]))  # added
    preview = import_flow.ImportPreview(parsed=new, name=info.name, year=2025, existing=info,
                                        plan=ws.plan_update(info.id, new))
    diff = preview.plan.to_json()
    assert [a["title"] for a in diff["added"]] == ["新增事项"]
    assert [r["title"] for r in diff["removed"]] == ["事项2"]
    assert [(c["after"]["title"], c["fields"]) for c in diff["changed"]] == [("事项0", ["content"])]
    assert diff["unchanged"] == 4
    assert diff["removed"][0]["work"]["holds_work"] is True
    with pytest.raises(UserError, match="事项2.*需要逐项确认归档"):  # it holds work: not without a yes
        import_flow.commit(ws, preview)
    assert len(ws.rows(info.id)) == 6 and not ws.archived_rows(info.id)
    preview.plan.confirm_archive(rows[2].id)
    import_flow.commit(ws, preview)

    after = {r.title: r for r in ws.rows(info.id)}
    assert set(after) == {"事项0", "事项1", "事项3", "事项4", "事项5", "新增事项"}
    kept = after["事项0"]
    assert (kept.id, kept.status, kept.note, kept.content) == (rows[0].id, Status.DONE, "保留我", "内容已修改")
    assert kept.evidence_count == 1
    assert after["新增事项"].status is Status.TODO
    archived = ws.archived_rows(info.id)
    assert [(r.title, r.status, r.note) for r in archived] == [("事项2", Status.REWORK, "要归档的")]
    ws.restore_record(archived[0].id)
    assert "事项2" in {r.title for r in ws.rows(info.id)}


def test_similar_items_are_offered_not_assumed(ws: Workspace) -> None:
    info = ws.import_new(_template(3))
    rows = ws.rows(info.id)
    ws.update_record(rows[1].id, status="done")
    new = _template(3)
    new.items[1].title = "事项1（修订）"
    plan = ws.plan_update(info.id, new)
    assert len(plan.similar) == 1 and plan.similar[0].old.record_id == rows[1].id
    ws.apply_update(plan, accept_similar=True)
    assert ws.row(rows[1].id).title == "事项1（修订）" and ws.row(rows[1].id).status is Status.DONE


def test_edit_on_an_out_of_date_view_is_a_conflict(ws: Workspace) -> None:
    from zwgk_desktop.core.types import ConflictError

    info = ws.import_new(_template())
    seen = ws.rows(info.id)[0]  # what window A shows
    assert seen.version == 1
    other = ws.update_record(seen.id, note="另一个窗口写的", expected_version=seen.version)  # window B
    assert other.version == 2
    with pytest.raises(ConflictError, match="已被修改") as exc:
        ws.update_record(seen.id, note="窗口 A 的修改", expected_version=seen.version)
    assert exc.value.current.note == "另一个窗口写的" and exc.value.current.version == 2
    assert ws.row(seen.id).note == "另一个窗口写的"
    assert [h.after for h in ws.history(seen.id)] == ["另一个窗口写的"]  # nothing written for the conflict
    again = ws.update_record(seen.id, note="窗口 A 的修改", expected_version=exc.value.current.version)
    assert (again.note, again.version) == ("窗口 A 的修改", 3)
    assert ws.update_record(seen.id, note="窗口 A 的修改").version == 3  # no change: no new version


def test_search_matches_half_and_full_width_forms(ws: Workspace) -> None:
    items = [ParsedItem(title="办事指南（２０２５年版）", path=["类"], content="依据ＧＢ／Ｔ 9704"),
             ParsedItem(title="2025年预算", path=["类"], content="按 GB/T 执行")]
    info = ws.import_new(ParsedTemplate(name="宽度", items=items))
    rows = ws.rows(info.id)
    titles = lambda q: [r.title for r in filter_rows(rows, ItemFilter(text=q))]  # noqa: E731
    assert titles("2025") == ["办事指南（２０２５年版）", "2025年预算"]
    assert titles("ｇｂ／ｔ") == ["办事指南（２０２５年版）", "2025年预算"]
    assert titles("（2025") == ["办事指南（２０２５年版）"]
    assert titles("版)") == ["办事指南（２０２５年版）"]
