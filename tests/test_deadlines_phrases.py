"""extract_deadline_phrases against the real fixtures and the phrasings named in docs/domain.md."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.deadlines.phrases import extract_deadline_phrases

GUANXIAN_EXPECTED = {
    23: ["5个工作日", "1个工作日"],
    26: ["10个工作日内"],
    27: ["9月份"],
    28: ["2021年年底前"],
}

QINGHAI_EXPECTED = {
    "一(一)": ["12月底前"],
    "一(二)": ["2021年底前"],
    "二(七)": ["2021年底前"],
    "三(十三)": ["2021年底前"],
    "四(十五)": ["10月底前"],
    "四(十六)": ["2021年底前"],
}

_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_ITEM = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")


def _guanxian_requirements(fixtures_dir: Path) -> list[str]:
    wb = openpyxl.load_workbook(fixtures_dir / "guanxian-2021-tasks.xlsx", read_only=True)
    ws = wb["任务分解表"]
    texts = [row[2] or "" for row in ws.iter_rows(min_row=3, values_only=True) if row[2]]
    wb.close()
    return texts


def _qinghai_items(fixtures_dir: Path) -> tuple[str, dict[str, str]]:
    """(preamble text, {"一(一)": item text, ...}); a publication remark like (此件公开发布) is no item."""
    lines = (fixtures_dir / "qinghai-2021-workpoints.txt").read_text(encoding="utf-8").splitlines()
    preamble: list[str] = []
    items: dict[str, list[str]] = {}
    section = ""
    current: list[str] | None = None
    for line in lines:
        line = line.strip()
        if m := _SECTION.match(line):
            section = m.group(1)
            current = None
            continue
        m = _ITEM.match(line)
        if m and section:
            current = items.setdefault(f"{section}({m.group(1)})", [])
        if current is None:
            preamble.append(line)
        else:
            current.append(line)
    return "\n".join(preamble), {k: "\n".join(v) for k, v in items.items()}


def test_guanxian_tasks(fixtures_dir: Path) -> None:
    texts = _guanxian_requirements(fixtures_dir)
    assert len(texts) == 38
    assert texts[22].startswith("做好人大代表")  # task 23, 积极回应社会关切
    got = {i: extract_deadline_phrases(t) for i, t in enumerate(texts, 1)}
    assert {i: p for i, p in got.items() if p} == GUANXIAN_EXPECTED


def test_qinghai_items(fixtures_dir: Path) -> None:
    preamble, items = _qinghai_items(fixtures_dir)
    assert len(items) == 19
    # Title, document number and date (2021年政务公开工作要点, 青政办〔2021〕47号, 2021年7月5日) are no deadlines.
    assert "2021年7月5日" in preamble
    assert extract_deadline_phrases(preamble) == []
    got = {k: extract_deadline_phrases(v) for k, v in items.items()}
    assert {k: p for k, p in got.items() if p} == QINGHAI_EXPECTED


def test_whole_qinghai_text_in_order_without_duplicates(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "qinghai-2021-workpoints.txt").read_text(encoding="utf-8")
    assert extract_deadline_phrases(text) == ["12月底前", "2021年底前", "10月底前"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年1月31日前公开上一年度政府信息公开工作年度报告", ["每年1月31日前"]),
        ("答复期限不得超过5个工作日", ["5个工作日"]),
        ("简单问题要在1个工作日内完成答复", ["1个工作日"]),
        ("在决策文件出台后的10个工作日内，向社会公开", ["10个工作日内"]),
        ("信息形成或者变更之日起20个工作日内", ["20个工作日内"]),
        ("制 定 或 获 取 信 息之日起 １０ 个 工作日内", ["10个工作日内"]),
        ("本级人民代表大会或其常务委员会批准后20日内", ["20日内"]),
        ("2021年12月31日前完成", ["2021年12月31日前"]),
        ("2022年6月底前", ["2022年6月底前"]),
        ("十二月底前完成清理", ["十二月底前"]),
        ("6月中旬前报送", ["6月中旬前"]),
        ("年底前完成", ["年底前"]),
        ("舆情发生后24小时内回应", ["24小时内"]),
        ("收到申请之日起7天内", ["7天内"]),
        ("3个月内整改到位", ["3个月内"]),
        ("20工作日", ["20工作日"]),
        ("12月底前上报；12月底前公开", ["12月底前"]),
    ],
)
def test_phrases(text: str, expected: list[str]) -> None:
    assert extract_deadline_phrases(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "年内邀请企业代表、市民代表等利益相关方代表列席政府常务会议不得少于3次",  # a quota, not a deadline
        "各单位主要负责人每年至少听取一次政务公开工作汇报",
        "2021年政务公开工作要点",
        "2021年7月5日",
        "国办发〔2020〕50号",
        "系统清理行政规范性文件(2016年以后制定的)",
        "及时公开",
        "实时跟进推动",
        "二、三级页面支持度不低于90%",
        "第十四个五年规划纲要",
        "",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert extract_deadline_phrases(text) == []


def test_publication_cadence_in_requirement_text() -> None:
    """潍坊 2017 task table: 按月公开 inside the requirement is the item's (periodic) time limit."""
    from zwgk_desktop.core.deadlines.phrases import extract_deadline_phrases

    assert extract_deadline_phrases("加强财政政策信息公开，按月公开全市财政收支情况") == ["按月公开"]
    assert extract_deadline_phrases("每季度公开一次") == ["每季度公开"]
    assert extract_deadline_phrases("每年至少公开3次") == []  # a quota, not a limit
