"""The PDF self-check report (政务公开自查报告).

Layout: A4 portrait cover, summary, problems and signature; the item table (事项明细) is set on A4
landscape pages because its eight columns (with URLs and evidence file names) would otherwise wrap
into rows a few characters wide. Every page carries the office name and ``第 X 页 共 Y 页``; the total is
known only at the end, so the canvas keeps the finished pages and draws the page furniture on save.
"""

from __future__ import annotations

import contextlib
import gc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.progress import Cancelled, CancelledFn, ProgressFn
from zwgk_desktop.core.types import Status

from .charts import completion_chart
from .cjk import CachedParagraph, ParaMaker, split_runs, text_width
from .data import ReportData, ReportItem, ReportPublication
from .fonts import ReportFonts, ascii_font, setup_fonts
from .paged_table import PagedTable
from .summary import STATUS_ORDER, ReportSummary, format_rate, summarize

PORTRAIT = A4
LANDSCAPE = landscape(A4)
# GB/T 9704-like margins for portrait pages; narrower ones for the landscape table pages.
P_LEFT, P_RIGHT, P_TOP, P_BOTTOM = 28 * mm, 26 * mm, 32 * mm, 30 * mm
L_LEFT, L_RIGHT, L_TOP, L_BOTTOM = 15 * mm, 15 * mm, 24 * mm, 18 * mm
P_WIDTH = PORTRAIT[0] - P_LEFT - P_RIGHT
L_WIDTH = LANDSCAPE[0] - L_LEFT - L_RIGHT

RULE = 0.5
RULE_COLOR = colors.HexColor("#404040")
HEAD_BG = colors.HexColor("#eeeeee")
WARN_COLOR = colors.HexColor("#b00000")
GREY = colors.HexColor("#555555")

# Cell text limits keep every table row shorter than a page (the Excel ledger has the full text).
MAX_TITLE = 160
MAX_PATH = 60
MAX_NOTE = 240
MAX_EVIDENCE = 8
MAX_NAME = 48
MAX_URL = 160

ITEM_HEADERS = ("序号", "分类", "事项", "状态", "到期日", "最近公开（日期/渠道/链接）", "佐证材料", "备注")
ITEM_WIDTHS = (30, 72, 140, 40, 62, 170, 160, 0)  # the last column takes the rest
ISSUE_HEADERS = ("序号", "分类", "事项", "状态", "到期日", "问题", "情况说明（备注）")
ISSUE_WIDTHS = (28, 60, 110, 40, 62, 44, 0)
LATE_HEADERS = ("序号", "分类", "事项", "信息形成日期", "公开截止日期", "实际公开日期", "超期情况")
LATE_WIDTHS = (28, 56, 100, 58, 58, 58, 0)
SIGN_LABELS = ("填报单位（盖章）：", "填报人：", "审核人：", "日期：")
SIGN_PADDING = 6
SIGN_GAP = 14 * mm  # space above the signature block when the page has room


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def late_text(pub: ReportPublication) -> str:
    """How late a publication went out: 超期 N 个工作日."""
    return f"超期 {pub.late_workdays} 个工作日" if pub.late_workdays else "超期"


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    fonts: ReportFonts
    num_font: str  # digits and ASCII in plain table strings
    title: ParaMaker
    cover_office: ParaMaker
    cover: ParaMaker
    h1: ParaMaker
    h2: ParaMaker
    body: ParaMaker
    caption: ParaMaker
    th: ParaMaker  # table header
    td: ParaMaker  # portrait table cell
    td_c: ParaMaker  # centred portrait table cell
    item: ParaMaker  # item and problem table cell
    item_c: ParaMaker
    sign: ParaMaker
    sign_r: ParaMaker


