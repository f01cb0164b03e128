"""Benchmark: our write_pdf against a bare reportlab document holding the same item table.

    python bench/bench_report.py [--items 2000] [--repeat 2] [--keep DIR]

Both documents use the same font (registered once, before timing) and the same cell texts; the bare
document is what one would write by hand: landscape A4, one LongTable with a repeated header, every
cell a Paragraph(wordWrap='CJK') parsed from escaped text. Prints both times and the ratio (goal ≤ 1.3).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
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


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    parser.add_argument("--keep", type=Path, help="folder to keep the PDFs and the xlsx in")
    args = parser.parse_args()

    t0 = time.perf_counter()
    fonts = setup_fonts()
    print(f"font registration (once per process): {time.perf_counter() - t0:.2f} s ({fonts.body})")
    data = sample_report(args.items, evidence_per_item=3)
    out = args.keep or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    out.mkdir(parents=True, exist_ok=True)

    ours = timed(lambda: write_pdf(data, out / "report.pdf"), args.repeat)
    bare = timed(lambda: bare_table_pdf(data, out / "bare.pdf", fonts.body), args.repeat)
    xlsx = timed(lambda: write_xlsx(data, out / "ledger.xlsx"), 1)
    print(f"items: {len(data.items)}, evidence: {sum(len(i.evidence) for i in data.items)}")
    print(f"write_pdf (full report):      {ours:6.2f} s  {(out / 'report.pdf').stat().st_size / 1e6:5.1f} MB")
    print(f"bare reportlab item table:    {bare:6.2f} s  {(out / 'bare.pdf').stat().st_size / 1e6:5.1f} MB")
    print(f"ratio ours / bare:            {ours / bare:6.2f}  (goal <= 1.30)")
    print(f"write_xlsx:                   {xlsx:6.2f} s")
    if not args.keep:
        for f in out.iterdir():
            f.unlink()
        out.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
