"""Benchmark: the PDF self-check report and the Excel ledger against bare library code with the same cells.

    python bench/bench_report.py [--items 2000 20000] [--repeat 3 1] [--only pdf|xlsx] [--json-out FILE]

Each figure is one whole child process measuring itself (the data is built and the fonts registered
before the clock starts; peak memory is the child's own VmHWM, not the bench's). Baselines, same run:
  PDF:   a bare reportlab document, one LongTable with a repeated header, every cell a
         Paragraph(wordWrap='CJK'), same font and cell texts
  Excel: openpyxl write_only, the same cell values appended row by row, no styling
Prints ours vs baseline and the ratio per size, and how the time grows from the first size to the last
(goals, issue 13: PDF 10x items in < 10.5x time and < 400 MB; ledger within 2x of write_only).
With --json-out, one row per report and size, and the PDF's growth from the first size to the last.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle  # noqa: E402

from zwgk_desktop.core.reports import pdf as report_pdf  # noqa: E402
from zwgk_desktop.core.reports import write_pdf, write_xlsx  # noqa: E402
from zwgk_desktop.core.reports.data import ReportData  # noqa: E402
from zwgk_desktop.core.reports.fonts import setup_fonts  # noqa: E402
from zwgk_desktop.core.reports.sample import sample_report  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchrows import append_rows, own_peak_mb, row  # noqa: E402

PDF_GROWTH_SLACK = 1.05  # issue 13: 10x the items in under 10.5x the time
PDF_MAX_MB = 400
LEDGER_MAX_RATIO = 2.0


def bare_table_pdf(data: ReportData, path: Path, font: str) -> None:
    """The reference: the item table alone, written the plain reportlab way."""
    cell = ParagraphStyle("bare", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("bare-h", parent=cell, alignment=1)
    rows = [[Paragraph(escape(h), head) for h in report_pdf.ITEM_HEADERS]]
    for n, item in enumerate(data.items, 1):
        row = item.row
        texts = [
            str(n),
            " / ".join(row.path),
            report_pdf._title_text(item),
            row.status.label,
            report_pdf.iso(row.due),
            report_pdf._publication_text(item.latest_publication, len(item.publications)),
            report_pdf._evidence_text(item),
            row.note,
        ]
        rows.append([Paragraph(escape(t).replace("\n", "<br/>"), cell) for t in texts])
    width = landscape(A4)[0] - 30 * mm
    doc = SimpleDocTemplate(
        str(path), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, initialFontName=font
    )
    table = LongTable(rows, colWidths=report_pdf._widths(report_pdf.ITEM_WIDTHS, width), repeatRows=1)
    table.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, "#404040")])
    )
    doc.build([table])


def bare_ledger_xlsx(data: ReportData, path: Path) -> None:
    """The reference ledger: openpyxl write_only, the same values, no styles."""
    from openpyxl import Workbook

    from zwgk_desktop.core.reports.xlsx import LEDGER_COLUMNS, _ledger_values

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    names = [name for name, _ in LEDGER_COLUMNS]
    ws.append(names)
    for item in data.items:
        values = _ledger_values(item)
        ws.append([values[n] if isinstance(values[n], date) or values[n] is None else str(values[n])
                   for n in names])
    wb.save(path)


def child(kind: str, items: int) -> None:
    fonts = setup_fonts()
    data = sample_report(items, evidence_per_item=3)
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp:
        out = Path(tmp) / ("out.pdf" if kind.endswith("pdf") else "out.xlsx")
        t0 = time.perf_counter()
        if kind == "pdf":
            write_pdf(data, out)
        elif kind == "bare-pdf":
            bare_table_pdf(data, out, fonts.body)
        elif kind == "xlsx":
            write_xlsx(data, out)
        else:
            bare_ledger_xlsx(data, out)
        took = time.perf_counter() - t0
    print(json.dumps({"seconds": took, "peak_mb": own_peak_mb()}))


def run(kind: str, items: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--items", str(items)],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="+", default=[2000])
    parser.add_argument("--repeat", type=int, nargs="+", default=[1],
                        help="alternated runs per figure (median), one per size (the last one for the rest)")
    parser.add_argument("--only", choices=["pdf", "xlsx"], help="one of the two reports")
    parser.add_argument("--json-out", type=Path, help="append the rows (bench/benchrows.py format) to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.items[0])
        return 0
    pairs = [("pdf", "bare-pdf", "bare reportlab LongTable, same cells and font"),
             ("xlsx", "bare-xlsx", "openpyxl write_only, same cells")]
    if args.only:
        pairs = [p for p in pairs if p[0] == args.only]
    rows = []
    for ours_kind, base_kind, base_name in pairs:
        medians: dict[int, float] = {}
        for n, items in enumerate(args.items):
            repeat = args.repeat[min(n, len(args.repeat) - 1)]
            ours, base = [], []
            for _ in range(repeat):  # alternated, so a load change hits both
                ours.append(run(ours_kind, items))
                base.append(run(base_kind, items))
            o = statistics.median(r["seconds"] for r in ours)
            b = statistics.median(r["seconds"] for r in base)
            o_mb = max(r["peak_mb"] or 0 for r in ours) or None
            b_mb = max(r["peak_mb"] or 0 for r in base) or None
            medians[items] = o
            print(f"{ours_kind} {items:>6} items: ours {o:7.2f} s, {o_mb or 0:5.0f} MB | "
                  f"{base_name} {b:7.2f} s, {b_mb or 0:5.0f} MB | ratio {o / b:5.2f}")
            if ours_kind == "pdf":
                big = items == max(args.items) and len(args.items) > 1
                goal = f"< {PDF_MAX_MB} MB" if big else ""
                met = (o_mb is not None and o_mb < PDF_MAX_MB) if big else None
                work = f"PDF self-check report, {items:,} items ({3 * items:,} evidence)"
            else:
                goal, met = f"≤ {LEDGER_MAX_RATIO:g}", o / b <= LEDGER_MAX_RATIO
                work = f"Excel ledger, {items:,} items"
            rows.append(row("report", f"{ours_kind}_{items}", work, "s", o, ours_mem_mb=o_mb, baseline=base_name,
                            baseline_value=b, baseline_mem_mb=b_mb, goal=goal, met=met))
        if len(medians) > 1:
            first, last = min(medians), max(medians)
            factor = last / first
            growth = medians[last] / medians[first]
            print(f"{ours_kind}: {factor:.0f}x the items took {growth:.1f}x the time")
            if ours_kind == "pdf":
                allowed = PDF_GROWTH_SLACK * factor
                rows.append(row(
                    "report", f"pdf_growth_{first}_{last}",
                    f"PDF time growth: {last:,} items against {factor:g} × the {first:,}-item time "
                    f"(took {growth:.1f} ×)", "s", medians[last],
                    baseline=f"{factor:g} × ours at {first:,} items (linear)", baseline_value=factor * medians[first],
                    goal=f"≤ {PDF_GROWTH_SLACK:g} (under {allowed:g} × the time for {factor:g} × the items)",
                    met=growth <= allowed))
    append_rows(args.json_out, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
