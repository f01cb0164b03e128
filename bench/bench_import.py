#!/usr/bin/env python3
"""Import benchmark: catalogue workbooks of 10,000 / 100,000 rows, file to committed checklist.

Whole processes, alternated, medians: ours is ``zwgk --data-dir NEW import FILE --yes`` (start-up, checks,
parse, commit); the baseline (the floor, issue 13) is python-calamine's bare read of every sheet of the
same file in a fresh interpreter. Also printed in-process: our parse only (``read_template``) and the
whole import without the interpreter start-up.

usage: python bench/bench_import.py [--rows 10000 100000] [--repeat 3]
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
BARE_READ = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "wb = CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = sum(len(wb.get_sheet_by_name(name).to_python()) for name in wb.sheet_names)\n"
)
OURS = "import sys\nfrom zwgk_desktop.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def timed_process(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from zwgk_desktop.core.importing import read_template
    from zwgk_desktop.core.services import import_flow
    from zwgk_desktop.core.workspace import Workspace

    py = sys.executable
    for rows in a.rows:
        with tempfile.TemporaryDirectory() as tmp:
            book = Path(tmp) / "big.xlsx"
            subprocess.run([py, str(MAKER), str(book), "--rows", str(rows)], check=True, stdout=subprocess.DEVNULL)
            ours, bare = [], []
            for i in range(a.repeat):  # alternated: a change of load hits both
                ours.append(timed_process([py, "-c", OURS, "--data-dir", f"{tmp}/p{i}", "import", str(book),
                                           "--yes"]))
                bare.append(timed_process([py, "-c", BARE_READ, str(book)]))
            t = time.perf_counter()
            read_template(book)
            parse = time.perf_counter() - t
            ws = Workspace.open(Path(tmp) / "inproc")
            t = time.perf_counter()
            info, _ = import_flow.commit(ws, import_flow.prepare(ws, book))
            inproc = time.perf_counter() - t
            ws.close()
            assert info.total == rows, info
        o, b = statistics.median(ours), statistics.median(bare)
        ratio = statistics.median(x / y for x, y in zip(ours, bare, strict=True))
        print(f"import {rows:>7} rows: ours (zwgk import, process) {o:6.2f} s | python-calamine bare read "
              f"(process) {b:6.2f} s | ratio {ratio:5.2f} (goal <= 3)")
        print(f"                     in process: parse only {parse:6.2f} s, file -> commit {inproc:6.2f} s")


if __name__ == "__main__":
    main()
