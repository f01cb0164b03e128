"""Every fixture through the CLI's JSON, with the exact expectations of shared/fixtures/README.md."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from zwgk_desktop.cli import main


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, src: Path, *extra: str) -> dict:
    assert main(["--data-dir", str(tmp_path / "ws"), "import", str(src), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_task_table(capsys: pytest.CaptureFixture[str], tmp_path: Path, fixtures_dir: Path) -> None:
    result = _import(capsys, tmp_path, fixtures_dir / "guanxian-2021-tasks.xlsx", "--year", "2021")
    items = result["items"]
    assert len(items) == 38 and all(i["id"] for i in items)
    firsts = list(Counter(i["path"][0] for i in items).items())
    assert firsts == [("优化重点领域政府信息公开", 21), ("提高解读和回应实效", 2), ("推进更高水平决策公开和公众参与", 4),
                      ("提升基层政务公开标准化规范化水平", 6), ("强化工作保障和落实", 5)]
    assert len({tuple(i["path"]) for i in items}) == 18
    t1 = items[0]
    assert t1["path"] == ["优化重点领域政府信息公开", "推进重点工作信息公开"]
    assert t1["content"].startswith("围绕项目建设")
    assert t1["owners"] == ["万善乡", "县发展和改革局", "县教育和体育局", "县自然资源和规划局", "县住房和城乡建设局",
                            "县行政审批服务局", "县水务集团"]
    assert items[9]["content"].startswith("加大惠民惠农政策")
    assert items[9]["owners"] == ["各乡镇(街道)", "县农业农村局"]
    deadlines = {n: i["deadline"] for n, i in enumerate(items, 1) if i["deadline"]}
    assert deadlines == {23: "5个工作日；1个工作日", 26: "10个工作日内", 27: "9月份", 28: "2021年年底前"}
    assert items[22]["path"][1] == "积极回应社会关切" and items[27]["path"][1] == "规范政府信息管理"
    assert items[27]["due"] == "2021-12-31"  # 2021年年底前 fixes the due date
    assert result["warnings"] == []


def test_catalogue_checkboxes_and_ticks(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        fixtures_dir: Path) -> None:
    items = _import(capsys, tmp_path, fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")["items"]
    assert Counter(i["path"][0] for i in items) == {"综合业务": 2, "最低生活保障": 4, "特困人员救助供养": 3, "临时救助": 3}
    assert all(i["owners"] == ["县级政府民政部门", "乡镇政府（街道办事处）"] for i in items)
    four, five, twelve = items[3], items[4], items[11]
    assert (four["path"], four["title"]) == (["最低生活保障"], "办事指南")
    assert four["channels"] == ["政府网站", "公开查阅点"]
    assert (four["audience"], four["mode"], four["level"]) == (["全社会"], ["主动"], ["县级", "乡、村级"])
    assert (five["path"], five["title"]) == (["最低生活保障"], "审核信息")
    assert five["channels"] == ["社区/企事业单位/村公示栏（电子屏）"]
    assert (five["audience"], five["level"]) == (["特定群众"], ["乡、村级"])
    assert five["deadline"] == "制定或获取信息之日起10个工作日内，公示7个工作日"
    assert twelve["path"][0] == "临时救助" and twelve["mode"] == ["依申请公开"]


def test_province_work_points(capsys: pytest.CaptureFixture[str], tmp_path: Path, fixtures_dir: Path) -> None:
    result = _import(capsys, tmp_path, fixtures_dir / "qinghai-2021-workpoints.txt")
    items = result["items"]
    assert len(items) == 19
    assert [len([i for i in items if i["path"][0] == p]) for p in dict.fromkeys(i["path"][0] for i in items)] == [
        6, 3, 4, 3, 3]
    assert not any("此件公开发布" in i["title"] + i["content"] for i in items)
    deadlines = {n: i["deadline"] for n, i in enumerate(items, 1) if i["deadline"]}
    assert deadlines == {1: "12月底前", 2: "2021年底前", 7: "2021年底前", 13: "2021年底前", 15: "10月底前",
                         16: "2021年底前"}
    listed = json.loads(_cli(capsys, tmp_path, "checklists"))
    assert listed[0]["year"] == 2021  # the notice's year (dated 2021年7月5日)
    by_n = {n: i for n, i in enumerate(items, 1)}
    assert by_n[1]["due"] == "2021-12-31" and by_n[15]["due"] == "2021-10-31" and by_n[3]["due"] is None


def test_county_notice_outline(capsys: pytest.CaptureFixture[str], tmp_path: Path, fixtures_dir: Path) -> None:
    items = _import(capsys, tmp_path, fixtures_dir / "guanxian-2021-workpoints.txt", "--dry-run")["items"]
    # the notice's outline: one item per (first, second) pair of the 38-task attachment
    assert len(items) == 18
    assert Counter(i["path"][0] for i in items) == {"优化重点领域政府信息公开": 6, "提高解读和回应实效": 2,
                                                    "推进更高水平决策公开和公众参与": 3,
                                                    "提升基层政务公开标准化规范化水平": 4, "强化工作保障和落实": 3}


def _cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> str:
    assert main(["--data-dir", str(tmp_path / "ws"), *args, "--json"]) == 0
    return capsys.readouterr().out
