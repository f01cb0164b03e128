"""Build the import corpus: real published templates rebuilt as printed, with exact expectations.

Each entry below is one published document, transcribed from the page named in ``source`` (the text as
the reference corpus stores it: where that excerpt ends mid-table or mid-sentence the file ends there
too, and ``note`` says so). The script writes the file (.xlsx with merged cells, two-row headers, title
and note rows, repeated print titles; .docx/.txt for notices) and ``<file>.expected.json`` beside it with
what a correct import gives: document kind, name, issuer, year and per item path, title, content, units
and deadline kind.

Expectation conventions:

* ``title: null`` = the source gives the task no title of its own; the title must then be the start of
  the content (numbering removed), so only ``content`` is compared exactly;
* ``content`` keeps the lines of a list written inside one cell (``1、…`` / ``●…`` / one law per line);
  a word wrapped inside a narrow cell (``政策`` / ``法规`` / ``文件``) is one word;
* ``units`` are unit names without role words; ``deadline`` is the kind of limit
  (none, unknown, workdays, days, year_end, month, date, ongoing, periodic, realtime, after_event);
* kind ``not_checklist``: a report or summary, refused unless the clerk insists; no items expected.

Run: ``python tests/data/corpus/make_corpus.py`` (rewrites every file in this folder).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = Path(__file__).resolve().parent
M = None  # a cell merged with the one above (vertical) or, in a header's top row, the one to its left

CHANNELS_ALL = ("政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
                "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他")


def boxes(*chosen: str) -> str:
    """The printed checkbox list of the national catalogue guideline with ``chosen`` ticked."""
    return " ".join(("■" if c in chosen else "□") + c for c in CHANNELS_ALL)


def cat_header(objects=("全社会", "特定群体"), modes=("主动", "依申请"), levels=("县级", "乡、村级"),
               levels_word="公开层级"):
    top = ["序号", "公开事项", M, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", M, "公开方式", M]
    sub = ["", "一级事项", "二级事项", "", "", "", "", "", *objects, *modes]
    if levels:
        top += [levels_word] + [M] * (len(levels) - 1)
        sub += list(levels)
    return top, sub


def it(path, title, content, units, deadline):
    return {"path": list(path), "title": title, "content": content, "units": list(units), "deadline": deadline}


# --------------------------------------------------------------------------------------------- writers

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def write_xlsx(path: Path, sheets: list[dict]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec["name"])
        top, sub = spec["header"][0], (spec["header"][1] if len(spec["header"]) > 1 else None)
        width = len(top)
        r = 1
        for line in spec.get("above", []):
            ws.cell(r, 1, line).font = Font(bold=True, size=14 if line == spec["above"][-1] else 11)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        first_header = r
        for c in range(width):  # top header row; M spans to the left
            if top[c] is not M:
                ws.cell(r, c + 1, top[c])
        c = 0
        while c < width:
            end = c
            while end + 1 < width and top[end + 1] is M:
                end += 1
            if end > c:
                ws.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=end + 1)
            elif sub is not None and not sub[c]:
                ws.merge_cells(start_row=r, start_column=c + 1, end_row=r + 1, end_column=c + 1)
            c = end + 1
        if sub is not None:
            r += 1
            for c in range(width):
                if sub[c]:
                    ws.cell(r, c + 1, sub[c])
        for rr in range(first_header, r + 1):
            for c in range(width):
                ws.cell(rr, c + 1).border = BORDER
                ws.cell(rr, c + 1).alignment = WRAP
                ws.cell(rr, c + 1).font = Font(bold=True)
        ws.print_title_rows = f"{first_header}:{r}"
        r += 1
        starts: dict[int, int] = {}
        for row in spec["rows"]:
            if isinstance(row, str):  # a section heading merged over the table
                for c, start in starts.items():
                    if r - 1 > start:
                        ws.merge_cells(start_row=start, start_column=c + 1, end_row=r - 1, end_column=c + 1)
                starts.clear()
                ws.cell(r, 1, row).font = Font(bold=True)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
                r += 1
                continue
            for c in range(width):
                v = row[c] if c < len(row) else ""
                if v is M:
                    continue
                if c in starts and r - 1 > starts[c]:
                    ws.merge_cells(start_row=starts[c], start_column=c + 1, end_row=r - 1, end_column=c + 1)
                starts[c] = r
                cell = ws.cell(r, c + 1, v if v != "" else None)
                cell.border = BORDER
                cell.alignment = WRAP
            r += 1
        for c, start in starts.items():
            if r - 1 > start:
                ws.merge_cells(start_row=start, start_column=c + 1, end_row=r - 1, end_column=c + 1)
        for line in spec.get("below", []):
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for c in range(width):
            ws.column_dimensions[chr(65 + c) if c < 26 else "A" + chr(65 + c - 26)].width = 14
    wb.save(path)


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _tbl(rows: list[list]) -> str:
    """A Word table; M marks a vertical merge continuation (w:vMerge)."""
    out = ["<w:tbl><w:tblPr><w:tblBorders>"
           + "".join(f'<w:{s} w:val="single" w:sz="4"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
           + "</w:tblBorders></w:tblPr>"]
    width = max(len(r) for r in rows if not isinstance(r, str))
    for i, row in enumerate(rows):
        out.append("<w:tr>")
        if isinstance(row, str):
            out.append(f'<w:tc><w:tcPr><w:gridSpan w:val="{width}"/></w:tcPr>{_p(row)}</w:tc>')
        else:
            for c, v in enumerate(row):
                nxt = rows[i + 1] if i + 1 < len(rows) and not isinstance(rows[i + 1], str) else None
                if v is M:
                    out.append('<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>')
                else:
                    merge = '<w:vMerge w:val="restart"/>' if nxt is not None and c < len(nxt) and nxt[c] is M else ""
                    paras = "".join(_p(x) for x in str(v).split("\n")) or "<w:p/>"
                    out.append(f"<w:tc><w:tcPr>{merge}</w:tcPr>{paras}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(path: Path, blocks: list) -> None:
    body = "".join(_tbl(b) if isinstance(b, list) else _p(b) for b in blocks)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", doc)


# --------------------------------------------------------------------------------------------- corpus

TIAOLI = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
YES = "√"
CORPUS: list[dict] = []


def entry(file, source, kind, name, issuer, year, items, build, note="", published=""):
    CORPUS.append({"file": file, "source": source, "published": published, "note": note, "kind": kind,
                   "name": name, "issuer": issuer, "year": year, "items": items, "build": build})


# 1. 凤屯镇 政府文件信息领域 (township catalogue, 镇级/村级 levels; the title row starts with "（二）")
_fengtun_rows = [
    ["1", "政府文件", "政府文件", "政府文件。", TIAOLI, "信息形成或变更之日起3个工作日内", "镇人民政府",
     "■政府网站 ■单位/村委会公示栏（电子屏）", YES, "", YES, "", YES, ""],
    ["2", "概况信息", "乡镇简介",
     "乡镇行政区划、人口民族、发展优势、地理位置、自然概貌、水系、气候环境、自然资源、历史文化、旅游资源、综合实力和社会事业等信息。",
     TIAOLI, "信息形成或变更之日起20个工作日内", "镇人民政府", "■政府网站", YES, "", YES, "", YES, ""],
    ["3", "政府工作报告", "政府工作报告", "镇人民政府工作报告全文。", TIAOLI, "信息形成或变更之日起20个工作日内",
     "镇人民政府", "■政府网站 ■会议", YES, "", YES, "", YES, ""],
]
entry("c01-fengtun-zhengfu-wenjian.xlsx", "https://imortgage.com.cn/info/1475/44091.htm", "catalogue",
      "凤屯镇政府文件信息领域基层政务公开标准目录", "", None,
      [it(["政府文件"], "政府文件", "政府文件。", ["镇人民政府"], "workdays"),
       it(["概况信息"], "乡镇简介", _fengtun_rows[1][3], ["镇人民政府"], "workdays"),
       it(["政府工作报告"], "政府工作报告", "镇人民政府工作报告全文。", ["镇人民政府"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["（二）凤屯镇政府文件信息领域基层政务公开标准目录"],
                                "header": cat_header(("全社会", "特定群众"), ("主动", "依申请公开"), ("镇级", "村级")),
                                "rows": _fengtun_rows}]),
      note="first three rows of the table")

# 2. 赛罕区 重大建设项目 (no 公开层级 column; 同上; extra platforms in the channel cell)
_saihan_basis = "《中华人民共和国政府信息公开条例》、《关于全面推进政务公开工作的意见》、《关于推进重大建设项目批准和实施领域政府信息公开的意见》"
_saihan_rows = [
    ["1", "批准服务信息", "办事指南", "申报材料清单、批准流程、办理时限、受理机构联系方式、申报要求等", _saihan_basis,
     "实时公开", "相关审批部门",
     "■政府网站 ■两微一端 ■纸质媒体 ■公开查阅点 ■政务服务中心 ■便民服务站\n■投资项目在线审批监管平台", YES, "", YES, ""],
    ["2", M, "办理过程信息", "事项名称、事项办理部门、办理进展等", _saihan_basis, "及时公开", "相关审批部门\n项目单位",
     "■政府网站 ■两微一端\n■政务服务中心\n■投资项目在线审批监管平台", YES, "", YES, ""],
    ["3", "招标投标信息", "招标投标", "招标公告、中标候选人公示、中标结果公示、合同订立及备案情况、招标投标违法处罚信息",
     _saihan_basis, "同上", "招标人及其招标代理机构或相关行政监督部门",
     "■政府网站 ■两微一端 ■发布会听证会\n■政务服务中心\n■公共资源交易平台\n■信用中国网站\n■招投标公共服务平台", YES, "", YES, ""],
]
entry("c02-saihan-zhongda-jianshe.xlsx", "https://www.saihan.gov.cn/zwgk_new/jczwgk/xzjd/hhsz/bzml", "catalogue",
      "重大建设项目领域基层政务公开标准目录", "", None,
      [it(["批准服务信息"], "办事指南", _saihan_rows[0][3], ["相关审批部门"], "realtime"),
       it(["批准服务信息"], "办理过程信息", _saihan_rows[1][3], ["相关审批部门", "项目单位"], "realtime"),
       it(["招标投标信息"], "招标投标", _saihan_rows[2][3], ["招标人及其招标代理机构", "相关行政监督部门"], "realtime")],
      lambda p: write_xlsx(p, [{"name": "重大建设项目", "above": ["重大建设项目领域基层政务公开标准目录"],
                                "header": cat_header(("全社会", "特定群众"), ("主动", "依申请公开"), ()),
                                "rows": _saihan_rows}]),
      note="first three rows (the page continues with 公共资源交易)")

# 3. 巩留县 住房保障 (附件2 line above the title; 20工作日; the 要素说明 note below the table)
_gongliu_ch = boxes("政府网站", "社区/企事业单位/村公示栏（电子屏）")
_gongliu_rows = [
    ["1", "", "公租房租赁补贴资格确认", "",
     "【条例】《住房城乡建设部 财政部关于做好城镇住房保障家庭租赁补贴工作的指导意见》（2016年12月8日发布，建保〔2016〕281号）",
     "20工作日", "巩留县住房和城乡建设局", _gongliu_ch, YES, "", YES, "", YES, ""],
    ["2", "", "公租房承租资格确认", "",
     "【规章】《公共租赁住房管理办法》（发文字号住房和城乡建设部令第11号，发布日期2012年05月28日，实施日期2012年07月15日，发布机关住房和城乡建设部）",
     "20工作日", "巩留县住房和城乡建设局", _gongliu_ch, YES, "", YES, "", YES, ""],
]
entry("c03-gongliu-zhufang-baozhang.xlsx", "https://20153.cn/xjgl/c115617/202311/47b1d2cfed304fe6a32cd187ba979422.shtml",
      "catalogue", "基层政务公开标准目录", "", None,
      [it([], "公租房租赁补贴资格确认", "", ["巩留县住房和城乡建设局"], "workdays"),
       it([], "公租房承租资格确认", "", ["巩留县住房和城乡建设局"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["附件2：", "基层政务公开标准目录"],
                                "header": cat_header(), "rows": _gongliu_rows,
                                "below": ["标准目录要素说明：", "1.公开事项名称。基层政务公开事项目录主要是政务公开事项的名称和主要公开内容分类，包括一级目录及各级子目录，并包括各级目录所属的"]}]),
      note="first two rows and the start of the 要素说明 below the table (2023)", published="2023-11")

# 4. 德安县 涉农资金 (one 公开事项 level, one 乡级 column, an in-cell numbered list)
_dean_ch = boxes("政府网站", "公开查阅点").replace("政务服务中心", "行政服务中心")
_dean_rows = [
    ["1", "政策文件", "1、中央及地方政府下发涉农资金相关文件\n2、我镇涉农资金相关文件", "《中华人民共和国政府信息公开条例》（国令第711号）",
     "信息形成或者变更之日起20个工作日内", "镇级人民政府", _dean_ch, YES, YES, YES, "", YES],
    ["2", "资金明细", "涉农相关资金明细", "《中华人民共和国政府信息公开条例》（国令第711号）",
     "信息形成或者变更之日起20个工作日内", "镇级人民政府", _dean_ch, YES, YES, YES, "", YES],
]
entry("c04-dean-shenong-zijin.xlsx", "http://www.dean.gov.cn/ztzl/zwgkzl/wszzt/gklw001/snxx/202302/t20230214_5934672.html",
      "catalogue", "涉农资金领域基层政务公开标准目录", "", None,
      [it([], "政策文件", "1、中央及地方政府下发涉农资金相关文件\n2、我镇涉农资金相关文件", ["镇级人民政府"], "workdays"),
       it([], "资金明细", "涉农相关资金明细", ["镇级人民政府"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["涉农资金领域基层政务公开标准目录"],
                                "header": (["序号", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                                            "公开渠道和载体", "公开对象", M, "公开方式", M, "公开层级"],
                                           ["", "", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请", "乡级"]),
                                "rows": _dean_rows}]),
      published="2023-02-14")

# 5. 宝坻区 社会救助 (two 一级事项 runs merged vertically)
_tj_basis = "《信息公开条例》及相关规定"
_tj_units = "县级政府民政部门、乡镇政府（街道办事处）"
_tj_rows = [
    ["1", "综合业务", "政策", "《社会救助暂行办法》", _tj_basis, "制定或获取信息之日起10个工作日内", _tj_units, "■政府网站", YES, "", YES, "", YES, YES],
    ["2", M, "监督", "社会救助信访通讯地址", _tj_basis, "制定或获取信息之日起10个工作日内", _tj_units, "■政府网站", YES, "", YES, "", YES, YES],
    ["3", "最低生活保障", "政策", "《国务院关于进一步加强和改进最低生活保障工作的意见》、《最低生活保障审核审批办法（试行）》、各地配套政策法规文件",
     _tj_basis, "制定或获取信息之日起10个工作日内", _tj_units, "■政府网站", YES, "", YES, "", YES, YES],
    ["4", M, "办事指南", "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
     "《国务院关于进一步加强和改进最低生活保障工作的意见》、各地相关政策法规文件", "制定或获取信息之日起10个工作日内", _tj_units,
     "■政府网站", YES, "", YES, "", YES, YES],
]
_tj_u = ["县级政府民政部门", "乡镇政府（街道办事处）"]
entry("c05-baodi-shehui-jiuzhu.xlsx", "https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html",
      "catalogue", "社会救助领域基层政务公开标准目录", "", None,
      [it(["综合业务"], "政策", "《社会救助暂行办法》", _tj_u, "workdays"),
       it(["综合业务"], "监督", "社会救助信访通讯地址", _tj_u, "workdays"),
       it(["最低生活保障"], "政策", _tj_rows[2][3], _tj_u, "workdays"),
       it(["最低生活保障"], "办事指南", _tj_rows[3][3], _tj_u, "workdays")],
      lambda p: write_xlsx(p, [{"name": "社会救助", "above": ["社会救助领域基层政务公开标准目录"],
                                "header": cat_header(("全社会", "特定群众"), ("主动", "依申请公开")), "rows": _tj_rows}]),
      note="first four rows", published="2020-12-16")

# 6. 盖州市 社会救助 (PDF spacing: "序 号", "制 定 或 获 取 …"; one law per line inside a cell)
_gz_basis = "《信息公开条例》及相关规定、根据国务院《社会救助暂行办法》、《辽宁省人民政府办公厅关于全面实施临时救助制度的通知》（辽政办发（2014）74号、《关于进一步做好脱贫攻坚期间临时救助工作的通知》辽民发（2018）74号等相关文件"
_gz_ch = "■政府网站\n□征地信息公开平台 □政务服务中心 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 □便民服务站 □入户/现场 □社区/企事业单位/村公示 栏（电子屏） □精准推送 □其他"
_gz_rows = [
    ["1", "综合\n业务", "政策\n法规\n文件", "《社会救助暂行办法》\n各地配套政策法规文件", _gz_basis, "制 定 或 获 取 信 息之日起 10 个 工作日内",
     "盖州市民政局", _gz_ch, YES, "", YES, "", YES, YES],
    ["2", M, "监督\n检查", "社会救助信访通讯地址\n社会救助投诉举报电话", _gz_basis, "制 定 或 获 取 信 息之日起 10 个 工作日内",
     "盖州市民政局", _gz_ch, YES, "", YES, "", YES, YES],
]
_gz_header = (["序 号", "公开事项", M, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", M,
               "公开方式", M, "公开层级", M],
              ["", "一级 事项", "二级 事项", "", "", "", "", "", "全\n社 会", "特定 群众", "主 动", "依申\n请公 开", "县级", "乡、 村级"])
entry("c06-gaizhou-shehui-jiuzhu.xlsx", "http://www.gaizhou.gov.cn/govxxgk/gzs/2022-01-06/3c993a7e-3dfc-449d-9582-3e26311e7633.html",
      "catalogue", "社会救助领域基层政务公开标准目录", "", None,
      [it(["综合业务"], "政策法规文件", "《社会救助暂行办法》\n各地配套政策法规文件", ["盖州市民政局"], "workdays"),
       it(["综合业务"], "监督检查", "社会救助信访通讯地址\n社会救助投诉举报电话", ["盖州市民政局"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["社会救助领域基层政务公开标准目录"], "header": _gz_header,
                                "rows": _gz_rows}]),
      note="first two rows", published="2022-01-06")

# 7. 大竹县 社会救助 (web page meta lines above the title; words wrapped in narrow cells)
_dz_units = "县民政局、各乡（镇）人民政府（街道办事处）"
_dz_u = ["县民政局", "各乡（镇）人民政府（街道办事处）"]
_dz_ch = "■政府网站\n■公开查阅点\n■政务服务中心"
_dz_rows = [
    ["1", "综合业务", "政策\n法规\n文件", "《社会救助暂行办法》\n各地配套政策法规文件", _tj_basis, "制定或获取信息之日起10个工作日内", _dz_units, _dz_ch, YES, "", YES, "", YES, YES],
    ["2", M, "监督\n检查", "社会救助信访通讯地址\n社会救助投诉举报电话", _tj_basis, "制定或获取信息之日起10个工作日内", _dz_units,
     _dz_ch + "\n■社区/企事业单位/村公示栏（电子屏）", YES, "", YES, "", YES, YES],
    ["3", "最低生活保障", "政策\n法规\n文件", "《国务院关于进一步加强和改进最低生活保障工作的意见》、《最低生活保障审核审批办法（试行）》、各地配套政策法规文件",
     _tj_basis, "制定或获取信息之日起10个工作日内", _dz_units, _dz_ch, YES, "", YES, "", YES, YES],
    ["4", M, "办事指南", "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
     "《国务院关于进一步加强和改进最低生活保障工作的意见》、各地相关政策法规文件", "制定或获取信息之日起10个工作日内", _dz_units, _dz_ch,
     YES, "", YES, "", YES, YES],
]
entry("c07-dazhu-shehui-jiuzhu.xlsx", "http://www.dazhu.gov.cn/xxgk-show-199777.html", "catalogue",
      "社会救助领域基层政务公开标准目录", "", 2022,
      [it(["综合业务"], "政策法规文件", "《社会救助暂行办法》\n各地配套政策法规文件", _dz_u, "workdays"),
       it(["综合业务"], "监督检查", "社会救助信访通讯地址\n社会救助投诉举报电话", _dz_u, "workdays"),
       it(["最低生活保障"], "政策法规文件", _dz_rows[2][3], _dz_u, "workdays"),
       it(["最低生活保障"], "办事指南", _dz_rows[3][3], _dz_u, "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["社会救助领域基层政务公开标准目录", "来源：县信息公开办", "发布日期：2022-09-28"],
                                "header": cat_header(("全社会", "特定群众"), ("主动", "依申请公开")), "rows": _dz_rows}]),
      note="first four rows; the page's meta lines (来源, 发布日期) are kept below the title as printed", published="2022-09-28")

# 8. 石城县 社会救助 (一级目录 column before three 事项 levels; 市级/县级/乡级)
_sc_ch = "■政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 ■政务服务中心 □便民服务站 □入户/现场 □社区/企事业单位/村公示栏 （电子屏） □精准推送 □其他"
_sc_units = "民政局、乡镇人民政府（街道办事处）"
_sc_b = "《中华人民共和国政府信息公开条例》（国令第711号）"
_sc_rows = [
    ["1", "综合业务", "综合业务", "政策法规文件", "", "1.《社会救助暂行办法》（国务院令第649号）\n2.各地配套政策法规文件", _sc_b,
     "制定或获取信息之日起10个工作日内", _sc_units, _sc_ch, YES, "", YES, "", "", YES, YES],
    ["2", M, M, "监督检查", "", "1.社会救助信访通讯地址\n2.社会救助投诉举报电话", _sc_b, "制定或获取信息之日起10个工作日内", _sc_units,
     _sc_ch.replace("□社区/企事业单位/村公示栏", "■社区/企事业单位/村公示栏"), YES, "", YES, "", "", YES, YES],
    ["3", "最低生活保障", "最低生活保障", "政策法规文件", "",
     "1.《国务院关于进一步加强和改进最低生活保障工作的意见》（国发〔2012〕45号）\n2.《最低生活保障审核审批办法（试行）》（民发〔2012〕220号）\n3.各地配套政策法规文件",
     _sc_b, "制定或获取信息之日起10个工作日内", _sc_units, _sc_ch, YES, "", YES, "", "", YES, YES],
]
_sc_u = ["民政局", "乡镇人民政府（街道办事处）"]
entry("c08-shicheng-shehui-jiuzhu.xlsx", "http://www.shicheng.gov.cn/scxzf/shjzbzml/202407/5d1663de28994d908f3ced794c1ec349.shtml",
      "catalogue", "社会救助领域基层政务公开标准目录", "", None,
      [it(["综合业务"], "政策法规文件", _sc_rows[0][5], _sc_u, "workdays"),
       it(["综合业务"], "监督检查", _sc_rows[1][5], _sc_u, "workdays"),
       it(["最低生活保障"], "政策法规文件", _sc_rows[2][5], _sc_u, "workdays")],
      lambda p: write_xlsx(p, [{"name": "社会救助", "above": ["社会救助领域基层政务公开标准目录"],
                                "header": (["序号", "一级目录", "公开事项", M, M, "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                                            "公开渠道和载体", "公开对象", M, "公开方式", M, "公开层级", M, M],
                                           ["", "", "一级事项", "二级事项", "三级事项", "", "", "", "", "", "全社会", "特定群体",
                                            "主动", "依申请", "市级", "县级", "乡级"]),
                                "rows": _sc_rows}]),
      note="first three rows", published="2024-07")

# 9. 某镇 社会救助 (mdx.gov.cn; basis, limit and unit merged down over several rows)
_md_ch = "■政府网站\n■政务服务中心\n■镇村公示公开栏"
_md_rows = [
    ["1", "综合业务", "政策法规文件", "《社会救助暂行办法》\n各地配套政策法规文件", "《中华人民共和国政府信息公开条例》及相关规定",
     "制定或获取信息之日起10个工作日内", "镇人民政府", _md_ch, YES, "", YES, "", YES, ""],
    ["2", M, "监督检查", "社会救助信访通讯地址\n社会救助投诉举报电话", M, M, M, M, M, "", M, "", M, ""],
    ["3", "最低生活保障", "政策法规文件",
     "《国务院关于进一步加强和改进最低生活保障工作的意见》《最低生活保障审核审批办法（试行）》、各地配套政策法规文件",
     M, M, M, "■社区/企事业单位/村公示栏（电子屏）", M, "", M, "", M, ""],
    ["4", M, "办事指南", "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式",
     "《国务院关于进一步加强和改进最低生活保障工作的意见》、各地相关政策法规文件", M, M, M, M, "", M, "", M, ""],
]
_md_u = ["镇人民政府"]
entry("c09-mdx-shehui-jiuzhu.xlsx", "http://mdx.gov.cn/info/1473/43897.htm", "catalogue",
      "社会救助领域基层政务公开标准目录", "", None,
      [it(["综合业务"], "政策法规文件", "《社会救助暂行办法》\n各地配套政策法规文件", _md_u, "workdays"),
       it(["综合业务"], "监督检查", "社会救助信访通讯地址\n社会救助投诉举报电话", _md_u, "workdays"),
       it(["最低生活保障"], "政策法规文件", _md_rows[2][3], _md_u, "workdays"),
       it(["最低生活保障"], "办事指南", _md_rows[3][3], _md_u, "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["社会救助领域基层政务公开标准目录"],
                                "header": cat_header(("全社会", "特定群众"), ("主动", "依申请公开"), ("镇级", "村级")),
                                "rows": _md_rows}]),
      note="first four rows (the page is a PDF table as text; merges as printed)")

# 10. 荷花镇 社会救助 (● lists in cells; sub-labels 社会 / 申请 as printed)
_hh_b1 = ("● 《社会救助暂行办法》（国务院令第649号）\n● 《国务院关于进一步加强和改进最低生活保障工作的意见》（国发〔2012〕45号）\n"
          "● 《最低生活保障审核审批办法（试行）》（民发〔2012〕220号）")
_hh_rows = [
    ["1", "综合业务", "政策法规", _hh_b1, "●中华人民共和国政府信息公开条例", "制定或获取信息之日起10个工作日内", "乡镇人民政府",
     boxes("政府网站", "社区/企事业单位/村公示栏（电子屏）"), YES, "", YES, "", "", YES],
    ["2", M, "监督检查", "●社会救助信访通讯地址\n●社会救助投诉举报电话", "●中华人民共和国政府信息公开条例", "制定或获取信息之日起10个工作日内",
     "乡镇人民政府", boxes("政府网站", "社区/企事业单位/村公示栏（电子屏）"), YES, "", YES, "", "", YES],
]
entry("c10-tengchong-hehua-shehui-jiuzhu.xlsx", "https://www.tengchong.gov.cn/info/7151/5817733.htm", "catalogue",
      "社会救助领域基层政务公开标准目录", "", None,
      [it(["综合业务"], "政策法规", _hh_b1, ["乡镇人民政府"], "workdays"),
       it(["综合业务"], "监督检查", "●社会救助信访通讯地址\n●社会救助投诉举报电话", ["乡镇人民政府"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["社会救助领域基层政务公开标准目录"],
                                "header": cat_header(("社会", "特定群体"), ("主动", "申请"), ("县级", "乡级")),
                                "rows": _hh_rows}]),
      note="first two rows; the first cell lists the first three of its eight documents")

# 10b. 锡林浩特市 卫生健康 (a PDF table as converted: the content list of one item on rows of its own, and a
# second table with its own title and repeated header on the same sheet)
_xl_basis1 = "【法律】《中华人民共和国人口与计划生育法》（中华人民共和国主席令第41号2015年12月27日修正）"
_xl_basis2 = (_xl_basis1 + "\n【部门规章及规范性文件】《关于印发全国独生子女伤残死亡家庭特别扶助制度试点方案的通知》（国人口发〔2007〕78号）")
_xl_dl = "自信息形\n成或者变\n更之日起\n20个工作\n日内予以\n公开"
_xl_ch = "■政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 □政务服务中心 □便民服务站 □入户/现场 □社区/企事业单位/村公示栏（电子屏） □精准推送 □其他"
_xl_header = cat_header(("全社会", "特定群体"), ("主动", "依申请"), ("县级", "乡级"))
_xl_rows = [
    ["0505", "", "独生子女父母奖励", "法律法规和政策文件", _xl_basis1, _xl_dl, "街道办事处", _xl_ch, YES, "", YES, "", "", YES],
    ["", "", "", "申请材料", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "受理范围及条件", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "办理流程", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "咨询投诉渠道", "", "", "", "", "", "", "", "", "", ""],
    "卫生健康领域基层政务公开标准目录（试行）",
    [x if x is not M else "" for x in _xl_header[0]],
    list(_xl_header[1]),
    ["0507", "", "计划生育家庭特别扶助", "法律法规和政策文件", _xl_basis2, _xl_dl, "街道办事处", _xl_ch, YES, "", YES, "", "", YES],
]
entry("c11-xilinhaote-weisheng.xlsx", "https://www.xilinhaote.gov.cn/xilinhaote/ztzl/qmtjjczwgkbzhgfhgz/bmjczwgk/blgjdbsc/gkbzml/index.html",
      "catalogue", "标准目录", "", None,
      [it([], "独生子女父母奖励", "法律法规和政策文件\n申请材料\n受理范围及条件\n办理流程\n咨询投诉渠道", ["街道办事处"], "workdays"),
       it([], "计划生育家庭特别扶助", "法律法规和政策文件", ["街道办事处"], "workdays")],
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["标准目录"], "header": _xl_header, "rows": _xl_rows}]),
      note="two items as the PDF-to-table conversion gives them: the content lines of 0505 on rows of their own; "
           "the second table's title and header repeated on the sheet")

# 11. 池州市信访局 task table (序号 between the task column and the requirement; 持续推进)
_cz = [
    ("强化行政规范性文件集中规范公开", "对行政规范性文件进行全面清理，并向社会公布现行有效行政规范性文件目录。", "办公室", "年底前", "year_end"),
    ("深化政策解读形式", "积极做好政策解读工作，持续提升政策解读质量，丰富解读形式。", "各科室", "持续推进", "ongoing"),
    ("做好主动公开基础工作", "严格规范政府信息公开专栏，及时、集中、规范发布法定主动公开内容。严格执行政府信息公开制度，完善政府信息公开保密审查，增强保密意识，防范泄密风险。", "各科室", "持续推进", "ongoing"),
    (M, "规范做好政府信息公开工作年度报告编制发布工作，将年度重点工作任务落实情况纳入年报，确保体例规范、数据准确，接受社会监督。", "办公室", "持续推进", "ongoing"),
    ("规范办理依申请公开", "依法依规办理政府信息公开申请，做行政复议答复和行政诉讼答辩工作，防范法律风险。", "各科室", "持续推进", "ongoing"),
    ("认真抓好工作落实", "制定并公开本部门政务公开重点任务清单，明确具体要求、责任科室及完成时限，逐项推动工作落实", "办公室", "持续推进", "ongoing"),
    ("加强宣传", "积极参加“政务公开交流”约稿活动，认真总结报送优秀稿件。", "各科室", "持续推进", "ongoing"),
    ("做好指导监督", "积极参加政务公开工作培训和研讨交流，不断提升业务能力。", "办公室", "持续推进", "ongoing"),
]
_cz_items = []
_last = ""
for _n, (_task, _req, _unit, _dl, _kind) in enumerate(_cz, 1):
    _last = _last if _task is M else _task
    _cz_items.append(it([_last], None, _req, [_unit], _kind))
entry("t01-chizhou-xinfang-tasks.xlsx", "https://xfj.chizhou.gov.cn/OpennessContent/show/1426818.html", "tasks",
      "t01-chizhou-xinfang-tasks", "", None, _cz_items,
      lambda p: write_xlsx(p, [{"name": "Sheet1", "header": (["工作任务", "序号", "具体要求", "责任科室", "时限要求"],),
                                "rows": [[t, str(n), r, u, d] for n, (t, r, u, d, _) in enumerate(_cz, 1)]}]),
      note="the whole table; the page has no title row above it")

# 12. 江门市土地储备中心 task table (categories with "一、" and a trailing "。"; "办公室牵头，各科室配合")
_jm = [
    ("一、做好财政信息公开。", "1.积极推进本中心预算、决算及相关报表公开。", "财务科", ["财务科"]),
    ("二、做好政府网站专栏信息公开。", "2.及时更新网站频道的各类型概况信息。", "办公室", ["办公室"]),
    (M, "3.及时反馈网民对调查征集信息的意见。", "各科室", ["各科室"]),
    (M, "4.及时更新微信公众号信息。", "办公室牵头，各科室配合", ["办公室", "各科室"]),
    ("三、持续加强重大政策发布解读。", "5.聚焦我中心工作，切实加强重大政策实施的发布解读。要开展深入宣传阐释，精心组织策划，及时发布权威信息，积极开展多角度、全方位、立体化、多频次的深度解读。", "各科室", ["各科室"]),
    (M, "6.综合运用新闻发布会、在线访谈、图文动画、短视频等形式，对重大政策开展深入解读，更加注重对政策背景、出台目的、重要举措等方面的实质性解读。", "各科室", ["各科室"]),
    ("四、不断改进政策解读工作方式。", "7.按照《江门市政府系统政策解读工作细则（试行）》相关要求，健全政策解读工作机制，规范工作流程，确保解读方案、解读材料与政策文件同步组织、同步审签、同步部署。", "办公室牵头，各科室配合", ["办公室", "各科室"]),
    (M, "8.加强政策咨询服务，要积极解答政策执行机关和企业、群众的咨询，精准传达政策意图（政策文件和解读资料需添加咨询方式）。", "各科室", ["各科室"]),
    (M, "9.加强内部协调工作，修订本单位政府信息公开指南，明确对外告知政府信息公开渠道。", "办公室牵头，各科室配合", ["办公室", "各科室"]),
    ("五、切实增强回应关切效果。", "10.密切关注涉及土地储备等方面的舆情并及时作出回应，助力防范化解重大风险。", "各科室", ["各科室"]),
]
_jm_titles = ["积极推进本中心预算、决算及相关报表公开", "及时更新网站频道的各类型概况信息", "及时反馈网民对调查征集信息的意见",
              "及时更新微信公众号信息", "聚焦我中心工作，切实加强重大政策实施的发布解读", None, None, None,
              "加强内部协调工作，修订本单位政府信息公开指南，明确对外告知政府信息公开渠道",
              "密切关注涉及土地储备等方面的舆情并及时作出回应，助力防范化解重大风险"]
_jm_items = []
for (_task, _req, _unit, _u), _title in zip(_jm, _jm_titles):
    _last = _last if _task is M else _task[2:].rstrip("。")
    _jm_items.append(it([_last], _title, _req, _u, "none"))
entry("t02-jiangmen-tudi-chubei-tasks.xlsx", "http://sd-xs.com/bmpd/jmstdcbzx/zwdt/tzgg/content/post_2452685.html", "tasks",
      "t02-jiangmen-tudi-chubei-tasks", "", None, _jm_items,
      lambda p: write_xlsx(p, [{"name": "Sheet1", "header": (["工作任务", "具体要求", "责任部门"],),
                                "rows": [[t, r, u] for t, r, u, _ in _jm]}]),
      note="rows 1-10 (row 11 is cut off in the stored page)")

# 13. 淮南市残联 2024 task table, a web page rebuilt as .docx (title paragraph + table; 一、 rows span the table)
_hn = [
    "一、围绕服务经济和保障民生抓好主动公开",
    ["（一）聚焦中心工作", "1", "及时公开加快构建现代化产业体系、扩大有效投资、促进民营经济发展等方面政策举措和进展成效，系统全面准确传递政策取向，以高质量政策公开助推高质量转型发展。", "办公室", "持续推进"],
    [M, "2", "深化惠农、教育、就业、卫生健康、社会救助、社会保障等民生领域信息公开，持续加大50项民生实事及市政小微项目等信息公开和宣传推广力度，及时回应群众关切，推动“民声呼应”提质增效。", "市民生办", "持续推进"],
    [M, "3", "聚焦“高效办成一件事”，集成式、一站式发布政务服务事项目录、办事指南、办理进展等。", "相关业务科室", "持续推进"],
    ["（二）聚焦公众参与", "4", "涉及重大公共利益的政策文件，除依法依规应当保密的外，应通过征求意见、听证座谈等方式扩大公众参与，并及时公开执行情况评估结果。", "相关业务科室、办公室", "持续推进"],
    [M, "6", "围绕重点工作和群众关切定期组织开展“政府开放日”等活动，加大宣传力度，提高活动效果，防止形式主义。", "相关业务科室", "持续推进"],
    ["（三）聚焦监督管理", "7", "加强行政机关权力配置和运行信息公开，持续做好动态更新，推动行政机关依法规范履职。涉及机构改革的各级政府部门，及时公开调整后的职责变化情况，依法公开本机构的职能等信息，并更新完善公开目录。", "相关业务科室", "持续推进"],
]
_hn_p1 = "围绕服务经济和保障民生抓好主动公开"
_hn_items = [it([_hn_p1, "聚焦中心工作"], None, _hn[1][2], ["办公室"], "ongoing"),
             it([_hn_p1, "聚焦中心工作"], None, _hn[2][2], ["市民生办"], "ongoing"),
             it([_hn_p1, "聚焦中心工作"], None, _hn[3][2], ["相关业务科室"], "ongoing"),
             it([_hn_p1, "聚焦公众参与"], None, _hn[4][2], ["相关业务科室", "办公室"], "ongoing"),
             it([_hn_p1, "聚焦公众参与"], None, _hn[5][2], ["相关业务科室"], "ongoing"),
             it([_hn_p1, "聚焦监督管理"], None, _hn[6][2], ["相关业务科室"], "ongoing")]
entry("t03-huainan-canlian-2024-tasks.docx", "https://www.huainan.gov.cn/public/118319872/1260231200.html", "tasks",
      "淮南市残疾人联合会2024年政务公开重点工作任务分工", "淮南市残疾人联合会", 2024, _hn_items,
      lambda p: write_docx(p, ["【政务公开任务分工】淮南市残疾人联合会2024年政务公开重点工作任务分工",
                               [["工作任务", "序号", "具体要求", "责任科室", "时限要求"], *_hn]]),
      note="rows 1-7 as numbered in the source (it has no row 5); row 8 is cut off in the stored page")

# 14. 潍坊市 2017 实施方案 (header 目标任务; units "…牵头落实")
_wf = [
    "一、以政务公开助力稳增长",
    ["（一）加强预期引导", "围绕我市经济社会发展形势、国家宏观经济政策和全市相关经济政策执行落实情况，通过市政府例行新闻发布会、市政府新闻办新闻发布会、媒体采访、提供解读素材等形式及时宣传解读。", "市发改委牵头落实"],
    [M, "围绕出台促进就业规划、就业创业政策，加强就业创业政策信息公开，深入解读政策背景、依据、目标任务、涉及范围、落实情况等。", "市人社局牵头落实"],
    [M, "围绕稳健中性的货币政策、优化融资结构和信贷结构等信贷政策，加强金融政策信息公开，通过政策通报会、银企对接会等方式，加大货币和金融业改革发展政策的宣传和预期引导，及时准确将政策意图传递给市场，以政策解读的“透”赢得市场预期的“稳”。", "市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实"],
    [M, "加强财政政策信息公开，按月公开全市财政收支情况，解读财政收支增减变化情况及原因、预判财政收入走势，主动解释说明收支运行中可能引发社会关注的热点问题，引导社会各方面正确认识财政形势。", "市财政局牵头落实"],
]
_wf_path = ["以政务公开助力稳增长", "加强预期引导"]
_wf_items = [it(_wf_path, None, _wf[1][1], ["市发改委"], "none"),
             it(_wf_path, None, _wf[2][1], ["市人社局"], "none"),
             it(_wf_path, None, _wf[3][1], ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], "none"),
             it(_wf_path, None, _wf[4][1], ["市财政局"], "periodic")]
entry("t04-weifang-2017-tasks.xlsx", "https://bdocx.com/doc/5328372.html", "tasks",
      "潍坊市2017年政务公开工作要点实施方案", "", 2017, _wf_items,
      lambda p: write_xlsx(p, [{"name": "Sheet1", "above": ["潍坊市2017年政务公开工作要点实施方案"],
                                "header": (["目标\n任务", "主要内容", "责任单位"],), "rows": _wf}]),
      note="the first four tasks (the fifth's unit list is cut off in the stored page)")

# 15. 新余市 2023 工作要点 (preamble 一、总体要求 with （一）指导思想 （二）工作目标; 1. tasks under （一）)
_xy_goal = ("紧紧围绕市委市政府年度重点工作目标任务，聚焦经济社会发展和民生关心关切，扎实推进政务公开标准化规范化建设，实现工作从注重公开数量向注重公开质量和深度转变。"
            "到2023年底，市、县（区）两级政务公开工作机制趋于完善，统一规范的政务公开事项标准目录管理体系更加精细，政策文件全流程公开工作机制初步建成，"
            "公开信息实用性不断增强，依申请公开办理更加规范，政民互动效果进一步显现，人民群众对政务公开的知晓度、满意度明显提升。")
_xy_task = "聚焦落实战略部署加强公开。紧紧围绕“工小美”战略，紧紧围绕建设新宜吉合作主阵地、大南昌都市圈产业"
_xy_lines = [
    "各县（区）人民政府、管委会，市政府各部门、市直相关单位：",
    "《2023年新余市政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
    "新余市人民政府办公室",
    "2023年8月7日",
    "（此件主动公开）",
    "2023年新余市政务公开工作要点",
    "为进一步深化新余市政务公开工作，提高行政透明度和政府公信力，助力法治政府、服务型政府建设，制定本要点。",
    "一、总体要求",
    "（一）指导思想",
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，深入贯彻习近平总书记视察江西重要讲话精神，认真落实党中央、国务院和省委、省政府决策部署，准确把握新时代政务公开新形势新要求，进一步转变政务公开职能，提高政策发布解读实效，主动回应社会关切，提升政府管理服务透明度和可预期性，充分发挥以公开促落实、助监督、强监管的功能作用，更好统筹政务公开与安全保密，以扎实有效的政务公开工作助力全面建设社会主义现代化幸福城市。",
    "（二）工作目标",
    _xy_goal,
    "二、紧扣经济发展大局深化公开",
    "（一）加强重大战略实施信息公开",
    "1." + _xy_task,
]
entry("n01-xinyu-2023-workpoints.txt", "http://echinagov.com/policy/346701.htm", "notice",
      "2023年新余市政务公开工作要点", "新余市人民政府办公室", 2023,
      [it(["总体要求"], "工作目标", _xy_goal, [], "year_end"),
       it(["紧扣经济发展大局深化公开", "加强重大战略实施信息公开"], "聚焦落实战略部署加强公开", _xy_task, [], "none")],
      lambda p: p.write_text("\n".join(_xy_lines) + "\n", encoding="utf-8"),
      note="from the greeting to the first task, where the stored page ends; (二)工作目标 names a date, so it is a task")

# 16. 新乡市 2020 实施方案 as .docx (title split over two lines; targets with dates under 一、目标要求)
_xx1 = "2020年年底前，我市初步建成26个试点领域基层政务公开事项目录体系，政务公开制度持续规范，组织保障更加有力。"
_xx2 = "2022年6月底前，制定完成公开事项科学全面、工作流程规范高效、平台渠道丰富多元的基层政务公开标准和规范，基"
_xx_blocks = [
    "新乡市人民政府办公室关于印发全面推进新乡市基层政务公开标准化规范化工作实施方案的通知",
    "新政办〔2020〕23号",
    "各县（市）、区人民政府，市人民政府各部门：",
    "《全面推进新乡市基层政务公开标准化规范化工作实施方案》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
    "新乡市人民政府办公室",
    "2020年6月2日",
    "全面推进新乡市基层政务公开标准化规范化",
    "工作实施方案",
    "为贯彻落实《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号，以下简称《指导意见》）和《河南省人民政府办公厅关于全面推进基层政务公开标准化规范化工作的通知》（豫政办〔2020〕5号，以下简称《通知》）精神，明确目标任务和职责分工，强化工作措施和责任落实，切实提升全市基层政务公开工作质量和成效，经市政府同意，结合我市实际，特制定本实施方案。",
    "一、目标要求",
    "坚持“应公开、尽公开”原则，全面推进基层政务公开标准化规范化建设，到2023年，基本建成统一规范的基层政务公开标准体系，覆盖基层政府（包括县、不设区的市、市辖区政府和乡镇政府、街道办事处，下同）行政权力运行全过程和政务服务全流程，基层政务公开工作机制、公开平台、专业队伍进一步健全完善，公开成为自觉，透明成为常态。",
    "（一）" + _xx1,
    "（二）" + _xx2,
]
entry("n02-xinxiang-2020-plan.docx", "http://m.nbttlpb.cn/ztzl/zwgk/zcwj/1600136631420.html", "notice",
      "新乡市人民政府办公室关于印发全面推进新乡市基层政务公开标准化规范化工作实施方案的通知", "新乡市人民政府办公室", 2020,
      [it(["目标要求"], None, _xx1, [], "year_end"), it(["目标要求"], None, _xx2, [], "month")],
      lambda p: write_docx(p, _xx_blocks),
      note="transcribed from a traditional-character mirror back to simplified; ends where the stored page ends")

# 17. 绥棱县 2018 实施方案 (二、工作任务 > （一） > 1. : the numbered tasks are the items)
_sl_task = "把公开透明作为政府工作的基本要求，坚持以公开为常态、不公开为例外，政府全体会议、政府及其部门制定的政策，除依法需要保密的外应及时公开，以公开促进依法行政和政策落地见效，充分保障人民群众的知情权。制定出台涉及公共利益、公众"
_sl_lines = [
    "绥棱县2018年政务公开工作要点实施方案",
    "为深入贯彻落实《黑龙江省人民政府办公厅关于印发2018年全省政务公开工作要点的通知》（黑政办发〔2018〕35号）和《绥化市人民政府办公室关于印发绥化市贯彻落实2018年全省政务公开工作要点的实施方案的通知》（绥政办发〔2018〕23号），不断提升政务公开的质量和实效，助力全县营商环境优化，推动法治政府、廉洁政府、阳光型政府和服务型政府建设，结合本县实际，制定本方案。",
    "一、工作目标",
    "紧紧围绕党中央国务院、省、市重大决策部署、县委县政府改革发展重点任务及关于全面推进政务公开的系列部署和社会公众关切，进一步加大全县政务公开力度，拓宽政务公开范围和渠道，加强政策解读回应，提升政务服务水平。为助力全县营商环境优化，全力打造绥棱县“都城地”目标提供有力支撑。",
    "二、工作任务",
    "（一）围绕建设法治政府，全面推进政务公开。",
    "1." + _sl_task,
]
entry("n03-suiling-2018-plan.txt", "https://m.wenke99.com/p-5417283.html", "notice",
      "绥棱县2018年政务公开工作要点实施方案", "", 2018,
      [it(["工作任务", "围绕建设法治政府，全面推进政务公开"], None, _sl_task, [], "none")],
      lambda p: p.write_text("\n".join(_sl_lines) + "\n", encoding="utf-8"),
      note="the stored page runs the paragraphs together and drops the 〔〕 of the document numbers; rebuilt one paragraph per line as printed; ends where the page ends")

# 18. 十八里镇 2025 年度工作总结: not a checklist
_sbl = [
    "【工作总结】2025年政务公开工作总结",
    "发布时间：2025-12-15 15:24 信息来源：谯城区十八里镇",
    "2025 年十八里镇政务公开工作年度总结 —— 以公开促规范 以透明惠民生",
    "2025 年，十八里镇深入贯彻落实上级政务公开工作部署，锚定 “权力规范运行、政策落地见效、群众需求回应” 核心目标，以提升公开质量为主线，以拓宽公开渠道为抓手，扎实推进各项公开任务落地生根，让政务公开成为拉近干群关系、提升治理效能的重要纽带，为全镇经济社会高质量发展营造了透明高效、公平公正的政务环境。现将本年度工作情况总结如下：",
    "一、重点工作扎实推进，公开质效全面提升",
    "（一）权力配置公开规范化，履职边界更清晰",
    "清单动态更新：严格对标区级要求，动态优化镇政府及所属部门权责事项清单、公共服务清单、中介服务清单，全年完成 3 轮集中更新，调整事项 7 项，细化办事流程 12 项，让行政履职 “清单化、透明化”，确保权力运行有章可循。",
    "执法信息全公示：健全行政执法 “事前、事中、事后” 全流程公示机制，通过镇政务公开栏、村级公示牌、线上政务平台等渠道，公开行政许可、行政处罚等执法结果 126 条，公开率、准确率均达 100%，实现执法过程可监督、结",
]
entry("x01-shibali-2025-summary.txt", "https://www.bzqc.gov.cn/XxgkContent/show/2917453.html", "not_checklist",
      "", "", 2025, [], lambda p: p.write_text("\n".join(_sbl) + "\n", encoding="utf-8"),
      note="a year-end work summary, not a checklist", published="2025-12-15")

# 19. 清溪镇 2022 工作总结: not a checklist
_qx = [
    "清溪镇2022年政务公开工作总结",
    "2022年清溪镇政务公开工作在县委、县政府和镇党委的坚强领导下，在各部门的积极配合下，认真贯彻《中华人民共和国政府信息公开条例》和含山县政府公开办文件要求，围绕工作中心、真抓实干、不断深化政务公开，取得了较好的成效。现将我镇2022年政务公开工作汇报如下：",
    "一、加强领导，进一步健全政务公开组织体系",
    "进一步提高政治站位，切实加强组织领导，增强工作力量，成立了以主要领导为组长，分管领导为副组长的工作领导小组，并形成党政办直接经办，其他部门联动配合的工作模式，安排一名工作人员专职负责政务公开工作。健全体制机制，完善主动公开、依申请公开、保密审查、社会评议、责任追究等工作制度，以“制度化”全面规范政务公开工作流程，促进政务公开工作的高效管理。",
    "二、规范内容，进一步提高政务公开工作水平",
    "把握重点领域。以关系群众切身利益的重要事项为核心，结合全镇实际，把握重点领域公开内容，加大财政资金信息公开力度，各部门明确专人抓好本部门政务公",
]
entry("x02-qingxi-2022-summary.txt", "https://gongwensou.com/zhencun/71212.html", "not_checklist",
      "", "", 2022, [], lambda p: p.write_text("\n".join(_qx) + "\n", encoding="utf-8"),
      note="a work summary (《政务公开工作总结》), not a checklist")

# 20. 年度报告 (国办公开办函〔2021〕30号 format) as .docx with its first fixed table: not a checklist
_nb = [
    "一、总体情况",
    "（一）主动公开",
    "各级政府部门通过政府网站、政务新媒体等多渠道积极主动公开信息。在政策法规方面，及时公布新出台的法律法规、政策文件及解读材料，如在教育领域，公开招生政策、教育改革方案等，方便公众了解政策导向。财政预决算、“三公”经费使用情况等信息常态化公开，提升财政透明度。重大建设项目信息公开，涵盖项目审批、招投标、施工进展等环节，接受社会监督。",
    "（二）依申请公开",
    "不断规范依申请公开流程，建立健全申请接收、登记、审核、办理、答复、归档等环节的制度。多数部门能在法定时限内进行答复，对于复杂申请，积极与申请人沟通，延长答复期限并说明理由。部分地区还通过在线申请平台，方便申请人提交申请，提高办理效率。",
    "（三）政府信息管理",
    "建立信息发布审核机制，明确信息采编、审核、发布的责任主体，确保信息准确性、权威性。同时，加强对历史信息的整理和归档，方便公众查询。",
    "二、主动公开政府信息情况",
    [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     ["规章", "", "", ""], ["行政规范性文件", "", "", ""]],
]
entry("x03-annual-report.docx", "https://www.xjwq.gov.cn/info/1050/64208.htm", "not_checklist",
      "", "", None, [], lambda p: write_docx(p, _nb),
      note="parts 一 and 二 of a 政府信息公开工作年度报告; the table's figures are not in the stored page and are left empty")


def main() -> None:
    index = []
    for e in CORPUS:
        path = HERE / e["file"]
        e["build"](path)
        exp = {k: v for k, v in e.items() if k != "build"}
        (HERE / (e["file"] + ".expected.json")).write_text(
            json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        index.append(e["file"])
    print(f"{len(index)} files written to {HERE}")


if __name__ == "__main__":
    main()
