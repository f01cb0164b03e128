"""Charts for the PDF report (reportlab.graphics)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors

from .cjk import split_runs, text_width
from .fonts import ascii_font
from .summary import CategoryStat

BAR_COLOR = colors.HexColor("#3d6a99")
GRID_COLOR = colors.HexColor("#c8c8c8")
MAX_BARS = 40


def mixed_string(x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> Group:
    """A graphics string that switches to the fallback font for characters ``font`` lacks."""
    runs = split_runs(text, font)
    if anchor != "start":
        width = text_width(text, font, size)
        x -= width if anchor == "end" else width / 2
    group = Group()
    for run_font, run in runs:
        group.add(String(x, y, run, fontName=run_font, fontSize=size, fillColor=colors.black))
        x += text_width(run, run_font, size)
    return group


def _fit(text: str, font: str, size: float, width: float) -> str:
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def completion_chart(stats: list[CategoryStat], width: float, font: str) -> Drawing:
    """Horizontal bars: completion rate (已完成 / 适用事项) per category, first category on top."""
    shown = stats[:MAX_BARS]
    n = max(len(shown), 1)
    bar_step = min(18.0, 520.0 / n)
    label_w = min(150.0, width * 0.32)
    top, bottom = 8.0, 22.0
    plot_h = bar_step * n
    drawing = Drawing(width, plot_h + top + bottom)
    drawing.initialFontName = font  # the renderer's initial font; the default would be unembedded Helvetica
    num_font = ascii_font(font)
    label_size = 9 if bar_step >= 14 else 7

    chart = HorizontalBarChart()
    chart.x = label_w + 6
    chart.y = bottom
    chart.width = width - label_w - 40
    chart.height = plot_h
    rates = [round((s.rate or 0.0) * 100, 1) for s in reversed(shown)]
    chart.data = [rates]
    chart.bars[0].fillColor = BAR_COLOR
    chart.bars[0].strokeColor = None
    chart.barWidth = bar_step * 0.6
    chart.groupSpacing = bar_step * 0.4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = num_font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOR
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.labels.visible = False  # drawn below with font fallback
    chart.categoryAxis.strokeWidth = 0.5
    chart.categoryAxis.tickLeft = 0
    chart.barLabelFormat = "%.1f%%"
    chart.barLabels.fontName = num_font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)

    for i, stat in enumerate(reversed(shown)):
        y = bottom + bar_step * (i + 0.5) - label_size * 0.35
        name = _fit(stat.name, font, label_size, label_w)
        drawing.add(mixed_string(label_w, y, name, font, label_size, anchor="end"))
    if len(stats) > MAX_BARS:
        note = f"（仅显示前 {MAX_BARS} 个分类，其余见上表）"
        drawing.add(mixed_string(width, 2, note, font, 8, anchor="end"))
    return drawing
