"""Template updates are safe by default: the plan's decisions, work summaries and refusals (core, no Qt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.importing.preview_rows import (
    nothing_to_report,
    preview_items,
    template_notes,
    understand_deadline,
)
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.store.versioning import SimilarDecision
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, SkipReason, Status, UserError
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path, db_url: str | None):
    workspace = Workspace.open(tmp_path / "ws", url=db_url)
    yield workspace
    workspace.close()


def _template(titles: list[str]) -> ParsedTemplate:
    items = [ParsedItem(title=t, path=["财政"], content=f"{t}的公开内容", owners=["县财政局"],
                        deadline="信息形成之日起20个工作日内") for t in titles]
    return ParsedTemplate(name="财政目录", issuer="县政务公开办", items=items)


TITLES = ["部门预算公开情况", "部门决算公开情况", "三公经费说明", "政府采购信息", "专项资金管理"]


def _adopted(ws: Workspace) -> tuple[str, dict[str, str]]:
    info = ws.import_new(_template(TITLES))
    return info.id, {r.title: r.id for r in ws.rows(info.id)}


def _history_count(ws: Workspace) -> int:
    return len(ws.history(limit=10_000))


def test_work_summary_counts_status_note_evidence_publications_history(ws, tmp_path):
    checklist_id, ids = _adopted(ws)
    rid = ids["三公经费说明"]
    ws.update_record(rid, status="done", note="已在网站公开")
    photo = tmp_path / "截图.png"
    photo.write_bytes(b"png")
    ws.attach_files([rid], [photo])
    ws.add_publication(rid, formed_on=date(2025, 3, 3), published_on=date(2025, 3, 5), channel="政府网站")
    plan = ws.plan_update(checklist_id, _template(["部门预算公开情况", "部门决算公开情况", "政府采购信息"]))
    removed = {o.values["title"]: o for o in plan.removed}
    work = removed["三公经费说明"].work
    assert (work.status, work.note, work.evidence, work.publications) == ("done", "已在网站公开", 1, 1)
    assert work.edits >= 2 and work.holds_work  # status and note edits (attach / publish add their own)
    assert work.describe().startswith("状态：已完成；佐证材料 1 份；公开记录 1 条；修改 ")
    assert work.describe().endswith("备注：已在网站公开")
    idle = removed["专项资金管理"].work
    assert not idle.holds_work and idle.describe() == "没有办理记录"
    assert [o.values["title"] for o in plan.unconfirmed_removals()] == ["三公经费说明"]
    as_json = plan.to_json()["removed"]
    assert as_json[0]["work"] == {"status": "done", "note": "已在网站公开", "assignee": "",
                                  "due": work.due.isoformat() if work.due else None,
                                  "evidence_count": 1, "publication_count": 1, "history_count": work.edits,
                                  "holds_work": True}
    assert as_json[0]["archive_confirmed"] is False


def test_removal_with_work_refused_until_confirmed_and_nothing_written(ws):
    checklist_id, ids = _adopted(ws)
    ws.update_record(ids["三公经费说明"], note="正在整理")
    before = _history_count(ws)
    plan = ws.plan_update(checklist_id, _template(TITLES[:2] + TITLES[3:]))
    with pytest.raises(UserError) as exc:
        ws.apply_update(plan)
    assert "三公经费说明" in str(exc.value) and "需要逐项确认归档" in str(exc.value)
    assert "没有任何改动" in str(exc.value)
    assert len(ws.rows(checklist_id)) == 5 and _history_count(ws) == before
    plan.confirm_archive(ids["三公经费说明"])
    counts = ws.apply_update(plan)
    assert counts == {"added": 0, "removed": 1, "changed": 0, "unchanged": 4}
    archived = ws.archived_rows(checklist_id)
    assert [(a.title, a.note) for a in archived] == [("三公经费说明", "正在整理")]
    entry = next(h for h in ws.history(ids["三公经费说明"]) if h.action == "archive")
    assert entry.after["confirmed"] is True and entry.after["work"]["note"] == "正在整理"


def test_item_without_work_is_archived_without_asking(ws):
    checklist_id, ids = _adopted(ws)
    plan = ws.plan_update(checklist_id, _template(TITLES[:4]))
    assert plan.problems() == []
    ws.apply_update(plan)
    assert [a.title for a in ws.archived_rows(checklist_id)] == ["专项资金管理"]


def test_work_added_after_the_preview_still_needs_confirmation(ws):
    """Another window adds a note between the preview and 应用更新: the removal is refused, not lost."""
    checklist_id, ids = _adopted(ws)
    plan = ws.plan_update(checklist_id, _template(TITLES[:4]))
    assert plan.problems() == []  # nothing done on 专项资金管理 when the diff was shown
    ws.update_record(ids["专项资金管理"], status="doing")
    with pytest.raises(UserError, match="专项资金管理.*状态：进行中"):
        ws.apply_update(plan)
    assert len(ws.rows(checklist_id)) == 5


def test_similar_pair_pending_until_answered(ws):
    checklist_id, ids = _adopted(ws)
    ws.update_record(ids["政府采购信息"], status="done")
    new = _template(TITLES)
    new.items[3].title = "政府采购信息公开"
    new.items[3].content = "政府采购信息的公开内容"
    plan = ws.plan_update(checklist_id, new)
    (pair,) = plan.similar
    assert pair.decision is SimilarDecision.PROPOSED and pair.old.record_id == ids["政府采购信息"]
    assert [(c.label, c.old, c.new) for c in pair.changes] == [("事项", "政府采购信息", "政府采购信息公开")]
    diff = plan.to_json()
    assert diff["added"] == [] and diff["removed"] == [] and diff["changed"] == []
    assert diff["similar"][0]["decision"] == "proposed" and diff["similar"][0]["work"]["status"] == "done"
    assert diff["similar"][0]["changes"][0] == {"field": "title", "label": "事项", "old": "政府采购信息",
                                                "new": "政府采购信息公开"}
    before = _history_count(ws)
    with pytest.raises(UserError, match="相近事项未确认：“政府采购信息”"):
        ws.apply_update(plan)
    assert _history_count(ws) == before
    plan.decide_similar(ids["政府采购信息"], SimilarDecision.MATCH)
    assert plan.to_json()["changed"][0]["id"] == ids["政府采购信息"]
    ws.apply_update(plan)
    row = ws.row(ids["政府采购信息"])
    assert (row.title, row.status) == ("政府采购信息公开", Status.DONE)


def test_similar_pair_treated_as_new_archives_old_only_when_confirmed(ws):
    checklist_id, ids = _adopted(ws)
    ws.update_record(ids["政府采购信息"], status="done")
    new = _template(TITLES)
    new.items[3].title = "政府采购信息公开"
    plan = ws.plan_update(checklist_id, new)
    plan.decide_similar(ids["政府采购信息"], "new")
    diff = plan.to_json()
    assert [a["title"] for a in diff["added"]] == ["政府采购信息公开"]
    assert [r["title"] for r in diff["removed"]] == ["政府采购信息"]
    with pytest.raises(UserError, match="政府采购信息.*状态：已完成"):  # declining is not archiving its work
        ws.apply_update(plan)
    plan.confirm_archive(ids["政府采购信息"])
    assert ws.apply_update(plan) == {"added": 1, "removed": 1, "changed": 0, "unchanged": 4}
    rows = {r.title: r for r in ws.rows(checklist_id)}
    assert rows["政府采购信息公开"].status is Status.TODO
    assert [(a.id, a.status) for a in ws.archived_rows(checklist_id)] == [(ids["政府采购信息"], Status.DONE)]


def test_bulk_answers_for_the_cli(ws):
    checklist_id, ids = _adopted(ws)
    ws.update_record(ids["政府采购信息"], note="x")
    new = _template(TITLES[:2] + TITLES[3:])
    new.items[2].title = "政府采购信息公开"
    plan = ws.plan_update(checklist_id, new)
    plan.decide_pending(accept_similar=False)
    assert len(plan.unconfirmed_removals()) == 1
    plan.decide_pending(archive_with_work=True)
    assert plan.problems() == []
    assert ws.apply_update(plan)["removed"] == 2


def test_changed_fields_carry_old_and_new(ws):
    checklist_id, ids = _adopted(ws)
    new = _template(TITLES)
    new.items[0].deadline = "每年3月31日前"
    new.items[0].owners = ["县财政局", "各乡镇人民政府"]
    plan = ws.plan_update(checklist_id, new)
    (change,) = plan.changed
    assert [(c.field, c.label, c.old, c.new) for c in change.changes] == [
        ("deadline", "公开时限", "信息形成之日起20个工作日内", "每年3月31日前"),
        ("owners", "责任单位", ["县财政局"], ["县财政局", "各乡镇人民政府"]),
    ]
    assert plan.to_json()["changed"][0]["changes"][1] == {
        "field": "owners", "label": "责任单位", "old": ["县财政局"], "new": ["县财政局", "各乡镇人民政府"]}


def test_excluded_items_are_not_imported(ws, fixtures_dir):
    preview = import_flow.prepare(ws, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    preview.exclude([0, 5, 99])
    assert preview.excluded == {0, 5}
    info, counts = import_flow.commit(ws, preview)
    kept = {(tuple(r.path), r.title) for r in ws.rows(info.id)}
    assert counts["added"] == 10 and len(kept) == 10
    assert (("综合业务",), "政策法规文件") not in kept and (("最低生活保障",), "审批信息") not in kept
    assert (("最低生活保障",), "政策法规文件") in kept
    everything = import_flow.prepare(ws, fixtures_dir / "guanxian-2021-tasks.xlsx")
    everything.exclude(range(len(everything.parsed.items)))
    with pytest.raises(UserError, match="没有勾选任何事项"):
        import_flow.commit(ws, everything)
    assert len(ws.checklists()) == 1


def test_parser_reports_skipped_rows(tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text(
        "附件2 某县财政领域基层政务公开标准目录,,,\n"
        "一级分类,事项,公开时限,责任单位\n"
        "财政,预算公开,每年3月31日前,县财政局\n"
        ",,,\n"
        "一级分类,事项,公开时限,责任单位\n"
        "财政,决算公开,按要求,\n"
        "救助,,,\n"
        "注：本目录由县政务公开办制定。,,,\n", encoding="utf-8")
    tpl = read_template(path)
    assert [it.title for it in tpl.items] == ["预算公开", "决算公开"]
    assert [(s.source.row, s.reason) for s in tpl.skipped] == [
        (1, SkipReason.TITLE), (4, SkipReason.BLANK), (5, SkipReason.HEADER), (7, SkipReason.OTHER),
        (8, SkipReason.NOTE)]
    assert tpl.skipped[3].detail == "只有分类名称，没有事项" and tpl.skipped[3].text == "救助"
    assert tpl.skipped[0].to_json()["label"] == "标题行"
    rows = preview_items(tpl)
    assert rows[0].warnings == [] and rows[0].deadline_meaning == "每年3月31日前"
    assert rows[1].warnings == ["公开时限“按要求”没能识别", "没有责任单位"] and not rows[1].deadline_understood
    assert not nothing_to_report(tpl, rows)


def test_deadline_understanding():
    assert understand_deadline("实时公开").meaning == "实时公开（信息形成当日）"
    both = understand_deadline("12月底前；每年1月31日前")
    assert both.understood and both.meaning == "12月底前；每年1月31日前"
    assert not understand_deadline("按上级要求").understood
    assert understand_deadline("").understood and understand_deadline("").meaning == "未写明时限"


def test_a_file_without_any_unit_is_noted_once(fixtures_dir):
    notice = read_template(fixtures_dir / "qinghai-2021-workpoints.txt")
    rows = preview_items(notice)
    assert all("没有责任单位" not in r.warnings for r in rows)  # not 19 times the same remark
    assert template_notes(notice) == ["文件中没有读到任何责任单位"]
    assert not nothing_to_report(notice, rows)
    catalogue = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    assert template_notes(catalogue) == [] and all(not r.warnings for r in preview_items(catalogue))