@cache
def build_styles(fonts: ReportFonts) -> Styles:
    """Paragraph styles are built once per font set; ParaMaker skips the markup parser per cell."""
    body_font, head_font = fonts.body, fonts.heading

    def st(name: str, font: str, size: float, leading: float, **kw: Any) -> ParaMaker:
        return ParaMaker(
            ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)
        )

    return Styles(
        fonts=fonts,
        num_font=ascii_font(body_font),
        title=st("zw-title", head_font, 24, 38, alignment=TA_CENTER),
        cover_office=st("zw-cover-office", head_font, 22, 32, alignment=TA_CENTER),
        cover=st("zw-cover", body_font, 15, 22),
        h1=st("zw-h1", head_font, 16, 24, spaceBefore=14, spaceAfter=8),
        h2=st("zw-h2", head_font, 14, 22, spaceBefore=10, spaceAfter=6),
        body=st("zw-body", body_font, 14, 25, firstLineIndent=28, alignment=TA_JUSTIFY, spaceAfter=4),
        caption=st("zw-caption", body_font, 10.5, 14, alignment=TA_CENTER, textColor=GREY, spaceBefore=2),
        th=st("zw-th", head_font, 10, 13, alignment=TA_CENTER),
        td=st("zw-td", body_font, 10, 13.5, alignment=TA_LEFT),
        td_c=st("zw-td-c", body_font, 10, 13.5, alignment=TA_CENTER),
        item=st("zw-item", body_font, 9, 12, alignment=TA_LEFT),
        item_c=st("zw-item-c", body_font, 9, 12, alignment=TA_CENTER),
        sign=st("zw-sign", body_font, 14, 22),
        sign_r=st("zw-sign-r", body_font, 14, 22, alignment=TA_RIGHT),
    )


# ---------------------------------------------------------------- progress


class _Tracker:
    """Called as each item row is drawn: reports progress and raises Cancelled."""

    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self.total = total
        self.progress = progress
        self.cancelled = cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def tick(self, done: int) -> None:
        self.check()
        if self.progress is not None:
            self.progress(min(done, self.total), self.total)


class _TrackedParagraph(CachedParagraph):
    """The 事项 cell of an item row; drawing it means the row is done."""

    tracker: _Tracker | None = None
    row_no = 0

    def draw(self) -> None:
        if self.tracker is not None:
            self.tracker.tick(self.row_no)
        super().draw()


# ---------------------------------------------------------------- canvas and pages


def _draw_runs(canv: Canvas, x: float, y: float, text: str, font: str, size: float, align: str) -> None:
    if align != "left":
        width = text_width(text, font, size)
        x -= width if align == "right" else width / 2
    t = canv.beginText(x, y)
    for run_font, run in split_runs(text, font):
        t.setFont(run_font, size)
        t.textOut(run)
    canv.drawText(t)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with … to at most ``width`` points."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…" if text else ""


