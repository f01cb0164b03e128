"""The PDF report's layout, read back with pypdf: cover lines, signature block, late publications as problems."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_report_data import make_report

from zwgk_desktop.cli import main
from zwgk_desktop.core.reports import write_pdf
from zwgk_desktop.core.reports.data import OFFICE_UNSET, ReportData, ReportItem, ReportPublication
from zwgk_desktop.core.reports.fonts import setup_fonts
from zwgk_desktop.core.reports.pdf import P_BOTTOM, SIGN_GAP, SIGN_LABELS, _signature, build_styles
from zwgk_desktop.core.reports.summary import summarize
from zwgk_desktop.core.types import Status
from zwgk_desktop.paths import resource

LONG_OFFICE = "某某县某某镇人民政府办公室"


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _problem_pages(pages: list[str]) -> str:
    """The text from the 存在问题 heading to the end."""
    start = next(i for i, p in enumerate(pages) if "三、存在问题及整改" in _flat(p))
    return "\n".join(pages[start:])


def test_cover_sets_office_and_title_on_separate_lines(tmp_path: Path) -> None:
    data = make_report(1)
    data.office = LONG_OFFICE
    cover = _lines(_pages(write_pdf(data, tmp_path / "r.pdf"))[0])
    assert cover[0] == LONG_OFFICE  # the office alone on its line
    assert cover[1] == data.checklist  # the title below, broken before 政务公开自查报告
    assert cover[2] == "政务公开自查报告"
    assert cover[cover.index("填报单位：") + 1] == LONG_OFFICE
    assert cover[-2] == LONG_OFFICE + data.report_title  # the page header, drawn last


def test_a_very_long_office_name_stays_on_one_line(tmp_path: Path) -> None:
    data = make_report(1)
    data.office = "某某自治州某某县某某镇人民政府党政综合办公室（政务公开办公室）"
    cover = _lines(_pages(write_pdf(data, tmp_path / "r.pdf"))[0])
    assert cover[0] == data.office  # set smaller rather than wrapped
    assert cover[1] == data.checklist


def test_no_office_leaves_it_blank_to_fill_in_by_hand(tmp_path: Path) -> None:
    data = make_report(1)
    data.office = OFFICE_UNSET  # what the workspace passes when no office is set
    assert data.title == f"{data.checklist}政务公开自查报告"
    path = write_pdf(data, tmp_path / "r.pdf")
    pages = _pages(path)
    assert not any("未设置" in p for p in pages)
    cover = _lines(pages[0])
    assert cover[:2] == [data.checklist, "政务公开自查报告"]
    assert cover[cover.index("填报单位：") + 1] == "清单名称："  # a blank line to write on
    assert cover[-2] == data.report_title  # the page header without an office
    assert PdfReader(path).metadata.title == f"{data.checklist}政务公开自查报告"


def test_signature_labels_do_not_wrap(tmp_path: Path) -> None:
    data = make_report(1)
    data.office = LONG_OFFICE
    last = _lines(_pages(write_pdf(data, tmp_path / "r.pdf"))[-1])
    at = last.index("填报单位（盖章）：")  # the label whole on its line (wrapped it read 填报单位（盖 / 章）：)
    assert last[at : at + 7] == ["填报单位（盖章）：", LONG_OFFICE, "填报人：", "张丽", "审核人：", "日期：", "年月日"]
    # and for any office: each label paragraph is laid out on one line in its column
    styles = build_styles(setup_fonts())
    table = _signature(data, styles).table
    table.wrap(500, 1000)
    for row in table._cellvalues:
        for col, cell in enumerate(row):
            if hasattr(cell, "blPara") and cell.text in SIGN_LABELS:
                assert len(cell.blPara.lines) == 1, (cell.text, table._colWidths[col])


def _late_report() -> ReportData:
    data = make_report(1)
    for item in data.items:  # everything done, nothing overdue: only the late publication is a problem
        item.row.status = Status.DONE
        item.overdue = False
        for pub in item.publications:
            pub.on_time = True
            pub.late_workdays = 0
    late = data.items[4]
    late.publications = [
        ReportPublication(
            published=date(2024, 3, 29),
            formed=date(2024, 3, 1),
            channel="政府网站",
            due=date(2024, 3, 15),
            on_time=False,
            late_workdays=10,
        ),
        ReportPublication(published=date(2024, 1, 10), formed=date(2024, 1, 2), due=date(2024, 1, 16), on_time=True),
    ]
    return data


def test_late_publications_are_listed_as_problems(tmp_path: Path) -> None:
    data = _late_report()
    summary = summarize(data)
    assert summary.issues == [] and len(summary.late_publications) == 1
    problems = _problem_pages(_pages(write_pdf(data, tmp_path / "r.pdf")))
    flat = _flat(problems)
    assert "超期公开1条（涉及1项事项）" in flat
    assert "超期公开情况" in flat
    assert "均已完成" not in flat  # not the "nothing to report" sentence
    # one table row: number, category, item, formed, due, published, how late
    table = flat[flat.index("超期公开情况") :]
    assert "1最低生活保障5审核信息2024-03-012024-03-152024-03-29超期10个工作日" in table
    assert "2024-01-10" not in flat  # the publication that was on time is not a problem


def test_late_publications_follow_the_open_items(tmp_path: Path) -> None:
    data = make_report(2)  # open, overdue and rework items, and publications 2 workdays late
    summary = summarize(data)
    assert summary.issues and summary.late_publications
    problems = _flat(_problem_pages(_pages(write_pdf(data, tmp_path / "r.pdf"))))
    assert problems.index("（一）逾期、需整改及未完成事项") < problems.index("（二）超期公开情况")
    late_items = {id(item) for item, _ in summary.late_publications}
    assert f"超期公开{len(summary.late_publications)}条（涉及{len(late_items)}项事项）" in problems
    assert problems.count("超期2个工作日") == len(summary.late_publications)


def test_no_problems_sentence_when_everything_is_in_time(tmp_path: Path) -> None:
    data = _late_report()
    data.items[4].publications.pop(0)
    problems = _flat(_problem_pages(_pages(write_pdf(data, tmp_path / "r.pdf"))))
    assert "未发现逾期、需整改事项" in problems and "超期公开情况" not in problems


# ---------------------------------------------------------------- signature placement


def _open_items(n: int) -> ReportData:
    """``n`` open items with one-line rows, so the 存在问题 table grows by one row height per item."""
    base = make_report(1)
    items = []
    for k in range(n):
        row = replace(
            base.items[0].row, id=f"t-{k}", code=str(k + 1), path=["临时救助"], title=f"事项{k + 1}",
            status=Status.TODO, due=None, note="", position=k,
        )
        items.append(ReportItem(row=row))
    return replace(base, items=items)


def _text_baselines(page) -> dict[float, str]:  # noqa: ANN001
    """The page's text by baseline height (points from the bottom), spaces removed."""
    out: dict[float, str] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
        out[y] = out.get(y, "") + _flat(text)

    page.extract_text(visitor_text=visit)
    return out


