"""zwgk import / items on a task table with role words and the issue's time-limit wordings: items --json and
import --dry-run --json carry deadline_rule and the roles, and the 本单位 filter works with role words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cli_helpers import run, run_json

ROWS = [
    # 工作任务, 具体要求, 责任单位, 完成时限
    ("推进决策公开", "1.做好重大决策预公开。", "县政府办公室牵头，县司法局、县直有关部门配合", "持续推进"),
    ("深化政策解读", "2.做好政策解读。", "牵头单位：县发展和改革局 配合单位：教育和体育局、财政局", "每季度"),
    ("财政信息公开", "3.公开财政资金使用情况。", "县财政局、万善乡等有关部门", "每月10日前"),
    ("基层政务公开", "4.规范村务公开。", "（各乡镇(街道)按职责分工负责）", "6月中旬前"),
    ("项目信息公开", "5.公开项目批复结果。", "[责任单位：县发展和改革局]", "批复后30日内"),
    ("舆情回应", "6.回应社会关切。", "县委宣传部负责", "24小时内"),
    ("开放活动", "7.开展政府开放活动。", "县政府办公室", "9月份"),
    ("档案管理", "8.整理公开档案。", "县档案馆", "按上级要求"),
    ("培训", "9.开展业务培训。", "县政府办公室", ""),
]


def _task_table(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["某县2025年政务公开工作要点任务分解表", None, None, None])
    ws.merge_cells("A1:D1")
    ws.append(["工作任务", "具体要求", "责任单位", "完成时限"])
    for row in ROWS:
        ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def table(tmp_path: Path) -> Path:
    return _task_table(tmp_path / "任务分解表.xlsx")


EXPECTED_OWNERS = [
    ["县政府办公室", "县司法局", "县直有关部门"],
    ["县发展和改革局", "县教育和体育局", "县财政局"],
    ["县财政局", "万善乡"],
    ["各乡镇(街道)"],
    ["县发展和改革局"],
    ["县委宣传部"],
    ["县政府办公室"],
    ["县档案馆"],
    ["县政府办公室"],
]
EXPECTED_KINDS = ["ongoing", "periodic", "periodic", "month", "after_event", "hours", "month", "unknown", "none"]


def test_dry_run_json_carries_deadline_rule_and_roles(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      table: Path) -> None:
    preview = run_json(capsys, "--data-dir", str(tmp_path / "ws"), "import", str(table), "--dry-run")
    items = preview["items"]
    assert [it["owners"] for it in items] == EXPECTED_OWNERS
    assert [it["deadline_rule"]["kind"] for it in items] == EXPECTED_KINDS
    assert items[0]["lead_units"] == ["县政府办公室"] and items[0]["support_units"] == ["县司法局", "县直有关部门"]
    assert items[1]["lead_units"] == ["县发展和改革局"]
    assert items[1]["support_units"] == ["县教育和体育局", "县财政局"]
    assert items[4]["deadline_rule"] == {"kind": "after_event", "n": 30, "unit": "day", "event": "approval",
                                         "text": "批复后30日内",
                                         "description": items[4]["deadline_rule"]["description"]}
    # only the text nobody could read is flagged; an empty one is "none", not a warning
    flagged = [i for i, it in enumerate(items) if not it["deadline_understood"]]
    assert flagged == [7]
    assert any("按上级要求" in w for w in items[7]["item_warnings"])


def test_items_json_and_the_mine_filter(capsys: pytest.CaptureFixture[str], tmp_path: Path, table: Path) -> None:
    data = str(tmp_path / "ws")
    run_json(capsys, "--data-dir", data, "import", str(table), "--year", "2025")
    items = run_json(capsys, "--data-dir", data, "items")
    assert [it["owners"] for it in items] == EXPECTED_OWNERS
    assert [it["deadline_rule"]["kind"] for it in items] == EXPECTED_KINDS
    assert items[1]["deadline_rule"]["period"] == "quarter"
    assert items[2]["deadline_rule"] == {"kind": "periodic", "period": "month", "day": 10, "text": "每月10日前",
                                         "description": "每月10日前"}
    assert items[0]["lead_units"] == ["县政府办公室"] and items[0]["support_units"] == ["县司法局", "县直有关部门"]
    assert items[6]["lead_units"] == [] and items[6]["support_units"] == []
    # due dates follow from the rule: X月中旬前 and X月份 in the checklist year, ongoing none
    assert items[3]["due"] == "2025-06-20" and items[6]["due"] == "2025-09-30" and items[0]["due"] is None

    # 本单位: the township sees the item naming it in an 等 list and the one for every township
    assert run(capsys, "--data-dir", data, "settings", "--office", "万善乡人民政府")[0] == 0
    mine = run_json(capsys, "--data-dir", data, "items", "--mine")
    assert [it["title"] for it in mine] == [items[2]["title"], items[3]["title"]]
    # a county department sees the items where it leads or supports, and the 县直有关部门 ones
    judicial = run_json(capsys, "--data-dir", data, "items", "--owner", "县司法局")
    assert [it["title"] for it in judicial] == [items[0]["title"]]
    finance = run_json(capsys, "--data-dir", data, "items", "--owner", "县财政局")
    assert [it["title"] for it in finance] == [items[0]["title"], items[1]["title"], items[2]["title"]]


def test_roles_survive_export_and_reimport(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           table: Path) -> None:
    data = str(tmp_path / "ws")
    run_json(capsys, "--data-dir", data, "import", str(table), "--year", "2025")
    out = tmp_path / "导出.xlsx"
    assert run(capsys, "--data-dir", data, "export-template", str(out))[0] == 0
    again = run_json(capsys, "--data-dir", str(tmp_path / "ws2"), "import", str(out), "--dry-run")["items"]
    assert [it["owners"] for it in again] == EXPECTED_OWNERS
    assert again[0]["lead_units"] == ["县政府办公室"] and again[0]["support_units"] == ["县司法局", "县直有关部门"]


def test_lead_and_support_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A table with 牵头单位 and 配合单位 columns: the header gives the role, the cell's own words win."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体任务", "牵头单位", "配合单位", "完成时限"])
    ws.append([1, "公开年度报告", "县政府办公室", "县直各部门", "每年1月31日前"])
    ws.append([2, "公开预决算", "县财政局", "教育和体育局、县卫生健康局等有关部门", "批准后20日内"])
    ws.append([3, "公开审计结果", "县审计局（牵头）、县财政局", "", "常态化"])
    path = tmp_path / "分工.xlsx"
    wb.save(path)
    items = run_json(capsys, "--data-dir", str(tmp_path / "ws"), "import", str(path), "--dry-run")["items"]
    assert [it["lead_units"] for it in items] == [["县政府办公室"], ["县财政局"], ["县审计局", "县财政局"]]
    assert [it["support_units"] for it in items] == [["县直各部门"], ["教育和体育局", "县卫生健康局"], []]
    assert [it["deadline_rule"]["kind"] for it in items] == ["date", "after_event", "ongoing"]


def test_a_changed_role_is_a_change_in_the_update_diff(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       table: Path) -> None:
    data = str(tmp_path / "ws")
    run_json(capsys, "--data-dir", data, "import", str(table), "--year", "2025")
    wb = openpyxl.load_workbook(table)
    wb.active["C3"] = "县司法局牵头，县政府办公室、县直有关部门配合"  # the same units, the lead changed
    wb.save(table)
    diff = run_json(capsys, "--data-dir", data, "import", str(table), "--dry-run")
    assert diff["unchanged"] == len(ROWS) - 1
    [changed] = diff["changed"]
    [change] = changed["changes"]
    assert change["field"] == "owners"
    assert change["old"] == ["县政府办公室（牵头）", "县司法局（配合）", "县直有关部门（配合）"]
    assert change["new"] == ["县司法局（牵头）", "县政府办公室（配合）", "县直有关部门（配合）"]
    # applied: the record keeps its place, the history says what changed in words, the roles are the new ones
    run_json(capsys, "--data-dir", data, "import", str(table), "--yes")
    first = run_json(capsys, "--data-dir", data, "items")[0]
    assert first["lead_units"] == ["县司法局"] and first["support_units"] == ["县政府办公室", "县直有关部门"]
    entries = run_json(capsys, "--data-dir", data, "history", first["id"][:8])
    [entry] = [e for e in entries if e["action"] == "template_change"]
    assert entry["after"] == {"owners": ["县司法局（牵头）", "县政府办公室（配合）", "县直有关部门（配合）"]}
