"""The county's 通报 (PDF: ranking, matrix, overdue and late lists, open problems) and 汇总表 (Excel:
matrix, rankings, 整改台账, yearly reports), on the same report layer and fonts as the self-check report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zwgk_desktop.core.county.problems import CLOSED, list_problems
from zwgk_desktop.core.county.rollup import FIELDS, OfficeRank, annual_tracker, build_rollup
from zwgk_desktop.core.county.store import held_packages, office_items
from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.workspace import Workspace

MATRIX_HEADS = ["单位", "类别", "应办", "完成", "逾期", "超时公开", "无佐证"]
RANK_HEADS = ["名次", "单位", "完成率", "较上次", "应办", "完成", "逾期", "超时公开", "无佐证"]
PROBLEM_HEADS = ["编号", "单位", "事项/指标", "来源", "扣分", "问题描述", "整改要求", "整改时限", "整改情况", "状态"]


def _rank_row(r: OfficeRank) -> list:
    change = "—" if r.change is None else f"{r.change * 100:+.1f}%"
    return [r.rank, r.office, f"{r.rate * 100:.1f}%", change, *(r.totals[f] for f in FIELDS)]


def _problem_rows(ws: Workspace, today: date, *, open_only: bool = False) -> list[list]:
    rows = []
    for p in list_problems(ws):
        d = p.to_json(today)
        if open_only and p.data["status"] == CLOSED:
            continue
        rows.append([d["id"][:8], d["office"], d["item_title"] or d["indicator"], d["source"], f"{d['points']:g}",
                     d["description"], d["requirement"], d["deadline"], d["rectification"], d["status_label"]])
    return rows


def _late_and_overdue(ws: Workspace) -> tuple[list[list], list[list]]:
    overdue, late = [], []
    for h in held_packages(ws):
        _, items = office_items(ws, h.office_id)
        for it in items:
            category = it["path"][0] if it["path"] else ""
            if it.get("overdue"):
                overdue.append([h.office, category, it["title"], it.get("due") or ""])
            for p in it["publications"]:
                if p.get("on_time") is False:
                    late.append([h.office, category, it["title"], p.get("published") or "", p.get("due") or "",
                                 str(p.get("late_workdays") or "")])
    return overdue, late


def write_county_xlsx(ws: Workspace, target: Path, *, today: date | None = None) -> Path:
    """汇总表: one sheet each for the matrix, the two rankings, the 整改台账 and the yearly reports."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zwgk_desktop.core.reports.xlsx import clean_cell

    today = today or date.today()
    data = build_rollup(ws)
    wb = Workbook()
    sheets = [
        ("单位×类别", MATRIX_HEADS, [[c["office"], c["category"], *(c[f] for f in FIELDS)] for c in data.matrix]),
        ("乡镇（街道）排名", RANK_HEADS, [_rank_row(r) for r in data.townships]),
        ("部门排名", RANK_HEADS, [_rank_row(r) for r in data.departments]),
        ("整改台账", PROBLEM_HEADS, _problem_rows(ws, today)),
        ("年度报告", ["单位", "年度", "报送", "公开日期", "截止日期", "按时", "错误", "警告"],
         [[c.office, c.year, "已报送" if c.received else "未报送", c.published or "", c.due,
           "" if c.on_time is None else ("按时" if c.on_time else "逾期"), c.errors, c.warnings]
          for c in annual_tracker(ws)]),
    ]
    wb.remove(wb.active)
    for title, heads, rows in sheets:
        sheet = wb.create_sheet(title)
        sheet.append(heads)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([clean_cell(v) if isinstance(v, str) else v for v in row])
        for n, _ in enumerate(heads, 1):
            sheet.column_dimensions[sheet.cell(1, n).column_letter].width = 14
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    target = Path(target)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def write_county_pdf(ws: Workspace, target: Path, *, title: str = "政务公开工作情况通报",
                     today: date | None = None) -> Path:
    """通报: the rankings, the matrix, overdue items and late publications, and the open problems."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer

    from zwgk_desktop.core.reports.fonts import setup_fonts
    from zwgk_desktop.core.reports.pdf import _table_style, build_styles, cn_date

    today = today or date.today()
    s = build_styles(setup_fonts())
    data = build_rollup(ws)
    county = ws.settings()["office"]

    def table(heads: list[str], rows: list[list]) -> LongTable:
        body = [[s.th(h) for h in heads]] + [[s.item(str(v)) for v in row] for row in rows]
        t = LongTable(body, repeatRows=1)
        t.setStyle(_table_style(s.fonts.heading, s.fonts.body))
        return t

    story = [s.title(title), s.caption(f"{county}　{cn_date(today)}"), Spacer(1, 6 * mm)]
    story.append(s.body(f"本次汇总 {len(held_packages(ws))} 个单位报送的台账：乡镇（街道）{len(data.townships)} 个，"
                        f"部门 {len(data.departments)} 个。排名按应办事项（不含不适用）的完成率，其次按逾期、超时公开和无佐证事项少者在前。"))
    for heading, ranks in (("一、乡镇（街道）排名", data.townships), ("二、部门排名", data.departments)):
        story.append(s.h1(heading))
        story.append(table(RANK_HEADS, [_rank_row(r) for r in ranks]) if ranks else s.body("无。"))
    story += [s.h1("三、各单位分类完成情况"),
              table(MATRIX_HEADS, [[c["office"], c["category"], *(c[f] for f in FIELDS)] for c in data.matrix])]
    overdue, late = _late_and_overdue(ws)
    story += [s.h1("四、逾期未完成事项"),
              table(["单位", "类别", "事项", "到期日"], overdue) if overdue else s.body("无。"),
              s.h1("五、超时公开"),
              table(["单位", "类别", "事项", "公开日期", "应公开日期", "超出工作日"], late) if late else s.body("无。")]
    problems = _problem_rows(ws, today, open_only=True)
    story += [s.h1("六、未销号问题"), table(PROBLEM_HEADS, problems) if problems else s.body("无。")]
    target = Path(target)
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm, title=title, author=county)
        doc.build(story)
    return target
