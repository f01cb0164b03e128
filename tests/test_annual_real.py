"""Published yearly reports (transcribed by hand in tests/data/annual, sources in SOURCES.md), rebuilt in the
form they were published in, read back, and checked: each gets exactly the findings it deserves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from annual_docs import document_parts, write_docx, write_html, write_pdf

from zwgk_desktop.core.annual.checks import check
from zwgk_desktop.core.annual.model import (
    T2_COUNT_ROWS,
    T2_DOC_ROWS,
    T2_FEE_ROW,
    T3_KEYS,
    AnnualReport,
    t3_full_label,
)
from zwgk_desktop.core.annual.readers import read_report
from zwgk_desktop.core.annual.service import check_folder
from zwgk_desktop.core.types import UserError

DATA = Path(__file__).parent / "data" / "annual"


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def findings_of(path: Path) -> list[tuple[str, str, str]]:
    got = read_report(path)
    return [(f.rule, f.level, f.message) for f in check(got.report, None, got.structure)]


def test_shuyang_development_and_reform_bureau_2023_html(tmp_path: Path) -> None:
    """County department. Only 自然人 and 总计 are filled in table 三 (125 blank cells); the numbers agree."""
    data = load("shuyang-fgj-2023.json")
    path = write_html(data, tmp_path / "沭阳县发展和改革局2023年政府信息公开年度报告.html",
                      title="沭阳县发展和改革局2023年政府信息公开年度报告",
                      labels={"行政规范性文件": "规范性文件"}, headings={"五": "五、存在的主要问题及整改措施"})
    got = read_report(path)
    assert (got.report.office, got.report.year) == ("沭阳县发展和改革局", 2023)
    assert got.report.to_json() == AnnualReport.from_json(data).to_json()  # every cell as printed
    assert got.structure.headings == list("一二三四五六")
    assert findings_of(path) == [("R2.1", "warning", "表三存在125个空白或'/'单元格（按0计算）")]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_shuyang_county_government_2025(tmp_path: Path, fmt: str) -> None:
    """County government, 749 applications: every 勾稽关系 holds and part 一 quotes the right numbers."""
    data = load("shuyang-gov-2025.json")
    writer = write_pdf if fmt == "pdf" else write_docx
    path = writer(data, tmp_path / f"沭阳县人民政府2025年政府信息公开工作年度报告.{fmt}",
                  headings={"五": "五、政府信息公开工作存在的主要问题及改进情况"})
    got = read_report(path)
    expected = AnnualReport.from_json(data)
    assert (got.report.table2, got.report.table3, got.report.table4) == (
        expected.table2, expected.table3, expected.table4)
    assert got.report.table2["行政事业性收费"] == "4068.208"
    assert findings_of(path) == []


def _excerpt(name: str) -> tuple[AnnualReport, dict]:
    data = load(name)
    report = AnnualReport(year=data["year"], office=data["office"])
    report.table2 = data["table2"]
    report.sections["一"] = data["sections"]["一"]
    return report, data


@pytest.mark.parametrize("name", ["songmutang-2022.json", "taiping-2022.json", "beipo-2022.json"])
def test_township_reports_table2(tmp_path: Path, name: str) -> None:
    """Townships, 2022: the stored copies of these pages end in table 二, so table 二 is what is checked."""
    report, data = _excerpt(name)
    path = write_html(report.to_json(), tmp_path / name.replace(".json", ".html"), until="二")
    got = read_report(path)
    assert (got.report.office, got.report.year) == (data["office"], 2022)
    for row in T2_DOC_ROWS:
        assert got.report.table2[row] == data["table2"][row]
    for row in (*T2_COUNT_ROWS, T2_FEE_ROW):
        assert got.report.table2[row] == data["table2"][row]
    table2 = [(f.rule, f.level, f.message) for f in check(got.report, None, got.structure) if f.table == "表二"]
    if name == "songmutang-2022.json":  # a township reporting 规章; its fee cell is past the end of the copy
        assert table2 == [("R2.1", "error", "表二 行政事业性收费（本年收费金额）没有读到数值"),
                          ("R2.2", "warning", "表二 规章：桃江县松木塘镇人民政府不具有规章制定权，规章各项应为0，填写为2/0/2")]
    else:
        assert table2 == []
    if name == "beipo-2022.json":
        assert got.report.table2["行政事业性收费"] == "190.457379"  # six decimals kept, never a float
    assert "表三" in got.structure.unreadable and "表四" in got.structure.unreadable  # past the copy's end


def test_xizhen_2022_uses_the_2019_layout(tmp_path: Path) -> None:
    """佳县螅镇 2022 printed the 2019 trial table 二: detected and named, its numbers not taken as 2021 cells."""
    path = tmp_path / "螅镇.html"
    rows = "".join(f"<tr><td>{c}</td></tr>" for c in (
        "第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
        "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可",
        "其他对外管理服务事项", "第二十条第（九）项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购"))
    path.write_text("<p>2022年度螅镇政府信息公开工作年度报告</p><p>一、总体情况</p>"
                    "<p>主动公开政务文件11份，开展政策解读活动15次。</p><p>二、主动公开政府信息情况</p>"
                    f"<table>{rows}</table>", encoding="utf-8")
    got = read_report(path)
    assert (got.report.office, got.report.year) == ("螅镇", 2022)
    assert got.structure.old_format
    s1 = [f for f in check(got.report, None, got.structure) if f.rule == "S.1" and f.table == "表二"]
    assert [(f.level, f.found) for f in s1] == [("error", "2019年试行格式")]
    assert all(v is None for v in got.report.table2["规章"].values())


def test_the_real_reports_as_one_folder(tmp_path: Path) -> None:
    write_html(load("shuyang-fgj-2023.json"), tmp_path / "fgj.html",
               labels={"行政规范性文件": "规范性文件"}, headings={"五": "五、存在的主要问题及整改措施"})
    write_pdf(load("shuyang-gov-2025.json"), tmp_path / "gov.pdf")
    results = check_folder(tmp_path)
    assert [(r.office, r.year, r.errors, r.warnings) for r in results] == [
        ("沭阳县发展和改革局", 2023, 0, 1), ("沭阳县人民政府", 2025, 0, 0)]


# Stored copies that end inside table 三 (or after table 二): what they show is read cell by cell and checked.
# (file, title as the copy shows it ("" = no title in the copy), data rows of table 三 shown, labels as printed)
EXCERPTS = {
    "zhongshan-2021.json": (None, None, {"行政规范性文件": "规范性文件"}),
    "wanchao-2023.json": (None, None, {"行政规范性文件": "规范性文件"}),
    "qijiazi-2023.json": ("昌图县七家子镇2023年政府信息公开 工作告年度报", 2, {}),
    "qiaozhong-2023.json": ("", 7, {}),
    "guanzhou-2023.json": ("", 9, {}),
    "zhenkang-czj-2024.json": ("", 8, {}),
}
PRINTED_TYPOS = {  # header typos as printed
    "qijiazi-2023.json": ("现行有效件数", "现行有效件"),
    "zhenkang-czj-2024.json": ("勾稽关系", "钩稽关系"),
}


def _excerpt_file(name: str, tmp_path: Path) -> tuple[Path, dict]:
    data = load(name)
    report = AnnualReport(year=data["year"], office=data["office"])
    report.table2 = data["table2"]
    for key, row in data.get("table3", {}).items():
        report.table3[key] = row
    report.sections["一"] = data["sections"]["一"]
    title, t3_rows, labels = EXCERPTS[name]
    path = write_html(report.to_json(), tmp_path / name.replace(".json", ".html"), title=title, labels=labels,
                      until=data["excerpt_until"], t3_rows=t3_rows, preamble=title is None)
    if name in PRINTED_TYPOS:
        right, printed = PRINTED_TYPOS[name]
        text = path.read_text(encoding="utf-8")
        assert right in text
        path.write_text(text.replace(right, printed), encoding="utf-8")
    return path, data


@pytest.mark.parametrize("name", list(EXCERPTS))
def test_excerpts_of_published_reports(tmp_path: Path, name: str) -> None:
    """Townships, street offices and a county department, 2021–2024: every cell the stored copy shows is read
    back as printed, and the checks find nothing wrong in it (these numbers do add up)."""
    path, data = _excerpt_file(name, tmp_path)
    title, t3_rows, _ = EXCERPTS[name]
    if title is None:  # the copy shows the title: year and office come from it
        got = read_report(path)
        assert (got.report.office, got.report.year) == (data["office"], data["year"])
    else:  # no title, or a garbled one ("…政府信息公开 工作告年度报"): the year must be given
        with pytest.raises(UserError, match="没有在文件中找到报告年度"):
            read_report(path)
        got = read_report(path, year=data["year"])
        assert got.report.office == ""
    assert got.report.table2 == data["table2"]
    visible = data.get("table3", {})
    assert {k: got.report.table3[k] for k in visible} == visible
    if t3_rows is None:
        assert "表三" in got.structure.unreadable
    else:  # the rows past the end of the copy are missing, never filled in
        assert "表三" not in got.structure.unreadable
        assert got.structure.missing_t3_rows == [k for k in T3_KEYS if k not in visible]
        assert all(v is None for k in got.structure.missing_t3_rows for v in got.report.table3[k])
    assert "表四" in got.structure.unreadable
    findings = check(got.report, None, got.structure)
    assert [(f.rule, f.message) for f in findings if f.rule.startswith("R")] == []


def test_a_published_table_whose_cells_ran_together_is_not_guessed(tmp_path: Path) -> None:
    """桥中街道 2023's table 三 as a copy of the page gives it when the cell borders are lost: each row's
    seven numbers joined ("4000004"). The table is reported unreadable and no number is made up."""
    data = load("qiaozhong-2023.json")
    rows = "".join(f"<p>{t3_full_label(k)}"
                   f"{''.join(str(v) for v in row)}</p>" for k, row in data["table3"].items())
    path = tmp_path / "qiaozhong-flat.html"
    path.write_text("<p>一、总体情况</p><p>收到政府信息公开申请4件。</p><p>三、收到和处理政府信息公开申请情况</p>"
                    "<p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织"
                    f"总计商业企业科研机构社会公益组织法律服务机构其他</p>{rows}", encoding="utf-8")
    got = read_report(path, year=2023)
    assert got.structure.unreadable["表三"] == "表格文字连在一起，各单元格的数字无法区分（没有表格结构）"
    assert all(v is None for row in got.report.table3.values() for v in row)
    findings = check(got.report, None, got.structure)
    assert "表三无法读取：表格文字连在一起，各单元格的数字无法区分（没有表格结构）" in [f.message for f in findings]
    assert not [f for f in findings if f.rule in ("R3.1", "R3.2", "R3.3", "R9.1")]


@pytest.mark.parametrize("name", ["hunnan-mzj-2021.json", "hunnan-gzj-2022.json"])
def test_complete_reports_whose_tables_are_images(tmp_path: Path, name: str) -> None:
    """Two county-level departments (沈阳市浑南区) published the whole report as an HTML article with the
    three tables as pictures: the six parts are all there and say what they should, so the only findings are
    the three tables that cannot be read, and no number is invented for them."""
    data = load(name)
    path = tmp_path / name.replace(".json", ".html")
    path.write_text("".join(f"<p>{p}</p><img src=\"table.png\">" if p.startswith(("二、", "三、", "四、"))
                            else f"<p>{p}</p>" for p in data["paragraphs"]), encoding="utf-8")
    if name == "hunnan-mzj-2021.json":  # no title with a year: only the page heading "浑南区民族和宗教事务局"
        with pytest.raises(UserError, match="没有在文件中找到报告年度"):
            read_report(path)
    got = read_report(path, year=data["year"])
    assert got.report.year == data["year"]
    assert got.structure.headings == list("一二三四五六")
    assert not got.structure.old_format and not got.structure.missing_t3_rows
    assert all(v is None for row in got.report.table3.values() for v in row)
    assert all(v is None for row in got.report.table4.values() for v in row)
    paras = data["paragraphs"]
    assert got.report.sections["五"] == "\n".join(paras[paras.index("五、存在的主要问题及改进情况") + 1:
                                                   paras.index("六、其他需要报告的事项")])
    assert [(f.rule, f.level, f.message) for f in check(got.report, None, got.structure)] == [
        ("S.1", "error", f"{t}无法读取：没有找到{t}的数字（表格可能以图片发布）") for t in ("表二", "表三", "表四")]


def _kewei_pdf(tmp_path: Path) -> tuple[Path, dict]:
    data = load("kewei-2024.json")
    report = AnnualReport(year=data["year"], office=data["office"])
    report.table2, report.table3, report.table4 = data["table2"], data["table3"], data["table4"]
    tables = {k: v for k, v in document_parts(report.to_json(), labels=data["labels"]) if k in ("t2", "t3", "t4")}
    parts = [(kind, tables.get(kind, text)) for kind, text in data["printed"]]
    return write_pdf(report.to_json(), tmp_path / "2024年上海市科委政府信息公开工作年度报告.pdf", parts=parts), data


def test_shanghai_science_commission_2024_pdf(tmp_path: Path) -> None:
    """上海市科委 2024 (a provincial-level department; PDF), all three tables printed: 34 applications, one
    行政复议. Its parts are numbered its own way (二、工作机制保障 … then the tables under 一、二、三、 and the
    fee under 五、), so the six headings are missing (S.1) – and only that is said of them, not that part 五 or 六
    is empty. Its text layer, as stored, has no number in the 总计 cell of 四、结转下年度继续办理: that row gives
    six numbers, so table 三 is reported unreadable rather than shifted, while every other row reads as printed."""
    path, data = _kewei_pdf(tmp_path)
    got = read_report(path)
    assert (got.report.office, got.report.year) == ("上海市科委", 2024)
    assert got.report.table2 == data["table2"] and got.report.table4 == data["table4"]
    assert {k: v for k, v in got.report.table3.items() if k != "carried_forward"} == {
        k: v for k, v in data["table3"].items() if k != "carried_forward"}
    assert got.structure.headings == ["一"]
    assert [(f.rule, f.level, f.message) for f in check(got.report, None, got.structure)] == [
        ("S.1", "error", "缺少第二、三、四、五、六部分的标题（应依次为“一、总体情况”至“六、其他需要报告的事项”）"),
        ("S.1", "error", "表三无法读取：“四、结转下年度继续办理”一行应有7个数，读到6个（1 0 0 0 0 0）：单元格可能连在一起或错位，"
                         "数字无法可靠区分"),
    ]


def test_yanglin_2023_still_prints_the_2019_table(tmp_path: Path) -> None:
    """衡东县杨林镇 2023 (a township) printed the 2019 trial table 二 (本年新制作数量 …, 第二十条第（九）项 采购) in a
    2023 report, with 1/1/1 under 规章: the old layout is named (S.1) and none of its numbers is taken for a
    2021-format cell (so R2.2 is not judged on them either)."""
    data = load("yanglin-2023.json")
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in data["table2_rows"])
    path = tmp_path / "yanglin.html"
    path.write_text("".join(f"<p>{p}</p>" for p in data["before_table2"]) + f"<table>{table}</table>"
                    + "".join(f"<p>{p}</p>" for p in data["after_table2"]), encoding="utf-8")
    got = read_report(path)
    assert (got.report.office, got.report.year) == (data["office"], 2023)
    assert got.structure.old_format
    assert all(v is None for v in got.report.table2["规章"].values())
    assert all(v is None for v in got.report.table2["行政规范性文件"].values())
    findings = [(f.rule, f.table, f.found) for f in check(got.report, None, got.structure) if f.table == "表二"]
    assert findings == [("S.1", "表二", "2019年试行格式")]
