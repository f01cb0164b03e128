"""The yearly report as an HTML fragment to paste into a website's CMS (政府信息公开专栏 › 年报).

No ``<html>``/``<head>``, no classes, no scripts: every style is inline and minimal (CMS editors strip
style sheets), every text escaped. Tables keep their merged headers with ``rowspan``/``colspan`` so the
numbers stay in their cells when the page is read by a person, a screen reader or the county's checker.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ._render_common import (
    PART_HEADINGS,
    PART_KEYS,
    Grid,
    is_subhead,
    report_grids,
    report_title,
    section_paragraphs,
)

TITLE_STYLE = "text-align:center;font-size:22px;font-weight:bold;margin:16px 0;"
HEADING_STYLE = "font-size:16px;font-weight:bold;margin:12px 0 6px;text-indent:2em;"
SUBHEAD_STYLE = "font-size:16px;font-weight:bold;margin:6px 0;text-indent:2em;"
BODY_STYLE = "font-size:16px;line-height:1.75;margin:4px 0;text-indent:2em;"
TABLE_STYLE = "border-collapse:collapse;width:100%;margin:8px auto;font-size:14px;"
CELL_STYLE = "border:1px solid #000;padding:4px;"


def _td(text: str, *, rowspan: int, colspan: int, align: str) -> str:
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f'<td{attrs} style="{CELL_STYLE}text-align:{align};">{escape(text)}</td>'


def table_html(grid: Grid) -> str:
    rows = []
    for cells in grid.by_row():
        tds = "".join(_td(c.text, rowspan=c.rowspan, colspan=c.colspan,
                          align="left" if c.kind == "label" else "center") for c in cells)
        rows.append(f"<tr>{tds}</tr>")
    return f'<table style="{TABLE_STYLE}"><tbody>{"".join(rows)}</tbody></table>'


def _paragraphs(text: str | None) -> list[str]:
    return [f'<p style="{SUBHEAD_STYLE if is_subhead(p) else BODY_STYLE}">{escape(p)}</p>'
            for p in section_paragraphs(text)]


def html_fragment(report: dict[str, Any]) -> str:
    """The whole report as one HTML fragment (title, six parts, the three tables)."""
    sections = report.get("sections") or {}
    grids = report_grids(report)
    out = ['<div style="font-family:仿宋,FangSong,serif;">',
           f'<p style="{TITLE_STYLE}">{escape(report_title(report))}</p>']
    out += _paragraphs(report.get("preamble"))
    for key in PART_KEYS:
        out.append(f'<p style="{HEADING_STYLE}">{escape(PART_HEADINGS[key])}</p>')
        out += _paragraphs(sections.get(key))
        if key in grids:
            out.append(table_html(grids[key]))
    out.append("</div>")
    return "\n".join(out)
