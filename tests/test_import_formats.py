"""CSV encodings, .docx notices and tables, the native format, mappings, previews and table quirks."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from dataclasses import asdict
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from zwgk_desktop.core.importing import FIELDS, preview_file, read_template, write_native_xlsx
from zwgk_desktop.core.types import BadFileError, TemplateKind

REPO = Path(__file__).resolve().parents[1]
BIG_TOOL = REPO.parent / "shared" / "tools" / "make_big_catalogue.py"


def _essence(items):
    """Item fields that must survive a format change (not the source position)."""
    out = []
    for it in items:
        d = asdict(it)
        d.pop("source")
        out.append(d)
    return out


def _raw_rows(path: Path) -> list[list[str]]:
    """Cell values as a user exporting to CSV would get them: merged ranges only in their first cell."""
    ws = openpyxl.load_workbook(path).active
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(
            [
                "" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                for v in row
            ]
        )
    return rows


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8", "gb18030"])
def test_csv_catalogue_matches_xlsx(tmp_path, fixtures_dir, encoding):
    src = fixtures_dir / "shehui-jiuzhu-catalogue.xlsx"
    buf = io.StringIO()
    csv.writer(buf).writerows(_raw_rows(src))
    target = tmp_path / "社会救助.csv"
    target.write_bytes(buf.getvalue().encode(encoding))
    got = read_template(target)
    want = read_template(src)
    assert got.kind is TemplateKind.CATALOGUE
    assert got.name == "社会救助领域基层政务公开标准目录"
    assert _essence(got.items) == _essence(want.items)


def test_csv_tasks_gbk(tmp_path, fixtures_dir):
    src = fixtures_dir / "guanxian-2021-tasks.xlsx"
    buf = io.StringIO()
    csv.writer(buf).writerows(_raw_rows(src))
    target = tmp_path / "tasks.csv"
    target.write_bytes(buf.getvalue().encode("gbk"))
    got = read_template(target)
    assert got.kind is TemplateKind.TASKS
    assert _essence(got.items) == _essence(read_template(src).items)


# --------------------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    props = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    return f"<w:tc>{props}{_p(text) if text else '<w:p/>'}</w:tc>"


def _docx(path: Path, body: str) -> Path:
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", doc)
    return path


def test_docx_notice(tmp_path, fixtures_dir):
    lines = (fixtures_dir / "qinghai-2021-workpoints.txt").read_text(encoding="utf-8").splitlines()
    tpl = read_template(_docx(tmp_path / "要点.docx", "".join(_p(x) for x in lines)))
    want = read_template(fixtures_dir / "qinghai-2021-workpoints.txt")
    assert tpl.kind is TemplateKind.NOTICE
    assert tpl.year == 2021 and tpl.name == want.name
    assert [(it.path, it.title, it.deadline) for it in tpl.items] == [
        (it.path, it.title, it.deadline) for it in want.items
    ]


def test_docx_task_table(tmp_path, fixtures_dir):
    rows = _raw_rows(fixtures_dir / "guanxian-2021-tasks.xlsx")
    body = [
        _p("冠县人民政府办公室关于印发2021年冠县政务公开工作要点的通知"),
        _p("2021年6月28日"),
        _p(rows[0][0]),
    ]
    table = ["<w:tbl>", "<w:tr>", _tc("工作任务", span=2), _tc("具体要求"), _tc("责任单位"), "</w:tr>"]
    for row in rows[2:]:
        table.append("<w:tr>")
        for c in (0, 1):
            table.append(_tc(row[c], vmerge="restart") if row[c] else _tc("", vmerge="continue"))
        table += [_tc(row[2]), _tc(row[3]), "</w:tr>"]
    table.append("</w:tbl>")
    tpl = read_template(_docx(tmp_path / "冠县.docx", "".join(body + table)))
    assert tpl.kind is TemplateKind.TASKS
    assert tpl.year == 2021
    assert tpl.issuer == "冠县人民政府办公室"
    want = read_template(fixtures_dir / "guanxian-2021-tasks.xlsx")
    assert _essence(tpl.items) == _essence(want.items)


def test_docx_units_remark(tmp_path):
    body = "".join(
        _p(x)
        for x in [
            "某县人民政府办公室关于印发2022年政务公开工作要点的通知",
            "2022年3月1日",
            "一、深化主动公开",
            "（一）公开规划。10月底前公开规划纲要。（责任单位：县发展和改革局、财政局）",
            "(二)公开预算。按规定公开预决算。（牵头单位：各乡镇(街道)）",
            "二、加强保障",
            "1.加强组织领导。各单位要重视。",
            "2、加强督促检查。",
        ]
    )
    tpl = read_template(_docx(tmp_path / "n.docx", body))
    assert tpl.year == 2022
    assert [(it.path, it.title) for it in tpl.items] == [
        (["深化主动公开"], "公开规划"),
        (["深化主动公开"], "公开预算"),
        (["加强保障"], "加强组织领导"),
        (["加强保障"], "加强督促检查"),
    ]
    assert tpl.items[0].owners == ["县发展和改革局", "县财政局"]
    assert tpl.items[0].deadline == "10月底前"
    assert tpl.items[1].owners == ["各乡镇(街道)"]


# --------------------------------------------------------------------------- native format


@pytest.mark.parametrize(
    "name", ["guanxian-2021-tasks.xlsx", "shehui-jiuzhu-catalogue.xlsx", "qinghai-2021-workpoints.txt"]
)
def test_native_round_trip(tmp_path, fixtures_dir, name):
    first = read_template(fixtures_dir / name)
    first.issuer = first.issuer or "某县人民政府办公室"
    first.version = "2021版"
    out = tmp_path / "导出" / "模板.xlsx"
    write_native_xlsx(first, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["模板", "说明"]
    # format 1.0's columns, then any a later field adds (core/fields.py)
    assert [c.value for c in wb["模板"][1]][:13] == [
        "编号",
        "一级分类",
        "二级分类",
        "三级分类",
        "事项",
        "内容",
        "公开依据",
        "公开时限",
        "责任单位",
        "公开渠道",
        "公开对象",
        "公开方式",
        "公开层级",
    ]
    second = read_template(out)
    assert second.kind is TemplateKind.NATIVE
    assert (second.name, second.issuer, second.year, second.version) == (
        first.name,
        first.issuer,
        first.year,
        first.version,
    )
    assert _essence(second.items) == _essence(first.items)
    # and once more: writing the re-read template gives the same items again
    write_native_xlsx(second, out)
    assert _essence(read_template(out).items) == _essence(first.items)


def test_native_deep_paths(tmp_path, fixtures_dir):
    tpl = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    tpl.items[0].path = ["甲", "乙", "丙", "丁"]
    out = tmp_path / "deep.xlsx"
    write_native_xlsx(tpl, out)
    header = [c.value for c in openpyxl.load_workbook(out)["模板"][1]]
    assert header[1:5] == ["一级分类", "二级分类", "三级分类", "四级分类"]
    assert read_template(out).items[0].path == ["甲", "乙", "丙", "丁"]


# --------------------------------------------------------------------------- mapping and preview


def _xlsx(
    path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def test_unknown_headers_need_mapping(tmp_path):
    path = _xlsx(
        tmp_path / "自制.xlsx",
        {
            "表1": [
                ["名目", "细则", "负责", "说明文字"],
                ["政府信息公开指南", "编制并公开指南", "县政府办公室", ""],
                ["年度报告", "1月31日前公开", "县政府办公室、财政局", ""],
            ]
        },
    )
    with pytest.raises(BadFileError) as exc:
        read_template(path)
    assert "自制.xlsx" in str(exc.value)
    (pv,) = preview_file(path)
    assert pv.unsure
    tpl = read_template(
        path, mapping={"名目": "事项", "细则": "content", "负责": "责任单位"}, name="自定义", year=2024
    )
    assert (tpl.name, tpl.year) == ("自定义", 2024)
    assert [it.title for it in tpl.items] == ["政府信息公开指南", "年度报告"]
    assert tpl.items[1].owners == ["县政府办公室", "县财政局"]
    assert tpl.items[1].content == "1月31日前公开"


def test_mapping_overrides_detection(fixtures_dir):
    tpl = read_template(
        fixtures_dir / "shehui-jiuzhu-catalogue.xlsx",
        mapping={"公开依据": "忽略", "二级事项": "内容", "公开内容（要素）": "事项"},
    )
    assert tpl.items[4].title == "初审对象名单及相关信息"
    assert tpl.items[4].content == "审核信息"
    assert tpl.items[4].basis == ""


def test_unknown_mapping_key_warns(fixtures_dir):
    tpl = read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx", mapping={"不存在的列": "事项"})
    assert len(tpl.items) == 12
    assert any("不存在的列" in str(w) for w in tpl.warnings)


def test_preview_catalogue(fixtures_dir):
    (pv,) = preview_file(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx")
    assert pv.sheet == "社会救助"
    assert pv.header_rows == [2, 3]
    assert pv.title == "社会救助领域基层政务公开标准目录"
    assert not pv.unsure
    assert pv.labels[1:3] == ["公开事项/一级事项", "公开事项/二级事项"]
    assert pv.labels[8] == "公开对象/全社会"
    assert pv.suggested[0] == "code" and pv.suggested[1] == "category1" and pv.suggested[2] == "title"
    assert pv.suggested[6] == "owners" and pv.suggested[13] == "level"
    assert set(pv.suggested.values()) <= set(FIELDS)
    assert len(pv.rows) == 10 and pv.rows[0][2] == "政策法规文件"


def test_preview_tasks_and_notice(fixtures_dir):
    (pv,) = preview_file(fixtures_dir / "guanxian-2021-tasks.xlsx")
    assert pv.header_rows == [2]
    assert pv.suggested == {0: "category1", 1: "category2", 2: "content", 3: "owners"}
    (nv,) = preview_file(fixtures_dir / "qinghai-2021-workpoints.txt")
    assert not nv.unsure and nv.rows[0][1] == "依法依规公开各类规划"


# --------------------------------------------------------------------------- table quirks


HEAD = ["序号", "公开事项", None, "公开内容", "公开时限", "责任单位", "公开渠道和载体", "公开对象", None]
SUB = [None, "一级事项", "二级事项", None, None, None, None, "全社会", "特定群体"]
MERGES = ["A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:I2"]


def test_quirks(tmp_path):
    rows = [
        ["2022年养老服务领域基层政务公开标准目录"] + [None] * 8,
        HEAD,
        SUB,
        ["一、基本信息"] + [None] * 8,
        [
            1,
            "1．政策 文件",
            "（一）法规文件",
            "养老服务 相关 法律法规",
            "制 定 或 获 取 信 息之日起 20 个 工作日内",
            "县民政局、财政局",
            "☑政府网站 ☐政府公报 口两微一端",
            "√",
            None,
        ],
        [2, None, "服务指南", "办理\n条件", "同上", "同上", "■政府网站\n■公开查阅点", None, "√"],
        [None] * 9,
        HEAD,
        SUB,
        [3, "补贴", "高龄津贴", "名单", "实时公开", "各乡镇(街道)", "政府网站、公开栏", "√", "√"],
        ["注：本目录根据国家标准指引编制。"] + [None] * 8,
    ]
    path = _xlsx(tmp_path / "养老.xlsx", {"Sheet1": rows}, {"Sheet1": MERGES + ["A1:I1", "A4:I4", "A11:I11"]})
    tpl = read_template(path)
    assert tpl.year == 2022 and tpl.kind is TemplateKind.CATALOGUE
    assert [(it.path, it.title) for it in tpl.items] == [
        (["基本信息", "政策文件"], "法规文件"),
        (["基本信息", "政策文件"], "服务指南"),
        (["基本信息", "补贴"], "高龄津贴"),
    ]
    a, b, c = tpl.items
    assert a.content == "养老服务相关法律法规"
    assert a.deadline == "制定或获取信息之日起20个工作日内"
    assert b.deadline == a.deadline and b.owners == ["县民政局", "县财政局"]
    assert b.content == "办理条件"
    assert a.channels == ["政府网站"] and b.channels == ["政府网站", "公开查阅点"]
    assert c.channels == ["政府网站", "公开栏"]
    assert a.audience == ["全社会"] and b.audience == ["特定群体"] and c.audience == ["全社会", "特定群体"]
    assert [it.source.row for it in tpl.items] == [5, 6, 10]


def test_several_domain_sheets(tmp_path):
    def sheet(title, first):
        return [
            [title] + [None] * 8,
            HEAD,
            SUB,
            [1, first, "办事指南", "材料", "及时公开", "乡镇人民政府", "■政府网站", "√", None],
        ]

    path = _xlsx(
        tmp_path / "目录汇编.xlsx",
        {
            "就业": sheet("就业领域基层政务公开标准目录", "政策"),
            "Sheet2": sheet("社会保险领域基层政务公开标准目录", "参保"),
            "说明": [["本汇编供参考"]],
        },
        {"就业": MERGES, "Sheet2": MERGES},
    )
    tpl = read_template(path)
    assert tpl.name == "目录汇编"
    assert [it.path for it in tpl.items] == [["就业", "政策"], ["社会保险", "参保"]]
    assert any(w.source.sheet == "说明" for w in tpl.warnings)


def test_big_catalogue_tool(tmp_path):
    if not BIG_TOOL.is_file():
        pytest.skip("make_big_catalogue.py not available")
    out = tmp_path / "big.xlsx"
    subprocess.run(
        [sys.executable, str(BIG_TOOL), str(out), "--rows", "300", "--sheets", "3"],
        check=True,
        capture_output=True,
    )
    tpl = read_template(out)
    assert len(tpl.items) == 300
    assert {it.path[0] for it in tpl.items} == {"社会救助", "养老服务", "义务教育"}
    assert all(
        len(it.path) == 2 and it.title and it.channels and it.audience == ["全社会"] for it in tpl.items
    )
    assert all(it.mode == ["主动"] and it.level == ["乡级"] for it in tpl.items)


def test_big_generated_catalogue(tmp_path):
    """The benchmark workbook (bench/bench_import.py times it; no timing here): every row is an item."""
    if not BIG_TOOL.is_file():
        pytest.skip("shared/tools/make_big_catalogue.py is not beside this checkout")
    out = tmp_path / "big.xlsx"
    subprocess.run(
        [sys.executable, str(BIG_TOOL), str(out), "--rows", "2000", "--sheets", "4"], check=True, capture_output=True
    )
    tpl = read_template(out)
    assert len(tpl.items) == 2000
    assert len({it.path[0] for it in tpl.items}) == 4  # one domain per sheet


# --------------------------------------------------------------------------- other spreadsheet formats


def test_xls_with_merges(tmp_path, fixtures_dir):
    xlwt = pytest.importorskip("xlwt")
    src = openpyxl.load_workbook(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx").active
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(src.title)
    merged = set()
    for rng in src.merged_cells.ranges:
        ws.write_merge(
            rng.min_row - 1,
            rng.max_row - 1,
            rng.min_col - 1,
            rng.max_col - 1,
            src.cell(rng.min_row, rng.min_col).value,
        )
        merged.update(
            (r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)
        )
    for row in src.iter_rows():
        for cell in row:
            if (cell.row, cell.column) not in merged and cell.value is not None:
                ws.write(cell.row - 1, cell.column - 1, cell.value)
    out = tmp_path / "社会救助.xls"
    wb.save(str(out))
    assert _essence(read_template(out).items) == _essence(
        read_template(fixtures_dir / "shehui-jiuzhu-catalogue.xlsx").items
    )


def test_ods(tmp_path, fixtures_dir):
    rows = _raw_rows(fixtures_dir / "guanxian-2021-tasks.xlsx")

    def cell(v: str) -> str:
        if not v:
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="任务分解表">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    out = tmp_path / "tasks.ods"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    tpl = read_template(out)
    assert _essence(tpl.items) == _essence(read_template(fixtures_dir / "guanxian-2021-tasks.xlsx").items)


def test_openpyxl_fallback(monkeypatch, fixtures_dir):
    from zwgk_desktop.core.importing import readers

    def broken(path):
        raise RuntimeError("calamine unavailable")

    monkeypatch.setattr(readers, "_read_calamine", broken)
    for name in ("guanxian-2021-tasks.xlsx", "shehui-jiuzhu-catalogue.xlsx"):
        got = read_template(fixtures_dir / name)
        monkeypatch.undo()
        want = read_template(fixtures_dir / name)
        monkeypatch.setattr(readers, "_read_calamine", broken)
        assert _essence(got.items) == _essence(want.items)


def test_variable_depth_directory(tmp_path):
    rows = [
        ["一级目录", "二级目录", "三级目录", "公开内容", "网站所属栏目", "公开要求"],
        [
            "概况信息",
            "机构职能",
            "领导信息",
            "姓名、职务、分工",
            "机构概况",
            "信息形成之日起20个工作日内公开",
        ],
        [None, None, "内设机构", "名称、职责", "机构概况", "同上"],
        ["政策文件", "规范性文件", None, "文件全文", "政策文件", "及时公开"],
        [None, "政策解读", None, "解读材料", "政策文件", ""],
    ]
    tpl = read_template(_xlsx(tmp_path / "乡镇目录.xlsx", {"目录": rows}))
    assert [(it.path, it.title) for it in tpl.items] == [
        (["概况信息", "机构职能"], "领导信息"),
        (["概况信息", "机构职能"], "内设机构"),
        (["政策文件"], "规范性文件"),
        (["政策文件"], "政策解读"),
    ]
    assert tpl.items[1].basis == "信息形成之日起20个工作日内公开"
    # no 公开时限 column: the deadline phrases come from 公开要求 (read as the basis)
    assert [it.deadline for it in tpl.items] == ["20个工作日内", "20个工作日内", "", ""]


def test_task_title_and_channels():
    from zwgk_desktop.core.importing.catalogue import parse_channels, task_title

    assert task_title("1.夯实主动公开基础。坚持以公开为常态，12月底前完成。") == "夯实主动公开基础"
    assert task_title("（二）做好解读。按要求解读。") == "做好解读"
    assert (
        task_title("围绕项目建设,做好重大项目批准和实施领域信息公开。")
        == "围绕项目建设,做好重大项目批准和实施领域信息公开"
    )
    long = "教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等行业县级主管部门和县国资局要按照要求做好工作"
    assert len(task_title(long)) <= 40
    assert parse_channels("■政府网站 □政府公报\n☑公开查阅点 ☐精准推送 口其他") == ("政府网站", "公开查阅点")
    assert parse_channels("政府网站、公开栏") == ("政府网站", "公开栏")
    assert parse_channels("□政府网站 □入口公示") == ()


def test_task_table_with_a_blank_deadline_cell_uses_the_requirement(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务"
    ws.append(["序号", "工作任务", "工作要求", "责任单位", "完成时限"])
    ws.append(["1", "夯实主动公开基础", "1.夯实主动公开基础。坚持以公开为常态、不公开为例外。", "县政府办公室", "12月底前"])
    ws.append(["2", None, "2.加强政策解读。决策文件出台后的10个工作日内发布解读材料。", "县直有关部门", None])
    path = tmp_path / "任务.xlsx"
    wb.save(path)
    tpl = read_template(path)
    assert [(it.title, it.deadline) for it in tpl.items] == [("夯实主动公开基础", "12月底前"),
                                                             ("加强政策解读", "10个工作日内")]
    assert tpl.items[1].path == ["夯实主动公开基础"] and tpl.items[1].owners == ["县直有关部门"]
