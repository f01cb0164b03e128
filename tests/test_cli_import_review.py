"""``zwgk import`` of a template update is safe by default: similar pairs and removals that hold work
need an explicit flag; --json carries the details; --dry-run lists the skipped rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import run

CATALOGUE = "shehui-jiuzhu-catalogue.xlsx"


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "ws")


def _items(capsys, data: str, *extra: str) -> list[dict]:
    code, out, err = run(capsys, "--data-dir", data, "items", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def adopted(capsys, data: str, fixtures_dir: Path) -> dict[str, dict]:
    code, out, err = run(capsys, "--data-dir", data, "import", str(fixtures_dir / CATALOGUE), "--json")
    assert code == 0, err
    return {(it["path"][0], it["title"]): it for it in json.loads(out)["items"]}


def _new_version(fixtures_dir: Path, tmp_path: Path, *, reword: bool = True, drop_row: int | None = None) -> str:
    target = tmp_path / "新版目录.xlsx"
    wb = openpyxl.load_workbook(fixtures_dir / CATALOGUE)
    sheet = wb.active
    if reword:
        sheet["C5"] = "监督检查情况"  # 综合业务 / 监督检查: a similar pair
    sheet["F9"] = "信息形成之日起5个工作日内"  # 最低生活保障 / 审批信息: changed
    if drop_row is not None:
        for col in "ACDEFGHIJKLMN":
            sheet[f"{col}{drop_row}"] = None
    wb.save(target)
    return str(target)


def test_yes_alone_refuses_similar_pairs(capsys, data, adopted, fixtures_dir, tmp_path):
    src = _new_version(fixtures_dir, tmp_path)
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--yes")
    assert code == 1
    assert "有 1 对文字相近的事项需要确认" in err and "“监督检查” → “监督检查情况”" in err
    assert "--accept-similar" in err and "--similar-as-new" in err
    assert "已应用" not in out
    titles = {it["title"] for it in _items(capsys, data)}
    assert "监督检查" in titles and "监督检查情况" not in titles  # nothing written
    changed = next(it for it in _items(capsys, data) if it["title"] == "审批信息")
    assert changed["deadline"] == "制定或获取信息之日起10个工作日内"


def test_accept_similar_keeps_the_record(capsys, data, adopted, fixtures_dir, tmp_path):
    old = adopted[("综合业务", "监督检查")]
    assert run(capsys, "--data-dir", data, "update", old["id"], "--status", "done")[0] == 0
    src = _new_version(fixtures_dir, tmp_path)
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--yes", "--accept-similar")
    assert code == 0, err
    assert "已应用。" in out
    after = {it["id"]: it for it in _items(capsys, data)}
    assert after[old["id"]]["title"] == "监督检查情况" and after[old["id"]]["status"] == "done"
    assert len(after) == 12 and _items(capsys, data, "--archived") == []


def test_similar_as_new_archives_old_one_and_needs_confirmation_when_it_holds_work(capsys, data, adopted,
                                                                                   fixtures_dir, tmp_path):
    old = adopted[("综合业务", "监督检查")]
    run(capsys, "--data-dir", data, "note", old["id"], "信访地址已核对")  # evidence: it holds work
    src = _new_version(fixtures_dir, tmp_path)
    code, _, err = run(capsys, "--data-dir", data, "import", src, "--yes", "--similar-as-new")
    assert code == 1 and "--archive-with-work" in err
    assert "“综合业务 / 监督检查”：状态：待办；佐证材料 1 份" in err
    assert _items(capsys, data, "--archived") == []
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--yes", "--similar-as-new",
                         "--archive-with-work")
    assert code == 0, err
    titles = [it["title"] for it in _items(capsys, data)]
    assert "监督检查情况" in titles and "监督检查" not in titles
    archived = _items(capsys, data, "--archived")
    assert [(a["id"], a["evidence_count"]) for a in archived] == [(old["id"], 1)]


def test_removal_without_work_needs_no_flag(capsys, data, adopted, fixtures_dir, tmp_path):
    src = _new_version(fixtures_dir, tmp_path, reword=False, drop_row=12)  # 特困 / 审核信息, untouched
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--yes")
    assert code == 0, err
    assert "- 特困人员救助供养 / 审核信息（将归档，不会删除；没有办理记录）" in out
    assert "公开时限：制定或获取信息之日起10个工作日内 → 信息形成之日起5个工作日内" in out
    assert [a["title"] for a in _items(capsys, data, "--archived")] == ["审核信息"]


def test_json_diff_carries_changes_and_work(capsys, data, adopted, fixtures_dir, tmp_path):
    gone = adopted[("最低生活保障", "审批信息")]
    run(capsys, "--data-dir", data, "update", gone["id"], "--status", "doing", "--note", "名单核对中")
    src = _new_version(fixtures_dir, tmp_path, drop_row=9)
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--json", "--yes", "--accept-similar")
    assert code == 1 and "名单核对中" in err
    diff = json.loads(out)
    assert diff["applied"] is False
    (removed,) = diff["removed"]
    assert removed["id"] == gone["id"] and removed["archive_confirmed"] is False
    assert removed["work"]["status"] == "doing" and removed["work"]["note"] == "名单核对中"
    assert removed["work"]["holds_work"] is True and removed["work"]["history_count"] == 2
    (similar,) = diff["similar"]
    assert similar["decision"] == "match" and similar["score"] > 0.8
    assert similar["changes"] == [{"field": "title", "label": "事项", "old": "监督检查", "new": "监督检查情况"}]
    assert diff["changed"][0]["changes"] == similar["changes"]  # answered 'match': shown as changed
    code, out, err = run(capsys, "--data-dir", data, "import", src, "--json", "--yes", "--accept-similar",
                         "--archive-with-work")
    assert code == 0, err
    assert json.loads(out)["applied"] is True


def test_conflicting_similar_flags_are_a_usage_error(capsys, data, adopted, fixtures_dir, tmp_path):
    src = _new_version(fixtures_dir, tmp_path)
    code, _, err = run(capsys, "--data-dir", data, "import", src, "--yes", "--accept-similar", "--similar-as-new")
    assert code == 2 and "只能选一个" in err


def test_dry_run_lists_skipped_rows(capsys, data, tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text("附件2 某县财政领域基层政务公开标准目录,,,\n"
                    "一级分类,事项,公开时限,责任单位\n"
                    "财政,预算公开,每年3月31日前,县财政局\n"
                    "一级分类,事项,公开时限,责任单位\n"
                    "财政,决算公开,按要求,县财政局\n"
                    "注：本目录由县政务公开办制定。,,,\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "import", str(path), "--dry-run")
    assert code == 0, err
    assert "跳过的行（3）：" in out
    assert "工作表“目录”第 1 行：标题行　附件2 某县财政领域基层政务公开标准目录" in out
    assert "工作表“目录”第 4 行：重复的表头" in out and "第 6 行：注释行" in out
    assert "“决算公开”：公开时限“按要求”没能识别" in err
    code, out, _ = run(capsys, "--data-dir", data, "import", str(path), "--dry-run", "--json")
    preview = json.loads(out)
    assert [(s["row"], s["reason"]) for s in preview["skipped"]] == [(1, "title"), (4, "header"), (6, "note")]
    assert preview["items"][1]["item_warnings"] == ["公开时限“按要求”没能识别"]
    assert preview["items"][0]["deadline_meaning"] == "每年3月31日前"
    assert run(capsys, "--data-dir", data, "checklists")[1].strip() == "工作区中还没有清单。"
