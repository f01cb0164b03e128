"""Drafted parts 一, 五 and 六 of the yearly report from a real ledger (the bundled example) with work
done, publications (on time, late, last year's), evidence and problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from annual_sample import sample_report

from zwgk_desktop.core.annual.drafting import FEE_NONE, draft_sections, fee_sentence
from zwgk_desktop.core.services import examples
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource


@pytest.fixture
def ledger(tmp_path: Path):  # noqa: ANN201
    ws = Workspace.open(tmp_path / "ws")
    ws.update_settings(office="万善乡人民政府")
    info = examples.load_example(ws, resource("examples"))
    rows = ws.rows(info.id)
    ws.add_publication(rows[0].id, formed_on=date(2025, 3, 3), published_on=date(2025, 3, 5), channel="政府网站")
    ws.add_publication(rows[1].id, formed_on=date(2025, 4, 1), published_on=date(2025, 5, 6), channel="政府网站")
    ws.add_publication(rows[5].id, formed_on=date(2025, 6, 2), published_on=date(2025, 6, 4), channel="村务公开栏")
    ws.add_publication(rows[6].id, formed_on=date(2024, 12, 2), published_on=date(2024, 12, 4), channel="政府网站")
    ws.update_record(rows[0].id, status="done")
    ws.update_record(rows[5].id, status="done")
    ws.update_record(rows[11].id, status="na")
    ws.update_record(rows[2].id, status="rework", note="已补充公开救助对象名单")
    ws.update_record(rows[3].id, due=date(2025, 10, 31))  # due in the year, nothing done
    ws.update_record(rows[4].id, due=date(2026, 3, 1))  # due next year: not a problem of this report
    ws.add_link(rows[0].id, "https://www.example.gov.cn/zwgk/1.html", title="公开页面")
    ws.add_text_note(rows[5].id, "已在村务公开栏张贴")
    shot = tmp_path / "公示栏照片.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    ws.attach_files([rows[5].id], [shot])
    yield ws, ws.rows(info.id)
    ws.close()


def _name(row) -> str:  # noqa: ANN001
    return f"“{row.path[-1]}：{row.title}”"


def test_part_one_counts_publications_items_platforms_evidence(ledger) -> None:  # noqa: ANN001
    ws, rows = ledger
    one = draft_sections(ws, 2025)["一"]
    lines = one.split("\n")
    assert lines[0].startswith("2025年，万善乡人民政府认真贯彻落实《中华人民共和国政府信息公开条例》")
    assert [line for line in lines if line.startswith("（")] == [
        "（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    categories = sorted({rows[0].path[0], rows[1].path[0], rows[5].path[0]})
    assert "全年主动公开政府信息3条" in one  # last year's publication is not counted
    for category in categories:
        n = sum(1 for r in (rows[0], rows[1], rows[5]) if r.path[0] == category)
        assert f"{category}{n}条" in one
    assert "按公开渠道统计，政府网站2条、村务公开栏1条。" in one
    assert "按时公开2条，超过公开时限1条。" in one
    assert "对照1个公开清单共12项公开事项，已完成2项，不适用1项。" in one
    assert "依托政府网站、村务公开栏等平台" in one
    assert "全年留存佐证材料3份（文件和截图1份、网页链接1条、文字记录1条）" in one
    assert "《社会救助领域基层政务公开标准目录》" in one
    assert "详见本报告第三部分" in one  # no report given: no numbers invented


def test_part_one_quotes_the_report_tables(ledger) -> None:  # noqa: ANN001
    ws, _rows = ledger
    one = draft_sections(ws, 2025, report=sample_report())["一"]
    assert "本年度新收政府信息公开申请7件，上年结转1件，办结7件，结转下年度继续办理1件。" in one
    assert "被申请行政复议1件，提起行政诉讼1件。" in one


def test_part_five_names_late_overdue_and_rework_with_what_was_done(ledger) -> None:  # noqa: ANN001
    ws, rows = ledger
    late = ws.publications(rows[1].id)[0]
    assert late.on_time is False and late.late_workdays > 0
    five = draft_sections(ws, 2025)["五"]
    problems, fixes = five.split("\n")
    assert problems.startswith("存在的主要问题：一是") and fixes.startswith("改进措施：一是")
    assert f"全年有1条信息超过公开时限发布（{_name(rows[1])}，最长逾期{late.late_workdays}个工作日）" in problems
    assert f"二是1项公开事项逾期未完成（{_name(rows[3])}）" in problems  # the item due next year is not
    assert f"三是1项公开事项经检查需要整改（{_name(rows[2])}）" in problems
    assert "按工作日倒排发布时间" in fixes and "限期公开到位" in fixes
    assert f"{_name(rows[2])}已补充公开救助对象名单" in fixes
    assert "四是加强政务公开业务培训" in fixes


def test_part_six_fee_sentence() -> None:
    assert fee_sentence(None) == fee_sentence("0") == fee_sentence("0.00") == FEE_NONE == "本年度未收取信息处理费。"
    assert fee_sentence("120.50") == ("本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
                                      "收取信息处理费120.50元。")
    with pytest.raises(UserError, match="信息处理费“一百元”不是有效的金额"):
        fee_sentence("一百元")
    with pytest.raises(UserError, match="不能为负数"):
        fee_sentence("-5")


def test_other_year_and_empty_ledger(ledger, tmp_path: Path) -> None:  # noqa: ANN001
    ws, _rows = ledger
    parts = draft_sections(ws, 2024, fee_yuan="35")
    assert "全年主动公开政府信息1条" in parts["一"] and "均在规定时限内公开" in parts["一"]
    assert "逾期" not in parts["五"].split("\n")[0]  # 2025's problems are not 2024's
    assert parts["六"].split("\n") == ["（一）收取信息处理费情况",
                                      "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费35元。"]
    assert (parts["二"], parts["三"], parts["四"]) == ("", "", "")
    with Workspace.open(tmp_path / "empty") as empty:
        blank = draft_sections(empty, 2025)
    assert list(blank) == ["一", "二", "三", "四", "五", "六"]
    assert "本年度台账中没有主动公开记录。" in blank["一"] and "本机关" in blank["一"]
    assert blank["五"].startswith("存在的主要问题：一是") and len(blank["五"]) > 40  # never empty (rule S.2)
    assert blank["六"].endswith(FEE_NONE)
