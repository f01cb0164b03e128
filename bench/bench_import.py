#!/usr/bin/env python3
"""Import benchmark: catalogue workbooks of 10,000 / 100,000 rows, file to committed checklist.

Whole processes, alternated (ours, bare, ours, bare …), medians: ours is ``zwgk --data-dir NEW import
FILE --yes`` (start-up, checks, parse, commit); the baseline (the floor, issue 13) is python-calamine's bare
read of every sheet of the same file in a fresh interpreter. Each process reports its own peak memory
(Linux ``VmHWM`` of its own address space, read by the process itself as it ends), never the bench's.

usage: python bench/bench_import.py [--rows 10000 100000] [--repeat 5] [--json-out FILE] [--before SRC ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAKER = REPO.parent / "shared" / "tools" / "make_big_catalogue.py"
# both children print their own peak memory (kB) on the file descriptor given as the last argument
PEAK = (
    "def _peak(fd):\n"
    "    with open('/proc/self/status') as f:\n"
    "        kb = next((int(l.split()[1]) for l in f if l.startswith('VmHWM:')), 0)\n"
    "    os.write(fd, str(kb).encode())\n"
)
BARE_READ = (
    "import os, sys\n" + PEAK +
    "from python_calamine import CalamineWorkbook\n"
    "wb = CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = sum(len(wb.get_sheet_by_name(name).to_python()) for name in wb.sheet_names)\n"
    "_peak(int(sys.argv[-1]))\n"
)
OURS = (  # the `zwgk` console script (it ends with os._exit), reporting its peak as it ends
    "import os, sys\n" + PEAK +
    "_exit, fd = os._exit, int(sys.argv.pop())\n"
    "os._exit = lambda code: (_peak(fd), _exit(code))\n"
    "sys.argv[0] = 'zwgk'\n"
    "from zwgk_desktop.cli import main\n"
    "code = main()\n"
    "_peak(fd)\n"  # a zwgk_desktop that returns instead (--before an older commit)
    "sys.exit(code)\n"
)
GOAL = 3.0


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds of the whole child process and its own peak memory in MB."""
    read_fd, write_fd = os.pipe()
    try:
        t = time.perf_counter()
        subprocess.run([*args, str(write_fd)], check=True, stdout=subprocess.DEVNULL, pass_fds=(write_fd,))
        elapsed = time.perf_counter() - t
        os.close(write_fd)
        write_fd = -1
        with os.fdopen(read_fd, "rb") as fh:
            read_fd = -1
            peak_kb = int(fh.read() or 0)
    finally:
        for fd in (read_fd, write_fd):
            if fd >= 0:
                os.close(fd)
    return elapsed, peak_kb / 1024


def row(rows: int, ours: list[tuple[float, float]], bare: list[tuple[float, float]]) -> dict:
    o = statistics.median(t for t, _ in ours)
    b = statistics.median(t for t, _ in bare)
    ratio = o / b
    return {"bench": "import", "key": f"import_{rows}",
            "work": f"zwgk import, {rows:,}-row catalogue, file to committed checklist (whole process)",
            "unit": "s", "ours": round(o, 3), "ours_mem_mb": round(statistics.median(m for _, m in ours), 1),
            "baseline": "python-calamine bare read of every sheet (whole process)", "baseline_value": round(b, 3),
            "baseline_mem_mb": round(statistics.median(m for _, m in bare), 1), "ratio": round(ratio, 2),
            "goal": f"≤ {GOAL:g}", "met": ratio <= GOAL}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json-out", type=Path, metavar="FILE", help="append one JSON object per row (JSON Lines)")
    ap.add_argument("--before", type=Path, metavar="SRC", nargs="+", default=[],
                    help="also time the zwgk_desktop of other source trees (e.g. `git archive` of older "
                         "commits), alternated with the others: the before → after figures")
    a = ap.parse_args()
    py = sys.executable
    results: list[dict] = []
    for rows in a.rows:
        with tempfile.TemporaryDirectory() as tmp:
            book = Path(tmp) / "big.xlsx"
            subprocess.run([py, str(MAKER), str(book), "--rows", str(rows)], check=True, stdout=subprocess.DEVNULL)
            run([py, "-c", BARE_READ, str(book)])  # warm-up: the file and the libraries in the page cache
            ours, bare = [], []
            before: list[list[tuple[float, float]]] = [[] for _ in a.before]
            for i in range(a.repeat):  # alternated: a change of load hits both
                ours.append(run([py, "-c", OURS, "--data-dir", f"{tmp}/w{i}", "import", str(book), "--yes"]))
                bare.append(run([py, "-c", BARE_READ, str(book)]))
                for k, src in enumerate(a.before):
                    before[k].append(run([py, "-c", f"import sys; sys.path.insert(0, {str(src)!r})\n" + OURS,
                                          "--data-dir", f"{tmp}/b{k}-{i}", "import", str(book), "--yes"]))
            for src, times in zip(a.before, before):
                b = row(rows, times, bare)
                print(f"import {rows:>7,} rows, before ({src}): {b['ours']:6.2f} s, {b['ours_mem_mb']:5.0f} MB, "
                      f"ratio {b['ratio']:5.2f}", flush=True)
            r = row(rows, ours, bare)
            results.append(r)
            print(f"import {rows:>7,} rows: ours {r['ours']:6.2f} s, {r['ours_mem_mb']:5.0f} MB | python-calamine "
                  f"bare read {r['baseline_value']:6.2f} s, {r['baseline_mem_mb']:5.0f} MB | ratio {r['ratio']:5.2f} "
                  f"(goal ≤ {GOAL:g}: {'met' if r['met'] else 'not met'})", flush=True)
    if len(results) > 1:  # linear: the time of more rows is a fixed part plus the same cost per row
        small, large = results[0], results[-1]
        n_small, n_large = (int(r["key"].split("_")[1]) for r in (small, large))
        per_1000 = (large["ours"] - small["ours"]) / ((n_large - n_small) / 1000)
        print(f"{n_large:,} rows take {large['ours'] / small['ours']:.1f}× the time of {n_small:,}: "
              f"{per_1000 * 1000:.0f} ms per 1,000 more rows, fixed part ≈ {small['ours'] - per_1000 * n_small / 1000:.2f} s")
    if a.json_out:
        with a.json_out.open("a", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
