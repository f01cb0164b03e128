#!/usr/bin/env python3
"""Import benchmark: a 10,000-row catalogue workbook, file to committed checklist.

Baseline measured in the same run on the same file: openpyxl's bare ``load_workbook``.
Goal (issue 3): our whole import takes less than half of openpyxl's bare load.

usage: python bench/bench_import.py [--rows 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAKER = REPO.parent / "shared" / "tools" / "make_big_catalogue.py"


def best(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from openpyxl import load_workbook

    from zwgk_desktop.core import import_flow
    from zwgk_desktop.core.importing import read_template
    from zwgk_desktop.core.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "big.xlsx"
        subprocess.run([sys.executable, str(MAKER), str(book), "--rows", str(a.rows)], check=True)
        t_openpyxl = best(lambda: load_workbook(book), a.repeat)
        t_parse = best(lambda: read_template(book), a.repeat)
        runs: list[float] = []
        for i in range(a.repeat):
            ws = Workspace.open(Path(tmp) / f"ws{i}")
            t = time.perf_counter()
            preview = import_flow.prepare(ws, book)
            info, _ = import_flow.commit(ws, preview)
            runs.append(time.perf_counter() - t)
            assert info.total == a.rows, info
            ws.close()
        t_import = min(runs)
    print(f"rows: {a.rows}")
    print(f"openpyxl load_workbook (baseline): {t_openpyxl:.3f} s")
    print(f"our parse only (read_template):    {t_parse:.3f} s  ratio {t_parse / t_openpyxl:.2f}")
    print(f"our whole import (file -> commit):  {t_import:.3f} s  ratio {t_import / t_openpyxl:.2f}"
          f"  (median {statistics.median(runs):.3f} s)")
    print(f"goal: whole import < 0.50 x baseline -> {'met' if t_import < 0.5 * t_openpyxl else 'NOT met'}")


if __name__ == "__main__":
    main()
