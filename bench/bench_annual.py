"""Check a folder of 200 yearly reports (HTML, .docx, text-layer PDF, JSON in turn) and print the time per report.

    .venv/bin/python bench/bench_annual.py [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from annual_docs import write_docx, write_html, write_pdf  # noqa: E402

from zwgk_desktop.core.annual.model import AnnualReport, with_totals  # noqa: E402
from zwgk_desktop.core.annual.service import check_folder  # noqa: E402


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


def main(n: int = 200) -> None:
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