def test_signature_stays_on_the_last_content_page_when_it_fits(tmp_path: Path) -> None:
    """Growing the problem table row by row: the signature leaves the page only when it no longer fits."""
    styles = build_styles(setup_fonts())
    _, sig_height = _signature(_open_items(1), styles).table.wrap(500, 1000)
    tight = 0  # cases where the full gap above the signature did not fit but the signature did
    moved = 0
    for n in range(14, 34):
        reader = PdfReader(write_pdf(_open_items(n), tmp_path / f"r{n}.pdf"))
        texts = [page.extract_text() for page in reader.pages]
        last_row = max(i for i, t in enumerate(texts) if f"事项{n}" in _flat(t))
        sig = next(i for i, t in enumerate(texts) if "填报单位（盖章）" in _flat(t))
        # room left under the last row: its text baseline, less the row's bottom padding and descent
        row_y = min(y for y, text in _text_baselines(reader.pages[last_row]).items() if f"事项{n}" in text)
        room = row_y - 7 - P_BOTTOM
        if sig == last_row:
            assert room >= sig_height - 3, (n, room)
            tight += room < sig_height + SIGN_GAP
        else:
            assert sig == last_row + 1, n
            assert room < sig_height + 3, f"{n} items: the signature moved although {room:.0f}pt were left"
            moved += 1
    assert tight and moved  # both sides of the page break were exercised


# ---------------------------------------------------------------- from a workspace, through the CLI


