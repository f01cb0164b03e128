"""Reading yearly reports: the published forms (.html, .docx, text-layer .pdf), the app's JSON and .xlsx,
tolerant label matching, the 2019 layout, and tables that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from annual_docs import write_docx, write_html, write_pdf
from test_annual_core import clean_report

from zwgk_desktop.core.annual.checks import check
from zwgk_desktop.core.annual.model import AnnualReport
from zwgk_desktop.core.annual.readers import heading_of, read_report
from zwgk_desktop.core.types import UserError

WRITERS = {"html": write_html, "docx": write_docx, "pdf": write_pdf}


def printed_report() -> AnnualReport:
    r = clean_report(2023, "清河县民政局")
    r.table4["行政复议"] = [10, 1, 0, 0, 0]  # a printed 总计 of 0 under non-zero cells
    r.table2["行政事业性收费"] = "24252.311082"
    return r


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_published_forms_read_back_as_printed(tmp_path: Path, fmt: str) -> None:
    r = printed_report()
    path = WRITERS[fmt](r.to_json(), tmp_path / f"报告.{fmt}")
    got = read_report(path)
    assert (got.report.office, got.report.year, got.fmt) == ("清河县民政局", 2023, fmt)
    assert got.report.table2 == r.table2 and got.report.table2["行政事业性收费"] == "24252.311082"
    assert got.report.table3 == r.table3
    assert got.report.table4 == r.table4
    assert got.structure.headings == ["一", "二", "三", "四", "五", "六"] and not got.structure.unreadable
    assert "改进措施" in got.report.sections["五"] and "信息处理费" in got.report.sections["六"]
    findings = check(got.report, None, got.structure)
    assert [(f.rule, f.message) for f in findings if f.level == "error"] == [
        ("R4.1", "表四 行政复议：10+1+0+0=11，但总计填写为0")]


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_typos_spaces_and_single_row_other(tmp_path: Path, fmt: str) -> None:
    r = printed_report()
    r.table4["行政复议"][4] = 11
    r.sections["一"] = r.sections["一"].replace("行政复议2件", "行政复议11件")
    labels = {"denied_law_forbidden": "2.其他法律行政止公开", "granted": "（一） 予以 公开",
              "carried_forward": "四、结转下年度 继续办理"}
    path = WRITERS[fmt](r.to_json(), tmp_path / f"r.{fmt}", labels=labels, single_row_other=True,
                        headings={"四": "四、政府信息公开行政法复议、行政诉讼情况"})
    got = read_report(path)
    assert got.report.table3 == r.table3
    assert got.structure.single_row_other and got.structure.headings == list("一二三四五六")
    assert [(f.rule, f.message) for f in check(got.report, None, got.structure)] == [
        ("S.1", "表三“（六）其他处理”只有一行，应分为3个子行（逾期不补正、逾期未缴费、其他）")]


def test_missing_heading_is_s1(tmp_path: Path) -> None:
    path = write_html(printed_report().to_json(), tmp_path / "r.html", headings={"五": ""})
    got = read_report(path)
    assert got.structure.headings == ["一", "二", "三", "四", "六"]
    s1 = [f.message for f in check(got.report, None, got.structure) if f.rule == "S.1"]
    assert s1 == ["缺少第五部分的标题（应依次为“一、总体情况”至“六、其他需要报告的事项”）"]


def test_a_missing_part_heading_is_not_also_called_an_empty_part(tmp_path: Path) -> None:
    """Parts 五 and 六 printed under other numbers: S.1 names the missing headings; S.2/S.3 (empty part 五, no
    信息处理费 sentence in part 六) are not said of text the reader could not place."""
    path = write_html(printed_report().to_json(), tmp_path / "r.html",
                      headings={"五": "（一）主要问题", "六": "五、其他需要报告的事项"})
    got = read_report(path)
    assert got.structure.headings == ["一", "二", "三", "四"]
    rules = [(f.rule, f.message) for f in check(got.report, None, got.structure) if f.rule.startswith("S")]
    assert rules == [("S.1", "缺少第五、六部分的标题（应依次为“一、总体情况”至“六、其他需要报告的事项”）")]


def test_a_preamble_line_is_not_taken_for_the_title(tmp_path: Path) -> None:
    """A text-layer PDF wraps the preamble into short lines; one that reads "…编制了2024年度政务公开工作报告，…"
    is a sentence, not the title (a title ends its line, or takes a bracketed note such as "（图片版）")."""
    data = printed_report().to_json()
    path = write_pdf(data, tmp_path / "r.pdf", title="清河县民政局2023年政府信息公开工作年度报告（图片版）")
    assert (read_report(path).report.office, read_report(path).report.year) == ("清河县民政局", 2023)
    parts = [("title", "2023年清河县民政局政府信息公开工作年度报告"),
             ("p", "根据《条例》的要求，县民政局编制了2023年度政务公开工作报告，报告全文包括六部分。")]
    path = write_pdf(data, tmp_path / "r2.pdf", parts=parts)
    assert read_report(path).report.office == "清河县民政局"


def test_heading_matching_tolerates_typos_and_the_2019_wording() -> None:
    assert heading_of("四、政府信息公开行政法复议、行政诉讼情况") == "四"
    assert heading_of("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况") == "四"
    assert heading_of("一、 总体情况") == "一"
    assert heading_of("一、主动公开政务文件11份，开展政策解读活动15次，取得较好成效。") is None


OLD_2019 = """<html><body><h1>螅镇2022年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>主动公开政务文件11份。</p><p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>1</td><td>1</td><td>3</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可</td><td>0</td><td>0</td><td>0</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>{t3}<p>四、政府信息公开行政复议、行政诉讼情况</p>{t4}
<p>五、存在的主要问题及改进情况</p><p>问题：宣传不够。改进：加强培训。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>"""


def _tables_of(tmp_path: Path) -> tuple[str, str]:
    html = write_html(AnnualReport(year=2022, office="螅镇").to_json(), tmp_path / "base.html").read_text("utf-8")
    tables = html.split("<table")
    return "<table" + tables[2].split("</table>")[0] + "</table>", "<table" + tables[3].split("</table>")[0] + "</table>"


def test_2019_trial_layout_is_detected_and_named(tmp_path: Path) -> None:
    t3, t4 = _tables_of(tmp_path)
    path = tmp_path / "old.html"
    path.write_text(OLD_2019.format(t3=t3, t4=t4), encoding="utf-8")
    got = read_report(path)
    assert got.structure.old_format and got.report.year == 2022 and got.report.office == "螅镇"
    findings = check(got.report, None, got.structure)
    assert [(f.rule, f.level, f.found) for f in findings] == [("S.1", "error", "2019年试行格式")]
    assert "旧格式" in findings[0].message


def test_cells_run_together_are_not_guessed(tmp_path: Path) -> None:
    t3, t4 = _tables_of(tmp_path)
    flat = ("<p>一、本年新收政府信息公开申请数量640020470</p><p>二、上年结转政府信息公开申请数量0000000</p>")
    path = tmp_path / "flat.html"
    path.write_text(OLD_2019.format(t3=flat, t4=t4).replace("本年新制作数量", "本年制发件数"), encoding="utf-8")
    got = read_report(path)
    assert got.structure.unreadable["表三"] == "表格文字连在一起，各单元格的数字无法区分（没有表格结构）"
    assert all(v is None for row in got.report.table3.values() for v in row)
    msgs = [f.message for f in check(got.report, None, got.structure) if f.rule == "S.1"]
    assert "表三无法读取：表格文字连在一起，各单元格的数字无法区分（没有表格结构）" in msgs
    assert not [f for f in check(got.report, None, got.structure) if f.rule.startswith("R3")]


def test_a_row_with_cells_run_together_inside_a_table(tmp_path: Path) -> None:
    r = printed_report()
    path = write_html(r.to_json(), tmp_path / "r.html")
    text = path.read_text("utf-8").replace(
        '<td><p align="center">4</p></td><td><p align="center">1</p></td><td><p align="center">0</p></td>',
        '<td><p align="center">410</p></td>', 1)
    path.write_text(text, encoding="utf-8")
    got = read_report(path)
    assert got.structure.unreadable["表三"].startswith("“一、本年新收政府信息公开申请数量”一行应有7个数，读到5个")


def test_tables_published_as_images(tmp_path: Path) -> None:
    path = tmp_path / "img.html"
    path.write_text("<h1>背荫河镇2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>略</p>"
                    "<p>二、主动公开政府信息情况</p><p><img src='t2.png'></p>"
                    "<p>三、收到和处理政府信息公开申请情况</p><p><img src='t3.png'></p>"
                    "<p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src='t4.png'></p>"
                    "<p>五、存在的主要问题及改进情况</p><p>问题与改进。</p>"
                    "<p>六、其他需要报告的事项</p><p>未收取信息处理费。</p>", encoding="utf-8")
    got = read_report(path)
    assert [(f.rule, f.message) for f in check(got.report, None, got.structure)] == [
        ("S.1", f"{t}无法读取：没有找到{t}的数字（表格可能以图片发布）") for t in ("表二", "表三", "表四")]


def test_app_json_and_xlsx(tmp_path: Path) -> None:
    r = printed_report()
    j = tmp_path / "r.json"
    j.write_text(json.dumps(r.to_json(), ensure_ascii=False), encoding="utf-8")
    got = read_report(j)
    assert got.fmt == "json" and got.structure is None and got.report.to_json() == r.to_json()
    # an .xlsx laid out as the printed tables (merged cells), one sheet per table
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表二"
    ws.append(["清河县民政局2023年政府信息公开工作年度报告"])
    ws.append(["第二十条第（一）项"])
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    for row in ("规章", "行政规范性文件"):
        ws.append([row, *r.table2[row].values()])
    for block, rows in (("第二十条第（五）项", ["行政许可"]), ("第二十条第（六）项", ["行政处罚", "行政强制"]),
                        ("第二十条第（八）项", ["行政事业性收费"])):
        ws.append([block])
        ws.append(["信息内容", "本年处理决定数量"])
        for row in rows:
            ws.append([row, float(r.table2[row]) if row == "行政事业性收费" else r.table2[row]])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4)
    t3 = wb.create_sheet("表三")
    t3.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况"])
    t3.append([None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"])
    t3.append([None, None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    from zwgk_desktop.core.annual.model import T3_ROWS

    for key, group, sub, leaf in T3_ROWS:
        t3.append([group, sub, leaf, *r.table3[key]])
    t4 = wb.create_sheet("表四")
    t4.append(["行政复议", None, None, None, None, "行政诉讼"])
    t4.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", None, None, None, None,
               "复议后起诉"])
    t4.append([None] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    t4.append([v for g in r.table4.values() for v in g])
    x = tmp_path / "r.xlsx"
    wb.save(x)
    got = read_report(x, year=2023)
    assert got.report.table2 == r.table2 and got.report.table3 == r.table3 and got.report.table4 == r.table4
    assert got.report.office == "清河县民政局"


def test_bad_files_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="不支持的年度报告文件类型"):
        read_report(tmp_path / "x.txt")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(UserError, match="bad.json.*不是有效的 JSON"):
        read_report(tmp_path / "bad.json")
    path = write_html(printed_report().to_json(), tmp_path / "r.html")
    with pytest.raises(UserError, match="报告年度为2023年，与指定的2024年不符"):
        read_report(path, year=2024)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UserError, match="broken.docx"):
        read_report(tmp_path / "broken.docx")
