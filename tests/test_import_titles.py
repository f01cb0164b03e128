"""The default checklist name is the document's own title, not the file name (``xixia-catalogue``)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from zwgk_desktop.core.importing import read_template
from zwgk_desktop.core.importing.titles import document_title
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.workspace import Workspace

HEADER = ["序号", "公开事项", "公开内容", "公开时限", "公开主体"]
ROWS = [[1, "办事指南", "办理流程", "信息形成之日起20个工作日内", "县民政局"],
        [2, "审核信息", "审核结果", "公示7个工作日", "乡镇政府"]]


def _xlsx(path: Path, above: list[str], *, merge_title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    for line in above:
        sheet.append([line])
        if merge_title and line:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(("lines", "title"), [
    (["附件1", "西峡县社会救助领域基层政务公开标准目录", "2021年7月5日"], "西峡县社会救助领域基层政务公开标准目录"),
    (["附件：", "", "社会救助领域基层政务公开标准目录"], "社会救助领域基层政务公开标准目录"),
    (["附件2：丁河镇政务公开事项清单"], "丁河镇政务公开事项清单"),
    (["附 件 3", "西政办发〔2021〕12号", "（2021年版）", "丁河镇", "政务公开事项清单", "填报单位（盖章）：丁河镇"],
     "丁河镇政务公开事项清单"),
    (["2021-06-28", "日期：2021年6月28日", "二〇二一年六月", "第1页", "冠政办发[2021]9号"], ""),
    (["首页 > 政务公开 > 冠政办发", "丁河镇2021年政务公开重点工作安排"], "丁河镇2021年政务公开重点工作安排"),
    (["冠县人民政府办公室", "关于印发2021年冠县政务公开工作要点的通知"],
     "冠县人民政府办公室关于印发2021年冠县政务公开工作要点的通知"),
    (["一、总体要求", "注：本表由各乡镇填写"], ""),
])
def test_document_title_skips_what_is_not_the_title(lines: list[str], title: str) -> None:
    assert document_title(lines) == title


def test_spreadsheet_title_rows_name_the_checklist(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "xixia-catalogue.xlsx",
                 ["附件1", "西峡县社会救助领域基层政务公开标准目录", "西政办〔2021〕12号", "2021年7月5日"])
    tpl = read_template(path)
    assert tpl.name == "西峡县社会救助领域基层政务公开标准目录"
    assert [it.title for it in tpl.items] == ["办事指南", "审核信息"]
    with Workspace.open(tmp_path / "ws") as ws:
        info, _ = import_flow.commit(ws, import_flow.prepare(ws, path))
        assert info.name == "西峡县社会救助领域基层政务公开标准目录"


def test_title_split_over_two_rows_is_joined(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "dinghe.xlsx", ["附件2：", "丁河镇", "政务公开事项清单", "填报单位（盖章）：丁河镇人民政府"])
    assert read_template(path).name == "丁河镇政务公开事项清单"


def test_file_name_only_when_nothing_else_exists(tmp_path: Path) -> None:
    assert read_template(_xlsx(tmp_path / "xixia-catalogue.xlsx", ["附件1", "2021年7月5日"])).name == "xixia-catalogue"
    assert read_template(_xlsx(tmp_path / "no-title.xlsx", [])).name == "no-title"


def test_csv_title_row(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    lines = ["附件3,,,,", "丁河镇社会救助领域政务公开标准目录,,,,", ",".join(HEADER)]
    lines += [",".join(str(v) for v in row) for row in ROWS]
    path.write_text("\n".join(lines), encoding="gbk")
    assert read_template(path).name == "丁河镇社会救助领域政务公开标准目录"


def test_notice_title_line_without_a_guanyu_headline(tmp_path: Path) -> None:
    path = tmp_path / "notice-2021.txt"
    path.write_text("\n".join([
        "附件1", "丁政办〔2021〕3号", "丁河镇2021年政务公开重点工作安排", "2021年3月1日",
        "一、深化主动公开", "（一）公开规划。10月底前公开规划纲要。", "二、加强保障", "（一）加强组织领导。",
    ]), encoding="utf-8")
    tpl = read_template(path)
    assert tpl.name == "丁河镇2021年政务公开重点工作安排" and tpl.year == 2021 and len(tpl.items) == 2


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _tr(cells: list[object]) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{_p(str(c))}</w:tc>" for c in cells) + "</w:tr>"


def test_docx_table_caption_skips_the_date_below_it(tmp_path: Path) -> None:
    body = "".join([_p("附件1"), _p("西峡县社会救助领域基层政务公开标准目录"), _p("（2021年7月5日更新）"),
                    _p("2021年7月5日"), "<w:tbl>", _tr(HEADER), *(_tr(r) for r in ROWS), "</w:tbl>"])
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
           f'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    path = tmp_path / "xixia-catalogue.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", doc)
    tpl = read_template(path)
    assert tpl.name == "西峡县社会救助领域基层政务公开标准目录" and len(tpl.items) == 2


@pytest.mark.parametrize(("fixture", "title"), [
    ("shehui-jiuzhu-catalogue.xlsx", "社会救助领域基层政务公开标准目录"),
    ("guanxian-2021-tasks.xlsx", "2021年冠县政务公开重点工作任务分解表"),
    ("qinghai-2021-workpoints.txt", "青海省人民政府办公厅关于印发2021年政务公开工作要点的通知"),
    ("guanxian-2021-workpoints.txt", "冠县人民政府办公室关于印发2021年冠县政务公开工作要点的通知"),
])
def test_real_fixtures_keep_their_titles_whatever_the_file_name(tmp_path: Path, fixtures_dir: Path,
                                                                 fixture: str, title: str) -> None:
    copy = tmp_path / f"xixia-catalogue{Path(fixture).suffix}"
    shutil.copy(fixtures_dir / fixture, copy)
    assert read_template(copy).name == title