def test_workspace_report_lists_a_late_publication(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "ws")
    example = next(resource("examples").glob("*.xlsx"))
    assert main(["--data-dir", d, "import", str(example), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "items", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    late, on_time = items[4], items[0]  # both within 10 workdays of the information being formed
    for item in (late, on_time):
        assert main(["--data-dir", d, "update", item["id"], "--status", "done"]) == 0
    capsys.readouterr()
    publish = ["--data-dir", d, "publish", late["id"], "--formed", "2024-04-01", "--published", "2024-05-20", "--json"]
    assert main(publish) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["due"], verdict["late_workdays"]) == ("2024-04-16", 23)  # the official calendar (五一 holidays)
    assert main(["--data-dir", d, "publish", on_time["id"], "--formed", "2024-03-01", "--published", "2024-03-08"]) == 0
    out = tmp_path / "报告.pdf"
    assert main(["--data-dir", d, "report", "pdf", str(out)]) == 1  # no office set: asked for, nothing written
    assert "zwgk settings --office" in capsys.readouterr().err and not out.exists()
    assert main(["--data-dir", d, "report", "pdf", str(out), "--office", "万善乡人民政府"]) == 0
    pages = _pages(out)
    assert "万善乡人民政府" in pages[0] and not any("未设置" in p for p in pages)
    problems = _flat(_problem_pages(pages))
    table = problems[problems.index("超期公开情况") :]
    assert f"{late['code']}{late['title']}2024-04-012024-04-162024-05-20超期23个工作日" in table, table[:300]
    assert "2024-03-08" not in table  # published in time: not a problem


def test_long_checklist_name_on_the_cover_breaks_evenly() -> None:
    """Seen in the walk-through: 2021年冠县政务公开重点工作任务分解 / 表 (one character alone)."""
    from zwgk_desktop.core.reports.pdf import balanced_lines

    assert balanced_lines("2021年冠县政务公开重点工作任务分解表", 17) == ["2021年冠县", "政务公开重点工作任务分解表"]
    assert balanced_lines("社会救助领域基层政务公开标准目录", 17) == ["社会救助领域基层政务公开标准目录"]
    lines = balanced_lines("某某县某某镇2024年度政务公开重点工作任务清单及责任分工表（第二版）", 17)
    assert len(lines) == 3 and all(len(x) <= 17 for x in lines) and min(map(len, lines)) >= 10
    assert "".join(lines) == "某某县某某镇2024年度政务公开重点工作任务清单及责任分工表（第二版）"


def test_problem_tables_over_many_pages_keep_every_row_once_in_order(tmp_path: Path) -> None:
    """The open-issue and late tables are laid out a page at a time: each page starts with the header row,
    and the rows run 1…N across the pages, none lost or repeated."""
    from zwgk_desktop.core.reports.sample import sample_report

    data = sample_report(160, evidence_per_item=1)
    summary = summarize(data)
    assert len(summary.issues) > 40 and len(summary.late_publications) > 20  # several pages each
    pages = _pages(write_pdf(data, tmp_path / "r.pdf"))
    start = next(i for i, p in enumerate(pages) if "三、存在问题及整改" in _flat(p))
    late_at = next(i for i, p in enumerate(pages) if "超期公开情况" in _flat(p))
    issue_pages = pages[start:late_at + 1]
    late_pages = pages[late_at:]
    assert len(issue_pages) > 2 and len(late_pages) > 1
    for page in issue_pages[1:-1]:  # continuation pages begin with the repeated header
        assert _flat(page).startswith("序号分类事项状态到期日问题情况说明（备注）")
    for page in late_pages[1:]:
        assert _flat(page).startswith("序号分类事项信息形成日期公开截止日期实际公开日期超期情况")
    issues = _flat("".join(issue_pages))
    issues = issues[issues.index("（一）逾期、需整改及未完成事项"):issues.index("超期公开情况")]
    at = 0
    for n, (item, label) in enumerate(summary.issues, 1):
        cell = f"{n}{item.row.path[0]}"
        at = issues.index(cell, at) + len(cell)  # in order
        assert issues.find(f"{item.row.status.label}{item.row.due.isoformat() if item.row.due else ''}{label}", at) > 0
    late = _flat("".join(late_pages))
    late = late[late.index("超期公开情况"):]
    at = 0
    for n, (item, pub) in enumerate(summary.late_publications, 1):
        cell = f"{n}{item.row.path[0]}"
        at = late.index(cell, at) + len(cell)
        assert late.find(f"{pub.published.isoformat()}超期", at) > 0
    # each row once; besides them the heading and the header cell 超期情况 on each page of the table
    assert late.count("超期") == len(summary.late_publications) + 1 + len(late_pages)
