#!/usr/bin/env python3
"""The README's Figures table, from the bench scripts' rows (bench/benchrows.py format).

    python bench/figures.py [--quick] [--only NAME ...] [--json-out FILE] [--write-readme]
    python bench/figures.py --from FILE [FILE ...] [--only NAME ...] [--write-readme]

Without ``--from`` it runs every bench script of ``BENCHES`` (sizes of issue 13, or small ones with
``--quick`` for a smoke test) with ``--json-out``, one after the other, and collects their rows; a script
that fails or writes no row in the common format is named under the table, the others are rendered. With
``--from`` it reads JSON Lines files written earlier (a later row with the same bench and key replaces an
earlier one), and runs only the scripts named with ``--only``. It prints the table (work | ours | baseline (same run) | ratio | goal | met) and with
``--write-readme`` puts it between ``<!-- figures:begin -->`` and ``<!-- figures:end -->`` in README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from benchrows import check_row  # noqa: E402

BEGIN = "<!-- figures:begin -->"
END = "<!-- figures:end -->"


@dataclass(frozen=True)
class Bench:
    name: str  # the script bench/<name>.py
    full: list[str]  # arguments for the figures of issue 13
    quick: list[str]  # small sizes: a smoke test of the machinery, not figures


BENCHES = [
    Bench("bench_gui", ["--items", "20000", "100000", "--session-items", "100000", "--rounds", "5"],
          ["--items", "200", "--session-items", "500", "--rounds", "1"]),
    Bench("bench_import", ["--rows", "10000", "100000", "--repeat", "3"], ["--rows", "200", "--repeat", "1"]),
    Bench("import_accuracy", [], []),
    Bench("bench_report", ["--items", "2000", "20000", "--repeat", "3", "1"], ["--items", "40", "80"]),
    Bench("bench_backup", ["--mb", "1024", "--repeat", "3"], ["--mb", "8", "--repeat", "1"]),
    Bench("bench_annual", ["200"], ["8"]),
    Bench("bench_county", ["40"], ["3"]),
]


@dataclass
class Collected:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per script or line that gave no row

    def add(self, r: dict[str, Any]) -> None:
        for i, old in enumerate(self.rows):
            if (old["bench"], old["key"]) == (r["bench"], r["key"]):
                self.rows[i] = r
                return
        self.rows.append(r)


def read_rows(path: Path, into: Collected, source: str | None = None) -> int:
    """Add the rows of a JSON Lines file; a line that is not a row is named in ``into.problems``."""
    found = 0
    source = source or path.name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        into.problems.append(f"{source}: cannot be read ({exc.strerror})")
        return 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            into.problems.append(f"{source}, line {n}: not JSON")
            continue
        why = check_row(r)
        if why:
            into.problems.append(f"{source}, line {n}: not a row of the common format ({why})")
            continue
        into.add(r)
        found += 1
    return found


def run_benches(names: list[str], quick: bool, json_out: Path | None, into: Collected) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    for bench in BENCHES:
        if names and bench.name not in names:
            continue
        args = bench.quick if quick else bench.full
        with tempfile.TemporaryDirectory(prefix="zwgk-figures-") as tmp:
            out = Path(tmp) / "rows.jsonl"
            cmd = [sys.executable, str(HERE / f"{bench.name}.py"), *args, "--json-out", str(out)]
            print(f"== {bench.name} {' '.join(args)}", flush=True)
            # its own lines go straight through (a full run takes a while); its stderr is kept for the reason
            proc = subprocess.run(cmd, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True, errors="replace")
            if proc.returncode != 0:
                last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1].replace(str(out), "FILE")
                into.problems.append(f"{bench.name}: exit {proc.returncode}: {last}")
            found = read_rows(out, into, bench.name) if out.exists() else 0
            if not found and proc.returncode == 0:
                into.problems.append(f"{bench.name}: no row in the common format")
            if json_out is not None and out.exists():
                with open(json_out, "a", encoding="utf-8") as fh:
                    fh.write(out.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- rendering


def number(value: float, unit: str) -> str:
    if unit == "items":
        return f"{value:,.0f}"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"
    if value < 1:
        return f"{value:.3f} s"
    if value < 10:
        return f"{value:.2f} s"
    return f"{value:.1f} s" if value < 100 else f"{value:,.0f} s"


def with_memory(text: str, mb: float | None) -> str:
    return text if mb is None else f"{text}, {mb:,.0f} MB"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_row(r: dict[str, Any]) -> str:
    unit = r["unit"]
    ours = with_memory(number(r["ours"], unit), r["ours_mem_mb"])
    if r["baseline_value"] is not None:
        base = with_memory(number(r["baseline_value"], unit), r["baseline_mem_mb"])
        baseline = f"{r['baseline']}: {base}" if r["baseline"] else base
    else:
        baseline = r["baseline"]
    ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}" if r["ratio"] < 10 else f"{r['ratio']:.1f}"
    met = {True: "yes", False: "**no**", None: ""}[r["met"]]
    return "| " + " | ".join(cell(c) for c in (r["work"], ours, baseline, ratio, r["goal"], met)) + " |"


def bench_order(r: dict[str, Any]) -> int:
    names = [b.name.removeprefix("bench_") for b in BENCHES]
    return names.index(r["bench"]) if r["bench"] in names else len(names)


def render(collected: Collected, *, quick: bool = False, when: datetime | None = None) -> str:
    """The Markdown block: a line on how it was measured, the table, then what gave no rows."""
    when = when or datetime.now(timezone.utc)
    intro = (
        f"Generated by `bench/figures.py`{' --quick (small sizes: a smoke test, not figures)' if quick else ''} "
        f"on {when:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, Python {platform.python_version()}. Every "
        "baseline comes from the same run, alternated with ours (medians); memory is each measured process's "
        "own peak (Linux VmHWM)."
    )
    lines = [
        *textwrap.wrap(intro, 110, break_long_words=False, break_on_hyphens=False),
        "",
        "| work | ours | baseline (same run) | ratio | goal | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    rows = sorted(collected.rows, key=bench_order)  # stable: each script's own order within it
    lines += [render_row(r) for r in rows]
    if not rows:
        lines.append("| (no rows) | | | | | |")
    if collected.problems:
        lines.append("")
        lines.append("Not in the table (no rows in the common format):")
        lines.append("")
        lines += [f"- {cell(p)}" for p in collected.problems]
    return "\n".join(lines)


def replace_block(readme: str, block: str) -> str:
    """``readme`` with the text between the markers replaced by ``block``."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README has no {BEGIN} … {END} block")
    return readme[: start + len(BEGIN)] + "\n" + block + "\n" + readme[end:]


def write_readme(path: Path, block: str) -> None:
    text = replace_block(path.read_text(encoding="utf-8"), block)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="sources", type=Path, nargs="+", metavar="FILE",
                    help="render rows from these JSON Lines files instead of running the benches")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke test of the machinery")
    ap.add_argument("--only", nargs="+", default=[], choices=[b.name for b in BENCHES], metavar="NAME",
                    help="run only these bench scripts")
    ap.add_argument("--json-out", type=Path, help="also keep every row collected in this JSON Lines file")
    ap.add_argument("--write-readme", action="store_true", help="replace the figures block of the README")
    ap.add_argument("--readme", type=Path, default=REPO / "README.md", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    collected = Collected()
    for path in args.sources or []:
        read_rows(path, collected)
    if not args.sources or args.only:  # with --from, --only runs those scripts again and replaces their rows
        run_benches(args.only, args.quick, args.json_out, collected)
    block = render(collected, quick=args.quick)
    print(block)
    if args.write_readme:
        write_readme(args.readme, block)
        print(f"written: {args.readme}")
    return 0 if collected.rows else 1


if __name__ == "__main__":
    raise SystemExit(main())
