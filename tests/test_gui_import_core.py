"""The Qt-free helpers behind the import dialogs."""

from __future__ import annotations

from zwgk_desktop.core.importing import SheetPreview, preview_file, read_template
from zwgk_desktop.core.presenters.import_review import (
    IGNORE,
    SheetChoice,
    build_mapping,
    column_keys,
    column_labels,
    data_rows,
    diff_rows,
    mapping_problem,
    name_problem,
    supports_mapping,
)
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.store.versioning import SimilarDecision
from zwgk_desktop.core.workspace import Workspace


def test_mapping_only_sends_changes(fixtures_dir):
    (sheet,) = preview_file(fixtures_dir / "guanxian-2021-tasks.xlsx")
    choice = SheetChoice.detected(sheet)
    assert build_mapping([choice]) == {}  # untouched detection: read as detected
    keys = column_keys(sheet)
    assert keys[:2] == ["A", "B"]  # two columns labelled 工作任务: letters keep them apart
    choice.fields[3] = IGNORE
    assert build_mapping([choice]) == {"责任单位": IGNORE}
    tpl = read_template(fixtures_dir / "guanxian-2021-tasks.xlsx", mapping=build_mapping([choice]))
    assert len(tpl.items) == 38 and all(not it.owners for it in tpl.items)




def test_headerless_sheet_uses_picked_row():
    sheet = SheetPreview("台账", [], ["A", "B"], {}, True, [["分组", "条目"], ["财政", "预算公开"]])
    choice = SheetChoice.detected(sheet)
    assert choice.header_row == 0
    assert column_labels(sheet, 0) == ["分组", "条目"]
    assert data_rows(sheet, 0) == [["财政", "预算公开"]]
    assert mapping_problem([choice]) != ""
    choice.fields[1] = "title"
    assert mapping_problem([choice]) == ""
    assert build_mapping([choice]) == {"条目": "title"}




def test_supports_mapping_and_names():
    assert supports_mapping("a.XLSX") and supports_mapping("b.csv") and not supports_mapping("c.txt")
    assert name_problem(" ", []) and "已存在" in name_problem("台账", ["台账"]) and name_problem("新", ["台账"]) == ""




def test_diff_rows_follow_the_decisions(tmp_path, fixtures_dir):
    with Workspace.open(tmp_path / "ws") as ws:
        import_flow.commit(ws, import_flow.prepare(ws, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"))
        parsed = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
        parsed.items[0].title += "（修订）"
        parsed.items[1].deadline = "信息形成之日起5个工作日内"
        plan = ws.plan_update(ws.checklist().id, parsed)
    rows = diff_rows(plan)  # the similar pair is proposed as a match until the clerk answers
    assert [(r.title, r.field) for r in rows.changed] == [("监督检查", "公开时限")]
    assert rows.changed[0].new == "信息形成之日起5个工作日内" and rows.changed[0].old != rows.changed[0].new
    assert len(rows.similar) == 1 and rows.similar[0].decision == "proposed"
    assert rows.similar[0].differences.startswith("事项：") and "→" in rows.similar[0].differences
    assert rows.added == [] and rows.removed == []
    plan.decide_similar(rows.similar[0].record_id, SimilarDecision.NEW)
    declined = diff_rows(plan)
    assert len(declined.added) == 1 and len(declined.removed) == 1
    assert declined.removed[0].declined_similar and not declined.removed[0].holds_work