def make_canvas_class(header_left: str, header_right: str, font: str) -> type[Canvas]:
    """A canvas that holds the pages until save() to print ``第 X 页 共 Y 页`` on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            # a held page keeps its drawing as one compressed string, not thousands of small ones: a
            # 20,000-item report holds about 5,000 pages until the total is known
            state = dict(self.__dict__)
            state["_code"] = zlib.compress("\n".join(self._code).encode("utf-8"), 1)
            self._held_pages.append(state)
            self._startPage()

        def save(self) -> None:
            held = self._held_pages
            total = len(held)
            for number in range(1, total + 1):
                state, held[number - 1] = held[number - 1], None  # released once written
                state["_code"] = [zlib.decompress(state["_code"]).decode("utf-8")]
                self.__dict__.update(state)
                self._held_pages = held
                self._furniture(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, number: int, total: int) -> None:
            width, height = self._pagesize
            wide = width > height
            left, right = (L_LEFT, L_RIGHT) if wide else (P_LEFT, P_RIGHT)
            head_y = height - (14 * mm if wide else 20 * mm)
            foot_y = 10 * mm if wide else 16 * mm
            self.saveState()
            self.setFillColor(GREY)
            self.setStrokeColor(RULE_COLOR)
            self.setLineWidth(0.5)
            # the report title keeps up to 60% of the line, the office gets the rest (less a gap)
            line = width - left - right
            title = fit_text(header_right, font, 9, line * 0.6)
            office = fit_text(header_left, font, 9, line - text_width(title, font, 9) - 18)
            _draw_runs(self, left, head_y, office, font, 9, "left")
            _draw_runs(self, width - right, head_y, title, font, 9, "right")
            self.line(left, head_y - 4, width - right, head_y - 4)
            self.setFillColor(colors.black)
            _draw_runs(self, width / 2, foot_y, f"第 {number} 页 共 {total} 页", font, 10, "center")
            self.restoreState()

    return NumberedCanvas


class _ReportDoc(BaseDocTemplate):
    def __init__(self, filename: str, data: ReportData, font: str, tracker: _Tracker) -> None:
        super().__init__(
            filename,
            pagesize=PORTRAIT,
            title=data.title,
            author=data.clerk or data.office_name,
            subject=f"{data.checklist} {data.period}",
            creator="zwgk-desktop",
            # the history head in full, for `zwgk check --against REPORT.pdf` (core/store/anchor.py)
            keywords=f"zwgk-head:{data.history_head[0]}:{data.history_head[1]}" if data.history_head else "",
            initialFontName=font,  # no Helvetica in the page preamble: every font is embedded
            initialFontSize=10,
            initialLeading=12,
        )
        self._tracker = tracker
        portrait = Frame(P_LEFT, P_BOTTOM, P_WIDTH, PORTRAIT[1] - P_TOP - P_BOTTOM, id="p", showBoundary=0)
        wide = Frame(L_LEFT, L_BOTTOM, L_WIDTH, LANDSCAPE[1] - L_TOP - L_BOTTOM, id="l", showBoundary=0)
        self.addPageTemplates(
            [
                PageTemplate("portrait", [portrait], pagesize=PORTRAIT),
                PageTemplate("landscape", [wide], pagesize=LANDSCAPE),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab API)
        self._tracker.check()


# ---------------------------------------------------------------- story


def _table_style(header_font: str, body_font: str, extra: list[tuple] | None = None) -> TableStyle:
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), body_font),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), 12),
        ("GRID", (0, 0), (-1, -1), RULE, RULE_COLOR),
        ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if extra:
        cmds.extend(extra)
    return TableStyle(cmds)


def _widths(spec: tuple[float, ...], total: float) -> list[float]:
    rest = total - sum(spec)
    return [w or rest for w in spec]


def _cover(data: ReportData, s: Styles) -> list[Flowable]:
    rows = [
        ("填报单位", data.office_name),
        ("清单名称", data.checklist),
        ("自查期间", data.period),
        ("统计范围", data.scope),
        ("编制日期", cn_date(data.generated)),
        ("填 报 人", data.clerk),
    ]
    if data.history_head:
        rows.append(("数据校验码", data.anchor_code))
    value_width = 290
    per_cell_line = int((value_width - 12) // s.cover.style.fontSize)  # 6pt cell padding each side
    cells = [[s.cover(f"{k}："), s.cover("\n".join(balanced_lines(v, per_cell_line)) if k == "清单名称" else v)]
             for k, v in rows]
    table = Table(cells, colWidths=[112, value_width], hAlign="CENTER")  # 数据校验码： on one line
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts.body),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (1, 0), (1, -1), RULE, RULE_COLOR),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    # The office on its own line above the title, the report title broken before 政务公开自查报告.
    top: list[Flowable] = [Spacer(1, 40 * mm)]
    if data.office_set:
        top += [_OneLine(data.office_name, s.cover_office), Spacer(1, 8 * mm)]
    else:
        top.append(Spacer(1, 8 * mm + s.cover_office.style.leading))
    per_line = int((P_WIDTH - 12) // s.title.style.fontSize)  # padding of the frame
    title = s.title("\n".join([*balanced_lines(data.checklist, per_line), "政务公开自查报告"]))
    return [*top, title, Spacer(1, 45 * mm), table, PageBreak()]


def balanced_lines(text: str, per_line: int) -> list[str]:
    """A centred title that needs several lines, cut into lines of nearly equal length (never a last
    line of one or two characters: 2021年冠县…任务分解 / 表), preferring a cut after 年, 县, 区, 市 or 的."""
    text = text.strip()
    if per_line <= 0 or len(text) <= per_line:
        return [text] if text else []
    count = -(-len(text) // per_line)
    lines: list[str] = []
    rest = text
    while count - len(lines) > 1 and len(rest) > per_line:
        size = -(-len(rest) // (count - len(lines)))  # even share of what is left
        cut = size
        for near in range(0, size // 2 + 1):  # a natural break close to the even cut, if there is one
            hits = [at for at in (size - near, size + near)
                    if 0 < at < len(rest) and at <= per_line and rest[at - 1] in "年县区市的、"
                    and rest[at - 1: at + 1] != "年度" and len(rest) - at <= per_line * (count - len(lines) - 1)]
            if hits:
                cut = hits[0]
                break
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return lines


class _OneLine(Flowable):
    """A centred line of text that shrinks its font (down to ``min_size``) rather than wrap."""

    def __init__(self, text: str, maker: ParaMaker, min_size: float = 12) -> None:
        super().__init__()
        self.text = text
        self.maker = maker
        self.min_size = min_size
        self.para: Flowable = maker(text)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        style = self.maker.style
        need = text_width(self.text, style.fontName, style.fontSize)
        if need > availWidth:
            size = max(self.min_size, int(style.fontSize * availWidth * 0.99 / need * 10) / 10)
            smaller = ParagraphStyle(
                f"{style.name}-{size}", parent=style, fontSize=size, leading=style.leading * size / style.fontSize
            )
            self.para = ParaMaker(smaller)(self.text)
        self.width, self.height = self.para.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, 0)


def _category_table(summary: ReportSummary, s: Styles) -> Table:
    heads = ["分类", "事项数", *[st.label for st in STATUS_ORDER], "逾期", "完成率"]
    rows: list[list[Any]] = [[s.th(h) for h in heads]]
    for stat in [*summary.categories, summary.total]:
        name = s.th(stat.name) if stat is summary.total else s.td(stat.name)
        nums = [stat.total, *(stat.counts[st] for st in STATUS_ORDER), stat.overdue]
        rows.append([name, *(str(n) for n in nums), format_rate(stat.rate)])
    n_cols = len(heads)
    first, last = 116.0, 52.0
    widths = [first] + [(P_WIDTH - first - last) / (n_cols - 2)] * (n_cols - 2) + [last]
    style = _table_style(
        s.fonts.heading,
        s.num_font,
        [
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("BACKGROUND", (0, -1), (-1, -1), HEAD_BG),
            ("FONTSIZE", (1, 1), (-1, -1), 10),
        ],
    )
    return LongTable(rows, colWidths=widths, repeatRows=1, style=style)


def _kv_table(rows: list[tuple[str, str]], s: Styles, heads: tuple[str, str]) -> Table:
    data: list[list[Any]] = [[s.th(heads[0]), s.th(heads[1])]]
    data.extend([s.td(k), s.td_c(v)] for k, v in rows)
    style = _table_style(s.fonts.heading, s.fonts.body)
    return Table(data, colWidths=[200, 120], style=style, hAlign="LEFT")


def _summary(data: ReportData, summary: ReportSummary, s: Styles) -> list[Flowable]:
    t = summary.total
    c = t.counts
    text = (
        f"本次自查范围为{data.scope}，共有事项 {t.total} 项（其中不适用 {c[Status.NA]} 项），"
        f"已完成 {c[Status.DONE]} 项，完成率 {format_rate(t.rate)}；进行中 {c[Status.DOING]} 项，"
        f"待办 {c[Status.TODO]} 项，需整改 {c[Status.REWORK]} 项。"
        f"共有公开记录 {summary.publications} 条，其中按时公开 {summary.on_time} 条，"
        f"超期公开 {summary.late} 条，无法判定时效 {summary.unjudged} 条；逾期事项 {summary.overdue_items} 项。"
    )
    out: list[Flowable] = [s.h1("一、总体情况"), s.body(text), s.h2("（一）各分类完成情况")]
    out.append(_category_table(summary, s))
    out.append(Spacer(1, 8))
    chart = completion_chart(summary.categories, P_WIDTH, s.fonts.body)
    out.append(KeepTogether([chart, s.caption("图 1　各分类事项完成率（已完成 / 适用事项）")]))

    status_rows = []
    for st in STATUS_ORDER:
        share = format_rate(c[st] / t.total if t.total else None)
        status_rows.append((st.label, f"{c[st]}（{share}）"))
    status_rows.append(("合计", str(t.total)))
    out.append(CondPageBreak(60 * mm))
    out.append(s.h2("（二）事项状态统计"))
    out.append(_kv_table(status_rows, s, ("状态", "事项数（占比）")))

    pubs = summary.publications
    timely_rows = [
        ("公开记录", str(pubs)),
        ("按时公开", str(summary.on_time)),
        ("超期公开", str(summary.late)),
        ("无法判定时效", str(summary.unjudged)),
        (
            "按时公开率（可判定记录）",
            format_rate(
                summary.on_time / (summary.on_time + summary.late) if summary.on_time + summary.late else None
            ),
        ),
        ("有公开记录的事项", str(summary.published_items)),
        ("逾期事项", str(summary.overdue_items)),
    ]
    out.append(CondPageBreak(70 * mm))
    out.append(s.h2("（三）公开时效情况"))
    out.append(_kv_table(timely_rows, s, ("项目", "数量")))
    return out


def _publication_text(pub: ReportPublication | None, count: int) -> str:
    if pub is None:
        return "暂无公开记录"
    first = " ".join(x for x in (iso(pub.published) or "未填日期", pub.channel) if x)
    if pub.on_time is True:
        first += " 按时"
    elif pub.on_time is False:
        first += " " + late_text(pub)
    lines = [first]
    if pub.url:
        lines.append(clip(pub.url, MAX_URL))
    if count > 1:
        lines.append(f"（共 {count} 条公开记录）")
    return "\n".join(lines)


def _evidence_text(item: ReportItem) -> str:
    lines = []
    for ev in item.evidence[:MAX_EVIDENCE]:
        name = clip(ev.name, MAX_NAME)
        if ev.kind == "link":
            lines.append(f"• {name}（链接）")
        elif ev.short_hash:  # ASCII brackets: the CJK wrap breaks Latin runs at the space before them
            lines.append(f"• {name} [{ev.short_hash}]")
        else:
            lines.append(f"• {name}")
    if len(item.evidence) > MAX_EVIDENCE:
        lines.append(f"……等共 {len(item.evidence)} 份")
    return "\n".join(lines)


def _title_text(item: ReportItem) -> str:
    row = item.row
    return clip(f"{row.code} {row.title}" if row.code else row.title, MAX_TITLE)


def _item_table(data: ReportData, s: Styles, tracker: _Tracker) -> Flowable:
    """The item table, laid out a page at a time (rows made as they are placed)."""
    cell, titled = s.item.cell, s.item

    def make_row(i: int) -> tuple[list[Any], list[tuple]]:
        n = i + 1
        if n % 200 == 0:
            tracker.check()
        item = data.items[i]
        row = item.row
        title = titled(_title_text(item), cls=_TrackedParagraph)
        title.tracker, title.row_no = tracker, n
        cells = [
            str(n),
            cell(clip(" / ".join(row.path), MAX_PATH)),
            title,
            row.status.label,
            iso(row.due),
            cell(_publication_text(item.latest_publication, len(item.publications))),
            cell(_evidence_text(item)),
            cell(clip(row.note, MAX_NOTE)),
        ]
        warn: list[tuple] = []
        if item.overdue:
            warn.append(("TEXTCOLOR", 4, 4, WARN_COLOR))
        if row.status is Status.REWORK:
            warn.append(("TEXTCOLOR", 3, 3, WARN_COLOR))
        return cells, warn

    style = _table_style(
        s.fonts.heading,
        s.fonts.body,
        [
            ("FONTNAME", (0, 1), (0, -1), s.num_font),
            ("FONTNAME", (4, 1), (4, -1), s.num_font),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (3, 1), (4, -1), "CENTER"),
        ],
    )
    header = [s.th(h) for h in ITEM_HEADERS]
    return PagedTable(header, len(data.items), make_row, _widths(ITEM_WIDTHS, L_WIDTH), style.getCommands())


def _problem_table_style(s: Styles, date_cols: tuple[int, int], extra: list[tuple]) -> TableStyle:
    first, last = date_cols
    return _table_style(
        s.fonts.heading,
        s.fonts.body,
        [
            ("FONTNAME", (0, 1), (0, -1), s.num_font),
            ("FONTNAME", (first, 1), (last, -1), s.num_font),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (first - 1, 1), (last, -1), "CENTER"),
            *extra,
        ],
    )


def _open_issue_table(summary: ReportSummary, s: Styles) -> Table:
    """Items overdue, to be reworked or not finished."""
    rows: list[list[Any]] = [[s.th(h) for h in ISSUE_HEADERS]]
    warn: list[tuple] = []
    for n, (item, label) in enumerate(summary.issues, 1):
        row = item.row
        rows.append(
            [
                str(n),
                s.item.cell(clip(row.path[0] if row.path else "", MAX_PATH)),
                s.item.cell(_title_text(item)),
                row.status.label,
                iso(row.due),
                s.item_c.cell(label),
                s.item.cell(clip(row.note, MAX_NOTE)),
            ]
        )
        if item.overdue:
            warn.append(("TEXTCOLOR", (4, n), (4, n), WARN_COLOR))
    style = _problem_table_style(s, (4, 4), warn)
    return LongTable(rows, colWidths=_widths(ISSUE_WIDTHS, P_WIDTH), repeatRows=1, style=style)


def _late_table(summary: ReportSummary, s: Styles) -> Table:
    """Publications that went out after their deadline: item, formed, due, published, how late."""
    rows: list[list[Any]] = [[s.th(h) for h in LATE_HEADERS]]
    for n, (item, pub) in enumerate(summary.late_publications, 1):
        row = item.row
        rows.append(
            [
                str(n),
                s.item.cell(clip(row.path[0] if row.path else "", MAX_PATH)),
                s.item.cell(_title_text(item)),
                iso(pub.formed),
                iso(pub.due),
                iso(pub.published),
                s.item_c.cell(late_text(pub)),
            ]
        )
    style = _problem_table_style(s, (3, 5), [("TEXTCOLOR", (6, 1), (6, -1), WARN_COLOR)])
    return LongTable(rows, colWidths=_widths(LATE_WIDTHS, P_WIDTH), repeatRows=1, style=style)


def _issues(summary: ReportSummary, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [s.h1("三、存在问题及整改")]
    issues, late = summary.issues, summary.late_publications
    if not summary.has_problems:
        out.append(s.body("经自查，本次范围内事项均已完成或不适用，公开记录均按时限公开，未发现逾期、需整改事项。"))
        return out
    overdue = sum(1 for item, _ in issues if item.overdue)
    rework = sum(1 for item, _ in issues if item.row.status is Status.REWORK)
    open_ = sum(1 for item, _ in issues if item.row.status in (Status.TODO, Status.DOING))
    parts = []
    if issues:
        parts.append(
            f"共有 {len(issues)} 项事项需要跟进：逾期 {overdue} 项，需整改 {rework} 项，"
            f"尚未完成（待办、进行中）{open_} 项"
        )
    if late:
        late_items = len({id(item) for item, _ in late})
        parts.append(f"超期公开 {len(late)} 条（涉及 {late_items} 项事项）")
    out.append(s.body(f"经自查，{'；'.join(parts)}。具体情况如下表，整改完成后逐项销号。"))
    if issues:
        out.append(s.h2("（一）逾期、需整改及未完成事项"))
        out.append(_open_issue_table(summary, s))
    if late:
        out.append(CondPageBreak(40 * mm))
        out.append(s.h2(f"（{'二' if issues else '一'}）超期公开情况"))
        out.append(_late_table(summary, s))
    return out


class _SignatureBlock(Flowable):
    """The signature table with up to ``gap`` of space above it.

    The gap shrinks to what is left on the page, so the block stays on the last content page whenever
    the table itself fits there; otherwise the whole block moves to the next page (it never splits).
    """

    def __init__(self, table: Table, gap: float) -> None:
        super().__init__()
        self.table = table
        self.gap = gap
        self._gap_used = gap
        self._table_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self.table.wrap(availWidth, availHeight)
        self._table_height = height
        self._gap_used = max(0.0, min(self.gap, availHeight - height))
        self.width = width
        return width, height + self._gap_used

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never split: move to the next page as a whole

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


def signature_label_width(label: str, font: str, size: float = 14) -> float:
    """A label column wide enough to set ``label`` on one line (cell padding included)."""
    return text_width(label, font, size) + 2 * SIGN_PADDING + 1


def _signature(data: ReportData, s: Styles) -> Flowable:
    """填报单位 / 填报人 / 审核人 / 日期, with rules to sign on; the labels never wrap."""
    font, size = s.sign.style.fontName, s.sign.style.fontSize
    office_label, clerk_label, reviewer_label, date_label = SIGN_LABELS
    first = signature_label_width(office_label, font, size)
    third = signature_label_width(reviewer_label, font, size)
    name = (P_WIDTH - first - third) / 2
    rows = [
        [s.sign_r(office_label), s.sign(data.office_name), "", ""],
        [s.sign_r(clerk_label), s.sign(data.clerk), s.sign_r(reviewer_label), s.sign(data.reviewer)],
        [s.sign_r(date_label), s.sign("　　　　年　　月　　日", clean=False), "", ""],
    ]
    table = Table(rows, colWidths=[first, name, third, name], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts.body),
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (1, 2), (3, 2)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (3, 0), RULE, RULE_COLOR),
                ("LINEBELOW", (1, 1), (1, 1), RULE, RULE_COLOR),
                ("LINEBELOW", (3, 1), (3, 1), RULE, RULE_COLOR),
                ("LEFTPADDING", (0, 0), (-1, -1), SIGN_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), SIGN_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 16),
            ]
        )
    )
    return _SignatureBlock(table, SIGN_GAP)


def build_story(data: ReportData, s: Styles, tracker: _Tracker) -> list[Flowable]:
    summary = summarize(data)
    story: list[Flowable] = [NextPageTemplate("portrait")]
    story += _cover(data, s)
    story += _summary(data, summary, s)
    story += [NextPageTemplate("landscape"), PageBreak(), s.h1("二、事项明细")]
    if data.items:
        story.append(_item_table(data, s, tracker))
    else:
        story.append(s.body("本次统计范围内没有事项。"))
    story += [NextPageTemplate("portrait"), PageBreak()]
    story += _issues(summary, s)
    story.append(_signature(data, s))
    return story


@contextlib.contextmanager
def _collector_relaxed() -> Iterator[None]:
    """Run the layout with the cyclic garbage collector seldom: objects made before it (fonts, the story)
    are frozen out of its scans and it runs every 50,000 allocations instead of 700. Turning it off
    altogether saved nothing more once the table is laid out a page at a time, and kept 50% more memory."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def write_pdf(
    data: ReportData,
    path: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Path:
    """Write the self-check report to ``path`` (atomically); raises Cancelled on cancellation."""
    target = Path(path)
    fonts = setup_fonts()
    styles = build_styles(fonts)
    tracker = _Tracker(len(data.items), progress, cancelled)
    tracker.tick(0)
    with atomic_path(target) as tmp:
        doc = _ReportDoc(str(tmp), data, fonts.body, tracker)
        story = build_story(data, styles, tracker)
        canvasmaker: Callable[..., Canvas] = make_canvas_class(data.office_name, data.report_title, fonts.body)
        with _collector_relaxed():
            doc.build(story, canvasmaker=canvasmaker)
        tracker.check()
    if progress is not None:
        progress(len(data.items), len(data.items))
    return target
