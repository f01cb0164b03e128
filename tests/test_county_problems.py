"""A problem list (问题清单) goes county → township → county through the CLI and ends 已销号: the
township's item becomes 需整改 with the deadline, its next package carries the 整改情况 back, and the
county closes the problem only after that."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from county_workspaces import Offices, export, make_offices

from zwgk_desktop.cli import main
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def offices(tmp_path: Path, fixtures_dir: Path) -> Offices:
    return make_offices(tmp_path, fixtures_dir)


def _run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    capsys.readouterr()
    assert main(list(argv)) == code
    out = capsys.readouterr()
    return out.out if code == 0 else out.err


def test_problem_list_round_trip_ends_closed(offices: Offices, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    county, town = str(offices.county), str(offices.township_a)
    ws = Workspace.open(offices.township_a)
    target = ws.rows(ws.checklists()[0].id)[4]  # 最低生活保障 / 审核信息, 待办
    ws.close()
    _run(capsys, "--data-dir", county, "package", "import", str(export(offices.township_a, tmp_path / "p1.zip")))

    added = json.loads(_run(capsys, "--data-dir", county, "problems", "add", "--office", "万善乡", "--item",
                            target.id[:8], "--source", "季度检查", "--points", "2", "--description",
                            "未公开低保审核信息", "--requirement", "在村公示栏公示7个工作日", "--deadline",
                            "2099-01-09", "--json"))
    assert added["item_title"] == "审核信息" and added["status_label"] == "待整改" and added["points"] == 2.0
    pid = added["id"]
    _run(capsys, "--data-dir", county, "problems", "add", "--office", "万善乡", "--indicator", "年度报告",
         "--source", "第三方评估", "--description", "年报未按时公开", "--days", "5")
    err = _run(capsys, "--data-dir", county, "problems", "close", pid[:8], code=1)
    assert "尚未整改" in err and "不能销号" in err

    sent = tmp_path / "问题清单-万善乡.json"
    assert "已导出 2 个待整改问题" in _run(capsys, "--data-dir", county, "problems", "export", "万善乡", str(sent))
    err = _run(capsys, "--data-dir", str(offices.township_b), "problems", "import", str(sent), code=1)
    assert "是发给万善乡的，不是本单位的" in err

    assert "1 个事项设为需整改" in _run(capsys, "--data-dir", town, "problems", "import", str(sent))
    assert "0 个事项" in _run(capsys, "--data-dir", town, "problems", "import", str(sent))  # idempotent
    item = json.loads(_run(capsys, "--data-dir", town, "items", "--json"))[4]
    assert item["status"] == "rework" and item["due"] == "2099-01-09"
    assert "【整改】季度检查：未公开低保审核信息；要求：在村公示栏公示7个工作日；时限：2099-01-09" in item["note"]

    # the township rectifies: publishes on the notice board, attaches the photo, marks it done
    photo = tmp_path / "公示栏照片.txt"
    photo.write_text("公示照片")
    _run(capsys, "--data-dir", town, "attach", target.id[:8], str(photo))
    _run(capsys, "--data-dir", town, "update", target.id[:8], "--status", "done", "--note",
         item["note"] + "\n已在各村公示栏公示7个工作日")
    _run(capsys, "--data-dir", county, "package", "import", str(export(offices.township_a, tmp_path / "p2.zip")))

    rows = {r["id"]: r for r in json.loads(_run(capsys, "--data-dir", county, "problems", "list", "--json"))}
    fixed = rows[pid]
    assert fixed["status_label"] == "已整改待复核" and "已在各村公示栏公示7个工作日" in fixed["rectification"]
    assert fixed["evidence"] == ["公示栏照片.txt"]
    assert [r["status_label"] for r in rows.values() if r["id"] != pid] == ["待整改"]

    assert "已销号" in _run(capsys, "--data-dir", county, "problems", "close", pid[:8], "--retest", "2099-01-10")
    closed = {r["id"]: r for r in json.loads(_run(capsys, "--data-dir", county, "problems", "list", "--json"))}[pid]
    assert closed["status_label"] == "已销号" and closed["retest"] == "2099-01-10"
    text = _run(capsys, "--data-dir", county, "problems", "list", "--office", "万善乡")
    assert "\t审核信息\t季度检查\t2\t未公开低保审核信息\t2099-01-09\t已销号" in text
    ws = Workspace.open(offices.county)
    try:
        actions = [(h.entity, h.action) for h in ws.history(limit=6)]
    finally:
        ws.close()
    assert actions[0] == ("problem", "close") and ("problem", "update") in actions
    backup = tmp_path / "county-backup.zip"
    _run(capsys, "--data-dir", county, "backup", "create", str(backup))
    assert "county/problems.json" in zipfile.ZipFile(backup).namelist()


def test_overdue_and_bad_input(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    county = str(offices.county)
    _run(capsys, "--data-dir", county, "package", "import", str(export(offices.township_b, tmp_path / "b.zip")))
    _run(capsys, "--data-dir", county, "problems", "add", "--office", "城关镇", "--indicator", "政策解读",
         "--source", "上级通报", "--description", "解读材料缺失", "--deadline", "2020-01-03")
    (row,) = json.loads(_run(capsys, "--data-dir", county, "problems", "list", "--json"))
    assert row["status"] == "overdue" and row["status_label"] == "逾期"
    err = _run(capsys, "--data-dir", county, "problems", "add", "--office", "城关镇", "--item", "zzzzzzzz",
               "--source", "季度检查", "--description", "x", "--days", "5", code=1)
    assert "城关镇的报送包中没有编号为“zzzzzzzz”的事项" in err
    err = _run(capsys, "--data-dir", county, "problems", "add", "--office", "城关镇", "--indicator", "x",
               "--source", "季度检查", "--description", "x", code=1)
    assert "整改时限" in err
    assert len(json.loads(_run(capsys, "--data-dir", county, "problems", "list", "--json"))) == 1


def test_county_report_pdf_and_xlsx(offices: Offices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    county = str(offices.county)
    packages = [str(export(f, tmp_path / f"{f.name}.zip"))
                for f in (offices.township_a, offices.township_b, offices.department)]
    _run(capsys, "--data-dir", county, "package", "import", *packages)
    _run(capsys, "--data-dir", county, "problems", "add", "--office", "城关镇", "--indicator", "政策解读",
         "--source", "上级通报", "--points", "1.5", "--description", "解读材料缺失", "--days", "5")
    pdf, xlsx = tmp_path / "通报.pdf", tmp_path / "汇总表.xlsx"
    out = _run(capsys, "--data-dir", county, "rollup", "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert f"已生成：{pdf}" in out and f"已生成：{xlsx}" in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    for words in ("政务公开工作情况通报", "乡镇（街道）排名", "部门排名", "四、逾期未完成事项", "五、超时公开",
                  "六、未销号问题", "解读材料缺失", "万善乡", "县民政局"):
        assert words in text, words
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["单位×类别", "乡镇（街道）排名", "部门排名", "整改台账", "年度报告"]
    ranks = [[c.value for c in row] for row in wb["乡镇（街道）排名"].iter_rows(min_row=2)]
    assert [r[:3] for r in ranks] == [[1, "万善乡", "27.3%"], [2, "城关镇", "8.3%"]]
    (problem,) = [[c.value for c in row] for row in wb["整改台账"].iter_rows(min_row=2)]
    assert problem[1:6] == ["城关镇", "政策解读", "上级通报", "1.5", "解读材料缺失"] and problem[-1] == "待整改"
    matrix = [[c.value for c in row] for row in wb["单位×类别"].iter_rows(min_row=2)]
    assert ["万善乡", "最低生活保障", 3, 1, 0, 1, 3] in matrix
