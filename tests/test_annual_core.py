"""The yearly report's core: the JSON form, computed totals, the checks and their messages, storage with history,
the due date and the catalogue item about the report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from zwgk_desktop.core.annual import deadline, store
from zwgk_desktop.core.annual.checks import check, has_errors
from zwgk_desktop.core.annual.model import (
    T3_KEYS,
    AnnualReport,
    carry_over,
    in_force_base,
    new_report,
    with_totals,
)
from zwgk_desktop.core.deadlines.calendar import default_calendar
from zwgk_desktop.core.types import ConflictError, ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace


def clean_report(year: int = 2024, office: str = "万善乡人民政府") -> AnnualReport:
    """A consistent report: 5 new + 1 carried over = 4 processed + 2 carried forward."""
    r = AnnualReport(year=year, office=office)
    r.table2["行政规范性文件"] = {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 6}
    r.table2["行政许可"] = 12
    r.table2["行政事业性收费"] = "7730.28"
    r.table3["new_received"] = [4, 1, 0, 0, 0, 0, 0]
    r.table3["carried_over"] = [1, 0, 0, 0, 0, 0, 0]
    r.table3["granted"] = [2, 1, 0, 0, 0, 0, 0]
    r.table3["unable_not_held"] = [1, 0, 0, 0, 0, 0, 0]
    r.table3["carried_forward"] = [2, 0, 0, 0, 0, 0, 0]
    r.table4["行政复议"] = [1, 0, 0, 1, 0]
    r.sections.update({"一": "全年收到政府信息公开申请5件，予以公开3件。行政复议2件，行政诉讼0件。",
                       "五": "存在的问题：公开内容不够全面。改进措施：一是完善目录。",
                       "六": "本年度未收取信息处理费。"})
    return with_totals(r)


def rules(findings) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.level) for f in findings]


# --- the JSON form ---


def test_json_round_trip_keeps_the_exact_shape_and_the_fee_as_text() -> None:
    r = clean_report()
    data = r.to_json()
    assert list(data) == ["year", "office", "table2", "table3", "table4", "sections"]
    assert data["table2"]["规章"] == {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0}
    assert data["table2"]["行政事业性收费"] == "7730.28" and data["table2"]["行政许可"] == 12
    assert list(data["table3"]) == list(T3_KEYS) and len(T3_KEYS) == 25
    assert data["table3"]["new_received"] == [4, 1, 0, 0, 0, 0, 5]
    assert list(data["table4"]) == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert data["table4"]["行政复议"] == [1, 0, 0, 1, 2]
    assert list(data["sections"]) == ["一", "二", "三", "四", "五", "六"]
    text = json.dumps(data, ensure_ascii=False)
    assert AnnualReport.from_json(json.loads(text)).to_json() == data


def test_json_refuses_a_float_fee_and_unknown_rows_naming_the_field() -> None:
    data = clean_report().to_json()
    data["table2"]["行政事业性收费"] = 7730.28
    with pytest.raises(UserError, match="table2.行政事业性收费.*不能是浮点数"):
        AnnualReport.from_json(data, source="a.json")
    data = clean_report().to_json()
    data["table3"]["granted_typo"] = [0] * 7
    with pytest.raises(UserError, match="table3.granted_typo"):
        AnnualReport.from_json(data)
    data = clean_report().to_json()
    data["table4"]["行政复议"] = [1, 2]
    with pytest.raises(UserError, match="table4.行政复议.*5 个数"):
        AnnualReport.from_json(data)


def test_totals_are_computed_and_last_year_carried_over() -> None:
    last = clean_report(2023)
    r = new_report(2024, "万善乡人民政府", last)
    assert r.table3["carried_over"] == [2, 0, 0, 0, 0, 0, 2]
    assert in_force_base(last) == {"规章": 0, "行政规范性文件": 6}
    r.table3["granted"] = [1, 2, 0, 0, 0, 0, 99]
    r.table3["other_other"] = [1, 0, 0, 0, 0, 0, 0]
    r.table4["复议后起诉"] = [1, 1, 1, 1, 0]
    done = with_totals(r)
    assert done.table3["granted"][6] == 3
    assert done.table3["total_processed"] == [2, 2, 0, 0, 0, 0, 4]
    assert done.table4["复议后起诉"][4] == 4
    assert carry_over(r, None).table3["carried_over"] == r.table3["carried_over"]


# --- the checks ---


def test_a_consistent_report_has_no_findings() -> None:
    assert check(clean_report()) == []
    last = clean_report(2023)
    r = clean_report()
    r.table3["carried_over"] = [2, 0, 0, 0, 0, 0, 2]  # last year's 结转下年度
    r.table3["new_received"] = [3, 1, 0, 0, 0, 0, 4]
    r.table2["行政规范性文件"]["现行有效件数"] = 7  # 6 + 2 - 1
    r.sections["一"] = "全年收到政府信息公开申请6件，予以公开3件。"
    assert check(r, last) == []


def test_table4_total_message_names_both_sides() -> None:
    r = clean_report()
    r.table4["行政复议"] = [10, 1, 0, 0, 0]
    found = [f for f in check(r) if f.rule == "R4.1"]
    assert len(found) == 1
    f = found[0]
    assert f.message == "表四 行政复议：10+1+0+0=11，但总计填写为0"
    assert f.to_json() == {"rule": "R4.1", "level": "error", "table": "表四", "row": "行政复议", "column": "总计",
                           "expected": 11, "found": 0, "message": "表四 行政复议：10+1+0+0=11，但总计填写为0"}


def test_table3_rules_r31_r32_r33() -> None:
    r = clean_report()
    r.table3["new_received"][6] = 7  # printed total wrong: R3.1, and R3.3 on 总计
    r.table3["total_processed"][0] = 4  # （七） of 自然人 wrong: R3.2 and R3.3 on 自然人 and R3.1 of （七）
    findings = check(r)
    messages = [f.message for f in findings if f.level == "error"]
    assert "表三 一、本年新收政府信息公开申请数量：4+1+0+0+0+0=5，但总计填写为7" in messages
    assert "表三 自然人列：办理结果（一）至（六）合计为3，但（七）总计填写为4" in messages
    assert "表三 总计列：本年新收7+上年结转1=8，但办理结果总计4+结转下年度2=6" in messages
    assert "表三 自然人列：本年新收4+上年结转1=5，但办理结果总计4+结转下年度2=6" in messages
    assert has_errors(findings)


def test_cross_year_carry_over_is_an_error_on_total_and_a_warning_elsewhere() -> None:
    last = clean_report(2023)
    r = clean_report()
    r.table3["carried_over"] = [0, 1, 0, 0, 0, 0, 1]
    r.table3["new_received"] = [5, 0, 0, 0, 0, 0, 5]  # keep R3.3 true
    found = [(f.column, f.level, f.message) for f in check(r, last) if f.rule == "R3.4"]
    assert ("自然人", "warning", "表三 自然人列：上年报告“结转下年度继续办理”为2，但本年“上年结转”填写为0") in found
    assert ("商业企业", "warning", "表三 商业企业列：上年报告“结转下年度继续办理”为0，但本年“上年结转”填写为1") in found
    assert ("总计", "error", "表三 总计列：上年报告“结转下年度继续办理”为2，但本年“上年结转”填写为1") in found


def test_table2_rules() -> None:
    last = clean_report(2023)
    r = clean_report()
    r.table2["规章"] = {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 2}
    r.table2["行政规范性文件"] = {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 9}
    r.table2["行政处罚"] = "/"
    r.table2["行政强制"] = "约3"
    r.table2["行政事业性收费"] = "-5"
    msgs = {(f.rule, f.level): f.message for f in check(r, last)}
    assert msgs[("R2.2", "warning")] == "表二 规章：万善乡人民政府不具有规章制定权，规章各项应为0，填写为2/0/2"
    assert "表二 行政规范性文件：上年现行有效6+本年制发2-本年废止1=7，但现行有效件数填写为9" in msgs[("R2.3", "warning")]
    assert [f.message for f in check(r) if f.rule == "R2.1" and f.level == "warning"] == [
        "表二存在1个空白或'/'单元格（按0计算）"]
    errors = [f.message for f in check(r) if f.rule == "R2.1" and f.level == "error"]
    assert errors == ["表二 行政强制（本年处理决定数量）应为非负整数，填写为“约3”",
                      "表二 行政事业性收费金额应为非负数（万元），填写为“-5”"]
    city = clean_report(office="某某市人民政府")
    city.table2["规章"] = {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 2}
    assert "R2.2" not in [f.rule for f in check(city)]


def test_narrative_rules_r91_s2_s3() -> None:
    r = clean_report()
    assert [f for f in check(r) if f.rule in ("R9.1", "S.2", "S.3")] == []
    r.sections["一"] = "全年共收到政府信息公开申请75件，行政诉讼7件。"
    r.sections["五"] = "无"
    r.sections["六"] = "无其他需要报告的事项。"
    found = {f.rule: f.message for f in check(r)}
    assert found["R9.1"] in ("第一部分写“收到申请75件”，但表三 一、本年新收（或加上年结转）为5",
                             "第一部分写“行政诉讼7件”，但表四 行政诉讼 总计为0")
    assert len([f for f in check(r) if f.rule == "R9.1"]) == 2
    assert found["S.2"] == "第五部分“存在的主要问题及改进情况”为空或只写了“无”"
    assert found["S.3"].startswith("第六部分没有说明信息处理费")


def test_blank_cells_count_as_zero_with_one_warning_and_keep_their_token() -> None:
    r = clean_report()
    r.table3["denied_query"] = ["", "—", "/", "", "", "", 0]
    findings = check(r)
    assert rules(findings) == [("R2.1", "warning")]
    assert findings[0].message == "表三存在6个空白或'/'单元格（按0计算）"
    assert AnnualReport.from_json(r.to_json()).table3["denied_query"][:3] == ["", "—", "/"]


# --- storage ---


def test_store_entered_computes_totals_imported_keeps_printed_with_history(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path)
    try:
        ws.update_settings(office="万善乡人民政府", clerk="王小明")
        r = clean_report()
        r.table4["行政复议"][4] = 0
        saved = store.save(ws, r)
        assert saved.report.table4["行政复议"][4] == 2 and saved.origin == "entered" and saved.version == 1
        printed = clean_report()
        printed.table4["行政复议"][4] = 0
        again = store.save(ws, printed, origin="imported", source_file="a.html")
        assert again.report.table4["行政复议"][4] == 0 and again.version == 2  # kept as printed
        entries = [h for h in ws.history() if h.entity == "annual_report"]
        assert [h.action for h in entries] == ["update", "create"]
        assert entries[0].before["data"]["table4"]["行政复议"][4] == 2  # the replaced content is kept
        assert entries[0].actor == "王小明"
        with pytest.raises(ConflictError):
            store.save(ws, printed, expected_version=1)
        assert [s.report.year for s in store.list_reports(ws)] == [2024]
        assert store.previous(ws, clean_report(2025)).year == 2024
        assert ws.verify_history() == []
    finally:
        ws.close()


def test_store_needs_an_office(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path)
    try:
        with pytest.raises(UserError, match="没有单位名称"):
            store.save(ws, AnnualReport(year=2024))
    finally:
        ws.close()


# --- deadline and the catalogue item ---


def annual_item_template() -> ParsedTemplate:
    return ParsedTemplate(name="公开事项", items=[
        ParsedItem(title="机构职能", content="机构设置、职能", deadline="信息形成之日起20个工作日内"),
        ParsedItem(title="政府信息公开工作年度报告", content="每年1月31日前公开上一年度信息公开年报",
                   deadline="每年1月31日前"),
    ])


def test_due_date_on_the_workday_calendar() -> None:
    cal = default_calendar()
    due = deadline.annual_due(2025, cal)
    assert due.nominal == date(2026, 1, 31)  # a Saturday
    assert due.due == cal.next_workday(date(2026, 1, 31)) and due.due > due.nominal
    county = deadline.annual_due(2025, cal, "01-20")
    assert (county.due, county.source) == (date(2026, 1, 20), "县级设定")
    assert deadline.annual_due(2023, cal).due == date(2024, 1, 31)
    with pytest.raises(UserError, match="02-30"):
        deadline.annual_due(2023, cal, "02-30")


def test_report_item_linked_and_publication_recorded(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path)
    try:
        ws.update_settings(office="万善乡人民政府")
        info = ws.import_new(annual_item_template(), name="2026年公开事项", year=2026)
        assert [r.title for r in deadline.report_items(ws)] == ["政府信息公开工作年度报告"]
        assert deadline.set_due_setting(ws, "1月20日") == "01-20"
        assert deadline.workspace_due(ws, 2025).due == date(2026, 1, 20)
        store.save(ws, clean_report(2025))
        pub = deadline.record_publication(ws, 2025, published_on=date(2026, 1, 16), place="https://x.gov.cn/nb")
        assert pub.published_on == date(2026, 1, 16)
        stored = store.get(ws, 2025)
        item = next(r for r in ws.rows(info.id) if r.title == "政府信息公开工作年度报告")
        assert stored.record_id == item.id
        assert [p.what for p in ws.publications(item.id)] == ["万善乡人民政府2025年政府信息公开工作年度报告"]
        assert ws.verify_history() == []
    finally:
        ws.close()


def test_is_about_annual_report() -> None:
    assert deadline.is_about_annual_report("信息公开年报", "每年1月31日前公开上一年度政府信息公开工作年度报告")
    assert deadline.is_about_annual_report("政府信息公开工作年度报告")
    assert not deadline.is_about_annual_report("财政预算", "部门预算公开")
