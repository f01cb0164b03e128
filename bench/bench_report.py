"""Benchmark: the PDF self-check report and the Excel ledger against bare library code with the same cells.

    python bench/bench_report.py [--items 2000 20000] [--repeat 1]

Each figure is one whole child process measuring itself (the data is built and the fonts registered
before the clock starts; peak memory is the child's own VmHWM, not the bench's). Baselines, same run:
  PDF:   a bare reportlab document, one LongTable with a repeated header, every cell a
         Paragraph(wordWrap='CJK'), same font and cell texts
  Excel: openpyxl write_only, the same cell values appended row by row, no styling
Prints ours vs baseline and the ratio per size, and how the time grows from the first size to the last
(goals, issue 13: PDF 10x items in < 10.5x time and < 400 MB; ledger within 2x of write_only).
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


def own_peak_mb() -> float:
    """This process's own peak resident memory (Linux VmHWM: not inherited from the parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, nargs="+", default=[2000])
    parser.add_argument("--repeat", type=int, default=1, help="alternated runs per figure (median)")
    parser.add_argument("--only", choices=["pdf", "xlsx"], help="one of the two reports")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.items[0])
        return 0
    pairs = [("pdf", "bare-pdf", "bare reportlab LongTable"), ("xlsx", "bare-xlsx", "openpyxl write_only")]
    if args.only:
        pairs = [p for p in pairs if p[0] == args.only]
    for ours_kind, base_kind, base_name in pairs:
        medians: dict[int, float] = {}
        for items in args.items:
            ours, base = [], []
            for _ in range(args.repeat):  # alternated, so a load change hits both
                ours.append(run(ours_kind, items))
                base.append(run(base_kind, items))
            o = statistics.median(r["seconds"] for r in ours)
            b = statistics.median(r["seconds"] for r in base)
            medians[items] = o
            print(f"{ours_kind} {items:>6} items: ours {o:7.2f} s, {max(r['peak_mb'] for r in ours):5.0f} MB | "
                  f"{base_name} {b:7.2f} s, {max(r['peak_mb'] for r in base):5.0f} MB | ratio {o / b:5.2f}")
        if len(medians) > 1:
            first, last = min(medians), max(medians)
            print(f"{ours_kind}: {last / first:.0f}x the items took {medians[last] / medians[first]:.1f}x the time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
