"""Check a folder of 200 yearly reports (HTML, .docx, text-layer PDF, JSON in turn) and print the time per report;
then read and check each real published report of tests/data/annual (rebuilt in its published form, as the
tests do) and print its own time.

    .venv/bin/python bench/bench_annual.py [N] [--json-out FILE]

No baseline: the figures are per report (the time a clerk waits for one checked report).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annual_docs import document_parts, write_docx, write_html, write_pdf  # noqa: E402
from benchrows import append_rows  # noqa: E402
from benchrows import row as bench_row  # noqa: E402

from zwgk_desktop.core.annual.model import AnnualReport, with_totals  # noqa: E402
from zwgk_desktop.core.annual.service import check_file, check_folder  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "annual"


def sample(i: int) -> dict:
    r = AnnualReport(year=2020 + i % 5, office=f"第{i}号镇人民政府")
    r.table3["new_received"] = [i % 7, i % 3, 0, 0, 1, 0, 0]
    r.table3["granted"] = [i % 7, i % 3, 0, 0, 1, 0, 0]
    r.table4["行政复议"] = [i % 4, 1, 0, 0, 0]
    r.sections.update({"一": f"全年收到申请{i % 7 + i % 3 + 1}件。", "五": "问题与改进。", "六": "未收取信息处理费。"})
    data = with_totals(r).to_json()
    if i % 10 == 0:
        data["table4"]["行政复议"][4] = 0  # a wrong printed total now and then
    return data


def main(n: int = 200) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        writers = [("html", write_html), ("docx", write_docx), ("pdf", write_pdf), ("json", None)]
        for i in range(n):
            ext, writer = writers[i % len(writers)]
            path = folder / f"r{i:03d}.{ext}"
            if writer is None:
                path.write_text(json.dumps(sample(i), ensure_ascii=False), encoding="utf-8")
            else:
                writer(sample(i), path)
        started = time.perf_counter()
        results = check_folder(folder)
        elapsed = time.perf_counter() - started
    errors = sum(1 for r in results if r.errors)
    print(f"{len(results)} reports checked in {elapsed:.2f} s: {elapsed / len(results) * 1000:.1f} ms per report "
          f"({errors} with errors)")
    return bench_row("annual", f"check_folder_{n}", f"yearly reports: a folder of {n} (HTML, .docx, PDF, JSON) read and "
               "checked, per report", "ms", elapsed / len(results) * 1000)


def real_reports(folder: Path) -> list[tuple[Path, int]]:
    """The transcribed published reports in their published forms: (file, report year)."""
    out: list[tuple[Path, int]] = []
    for src in sorted(DATA.glob("*.json")):
        data = json.loads(src.read_text(encoding="utf-8"))
        if "paragraphs" in data:  # a complete page whose tables are pictures
            path = folder / f"{src.stem}.html"
            path.write_text("".join(f"<p>{t}</p>" for t in data["paragraphs"]), encoding="utf-8")
            out.append((path, data["year"]))
            continue
        if "table2_rows" in data:  # a stored copy kept as printed (the 2019 table 二)
            path = folder / f"{src.stem}.html"
            table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in data["table2_rows"])
            path.write_text("".join(f"<p>{t}</p>" for t in data["before_table2"]) + f"<table>{table}</table>"
                            + "".join(f"<p>{t}</p>" for t in data["after_table2"]), encoding="utf-8")
            out.append((path, data["year"]))
            continue
        report = AnnualReport(year=data["year"], office=data["office"])
        report.table2 = data["table2"]
        if "printed" in data:  # a PDF laid out in its own order
            report.table3, report.table4 = data["table3"], data["table4"]
            tables = {k: v for k, v in document_parts(report.to_json(), labels=data.get("labels"))
                      if k in ("t2", "t3", "t4")}
            parts = [(kind, tables.get(kind, text)) for kind, text in data["printed"]]
            out.append((write_pdf(report.to_json(), folder / f"{src.stem}.pdf", parts=parts), data["year"]))
            continue
        for key, row in data.get("table3", {}).items():
            report.table3[key] = row
        for group, row in data.get("table4", {}).items():
            report.table4[group] = row
        report.sections.update(data.get("sections", {}))
        until = data.get("excerpt_until", "六")
        if src.stem == "shuyang-gov-2025":  # published as PDF
            for ext, writer in (("pdf", write_pdf), ("docx", write_docx)):
                out.append((writer(report.to_json(), folder / f"{src.stem}.{ext}"), data["year"]))
        else:
            t3_rows = len(data["table3"]) if "table3" in data and until == "三" else None  # where the copy ends
            out.append((write_html(report.to_json(), folder / f"{src.stem}.html", until=until, t3_rows=t3_rows),
                        data["year"]))
    return out


def main_real() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        files = real_reports(Path(tmp))
        total = 0.0
        for path, year in files:
            started = time.perf_counter()
            result = check_file(path, year=year)
            elapsed = time.perf_counter() - started
            total += elapsed
            print(f"  {path.name:32} {elapsed * 1000:7.1f} ms  {result.errors} errors, {result.warnings} warnings")
    print(f"{len(files)} real published reports read and checked: {total / len(files) * 1000:.1f} ms per report")
    return bench_row("annual", "check_real", f"yearly reports: {len(files)} real published ones read and checked, "
               "per report", "ms", total / len(files) * 1000)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=200, help="reports in the folder")
    ap.add_argument("--json-out", type=Path, help="append the rows (bench/benchrows.py format) to this file")
    args = ap.parse_args()
    append_rows(args.json_out, [main(args.n), main_real()])
